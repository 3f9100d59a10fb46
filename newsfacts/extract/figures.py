"""Figure extraction: money, percentages, multiples, counts and durations from news text.

``extract_figures(text)`` returns one dict per figure, in text order (see docs/CONTRACTS.md,
section "Figures").

Design (and why it is safe on hostile input):
- Text is split into sentences with one linear-time boundary regex (possessive quantifiers and a
  look-behind so that a failed attempt never rescans a run).
- Each sentence holding a digit, a currency sign or a number word is tokenised with one regex
  whose alternatives all consume what they scan (``[0-9]++(?:[.,][0-9]++)*+``, letter runs, one
  other character). Digit strings are validated afterwards with anchored, unambiguous patterns,
  so "1,1,1,..." or "1.1.1..." become one rejected token instead of a backtracking trap.
- The grammar itself is a hand-written scanner over tokens: every look-around is bounded by a
  small constant number of tokens, so the whole pass is linear in the text length.
Vocabularies (currency symbols and words, scales, time and measurement units) are data in
``newsfacts/data/figure_units.json``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsfacts.dates import MONTH_WORDS
from newsfacts.numbers import (
    FRACTION_WORDS,
    MULTIPLE_WORDS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    TENS,
    UNITS,
    WORD_SCALES,
    can_follow,
    div_exact,
    exact,
    fraction_of_scale,
    mixed_fraction,
    mul_exact,
    parse_digits,
    to_float,
    words_to_number,
)

__all__ = ["extract_figures", "split_sentences"]

# hostile-input guards: a "sentence" beyond these is a table dump or an attack, not prose
MAX_FIGURES_PER_SENTENCE = 1000
MAX_CANDIDATES_PER_SENTENCE = 5000
_TOKEN_CHUNK = 64  # sentences tokenised together
_TOKEN_CHUNK_CHARS = 20_000  # ... when they span no more than this

_DATA = Path(__file__).resolve().parent.parent / "data" / "figure_units.json"


@lru_cache(maxsize=1)
def _vocab() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(_DATA.read_text(encoding="utf-8"))
    words: dict[tuple[str, ...], str] = {}
    for k, v in data["currency_words"].items():
        words[tuple(_TOKEN_RE.findall(k))] = v
    data["currency_word_tuples"] = words
    data["currency_word_max"] = max(len(k) for k in words)
    data["currency_word_first"] = {k[0] for k in words}
    data["guarded"] = {(w,) for w in data["guarded_currency_words"]}
    # "us$", "c$", "usd$", "mxn$" in lower-cased text: the glued prefixed signs, any case
    data["sign_ci"] = {
        k.lower(): v for k, v in data["currency_symbols"].items() if k[-1:] in "$¥" and len(k) > 1
    }
    data["lower_codes"] = data["lowercase_codes"]  # lower-case code -> ISO code
    data["weight_set"] = frozenset(data["weight_words"])
    data["dollar_nations"] = {tuple(_TOKEN_RE.findall(k)): v for k, v in data["dollar_nationalities"].items()}
    data["resolutions"] = frozenset(float(r) for r in data["video_resolutions"])
    return data


# --------------------------------------------------------------------------------------------
# Regexes (all linear-time: possessive quantifiers, no nested ambiguous repetition)
# --------------------------------------------------------------------------------------------
_TOKEN_RE = re.compile(r"[0-9]++(?:[.,][0-9]++)*+|[^\W\d_]++|\S")
# a sentence boundary: a run of terminators (started at its first char), closers, whitespace
_BOUNDARY_RE = re.compile(r"(?<![.!?])[.!?]++[\"'\u201d\u2019)\]]*+\s++|\n\s*+")
# cheap necessary condition for a sentence to hold a figure: a digit run followed by a letter or
# "%" (optionally after one space or hyphen) or by a space and a sign ("10 €"), a currency sign or
# code before a digit, or (_GATE_WORDS) a number word or a lower-case code ("usd 20"). The
# look-behind makes a failed attempt inside a digit run cost O(1).
_GATE_RE = re.compile(
    r"(?<![0-9.,])[0-9][0-9.,]*+[\s\-\u2013]?(?:%|[^\W\d_])|[0-9]\s[$£€¥₩₹₱฿₫₺₽₦]"
    r"|[$£€¥₩₹₱฿₫₺₽₦][\s]?[0-9]|[A-Z][A-Za-z]{0,2}\.?\s?[0-9]"
)
_WORD_RE = re.compile(r"[^\W\d_]++")

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt sgt capt rep sen gov pres st jr sr inc ltd co corp plc bros no nos vs "
    "etc al jan feb mar apr jun jul aug sep sept oct nov dec fig figs approx est dept univ ave rd rs "
    "u.s u.k u.n e.u p.m a.m i.e e.g".split()
)
_MONTHS = MONTH_WORDS  # newsfacts/dates.py: the one month table
_DAY_SUFFIX = frozenset(("st", "nd", "rd", "th"))

# qualifier phrases (lower-case token tuples) -> qualifier
_QUALIFIERS: dict[tuple[str, ...], str] = {}
for _q, _v in {
    "about": "approx",
    "approximately": "approx",
    "approx": "approx",
    "around": "approx",
    "roughly": "approx",
    "nearly": "approx",
    "almost": "approx",
    "some": "approx",
    "circa": "approx",
    "an estimated": "approx",
    "estimated": "approx",
    "close to": "approx",
    "as many as": "approx",
    "as much as": "approx",
    "~": "approx",
    "just about": "approx",
    "more or less": "approx",
    "over": "over",
    "more than": "over",
    "above": "over",
    "at least": "over",
    "upwards of": "over",
    "in excess of": "over",
    "exceeding": "over",
    "just over": "over",
    "well over": "over",
    "no less than": "over",
    "no fewer than": "over",
    "a minimum of": "over",
    "beyond": "over",
    "less than": "under",
    "fewer than": "under",
    "up to": "under",
    "under": "under",
    "below": "under",
    "at most": "under",
    "no more than": "under",
    "not more than": "under",
    "just under": "under",
    "a maximum of": "under",
    "just below": "under",
    "well below": "under",
    "well under": "under",
}.items():
    _QUALIFIERS[tuple(_TOKEN_RE.findall(_q))] = _v

_PERCENT_WORDS = frozenset(("percent", "pct", "percentage"))
_PP_WORDS = frozenset(("pp", "ppt", "ppts", "pps"))
_DETERMINERS = frozenset(
    ("the", "these", "those", "both", "its", "their", "our", "his", "her", "all", "whose")
)
_PRE_NUMBER_FUNCTION = frozenset(
    "in on at of for from by with to and or but than since over about around nearly almost some more less "
    "up under below above approximately roughly just only another additional further total just a an the "
    "at least fewer estimated reached reaching was were is are be been rose fell grew hit top topped "
    "exceeded among between during after before within into".split()
)
_MODEL_PREFIX_WORDS = frozenset(
    "no nos number phase stage level tier article section chapter clause grade rank route line gate "
    "terminal room platform lane block floor page item version season episode round group game term "
    "vol volume part step model type class mark series category zone act paragraph annex figure table "
    "flight rule exhibit schedule lot ward district".split()
)
_STOP = frozenset(
    "the a an of to in on at for from by with and or but as that which who whom whose is are was were be "
    "been being has have had will would could can may might should must shall this these those its their "
    "his her our your my than more less while when where after before during since per each ago last "
    "next this including into about over under between among across through up down it they we he she "
    "you i not no so also only just still yet both all some such other another than then there here "
    "if because though although whereas until unless via versus vs against toward towards upon within "
    "without out off again further once do does did done said say says told according".split()
)
_IRREGULAR_PLURALS = frozenset(
    "people men women children staff personnel police cattle data media memoranda criteria "
    "teeth feet mice geese fish sheep aircraft deer offspring folk livestock poultry crew "
    "troops youth delegates".split()
)
_OF_HEADS = frozenset(("memoranda", "memorandums", "memorandum", "letters", "letter", "declarations"))
_OF_TAILS = frozenset(("understanding", "intent", "cooperation", "intention", "agreement", "credit"))
_COMPARATIVE_AFTER_TIMES = frozenset(
    "more less as the larger bigger higher greater faster lower smaller that than what their its "
    "over above".split()
)
_MEASURE_VERBS = frozenset(
    "reached reach reaches reaching totaled totalled totals total totaling totalling rose rise rises "
    "rising grew grow grows growing surged surge surges jumped jump jumps climbed climb climbs fell "
    "fall falls falling dropped drop drops declined decline declines increased increase increases "
    "decreased decrease decreases hit hits stood stands stand amounted amounts amount was were is are "
    "accounted accounts account accounting exceeded exceeds topped tops soared soars plunged plunges "
    "slumped slipped expanded expands shrank shrinks contracted contracts posted recorded raised "
    "generated earned gained gains slid tumbled edged came comes valued worth hitting".split()
)
_SUBJECT_BREAK = frozenset(
    "that which who show shows showed shown said says say while and but as when where whereas "
    "indicate indicates indicated suggest suggests according reported report reports".split()
)
_SUBJECT_LEAD_DROP = frozenset(
    "the a an in for during with of on at by from to as among amid after including besides while".split()
)
_ASIDE_PREPS = frozenset("in at on near outside inside from of with under".split())
_RANK_WORDS = frozenset(("top", "bottom"))
_RANK_MEMBERSHIP = frozenset(
    "among of in into within join joins joined joining rank ranks ranked ranking placed finish finished".split()
)
_TIME_SKIP_ADJ = frozenset(
    "consecutive straight full successive more additional long calendar fiscal financial working "
    "business whole entire".split()
)
_YEAR_PREPS = {"in": 3, "for": 3, "during": 3, "of": 2, "by": 1, "through": 1, "throughout": 2, "fiscal": 3}
_CURRENCY_CHARS = frozenset("$£€¥₩₹₱฿₫₺₽₦")


@dataclass
class _Fig:
    start: int
    end: int
    value: float
    unit: str
    kind: str
    qualifier: str
    tok_start: int
    tok_end: int  # exclusive
    num_tok: int
    subject: str | None = None
    equivalent: int | None = None
    rule: str = ""


@dataclass
class _Unit:
    """What the unit checks know of a number: its tokens (i first, j after it, k after its scale),
    value (scaled once the scale check ran), the currency before it and its qualifier."""

    i: int
    j: int
    k: int
    value: float
    scale: float
    is_word: bool
    cur: tuple[int, str] | None
    qs: int
    qual: str
    in_range: bool


_REJECT = object()  # a unit check's verdict: no figure here


# --------------------------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------------------------
def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over ``text``, whitespace-trimmed, in order. Linear time."""
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    for m in _BOUNDARY_RE.finditer(text):
        b = m.start()
        g = m.group()
        mend = m.end()
        if g[0] != "\n":
            # do not split after an abbreviation or an initial, or before a lower-case word
            nxt = text[mend : mend + 1]
            if nxt and (nxt.islower() or nxt in ",;:"):
                continue
            if g[0] == "." and b > start and text[b - 1].isalpha():
                j = b
                while j > start and j > b - 12 and (text[j - 1].isalpha() or text[j - 1] == "."):
                    j -= 1
                word = text[j:b].lower()
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
            end = b + len(g.rstrip())
        else:
            end = b
        if end > start:
            _add_span(text, start, end, spans)
        start = mend
    _add_span(text, start, n, spans)
    return spans


