"""Named entities: spaCy NER plus a domain layer, then canonicalisation across a corpus.

Pipeline per paragraph (see ``entity_spans``): model spans (NER only, other components disabled) ->
span repair (leading "the", trailing "(" / possessive / punctuation, split surnames, legal suffixes)
-> patterns for named events and facilities -> gazetteer matches the model missed -> acronym
definitions. Per article: gazetteer canonical names (country variants, "Korea" in context), acronyms,
titles/surnames resolved to the full name mentioned in the same article, hyphen/space/case variants,
then the link rules (``entity_links.LINK_RULES``: short forms, partial names, acronyms, qualified and
renamed names join the article's one full name) and types checked against the text
(``entity_types.TYPE_RULES``). Each mention dict carries ``link`` (the rule that joined it to its
entity's name, or None) and ``type_rule`` (the rule that set its type, or None). Across the corpus
(``canonicalise``): one row per real-world entity with a stable id; a short form joins a full name of
another article only where some article itself joins the two.

Dates, numbers, ordinals, money, percentages, quantities and nationality adjectives are not entities.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from newsfacts.extract.entity_lexicon import Lexicon, lexicon, norm_key, norm_surface
from newsfacts.extract.entity_links import Context, Name, generic_words, link_names
from newsfacts.extract.entity_spans import Cand, head_type, paragraph_spans, preceded_by_title
from newsfacts.extract.entity_types import TypeContext, check_type
from newsfacts.ids import stable_id

TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "OTHER")
_TYPE_RANK = {
    t: i for i, t in enumerate(("ORG", "GPE", "PERSON", "EVENT", "FAC", "LOC", "LAW", "PRODUCT", "OTHER"))
}
NER_ONLY_DISABLE = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter")
CHUNK = 50_000  # characters per spaCy doc; longer paragraphs are split at whitespace
BATCH_SIZE = 64

_MATCHERS: dict[tuple[int, int], tuple[Any, Any]] = {}


def load_ner(name: str | None = None) -> Any:
    """The spaCy pipeline with everything but NER disabled (falls back to the full pipeline when a
    configured model's NER needs a shared component)."""
    from newsfacts.nlp import load_nlp

    try:
        nlp = load_nlp(name, disable=NER_ONLY_DISABLE)
        nlp("Probe sentence in London.")
        return nlp
    except Exception:
        return load_nlp(name)


def _matcher(nlp: Any, lex: Lexicon) -> Any:
    key = (id(nlp), id(lex))
    held = _MATCHERS.get(key)
    m = held[1] if held is not None and held[0] is nlp else None
    if m is None:
        from spacy.matcher import PhraseMatcher

        m = PhraseMatcher(nlp.vocab, attr="ORTH")
        by_entry: dict[int, list[Any]] = {}
        for alias, idx in lex.match_phrases():
            by_entry.setdefault(idx, []).append(nlp.make_doc(alias))
        for idx, docs in by_entry.items():
            m.add(str(idx), docs)
        _MATCHERS[key] = (nlp, m)  # the pipeline is held so its id cannot be reused
    return m


# spaCy's tokenizer is quadratic in a long run without spaces ("((((...", URLs pasted together):
# such runs hold no names, so they are blanked (same length, offsets unchanged) before the model
_LONG_RUN = re.compile(r"\S{80,}+")
MAX_PROPAGATE = 200


def _blank_long_runs(text: str) -> str:
    return _LONG_RUN.sub(lambda m: " " * len(m.group(0)), text) if len(text) >= 80 else text


def _chunks(text: str) -> list[tuple[int, str]]:
    if len(text) <= CHUNK:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(text):
        j = min(len(text), i + CHUNK)
        if j < len(text):
            k = text.rfind(" ", i + CHUNK // 2, j)
            j = k + 1 if k > 0 else j
        out.append((i, text[i:j]))
        i = j
    return out


@dataclass
class _Rec:
    position: int
    start: int
    end: int
    text: str
    label: str
    cand: Cand
    name: str | None = None
    type: str | None = None
    entry: int | None = None
    drop: bool = False
    link: str | None = None  # the rule that joined this mention to its entity's name


def _words(s: str) -> list[str]:
    return s.split()


def _propagate(paras: list[str], recs: list[_Rec]) -> list[_Rec]:
    """A name the model tagged somewhere in the article is a mention wherever else it occurs there
    (untagged, or clipped: "DP" + "World")."""
    src: dict[str, _Rec] = {}
    for r in recs:
        t = r.text
        if r.cand.source != "acronym" and len(t) >= 3 and t[:1].isupper() and t not in src:
            src[t] = r
    if not src:
        return recs
    rx = re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(t) for t in sorted(src, key=len, reverse=True)) + r")(?![\w])"
    )
    by_pos: dict[int, list[_Rec]] = {}
    for r in recs:
        by_pos.setdefault(r.position, []).append(r)
    out = list(recs)
    removed: set[int] = set()
    for pos, p in enumerate(paras):
        if not p or len(by_pos.get(pos, ())) > MAX_PROPAGATE:
            continue  # a paragraph that is a list of hundreds of names gains nothing from this
        for m in rx.finditer(p):
            s, e = m.span()
            over = [r for r in by_pos.get(pos, []) if r.start < e and r.end > s and id(r) not in removed]
            if over and not all(s <= r.start and r.end <= e and (r.start, r.end) != (s, e) for r in over):
                continue
            o = src[m.group(0)]
            c = Cand(s, e, o.cand.label, "copy", entry=o.cand.entry if o.cand.source == "gaz" else None)
            new = _Rec(pos, s, e, m.group(0), o.label, c)
            removed.update(id(r) for r in over)
            out.append(new)
            by_pos.setdefault(pos, []).append(new)
    out = [r for r in out if id(r) not in removed]
    out.sort(key=lambda r: (r.position, r.start))
    return out


