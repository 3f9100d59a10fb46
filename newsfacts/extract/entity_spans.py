"""Paragraph-level span layer: model spans, repairs, patterns, gazetteer matches, acronym definitions.

Input: one paragraph's text and its spaCy ``Doc`` (NER only). Output: non-overlapping candidate
spans with character offsets into the paragraph. Everything is generic: head words, titles,
surnames and gazetteer aliases come from ``newsfacts/data/gazetteer.json``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any

from newsfacts.extract.entity_lexicon import Lexicon

KEEP_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"}
# NORP, DATE, TIME, CARDINAL, ORDINAL, MONEY, PERCENT, QUANTITY, WORK_OF_ART, LANGUAGE: not entities

_LEAD_STRIP = " \t\"'\u201c\u201d\u2018\u2019([{-\u2013\u2014,;:/*\u2022\u00b7"
_TRAIL_STRIP = " \t\"'\u201c\u201d\u2018\u2019([{-\u2013\u2014,;:/*\u2022\u00b7"
_ABBREV_END = {
    "Co.", "Inc.", "Corp.", "Ltd.", "Jr.", "Sr.", "St.", "Bros.", "Dr.", "Mr.", "Mrs.", "Ms.", "No.", "Gen.", "Mt.",
}  # fmt: skip
_LEGAL_EXT = re.compile(
    r",?[ \t]+(?:(?:and|&)[ \t]+Co\b\.?|Co\.|Co\b|Corp\.|Corporation\b|Inc\.|Inc\b|Ltd\.|Ltd\b|Limited\b|LLC\b|PLC\b|plc\b|"
    r"AG\b|S\.A\.|SA\b|GmbH\b|N\.V\.|Holdings\b)"
)
_OF_THE = re.compile(r"^([A-Z][\w-]*) of (?:the )?([A-Z].*)$")
_ABSTRACT = ("tion", "sion", "ment", "ance", "ence", "ity", "ism", "ing")
_PAREN = re.compile(r"\(([A-Z][A-Za-z0-9&.\-]{1,11})\)")
_CONNECT = {"of", "and", "for", "on", "the", "&", "de", "-", "\u2013", "\u2014"}
_POSS = ("'s", "\u2019s")
_TOKEN = re.compile(r"\S+")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z][a-z]+[ \t]+[A-Z][a-z]")
_LEGAL_OF = re.compile(
    r"\b(?:Co|Inc|Corp|Ltd|SA|SpA|AG|PLC|plc|NV|GmbH|Sarl)\.?([ \t]+of[ \t]+([A-Z][\w. ]+))$"
)
_TICKER_TAIL = re.compile(r"(?<=\S)[ \t]+[A-Z0-9]{1,6}\.[A-Z]{1,2}$")
_TITLE_NEXT = re.compile(
    r"[ \t]+(?:Cabinet[ \t]+)?(?:Minister|Secretary|Commissioner|Representative|Ministry)\b"
)
_TAIL_LOWER = re.compile(r"[ \t]+([a-z]+)$")
_TAIL_CONNECT = re.compile(r"\s+(?:and|or|of|the|for|&)$")
_RIGHT_OF = re.compile(
    r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'\u2019-]*(?:[ \t]+(?:(?:and|&|of)[ \t]+)?[A-Z][\w'\u2019-]*){0,5}"
)
_WEEKDAYS_MONTHS = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
    "April", "May", "June", "July", "August", "September", "October", "November", "December",
}  # fmt: skip

PRIORITY = {"acronym": 0, "pattern": 1, "gaz": 2, "longform": 2, "ner": 3, "pattern_weak": 4, "honorific": 5}


@dataclass
class Cand:
    start: int
    end: int
    label: str
    source: str
    entry: int | None = None  # gazetteer entry index
    long: Cand | None = None  # for an acronym mention: the long form it abbreviates
    defines: str | None = None  # for a long form: the acronym it defines


def _stopwords() -> set[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return set(STOP_WORDS)


_STOP: set[str] = set()


def _is_stop(tok: str) -> bool:
    global _STOP
    if not _STOP:
        _STOP = _stopwords()
    return tok.lower() in _STOP


def trim(text: str, s: int, e: int, label: str, lex: Lexicon) -> tuple[int, int] | None:
    """Span repair: no leading "the"/punctuation, no trailing "(", possessive or punctuation,
    no unbalanced parenthesis, no leading title on a PERSON."""
    for _ in range(12):
        s0, e0 = s, e
        seg = text[s:e]
        low = seg[:4].lower()
        if low == "the " or low == "the\u00a0":
            s += 4
            continue
        if seg.startswith(("a ", "an ")):
            s += seg.index(" ") + 1
            continue
        tail = _TAIL_CONNECT.search(seg)
        if tail:
            e = s + tail.start()
            continue
        low_tail = _TAIL_LOWER.search(seg)
        if low_tail and low_tail.group(1) not in lex.name_particles and seg[:1].isupper():
            e = s + low_tail.start()  # "United Steelworkers union" -> "United Steelworkers"
            continue
        if seg and seg[0] in _LEAD_STRIP:
            s += 1
            continue
        i = seg.find("(")
        if i >= 0 and ")" not in seg[i:]:
            e = s + i
            continue
        j = seg.find(")")
        if j >= 0 and "(" not in seg[:j]:
            e = s + j
            continue
        tick = _TICKER_TAIL.search(seg)
        if tick:
            e = s + tick.start()  # "Hongkong Land Co Ltd HKLD.HK": an exchange ticker is not part of a name
            continue
        if seg.endswith(_POSS) and len(seg) > 2:
            e -= 2
            continue
        if seg.endswith(("s'", "s\u2019")):
            e -= 1
            continue
        if seg and seg[-1] in _TRAIL_STRIP:
            e -= 1
            continue
        if seg.endswith(".") and len(seg) > 1:
            last = seg.rsplit(None, 1)[-1]
            if last not in _ABBREV_END and "." not in last[:-1]:
                e -= 1
                continue
        if label == "PERSON":
            for t in lex.titles:
                if seg.startswith(t) and len(seg) > len(t) and seg[len(t)] in " \u00a0":
                    s += len(t) + 1
                    break
        if label == "ORG":
            of_place = _LEGAL_OF.search(seg)
            if of_place and lex.lookup(of_place.group(2)) is not None:
                e = s + of_place.start(1)  # "Benetton SpA of Italy": the company, then its country
                continue
            words = seg.split()
            if (
                len(words) > 2
                and words[-1] in _title_set(lex)
                and words[-2] not in _CONNECT
                and _NAME_AFTER.match(text, e)
            ):
                e = s + seg.rstrip().rfind(" ")  # "Canal Commission Administrator": a title, not the name
                continue
        if (s, e) == (s0, e0):
            break
    if e <= s or not any(ch.isalpha() for ch in text[s:e]):
        return None
    return s, e


def preceded_by_title(text: str, s: int, lex: Lexicon) -> bool:
    """Is the span at ``s`` directly preceded by a title ("President", "Mr", "Trade Minister")?"""
    before = text[max(0, s - 40) : s]
    if not before.endswith((" ", "\u00a0")):
        return False
    words = before.split()
    titles = _title_set(lex)
    return any(" ".join(words[-n:]) in titles for n in (1, 2, 3) if len(words) >= n)


_TITLE_SETS: dict[int, frozenset[str]] = {}


def _title_set(lex: Lexicon) -> frozenset[str]:
    t = _TITLE_SETS.get(id(lex))
    if t is None:
        t = _TITLE_SETS[id(lex)] = frozenset(lex.titles)
    return t


def _ner_cands(text: str, doc: Any, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    particles = "|".join(re.escape(p) for p in sorted(lex.name_particles, key=len, reverse=True)) or "(?!)"
    particle_ext = re.compile(rf"((?:[ \t]+(?:{particles}))*)[ \t]+([A-Z][\w'\u2019-]*)")
    for ent in doc.ents:
        label = ent.label_
        s, e = ent.start_char, ent.end_char
        if label in ("NORP", "GPE", "ORG", "LOC", "PRODUCT", "WORK_OF_ART") and ent.end - ent.start <= 3:
            if ent.text[:1].isupper() and preceded_by_title(text, s, lex) and lex.lookup(ent.text) is None:
                label = "PERSON"  # "Mr Albanese", "Premier Ishiba": a title makes it a person
        if label not in KEEP_LABELS:
            continue
        if label != "PERSON" and all(w in lex.portfolio_words for w in ent.text.split()):
            if _TITLE_NEXT.match(text, e):
                continue  # "Trade" in "Trade Minister Omer Bolat": part of a title
        if label in ("ORG", "PERSON", "PRODUCT") and ent.start > 0:
            prev = doc[ent.start - 1]
            pt = prev.text
            if (
                2 <= len(pt) <= 5
                and pt.isalpha()
                and pt.isupper()
                and prev.whitespace_
                and not prev.ent_type_
                and pt.casefold() not in lex.non_entities
                and (lex.lookup(pt) is None or lex.entries[lex.lookup(pt) or 0].type == "ORG")
                and not (ent.start > 1 and doc[ent.start - 2].text == "(")
            ):
                s, label = prev.idx, "ORG"  # "SK" + "Hynix": a group's acronym prefix the model left out
        if label == "PERSON" and ent.start > 0 and ent.end - ent.start <= 2:
            prev = doc[ent.start - 1]
            if (
                prev.text in lex.surnames
                and prev.whitespace_
                and not prev.ent_type_
                and ent.text[:1].isupper()
            ):
                s = prev.idx  # "He Lifeng": the model drops a surname that is also an English word
        if label == "PERSON":
            last = text[s:e].rsplit(None, 1)[-1] if text[s:e].strip() else ""
            m = particle_ext.match(text, e)
            if m and (m.group(1) or last in lex.name_particles):
                e = m.end()  # "Ursula von" + "der Leyen"
            elif len(text[s:e].split()) == 2:
                e = _surname_tail(text, e, lex)
        if label in ("ORG", "GPE", "PERSON", "LOC") and _LEGAL_EXT.match(text, e):
            for _ in range(3):
                m = _LEGAL_EXT.match(text, e)
                if not m:
                    break
                e, label = m.end(), "ORG"  # "Wertheim" (tagged a place) + "and Co": a company
        if label in ("ORG", "PERSON", "GPE", "LOC") and _LEGAL_END.search(text[s:e]):
            label = "ORG"  # "Courier Corp" tagged a person
            s = _company_left(text, s, lex)
        r = trim(text, s, e, label, lex)
        if r is None:
            continue
        s, e = r
        m = _OF_THE.match(text[s:e])
        if m and label in ("ORG", "LAW", "EVENT", "FAC"):
            head = m.group(1)
            if head.endswith(_ABSTRACT) and head not in lex.org_heads and head not in _head_words(lex):
                s = s + m.start(2)  # "Denuclearization of the Korean Peninsula" -> "Korean Peninsula"
                label = "LOC"
        out.extend(_split_place_head(text, s, e, label, lex))
    return out


_NEXT_CAP = re.compile(r"[ \t]+([A-Z][a-z'\u2019-]+)(?=[ \t]+[a-z]|[,.;:]|$)")


def _surname_tail(text: str, e: int, lex: Lexicon) -> int:
    """A second surname the model left out: "President Leon Febres" + "Cordero said". One capitalised
    word that is no known name, weekday or month, followed by a lowercase word or punctuation."""
    m = _NEXT_CAP.match(text, e)
    if m is None:
        return e
    w = m.group(1)
    if w in _WEEKDAYS_MONTHS or _is_stop(w) or lex.lookup(w) is not None or w in lex.titles:
        return e
    return m.end(1)


_ABSTRACT_WORDS = {"Industry", "Industries", "Automotive", "International", "National", "Trade", "Finance"}


def _name_word(w: str, lex: Lexicon) -> bool:
    """A word that can be part of a person's name: capitalised, no organisation word ("Department",
    "Ltd")."""
    return (
        w[:1].isupper()
        and w[1:].isalpha()
        and w[1:].islower()
        and w not in lex.org_heads
        and w not in lex.org_name_suffixes
        and w not in _ABSTRACT_WORDS
    )


def _split_place_head(text: str, s: int, e: int, label: str, lex: Lexicon) -> list[Cand]:
    """A model span that starts with a known name and goes on with another: "Africa Paul Acquah" (a
    place, then a person), "Reuters Taiwan" (two known names) -> two spans."""
    seg = text[s:e]
    words = seg.split()
    if label not in ("ORG", "PERSON", "GPE") or len(words) < 2:
        return [Cand(s, e, label, "ner")]
    for k in range(1, len(words)):
        head = " ".join(words[:k])
        idx = lex.lookup(head)
        if idx is None or lex.entries[idx].type not in ("GPE", "LOC", "ORG"):
            continue
        rest = " ".join(words[k:])
        rs = s + seg.index(rest, len(head))
        r_idx = lex.lookup(rest)
        if r_idx is not None:
            rl = lex.entries[r_idx].type
        elif (
            2 <= len(words) - k <= 3
            and lex.entries[idx].type in ("GPE", "LOC")
            and all(_name_word(w, lex) for w in words[k:])
        ):
            rl = "PERSON"
        else:
            continue
        if lex.lookup(seg) is not None:
            break  # a known name that starts with another ("New York Times")
        return [Cand(s, s + len(head), lex.entries[idx].type, "ner"), Cand(rs, e, rl, "ner")]
    return [Cand(s, e, label, "ner")]


_HEAD_CACHE: dict[int, tuple[set[str], re.Pattern[str], dict[str, str]]] = {}


def _head_words(lex: Lexicon) -> set[str]:
    return _heads(lex)[0]


def _heads(lex: Lexicon) -> tuple[set[str], re.Pattern[str], dict[str, str]]:
    key = id(lex)
    if key not in _HEAD_CACHE:
        labels: dict[str, str] = {}
        for lab, hs in (("LAW", lex.law_pattern_heads), ("ORG", lex.org_pattern_heads)):
            labels.update(dict.fromkeys(hs, lab))
        labels.update(dict.fromkeys(lex.fac_heads, "FAC"))
        labels.update(dict.fromkeys(lex.event_heads, "EVENT"))
        words = {w for h in (*labels, *lex.law_heads) for w in h.split()}
        heads = sorted(labels, key=len, reverse=True)
        rx = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(h) for h in heads) + r")(?![\w-])")
        _HEAD_CACHE[key] = (words, rx, labels)
    return _HEAD_CACHE[key]


def head_type(name: str, lex: Lexicon) -> str | None:
    """EVENT / FAC / LAW from the name's head word(s), or None."""
    for h in lex.event_heads:
        if name.endswith(" " + h):
            return "EVENT"
    for h in lex.fac_heads:
        if name.endswith(" " + h):
            return "FAC"
    last = name.rsplit(None, 1)[-1] if name.strip() else ""
    if last in lex.law_heads and " " in name:
        return "LAW"
    return None