def _add_span(text: str, s: int, e: int, spans: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))


# --------------------------------------------------------------------------------------------
# Per-sentence scanner
# --------------------------------------------------------------------------------------------
class _Tokens:
    """Tokens of text[s:e] (one regex pass), sliced per sentence without re-tokenising."""

    def __init__(self, text: str, s: int, e: int) -> None:
        ms = list(_TOKEN_RE.finditer(text, s, e))
        self.ts = [m.start() for m in ms]
        self.te = [m.end() for m in ms]
        self.tx = tx = [m.group() for m in ms]
        self.tl = [t.lower() for t in tx]


class _Sentence:
    def __init__(self, text: str, s: int, e: int, toks: _Tokens | None = None) -> None:
        self.text = text
        self.s = s
        self.e = e
        if toks is None:
            toks = _Tokens(text, s, e)
            self.ts, self.te, self.tx, self.tl = toks.ts, toks.te, toks.tx, toks.tl
        else:
            a = bisect_left(toks.ts, s)
            b = bisect_left(toks.ts, e, a)
            self.ts, self.te, self.tx, self.tl = toks.ts[a:b], toks.te[a:b], toks.tx[a:b], toks.tl[a:b]
        self.n = len(self.tx)
        self.v = _V
        self.money_rule = ""  # reason of the last currency_before verdict

    # helpers ---------------------------------------------------------------
    def adj(self, i: int, j: int) -> bool:
        """Tokens i and j (j == i + 1) touch with no space between."""
        return 0 <= i < self.n and 0 <= j < self.n and self.te[i] == self.ts[j]

    def low(self, i: int) -> str:
        return self.tl[i] if 0 <= i < self.n else ""

    def is_digit(self, i: int) -> bool:
        return 0 <= i < self.n and self.tx[i][0].isdigit() and self.tx[i][0] in "0123456789"

    def is_word(self, i: int) -> bool:
        return 0 <= i < self.n and self.tx[i][0].isalpha()

    # number ----------------------------------------------------------------
    def number_at(self, i: int) -> tuple[float, int, bool] | None:
        """(value, end token exclusive, is_word) of a number starting at token i."""
        t = self.tx[i]
        if t[0] in "0123456789":
            return self._digit_number(i)
        lw = self.tl[i]
        if lw in NUMBER_WORDS or lw in ("a", "an", "half"):
            return self._word_number(i)
        return None

    def _digit_number(self, i: int) -> tuple[float, int, bool] | None:
        t = self.tx[i]
        if len(t) > 24:
            return None
        nxt = self.tx[i + 1] if i + 1 < self.n else ""
        allow_dc = "," in t and (
            nxt == "%" or self.low(i + 1) in _PERCENT_WORDS or self.low(i + 1) in self.v["scales"]
        )
        val = parse_digits(t, allow_decimal_comma=allow_dc)
        if val is None:
            return None
        frac = self._fraction_after(i)
        if frac is not None:
            return frac
        return val, i + 1, False

    def _fraction_after(self, i: int) -> tuple[float, int, bool] | None:
        """A mixed number "5-1/2" (Reuters) or "23 3/8" (WSJ) starting at digit token i."""
        k = i + 1
        if k < self.n and self.tx[k] == "-" and self.adj(i, k):
            k += 1
        elif self.adj(i, k) or _is_year(self.tx[i]):
            return None
        if not (k + 2 < self.n and self.tx[k + 1] == "/" and self.adj(k, k + 1) and self.adj(k + 1, k + 2)):
            return None
        if k == i + 2 and not self.adj(k - 1, k):
            return None
        if self.adj(k + 2, k + 3) and self.tx[k + 3] in "-/:.":
            return None  # a date or code: "12-1/2/2020"
        val = mixed_fraction(self.tx[i], self.tx[k], self.tx[k + 2])
        return (val, k + 3, False) if val is not None else None

    def _word_number(self, i: int) -> tuple[float, int, bool] | None:
        words: list[str] = []
        j = i
        end = i
        lw = self.tl[i]
        if lw in _FRACTION_STARTS and (
            lw == "half" or self.low(i + 1) in FRACTION_WORDS or self.low(i + 2) in FRACTION_WORDS
        ):
            # "half a million", "a quarter million", "three quarters billion"
            fr = fraction_of_scale(self.tl[i : i + 7])
            if fr is not None:
                return fr[0], i + fr[1], True
        if lw == "half":
            return None
        if lw in ("a", "an"):
            if self.low(i + 1) not in WORD_SCALES and self.low(i + 1) != "dozen":
                return None
            words.append("a")
            j = i + 1
        while j < self.n and len(words) < 8:
            w = self.tl[j]
            prev = words[-1] if words else None
            if w in NUMBER_WORDS:
                if not can_follow(prev, w):
                    break
                words.append(w)
                end = j + 1
                j += 1
                continue
            if w == "-" and prev in TENS and self.adj(j - 1, j) and self.adj(j, j + 1):
                nx = self.low(j + 1)
                if nx in UNITS and UNITS[nx] < 10:
                    j += 1
                    continue
                break
            if (
                w == "and"
                and prev in ("hundred", "thousand", "million", "billion")
                and can_follow("and", self.low(j + 1))
            ):
                words.append("and")
                j += 1
                continue
            break
        if not words or words == ["a"] or words[0] in WORD_SCALES:  # "million dlrs" alone is no number
            return None
        val = words_to_number(words)
        if val is None:
            return None
        return val, end, True

    # context rejections ----------------------------------------------------
    def bad_left_context(self, i: int, is_word: bool) -> bool:
        """True when the number at token i is part of a date, code, model name, phone number..."""
        p = i - 1
        if is_word:
            t = self.tx[i]
            if t[0].isupper() and i > 0 and not self._sentence_initial(i):
                return True  # "Big Four", "Group of Seven", "Five-Year Plan"
            if p >= 0 and self.adj(p, i) and (self.is_word(p) or self.tx[p] in "-/"):
                return True
            return False
        if p < 0:
            return False
        pt = self.tx[p]
        if self.adj(p, i):
            if pt[0].isalpha():
                if pt in self.v["currency_symbols"] or pt == "W" or pt in self.v["lower_codes"]:
                    return False
                return not (p > 0 and self.tx[p - 1] == "$" and self.adj(p - 1, p))  # "$US9.22"
            if pt in ("-", "–", "−", "+"):
                # sign only when the sign itself is not glued to a preceding token
                return p > 0 and self.adj(p - 1, p)
            if pt == "#" and self.low(i + 1) in self.v["scales"]:
                return False  # "#89.7 million": the pound sign of WSJ text
            if pt in ("/", ":", "#", "@", "_", "&", "=", "^", "\\", "*", "'", "’"):
                return True
            if pt == "." and p > 0 and self.adj(p - 1, p):
                return True
        # "Jan. 4", "January 5", "No. 3", "Rover 25", "phase 2"
        q = p
        if pt == "." and p > 0:
            q = p - 1
        ql = self.low(q)
        if ql in _MONTHS and (ql != "may" or self.tx[q][0] == "M"):
            return True
        if ql in _MODEL_PREFIX_WORDS and (q == p or ql in ("no", "nos", "vol", "art")):
            return True
        if q == p and self.is_word(p):
            w = self.tx[p]
            if (w[0].isupper() or any(c.isupper() for c in w[1:])) and ql not in _PRE_NUMBER_FUNCTION:
                # a capitalised name before a number is a model ("Rover 25"), a capitalised
                # function word ("Each 50,000 Swiss franc note") is not
                if ql not in _QUAL_FIRST and w not in self.v["currency_symbols"] and ql not in _STOP:
                    return True
        # ratios: "1 in 4 Singaporeans", "seven out of 10"
        if ql in ("in", "of") and q == p:
            r = p - 1
            if ql == "of" and self.low(r) == "out":
                r -= 1
            if r >= 0 and (self.is_digit(r) or self.tl[r] in NUMBER_WORDS):
                return True
        if q == p and self.is_digit(p) and not self.adj(p, i):
            return True  # "6512 3456"
        return False

    def _sentence_initial(self, i: int) -> bool:
        j = i - 1
        lo = i - 8
        while j >= 0 and j > lo and not self.tx[j][0].isalnum():
            j -= 1
        if j < 0:
            return True
        # after a qualifier at the sentence start: "More than ten ..."
        k = j
        lo = j - 4
        while k >= 0 and k > lo and (self.tl[k] in _QUAL_WORDS):
            k -= 1
        return k < 0

    def _scaled_money_follows(self, j: int) -> bool:
        """A scale word then a currency word follow: "... and Pan American World Airways 1.95 million
        dlrs" is an amount even after a capitalised word (which otherwise marks a model name)."""
        return self.low(j) in self.v["scales"] and self._currency_word_at(j + 1) is not None

    def chained(self, i: int) -> bool:
        """Digit token i is glued to another digit group (dates, phones, scores, IPs, times)."""
        seps = ("-", "/", ":", ".", "–", "+")
        j = i + 1
        if (
            j + 1 < self.n
            and self.tx[j] in seps
            and self.adj(i, j)
            and self.adj(j, j + 1)
            and self.is_digit(j + 1)
        ):
            return True
        j = i - 1
        if (
            j - 1 >= 0
            and self.tx[j] in seps
            and self.adj(j, i)
            and self.adj(j - 1, j)
            and self.is_digit(j - 1)
        ):
            return True
        return False

    # main -------------------------------------------------------------------
    def scan(self) -> list[_Fig]:
        figs: list[_Fig] = []

        tl = self.tl
        tx = self.tx
        floor = 0
        cands = [k for k, t in enumerate(tl) if t[0] in _DIGITS or t in _CAND_WORDS]
        c = 0
        nc = min(len(cands), MAX_CANDIDATES_PER_SENTENCE)
        while c < nc:
            i = cands[c]
            c += 1
            if i < floor:
                continue
            t0 = tx[i][0]
            if tl[i] in MULTIPLE_WORDS and t0.isalpha():
                f = self._multiple_word(i, floor)
                if f:
                    figs.append(f)
                    floor = f.tok_end
                continue
            got = self.parse_at(i, floor)
            if not got:
                continue
            figs.extend(got)
            floor = max(f.tok_end for f in got)
            if len(figs) >= MAX_FIGURES_PER_SENTENCE:
                break  # a table dump or hostile input, not prose
        return figs

    def _multiple_word(self, i: int, floor: int) -> _Fig | None:
        if self.tx[i][0].isupper() and not self._sentence_initial(i):
            return None
        qs, qual = self.qualifier_before(i, floor)
        val = float(MULTIPLE_WORDS[self.tl[i]])
        return _Fig(self.ts[qs], self.te[i], val, "multiple", "multiple", qual, qs, i + 1, i)

    def qualifier_before(self, k: int, floor: int) -> tuple[int, str]:
        """(first token of the qualifier, qualifier) for a figure starting at token k."""
        for size in (3, 2, 1):
            a = k - size
            if a < floor:
                continue
            key = tuple(self.tl[a:k])
            q = _QUALIFIERS.get(key)
            if q:
                return a, q
        return k, "exact"

    def currency_before(self, i: int, floor: int) -> tuple[int, str] | None:
        """(first token, ISO code) of a currency sign or code right before token i.

        The rules of ``_CURRENCY_BEFORE`` are tried in order; the first that gives a verdict wins
        and its reason is kept in ``self.money_rule`` for the figure it starts."""
        if i - 1 < floor:
            return None
        for rule in _CURRENCY_BEFORE:
            got = rule(self, i, floor)
            if got is not None:
                start, code, reason = got
                if code is None:
                    return None
                self.money_rule = reason
                return start, code
        return None

    def parse_at(self, i: int, floor: int) -> list[_Fig] | None:
        num = self.number_at(i)
        if num is None:
            return None
        value, j, is_word = num
        if j >= self.n or self.tl[j] in _NO_UNIT_START:
            # nothing after the number can make it a figure unless a currency sign precedes it
            p = i - 1
            if p < floor or not (
                self.tx[p] in _CURRENCY_CHARS
                or self.tx[p] in self.v["currency_symbols"]
                or self.tx[p] == "."
                or self.tl[p] in self.v["lower_codes"]
                or (p > floor and self.tx[p - 1] == "$")  # "$US50"
            ):
                return None
        if not is_word and j == i + 1:
            if self.chained(i):
                return self._range(i, value, floor)
        if self.bad_left_context(i, is_word) and not self._scaled_money_follows(j):
            return None
        cur = self.currency_before(i, floor)
        if cur is None and not is_word and i - 1 >= floor and self.tx[i - 1] in ("-", "−", "–", "+"):
            if self.tx[i - 1] != "+" and self.adj(i - 1, i):
                value = -value
        start_tok = cur[0] if cur else i
        if cur is None and i - 1 >= floor and self.tx[i - 1] in ("-", "−", "–") and self.adj(i - 1, i):
            start_tok = i - 1
        qs, qual = self.qualifier_before(start_tok, floor)
        f = self.unit_after(i, j, value, is_word, cur, qs, qual)
        if f is not None and cur is not None and f.tok_end == j and j + 3 < self.n:
            # "$5 to $6 billion": the first bound takes the scale of the second
            m = j + 1 + (i - cur[0])  # the second number, after the same currency prefix
            if (
                self.tl[j] in ("to", "-", "–", "and", "or")
                and m < self.n
                and self.tx[j + 1 : m] == self.tx[cur[0] : i]
                and self.is_digit(m)
            ):
                nxt = self.number_at(m)
                if nxt is not None and nxt[1] < self.n and self.tl[nxt[1]] in self.v["scales"]:
                    sc = self.v["scales"][self.tl[nxt[1]]]
                    if sc >= 1000 and value < nxt[0] * 1000:
                        f.value = mul_exact(value, sc)
        if f is None and j + 1 < self.n and cur is None:
            return self._coordinated(i, j, value, qs, qual)
        if (
            f is not None
            and f.unit == "count"
            and self.low(f.tok_end - 1) in self.v["scales"]  # a bare scaled number, no noun
            and f.tok_end + 1 < self.n
            and cur is None
        ):
            # "a 12 billion to 15 billion dlr market": the first bound takes the second's currency
            both = self._coordinated(i, f.tok_end, value, qs, qual, own_value=f.value)
            if both is not None and both[1].kind == "money":
                return both
        return [f] if f else None

    def _coordinated(
        self, i: int, j: int, value: float, qs: int, qual: str, own_value: float | None = None
    ) -> list[_Fig] | None:
        """ "6 to 7 percent", "10 or 20 years", "between 5 and 6 percent": the unit of the second."""
        c = self.tl[j]
        if c not in ("to", "or", "-", "–", "and"):
            return None
        if c in ("-", "–") and (self.adj(j - 1, j) or self.adj(j, j + 1)):
            return None
        second = self.number_at(j + 1)
        if second is None:
            return None
        v2, j2, w2 = second
        if _is_year(self.tx[i]) or (not w2 and _is_year(self.tx[j + 1])):
            return None
        f2 = self.unit_after(j + 1, j2, v2, w2, None, j + 1, "exact", in_range=True)
        sub_unit = f2 is not None and f2.rule == "money:sub_unit"  # "34 to 36 cts"
        if f2 is None or f2.kind == "count" or (f2.value < v2 and not sub_unit):
            return None
        if c == "and" and self.low(qs - 1) != "between" and f2.kind != "money":
            return None  # "2,325 and 2,380 dlrs" are two prices; "5 and 6 percent" needs "between"
        scale = div_exact(f2.value, v2) if v2 else 1.0
        v1 = mul_exact(value, scale) if (scale >= 1000 and value < v2) or sub_unit else value
        if own_value is not None and own_value != value:
            v1 = own_value  # the first bound has its own scale: "500 million to 1 billion dollars"
        f1 = _Fig(self.ts[qs], self.te[j - 1], v1, f2.unit, f2.kind, qual, qs, j, i, rule=f2.rule)
        return [f1, f2]

    def _range(self, i: int, value: float, floor: int) -> list[_Fig] | None:
        """ "5-6 percent", "$5-6 billion": a two-number range sharing the unit of the second."""
        j = i + 1
        if not (j + 1 < self.n and self.tx[j] in ("-", "–") and self.adj(i, j) and self.adj(j, j + 1)):
            return None
        if self.chained(j + 1) and j + 3 < self.n and self.adj(j + 1, j + 2) and self.tx[j + 2] in "-/:.–+":
            return None  # phone, date
        if i > 0 and self.adj(i - 1, i) and not (self.tx[i - 1] in _CURRENCY_CHARS or self.tx[i - 1] == "$"):
            return None
        if i > 1 and self.tx[i - 1] in ("-", "/", ":") and self.is_digit(i - 2):
            return None
        second = self.number_at(j + 1)
        if second is None or self.bad_left_context(i, False):
            return None
        v2, j2, _ = second
        if _is_year(self.tx[i]):  # "2026-2030", "2020-21 fiscal year"
            return None
        cur = self.currency_before(i, floor)
        start_tok = cur[0] if cur else i
        qs, qual = self.qualifier_before(start_tok, floor)
        cur2 = cur
        f2 = self.unit_after(j + 1, j2, v2, False, cur2, j + 1, "exact", in_range=True)
        if f2 is None or f2.kind in ("count",):
            return None
        # the first number takes the scale when it has none of its own
        scale = div_exact(f2.value, v2) if v2 else 1.0
        v1 = mul_exact(value, scale) if scale >= 1000 and value < v2 else value
        f1 = _Fig(self.ts[qs], self.te[i], v1, f2.unit, f2.kind, qual, qs, i + 1, i, rule=f2.rule)
        return [f1, f2]

    def unit_after(
        self,
        i: int,
        j: int,
        value: float,
        is_word: bool,
        cur: tuple[int, str] | None,
        qs: int,
        qual: str,
        *,
        in_range: bool = False,
    ) -> _Fig | None:
        """Parse scale and unit after the number ending at token j (exclusive).

        The checks of ``_UNIT_CHECKS`` run in order on one ``_Unit``; each gives a figure, a
        rejection (``_REJECT``) or no verdict. A figure says which check made it (``rule``)."""
        u = _Unit(i, j, j, value, 1.0, is_word, cur, qs, qual, in_range)
        for name, check in _UNIT_CHECKS:
            got = check(self, u)
            if got is _REJECT:
                return None
            if isinstance(got, _Fig):
                got.rule = got.rule or name
                return got
        return None

    # unit checks: each (self, u) -> _Fig | _REJECT | None ----------------------------------
    def _u_glued_suffix(self, u: _Unit) -> _Fig | object | None:
        """A letter suffix glued to a digit number: "10k jobs", "3x", "5km", "100USD", "470p"."""
        j, v = u.j, self.v
        if u.is_word or j >= self.n or not self.adj(j - 1, j) or not self.is_word(j):
            return None
        suf = self.tl[j]
        if suf in _DAY_SUFFIX or suf in (
            "s",
            "g",
            "d",
            "nd",
            "th",
            "am",
            "pm",
            "h",
            "hrs",
            "gmt",
            "utc",
            "kst",
        ):
            return _REJECT
        if suf in v["scales"]:
            return None  # "5bn": the scale check reads it
        if suf in v["short_scales"]:
            if u.cur is not None or self._currency_word_at(j + 1) is not None:
                return None  # "$5m", "5m dollars": the scale check reads it
            # "1.2m users", "10k jobs" (but not "a 5m wall" or "100m sprint")
            end = self._count_np(j + 1) if suf in ("m", "k") else None
            if not end:
                return _REJECT
            f = self._mk(u.qs, end, mul_exact(u.value, v["short_scales"][suf]), "count", "count", u.qual, u.i)
            f.subject = self._span(j + 1, end)
            return f
        if suf == "x":
            return self._mk(u.qs, j + 1, u.value, "multiple", "multiple", u.qual, u.i)
        if suf in v["measure_units"]:
            return self._mk(u.qs, j + 1, u.value, v["measure_units"][suf], "other", u.qual, u.i)
        if suf in v["time_units"]:
            return self._mk(u.qs, j + 1, u.value, v["time_units"][suf], "duration", u.qual, u.i)
        return self._glued_money(u, suf) or _REJECT

    def _glued_money(self, u: _Unit, suf: str) -> _Fig | None:
        """ "100USD", "115usd", "470p" (4.70 GBP; but "1080p" is a video resolution)."""
        j, v, t = u.j, self.v, self.tx[u.j]
        if u.cur is not None:
            return None
        if suf in v["currency_symbols"] and t.isupper():
            code, value, rule = v["currency_symbols"][t], u.value, "money:code_glued_after"
        elif suf in v["lower_codes"] and t.islower():
            code, value, rule = v["lower_codes"][suf], u.value, "money:lower_code_glued_after"
        elif suf == "p" and u.value not in v["resolutions"] and not self._am_pm(j + 1):
            code, value, rule = v["sub_units"]["p"], div_exact(u.value, 100), "money:pence_glued"
        else:
            return None
        f = self._mk(u.qs, j + 1, value, code, "money", u.qual, u.i)
        f.rule = rule
        return f

    def _am_pm(self, k: int) -> bool:
        """ ".m." at token k: the rest of "5p.m." or "10 a.m."."""
        return self.low(k) == "." and self.low(k + 1) == "m"

    def _u_time_of_day(self, u: _Unit) -> object | None:
        """ "10 a.m.", "3 pm", "5 o'clock": no figure."""
        j, tl = u.j, self.tl
        if j < self.n and tl[j] in ("a", "p") and self._am_pm(j + 1):
            return _REJECT
        if j < self.n and tl[j] in ("am", "pm", "o") and not u.is_word:
            return _REJECT
        return None

    def _u_scale(self, u: _Unit) -> object | None:
        """Reads a scale word into u ("5 billion", "5-million", "1.5 lakh crore", "$5m"); a year with
        no scale, currency or percent is no figure."""
        k, tl, scales = u.j, self.tl, self.v["scales"]
        if k < self.n:
            w = tl[k]
            hy = w == "-" and self.adj(k - 1, k) and self.adj(k, k + 1) and self.low(k + 1) in scales
            if hy:
                w = tl[k + 1]
            if (
                w in scales
                and not (u.is_word and w in WORD_SCALES)
                and not (w == "hundred" and not u.is_word)
            ):
                u.scale = scales[w]
                k += 2 if hy else 1
                # "1.5 lakh crore", "2 thousand million"
                if k < self.n and tl[k] in scales and scales[tl[k]] > u.scale and tl[k] != "hundred":
                    u.scale *= scales[tl[k]]
                    k += 1
            elif (
                w in self.v["short_scales"]
                and not u.is_word
                and self.adj(u.j - 1, u.j)
                and (u.cur is not None or self._currency_word_at(u.j + 1) is not None)
            ):
                u.scale = self.v["short_scales"][w]
                k += 1
        u.k = k
        u.value = mul_exact(u.value, u.scale)
        if not u.is_word and _is_year(self.tx[u.i]) and u.scale == 1.0 and u.cur is None:
            # years are not figures unless they carry a percent/multiple unit
            if not (k < self.n and (tl[k] == "%" or tl[k] in _PERCENT_WORDS or tl[k] == "fold")):
                if u.qual == "exact" or not self._count_np(k):
                    return _REJECT
        return None

    def _u_currency_before(self, u: _Unit) -> _Fig | None:
        """A sign or code before the number makes it money ("US$ 5 billion dollars" keeps the word)."""
        if u.cur is None:
            return None
        end = u.k
        cw = self._currency_word_at(u.k)
        if cw is not None and cw[1] == u.cur[1]:
            end = cw[0]
        f = self._mk(u.qs, end, u.value, u.cur[1], "money", u.qual, u.i)
        f.rule = self.money_rule
        return f

    def _u_sentence_end(self, u: _Unit) -> _Fig | object | None:
        """Nothing after the number: a scaled count ("2 million") or nothing."""
        if u.k < self.n:
            return None
        if u.scale > 1.0:
            return self._mk(u.qs, u.k, u.value, "count", "count", u.qual, u.i)
        return _REJECT

    def _u_percent(self, u: _Unit) -> _Fig | None:
        """ "5%", "5 percent", "5 per cent", "5 percentage points", "25 basis points", "2pp", "25bp"."""
        k, w, mk = u.k, self.tl[u.k], self._mk
        if w == "%":
            return mk(u.qs, k + 1, u.value, "percent", "percent", u.qual, u.i)
        if w in ("percent", "pct") or (w == "per" and self.low(k + 1) == "cent"):
            end = k + 2 if w == "per" else k + 1
            return mk(u.qs, end, u.value, "percent", "percent", u.qual, u.i)
        if w in ("percentage", "basis") or (
            w == "per" and self.low(k + 1) == "cent" and self.low(k + 2) in ("point", "points")
        ):
            if self.low(k + 1) in ("point", "points"):
                unit = "percentage_point" if w == "percentage" else "basis_point"
                return mk(u.qs, k + 2, u.value, unit, "percent", u.qual, u.i)
            if w == "percentage" and self.low(k + 1) == "-" and self.low(k + 2) in ("point", "points"):
                return mk(u.qs, k + 3, u.value, "percentage_point", "percent", u.qual, u.i)
        if w in _PP_WORDS and self.tx[k].islower():
            return mk(u.qs, k + 1, u.value, "percentage_point", "percent", u.qual, u.i)
        if w in ("bp", "bps"):
            return mk(u.qs, k + 1, u.value, "basis_point", "percent", u.qual, u.i)
        return None

    def _u_multiple(self, u: _Unit) -> _Fig | object | None:
        """ "60-fold", "3 fold", "2.3 times faster" (a multiple), "three times" (a count of times)."""
        k, w = u.k, self.tl[u.k]
        if w == "-" and self.low(k + 1) == "fold" and self.adj(k - 1, k) and self.adj(k, k + 1):
            return self._mk(u.qs, k + 2, u.value, "multiple", "multiple", u.qual, u.i)
        if w == "fold":
            return self._mk(u.qs, k + 1, u.value, "multiple", "multiple", u.qual, u.i)
        if w == "times" and u.scale == 1.0:
            nxt = self.low(k + 1)
            if nxt in _COMPARATIVE_AFTER_TIMES or nxt.endswith("er"):
                return self._mk(u.qs, k + 1, u.value, "multiple", "multiple", u.qual, u.i)
            if u.is_word and u.value < 2:
                return _REJECT
            return self._mk(u.qs, k + 1, u.value, "times", "count", u.qual, u.i)
        return None

    def _u_money_after(self, u: _Unit) -> _Fig | None:
        """The currency after the number: the checks of ``_CURRENCY_AFTER`` in order."""
        for rule in _CURRENCY_AFTER:
            got = rule(self, u.k, u.value)
            if got is not None:
                end, val, code, reason = got
                if code is None:
                    return None  # a verdict of "not money": other units may still apply
                f = self._mk(u.qs, end, val, code, "money", u.qual, u.i)
                f.rule = reason
                return f
        return None

    def _u_duration(self, u: _Unit) -> _Fig | object | None:
        """ "three years", "21 consecutive years", "four-day" (not "Five-Year Plan", "10-year-old")."""
        dur = self._time_unit(u.k)
        if dur is None:
            return _REJECT if u.in_range else None
        end, unit = dur
        if self.low(end) in ("plan", "plans", "programme", "program") or (
            u.is_word and self.tx[u.i][0].isupper() and not self._sentence_initial(u.i)
        ):
            return _REJECT
        if self.low(end) == "-" and self.low(end + 1) == "old":
            return _REJECT  # ages: "10-year-old"
        qs, qual = u.qs, u.qual
        if (
            qual == "over"
            and self.tl[qs] == "over"
            and self.low(qs - 1) not in ("for", "in", "of", "after", "within")
        ):
            qs, qual = qs + 1, "exact"  # "invest Rs 5,000 crore over three years": a span, not "more than"
        return self._mk(qs, end, u.value, unit, "duration", qual, u.i)

    def _u_measure(self, u: _Unit) -> _Fig | None:
        """ "5 km", "a 300-metre wall", "2,000 square metres" (range ends take no measures)."""
        k, w, mus = u.k, self.tl[u.k], self.v["measure_units"]
        if w == "-" and self.adj(k - 1, k) and self.adj(k, k + 1) and self.low(k + 1) in mus:
            if self.low(k + 1) not in ("sq", "square", "cubic", "point", "points", "nm", "ha"):
                return self._mk(u.qs, k + 2, u.value, mus[self.low(k + 1)], "other", u.qual, u.i)
        mu = mus.get(w)
        if mu is not None and w not in ("sq", "square", "cubic") and not (u.is_word and u.value == 1):
            return self._mk(u.qs, k + 1, u.value, mu, "other", u.qual, u.i)
        if w in ("square", "sq", "cubic") and self.low(k + 1) in mus:
            unit = w + "_" + mus[self.low(k + 1)]
            return self._mk(u.qs, k + 2, u.value, unit, "other", u.qual, u.i)
        return None

    def _u_count(self, u: _Unit) -> _Fig | object | None:
        """ "600 business leaders", "a 5,000-strong force", "2 million" before a stop (not "one of",
        a rank "among the top three", an anaphoric "the two countries")."""
        k, w, qs = u.k, self.tl[u.k], u.qs
        if u.value == 1 and u.scale == 1.0:
            return _REJECT  # "one of", "one another", "1 Raffles Place"
        if qs == u.i and self._is_rank(qs - 1):
            return _REJECT  # a rank, not a count: "among the world's top five economies"
        p = qs - 1
        if u.is_word and p >= 0 and qs == u.i:
            if self.tl[p] in _DETERMINERS or (self.tl[p] == "s" and p > 0 and self.tx[p - 1] in "'’"):
                return _REJECT  # anaphoric "the two countries"
        if w == "-" and self.adj(k - 1, k) and self.adj(k, k + 1) and self.low(k + 1) in _STRONG_WORDS:
            end = k + 2
            head = self._count_np(end) or (
                end + 1 if self.is_word(end) and self.tl[end] not in _STOP else end
            )
            return self._mk(qs, head, u.value, "count", "count", u.qual, u.i)
        np_end = self._count_np(k)
        if np_end:
            f = self._mk(qs, np_end, u.value, "count", "count", u.qual, u.i)
            f.subject = self.text[self.ts[k] : self.te[np_end - 1]]
            return f
        if u.scale > 1.0 and (w in (",", ".", ";", ")") or w in _STOP):
            return self._mk(qs, k, u.value, "count", "count", u.qual, u.i)
        return _REJECT

    def _mk(self, qs: int, end_tok: int, value: float, unit: str, kind: str, qual: str, num_tok: int) -> _Fig:
        return _Fig(self.ts[qs], self.te[end_tok - 1], value, unit, kind, qual, qs, end_tok, num_tok)

    def _currency_word_at(self, k: int) -> tuple[int, str] | None:
        """(end token exclusive, code) of a currency word/phrase starting at token k."""
        v = self.v
        if k >= self.n or self.tl[k] not in v["currency_word_first"]:
            return None
        table = v["currency_word_tuples"]
        for size in range(min(v["currency_word_max"], self.n - k), 0, -1):
            key = tuple(self.tl[k : k + size])
            code = table.get(key)
            if code:
                if key in v["guarded"]:
                    # "16 billion marks", "1.79 marks" (a rate), not "10 marks" in a test
                    if not (k > 0 and (self.tl[k - 1] in v["scales"] or "." in self.tx[k - 1])):
                        return None
                return k + size, code
        return None

    def _time_unit(self, k: int) -> tuple[int, str] | None:
        tu = self.v["time_units"]
        n = self.n
        if k < n and self.tx[k] == "-" and self.adj(k - 1, k) and self.adj(k, k + 1):
            w = self.low(k + 1)
            if w in tu and w not in ("yr", "yrs", "hr", "hrs"):
                return k + 2, tu[w]
            return None
        j = k
        skipped = 0
        while j < n and self.tl[j] in _TIME_SKIP_ADJ and skipped < 2:
            j += 1
            skipped += 1
        if j < n and self.tl[j] in tu:
            w = self.tl[j]
            if w in ("second", "quarter") and j > k - 1:
                # "second" / "quarter" singular after a number is rare and ambiguous
                if w == "second":
                    return None
            return j + 1, tu[w]
        return None

    def _count_np(self, k: int) -> int | None:
        """End token (exclusive) of a counted noun phrase starting at token k, or None."""
        n = self.n
        j = k
        words = 0
        last_end: int | None = None
        hyphen = False
        lim = min(n, k + 12)
        while j < lim and words < 5:
            t = self.tx[j]
            w = self.tl[j]
            if t[0].isalpha() and words and t[0].isupper() and self.adj(j, j + 1) and self.is_digit(j + 1):
                j += 1  # code prefix: "A321XLR"
                continue
            if not t[0].isalpha():
                # hyphenated modifier "high-value", "state-owned", "start-ups"
                if t == "-" and words and self.adj(j - 1, j) and self.adj(j, j + 1) and self.is_word(j + 1):
                    j += 1
                    hyphen = True
                    continue
                # model designations inside the phrase: "Airbus A321XLR jets", "PlayStation 5 consoles"
                if (
                    t[0] in "0123456789"
                    and words
                    and self.tx[j - 1][0].isupper()
                    and j + 1 < n
                    and self.is_word(j + 1)
                    and not _is_year(t)
                ):
                    j += 1
                    continue
                break
            if hyphen:
                hyphen = False
                if w in _STOP or w in NUMBER_WORDS:
                    j += 1
                    continue
            if w in _STOP or w in _MONTHS and t[0].isupper() and w != "may":
                if w == "of" and last_end is None and j > k and self.tl[j - 1] in _OF_HEADS:
                    if self.low(j + 1) in _OF_TAILS:
                        return j + 2
                break
            if w in NUMBER_WORDS or w in ORDINAL_WORDS:
                break
            words += 1
            j += 1
            if (
                w in _IRREGULAR_PLURALS
                or _looks_plural(w)
                or (self.low(j - 2) == "-" and len(w) == 3 and w[-1] == "s")
            ):
                if w in _OF_HEADS and self.low(j) == "of" and self.low(j + 1) in _OF_TAILS:
                    return j + 2
                last_end = j
                # compound head: "police officers", "business leaders"
                if j < lim and self.is_word(j) and _looks_plural(self.tl[j]) and self.tl[j] not in _STOP:
                    last_end = j + 1
                break
            if w in _OF_HEADS and self.low(j) == "of" and self.low(j + 1) in _OF_TAILS:
                return j + 2
        return last_end

    # subject / period -------------------------------------------------------
    def subject_for(self, f: _Fig, prev: _Fig | None) -> str | None:
        if f.kind == "count" and f.subject:
            return f.subject
        if f.kind == "duration":
            return None
        a = f.tok_start
        # "with imports from South Korea at approximately 1.34 trillion yuan"
        if a - 1 >= 0 and self.tl[a - 1] in ("at", "of", "to", "by"):
            b = a - 1
            # "grew by", "rose to", "surged ... to"
            lo = max(0, b - 30)
            j = b - 1
            while j >= lo:
                w = self.tl[j]
                if w in _MEASURE_VERBS:
                    return self._np_before(j, prev)
                if w == "with" and self.tl[b] == "at":
                    s = self._span(j + 1, b)
                    return s
                if self.tx[j] in (";", "(") or (prev is not None and j < prev.tok_end):
                    break
                j -= 1
            if prev is not None and prev.subject:
                return prev.subject
            return None
        j = a - 1
        lo = max(0, a - 4)
        while j >= lo:
            if self.tl[j] in _MEASURE_VERBS:
                return self._np_before(j, prev)
            j -= 1
        if f.kind == "percent" and self.low(f.tok_end) == "of":
            e = self._np_after(f.tok_end + 1)
            if e:
                return self._span(f.tok_end + 1, e)
        return None

    def _np_before(self, v: int, prev: _Fig | None) -> str | None:
        if self.tl[v].endswith("ing") and v > 0 and self.tx[v - 1] == ",":
            return prev.subject if prev is not None else None
        v = self._skip_aside(v)
        j = v - 1
        lo = max(0, v - 10)
        if prev is not None:
            lo = max(lo, prev.tok_end)
        while j >= lo:
            t = self.tx[j]
            w = self.tl[j]
            if t[0].isalnum() or t in ("'", "’", "-", "&"):
                if w in _SUBJECT_BREAK:
                    break
                if _is_year(t) and j > 0 and self.tl[j - 1] in ("in", "for", "during"):
                    break
                j -= 1
                continue
            break
        s = j + 1
        while s < v and self.tl[s] in _SUBJECT_LEAD_DROP:
            s += 1  # "with sales reaching ..." -> "sales"
        if s >= v:
            return prev.subject if prev is not None else None
        return self._span(s, v)

    def _is_rank(self, p: int) -> bool:
        """ "top"/"bottom" at p after a word of membership: "among the world's top five", "one of
        the top 10 economies", "ranked in the top five" (but "The top 10 companies account for" counts)."""
        if self.low(p) not in _RANK_WORDS:
            return False
        return any(self.low(k) in _RANK_MEMBERSHIP for k in range(max(0, p - 6), p))

    def _skip_aside(self, v: int) -> int:
        """The end of the noun phrase before a verb at v, past a prepositional aside set off by commas:
        "The Wuxi plant, in Jiangsu Province, accounts for 40 percent" -> "plant"."""
        if v < 2 or self.tx[v - 1] != ",":
            return v
        k = v - 2
        while k > max(0, v - 10) and self.tx[k] != ",":
            k -= 1
        if self.tx[k] == "," and self.tl[k + 1] in _ASIDE_PREPS and k > 0 and self.tx[k - 1][0].isalnum():
            return k
        return v

    def _np_after(self, k: int) -> int | None:
        j = k
        while j < self.n and j < k + 8:
            t = self.tx[j]
            if not (t[0].isalnum() or t in ("'", "’", "-")):
                break
            if self.tl[j] in _SUBJECT_BREAK or self.tl[j] in ("while", "in", "on", "at", "from", "by"):
                break
            j += 1
        return j if j > k else None

    def _span(self, a: int, b: int) -> str | None:
        if b <= a:
            return None
        return self.text[self.ts[a] : self.te[b - 1]]

    def years(self) -> list[tuple[int, int, int]]:
        """(token index, year, priority) of year mentions that can give a figure its period."""
        out = []
        for idx in [k for k, t in enumerate(self.tx) if len(t) == 4 and t[0] in "12"]:
            t = self.tx[idx]
            if _is_year(t) and not self.chained(idx):
                if idx + 1 < self.n and self.adj(idx, idx + 1) and self.is_word(idx + 1):
                    continue
                prev = self.low(idx - 1)
                if prev == "fy" or (idx > 0 and self.tx[idx - 1] == "FY"):
                    prio = 3
                else:
                    prio = _YEAR_PREPS.get(prev, 0)
                if idx <= 1 and prev in ("in", "for", "during", ""):
                    prio = 4
                if prev in ("since", "from", "until", "till", "between", "to", "after", "before"):
                    continue
                if prio:
                    out.append((idx, int(t), prio))
        return out


