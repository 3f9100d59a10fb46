"""Raw bytes -> RawDocument(s). Pure: the flow reads the bytes, this decides what they say.

Never loses a file: anything that cannot become text raises `IngestError` with a reason, and the
flow quarantines the file by name in `rejects`.
"""

from __future__ import annotations

import codecs
import functools
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import ftfy

from newsfacts.ids import sha256_hex

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

# magic numbers of common binary formats a scraper may drop into the raw dir
_BINARY_MAGIC = (
    (b"%PDF", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
)
# repair mojibake only: keep the publisher's quotes, widths and line breaks as they were
_FTFY = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_character_width=False, fix_line_breaks=False, normalization="NFC"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# C0/C1 controls, bidi overrides and line/paragraph separators: never allowed in a metadata hint
_HINT_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# a DOCTYPE with its internal subset (entity declarations): removed before any HTML parser sees it, so
# no parser can resolve an external entity (XXE) or expand nested ones ("billion laughs"). Possessive
# and never failing once "<!DOCTYPE" matched, so one linear pass.
_DOCTYPE = re.compile(r"<!DOCTYPE(?:[^\[>]++|\[[^\]]*+\]?)*+>?", re.I)
_ENTITY_DECL = re.compile(r"<!ENTITY[^>]*+>?", re.I)
_SURROGATE = re.compile(r"[\ud800-\udfff]")

# resource bounds (flows.config reads NEWSFACTS_MAX_LINE_CHARS / NEWSFACTS_MAX_LINES and passes them)
DEFAULT_MAX_LINE_CHARS = 100_000
DEFAULT_MAX_LINES = 50_000  # also the most records read from one JSONL file
MAX_RECORD_ERRORS = 100  # bad records reported one by one per JSONL file before it is given up


class IngestError(ValueError):
    """A raw input that cannot become article text; `check` is a short code, str() the reason."""

    def __init__(self, check: str, reason: str, source: str | None = None):
        super().__init__(reason)
        self.check = check
        self.reason = reason
        self.source = source  # the record it concerns when narrower than the file (JSONL "file#line")


@dataclass
class RawDocument:
    source_file: str  # relative to the raw dir; JSONL records are "file.jsonl#<line>"
    text: str
    encoding: str
    content_sha256: str
    source_format: str  # txt | html | jsonl
    hints: dict[str, Any] = field(default_factory=dict)  # title / published / author / publisher / url


def _detect_bom(data: bytes) -> str | None:
    for bom, enc in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return enc
    return None


def _looks_utf16_without_bom(data: bytes) -> str | None:
    """The UTF-16 byte order the NUL bytes point to: ASCII characters (spaces, digits, Latin letters)
    are a NUL high byte, odd positions in little-endian, even ones in big-endian. Only a hint: in CJK
    text a NUL is as often a low byte ("一" is U+4E00)."""
    sample = data[:_SAMPLE_BYTES]
    even_nul, odd_nul = sample[0::2].count(0), sample[1::2].count(0)
    if odd_nul > 9 * even_nul:
        return "utf-16-le"
    if even_nul > 9 * odd_nul:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str = "") -> tuple[str, str]:
    """Bytes -> (text, encoding). Repairs mojibake, normalises newlines; raises IngestError.

    A BOM decides; else bytes with NULs are UTF-16 or binary, valid UTF-8 is UTF-8, and anything else
    is the most plausible of the common legacy encodings (`_decode_legacy`)."""
    if not data.strip():
        raise IngestError("empty_file", f"{name}: file is empty")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise IngestError("binary_file", f"{name}: binary content ({what}), not text")
    encoding = _detect_bom(data)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise IngestError(
                "undecodable", f"{name}: declared {encoding} but bytes do not decode: {e}"
            ) from e
    elif b"\x00" in data[:_SAMPLE_BYTES]:  # UTF-16 or binary; the byte order the NULs suggest goes first
        order = ("utf-16-be", "utf-16-le") if _looks_utf16_without_bom(data) == "utf-16-be" else _UTF16
        text, encoding = _decode_legacy(data, name, order)
    else:
        text, encoding = _decode_utf8_or_legacy(data, name)
    return _normalise_decoded(text, encoding, name), encoding