def _full_names(live: list[_Rec], paras: list[str], lex: Lexicon) -> list[_Rec]:
    """A person known only by a surname ("Ms Raina") whose full name appears untagged in the same
    article ("Chandni Raina, speaking for India") gets that full name as a mention."""
    people = [r for r in live if r.type == "PERSON" and r.entry is None]
    multi = {norm_key(w) for r in people if len(_words(r.name or "")) >= 2 for w in _words(r.name or "")}
    singles = sorted(
        {r.name for r in people if r.name and len(_words(r.name)) == 1 and norm_key(r.name) not in multi}
    )
    if not singles:
        return []
    titles = _title_words(lex)
    word = r"[A-Z][\w'\u2019-]*[a-z][\w'\u2019-]*"
    rx = re.compile(
        rf"((?:{word}[ \u00a0]){{1,2}})(" + "|".join(re.escape(x) for x in singles) + r")(?![\w])"
    )
    taken: dict[int, list[_Rec]] = {}
    for r in live:
        taken.setdefault(r.position, []).append(r)
    out: list[_Rec] = []
    for pos, p in enumerate(paras):
        for m in rx.finditer(p):
            ws = m.group(1).split()
            start = m.start(1)
            while ws and (ws[0] in titles or ws[0].lower() in _STOPWORDS or lex.lookup(ws[0]) is not None):
                start += len(ws[0]) + 1
                ws = ws[1:]
            if not ws:
                continue
            s, e = start, m.end(2)
            over = [x for x in taken.get(pos, []) if x.start < e and x.end > s]
            if any(x.start < s or x.end > e or x.type != "PERSON" for x in over):
                continue
            out.append(_Rec(pos, s, e, p[s:e], "PERSON", Cand(s, e, "PERSON", "fullname")))
    return out


_STOPWORDS: set[str] = set()


def _title_words(lex: Lexicon) -> set[str]:
    global _STOPWORDS
    if not _STOPWORDS:
        from spacy.lang.en.stop_words import STOP_WORDS

        _STOPWORDS = set(STOP_WORDS)
    return {w for t in lex.titles for w in t.split()} | set(lex.portfolio_words)