_UNIT_CHECKS = (
    ("glued_suffix", _Sentence._u_glued_suffix),
    ("time_of_day", _Sentence._u_time_of_day),
    ("scale", _Sentence._u_scale),
    ("currency_before", _Sentence._u_currency_before),
    ("sentence_end", _Sentence._u_sentence_end),
    ("percent", _Sentence._u_percent),
    ("multiple", _Sentence._u_multiple),
    ("money_after", _Sentence._u_money_after),
    ("duration", _Sentence._u_duration),
    ("measure", _Sentence._u_measure),
    ("count", _Sentence._u_count),
)
_STRONG_WORDS = frozenset(("strong", "member", "person", "man"))


# --------------------------------------------------------------------------------------------
# Currency before a number: an ordered table of small checks. Each returns None (no verdict) or
# (first token, ISO code or None for "not money", reason).
# --------------------------------------------------------------------------------------------
_Verdict = tuple[int, str | None, str] | None
# not "A": "A $114 million issue" is the article
_SPACED_PREFIXES = frozenset(("US", "HK", "NT", "NZ", "S", "C", "us", "hk", "nt", "nz", "s", "c"))


def _sign_glued_prefix(s: _Sentence, i: int, floor: int) -> _Verdict:
    """ "US$5", "HK$10", "c$16.4" and "usd$ 15" (any case), "U.S.$5": letters glued to the sign."""
    p, q = i - 1, i - 2
    pt = s.tx[p]
    if not (pt == "$" or pt in _CURRENCY_CHARS) or q < floor or not s.adj(q, p):
        return None
    if pt == "$" and q - 3 >= floor and s.tl[q - 3 : q + 1] == ["u", ".", "s", "."]:
        if all(s.adj(k, k + 1) for k in range(q - 3, q)):
            return q - 3, "USD", "money:sign_glued_prefix"  # "U.S.$5"
    if not s.is_word(q):
        return None
    code = s.v["currency_symbols"].get(s.tx[q] + pt) or s.v["sign_ci"].get((s.tx[q] + pt).lower())
    if code:
        return q, code, "money:sign_glued_prefix"
    return q, None, "not_money:word_glued_to_sign"