_LEGAL_END = re.compile(r"\b(?:Co|Corp|Inc|Ltd|plc|PLC|AG|SA|SpA|NV|GmbH|LLC|Company|Corporation)\.?$")
_LEFT_WORD = re.compile(r"([A-Z][\w'\u2019.-]*)([ \t]+(?:and|&)[ \t]+|[ \t]+)$")


def _company_left(text: str, s: int, lex: Lexicon) -> int:
    """Capitalised words the model left out before a company name with a legal suffix: "Purolator" +
    "Courier Corp", "Horn and" + "Hardart Co" ("and" only before a one-word name: "Emery and Federal
    Express Corp" are two companies). Not a known name, a title, a stop word or a possessive."""
    one_word = len(text[s:].split(None, 2)) >= 2 and _LEGAL_END.match(text[s:].split(None, 2)[1]) is not None
    for _ in range(3):
        m = _LEFT_WORD.search(text, max(0, s - 40), s)
        if m is None or m.end() != s:
            break
        w = m.group(1)
        if m.group(2).strip() and not one_word:
            break
        if (
            _is_stop(w)
            or lex.lookup(w) is not None
            or w in _title_set(lex)
            or w in _WEEKDAYS_MONTHS
            or w.endswith(("'s", "\u2019s", "'", "\u2019"))
            or _LEGAL_END.search(w)
            or w.casefold() in lex.demonyms
            or re.search(r"-[a-z]+$", w)  # "Australian-based"
        ):
            break
        s = m.start()
        if m.group(2).strip():
            break  # one "and" at most
    return s


