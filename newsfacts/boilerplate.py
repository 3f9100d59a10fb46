"""Line roles: rule signals (vocabularies in newsfacts/data), shape signals, position zones, corpus frequency.

`classify_lines` returns, for every non-blank line, a role and a reason code:

- rule signals: ``cookie:*``, ``legal:*``, ``contact:*``, ``promo:*``, ``nav:*``, ``caption:*``, ``meta:*``,
  ``byline:*``, ``note:*`` (vocabularies are data, `newsfacts/data/boilerplate_phrases.json`);
- shape signals (jusText-like): word count, terminal punctuation, stop-word density, title case;
  ``shape:good`` / ``shape:short_sentence`` / ``shape:heading`` ...;
- position zones: ``zone:header`` (before the title / first body block), ``zone:footer`` (after a legal
  footer or the last body block), ``zone:link_section`` (after "Related stories", "Most read" ...);
- corpus frequency: ``corpus:frequent`` (a line that recurs across documents and is not body-like);
- junk: ``junk:long_token`` (a run of over 1,000 chars without a space that is not letters);
- duplicates: ``dup:exact`` / ``dup:near`` (decided in `newsfacts.dedupe`).

Every regular expression runs on a bounded window of the line, so cost is linear in the input.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from newsfacts import metadata as md
from newsfacts.segment import segment_lines
from newsfacts.textnorm import normalise

GOOD_MIN_WORDS = 10  # fewer words never make the "good" shape (see shape_of)
HEAD_WINDOW = 1500  # chars at the start of a long line examined by phrase rules
# a whitespace-free run longer than this that is not mostly letters ("((((...", '""""...', "$$$$...")
# is not prose (CJK text without spaces is letters); it is labelled junk, never body, so it cannot reach
# the tokenizers of later stages (spaCy's prefix/suffix splitting is quadratic in such a run)
JUNK_TOKEN_CHARS = 1000
TAIL_WINDOW = 120  # chars at the end examined by caption-credit rules
BOILER_ROLES = frozenset({"cookie", "legal", "contact", "navigation", "promo", "metadata"})


# ------------------------------------------------------------------ vocabularies (data files)
_TOK = re.compile(r"\w+")