def _sign_spaced_prefix(s: _Sentence, i: int, floor: int) -> _Verdict:
    """ "US $5", and in lower-cased, tokenised text "c $ 16.4 million", "hk $ 10.05 billion"
    (but "a $ 5 million deal" is the article, not Australia)."""
    p, q = i - 1, i - 2
    if s.tx[p] != "$" or q < floor or s.adj(q, p) or s.tx[q] not in _SPACED_PREFIXES:
        return None
    if q > 0 and s.adj(q - 1, q):
        return None  # "the company's $11 billion": the "s" of a possessive

    code = s.v["sign_ci"].get(s.tl[q] + "$")
    return (q, code, "money:sign_spaced_prefix") if code else None


def _nation_sign(s: _Sentence, i: int, floor: int) -> _Verdict:
    """ "Jamaican $308 million", "Canadian $5", "Hong Kong $ 10": a nationality names the dollar."""
    p = i - 1
    if s.tx[p] != "$":
        return None
    for size in (3, 2, 1):
        a = p - size
        if a >= floor and s.is_word(a):
            code = s.v["dollar_nations"].get(tuple(s.tl[a:p]))
            if code:
                return a, code, "money:nationality_sign"
    return None


def _sign(s: _Sentence, i: int, floor: int) -> _Verdict:
    """ "$5", "€5", "£ 5": a bare sign."""
    pt = s.tx[i - 1]
    if pt == "$" or pt in _CURRENCY_CHARS:
        return i - 1, s.v["currency_symbols"].get(pt, "USD"), "money:sign"
    return None