def _before_title(text: str, s: int, e: int, lex: Lexicon) -> int:
    """End of a name's "of ..." tail before a title that starts a person's mention: "Institute of
    International Finance" + "Managing Director Horst Schulmann"."""
    titles = _title_set(lex)
    for m in _TOKEN.finditer(text, s, e):
        rest = text[m.start() : e]
        if any(rest == t or rest.startswith(t + " ") for t in titles if t[:1] == rest[:1]):
            return len(text[: m.start()].rstrip())
    return e


def _pattern_cands(text: str, lex: Lexicon) -> list[Cand]:
    """Named events and facilities: "<Capitalised words> Business Forum", "... Convention Center",
    "... State Guesthouse", "Great Hall of the People"."""
    _, rx, labels = _heads(lex)
    out: list[Cand] = []
    for m in rx.finditer(text):
        hs, he = m.span()
        label = labels[m.group(0)]
        window_start = max(0, hs - 200)
        before = text[window_start:hs]
        toks = list(_TOKEN.finditer(before)) if before[-1:].isspace() else []
        inc: list[re.Match[str]] = []
        for t in reversed(toks):
            w = t.group(0)
            if len(inc) >= 9:
                break
            if w[-1] in ",.;:!?)\"\u201d\u2019'" or w[0] in "(\"\u201c\u2018'" or w.endswith(_POSS):
                break
            if w[0].isupper() or w[0].isdigit():
                inc.append(t)
            elif w in _CONNECT and w not in ("the", "of"):
                inc.append(t)  # "Innovation and Entrepreneurship Forum"; "of the" belongs to another name
            else:
                break
        while inc and (inc[-1].group(0) in _CONNECT or _is_stop(inc[-1].group(0))):
            inc.pop()
        end = he
        r = _RIGHT_OF.match(text, he)
        if r and r.group(0).split()[-1] not in _WEEKDAYS_MONTHS:
            end = _before_title(text, he, r.end(), lex)
        if not inc and end == he:
            continue
        start = window_start + inc[-1].start() if inc else hs
        r2 = trim(text, start, end, label, lex)
        if r2 is None or r2[1] <= hs:
            continue
        out.append(Cand(r2[0], r2[1], label, "pattern" if label in ("EVENT", "FAC") else "pattern_weak"))
    return out