def _decode_utf8_or_legacy(data: bytes, name: str) -> tuple[str, str]:
    """Valid UTF-8 is UTF-8 unless it reads like UTF-16 taken a byte at a time ("Y0T0D0" for "すごい",
    ASCII and valid UTF-8 but for the checks `_c0_control` and `_alternate_repeat`)."""
    try:
        utf8 = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_legacy(data, name, LEGACY_ENCODINGS)
    sample = _Reading.of("utf-8", utf8[: _SAMPLE_BYTES // 2])
    if not (_c0_control(sample) or _alternate_repeat(sample)):
        return utf8, "utf-8"
    try:
        return _decode_legacy(data, name, LEGACY_ENCODINGS)
    except IngestError:
        return utf8, "utf-8"


def _normalise_decoded(text: str, encoding: str, name: str) -> str:
    text = text.lstrip("\ufeff")
    if _CONTROL.sub("", text) != text:
        bad = len(_CONTROL.findall(text[:100000]))
        if bad > max(8, len(text[:100000]) // 100):
            raise IngestError("binary_file", f"{name}: {bad} control characters, looks binary")
        text = _CONTROL.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = ftfy.fix_text(text, _FTFY)
    if not text.strip():
        raise IngestError("empty_file", f"{name}: no text after decoding")
    if _printable_share(text) < 0.85:
        raise IngestError("binary_file", f"{name}: decoded text is mostly unprintable ({encoding})")
    return text


# ---- legacy encodings: a small table of candidates, checked, the best-fitting one wins ----------------

_SAMPLE_BYTES = 65536  # the checks read this much; the winner then decodes the whole file
# candidates in order of prior (how common each is for news that is not UTF-8). Latin-1 text is
# cp1252 text (they differ only in 0x80-0x9F, C1 controls in Latin-1); EUC-KR and Shift-JIS come
# before their Windows supersets so that the standard name is recorded when both decode.
LEGACY_ENCODINGS = (
    "cp1252",  # Western European
    "cp1250",  # Central European: Polish, Czech, Slovak, Hungarian, Croatian, Romanian
    "cp1251",  # Cyrillic: Russian, Bulgarian, Ukrainian, Serbian
    "gb18030",  # Simplified Chinese (superset of GB2312 and GBK)
    "euc_kr",
    "cp949",  # Korean (Windows superset of EUC-KR)
    "big5",
    "cp950",  # Traditional Chinese (Windows superset of Big5)
    "shift_jis",
    "cp932",  # Japanese (Windows superset of Shift-JIS)
    "utf-16-le",  # UTF-16 without BOM and without a single NUL byte (CJK text with no ASCII in it)
    "utf-16-be",
)
_UTF16 = ("utf-16-le", "utf-16-be")

# lower-case letters outside ASCII that each language writes, (common ones, rare ones): a decoding
# whose letters no language writes all of ("Café ... Ł5m", cp1252 read as cp1250) is less plausible
# than one whose letters one language does ("Café ... £5m"), and rare letters count half
_ALPHABETS = {
    "fr": ("éèàêçôû", "âæëîïœùüÿ"),
    "de": ("äöüß", ""),
    "es": ("áéíñóú", "ü"),
    "pt": ("áâãçéêíóõú", "àô"),
    "it": ("àèéìòù", "íîó"),
    "ca": ("àçèéíòóú", "ïü"),
    "nl": ("éë", "áïóöü"),
    "da/no": ("åæø", "é"),
    "sv/fi": ("åäö", "éšž"),
    "is": ("áæðéíóöúýþ", ""),
    "pl": ("ąćęłńóśźż", ""),
    "cs": ("áčéěířšúůýž", "ďňóť"),
    "sk": ("áäčéíľňóôšťúýž", "ďĺŕ"),
    "hr/sl/bs": ("čćđšž", ""),
    "hu": ("áéíóöőúüű", ""),
    "ro": ("ăâîșțşţ", ""),  # cp1250 has only the cedilla forms
    "tr": ("çğıöşü", "âî"),
    "et": ("äöõü", "šž"),
    "lv": ("āčēģīķļņšūž", ""),
    "lt": ("ąčęėįšųūž", ""),
    "sq": ("çë", ""),
    "ru": ("абвгдежзийклмнопрстуфхцчшщъыьэюя", "ё"),
    "bg": ("абвгдежзийклмнопрстуфхцчшщъьюя", ""),
    "uk": ("абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", ""),
    "be": ("абвгдеёжзійклмнопрстуўфхцчшыьэюя", ""),
    "sr": ("абвгдђежзијклљмнњопрстћуфхцчџш", ""),
    "mk": ("абвгдѓежзѕијклљмнњопрстќуфхцчџш", ""),
    "el": ("αβγδεζηθικλμνξοπρσςτυφχψωάέήίόύώ", "ϊϋΐΰ"),
}
_ALPHABET_SETS = tuple((frozenset(common + rare), frozenset(common)) for common, rare in _ALPHABETS.values())


_ALPHABETIC = frozenset({"LATIN", "CYRILLIC", "GREEK"})
# ASCII letters that look like Cyrillic or Greek ones: "cети" with a Latin "c" is a typo, not mojibake
# (the other way round, "evaluaciуn" with a Cyrillic "у", is cp1252 read as cp1251)
_HOMOGLYPHS = frozenset("aceopxyijsABCEHIJKMOPSTXYZ")
# name words of letters that belong to no script of their own (modifier apostrophe, math letters ...)
_NO_SCRIPT = frozenset(
    {
        "LATIN",
        "MODIFIER",
        "COMBINING",
        "SUPERSCRIPT",
        "SUBSCRIPT",
        "SMALL",
        "SCRIPT",
        "DOUBLE-STRUCK",
        "MATHEMATICAL",
        "PLANCK",
        "TURNED",
        "INVERTED",
        "BLACK-LETTER",
        "ROMAN",
        "UNKNOWN",
    }
)
_GROUP_ALIAS = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "KATAKANA-HIRAGANA": "CJK", "IDEOGRAPHIC": "CJK"}
_WORD = re.compile(r"[^\W\d_]+")
# symbols a wrong single-byte code page puts inside words ("Rz¹d", "bud¿etu", "przysz³y")
_ALPHA = "A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff"
_IN_WORD_SYMBOL = re.compile(
    rf"(?<=[{_ALPHA}])[\u00a1-\u00b6\u00b8-\u00bf\u00d7\u00f7\u2020-\u2022\u2030\u2116\u2122](?=[{_ALPHA}])"
    rf"|(?<=[{_ALPHA}])(?<!m)[\u00b9\u00b2\u00b3]"  # "Pracowa³" (m² and m³ are fine)
)
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F)) + b"\t\n\r"
_C1 = re.compile(r"[\x80-\x9f]")
_ODD = frozenset({"Co", "Cn", "Cs"})  # private use, unassigned, lone surrogate
_C0 = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_PREFIX_CHAR = re.compile(r"[^\W\d_A-Z]")  # a letter that is not ASCII upper case
_LOWER_CHAR = re.compile(r"[a-z\u00df-\u00ff\u0430-\u045f]")
_UPPER_CHAR = re.compile(r"[A-Z\u00c0-\u00de\u0400-\u042f]")
_SPACED_HAN = re.compile(r"[\u3400-\u9fff]\s+(?=[\u3400-\u9fff])")
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff66-\uff9f"
_KANA = re.compile(r"[\u3041-\u30ff]")
_CJK_INSIDE = re.compile(rf"(?<=[a-z\u00df-\u024f])[{_CJK}](?=[a-z\u00df-\u024f])")  # "a駉s"
_CJK_GLUED = re.compile(rf"(?<=[A-Za-z\u00c0-\u024f])[{_CJK}]+|[{_CJK}]+(?=[A-Za-z\u00c0-\u024f])")
_KOREAN_RUN = re.compile(r"[\u3400-\u9fff\uac00-\ud7a3\uf900-\ufaff]+")