def _sign_then_code(s: _Sentence, i: int, floor: int) -> _Verdict:
    """ "$US9.22", "$NZ13.04", "$A5": the sign first, the country glued after it."""
    p = i - 1
    if not (p - 1 >= floor and s.adj(p, i) and s.tx[p - 1] == "$" and s.adj(p - 1, p) and s.is_word(p)):
        return None
    code = s.v["currency_symbols"].get(s.tx[p] + "$")
    return (p - 1, code, "money:sign_then_code") if code else None


def _wsj_pound(s: _Sentence, i: int, floor: int) -> _Verdict:
    """ "#89.7 million", "# 15 billion": WSJ text writes the pound sign as "#" (only before a scale
    word: "#1" is a rank, "#5" a hashtag)."""
    if s.tx[i - 1] == "#" and s.low(i + 1) in s.v["scales"] and s.v["scales"][s.low(i + 1)] >= 1e6:
        return i - 1, "GBP", "money:wsj_pound_sign"
    return None


def _rs_dot(s: _Sentence, i: int, floor: int) -> _Verdict:
    """ "Rs. 500"."""
    if s.tx[i - 1] == "." and i - 2 >= floor and s.tx[i - 2] == "Rs":
        return i - 2, "INR", "money:rs_dot"
    return None


def _code_before(s: _Sentence, i: int, floor: int) -> _Verdict:
    """ "USD 20", "RMB 10", "Rs 500", "Won25,000bn", and lower-case ISO codes "usd 20", "rmb 10"."""
    p = i - 1
    pt = s.tx[p]
    if not s.is_word(p):
        return None
    syms = s.v["currency_symbols"]
    if pt in syms and (pt.isupper() or pt in _MIXED_CASE_CODES):
        if pt in ("A", "C", "S", "R") or (pt == "Won" and not s.adj(p, i)):
            return p, None, "not_money:letter_before_number"
        return p, syms[pt], "money:code_before"
    if pt in s.v["lower_codes"]:
        return p, s.v["lower_codes"][pt], "money:lower_code_before"
    if pt == "W" and s.adj(p, i):
        return p, "KRW", "money:won_sign_letter"
    return None