def _gaz_cands(doc: Any, matcher: Any, lex: Lexicon) -> list[Cand]:
    out: list[Cand] = []
    if matcher is None:
        return out
    for match_id, ts, te in matcher(doc):
        idx = int(doc.vocab.strings[match_id])
        span = doc[ts:te]
        out.append(Cand(span.start_char, span.end_char, lex.entries[idx].type, "gaz", entry=idx))
    return out


_HON_CACHE: dict[int, re.Pattern[str]] = {}


def _honorific_cands(text: str, lex: Lexicon) -> list[Cand]:
    """Names after an honorific the model did not tag: "Ms Raina said"."""
    rx = _HON_CACHE.get(id(lex))
    if rx is None:
        alt = "|".join(re.escape(h) for h in lex.honorifics) or "(?!)"
        rx = _HON_CACHE[id(lex)] = re.compile(
            rf"(?<![\w.])(?:{alt})[ \u00a0]+([A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*(?:[ \u00a0]+[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*)?)"
        )
    out: list[Cand] = []
    for m in rx.finditer(text):
        r = trim(text, m.start(1), m.end(1), "PERSON", lex)
        if r is not None and not _is_stop(text[r[0] : r[1]]):
            out.append(Cand(r[0], r[1], "PERSON", "honorific"))
    return out