def _short_forms(live: list[_Rec], paras: list[str], lex: Lexicon) -> None:
    """Surnames and titles ("Lee", "President Lee", "Mr Raha", "Von der Leyen") -> the full name
    mentioned in the same article (nearest preceding, else first following); a lone first word of a
    company ("Shinsegae" / "Shinsegae Group") -> that company when it is the only one."""
    particles = {norm_key(p) for p in lex.name_particles}
    # distinct full names with their occurrences, so the work per mention does not grow with the
    # number of mentions (an article can repeat a name thousands of times)
    occurrences: dict[str, list[tuple[int, int]]] = {}
    for f in live:
        if f.type == "PERSON" and f.entry is None and len(_words(f.name or "")) >= 2:
            occurrences.setdefault(f.name or "", []).append((f.position, f.start))
    people = []
    for name, occ in occurrences.items():
        fw = [norm_key(w) for w in _words(name)]
        parts = set(fw) | {norm_key(x) for w in _words(name) for x in re.split(r"[-\u2010\u2013]", w)}
        people.append((name, fw, parts, sorted(occ)))
    org_names: dict[str, str] = {}
    for r in live:
        if r.type in ("ORG", "PRODUCT") and r.entry is None and len(_words(r.name or "")) >= 2:
            org_names.setdefault(norm_key(r.name or ""), r.name or "")
    org_type = {r.name: r.type for r in live if r.type in ("ORG", "PRODUCT") and r.entry is None}
    org_info = [(key, name, [norm_key(w) for w in _words(name)]) for key, name in org_names.items()]
    matches: dict[tuple[str, ...], list[tuple[str, list[tuple[int, int]]]]] = {}
    for r in live:
        if r.entry is not None or r.name is None:
            continue
        ws = [norm_key(w) for w in _words(r.name)]
        titled = preceded_by_title(paras[r.position], r.start, lex)
        if (
            len(ws) == 1
            and (r.type in ("PERSON", "ORG", "PRODUCT", "EVENT", "LAW") or titled)
            or (1 < len(ws) <= 3)
        ):
            key = tuple(ws)
            if key not in matches:
                matches[key] = [
                    (name, occ)
                    for name, fw, parts, occ in people
                    if len(fw) > len(ws)
                    and (
                        len(ws) == 1
                        and ws[0] in parts
                        and ws[0] not in particles
                        or len(ws) > 1
                        and fw[-len(ws) :] == ws
                    )
                ]
            if matches[key]:
                here = (r.position, r.start)
                before = [
                    (occ[i - 1], name) for name, occ in matches[key] if (i := bisect.bisect_left(occ, here))
                ]
                first = min((occ[0], name) for name, occ in matches[key])
                r.name, r.type = (max(before) if before else first)[1], "PERSON"
                r.link = "surname_title"
                continue
        if len(ws) == 1 and r.type in ("ORG", "PRODUCT", "PERSON"):
            pool = {
                key: name for key, name, ow in org_info if ws[0] in (ow if r.type == "PERSON" else ow[:1])
            }
            if len(pool) == 1:
                name = next(iter(pool.values()))
                r.name, r.type = name, org_type.get(name, "ORG")
                r.link = "company_first_word"


def _resolve_article(
    paras: list[str], items: list[tuple[int, Cand]], lower_acr: set[str], lex: Lexicon
) -> list[dict[str, Any]]:
    recs = [_Rec(pos, c.start, c.end, paras[pos][c.start : c.end], c.label, c) for pos, c in items]
    by_cand = {id(r.cand): r for r in recs}
    # acronyms defined in this article -> long-form record
    acr_table: dict[str, _Rec] = {}
    for r in recs:
        if r.cand.defines and r.cand.defines not in acr_table:
            acr_table[r.cand.defines] = r
    # defined acronyms the model did not tag elsewhere in the article
    if acr_table:
        rx = re.compile(r"(?<![\w-])(" + "|".join(re.escape(a) for a in acr_table) + r")(?![\w-])")
        taken: dict[int, list[tuple[int, int]]] = {}
        for r in recs:
            taken.setdefault(r.position, []).append((r.start, r.end))
        for pos, p in enumerate(paras):
            for m in rx.finditer(p):
                s, e = m.span()
                if all(e <= a or s >= b for a, b in taken.get(pos, [])):
                    recs.append(_Rec(pos, s, e, m.group(0), "ORG", Cand(s, e, "ORG", "acronym")))
        recs.sort(key=lambda r: (r.position, r.start))
    recs = _split_pairs(paras, recs, lex)
    _wire_caps(paras, recs, lex)
    recs = _propagate(paras, recs)
    context = {lex.alias_index[norm_key(r.text)] for r in recs if norm_key(r.text) in lex.alias_index}

    def base(r: _Rec) -> None:
        surf = norm_surface(r.text)
        low = surf.casefold()
        if r.cand.source == "acronym" or surf in acr_table:
            return  # resolved from the long form below
        if surf in lower_acr:
            r.drop = True
            return
        idx = r.cand.entry if r.cand.entry is not None and r.cand.source == "gaz" else None
        if idx is None or norm_key(surf) not in lex.alias_index:
            idx = lex.lookup(surf, context)
        if idx is not None:
            e = lex.entries[idx]
            r.entry, r.name, r.type = idx, e.name, e.type
            return
        if low in lex.non_entities or low in lex.demonyms or not any(ch.isupper() for ch in surf):
            r.drop = True
            return
        if surf in lex.titles or len(surf) < 2:
            r.drop = True
            return
        r.name = surf
        r.type = head_type(surf, lex) or r.label
        if (
            r.type in ("PERSON", "GPE", "LOC")
            and " " in surf
            and surf.rsplit(None, 1)[-1] in lex.org_name_suffixes
        ):
            r.type = "ORG"  # "Hankook Ilbo", "Foo Holdings" tagged as a person or place

    for r in recs:
        base(r)
    for r in recs:
        if r.name is not None or r.drop:
            continue
        lf = r.cand.long if r.cand.long is not None else None
        lrec = by_cand.get(id(lf)) if lf is not None else acr_table.get(norm_surface(r.text))
        if lrec is None or lrec.name is None:
            r.drop = True
            continue
        r.name, r.type, r.entry = lrec.name, lrec.type, lrec.entry

    live = [r for r in recs if not r.drop and r.name]
    extra = _full_names(live, paras, lex)
    for r in extra:
        base(r)
    if extra:
        gone = {
            id(x)
            for r in extra
            for x in live
            if x.position == r.position and x.start < r.end and x.end > r.start
        }
        live = sorted(
            [x for x in live if id(x) not in gone] + [r for r in extra if r.name],
            key=lambda x: (x.position, x.start),
        )
    _short_forms(live, paras, lex)
    _link_table(live, paras, lex)
    live = _surname_mentions(live, paras, lex)

    return _article_mentions(live, paras, lex)