@functools.lru_cache(maxsize=65536)
def _group(ch: str) -> str:
    """The script a letter belongs to, from its Unicode name: LATIN, CYRILLIC, CJK (Han and kana), HANGUL ..."""
    if ch < "\u0250":
        return "LATIN"  # with the feminine and masculine ordinals and the micro sign of Latin-1
    first, _, rest = unicodedata.name(ch, "UNKNOWN").partition(" ")
    if first in ("HALFWIDTH", "FULLWIDTH"):
        first = rest.partition(" ")[0]
    return _GROUP_ALIAS.get(first, first)


@dataclass(frozen=True)
class _Reading:
    """One candidate decoding of the sample, with what the checks look at."""

    encoding: str
    text: str
    words: list[str]
    groups: Counter[str]  # script -> letters

    @classmethod
    def of(cls, encoding: str, text: str) -> _Reading:
        words = _WORD.findall(text)
        return cls(encoding, text, words, Counter(_group(ch) for w in words for ch in w))

    def misfit(self) -> float:
        """How badly the letters outside ASCII fit the best-fitting language: each letter it does not
        write counts 1, each it writes rarely 0.5. "Café ... £5m" 0, "Café ... Ł5m" 1; CJK text 0."""
        letters = Counter(
            ch for w in self.words for ch in w.lower() if ch >= "\xc0" and _group(ch) in _ALPHABETIC
        )
        if not letters:
            return 0.0
        return min(
            sum(n if ch not in a else 0.5 * n for ch, n in letters.items() if ch not in common)
            for a, common in _ALPHABET_SETS
        )