def _select(cands: list[Cand]) -> list[Cand]:
    """Greedy non-overlapping selection: longest first, then by source priority."""
    order = sorted(cands, key=lambda c: (-(c.end - c.start), PRIORITY.get(c.source, 9), c.start))
    # taken spans never overlap, so sorted by start their ends are sorted too: a new span is free
    # iff the taken span starting just before it ends before it and the next one starts after it
    starts: list[int] = []
    taken: list[Cand] = []
    for c in order:
        i = bisect.bisect_right(starts, c.start)
        if i > 0 and taken[i - 1].end > c.start:
            continue
        if i < len(taken) and taken[i].start < c.end:
            continue
        starts.insert(i, c.start)
        taken.insert(i, c)
    return taken


def _initials_match(words: list[str], acr: str) -> bool:
    letters = [ch for ch in acr if ch.isalpha()]
    if len(letters) > 1 and letters[-1] == "s" and any(ch.isupper() for ch in letters[:-1]):
        letters = letters[:-1]  # "MOUs"
    want = "".join(letters).lower()
    full = "".join(w[0] for w in words if w).lower()
    content = "".join(w[0] for w in words if w and w.lower() not in _CONNECT).lower()
    return want in (full, content)


def _left_words(text: str, end: int, n: int) -> list[re.Match[str]]:
    toks = list(_TOKEN.finditer(text[max(0, end - 160) : end]))
    return toks[-n:] if n else []