def _article_mentions(live: list[_Rec], paras: list[str], lex: Lexicon) -> list[dict[str, Any]]:
    """The article's mention dicts: one name and one type per entity (the gazetteer's type, else the
    name's head word or the majority, checked against the text), with the link and type evidence."""
    first_name: dict[str, str] = {}
    types: dict[str, Counter[str]] = {}
    gaz_type: dict[str, str] = {}
    for r in live:
        k = entity_key(r.name or "", lex)
        first_name.setdefault(k, r.name or "")
        types.setdefault(k, Counter())[r.type or "OTHER"] += 1
        if r.entry is not None:
            gaz_type[k] = lex.entries[r.entry].type
    tctx = TypeContext("\n".join(paras), _place_names(lex))
    checked: dict[str, tuple[str, str | None]] = {}
    for k, name in first_name.items():
        if k in gaz_type:
            checked[k] = (gaz_type[k], None)
        else:
            checked[k] = check_type(name, head_type(name, lex) or _majority(types[k]), tctx)
    out: list[dict[str, Any]] = []
    for r in live:
        k = entity_key(r.name or "", lex)
        t, type_rule = checked[k]
        out.append(
            {
                "position": r.position,
                "start": r.start,
                "end": r.end,
                "text": r.text,
                "name": first_name[k],
                "type": t,
                "link": r.link or _own_link(r, lex),
                "type_rule": type_rule,
            }
        )
    return out


_PLACES: dict[int, frozenset[str]] = {}


def _place_names(lex: Lexicon) -> frozenset[str]:
    p = _PLACES.get(id(lex))
    if p is None:
        p = _PLACES[id(lex)] = frozenset(
            a for e in lex.entries if e.type in ("GPE", "LOC") for a in (e.name, *e.aliases) if len(a) > 2
        )
    return p


def _wire_caps(paras: list[str], recs: list[_Rec], lex: Lexicon) -> None:
    """A wire's capital after an abbreviated place is no name: "U.S. Investment banks", "the U.K. Project
    expenditure" -> the place alone, when the word is a common noun of the article (written in lowercase
    elsewhere in it) and no company-name word ("U.S. Steel")."""
    lower: set[str] | None = None
    for r in recs:
        if r.entry is not None or r.cand.source in ("gaz", "acronym") or r.text.count(" ") != 1:
            continue
        place, word = r.text.split(" ")
        if not place.endswith(".") or word in lex.org_name_suffixes or not word[:1].isupper():
            continue
        idx = lex.lookup(place)
        if idx is None or lex.entries[idx].type not in ("GPE", "LOC"):
            continue
        if lower is None:
            lower = set(re.findall(r"\b[a-z][a-z-]+\b", "\n".join(paras)))
        if word.lower() in lower:
            r.end = r.start + len(place)
            r.text, r.label = place, lex.entries[idx].type
            r.cand = Cand(r.start, r.end, r.label, "ner")


_AND = re.compile(r"\s+(?:and|&)\s+")
_NEXT_WORD = re.compile(r"[ \t]+[A-Z][\w.&'-]*")


def _split_pairs(paras: list[str], recs: list[_Rec], lex: Lexicon) -> list[_Rec]:
    """A model span over two names joined by "and" is two mentions when each side is a name on its own
    in the article or the gazetteer ("IMF and World Bank"); a right side cut short by the model runs on
    to the article's longer name ("PDVSA and Union" + "Pacific" -> "PDVSA", "Union Pacific")."""
    own = {norm_key(r.text) for r in recs if not _AND.search(r.text)}

    def known(t: str) -> bool:
        return norm_key(t) in own or lex.lookup(t) is not None

    out: list[_Rec] = []
    for r in recs:
        m = _AND.search(r.text)
        if (
            m is None
            or r.entry is not None
            or r.cand.source in ("gaz", "acronym")
            or _AND.search(r.text[m.end() :])
        ):
            out.append(r)
            continue
        left, right = r.text[: m.start()], r.text[m.end() :]
        p, rs, re_ = paras[r.position], r.start + m.end(), r.end
        while (nxt := _NEXT_WORD.match(p, re_)) is not None:
            k = norm_key(p[rs : nxt.end()])
            if not any(o.startswith(k) for o in own) or any(
                x is not r and x.position == r.position and x.start < nxt.end() and x.end > re_ for x in recs
            ):
                break
            re_ = nxt.end()
        right = p[rs:re_]
        if not (known(left) and known(right)):
            out.append(r)
            continue
        for s_, e_ in ((r.start, r.start + m.start()), (rs, re_)):
            c = Cand(s_, e_, r.label, "split")
            out.append(_Rec(r.position, s_, e_, p[s_:e_], r.label, c))
    return out