def _more_than_stray(count: int, size: int, per: int) -> bool:
    """Whether ``count`` oddities in ``size`` characters or words are more than one stray per ``per``:
    in a short text one is too many, a long document may carry a stray one of its publisher's."""
    return count > size / per


def _c1_control(r: _Reading) -> str | None:
    bad = _C1.findall(r.text)
    if _more_than_stray(len(bad), len(r.text), 2000):
        return f"{len(bad)} C1 control characters (U+{ord(bad[0]):04X} ...)"
    return None


def _c0_control(r: _Reading) -> str | None:
    bad = len(_C0.findall(r.text.rstrip("\x1a")))  # SUB (^Z) ends old DOS files
    if bad > len(r.text) / 1000:
        return f"{bad} control characters (UTF-16 read one byte at a time has one in every few)"
    return None


def _alternate_repeat(r: _Reading) -> str | None:
    halves = (r.text[0::2], r.text[1::2])
    for half, other in (halves, halves[::-1]):
        if len(half) >= 6:
            ch, n = Counter(half).most_common(1)[0]
            if (
                n > 0.35 * len(half)
                and other.count(ch) < 0.1 * len(other)
                and not (ch.isspace() or ch.isalpha())
            ):
                return f"{ch!r} at {n} of {len(half)} alternate positions (UTF-16 read one byte at a time)"
    return None


def _private_or_unassigned(r: _Reading) -> str | None:
    bad = [ch for ch in r.text if ch >= "\u0370" and (ch == "\ufffd" or unicodedata.category(ch) in _ODD)]
    if _more_than_stray(len(bad), len(r.text), 2000):
        return f"{len(bad)} private-use or unassigned characters (U+{ord(bad[0]):04X} ...)"
    return None


def _mixed_script_word(r: _Reading) -> str | None:
    mixed = [w for w in r.words if len({_group(ch) for ch in w if ch not in _HOMOGLYPHS} & _ALPHABETIC) > 1]
    if _more_than_stray(len(mixed), len(r.words), 300):
        return f"{len(mixed)} words mix Latin, Cyrillic or Greek letters ({mixed[0]!r} ...)"
    return None


def _symbol_in_word(r: _Reading) -> str | None:
    found = _IN_WORD_SYMBOL.findall(r.text)
    if _more_than_stray(len(found), len(r.words), 300):
        return f"{len(found)} symbols inside words ({found[0]!r} ...)"
    return None


def _accented_latin(r: _Reading) -> str | None:
    latin = [ch for w in r.words for ch in w if _group(ch) == "LATIN"]
    accented = sum(1 for ch in latin if ch > "\x7f")
    if accented >= 5 and accented > 0.35 * len(latin):
        return f"{accented} of {len(latin)} Latin letters are accented (a Latin language has few)"
    return None


def _flips_case(word: str) -> bool:
    """Whether a lower-case letter is followed by an upper-case one inside the word, after a run of
    letters that are not ASCII capitals ("caFé" read in the wrong code page: "ÐÎÑÑÈß" is fine).
    A scan, linear in the word (the regex form backtracked quadratically on long runs)."""
    for j in range(1, len(word)):
        if _LOWER_CHAR.fullmatch(word[j - 1]) and _UPPER_CHAR.fullmatch(word[j]):
            return True
        if not _PREFIX_CHAR.fullmatch(word[j - 1]):
            return False
    return False


def _case_inside_words(r: _Reading) -> str | None:
    flips = sum(1 for w in r.words if len(w) > 2 and _flips_case(w))
    if flips >= 3 and flips > 0.15 * len(r.words):
        return f"{flips} of {len(r.words)} words change from lower to upper case inside"
    return None


def _script_mix(r: _Reading) -> str | None:
    letters = sum(r.groups.values())
    scripts = {g for g, n in r.groups.items() if _more_than_stray(n, letters, 1000)} - _NO_SCRIPT
    if "HANGUL" in scripts:
        scripts.discard("CJK")  # Korean writes Han characters too (`_hanja_share` bounds them)
    if len(scripts) > 1:
        return f"letters of {len(scripts)} scripts ({', '.join(sorted(scripts))})"
    return None


