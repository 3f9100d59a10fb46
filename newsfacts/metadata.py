"""Article metadata from labelled lines: title, published date, author, publisher, kind, language.

Pure functions over single lines (the orchestration in `newsfacts.clean` decides which lines are eligible).
All regular expressions run on bounded windows of a line (no nested unbounded quantifiers), so a
pathological 1 MB line costs linear time.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from newsfacts.data import load_json
from newsfacts.dates import (  # noqa: F401 - find_date, parse_date and the budget are read from here too
    DATEPARSER_CALLS_PER_DOCUMENT,
    MONTH_WORDS,
    dateparser_budget,
    find_date,
    parse_date,
)
from newsfacts.textnorm import normalise

_WINDOW = 300  # chars of a line inspected by the date / byline patterns


@functools.cache
def vocab() -> dict[str, Any]:
    data: dict[str, Any] = load_json("boilerplate_phrases.json")
    return data


# ---------------------------------------------------------------- dates
_WEEKDAY = re.compile(r"\b(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\b\.?", re.I)
_TIME = re.compile(r"(?<!\d)\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:\s{0,2}[ap]\.?m\.?)?(?!\d)", re.I)
_TZ = re.compile(
    r"\b(?:kst|jst|utc|gmt|bst|est|edt|cst|cdt|pst|pdt|cet|cest|eet|ist|hkt|sgt|aest|aedt|et|pt|msk|wib)"
    r"(?:\s{0,2}[+-]\s{0,2}\d{1,2}(?::?\d{2})?)?\b|[+-]\d{2}:?\d{2}\b|\b[ap]\.?m\.?(?!\w)",
    re.I,
)
_TZ_ABBR = re.compile(r"\b[A-Z]{1,4}[SD]?T\b")
_TIME_ONLY = re.compile(
    r"^\s{0,3}\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?\s{0,2}(?:[ap]\.?m\.?)?\s{0,2}(?:[A-Z]{2,5})?\s{0,3}$", re.I
)
_RELATIVE = re.compile(
    r"\b\d{1,3}\s{1,2}(?:sec|second|min|minute|hr|hour|day|week|month|year)s?\s{1,2}ago\b", re.I
)
# words that may sit beside the stamps of one date line ("... 7:45 AM GMT+1 Updated 2 hours ago")
_STAMP_WORDS = re.compile(r"\b(?:last\s{1,2})?(?:updated|published|posted|modified|edited|first)\b", re.I)
_FILLER = re.compile(
    r"\d{1,3}\s{0,2}(?:min|mins|minute|minutes)\s{0,2}(?:read|to read)|[\s,.;:|/()\[\]\-–—·•@]+"
    r"|\b(?:at|on|of|the|time|local|hrs|uhr|h)\b",
    re.I,
)


_DIGIT = re.compile(r"\d")


def is_date_only(s: str) -> bool:
    """The line is a date/time stamp and nothing else (weekday, time, timezone, separators allowed)."""
    if len(s) > 80 or not _DIGIT.search(s):
        return False
    rest, stamped = s, False
    for _ in range(3):  # "Mar 3 2026, 7:45 am ET | Updated Mar 3 2026, 9:00 am ET"
        found = find_date(rest)
        if not found:
            break
        rest, stamped = rest[: found[1]] + " " + rest[found[2] :], True
    if _RELATIVE.search(rest):
        rest, stamped = _RELATIVE.sub(" ", rest), True
    if not stamped:
        return False
    rest = _STAMP_WORDS.sub(" ", rest)
    rest = _TZ_ABBR.sub(" ", _TZ.sub(" ", _TIME.sub(" ", _WEEKDAY.sub(" ", rest))))
    return not _FILLER.sub("", rest)


def is_time_only(s: str) -> bool:
    """A bare time stamp ("14:50", "9.45pm", "13:47 GMT"): live-blog entry times."""
    return len(s) <= 20 and bool(_TIME_ONLY.match(s))


def has_weekday(s: str) -> bool:
    return bool(_WEEKDAY.search(s[:80]))


# ---------------------------------------------------------------- labels
@functools.cache
def _label_sets() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    v = vocab()["metadata_labels"]
    return frozenset(v["published"]), frozenset(v["updated"]), frozenset(v["other"])


_LABEL_SPLIT = re.compile(r"^([^\W\d][\w' ]{0,30}?)\s{0,3}(?:[:：]|\s(?=\d)|\s(?=(?:on|at)\s)|$)")


def date_label(s: str) -> tuple[str, str] | None:
    """("published"|"updated"|"other", value) when the line starts with a metadata label.

    "Input 2026-01-06 18:12:07" -> ("published", "2026-01-06 18:12:07"); "Updated" -> ("updated", "");
    "Source: Xinhua" -> ("other", "Xinhua"). The value may be empty (label on its own line).
    """
    w = normalise(s[:120])
    m = _LABEL_SPLIT.match(w)
    if not m:
        return None
    label = m.group(1).strip()
    value = w[m.end() :].strip(" :：-–—|")
    pub, upd, other = _label_sets()
    for kind, labels in (("published", pub), ("updated", upd), ("other", other)):
        if label in labels:
            if (
                kind in ("published", "updated")
                and value
                and not find_date(value)
                and not _RELATIVE.search(value)
            ):
                # "Time flies ..." / "Date night ...": a label word must be followed by a date
                if not (len(value) <= 40 and parse_date(value)):
                    return None
            if kind == "other" and (w[m.end() - 1 : m.end()] not in (":", "：") and value):
                return None
            return kind, s[len(s) - len(s.lstrip()) :][m.end() :].strip(" :：-–—|") if value else ""
    return None


# ---------------------------------------------------------------- names, bylines
_NAME_PARTICLES = frozenset(
    "de da del della der den di du la le van von bin binti al el ibn y and & mc mac st. ter ten dos das".split()
)
_NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zA-Z'’.\-]{0,24}|[A-Z]\.|[A-Z][a-z]{0,3}-[A-Z]?[a-z]{1,20})$")


@functools.cache
def _not_name() -> frozenset[str]:
    return frozenset(vocab()["not_name_words"])


def looks_like_name(s: str, *, max_tokens: int = 5) -> bool:
    """A person's name: 2..max_tokens capitalised tokens (particles allowed), no digits, no sentence words."""
    s = s.strip().strip(",;:")
    if not s or len(s) > 60 or _DIGIT.search(s):
        return False
    toks = s.split()
    if not 2 <= len(toks) <= max_tokens:
        return False
    caps = 0
    for t in toks:
        tl = t.lower()
        if tl in _NAME_PARTICLES:
            continue
        if tl.strip(".,") in _not_name() or tl.strip(".,") in MONTH_WORDS:
            return False
        if t.isupper() and len(t) > 1 and t.isalpha():
            caps += 1
            continue
        if not _NAME_TOKEN.match(t):
            return False
        caps += 1
    return caps >= 2