def _own_link(r: _Rec, lex: Lexicon) -> str | None:
    """Evidence for a mention no link rule joined: a gazetteer alias, a defined acronym, a copy of a linked
    form, or None (the mention is the name itself)."""
    if r.cand.source == "acronym":
        return "defined_acronym"
    if r.entry is not None and norm_key(r.text) != norm_key(lex.entries[r.entry].name):
        return "gazetteer_alias"
    if r.name and norm_key(r.text) != norm_key(r.name):
        return "same_form"  # a copy of a form linked elsewhere in the article
    return None


def _link_table(live: list[_Rec], paras: list[str], lex: Lexicon) -> None:
    """Short forms, partial names, acronyms and qualified names joined to the article's one full name
    they abbreviate (``entity_links.LINK_RULES``); each linked mention carries the rule's name."""
    _same_form(live)
    by_name: dict[str, Counter[str]] = {}
    known: set[str] = set()
    for r in live:
        if r.name:
            by_name.setdefault(r.name, Counter())[r.type or "OTHER"] += 1
            if r.entry is not None:
                known.add(r.name)
    text = "\n".join(paras)
    tctx = TypeContext(text, _place_names(lex))
    # types checked against the text first: "Avia" typed GPE by the model is a company ("shares of Avia")
    names = [
        Name(n, _majority(c) if n in known else check_type(n, _majority(c), tctx)[0], n in known, c.total())
        for n, c in by_name.items()
    ]
    links = link_names(names, Context(text, _generic_words(lex)))
    if not links:
        return
    types = {n.name: n.type for n in names}
    for r in live:
        hit = links.get(r.name or "")
        if hit is not None:
            r.name, r.link = hit[0], hit[1]
            r.type = types.get(hit[0], r.type)


def _same_form(live: list[_Rec]) -> None:
    """One form, one entity within an article: a mention left as its own name ("a Benetton spokeswoman",
    typed GPE by the model) joins the full name the same form was linked to elsewhere in the article
    ("Benetton is now holding talks" -> Benetton SpA), when that full name is the only one."""
    joined: dict[str, set[str]] = {}
    for r in live:
        if r.link and r.name and r.entry is None:
            joined.setdefault(norm_key(r.text), set()).add(r.name)
    if not joined:
        return
    types = {r.name: r.type for r in live if r.name and r.link}
    for r in live:
        target = joined.get(norm_key(r.text))
        if not r.link and r.entry is None and target and len(target) == 1 and r.name == norm_surface(r.text):
            r.name = next(iter(target))
            r.type, r.link = types.get(r.name, r.type), "same_form"


_GENERIC: dict[int, set[str]] = {}


def _generic_words(lex: Lexicon) -> set[str]:
    g = _GENERIC.get(id(lex))
    if g is None:
        g = _GENERIC[id(lex)] = generic_words(lex) | {norm_key(t) for t in lex.titles}
    return g


def _surname_mentions(live: list[_Rec], paras: list[str], lex: Lexicon) -> list[_Rec]:
    """Untagged short forms of a name the article gives in full: a person's surname ("Ongpin said",
    after "Jaime Ongpin"), a company's distinctive first word ("Mutual had challenged", after "Mutual
    Shares Corp"), the last word of a two-word one ("Boerse officials said", after "Deutsche Boerse").
    Only a word that names one entity of the article and never appears in lowercase
    in it (a common word: "continental", "mutual" in "mutual funds")."""
    body = "\n".join(paras)
    lower = set(re.findall(r"\b[a-z][a-z'-]+\b", body))
    owners: dict[str, set[str]] = {}
    kind: dict[str, str] = {}
    for r in live:
        ws = _words(r.name or "")
        if r.entry is not None or len(ws) < 2 or r.type not in ("PERSON", "ORG"):
            continue
        # a person's surname; a company's first word, and the last of a two-word name ("Deutsche Boerse")
        for w in [ws[-1]] if r.type == "PERSON" else ws if len(ws) == 2 else ws[:1]:
            if len(w) >= 3 and w[0].isupper() and w[1:].islower() and w.lower() not in lower:
                owners.setdefault(w, set()).add(r.name or "")
                kind[w] = r.type or "ORG"
    words = {w: next(iter(o)) for w, o in owners.items() if len(o) == 1}
    words = {
        w: n for w, n in words.items() if lex.lookup(w) is None and norm_key(w) not in _generic_words(lex)
    }
    words = {w: n for w, n in words.items() if w.lower() not in _stop_words()}
    if not words:
        return live
    rx = re.compile(r"(?<![\w.'-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-]|'\w)")
    taken: dict[int, list[_Rec]] = {}
    for r in live:
        taken.setdefault(r.position, []).append(r)
    out = list(live)
    for pos, p in enumerate(paras):
        for m in rx.finditer(p):
            s, e = m.span()
            if any(x.start < e and x.end > s for x in taken.get(pos, [])):
                continue
            w = m.group(1)
            c = Cand(s, e, kind[w], "shortform")
            out.append(
                _Rec(
                    pos,
                    s,
                    e,
                    w,
                    kind[w],
                    c,
                    name=words[w],
                    type=kind[w],
                    link="surname" if kind[w] == "PERSON" else "company_word",
                )
            )
    out.sort(key=lambda x: (x.position, x.start))
    return out