def _hanja_share(r: _Reading) -> str | None:
    hangul, han = r.groups["HANGUL"], r.groups["CJK"]
    if hangul >= 2 and han > 0.1 * (han + hangul):
        return f"Korean text with {han} Han characters to {hangul} Hangul syllables"
    return None


def _rare_hangul(r: _Reading) -> str | None:
    syllables = [ch for w in r.words for ch in w if "\uac00" <= ch <= "\ud7a3"]
    rare = sum(1 for ch in syllables if not _in_codec(ch, "euc_kr"))
    if rare > 0.2 * len(syllables):
        return f"{rare} of {len(syllables)} Hangul syllables are outside KS X 1001's 2,350 common ones"
    return None


def _unspaced_korean(r: _Reading) -> str | None:
    hangul, han = r.groups["HANGUL"], r.groups["CJK"]
    runs = len(_KOREAN_RUN.findall(r.text))
    if hangul >= 5 and hangul + han >= 15 and hangul + han > 6 * runs:
        return f"Korean text with {hangul + han} syllables in {runs} runs (Korean puts spaces between words)"
    return None


def _cjk_in_latin_word(r: _Reading) -> str | None:
    found = _CJK_INSIDE.findall(r.text)
    if r.groups["LATIN"] >= 0.9 * sum(r.groups.values()):
        found += _CJK_GLUED.findall(r.text)
    if _more_than_stray(len(found), len(r.words), 300):
        return f"{len(found)} CJK characters glued to Latin words ({found[0]!r} ...)"
    return None


def _symbol_soup(r: _Reading) -> str | None:
    chars = [ch for ch in r.text if not ch.isspace()]
    symbols = sum(1 for ch in chars if ch > "\x7f" and not ch.isalnum())
    if symbols >= 4 and symbols > 0.4 * len(chars):
        return f"{symbols} of {len(chars)} characters are symbols outside ASCII"
    return None


def _repeated_low_byte(r: _Reading) -> str | None:
    wide = [ord(ch) & 0xFF for ch in r.text if ch >= "\u0370" and ch.isalpha()]
    if len(wide) >= 12:
        low, n = Counter(wide).most_common(1)[0]
        if n > 0.35 * len(wide):
            return f"{n} of {len(wide)} characters are U+xx{low:02X} (UTF-16 read in the wrong byte order)"
    return None


def _rare_han(r: _Reading) -> str | None:
    han = [ch for w in r.words for ch in w if "\u3400" <= ch <= "\u9fff"]
    rare = sum(1 for ch in han if not _in_codec(ch, "gb2312"))
    if _KANA.search(r.text):
        return None  # Japanese: its kanji forms ("雰囲気") are often not GB2312's
    if len(han) >= 3 and rare > 0.8 * len(han):
        return f"{rare} of {len(han)} Han characters are outside GB2312's 6,763 common ones"
    return None


def _spaced_han(r: _Reading) -> str | None:
    gaps = len(_SPACED_HAN.findall(r.text))
    if gaps >= 2 and gaps > r.groups["CJK"] / 8:
        return f"{gaps} spaces between Han characters (Chinese and Japanese leave none)"
    return None


def _halfwidth_kana(r: _Reading) -> str | None:
    half = sum(1 for w in r.words for ch in w if "\uff61" <= ch <= "\uff9f")
    if half >= 3 and half > 0.2 * sum(r.groups.values()):
        return f"{half} half-width katakana (legacy double-byte text read as Shift-JIS)"
    return None


@functools.lru_cache(maxsize=16384)
def _in_codec(ch: str, codec: str) -> bool:
    """Whether ``codec`` has ``ch`` in its double-byte table (Python's euc_kr spells the syllables
    KS X 1001 lacks as 8-byte jamo sequences: those do not count)."""
    try:
        return len(ch.encode(codec)) == 2
    except UnicodeEncodeError:
        return False