_CURRENCY_BEFORE = (
    _sign_glued_prefix,
    _sign_spaced_prefix,
    _nation_sign,
    _sign,
    _sign_then_code,
    _wsj_pound,
    _rs_dot,
    _code_before,
)
_MIXED_CASE_CODES = frozenset(("Rs", "Rp", "Tk", "Rmb", "SFr", "zł", "Won"))


# --------------------------------------------------------------------------------------------
# Currency after a number (token k follows the number and its scale; value has the scale): an
# ordered table of small checks, each None or (end token exclusive, value, ISO code, reason).
# --------------------------------------------------------------------------------------------
_After = tuple[int, float, str | None, str] | None


def _pound_weight(s: _Sentence, k: int, value: float) -> _After:
    """Pounds of weight, not money: "a 300-pound lineman", "a 1,850 pound satellite" (singular after
    digits, no scale), "5 pounds of beef", "a welterweight bout at 152 pounds"."""
    hyphen = s.low(k) == "-" and s.adj(k - 1, k)
    w = s.low(k + 1) if hyphen else s.low(k)
    if w not in ("pound", "pounds") or s.low(k - 1) in s.v["scales"]:
        return None
    if hyphen or (w == "pound" and s.is_digit(k - 1)) or s.low(k + 1) == "of":
        return k, value, None, "not_money:pound_weight"
    before = s.tl[max(0, k - 9) : k]
    if any(b in s.v["weight_set"] or b.endswith("weight") for b in before):
        return k, value, None, "not_money:pound_weight_context"  # "a welterweight bout at 152 pounds"
    return None