def _stop_words() -> set[str]:
    if not _STOPWORDS:
        from spacy.lang.en.stop_words import STOP_WORDS

        _STOPWORDS.update(STOP_WORDS)
    return _STOPWORDS


def _majority(c: Counter[str]) -> str:
    t = sorted(c.items(), key=lambda kv: (-kv[1], _TYPE_RANK.get(kv[0], 99)))[0][0]
    return t if t in TYPES else "OTHER"


def entity_key(name: str, lex: Lexicon | None = None) -> str:
    """Corpus-wide identity key of a canonical name (gazetteer entry, else normalised name with
    order-insensitive country pairs)."""
    lex = lex or lexicon()
    idx = lex.alias_index.get(norm_key(name))
    if idx is not None:
        return "g:" + norm_key(lex.entries[idx].name)
    # "Jiangsu Province" == "Jiangsu": an administrative suffix does not make another place
    return "n:" + lex.pair_key(lex.admin_suffix_re.sub("", norm_surface(name)))


def extract_mentions(
    articles: list[list[str]], *, nlp: Any = None, n_process: int = 1, batch_size: int = BATCH_SIZE
) -> list[list[dict[str, Any]]]:
    """Per article (a list of body paragraphs): its entity mentions, in text order."""
    return extract_mentions_and_ents(articles, nlp=nlp, n_process=n_process, batch_size=batch_size)[0]


# a raw model span: (paragraph index, start, end, spaCy label), offsets into the paragraph
NerSpan = tuple[int, int, int, str]


def extract_mentions_and_ents(
    articles: list[list[str]], *, nlp: Any = None, n_process: int = 1, batch_size: int = BATCH_SIZE
) -> tuple[list[list[dict[str, Any]]], list[list[NerSpan]]]:
    """`extract_mentions`, plus per article the raw spans the NER model found (every label: DATE,
    CARDINAL... too, before any repair), in text order, for steps that need the model's own
    annotation of the same text (agreements) without running the model again."""
    lex = lexicon()
    if nlp is None:
        nlp = load_ner()
    matcher = _matcher(nlp, lex)
    jobs: list[tuple[int, int, int, str]] = []
    for ai, paras in enumerate(articles):
        for pi, p in enumerate(paras):
            if p and p.strip():
                for off, chunk in _chunks(_blank_long_runs(p)):
                    jobs.append((ai, pi, off, chunk))
    per_article: list[list[tuple[int, Cand]]] = [[] for _ in articles]
    lower: list[set[str]] = [set() for _ in articles]
    ents: list[list[NerSpan]] = [[] for _ in articles]
    docs: Iterable[Any] = nlp.pipe((j[3] for j in jobs), batch_size=batch_size, n_process=n_process)
    for (ai, pi, off, chunk), doc in zip(jobs, docs):
        ents[ai].extend((pi, e.start_char + off, e.end_char + off, e.label_) for e in doc.ents)
        try:
            spans, low = paragraph_spans(chunk, doc, lex, matcher)
        except Exception:  # a domain-layer bug must not lose the article: fall back to model spans
            spans, low = (
                [Cand(e.start_char, e.end_char, e.label_, "ner") for e in doc.ents if e.label_ in TYPES],
                set(),
            )
        for c in spans:
            c.start += off
            c.end += off
            per_article[ai].append((pi, c))
        lower[ai] |= low
    mentions = [
        _resolve_article(list(articles[ai]), per_article[ai], lower[ai], lex) for ai in range(len(articles))
    ]
    return mentions, ents


MENTION_FIELDS = ("mention_id", "entity_id", "article_id", "position", "start", "end", "text", "link_rule")