# every check a decoding must pass; each returns None or the reason the decoding is implausible
_PLAUSIBILITY: tuple[tuple[str, Callable[[_Reading], str | None]], ...] = (
    ("c1_control", _c1_control),  # "Lotte\x92s": cp1252 read as Latin-1
    ("c0_control", _c0_control),  # "\x02" from "。" (U+3002) read as cp1252
    ("alternate_repeat", _alternate_repeat),  # "Y0T0D0" from "すごい" read as cp1252
    ("private_or_unassigned", _private_or_unassigned),
    ("mixed_script_word", _mixed_script_word),  # "Cafй": cp1252 read as cp1251
    ("symbol_in_word", _symbol_in_word),  # "Rz¹d": cp1250 read as cp1252
    ("accented_latin", _accented_latin),  # "Ðîññèÿ": cp1251 read as cp1252
    ("case_inside_words", _case_inside_words),  # "гЕОФТБМШОЩК": KOI8-R read as cp1251
    ("script_mix", _script_mix),  # Yi, Hangul and Han at once: bytes read as the wrong UTF-16
    ("cjk_in_latin_word", _cjk_in_latin_word),  # "Est疣": "Están" in cp1252 read as Shift-JIS
    ("symbol_soup", _symbol_soup),  # "‚»‚¤‚¾‚ë?": "そうだろ?" in Shift-JIS read as cp1252
    ("repeated_low_byte", _repeated_low_byte),  # "地䬰地㝟": UTF-16-BE read as UTF-16-LE
    ("hanja_share", _hanja_share),  # GB18030 read as EUC-KR
    ("unspaced_korean", _unspaced_korean),  # GB18030 read as EUC-KR
    ("rare_han", _rare_han),  # Shift-JIS read as GB18030
    ("rare_hangul", _rare_hangul),  # Shift-JIS read as cp949
    ("spaced_han", _spaced_han),  # EUC-KR read as GB18030
    ("halfwidth_kana", _halfwidth_kana),  # GB18030 or EUC-KR read as Shift-JIS
)


def implausibility(reading: _Reading) -> tuple[str, str] | None:
    """(check, reason) of the first plausibility check ``reading`` fails, or None."""
    for check, fn in _PLAUSIBILITY:
        reason = fn(reading)
        if reason:
            return check, reason
    return None


def _read_sample(data: bytes, encoding: str) -> str | None:
    """The first _SAMPLE_BYTES decoded strictly (a character cut at the end is left out), or None."""
    try:
        decoder = codecs.getincrementaldecoder(encoding)("strict")
        return decoder.decode(data[:_SAMPLE_BYTES], final=len(data) <= _SAMPLE_BYTES)
    except UnicodeDecodeError:
        return None


def rank_decodings(data: bytes, encodings: tuple[str, ...]) -> tuple[list[_Reading], dict[str, str]]:
    """Plausible readings of ``data``, best first, and why each other encoding was refused.

    Best: fewest letters no single language writes (`_Reading.misfit`), then the earlier encoding."""
    kept: list[tuple[float, int, _Reading]] = []
    refused: dict[str, str] = {}
    for prior, encoding in enumerate(encodings):
        text = _read_sample(data, encoding)
        if text is None:
            refused[encoding] = "bytes do not decode"
            continue
        reading = _Reading.of(encoding, text)
        verdict = implausibility(reading)
        if verdict:
            refused[encoding] = f"{verdict[0]}: {verdict[1]}"
            continue
        kept.append((reading.misfit(), prior, reading))
    return [r for _, _, r in sorted(kept, key=lambda k: k[:2])], refused


def _keeps_ascii(encoding: str) -> bool:
    try:
        return _PRINTABLE_ASCII.decode(encoding) == _PRINTABLE_ASCII.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def _decode_legacy(data: bytes, name: str, encodings: tuple[str, ...]) -> tuple[str, str]:
    """The most plausible decoding among ``encodings``, then among all charset-normalizer knows."""
    readings, refused = rank_decodings(data, encodings)
    for reading in readings:
        try:
            return data.decode(reading.encoding), reading.encoding
        except UnicodeDecodeError as e:  # the sample decoded, a later byte does not
            refused[reading.encoding] = f"bytes do not decode past the sample ({e.reason})"
    if encodings == LEGACY_ENCODINGS:  # NUL bytes mean UTF-16 or binary, nothing charset-normalizer adds
        from charset_normalizer import from_bytes

        # a less common encoding must keep ASCII as ASCII (no EBCDIC, no UTF-7) and spell letters one
        # language writes ("KandidŠt" is cp1250 read as mac_latin2)
        others = tuple(
            m.encoding for m in from_bytes(data) if m.encoding not in refused and _keeps_ascii(m.encoding)
        )
        for reading in rank_decodings(data, others)[0]:
            if reading.misfit() >= 1:
                continue
            try:
                return data.decode(reading.encoding), reading.encoding
            except UnicodeDecodeError:
                continue
    if encodings != LEGACY_ENCODINGS:
        raise IngestError(
            "binary_file", f"{name}: NUL bytes in the content and no plausible UTF-16, not text"
        )
    why = "; ".join(f"{enc}: {reason}" for enc, reason in refused.items())
    raise IngestError("undecodable", f"{name}: no plausible character encoding ({why})")