def _currency_word_after(s: _Sentence, k: int, value: float) -> _After:
    """ "5 billion dollars", "446 mln Canadian dlrs"; with its cents: "3 dollars 50 cents",
    "thirteen dollars and forty-five cents", "15 dollars 50"."""
    if s.low(k) == "-" and s.adj(k - 1, k) and s.adj(k, k + 1):
        k += 1  # "a 100-franc share", "a 5-dollar bill"
    cw = s._currency_word_at(k)
    if cw is None:
        return None
    end, code = cw
    m = end + 1 if s.low(end) == "and" else end
    num = s.number_at(m) if m < s.n else None
    if num is not None and num[0] < 100 and num[0] == int(num[0]):
        cents, j2, is_word = num
        if s.low(j2) in s.v["sub_units"] and s.low(j2) != "p":
            return j2 + 1, to_float(exact(value) + exact(cents) / 100), code, "money:currency_word_and_cents"
        if m == end and not is_word and (j2 >= s.n or s.tx[j2] in ",.;)") and s.tx[m].isdigit():
            return j2, to_float(exact(value) + exact(cents) / 100), code, "money:currency_word_and_cents"
    return end, value, code, "money:currency_word"


def _sub_unit_after(s: _Sentence, k: int, value: float) -> _After:
    """ "50 cents", "1.20 cents", "470 pence", "56 cts", "one penny", "a 12-cent dividend"."""
    w = s.low(k)
    if w == "-" and s.adj(k - 1, k) and s.adj(k, k + 1):
        k, w = k + 1, s.low(k + 1)
    if w not in s.v["sub_units"] or w == "p" or not s.tx[k].islower():
        return None
    return k + 1, div_exact(value, 100), s.v["sub_units"][w], "money:sub_unit"