def tidy_name(s: str) -> str:
    s = " ".join(s.split()).strip(" ,;:.-–—|")
    if s.isupper():
        s = " ".join(w.capitalize() if w.lower() not in _NAME_PARTICLES else w.lower() for w in s.split())
    return s


@functools.cache
def _byline_prefix_re() -> re.Pattern[str]:
    pre = sorted(vocab()["byline_prefixes"], key=len, reverse=True)
    return re.compile(
        r"^\(?\s{0,3}(?:" + "|".join(re.escape(p) for p in pre) + r")\s{0,3}[:：]?\s{1,3}", re.I
    )


@functools.cache
def _roles_re() -> re.Pattern[str]:
    roles = sorted(vocab()["byline_roles"], key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(r) for r in roles) + r")(?![\w])", re.I)


_SEP = re.compile(r"\s{0,3}(?:[|•·/,;–—]|\s-\s)\s{0,3}")
_ORG = r"((?:the\s)?[A-Z][\w&'’.\-]{0,30}(?:\s(?:of\s|for\s|and\s|&\s)?[A-Z][\w&'’.\-]{0,30}){0,5})"
_FOR_ORG = re.compile(r"\b(?:for|with|at|of)\s" + _ORG)
_EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}")


def _org_clean(s: str) -> str:
    s = re.split(r"[.;,]\s", s[:160] + " ")[0]
    s = s.strip(" .,;:|")
    s = re.sub(r"\s(?:in|on|at|from)\s.*$", "", s[:120])
    return s


@functools.cache
def _org_words() -> re.Pattern[str]:
    words = sorted(vocab()["outlet_words"], key=len, reverse=True)
    return re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


