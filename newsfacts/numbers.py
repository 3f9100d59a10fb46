"""Number parsing helpers: digit strings ("1,234.5", Indian "1,00,000") and English number words.

Pure functions, no regex backtracking hazards: digit strings are validated with anchored,
unambiguous patterns; number words are parsed from an already tokenised word list.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90,
}  # fmt: skip
WORD_SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
# "a dozen", "two dozen"
DOZEN = {"dozen": 12}
MULTIPLE_WORDS: dict[str, int] = {
    "twofold": 2, "threefold": 3, "fourfold": 4, "fivefold": 5, "sixfold": 6, "sevenfold": 7,
    "eightfold": 8, "ninefold": 9, "tenfold": 10, "twentyfold": 20, "hundredfold": 100,
    "thousandfold": 1000,
}  # fmt: skip
ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth thirtieth fortieth "
    "fiftieth hundredth thousandth millionth".split()
)
NUMBER_WORDS = frozenset(UNITS) | frozenset(TENS) | frozenset(WORD_SCALES) | frozenset(DOZEN)

_BIG = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def can_follow(prev: str | None, w: str) -> bool:
    """Whether number word ``w`` may follow ``prev`` inside one written number (incremental parse)."""
    if prev is None:
        return w in NUMBER_WORDS or w in ("a", "an")
    if prev in ("a", "an"):
        return w in WORD_SCALES or w == "dozen"
    if prev == "and":
        return w in UNITS or w in TENS
    if prev in UNITS:
        return w in WORD_SCALES or w == "dozen"
    if prev in TENS:
        return (w in UNITS and UNITS[w] < 10) or w in WORD_SCALES
    if prev == "hundred":
        return w in UNITS or w in TENS or w in _BIG or w == "and"
    if prev in _BIG:
        return w in UNITS or w in TENS or w == "and" or (w in _BIG and _BIG[w] > _BIG[prev])
    return False


_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_INDIAN = re.compile(r"[0-9]{1,2}(?:,[0-9]{2})+,[0-9]{3}(?:\.[0-9]+)?")
_DECIMAL_COMMA = re.compile(r"[0-9]{1,3},[0-9]{1,2}")

MAX_DIGITS = 24


def parse_digits(s: str, *, allow_decimal_comma: bool = False) -> float | None:
    """Value of a digit string with optional thousands separators, or None when malformed.

    "1,234.5" -> 1234.5; "1,00,000" (Indian grouping) -> 100000.0; "1.2.3" -> None; "1,2" -> None
    unless ``allow_decimal_comma`` (European "2,5" -> 2.5).
    """
    if not s or len(s) > MAX_DIGITS:
        return None
    if _PLAIN.fullmatch(s):
        return float(s)
    if _GROUPED.fullmatch(s) or _INDIAN.fullmatch(s):
        return float(s.replace(",", ""))
    if allow_decimal_comma and _DECIMAL_COMMA.fullmatch(s):
        return float(s.replace(",", "."))
    return None


def words_to_number(words: Sequence[str]) -> float | None:
    """Value of a sequence of lower-case number words, e.g. ["two", "hundred", "thousand"] -> 200000.

    Accepts hyphen compounds already split ("twenty", "five"), "and" inside ("one hundred and five"),
    "a"/"an" as one before a scale word ("a million"), and "dozen". Returns None when the sequence
    is not a well-formed number.
    """
    total = 0.0
    current = 0.0
    seen = False
    last = ""
    for w in words:
        if w in ("a", "an"):
            if seen:
                return None
            current = 1.0
            last = w
            continue
        if w == "and":
            if last not in ("hundred", "thousand", "million", "billion", "trillion"):
                return None
            last = w
            continue
        if w in UNITS:
            if last in UNITS or last in ("a", "an"):
                return None
            if last in TENS and UNITS[w] >= 10:
                return None
            current += UNITS[w]
        elif w in TENS:
            if last in UNITS or last in TENS or last in ("a", "an"):
                return None
            current += TENS[w]
        elif w in DOZEN:
            current = (current or 1.0) * 12
        elif w == "hundred":
            current = (current or 1.0) * 100
        elif w in WORD_SCALES:
            scale = WORD_SCALES[w]
            if current == 0 and not seen:
                current = 1.0
            total += current * scale
            current = 0.0
        else:
            return None
        seen = True
        last = w
    if not seen or last in ("and", "a", "an"):
        return None
    return total + current


def word_value(w: str) -> int | None:
    """Value of one lower-case number word: "seven" -> 7, "ninety" -> 90, "dozen" -> 12, "hundred" -> 100
    (the larger scales and every other word: None)."""
    if w in UNITS:
        return UNITS[w]
    if w in TENS:
        return TENS[w]
    if w in DOZEN:
        return DOZEN[w]
    return 100 if w == "hundred" else None


def exact(x: float) -> Decimal:
    """The decimal a float was parsed from: floats here come from the text's digits ("16.4"),
    whose shortest repr is those digits, so ``Decimal(repr(x))`` recovers them exactly."""
    return Decimal(repr(float(x)))


def to_float(d: Decimal) -> float:
    """The float that prints as decimal ``d`` (``float(str(d))``)."""
    return float(str(d))


def mul_exact(a: float, b: float) -> float:
    """``a * b`` done in decimal: 16.4 * 1e6 -> 16400000.0 (binary float gives 16399999.999999998)."""
    return to_float(exact(a) * exact(b))


def div_exact(a: float, b: float) -> float:
    """``a / b`` done in decimal (``b`` non-zero): the scale of 16400000.0 over 16.4 is 1000000.0."""
    return to_float(exact(a) / exact(b))


FRACTION_WORDS: dict[str, float] = {"half": 0.5, "quarter": 0.25, "quarters": 0.25}


def fraction_of_scale(words: Sequence[str]) -> tuple[float, int] | None:
    """(value, words used) of a fraction of a scale word at the start of lower-case ``words``.

    "half a million" -> 500000; "a quarter million" -> 250000; "three quarters billion" and
    "three-quarters of a billion" (hyphen as its own word) -> 750000000; "a half million" -> 500000.
    """
    w = list(words[:7])
    k = 0
    count = 1.0
    if w[:1] and w[0] in ("a", "an", "one"):
        k = 1
    elif w[:1] and w[0] in UNITS and 1 < UNITS[w[0]] < 4:
        count, k = float(UNITS[w[0]]), 1
    if k < len(w) and w[k] == "-" and k > 0:
        k += 1
    if k >= len(w) or w[k] not in FRACTION_WORDS:
        return None
    frac = w[k]
    if (count > 1) != (frac == "quarters") or (k == 0 and frac != "half"):
        return None  # "three quarter", "two quarters" of nothing; "quarter billion" needs "a"
    k += 1
    if k + 1 < len(w) and w[k] in ("a", "an") and w[k + 1] in _BIG:
        k += 1  # "half a million"
    elif w[k : k + 2] == ["of", "a"]:
        k += 2  # "three-quarters of a billion"
    if k >= len(w) or w[k] not in _BIG:
        return None
    return to_float(exact(count) * exact(FRACTION_WORDS[frac]) * exact(_BIG[w[k]])), k + 1


FRACTION_DENOMINATORS = frozenset((2, 4, 8, 16, 32, 64))


def mixed_fraction(whole: str, numerator: str, denominator: str) -> float | None:
    """Value of a market-style mixed number, "5-1/2" or "23 3/8" -> 5.5, 23.375 (exact), or None
    unless the whole is an integer and the fraction a proper one in halves ... sixty-fourths."""
    if not (whole.isdigit() and numerator.isdigit() and denominator.isdigit()) or len(whole) > 9:
        return None
    num, den = int(numerator), int(denominator)
    if den not in FRACTION_DENOMINATORS or not 0 < num < den:
        return None
    return to_float(Decimal(whole) + Decimal(num) / Decimal(den))
