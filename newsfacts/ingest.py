"""Raw bytes -> RawDocument(s). Pure: the flow reads the bytes, this decides what they say.

Never loses a file: anything that cannot become text raises `IngestError` with a reason, and the
flow quarantines the file by name in `rejects`.
"""

from __future__ import annotations

import codecs
import json
import os
import re
import unicodedata
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

# resource bounds (the flow reads the environment at call time; tests pass explicit values)
DEFAULT_MAX_LINE_CHARS = 100_000
DEFAULT_MAX_LINES = 50_000  # also the most records read from one JSONL file
MAX_RECORD_ERRORS = 100  # bad records reported one by one per JSONL file before it is given up


def max_line_chars() -> int:
    """Longest line (characters) a document may have: NEWSFACTS_MAX_LINE_CHARS, default 100,000."""
    return _env_int("NEWSFACTS_MAX_LINE_CHARS", DEFAULT_MAX_LINE_CHARS)


def max_lines() -> int:
    """Most lines a document may have: NEWSFACTS_MAX_LINES, default 50,000."""
    return _env_int("NEWSFACTS_MAX_LINES", DEFAULT_MAX_LINES)


def _env_int(key: str, default: int) -> int:
    try:
        value = int(os.environ.get(key, default))
    except ValueError:
        return default
    return value if value > 0 else default


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
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
    odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, name: str = "") -> tuple[str, str]:
    """Bytes -> (text, encoding). Repairs mojibake, normalises newlines; raises IngestError."""
    if not data.strip():
        raise IngestError("empty_file", f"{name}: file is empty")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise IngestError("binary_file", f"{name}: binary content ({what}), not text")
    encoding = _detect_bom(data) or _looks_utf16_without_bom(data)
    text: str | None = None
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise IngestError(
                "undecodable", f"{name}: declared {encoding} but bytes do not decode: {e}"
            ) from e
    else:
        if b"\x00" in data[:65536]:
            raise IngestError("binary_file", f"{name}: NUL bytes in the content, not text")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            text, encoding = _decode_legacy(data, name)
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
    return text, encoding


def _decode_legacy(data: bytes, name: str) -> tuple[str, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise IngestError("undecodable", f"{name}: no character encoding decodes these bytes")
    return str(best), best.encoding


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
    A document with a line over ``line_chars`` characters (default `max_line_chars()`) or more than
    ``line_count`` lines (default `max_lines()`) is quarantined whole (``line_too_long`` /
    ``too_many_lines``): such text is a dump, minified markup or an attack, not an article, and
    splitting it would publish invented paragraphs. The bound applies to the document text (for
    HTML after extraction, for JSONL per record), never to raw markup or a JSONL line.
    """
    suffix = suffix_of(name)
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError("unsupported_format", f"{name}: unsupported file type {suffix!r}")
    bounds = (line_chars or max_line_chars(), line_count or max_lines())
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
    merged["extractor"] = "trafilatura"  # the cleaner keeps what the extractor kept unless sure (clean.py)
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