def _orgish(s: str) -> bool:
    """A publication name rather than a place: one token ("Kyodo"), "The ...", or an outlet word."""
    toks = s.split()
    return len(toks) == 1 or toks[0].lower() == "the" or bool(_org_words().search(s)) or s.isupper()


def parse_byline(line: str, *, loose: bool = False) -> dict[str, Any] | None:
    """Author (and publisher, date) from a byline line, or None when the line is not a byline.

    Shapes: "By Jane Doe", "BY JANE DOE | Staff Reporter", "Written by Jane Doe for The Herald",
    "Reporter: Jane Doe", "Jane Doe, Staff Reporter", "(Reporting by Jane Doe; Editing by John Roe)",
    "Jane Doe | The Herald | March 3, 2026". With ``loose`` (a line right under the title), a bare
    "Jane Doe, Kyodo" / "Jane Doe | The Herald" also counts.
    """
    s = line.strip()[:_WINDOW]
    if len(s) < 4:
        return None
    out: dict[str, Any] = {}
    d = find_date(s)
    if d:
        out["date"] = d[0]
    m = _byline_prefix_re().match(s)
    rest = s[m.end() :] if m else s
    rest = _EMAIL.sub(" ", rest).strip(" ()[]")
    rest = re.split(
        r";\s{0,3}(?:editing|edited|additional|writing|compiled)\b", rest, maxsplit=1, flags=re.I
    )[0]
    parts = [p.strip() for p in _SEP.split(rest) if p and p.strip()]
    if not parts:
        return None
    first = parts[0]
    fm = re.match(r"^(.{3,60}?)\s(?:for|of)\s" + _ORG, first)
    pub = None
    if fm and looks_like_name(fm.group(1), max_tokens=6):
        first, pub = fm.group(1), _org_clean(fm.group(2))
    first = re.sub(r"\s(?:in|from)\s[A-Z][\w\s]{0,40}$", "", first)
    if " and " in first or " & " in first:
        names = [x.strip() for x in re.split(r"\s(?:and|&)\s", first)]
        ok = all(looks_like_name(x) for x in names)
    else:
        ok = looks_like_name(first)
    if not ok:
        return None
    roles = _roles_re()
    has_role = any(roles.fullmatch(p.strip(" .")) for p in parts[1:]) or bool(
        roles.search(rest[len(parts[0]) :])
    )
    if not m and not has_role and not (len(parts) > 1 and d) and not (loose and len(parts) > 1):
        return None  # a bare "Name, X" is not a byline without a prefix, role word or date
    out["author"] = tidy_name(first)
    if pub is None:
        for p in parts[1:]:
            p2 = p.strip(" .")
            if not p2 or roles.fullmatch(p2) or find_date(p2) or _TIME.fullmatch(p2):
                continue
            rm = roles.search(p2)
            if rm:
                fm2 = _FOR_ORG.search(p2)
                if fm2:
                    pub = _org_clean(fm2.group(1))
                    break
                continue
            if p2[:1].isupper() and len(p2.split()) <= 6 and _orgish(p2):
                pub = _org_clean(p2)
                break
    if pub:
        out["publisher"] = pub
    return out


_BRACKET = re.compile(r"^\s{0,3}[\[【(]([^\[\]【】()]{3,200})[\]】)]\s{0,3}")


def bracket_byline(line: str) -> dict[str, Any] | None:
    """A leading "[Special correspondent for Global Times in South Korea, Li Zhiyin]" style credit.

    Returns {"prefix", "rest", "author", "publisher"?} or None. Requires a reporter role word.
    """
    m = _BRACKET.match(line[:260])
    if not m:
        return None
    inner = m.group(1)
    if not _roles_re().search(inner) and not re.match(r"(?i)by\s", inner):
        return None
    parts = [p.strip() for p in re.split(r"[,，;]", inner) if p.strip()]
    author = None
    for p in reversed(parts):
        cand = re.sub(r"(?i)^by\s", "", p)
        if looks_like_name(cand):
            author = tidy_name(cand)
            break
    if author is None:
        return None
    out: dict[str, Any] = {"prefix": m.group(0).strip(), "rest": line[m.end() :].strip(), "author": author}
    fm = _FOR_ORG.search(inner)
    if fm:
        out["publisher"] = _org_clean(fm.group(1))
    return out