def _printable_share(text: str) -> float:
    sample = text[:20000]
    if not sample:
        return 0.0
    ok = sum(1 for ch in sample if ch.isprintable() or ch in "\n\t")
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Co", "Cn") or ch == "\ufffd")
    return (ok - bad) / len(sample)


def suffix_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return "." + base.rsplit(".", 1)[-1].lower() if "." in base else ""


def parse_raw(
    name: str,
    data: bytes,
    *,
    line_chars: int | None = None,
    line_count: int | None = None,
) -> tuple[list[RawDocument], list[IngestError]]:
    """One raw file -> documents, plus per-record errors (a JSONL line that fails is one error).

    Raises only `IngestError`: an unexpected failure of a parser on hostile bytes (deep nesting,
    a library bug) is turned into one with check ``parse_error``, so the flow quarantines the file.
    A document with a line over ``line_chars`` characters (default `DEFAULT_MAX_LINE_CHARS`) or more than
    ``line_count`` lines (default `DEFAULT_MAX_LINES`) is quarantined whole (``line_too_long`` /
    ``too_many_lines``): such text is a dump, minified markup or an attack, not an article, and
    splitting it would publish invented paragraphs. The bound applies to the document text (for
    HTML after extraction, for JSONL per record), never to raw markup or a JSONL line.
    """
    suffix = suffix_of(name)
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError("unsupported_format", f"{name}: unsupported file type {suffix!r}")
    bounds = (line_chars or DEFAULT_MAX_LINE_CHARS, line_count or DEFAULT_MAX_LINES)
    try:
        return _parse(name, suffix, data, bounds)
    except IngestError:
        raise
    except Exception as e:  # noqa: BLE001 - hostile input (RecursionError, MemoryError ...): quarantine
        raise IngestError("parse_error", f"{name}: could not parse ({type(e).__name__}: {e})") from e


def _parse(
    name: str, suffix: str, data: bytes, bounds: tuple[int, int]
) -> tuple[list[RawDocument], list[IngestError]]:
    text, encoding = decode_bytes(data, name)
    if suffix in HTML_SUFFIXES:
        doc = _from_html(name, text, encoding, sha256_hex(data))
        check_lines(doc.text, name, *bounds)
        return [doc], []
    if suffix in JSONL_SUFFIXES:
        return _from_jsonl(name, text, encoding, bounds)
    check_lines(text, name, *bounds)
    return [RawDocument(name, text, encoding, sha256_hex(data), "txt")], []


def check_lines(text: str, name: str, line_chars: int, line_count: int) -> None:
    """Raise IngestError when a line of ``text`` is longer than ``line_chars`` or there are more than
    ``line_count`` non-blank lines. Linear: one pass with str.find, nothing copied."""
    i, n, lines, longest, at, lineno = 0, len(text), 0, 0, 0, 0
    if n <= line_chars and text.count("\n") < line_count:
        return
    while i <= n:
        lineno += 1
        j = text.find("\n", i)
        if j < 0:
            j = n
        if j - i > longest:
            longest, at = j - i, lineno
        if j > i and not text[i:j].isspace():
            lines += 1
        i = j + 1
    if longest > line_chars:
        raise IngestError(
            "line_too_long",
            f"{name}: line {at} has {longest} characters, over the limit of {line_chars} "
            "(NEWSFACTS_MAX_LINE_CHARS); not article text",
        )
    if lines > line_count:
        raise IngestError(
            "too_many_lines",
            f"{name}: {lines} non-blank lines, over the limit of {line_count} (NEWSFACTS_MAX_LINES)",
        )


def _from_html(
    name: str,
    html: str,
    encoding: str,
    digest: str,
    hints: dict[str, Any] | None = None,
    source_format: str = "html",
) -> RawDocument:
    import trafilatura

    # trafilatura parses with lxml's HTML parser and never fetches anything (no network, no external
    # DTD, no entity resolution); the DOCTYPE and entity declarations are removed first regardless.
    html = strip_dtd(html)
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True
        )
    except Exception as e:  # noqa: BLE001 - hostile markup (deep nesting ...): quarantine, never crash
        raise IngestError("parse_error", f"{name}: the HTML parser failed ({type(e).__name__}: {e})") from e
    text = getattr(doc, "text", None) if doc is not None else None
    text = sanitize_text(text) if isinstance(text, str) else None
    if not text or not text.strip():
        raise IngestError("no_article_text", f"{name}: the HTML extractor found no article text")
    merged = dict(hints or {})
    for key, attr in (
        ("title", "title"),
        ("published", "date"),
        ("author", "author"),
        ("publisher", "sitename"),
    ):
        value = _str_or_none(getattr(doc, attr, None), _HINT_LIMITS[key])
        if value and not merged.get(key):
            merged[key] = value
    title = merged.get("title")
    if title and not text.lstrip().startswith(title.strip()):
        text = f"{title}\n{text}"
    return RawDocument(name, text, encoding, digest, source_format, merged)