class PhraseSet:
    """Word-bounded phrase alternation with a token prefilter.

    A regex alternation of ~100 phrases costs O(len x phrases) per line; most lines share no rare word
    with any phrase, so each phrase is keyed by its longest word and the regex only runs when one of
    those keys occurs among the line's tokens (phrases without a word character always run).
    """

    def __init__(self, phrases: Iterable[str]):
        alts = sorted({p for p in phrases if p}, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")
        keys: set[str] = set()
        self.always = False
        for a in alts:
            words = _TOK.findall(a)
            if not words:
                self.always = True
            else:
                keys.add(max(words, key=len))
        self.keys = frozenset(keys)

    def _maybe(self, toks: frozenset[str] | None) -> bool:
        return toks is None or self.always or not self.keys.isdisjoint(toks)

    def search(self, s: str, toks: frozenset[str] | None = None) -> re.Match[str] | None:
        return self.pattern.search(s) if self._maybe(toks) else None

    def findall(self, s: str, toks: frozenset[str] | None = None) -> list[str]:
        return self.pattern.findall(s) if self._maybe(toks) else []

    def fullmatch(self, s: str) -> re.Match[str] | None:
        return self.pattern.fullmatch(s)


def _phrase_re(phrases: Iterable[str]) -> PhraseSet:
    return PhraseSet(phrases)


def _prefix_re(prefixes: Iterable[str]) -> re.Pattern[str]:
    alts = sorted({p for p in prefixes if p}, key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")


@dataclass(frozen=True)
class Vocab:
    cookie_phrase: PhraseSet
    cookie_lines: frozenset[str]
    legal_phrase: PhraseSet
    legal_short: PhraseSet
    legal_prefix: re.Pattern[str]
    contact_prefix: re.Pattern[str]
    nav_lines: frozenset[str]
    nav_prefix: re.Pattern[str]
    section_headers: frozenset[str]
    promo_phrase: PhraseSet
    social: frozenset[str]
    languages: frozenset[str]
    note_prefix: re.Pattern[str]
    note_phrase: PhraseSet
    caption_kw: PhraseSet
    blurb_roles: PhraseSet
    comment_headers: frozenset[str]
    stopwords: frozenset[str]


@functools.cache
def vocab() -> Vocab:
    v = md.vocab()
    stop = resources.files("newsfacts.data").joinpath("stopwords_en.txt").read_text(encoding="utf-8")
    return Vocab(
        cookie_phrase=_phrase_re(v["cookie"]["phrases"]),
        cookie_lines=frozenset(v["cookie"]["lines"]),
        legal_phrase=_phrase_re(v["legal"]["phrases"]),
        legal_short=_phrase_re(v["legal"]["short_phrases"]),
        legal_prefix=re.compile(
            r"^(?:"
            + "|".join(re.escape(p) for p in sorted(v["legal"]["prefixes"], key=len, reverse=True))
            + ")"
        ),
        contact_prefix=_prefix_re(v["contact"]["prefixes"]),
        nav_lines=frozenset(v["navigation"]["lines"]),
        nav_prefix=_prefix_re(v["navigation"]["prefixes"]),
        section_headers=frozenset(v["navigation"]["section_headers"]),
        promo_phrase=_phrase_re(v["promo"]["phrases"]),
        social=frozenset(v["social_names"]),
        languages=frozenset(v["language_names"]),
        note_prefix=_prefix_re(v["note_prefixes"]),
        note_phrase=_phrase_re(v["note_phrases"]),
        caption_kw=_phrase_re(v["caption_keywords"]),
        blurb_roles=_phrase_re(v["blurb_roles"]),
        comment_headers=frozenset(v["comment_headers"]),
        stopwords=frozenset(w.strip() for w in stop.splitlines() if w.strip()),
    )


# ------------------------------------------------------------------ shape features
_STRIP_CORE = " .:;!?|>»›→←·•*#~=_[](){}\"'“”‘’-–—…/\\"
_CLOSERS = "\"'”’)]»」』"
_TERMINAL = ".!?…。！？"
_BULLET = re.compile(r"^(?:[-*•·▪►▸◦‣–—>]|\d{1,2}[.)])\s{1,4}")
_SEPARATORS = re.compile(r"\s[|•·»›/>]\s|\s{0,2}\|\s{0,2}")
_WORD_PUNCT = "\"'“”‘’.,;:!?()[]{}<>«»*#…-–—/|"


@dataclass(slots=True)
class Shape:
    n_words: int
    n_chars: int
    stop_density: float
    terminal: bool  # ends with . ! ? (closing quotes/brackets ignored)
    ends_colon: bool
    starts_upper: bool
    title_case: float  # share of non-stop-words that start with a capital
    bullet: bool
    separators: int
    klass: str  # good | short_sentence | headline | bad
    stops: int = 0  # stop words among the sampled words
    sampled: int = 0  # words sampled for the density
    junk: bool = False  # holds a long run without spaces that is not letters (see JUNK_TOKEN_CHARS)


def shape_of(text: str, *, english: bool = True) -> Shape:
    v = vocab()
    t = text.strip()
    bullet = bool(_BULLET.match(t[:8]))
    if bullet:
        t = _BULLET.sub("", t, count=1)
    words = t.split() if len(t) < 200_000 else t[:200_000].split()
    n = len(words)
    junk = len(t) > JUNK_TOKEN_CHARS and _has_junk_token(t)
    stops = 0
    content = 0
    caps = 0
    for w in words[:150]:
        wl = w.strip(_WORD_PUNCT).lower()
        if wl in v.stopwords:
            stops += 1
        elif wl:
            content += 1
            if w[:1].isupper():
                caps += 1
    sample = min(n, 150) or 1
    density = stops / sample
    end = t.rstrip(_CLOSERS + " ")
    terminal = bool(end) and end[-1] in _TERMINAL
    ends_colon = bool(end) and end[-1] in ":："
    first = t.lstrip("\"'“‘([")[:1]
    starts_upper = first.isupper() or first.isdigit()
    title_case = caps / content if content else 0.0
    seps = len(_SEPARATORS.findall(t[:HEAD_WINDOW]))
    sd_low = 0.22 if english else 0.0
    sd_short = 0.15 if english else 0.0
    if seps >= 3:
        klass = "bad"
    elif (n >= GOOD_MIN_WORDS and terminal and density >= sd_low) or (n >= 30 and density >= sd_low):
        klass = "good"
    elif (
        n >= 3 and (terminal or ends_colon) and starts_upper and (density >= sd_short or n <= 6 and terminal)
    ):
        klass = "short_sentence"
    elif 1 <= n <= 30 and not (terminal and end[-1] == "."):
        klass = "headline"
    else:
        klass = "bad"
    return Shape(
        n,
        len(t),
        density,
        terminal,
        ends_colon,
        starts_upper,
        title_case,
        bullet,
        seps,
        klass,
        stops,
        min(n, 150),
        junk,
    )


def _has_junk_token(t: str) -> bool:
    """A whitespace-free run over JUNK_TOKEN_CHARS chars of which under 80% are letters (linear)."""
    for w in t.split():
        if len(w) > JUNK_TOKEN_CHARS:
            letters = len(w) - len(_LETTERS.sub("", w))
            if letters < 0.8 * len(w):
                return True
    return False


_LETTERS = re.compile(r"[^\W\d_]++")


def document_stop_density(shapes: Sequence[Shape]) -> float:
    """English stop-word share over the document's sampled words (1.0 when empty)."""
    n = sum(s.sampled for s in shapes)
    return sum(s.stops for s in shapes) / n if n else 1.0


# ------------------------------------------------------------------ rule signals
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")
_PHONE = re.compile(r"(?<![\w])(?:\+|00)?\(?\d{1,4}\)?(?:[\s.\-]{0,2}\(?\d{1,5}\)?){2,6}(?![\w])")
_URL = re.compile(r"(?:https?://|www\.)\S{1,200}", re.I)
_STREET = re.compile(
    r"(?i)\b\d{1,5}[a-z]?\s(?:[\w.'’-]{1,25}\s){1,4}(?:street|st|avenue|ave|road|rd|boulevard|blvd|lane|ln|drive|"
    r"dr|way|plaza|square|sq|highway|hwy|place|pl|court|ct|parkway|pkwy|terrace|gil|ro|dong|lu|jie|strasse|straße)\b"
)
_POSTCODE_LINE = re.compile(r"(?i)\b(?:suite|floor|fl\.|room|rm\.|building|bldg|tower|p\.?o\.? box)\s?\d")
_READ_TIME = re.compile(
    r"(?i)^(?:\d{1,3}\s{0,2}(?:-\s{0,2})?(?:min|mins|minute|minutes)\b.{0,20}read|read(?:ing)? time\b"
    r"|[\d,.]{1,9}\s{0,2}k?\s{0,2}(?:comments?|views?|shares?|likes?|reads?|replies)$)"
)
_FONT_WIDGET = re.compile(r"(?i)^(?:a\s{0,2}[+-]?\s{0,3}){2,4}$|^(?:font|text)\s(?:size|resize)")
_PRICE_OFFER = re.compile(
    r"(?:[$£€¥]|usd|eur)\s{0,2}\d{1,4}(?:[.,]\d{1,2})?\s{0,2}(?:/|per|a)\s{0,2}(?:month|week|year|mo|wk)\b"
)
_REPRODUCTION = re.compile(r"reproduc\w{0,10}[^.]{0,80}(?:prohibited|forbidden|not permitted|without)")


def _has_currency(s: str) -> bool:
    return any(c in s for c in "$£€¥") or "usd" in s or "eur" in s


_BREADCRUMB_SPLIT = re.compile(r"\s{0,2}[|•·»›>/]\s{0,2}")
_OFFER_WORDS = re.compile(
    r"\b(?:subscri\w{0,8}|trial|access|offer|membership|member|cancel|sign up|join|digital|unlimited)\b"
)
_SLASH_CREDIT = re.compile(
    r"(?:^|\s)/{1,2}\s{0,2}(?:(?i:photo|image|pic|file photo|photo credit)s?\s{0,2}[:：]\s{0,2})?"
    r"[A-Z][\w&.'’\-]{0,30}(?:\s[A-Z][\w&.'’\-]{0,30}){0,3}\s{0,2}\)?\s{0,2}$"
)
_PAREN_TAIL = re.compile(r"[(\[【]([^()\[\]【】]{2,80})[)\]】]\s{0,2}\.?\s{0,2}$")
_PHOTO_WORD = re.compile(
    r"(?i)\b(?:photos?|photograph(?:er|s)?|pic(?:ture)?s?|images?|credits?|courtesy|file|screenshot|illustration|handout)\b"
)
_CREDIT_TAIL = re.compile(
    r"(?i)(?:^|[\s.;,])(?:photos?|photograph|pictures?|images?|credit|illustration|graphic|video)\s{0,2}"
    r"(?:by|credit|courtesy(?:\sof)?|[:：])\s{0,2}[^.!?]{1,70}$"
)
_AGENCY_SLASH = re.compile(
    r"\b([A-Za-z][\w&.\-]{1,20}(?:\s[A-Za-z][\w&.\-]{1,20}){0,2})\s{0,2}/\s{0,2}[A-Z][\w.'’\-]{1,25}(?:\s[A-Z][\w.'’\-]{1,25}){0,3}\s{0,2}$"
)
_VIA = re.compile(r"(?i)\bvia\s(?:getty images|reuters|ap|afp|shutterstock|bloomberg)\s{0,2}\)?\s{0,2}$")
_TRAILING_AGENCY = re.compile(r"[.!?]\s{1,3}([A-Z][\w&.\-]{1,20}(?:\s[A-Z][\w&.\-]{1,20}){0,2})\s{0,2}$")
_CAPTION_PREFIX = re.compile(
    r"(?i)^[(\[]?\s{0,2}(?:photo|image|picture|caption|pictured|above|top|file photo|photo credit|main image)\s{0,2}[:：|]"
)


def _core(nl: str) -> str:
    return nl.strip(_STRIP_CORE)


def _window(text: str) -> str:
    if len(text) <= HEAD_WINDOW + 500:
        return text
    return text[:HEAD_WINDOW] + " \u2026 " + text[-500:]


def caption_signal(text: str, shape: Shape) -> str | None:
    """Reason code when the line has a photo-credit shape, else None."""
    if shape.n_words > 90 or not text:
        return None
    tail = text[-TAIL_WINDOW:]
    core_tail = tail.rstrip()
    if core_tail[-1:] in ".!?" and core_tail[-2:-1] not in ")]】":
        # every credit shape ends without a full stop, except "(Photo: X)." and a leading label
        return "caption:label" if _CAPTION_PREFIX.match(text[:40]) and shape.n_words <= 60 else None
    if shape.separators < 2 and _SLASH_CREDIT.search(core_tail) and not shape.terminal:
        return "caption:slash_credit"
    if _CAPTION_PREFIX.match(text[:40]) and shape.n_words <= 60:
        return "caption:label"
    m = _PAREN_TAIL.search(core_tail)
    if m:
        inner = m.group(1)
        if _PHOTO_WORD.search(inner):
            return "caption:paren_credit"
        if vocab().caption_kw.search(normalise(inner)) and len(inner.split()) <= 6 and shape.n_words <= 35:
            head = text[: len(text) - len(m.group(0))].rstrip()
            if head and head[-1] in ".!?":
                return "caption:paren_agency"
            if head and not shape.terminal:
                return "caption:paren_agency"
    if _CREDIT_TAIL.search(core_tail):
        return "caption:credit"
    am = _AGENCY_SLASH.search(core_tail)
    if am and vocab().caption_kw.fullmatch(normalise(am.group(1)).split(" ")[-1] if am.group(1) else ""):
        return "caption:agency_slash"
    if am and vocab().caption_kw.search(normalise(am.group(1))):
        return "caption:agency_slash"
    if _VIA.search(core_tail):
        return "caption:via_agency"
    tm = _TRAILING_AGENCY.search(core_tail)
    if tm and shape.n_words <= 45 and vocab().caption_kw.fullmatch(normalise(tm.group(1))):
        return "caption:trailing_agency"
    return None


def rule_role(text: str, shape: Shape) -> tuple[str, str] | None:
    """Role decided by a vocabulary / pattern rule alone (no context), or None."""
    if shape.junk:
        return "navigation", "junk:long_token"
    v = vocab()
    w = _window(text)
    nl = normalise(w)
    core = _core(nl)
    n = shape.n_words
    toks = frozenset(_TOK.findall(nl))

    # cookie / consent
    if core in v.cookie_lines and n <= 6:
        return "cookie", "cookie:button"
    if n <= 120:
        hits = v.cookie_phrase.findall(nl, toks)
        if hits and (
            n <= 12
            or len(hits) >= 2
            or any(h.startswith(("we use", "this site", "this website", "by continuing")) for h in hits)
        ):
            return "cookie", "cookie:phrase"

    # notes (editor's note, disclaimers, author blurbs)
    if n <= 120:
        if v.note_prefix.match(nl) and (n <= 80):
            return "note", "note:prefix"
        if n <= 60 and v.note_phrase.search(nl, toks):
            return "note", "note:disclaimer"

    # captions
    cap = caption_signal(w, shape)
    if cap:
        return "caption", cap

    # legal
    if n <= 45 and (v.legal_phrase.search(nl, toks) or ("reproduc" in nl and _REPRODUCTION.search(nl))):
        return "legal", "legal:rights"
    if n <= 25 and v.legal_prefix.match(nl):
        return "legal", "legal:copyright"
    if (n <= 10 or shape.separators >= 2) and v.legal_short.search(nl, toks):
        return "legal", "legal:links"

    # metadata: dates and labels first (a time stamp is not a phone number)
    if n <= 16:
        if md.is_date_only(w):
            return "metadata", "meta:date"
        if n <= 3 and md.is_time_only(w):
            return "metadata", "meta:time"
        lab = md.date_label(w)
        if lab is not None:
            return "metadata", f"meta:label_{lab[0]}"

    # contact
    if n <= 25:
        if v.contact_prefix.match(nl):
            after = nl[v.contact_prefix.match(nl).end() :].lstrip()  # type: ignore[union-attr]
            if after[:1] in (":", "：") or not after or _EMAIL.search(after) or _PHONE.search(after):
                return "contact", "contact:label"
        if "@" in w and _EMAIL.search(w) and (n <= 12 or shape.klass != "good"):
            return "contact", "contact:email"
        ph = _PHONE.search(w) if sum(map(w.count, "0123456789")) >= 7 else None
        if ph and sum(c.isdigit() for c in ph.group(0)) >= 7:
            rest = (w[: ph.start()] + w[ph.end() :]).strip(" ,;:|/-()")
            if not rest or len(rest.split()) <= 4 and shape.klass != "good":
                return "contact", "contact:phone"
        if n <= 16 and shape.klass != "good" and (_STREET.search(w) or _POSTCODE_LINE.search(w)):
            return "contact", "contact:address"
        if n <= 8 and ("http" in w or "www." in w) and _URL.search(w):
            return "navigation", "nav:url"

    # promo (subscriptions, newsletters, apps, social follow, advertising)
    if n <= 35 and (
        v.promo_phrase.search(nl, toks)
        or (_has_currency(nl) and _PRICE_OFFER.search(nl) and _OFFER_WORDS.search(nl))
    ):
        if not (shape.klass == "good" and shape.stop_density >= 0.35 and n >= 25):
            return "promo", "promo:phrase"

    # navigation chrome
    if core in v.section_headers and n <= 6:
        return "navigation", "nav:section_header"
    if core in v.nav_lines and n <= 6:
        return "navigation", "nav:chrome"
    if n <= 15 and v.nav_prefix.match(nl):
        return "navigation", "nav:prefix"
    if n <= 12 and (_READ_TIME.match(core) or _FONT_WIDGET.match(core)):
        return "navigation", "nav:widget"
    parts = [t for t in re.split(r"[\s|/•·,]+", core) if t] if n <= 14 else []
    if 1 <= len(parts) <= 14:
        soc = sum(t in v.social for t in parts)
        if soc >= 2 and soc / len(parts) >= 0.6:
            return "navigation", "nav:share_bar"
        langs = sum(t in v.languages for t in parts)
        if langs >= 2 and langs / len(parts) >= 0.6:
            return "navigation", "nav:language_selector"
    if shape.separators >= 2 and not shape.terminal and n <= 12:
        segs = [s for s in _BREADCRUMB_SPLIT.split(w[:200]) if s.strip()]
        if len(segs) >= 3 and all(len(s.split()) <= 3 for s in segs):
            return "navigation", "nav:breadcrumb"
    if shape.separators >= 3:
        segs = [s for s in re.split(r"\s{0,2}[|•·»›]\s{0,2}|\s/\s", w[:HEAD_WINDOW]) if s.strip()]
        if segs and sum(len(s.split()) for s in segs) / len(segs) <= 5:
            return "navigation", "nav:link_list"

    # bylines
    if n <= 25 and not shape.terminal or n <= 12:
        if md.parse_byline(w):
            return "byline", "byline:pattern"
    return None


# ------------------------------------------------------------------ corpus frequency
MAX_CORPUS_LINE = 2000  # longer lines are never judged by corpus frequency


def corpus_key(line: str) -> int:
    """Stable 64-bit key of a normalised line: the same in every process and every run (unlike
    hash()), so line counts can be shared with worker processes and kept between runs.

    The low bit says whether the line has 10 words or more: only such a line can have the "good"
    shape, the one case where cleaning tells recurring from recurring everywhere (`corpus_view`)."""
    norm = normalise(line)
    h = int.from_bytes(
        hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little"
    )
    return (h & ~1) | (len(norm.split()) >= GOOD_MIN_WORDS)


def corpus_line_keys(text: str) -> set[int]:
    """Keys of the distinct lines of a document that `corpus_frequent` may look up (the lines
    `segment_lines` yields, up to MAX_CORPUS_LINE chars)."""
    return {corpus_key(ln.text) for ln in segment_lines(text) if len(ln.text) <= MAX_CORPUS_LINE}


def count_corpus_lines(texts: Iterable[str]) -> dict[int, int]:
    """corpus_key -> number of documents carrying that line (each document counted once per line)."""
    c: Counter[int] = Counter()
    for t in texts:
        c.update(corpus_line_keys(t))
    return dict(c)


def corpus_bucket(k: int, corpus_size: int) -> int:
    """All that cleaning uses of a line's corpus count: 0 rare, 1 recurring, 2 recurring everywhere."""
    if corpus_size < 2 or k < 2:
        return 0
    if corpus_size >= 6 and k >= 3 and k / corpus_size >= 0.3:
        return 2
    return 1


def corpus_view(keys: Iterable[int], counts: Mapping[int, int], corpus_size: int) -> str:
    """Digest of what a document's cleaning depends on in the corpus: for each of its lines, whether
    it recurs, and for lines long enough to be body-like whether it recurs everywhere. The same text
    with the same view cleans to the same result, whatever else the corpus holds."""
    h = hashlib.blake2b(digest_size=8)
    for k in sorted(keys):
        b = corpus_bucket(counts.get(k, 0), corpus_size)
        if b and not k & 1:
            b = 1  # a short line is never "good": recurring and recurring everywhere act alike
        if b:
            h.update(k.to_bytes(8, "little") + bytes((b,)))
    return h.hexdigest()


def corpus_frequent(
    text: str, shape: Shape, counts: Mapping[int, int] | None, corpus_size: int
) -> str | None:
    if not counts or len(text) > MAX_CORPUS_LINE:
        return None
    bucket = corpus_bucket(counts.get(corpus_key(text), 0), corpus_size)
    if not bucket or md.looks_like_name(text) or md.parse_byline(text, loose=True):
        return None
    if shape.klass != "good":
        return "corpus:frequent"
    if bucket == 2:
        return "corpus:frequent_everywhere"
    return None


# ------------------------------------------------------------------ context (zones)
@dataclass(slots=True)
class LineLabel:
    role: str
    reason: str
    duplicate_of: int | None = None
    text: str | None = None  # body text when it differs from the line (stripped byline prefix)
    extra: dict | None = None


_TRANSPARENT_RULES = frozenset({"caption", "metadata", "byline", "note"})
_WIDGET_NAV = frozenset({"nav:widget", "nav:share_bar", "nav:chrome", "nav:prefix", "nav:language_selector"})


def classify_lines(
    texts: Sequence[str],
    dups: Sequence[tuple[int | None, str]],
    *,
    corpus_line_counts: Mapping[int, int] | None = None,
    corpus_size: int = 1,
    english: bool = True,
    shapes: list[Shape] | None = None,
) -> list[LineLabel]:
    """Role + reason for each line (texts are the non-blank lines in order; dups from dedupe.within_document)."""
    n = len(texts)
    if shapes is None:
        shapes = [shape_of(t, english=english) for t in texts]
    else:
        shapes = list(shapes)
    rules: list[tuple[str, str] | None] = []
    memo: dict[str, tuple[str, str] | None] = {}
    for t, sh in zip(texts, shapes):
        if t in memo:
            r = memo[t]
        else:
            r = memo[t] = rule_role(t, sh)
        if r is None:
            cf = corpus_frequent(t, sh, corpus_line_counts, corpus_size)
            if cf:
                r = ("navigation", cf)
        rules.append(r)
    is_dup = [d[0] is not None for d in dups]
    labels: list[LineLabel | None] = [None] * n

    # bracket byline prefix on a body-shaped line ("[Correspondent for X, Name] Body ...")
    bracket: dict[int, dict] = {}
    for i, t in enumerate(texts):
        if t[:1] in "[【(" and not is_dup[i]:
            bb = md.bracket_byline(t)
            if bb:
                if bb["rest"]:
                    bracket[i] = bb
                    shapes[i] = shape_of(bb["rest"], english=english)
                    rules[i] = None
                else:
                    rules[i] = ("byline", "byline:bracket")

    # link sections and legal footers consume lines
    in_section = False
    in_footer = False
    in_comments = False
    seen_body = False
    zone: list[str | None] = [None] * n
    for i in range(n):
        r = rules[i]
        sh = shapes[i]
        if is_dup[i]:
            continue
        if r is not None:
            if seen_body and r[0] == "navigation" and _is_comments_header(texts[i]):
                in_comments = True  # reader comments run to the end of the page
            elif r[1] == "nav:section_header" and seen_body:
                in_section = True
            elif r[0] == "legal" and seen_body:
                in_footer = True
            continue
        if in_comments:
            zone[i] = "zone:comments"
            continue
        if seen_body and sh.klass == "headline" and sh.n_words <= 6 and _ABOUT.match(texts[i]):
            in_footer = True  # "About Acme Corp" boilerplate of a press release
            zone[i] = "zone:about_section"
            continue
        if in_footer:
            if sh.klass == "good" and sh.n_words >= 30:
                in_footer = in_section = False
            else:
                zone[i] = "zone:footer"
                continue
        if in_section:
            if sh.klass == "good" and sh.n_words >= 20:
                in_section = False
            else:
                zone[i] = "zone:link_section"
                continue
        if sh.klass == "good":
            seen_body = True

    good = [
        i
        for i in range(n)
        if rules[i] is None and zone[i] is None and not is_dup[i] and shapes[i].klass == "good"
    ]
    if not good:  # a brief made only of short sentences: anchor on them instead
        good = [
            i
            for i in range(n)
            if rules[i] is None and zone[i] is None and not is_dup[i]
            and shapes[i].klass == "short_sentence" and shapes[i].terminal and shapes[i].n_words >= 5
        ]  # fmt: skip
    first_good = good[0] if good else n
    last_good = good[-1] if good else -1

    # title: walk back from the first body line over metadata/byline/caption/duplicate lines
    title_idx: int | None = None
    dek_idx: int | None = None
    kicker_idx: int | None = None
    lead_short: set[int] = set()
    lone_name: int | None = None
    cands: list[int] = []
    loose_byline: set[int] = set()
    nav_skipped = 0
    i = first_good - 1
    while i >= 0 and len(cands) < 2:
        r = rules[i]
        sh = shapes[i]
        if is_dup[i] or zone[i] is not None:
            i -= 1
            continue
        if r is not None:
            if r[0] in _TRANSPARENT_RULES:
                if r[1] == "meta:date" and md.has_weekday(texts[i]) and cands:
                    break  # the page's "today" line above the title
                i -= 1
                continue
            if (
                (r[0] == "navigation" and r[1] in _WIDGET_NAV or r[0] == "promo" and sh.n_words <= 5)
                and not cands
                and nav_skipped < 6
                and sh.n_words <= 14
            ):
                nav_skipped += 1  # share bars, read time, "Listen to this article" between title and body
                i -= 1
                continue
            break
        if (
            sh.klass == "short_sentence"
            and not cands
            and sh.terminal
            and all(
                is_dup[j] or rules[j] is not None and rules[j][0] in _TRANSPARENT_RULES  # type: ignore[index]
                for j in range(i + 1, first_good)
            )
        ):
            lead_short.add(i)
            i -= 1
            continue
        if not cands and lone_name is None and md.looks_like_name(texts[i], max_tokens=4):
            lone_name = i
            i -= 1
            continue
        if not cands and sh.n_words <= 12 and md.parse_byline(texts[i], loose=True):
            loose_byline.add(i)
            i -= 1
            continue
        if sh.klass == "headline" and sh.n_words >= 3 and len(texts[i]) >= 12:
            cands.append(i)
            i -= 1
            continue
        if not cands and sh.n_words <= 2 and nav_skipped < 6 and sh.klass in ("headline", "bad"):
            nav_skipped += 1  # a label such as "Press release" / "Exclusive" between title and body
            i -= 1
            continue
        break
    if len(cands) == 2 and _menu_shaped(shapes[cands[1]]) and not _menu_shaped(shapes[cands[0]]):
        cands = cands[:1]
    if cands:
        if len(cands) == 2:
            lower, upper = cands
            if shapes[upper].n_words <= 3 < shapes[lower].n_words:
                title_idx, kicker_idx = lower, upper
            else:
                title_idx, dek_idx = upper, lower
        else:
            title_idx = cands[0]
    header_end = title_idx if title_idx is not None else first_good

    tail_attached = True  # every non-duplicate line between last_good and i is body (see _attached)
    for i in range(n):
        if i - 1 > last_good and not is_dup[i - 1]:
            prev_lab = labels[i - 1]
            if prev_lab is None or prev_lab.role != "body":
                tail_attached = False  # kept incrementally: a backward scan per line is quadratic
        t = texts[i]
        sh = shapes[i]
        r = rules[i]
        if r is not None:
            role, reason = r
            if role == "metadata" and reason == "meta:date" and (i < header_end and md.has_weekday(t)):
                reason = "meta:page_date"
            labels[i] = LineLabel(role, reason)
            continue
        if zone[i] is not None:
            labels[i] = LineLabel("navigation", zone[i])  # type: ignore[arg-type]
            continue
        if i == title_idx:
            labels[i] = LineLabel("title", "shape:title_above_body")
            continue
        if i == dek_idx:
            labels[i] = LineLabel("heading", "shape:standfirst")
            continue
        if i == kicker_idx:
            labels[i] = LineLabel("navigation", "shape:kicker")
            continue
        if i == lone_name:
            labels[i] = LineLabel("metadata", "byline:lone_name")
            continue
        if i in loose_byline:
            labels[i] = LineLabel("byline", "byline:under_title")
            continue
        if i in lead_short:
            labels[i] = LineLabel("body", "shape:lead_sentence")
            continue
        if i < first_good:
            labels[i] = LineLabel("navigation", "zone:header")
            continue
        if i > last_good:
            # trailing short sentences attached to the body stay body
            if sh.klass == "short_sentence" and sh.terminal and tail_attached:
                labels[i] = LineLabel("body", "shape:short_sentence_tail")
            else:
                labels[i] = LineLabel("navigation", "zone:footer")
            continue
        # inside the body region
        if sh.klass == "good":
            labels[i] = LineLabel("body", "shape:good")
        elif sh.klass == "short_sentence":
            if _question_heading(t, sh) and _next_is_body(i, texts, rules, is_dup, shapes):
                labels[i] = LineLabel("heading", "shape:question_heading")
            elif sh.bullet and sh.n_words < 4:
                labels[i] = LineLabel("navigation", "shape:short_bullet")
            else:
                labels[i] = LineLabel("body", "shape:short_sentence")
        elif sh.klass == "headline":
            nxt = _next_content(i, texts, rules, is_dup, shapes)
            if sh.n_words > 15 and sh.stop_density >= 0.2:
                labels[i] = LineLabel("body", "shape:long_unpunctuated")
            elif sh.bullet and sh.n_words >= 4 and sh.stop_density >= 0.15:
                labels[i] = LineLabel("body", "shape:bullet_item")
            elif nxt is not None and shapes[nxt].klass in ("good", "short_sentence") and not sh.bullet:
                labels[i] = LineLabel("heading", "shape:heading")
            else:
                labels[i] = LineLabel("navigation", "shape:short_in_body")
        else:
            if sh.n_words >= 8 and sh.stop_density >= 0.2 and sh.separators < 3:
                labels[i] = LineLabel("body", "shape:body_like")
            else:
                labels[i] = LineLabel("navigation", "shape:bad")

    _author_blurbs(texts, labels, shapes)
    out: list[LineLabel] = []
    for i in range(n):
        lab = labels[i]
        assert lab is not None
        if i in bracket and lab.role == "body":
            lab.text = bracket[i]["rest"]
            lab.reason += "+byline_prefix"
            lab.extra = bracket[i]
        d, how = dups[i]
        if d is not None:
            lab.duplicate_of = d
            if lab.role not in BOILER_ROLES or lab.reason.startswith(("zone:", "shape:")):
                lab.role, lab.reason = "duplicate", f"dup:{how}"
        out.append(lab)
    return out


_BLURB = re.compile(
    r"^((?:(?:Dr|Prof|Professor|Mr|Ms|Mrs)\.?\s)?[A-Z][\w'’.\-]{0,30}(?:\s[A-Z][\w'’.\-]{0,30}){1,3})"
    r"\s(?:is|was|has been|serves as|writes|teaches|works)\s"
)


def _menu_shaped(sh: Shape) -> bool:
    return sh.n_words >= 4 and sh.stops == 0 and sh.title_case >= 0.99


_HONORIFICS = frozenset({"Dr", "Prof", "Professor", "Mr", "Ms", "Mrs"})


def _author_blurbs(texts: Sequence[str], labels: Sequence[LineLabel | None], shapes: Sequence[Shape]) -> None:
    """The last body line of the form "Jane Doe is a professor at ..." is an author blurb: role note."""
    body_idx = [i for i, lab in enumerate(labels) if lab is not None and lab.role == "body"]
    if not body_idx:
        return
    last = body_idx[-1]
    t = texts[last]
    m = _BLURB.match(t[:200])
    if not m or shapes[last].n_words > 45 or not vocab().blurb_roles.search(normalise(t[:300])):
        return
    name = m.group(1)
    first, _, rest = name.partition(" ")
    if first.rstrip(".") in _HONORIFICS:
        name = rest
    if md.looks_like_name(name):
        lab = labels[last]
        assert lab is not None
        lab.role, lab.reason = "note", "note:author_blurb"


_ABOUT = re.compile(r"^(?:About|ABOUT)\s(?:the\s)?[A-Z]")
_COMMENTS = re.compile(r"^(?:\d{1,6}\s)?(?:reader\s)?(?:comments?|replies|responses)(?:\s\(\d{1,6}\))?$")


def _is_comments_header(text: str) -> bool:
    core = _core(normalise(text[:80]))
    return bool(_COMMENTS.match(core)) or core in vocab().comment_headers


def _question_heading(t: str, sh: Shape) -> bool:
    """ "WHY SO EARLY?" / "What Happens Next?": a short capitalised question used as a subheading."""
    return sh.n_words <= 8 and t.rstrip().endswith("?") and (t.isupper() or sh.title_case >= 0.99)


def _next_is_body(
    i: int,
    texts: Sequence[str],
    rules: Sequence[tuple[str, str] | None],
    is_dup: Sequence[bool],
    shapes: Sequence[Shape],
) -> bool:
    j = _next_content(i, texts, rules, is_dup, shapes)
    return j is not None and shapes[j].klass == "good"


def _next_content(
    i: int,
    texts: Sequence[str],
    rules: Sequence[tuple[str, str] | None],
    is_dup: Sequence[bool],
    shapes: Sequence[Shape],
) -> int | None:
    for j in range(i + 1, min(len(texts), i + 6)):
        if is_dup[j]:
            continue
        r = rules[j]
        if r is not None and r[0] in ("caption", "metadata"):
            continue
        if r is not None:
            return None
        return j
    return None