@functools.cache
def _note_re() -> re.Pattern[str]:
    pre = sorted(vocab()["note_prefixes"], key=len, reverse=True)
    return re.compile(r"^(?:" + "|".join(re.escape(p) for p in pre) + r")\s{0,3}[:：]?\s{0,3}", re.I)


def parse_note(line: str) -> dict[str, Any]:
    """Author and publisher from an editor's note / author blurb ("Editor's note: X, a ... for CGTN, ...")."""
    s = line.strip()[:400].replace("\u2019", "'")
    m = _note_re().match(s)
    body = s[m.end() :] if m else s
    out: dict[str, Any] = {}
    head = re.split(r",|\s(?:is|was|writes|wrote)\s", body, maxsplit=1)[0]
    if looks_like_name(head):
        out["author"] = tidy_name(head)
    fm = _FOR_ORG.search(body)
    if fm and "author" in out:
        org = _org_clean(fm.group(1))
        if org and not looks_like_name(org, max_tokens=3) or (org and org.isupper()):
            out["publisher"] = org
    return out


_COPY = re.compile(
    r"(?i)(?:copyright|©|\(c\)|all rights? reserved\.?|\b(?:19|20)\d{2}\s{0,2}(?:[-–]\s{0,2}(?:19|20)?\d{2,4})?\b)"
)


_COPY_MARK = re.compile(r"(?i)copyright|©|ⓒ|\(c\)")


def publisher_from_copyright(line: str) -> str | None:
    """Holder named in a copyright line ("© 2026 The Daily Herald. All rights reserved." -> The Daily Herald)."""
    s = line.strip()[:240].strip("[]() ")
    m = _COPY_MARK.search(s)
    if m:
        s = s[m.end() :]
    elif not re.search(r"(?i)all rights? reserved", s):
        return None
    s = re.split(r"(?i)\ball rights? reserved", s)[0]
    s = _COPY.sub(" ", s)
    s = re.split(r"[|•·,;]|\.\s|\.$", s.strip() + " ")[0]
    s = " ".join(s.split()).strip(" ,.;:-–—")
    s = re.sub(r"(?i)^(?:by|belongs to)\s", "", s)
    if not s or len(s.split()) > 8 or not (s[:1].isupper() or s[:1].isdigit()):
        return None
    return s


# ---------------------------------------------------------------- title and kind
@functools.cache
def _kind_map() -> dict[str, str]:
    out: dict[str, str] = {}
    for kind, labels in vocab()["kind_labels"].items():
        for lab in labels:
            out[lab] = kind
    return out


_TITLE_LABEL = re.compile(
    r"^\s{0,3}(?:[\[【(]([^\]】)]{2,30})[\]】)]|([A-Za-z][A-Za-z &\-']{1,25})\s{0,2}(?:[:|]|\s[-–—]\s))\s{0,3}"
)


def kind_of_label(s: str) -> str | None:
    return _kind_map().get(normalise(s).strip(" .:|[]()"))


def split_title(line: str) -> tuple[str, str | None]:
    """Strip a leading kind label ("[Editorial] ...", "Opinion: ...", "ANALYSIS | ...") and a site suffix.

    Returns (title, kind or None).
    """
    s = " ".join(line.split())
    kind = None
    m = _TITLE_LABEL.match(s)
    if m:
        lab = m.group(1) or m.group(2)
        k = kind_of_label(lab)
        if k is not None:
            kind = k
            s = s[m.end() :]
    if " | " in s:
        head, _, tail = s.rpartition(" | ")
        if len(tail.split()) <= 4 and len(head.split()) >= 3:
            s = head
    return s.strip(), kind


# ---------------------------------------------------------------- language
def detect_language(text: str, *, english_stopword_density: float | None = None) -> str:
    """ISO 639-1 code from py3langid over the first 1,500 chars (empty text -> "und").

    When the caller already measured a high English function-word density (>= 0.30, which other
    languages written in Latin script do not reach with the English list), "en" is returned without
    running the classifier: py3langid costs ~2 ms a document, more than the rest of cleaning.
    """
    sample = text[:1500]
    if not sample.strip():
        return "und"
    if english_stopword_density is not None and english_stopword_density >= 0.30:
        return "en"
    import py3langid

    code, _score = py3langid.classify(sample)
    return str(code)