def canonicalise(
    mentions: Mapping[str, Sequence[Mapping[str, Any]]],
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Mentions per article_id -> (entities rows, mentions rows), one entity row per real-world entity."""
    rows = [
        {**{c: m.get(c) for c in MENTION_COLUMNS}, "article_id": aid, "mention_id": mention_id(aid, m)}
        for aid, ms in mentions.items()
        for m in ms
    ]
    frame = (
        pl.DataFrame(rows, schema=MENTION_COLUMNS, orient="row")
        if rows
        else pl.DataFrame(schema=MENTION_COLUMNS)
    )
    entities, mention_rows = canonical_frames(frame)
    return entities.to_dicts(), mention_rows.to_dicts()


# the mentions the corpus-level step reads: one row per mention, in corpus order (articles, then text)
MENTION_COLUMNS: dict[str, Any] = {
    "mention_id": pl.String,
    "article_id": pl.String,
    "position": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,
    "name": pl.String,
    "type": pl.String,
    "link": pl.String,
}


def canonical_frames(mentions: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Entity canonicalisation over the whole corpus, as columns: mentions (`MENTION_COLUMNS`, corpus
    order) -> (entities rows, mentions rows with `MENTION_FIELDS`).

    Mentions group by `entity_key` of their name; a lone short form joins the one full form the corpus
    has for it (`_merge_short_forms`). An entity's name is the first gazetteer name among its mentions'
    names (in the order they appear: the full form's mentions, then each short form's), else its most
    used name (`_best_of`); its type the gazetteer's, else its mentions' majority type.
    """
    lex = lexicon()
    m = mentions.with_row_index("_i")
    m = _with_lookup(m, "name", "_pre", lambda n: entity_key(n, lex))
    names = {k: _best_of(c) for k, c in _ordered_counts(m, "_pre", "name").items()}
    types = {k: _majority(Counter(dict(c))) for k, c in _ordered_counts(m, "_pre", "type").items()}
    single = m.filter(
        pl.col("link").is_not_null()
        & (pl.col("link") != "")
        & ~pl.col("text").str.strip_chars().str.contains(" ")
    )
    linked_to: dict[str, set[str]] = {}
    for text, key in single.select("text", "_pre").unique().iter_rows():
        linked_to.setdefault(norm_key(text), set()).add(key)
    merged = _merge_short_forms(names, types, linked_to)
    final: dict[str, str] = {}
    for k, target in merged.items():
        while target in merged:
            target = merged[target]
        final[k] = target
    # the order a merged entity lists its mentions: its own first, then each short form's, in merge order
    member = pl.DataFrame(
        {"_pre": list(final), "_final": list(final.values()), "_rank": list(range(1, len(final) + 1))},
        schema={"_pre": pl.String, "_final": pl.String, "_rank": pl.Int64},
    )
    m = m.join(member, on="_pre", how="left", maintain_order="left").with_columns(
        pl.col("_final").fill_null(pl.col("_pre")), pl.col("_rank").fill_null(0)
    )
    entities = _entity_rows(m.sort("_rank", "_i"), lex)
    m = m.join(entities.select("_final", "entity_id"), on="_final", how="left", maintain_order="left").sort(
        "_i"
    )
    link_rule = pl.when(pl.col("link").is_null() | (pl.col("link") == "")).then(pl.lit("own_name"))
    mention_rows = m.with_columns(link_rule.otherwise(pl.col("link")).alias("link_rule")).select(
        MENTION_FIELDS
    )
    return entities.drop("_final"), mention_rows


def mention_id(article_id: str, mention: Mapping[str, Any]) -> str:
    """Stable id of a mention: its article and its place in the text."""
    return stable_id("mention", article_id, mention["position"], mention["start"], mention["end"])


def _with_lookup(df: pl.DataFrame, col: str, out: str, fn: Any) -> pl.DataFrame:
    """`df` with `out` = fn(col), fn called once per distinct value."""
    values = df[col].unique().to_list()
    table = pl.DataFrame({col: values, out: [fn(v) for v in values]}, schema={col: pl.String, out: pl.String})
    return df.join(table, on=col, how="left", maintain_order="left")


def _ordered_counts(df: pl.DataFrame, key: str, col: str) -> dict[str, list[tuple[str, int]]]:
    """key -> [(value, count)] of `col`, values in the order they first appear in `df`."""
    out: dict[str, list[tuple[str, int]]] = {}
    for k, v, n in df.group_by(key, col, maintain_order=True).agg(pl.len()).iter_rows():
        out.setdefault(k, []).append((v, n))
    return out


def _entity_rows(m: pl.DataFrame, lex: Lexicon) -> pl.DataFrame:
    """One row per final group of `m` (sorted in each group's listing order), sorted by group key."""
    names = {k: _best_of(c) for k, c in _ordered_counts(m, "_final", "name").items()}
    type_counts = _ordered_counts(m, "_final", "type")
    types = {}
    for k, name in names.items():
        idx = lex.alias_index.get(norm_key(name)) if k.startswith("g:") else None
        types[k] = lex.entries[idx].type if idx is not None else _majority(Counter(dict(type_counts[k])))
    surfaces = _with_lookup(m.select("_final", "text"), "text", "a", norm_surface).select("_final", "a")
    aliases = (
        pl.concat([surfaces, m.select("_final", pl.col("name").alias("a"))])
        .unique()
        .filter(pl.col("a") != "")
        .sort("_final", "a")
        .group_by("_final", maintain_order=True)
        .agg(pl.col("a").alias("aliases"))
    )
    counts = m.group_by("_final").agg(
        pl.col("article_id").n_unique().alias("article_count"), pl.len().alias("mention_count")
    )
    keys = sorted(names)
    rows = pl.DataFrame(
        {
            "_final": keys,
            "entity_id": [stable_id("entity", k) for k in keys],
            "name": [names[k] for k in keys],
            "type": [types[k] for k in keys],
        },
        schema={"_final": pl.String, "entity_id": pl.String, "name": pl.String, "type": pl.String},
    )
    out = rows.join(aliases, on="_final", how="left", maintain_order="left").join(
        counts, on="_final", how="left", maintain_order="left"
    )
    return out.with_columns(pl.col("aliases").fill_null([])).select(
        "_final", "entity_id", "name", "type", "aliases",
        pl.col("article_count").cast(pl.Int64), pl.col("mention_count").cast(pl.Int64),
    )  # fmt: skip


def _merge_short_forms(
    names: Mapping[str, str], types: Mapping[str, str], linked_to: Mapping[str, set[str]]
) -> dict[str, str]:
    """Lone surnames and short company names used elsewhere in the corpus with exactly one full form:
    group key -> the full form's group key. `names` and `types` per group key, in the order the groups
    first appear; `linked_to`: the groups each single-word text was joined to by its article.

    A short form the articles themselves join to different entities ("Paribas": Banque Paribas in
    one, Paribas Securities in another) is ambiguous: an article that has it alone keeps its own row.
    """
    # full forms (two words or more) of people and organisations by first word and type, and people's
    # also by last word: a short form's candidates are looked up, not searched for among all groups
    full_forms: dict[tuple[str, str, str], set[str]] = {}
    for k2, name in names.items():
        ws = _words(name)
        if len(ws) < 2 or types[k2] not in ("PERSON", "ORG"):
            continue
        full_forms.setdefault(("first", norm_key(ws[0]), types[k2]), set()).add(k2)
        if types[k2] == "PERSON":
            full_forms.setdefault(("last", norm_key(ws[-1]), types[k2]), set()).add(k2)
    merged: dict[str, str] = {}
    for k, name in names.items():
        if not k.startswith("n:") or len(_words(name)) != 1:
            continue
        tok = norm_key(name)
        if len(linked_to.get(tok, ())) > 1:
            continue
        t = types[k]
        cands = full_forms.get(("first", tok, t), set()) | full_forms.get(("last", tok, t), set())
        # and only where some article itself joins this form to that full name ("Banco" alone in one
        # article is not "Banco Portugues de Investmento" of another, which never says "Banco")
        if len(cands) == 1:
            (only,) = cands
            if only in linked_to.get(tok, ()):
                merged[k] = only
    return merged


def _best_of(counts: Sequence[tuple[str, int]]) -> str:
    """The name of a group from its names' counts (in the order the names first appear): the first
    that is a gazetteer alias gives the gazetteer's name; else the most used multi-word name, longest
    first."""
    lex = lexicon()
    for n, _ in counts:
        idx = lex.alias_index.get(norm_key(n))
        if idx is not None:
            return lex.entries[idx].name
    return sorted(counts, key=lambda kv: (len(_words(kv[0])) < 2, -kv[1], -len(kv[0]), kv[0]))[0][0]


def extract_entities(text: str, *, nlp: Any = None) -> list[dict[str, Any]]:
    """Entity mentions of one text (paragraphs = lines): mention dicts plus ``entity_id``;
    ``position`` is the line index and ``text == text.split("\\n")[position][start:end]``."""
    paras = (text or "").split("\n")
    ms = extract_mentions([paras], nlp=nlp)[0]
    ents, rows = canonicalise({"_": ms})
    by_id = {e["entity_id"]: e for e in ents}
    out = []
    for m, row in zip(ms, rows):
        e = by_id[row["entity_id"]]
        out.append({**m, "name": e["name"], "type": e["type"], "entity_id": e["entity_id"]})
    return out
