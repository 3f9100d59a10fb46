"""Months and calendar dates: the one home of month names and of the date patterns the project reads.

Two readers with different needs share the month table and the month pattern built from it:

- `find_date` / `parse_date` (metadata lines: "Published 12 March 2026", "2026-01-06 18:12", "03/12/2026"):
  the earliest date of any pattern within the first `DATE_WINDOW` characters, years 1900-2100, with a
  bounded dateparser fallback for other formats;
- `sentence_date` (the date an agreement sentence states: "signed on October 23, 2020", "the 5th of
  May 2021", "2019-07-01"): the first pattern, in a fixed order, that gives a valid date.

`parse_iso_date` reads a date the input carried explicitly (HTML meta, JSONL fields).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# month name or abbreviation (lower case) -> month number
MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4, "may": 5,
    "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
MONTH_WORDS = frozenset(MONTHS)
# one capturing group matching any month word (longest first; use with re.I)
MONTH_GROUP = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + ")"


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation in any case, a trailing dot allowed ("Sept." -> 9)."""
    return MONTHS.get(word.casefold().rstrip("."))


def make_date(y: int, m: int, d: int, *, years: tuple[int, int] | None = (1900, 2100)) -> dt.date | None:
    """The date, or None when it is no calendar date or its year lies outside `years` (None: any)."""
    if years is not None and not years[0] <= y <= years[1]:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# ---------------------------------------------------------------- metadata lines

DATE_WINDOW = 300  # chars of a line inspected by the date patterns
_LINE_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"(?<!\d)(\d{4})\s{0,2}[-/.年]\s{0,2}(\d{1,2})\s{0,2}[-/.月]\s{0,2}(\d{1,2})(?:日)?(?!\d)"
        ),
        "ymd",
    ),
    (
        re.compile(
            r"(?<![\w])(\d{1,2})(?:st|nd|rd|th)?\s{1,3}(?:of\s{1,3})?"
            + MONTH_GROUP
            + r"\.?,?\s{1,3}(\d{4})(?!\d)",
            re.I,
        ),
        "dmy",
    ),
    (
        re.compile(
            r"(?<![\w])" + MONTH_GROUP + r"\.?\s{1,3}(\d{1,2})(?:st|nd|rd|th)?,?\s{1,3}(\d{4})(?!\d)", re.I
        ),
        "mdy",
    ),
    (re.compile(r"(?<!\d)(\d{1,2})([./])(\d{1,2})[./](\d{4})(?!\d)"), "num"),
]


def _line_match_date(kind: str, g: tuple[str, ...], dayfirst: bool) -> dt.date | None:
    if kind == "ymd":
        return make_date(int(g[0]), int(g[1]), int(g[2]))
    if kind in ("dmy", "mdy"):
        day, month, year = (g[0], g[1], g[2]) if kind == "dmy" else (g[1], g[0], g[2])
        m = month_number(month)  # None only for a letter re.I equates with an ASCII one ("\u0130")
        return make_date(int(year), m, int(day)) if m else None
    a, sep, b, y = int(g[0]), g[1], int(g[2]), int(g[3])
    if a > 12 or ((sep == "." or dayfirst) and b <= 12):
        return make_date(y, b, a)  # day first (European)
    return make_date(y, a, b) or make_date(y, b, a)


def find_date(s: str, *, dayfirst: bool = False) -> tuple[dt.date, int, int] | None:
    """First explicit calendar date in s (within the first DATE_WINDOW chars): (date, start, end)."""
    w = s[:DATE_WINDOW]
    best: tuple[dt.date, int, int] | None = None
    for pat, kind in _LINE_DATE_PATTERNS:
        m = pat.search(w)
        if not m or (best is not None and m.start() >= best[1]):
            continue
        d = _line_match_date(kind, m.groups(), dayfirst)
        if d is not None:
            best = (d, m.start(), m.end())
    return best


# dateparser costs milliseconds a call: a document of thousands of distinct "Published: ..." lines
# would spend minutes in it. Within `dateparser_budget()` (clean_document opens one per document)
# only the first DATEPARSER_CALLS_PER_DOCUMENT fallbacks run; later ones find no date.
DATEPARSER_CALLS_PER_DOCUMENT = 100
_BUDGET: ContextVar[list[int] | None] = ContextVar("newsfacts_dateparser_budget", default=None)


@contextmanager
def dateparser_budget(calls: int = DATEPARSER_CALLS_PER_DOCUMENT) -> Iterator[None]:
    token = _BUDGET.set([calls])
    try:
        yield
    finally:
        _BUDGET.reset(token)


def parse_date(s: str, *, dayfirst: bool = False) -> dt.date | None:
    """A date from a short label value: own patterns first, dateparser as the fallback for other formats."""
    found = find_date(s, dayfirst=dayfirst)
    if found:
        return found[0]
    s = s.strip()[:80]
    if not s or not any(c.isdigit() for c in s):
        return None
    budget = _BUDGET.get()
    if budget is not None:
        if budget[0] <= 0:
            return None
        budget[0] -= 1
    try:
        import dateparser

        got = dateparser.parse(
            s,
            languages=["en"],
            settings={"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"},
        )
    except Exception:  # noqa: BLE001 - dateparser raises assorted errors on junk
        return None
    return got.date() if got else None


def parse_iso_date(value: object) -> dt.date | None:
    """A date the input carried explicitly ("2026-03-12T09:00:00Z"): ISO first, strict dateparser else."""
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        try:
            import dateparser

            parsed = dateparser.parse(str(value), settings={"STRICT_PARSING": True})
            return parsed.date() if parsed else None
        except Exception:  # noqa: BLE001
            return None


# ---------------------------------------------------------------- sentences

# "October 23, 2020", "23rd of October 2020", "2020-10-23": tried in this order
_SENTENCE_DATE_PATTERNS: tuple[tuple[re.Pattern[str], tuple[str, str, str]], ...] = (
    (re.compile(MONTH_GROUP + r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I), ("m", "d", "y")),
    (
        re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + MONTH_GROUP + r"\.?,?\s+(\d{4})\b", re.I),
        ("d", "m", "y"),
    ),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
)


def sentence_date(sentence: str) -> dt.date | None:
    """The date a sentence states: the first pattern above that matches and gives a valid date."""
    for rx, order in _SENTENCE_DATE_PATTERNS:
        m = rx.search(sentence)
        if not m:
            continue
        parts = dict(zip(order, m.groups()))
        month = int(parts["m"]) if parts["m"].isdigit() else month_number(parts["m"])
        got = make_date(int(parts["y"]), month, int(parts["d"]), years=None) if month else None
        if got is not None:
            return got
    return None