def acronyms(text: str, sel: list[Cand], lex: Lexicon) -> tuple[list[Cand], set[str]]:
    """Acronym definitions "Long Name (ACR)". Returns the new selection (acronym mentions linked to their
    long form through ``long``, model debris inside the parentheses removed) and the acronyms defined by
    a lowercase phrase ("artificial intelligence (AI)"), which are not entities in this text."""
    lower: set[str] = set()
    new = list(sel)
    for m in _PAREN.finditer(text):
        acr = m.group(1)
        ps, cs, ce = m.start(), m.start(1), m.end(1)
        gap_ok = text[:ps].endswith((" ", "\u00a0"))
        lf: Cand | None = None
        for c in new:
            if c.end <= ps and text[c.end : ps].strip() == "" and c.source != "acronym":
                lf = c
        n_up = sum(ch.isupper() for ch in acr)
        if lf is not None and lf.label != "PERSON":
            acr_entry = lex.lookup(acr)
            lf_entry = lf.entry if lf.entry is not None else lex.lookup(text[lf.start : lf.end])
            if acr_entry is not None and lf_entry is not None and acr_entry != lf_entry:
                continue  # "Samsung (US)": not a definition
            if n_up < 2 and " " not in text[lf.start : lf.end]:
                continue
        elif gap_ok and n_up >= 2:
            letters = sum(ch.isalpha() for ch in acr) - (1 if acr.endswith("s") else 0)
            toks = _left_words(text, ps, letters + 4)
            found = None
            for k in range(1, len(toks) + 1):
                ws = [t.group(0) for t in toks[-k:]]
                if _initials_match(ws, acr):
                    found = ws
                    break
            if found is None:
                continue
            if all(w[:1].islower() or w in _CONNECT for w in found):
                lower.add(acr)
                new = [c for c in new if not (c.start < ce and c.end > cs)]
                continue
            if not all(w[:1].isupper() or w in _CONNECT for w in found):
                continue
            base = max(0, ps - 160)
            r = trim(text, base + toks[-len(found)].start(), ps, "ORG", lex)
            if r is None:
                continue
            ls, le = r
            if any((c.start < ls < c.end) or (c.start < le < c.end) for c in new):
                continue  # would cut through an existing span
            new = [c for c in new if not (c.start >= ls and c.end <= le)]
            lf = Cand(ls, le, head_type(text[ls:le], lex) or "ORG", "longform")
            new.append(lf)
        else:
            continue
        lf.defines = acr
        new = [c for c in new if not (c.start < ce and c.end > cs)]
        new.append(Cand(cs, ce, lf.label, "acronym", long=lf))
    new = _reverse_definitions(text, new, lex)
    new.sort(key=lambda c: c.start)
    return new, lower


_REVERSE = re.compile(
    r"(?<![\w-])([A-Z][A-Z&]{1,7})[ \t]*\((?:the[ \t]+)?([A-Z][\w&'\u2019-]*(?:[ \t]+[\w&'\u2019-]+){1,8})\)"
)


def _reverse_definitions(text: str, sel: list[Cand], lex: Lexicon) -> list[Cand]:
    """An acronym glossed in parentheses: "the EC (European Community)" -> the long form is a mention and
    the acronym one of it."""
    new = list(sel)
    for m in _REVERSE.finditer(text):
        acr, (ls, le) = m.group(1), m.span(2)
        words = text[ls:le].split()
        if not _initials_match(words, acr) or not all(w[:1].isupper() or w in _CONNECT for w in words):
            continue
        if any(c.start < le and c.end > ls and not (ls <= c.start and c.end <= le) for c in new):
            continue
        new = [
            c
            for c in new
            if not (ls <= c.start and c.end <= le) and not (c.start < m.end(1) and c.end > m.start(1))
        ]
        lf = Cand(ls, le, head_type(text[ls:le], lex) or "ORG", "longform", defines=acr)
        new += [lf, Cand(m.start(1), m.end(1), lf.label, "acronym", long=lf)]
    return new


def paragraph_spans(text: str, doc: Any, lex: Lexicon, matcher: Any) -> tuple[list[Cand], set[str]]:
    """Candidate spans of one paragraph: (spans, acronyms defined by a lowercase phrase)."""
    cands = (
        _ner_cands(text, doc, lex)
        + _pattern_cands(text, lex)
        + _gaz_cands(doc, matcher, lex)
        + _honorific_cands(text, lex)
    )
    return acronyms(text, _select(cands), lex)