def _code_after(s: _Sentence, k: int, value: float) -> _After:
    """ "20 USD", "20 usd", "75 usd million" (the scale after the code)."""
    t = s.tx[k]
    if t in s.v["currency_symbols"] and t.isupper() and len(t) == 3:
        code = s.v["currency_symbols"][t]
    elif t in s.v["lower_codes"]:
        code = s.v["lower_codes"][t]
    else:
        return None
    sc = s.v["scales"].get(s.low(k + 1))
    if sc is not None and sc >= 1000:
        return k + 2, mul_exact(value, sc), code, "money:code_after_then_scale"
    return k + 1, value, code, "money:code_after"


def _scaled_code_after(s: _Sentence, k: int, value: float) -> _After:
    """ "30 musd", "120 meur", "5 MEUR": a scale letter glued to a lower- or upper-case code."""
    t = s.tx[k]
    if not (t.islower() or t.isupper()):
        return None
    low = s.tl[k]
    for prefix, sc in s.v["code_scale_prefixes"].items():
        code = low[len(prefix) :]
        if low.startswith(prefix) and code in s.v["lower_codes"]:
            return k + 1, mul_exact(value, sc), s.v["lower_codes"][code], "money:scaled_code_after"
    return None


def _sign_after(s: _Sentence, k: int, value: float) -> _After:
    """ "10 €", "10 $": the sign after the number (not "10 $5 bills", a sign of the next amount)."""
    t = s.tx[k]
    if not (t == "$" or t in _CURRENCY_CHARS) or s.is_digit(k + 1):
        return None
    return k + 1, value, s.v["currency_symbols"].get(t, "USD"), "money:sign_after"


_CURRENCY_AFTER = (
    _pound_weight,
    _currency_word_after,
    _sub_unit_after,
    _code_after,
    _scaled_code_after,
    _sign_after,
)


_V = _vocab()
# number words in the case variants the gate accepts (set test in C, no per-word Python work)
_GATE_WORDS = frozenset(
    v for w in (NUMBER_WORDS | frozenset(MULTIPLE_WORDS) | {"half"}) for v in (w, w.capitalize(), w.upper())
) | frozenset(_V["lower_codes"])  # "usd 20" in lower-cased text
_DIGITS = frozenset("0123456789")
_NO_UNIT_START = (
    (_STOP - {"to", "or", "and", "per", "over", "more", "less", "up", "down"})
    | (NUMBER_WORDS - frozenset(WORD_SCALES) - {"dozen"})
    | frozenset(",;:)]}\"'”’")
)
_FRACTION_STARTS = frozenset(("a", "an", "one", "two", "three", "half"))
_CAND_WORDS = NUMBER_WORDS | frozenset(MULTIPLE_WORDS) | {"a", "an", "half"}
_QUAL_WORDS = frozenset(w for k in _QUALIFIERS for w in k)
_QUAL_FIRST = frozenset(k[0] for k in _QUALIFIERS)


def _is_year(t: str) -> bool:
    return len(t) == 4 and t.isdigit() and 1800 <= int(t) <= 2100


def _looks_plural(w: str) -> bool:
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "ics"))


def _period(years: list[tuple[int, int, int]], idxs: list[int], f: _Fig) -> int | None:
    """The year of a sentence-initial "In 2024," else of the nearest year mention (O(log n))."""
    if not years:
        return None
    if years[0][2] >= 4:
        return years[0][1]
    pos = bisect_left(idxs, f.num_tok)
    best: tuple[tuple[int, int], int] | None = None
    for c in (pos - 1, pos):
        if 0 <= c < len(years):
            idx, yr, prio = years[c]
            key = (-abs(idx - f.num_tok), prio)
            if best is None or key > best[0]:
                best = (key, yr)
    return best[1] if best else None


_GAP_EQUIV = re.compile(
    r"(?<!\s)\s*+(?:\(|,?\s?or|,?\s?(?:\(\s?)?(?:equivalent|equal) to|,?\s?(?:\(\s?)?or)\s*+"
)


def extract_figures(text: str) -> list[dict[str, Any]]:
    """Money, percentages, multiples, counts and durations in ``text``, in text order."""
    if not text:
        return []
    out: list[dict[str, Any]] = []
    gated = [
        (s, e)
        for s, e in split_sentences(text)
        if _GATE_RE.search(text, s, e) or not _GATE_WORDS.isdisjoint(_WORD_RE.findall(text, s, e))
    ]
    toks: _Tokens | None = None
    for k, (s, e) in enumerate(gated):
        if k % _TOKEN_CHUNK == 0:
            # one tokenising pass per chunk of candidate sentences (amortises per-call overhead)
            last = gated[min(k + _TOKEN_CHUNK, len(gated)) - 1][1]
            toks = _Tokens(text, s, last) if last - s <= _TOKEN_CHUNK_CHARS else None
        sent = _Sentence(text, s, e, toks)
        figs = sent.scan()
        if not figs:
            continue
        years = sent.years()
        year_idx = [y[0] for y in years]
        base = len(out)
        prev: _Fig | None = None
        sentence_text = text[s:e]
        for k, f in enumerate(figs):
            if k > 0 and f.kind == "money":
                a = figs[k - 1]
                gap = text[a.end : f.start]
                if a.kind == "money" and a.unit != f.unit and len(gap) <= 24 and _GAP_EQUIV.fullmatch(gap):
                    f.equivalent = base + k - 1
            if f.equivalent is not None:
                f.subject = figs[k - 1].subject
            else:
                f.subject = sent.subject_for(f, prev)
            prev = f
            out.append(
                {
                    "text": text[f.start : f.end],
                    "start": f.start,
                    "end": f.end,
                    "value": float(f.value),
                    "unit": f.unit,
                    "kind": f.kind,
                    "qualifier": f.qualifier,
                    "subject": f.subject,
                    "period": _period(years, year_idx, f),
                    "sentence": sentence_text,
                    "equivalent_to": f.equivalent,
                    "rule": f.rule or f.kind,
                }
            )
    return out