def sanitize_text(s: str) -> str:
    """Text from a JSON string or a parser: lone surrogates (JSON "\\ud800") become U+FFFD, control
    characters go, every line break becomes "\\n" (as `decode_bytes` does for file bytes)."""
    s = _SURROGATE.sub("\ufffd", s)
    s = _CONTROL.sub("", s)
    return s.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")


def strip_dtd(html: str) -> str:
    """Markup without DOCTYPE internal subsets and entity declarations (linear)."""
    if "<!" not in html:
        return html
    return _ENTITY_DECL.sub("", _DOCTYPE.sub("", html))


def _from_jsonl(
    name: str,
    text: str,
    encoding: str,
    bounds: tuple[int, int] = (DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_LINES),
) -> tuple[list[RawDocument], list[IngestError]]:
    """One document per JSON object line, identified only as "<file>#<line>": no field of a record
    (source_file, path, id, url ...) ever names a file, a path or a place to fetch."""
    docs: list[RawDocument] = []
    errors: list[IngestError] = []
    records = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        records += 1
        if records > bounds[1] or len(errors) >= MAX_RECORD_ERRORS:
            # a feed of garbage must not become a million reject rows: one row says where it stopped
            why = (
                f"more than {bounds[1]} records (NEWSFACTS_MAX_LINES)"
                if records > bounds[1]
                else f"{MAX_RECORD_ERRORS} bad records"
            )
            errors.append(
                IngestError("too_many_records", f"{name}: stopped reading at line {lineno} after {why}", name)
            )
            break
        rec_name = f"{name}#{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(IngestError("invalid_json", f"{rec_name}: not a JSON object: {e.msg}", rec_name))
            continue
        except (RecursionError, ValueError) as e:  # nesting deeper than the decoder's stack, huge ints
            errors.append(IngestError("invalid_json", f"{rec_name}: not a JSON object: {e}", rec_name))
            continue
        if not isinstance(rec, dict):
            errors.append(
                IngestError(
                    "invalid_json", f"{rec_name}: a JSON {type(rec).__name__}, not an object", rec_name
                )
            )
            continue
        body = rec.get("text") or rec.get("body") or rec.get("content")
        html = rec.get("html")
        hints = {k: _str_or_none(rec.get(k), _HINT_LIMITS[k]) for k in _HINT_LIMITS}
        digest = sha256_hex(line)
        try:
            if isinstance(body, str) and body.strip():
                body = ftfy.fix_text(sanitize_text(body), _FTFY)
                title = hints.get("title")
                if title and not body.lstrip().startswith(title):
                    body = f"{title}\n{body}"
                check_lines(body, rec_name, *bounds)
                docs.append(RawDocument(rec_name, body, encoding, digest, "jsonl", hints))
            elif isinstance(html, str) and html.strip():
                doc = _from_html(rec_name, _SURROGATE.sub("\ufffd", html), encoding, digest, hints, "jsonl")
                check_lines(doc.text, rec_name, *bounds)
                docs.append(doc)
            else:
                errors.append(
                    IngestError("no_article_text", f"{rec_name}: record has no 'text' field", rec_name)
                )
        except IngestError as e:
            e.source = rec_name
            errors.append(e)
    if not docs and not errors:
        errors.append(IngestError("empty_file", f"{name}: no records"))
    return docs, errors


# longest value kept per hint: a date is short (dateparser costs seconds on a long junk "date")
_HINT_LIMITS = {"title": 2000, "published": 100, "author": 300, "publisher": 300, "url": 2000}


def _str_or_none(v: Any, limit: int = 2000) -> str | None:
    """A metadata hint as one line of printable text (controls and bidi overrides removed), or None.

    Only strings and numbers count: a nested object or list in a JSONL field is not a title."""
    if v is None or isinstance(v, bool) or not isinstance(v, str | int | float):
        return None
    s = _HINT_CONTROL.sub(" ", _SURROGATE.sub("\ufffd", str(v)[:4000]))
    s = " ".join(s.split())
    return s[:limit] or None
