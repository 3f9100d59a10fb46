"""Agreements an article reports: kind, status, parties, count, topics, date, sentence.

Pipeline (pure, text in, rows out):

1. Split the text into paragraphs (newlines) and sentences (`segment.sentence_spans`; datelines
   such as "SEOUL, Jan 9 (Yonhap) --" are dropped).
2. Keep only sentences whose text matches a trigger: agreement noun phrases ("memoranda of
   understanding", "free trade agreement", "a 10 percent stake", "merger talks"), transaction
   and partnering verbs ("agreed to acquire", "will invest ... in", "teamed up with"), or bare
   "talks between/with". Only these sentences go through the spaCy pipeline (tagger, parser,
   attribute ruler and lemmatizer: tags, parts of speech, dependencies and lemmas are all read);
   the rest of the text is never parsed. Entity labels (``ent_type_``: DATE, PERSON...) come from
   the NER pass the pipeline already ran over the paragraphs when the caller passes its spans
   (``ents``: ``process.extract_batch`` does, for a whole batch at once), else from the pipeline's
   own NER on each sentence.
3. Per trigger, the dependency parse decides:
   - status: the chain of heads above the trigger ("signed ... memoranda", "the signing of 15
     documents", "agreed to acquire", "would be signed", "did not yield ... agreements",
     "advancing ... agreement negotiations", "talks ... ended without agreement"), folded inner
     to outer: outer planning/failure verbs override ("plans to sign", "failed to reach"),
     concluding verbs turn negotiations into an agreement ("concluded negotiations"), and
     modality applies (will/would -> planned, could/may -> proposed, outcome negation ->
     not_reached, "if"/"once" -> proposed); a participle or relative clause on the trigger
     fixes it ("the accord, which takes effect on ..."), unless the chain amends the agreement
     ("talks to upgrade their FTA, which took effect in 2015") or ratifies it now; an ending
     act ("abandoned its proposed merger", "agreed to end their partnership", "scrapped plans
     to sell") is not undone by an outer "agreed", and a later "blocked the deal" ends a deal
     reported earlier; a missing outcome ("did not yield an agreement", "without reaching a
     deal") joins the row of its talks;
   - parties: entity mentions in the argument slots of the trigger and of its governing verbs
     (premodifiers "Korea-China FTA", possessives, "with X", "between X and Y", subjects,
     agents, objects of transaction verbs); capitals stand for their states only in those
     slots ("Seoul and Tokyo signed"); a nationality adjective of a named company is not a
     party ("German utility Uniper"); collective phrases ("companies from both nations", "the
     two countries", "the two prime ministers") resolve to the article's two countries (most
     mentioned states, "A-B" compounds counting for both);
   - count: a numeric modifier of the trigger ("a total of 32 memoranda" -> 32);
   - topics: the list after "related to", "on", "covering", "in areas such as", or a colon.
4. Mentions of one agreement are merged per article: definite and anaphoric mentions ("the
   FTA", "these agreements", "the deal", "Mars' acquisition") join the earlier row they refer
   to; a second trigger in the same sentence joins the first; indefinite mentions ("a
   partnership") stay new rows. Bare mentions with no status and no party ("an economic
   partnership of exceptional resilience", "potential deals") are dropped.

Vocabularies (trigger patterns, status lexicons, country aliases, capitals) live in
``newsfacts/data/agreement_triggers.json``. Parties are the canonical names of the entity
layer (``extract_entities``); without it a private spaCy-NER fallback is used.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from newsfacts.data import load_json
from newsfacts.dates import sentence_date
from newsfacts.extract import agreement_model
from newsfacts.numbers import word_value
from newsfacts.segment import sentence_spans
from schemas.enums import AGREEMENT_KINDS, AGREEMENT_STATUSES

log = logging.getLogger(__name__)

# the contract's enumerations (schemas/enums.py is their one source)
KINDS = AGREEMENT_KINDS
STATUSES = AGREEMENT_STATUSES

# statuses an outer verb imposes on whatever the inner cue said ("plan to sign" -> planned)
_OVERRIDING = {"planned", "proposed", "not_reached", "agreed", "negotiating"}
# statuses that modality can still turn into planned/proposed/not_reached
_FACTUAL = {None, "signed", "agreed", "completed", "in_force"}
# merge preference: a factual status beats a tentative one, which beats unknown
_TIER = {
    "signed": 3,
    "agreed": 3,
    "completed": 3,
    "in_force": 3,
    "not_reached": 2,
    "negotiating": 1,
    "planned": 1,
    "proposed": 1,
    "unknown": 0,
}
_GENERIC_KINDS = {"other", "deal", "partnership", "investment"}
_PARTY_TYPES = {"ORG", "GPE", "LOC"}
_NOMINAL = {"NOUN", "PROPN", "PRON", "NUM", "X"}
_VERBAL = {"VERB", "AUX"}
_NOMINAL_DEPS = {"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "compound", "poss"}
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her"}
_ANAPHORIC_DETS = {"the", "this", "these", "that", "those", "such", "both"}
_TRANSACTION_NOUNS = {"acquisition", "merger", "takeover", "purchase", "buyout", "sale"}
_TRANSACTION_VERBS = {
    "acquire",
    "buy",
    "purchase",
    "take over",
    "merge",
    "buy out",
    "invest",
    "sell",
    "divest",
    "license",
    "licence",
}
_SURROGATE = re.compile("[\ud800-\udfff]")
# "SEOUL, Jan 9 (Yonhap) -- ", "LONDON, Feb 3 (Reuters) - ", "BEIJING -- ", "COMMACK, N.Y., Feb 26 - "
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'/-]{1,40}(?:,\s*(?:[A-Z][a-z]{2,9}\.?\s+\d{1,2}|[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,3})){0,2}"
    r"\s*(?:\([A-Za-z .]{2,30}\))?\s*(?:-{1,2}|\u2013|\u2014)\s+"
    r"|^\s*[A-Z]{2}[A-Z .'-]{1,38}:\s+"  # "MUMBAI: ", "DAR ES SALAAM, Tanzania (AP) -- "
)


# --------------------------------------------------------------------------- vocabulary


@dataclass
class _Vocab:
    kind_res: list[tuple[str, re.Pattern[str]]]
    exclude_re: re.Pattern[str]
    verb_trigger_re: re.Pattern[str]
    prefilter_re: re.Pattern[str]
    verb_triggers: dict[str, str]
    status_verbs: dict[str, str]
    status_nouns: dict[str, str | None]
    status_mods: dict[str, str | None]
    modal_planned: set[str]
    modal_proposed: set[str]
    conditional_marks: set[str]
    progress_verbs: set[str]
    negatable: set[str]
    failure_objects: set[str]
    reference_preps: set[str]
    weak_re: re.Pattern[str]
    supply_verbs: set[str]
    concluding_verbs: set[str]
    neutral_topics: set[str]
    collective_re: re.Pattern[str]
    topic_cue_re: re.Pattern[str]
    country_map: dict[str, str]
    capitals: dict[str, str]
    country_re: re.Pattern[str]
    org_heads: set[str]
    trigger_any_re: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        self.trigger_any_re = re.compile("|".join(f"(?:{p.pattern})" for _, p in self.kind_res), re.I)


def _word_re(alternatives: list[str]) -> str:
    return r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])"


@lru_cache(maxsize=1)
def _vocab() -> _Vocab:
    raw = load_json("agreement_triggers.json")
    kind_res = [(k["kind"], re.compile(_word_re(k["patterns"]), re.I)) for k in raw["kinds"]]
    verb_re = re.compile(raw["verb_trigger_regex"], re.I)
    prefilter = re.compile(
        "|".join([f"(?:{p.pattern})" for _, p in kind_res] + [verb_re.pattern, raw["talk_trigger_regex"]]),
        re.I,
    )
    countries = {k.casefold(): v for k, v in raw["country_aliases"].items()}
    gaz = load_json("gazetteer.json")
    for ent in gaz.get("entities", []):
        if ent.get("type") != "GPE":
            continue
        for dem in ent.get("demonyms", []):  # "Kenyan and Tanzanian officials": the states
            if len(dem) > 3 and dem[:1].isupper() and dem.isalpha():
                countries.setdefault(dem.casefold(), ent["name"])
    alts = sorted(countries, key=len, reverse=True)
    # "South American", "Latin America", "North African": a region, not the state the alias names
    region = r"(?<!south )(?<!north )(?<!latin )(?<!central )"
    country_re = re.compile(
        r"(?<![\w])"
        + region
        + r"("
        + "|".join(re.escape(a) for a in alts)
        + r")(?![\w])(?!-(?:based|owned|made|listed|headquartered)\b)",
        re.I,
    )
    cue_re = re.compile(r"\s*,?\s*(?:" + "|".join(raw["topic_cues"]) + r")\s+", re.I)
    return _Vocab(
        kind_res=kind_res,
        exclude_re=re.compile(_word_re(raw["exclude"]), re.I),
        verb_trigger_re=verb_re,
        prefilter_re=prefilter,
        verb_triggers=raw["verb_triggers"],
        status_verbs=raw["status_verbs"],
        status_nouns=raw["status_nouns"],
        status_mods=raw["status_modifiers"],
        modal_planned=set(raw["modal_planned"]),
        modal_proposed=set(raw["modal_proposed"]),
        conditional_marks=set(raw["conditional_marks"]),
        progress_verbs=set(raw["progress_verbs"]),
        negatable=set(raw["negatable_neutral_verbs"]),
        failure_objects=set(raw["failure_objects"]),
        reference_preps=set(raw["reference_preps"]),
        weak_re=re.compile("|".join(raw["weak_patterns"]), re.I),
        supply_verbs=set(raw["supply_verbs"]),
        concluding_verbs=set(raw["concluding_verbs"]),
        neutral_topics=set(raw["neutral_nouns_as_topic"]),
        collective_re=re.compile("|".join(raw["collective_parties"]), re.I),
        topic_cue_re=cue_re,
        country_map=countries,
        capitals={k.casefold(): c for k, c in raw["capitals"].items()},
        country_re=country_re,
        org_heads={w.casefold() for w in gaz.get("org_heads", []) + raw["org_head_words"]},
    )


def _country_hits(text: str) -> list[tuple[int, int, str]]:
    """(start, end, canonical) for country aliases in text; short aliases must not be lowercase."""
    v = _vocab()
    out = []
    for m in v.country_re.finditer(text):
        surf = m.group(1)
        if len(surf) <= 4 and surf.islower():
            continue  # "us", "eu", "uk" as ordinary words
        out.append((m.start(1), m.end(1), v.country_map[surf.casefold()]))
    return out


# --------------------------------------------------------------------------- mentions


def _fallback_mentions(text: str) -> list[dict[str, Any]]:
    """Private stand-in for extract_entities (spaCy NER + the country alias table)."""
    from newsfacts.nlp import load_nlp

    nlp = load_nlp(disable=("parser", "tagger", "attribute_ruler", "lemmatizer"))
    v = _vocab()
    out: list[dict[str, Any]] = []
    lines = text.split("\n")
    for pos, doc in enumerate(nlp.pipe(lines)):
        for e in doc.ents:
            label = e.label_
            surf = e.text
            core = re.sub(r"^the\s+", "", surf, flags=re.I)
            core = re.sub(r"['\u2019]s$", "", core)
            canon = v.country_map.get(core.casefold())
            if label == "NORP":
                if canon is None:
                    continue
                label = "GPE"
            if label not in {"PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"}:
                continue
            if canon and label in {"GPE", "ORG", "LOC"}:
                label = "GPE"
            out.append(
                {
                    "position": pos,
                    "start": e.start_char,
                    "end": e.end_char,
                    "text": surf,
                    "name": canon or core,
                    "type": label,
                }
            )
    return out


def _get_mentions(text: str) -> list[dict[str, Any]]:
    try:
        from newsfacts.extract.entities import extract_entities
    except ImportError:
        return _fallback_mentions(text)
    try:
        return list(extract_entities(text))
    except Exception:  # the entity layer is someone else's: never let it sink this one
        log.warning("extract_entities failed; using the NER fallback", exc_info=True)
        return _fallback_mentions(text)


@dataclass
class _Surfaces:
    """Surface form -> (canonical name, type), for locating mentions inside a sentence."""

    table: dict[str, tuple[str, str]]
    regex: re.Pattern[str] | None


def _surfaces(mentions: list[dict[str, Any]]) -> _Surfaces:
    v = _vocab()
    table: dict[str, tuple[str, str]] = {}
    for m in mentions:
        name, typ = m.get("name"), m.get("type")
        if not isinstance(name, str) or not name.strip():
            continue
        typ = typ if isinstance(typ, str) else "OTHER"
        for surf in (m.get("text"), name):
            if not isinstance(surf, str):
                continue
            surf = re.sub(r"^the\s+", "", surf.strip(), flags=re.I)
            surf = re.sub(r"['\u2019]s$", "", surf)
            if len(surf) < 2 or v.trigger_any_re.search(surf):
                continue  # the agreement's own name ("Korea-China FTA") is not a party
            table.setdefault(surf, (name, typ))
    if not table:
        return _Surfaces(table, None)
    alts = sorted(table, key=len, reverse=True)
    rx = re.compile(r"(?<![\w])(" + "|".join(re.escape(a) for a in alts) + r")(?![\w])")
    return _Surfaces(table, rx)


# the only non-ASCII characters that an ignore-case regex matches to an ASCII letter
_ASCII_IGNORECASE_TWINS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def _may_occur(alternatives: list[str], text: str) -> list[str]:
    """The alternatives (in their order) of an ignore-case alternation of literals that can match
    somewhere in `text`: the others can take part in no match, so leaving them out of the pattern
    changes no match and spares compiling a pattern of every alias for every article. Conservative:
    an ASCII alternative is kept when it occurs in the lowercased text (the four non-ASCII letters
    the regex engine equates with ASCII ones folded to them), a non-ASCII one always."""
    folded = text.translate(_ASCII_IGNORECASE_TWINS).lower()
    return [a for a in alternatives if not a.isascii() or a.lower() in folded]


def _article_pair(text: str, mentions: list[dict[str, Any]], surf: _Surfaces) -> list[str]:
    """The two countries an article is about: the most frequent "A-B" pair, else the two most
    mentioned countries."""
    v = _vocab()
    canon_of = dict(v.country_map)
    country_names = set(v.country_map.values())
    for s, (name, typ) in surf.table.items():
        if typ == "GPE":
            canon_of.setdefault(s.casefold(), name)
            if name in country_names or name.casefold() in v.country_map:
                canon_of[s.casefold()] = v.country_map.get(name.casefold(), name)
    alts = _may_occur(sorted(canon_of, key=len, reverse=True), text)
    word = "|".join(re.escape(a) for a in alts)
    pair_re = re.compile(rf"(?<![\w])({word})\s?[-\u2010-\u2015/]\s?({word})(?![\w])", re.I) if alts else None
    pairs: Counter[tuple[str, str]] = Counter()
    for m in pair_re.finditer(text) if pair_re else ():
        a, b = canon_of[m.group(1).casefold()], canon_of[m.group(2).casefold()]
        if a != b and a in country_names and b in country_names:
            pairs[(a, b)] += 1
    counts: Counter[str] = Counter()
    for _, _, c in _country_hits(text):
        counts[c] += 1
    for mention in mentions:  # states the alias table does not know ("Tanzania"); capitals excluded
        mname = mention.get("name")
        if (
            mention.get("type") == "GPE"
            and isinstance(mname, str)
            and mname not in country_names
            and mname.casefold() not in v.country_map
            and mname.casefold() not in v.capitals
        ):
            counts[mname] += 1
    for (a, b), n in pairs.items():  # "Korea-China" counts once more for the pair
        counts[a] += n
        counts[b] += n
    known = [c for c, _ in counts.most_common() if c in country_names]
    if len(known) == 2 and len(counts) <= 3:
        return known  # a short piece naming just two states (and maybe a city)
    top = [c for c, n in counts.most_common(2) if n >= 2]
    return top if len(top) == 2 else []


# --------------------------------------------------------------------------- parse helpers


_OBJECT_PREP_VERBS = {"order"}


def _verb_key_candidates(tok: Any) -> list[str]:
    lem = tok.lemma_.casefold()
    if lem == "hop" and any(c.dep_ == "xcomp" for c in tok.children):
        lem = "hope"  # the lemmatizer's "hoped to begin talks" -> "hop"
    keys = []
    prts = [c.lower_ for c in tok.children if c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == tok.i + 1)]
    for p in prts:
        keys.append(f"{lem} {p}")
    for c in tok.children:
        if c.dep_ == "dobj":
            keys.append(f"{lem} {c.lemma_.casefold()}")
            # "won a 480 billion won ($346 million) contract order": the amount parsed as the object
            keys += [f"{lem} {g.lemma_.casefold()}" for g in c.children if g.dep_ == "appos"]
            if lem in _OBJECT_PREP_VERBS:
                # "ordered four carriers from/at X": the supplier's prep hangs on the object
                keys += [
                    f"{lem} {g.lower_}" for g in c.children if g.dep_ == "prep" and g.lower_ in ("from", "at")
                ]
        if c.dep_ in ("prep", "agent"):
            for g in c.children:
                if g.dep_ == "pobj":
                    keys.append(f"{lem} {c.lower_} {g.lemma_.casefold()}")
            keys.append(f"{lem} {c.lower_}")
        if c.dep_ == "acomp":
            keys.append(f"{lem} {c.lemma_.casefold()}")
    keys.append(lem)
    return keys


def _modality(tok: Any) -> str | None:
    """planned/proposed/not_reached from the auxiliaries, negation and mark of a verb (a
    conjunct verb shares the auxiliaries of the first conjunct)."""
    v = _vocab()
    toks = [tok]
    cur = tok
    while cur.dep_ == "conj" and cur.head.i != cur.i and cur.head.pos_ in _VERBAL:
        cur = cur.head
        toks.append(cur)
    result = None
    if tok.dep_ == "xcomp" and any(
        c.dep_ == "advmod" and c.lower_ == "yet" and c.i < tok.i for c in tok.head.children
    ):
        return "not_reached"  # "have yet to reach an agreement", "is yet to sign": not (so far)
    negatable = _verb_lex(tok) is not None or tok.lemma_.casefold() in v.negatable
    for t in toks:
        for c in t.children:
            low = c.lower_
            if c.dep_ == "neg" and low in ("not", "n't", "never", "no") and negatable:
                nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
                if nxt is None or nxt.lower_ != "only":
                    return "not_reached"
            if c.dep_ == "prep" and low == "without" and t.i == tok.i:
                if any(g.dep_ == "pobj" and g.lemma_.casefold() in v.failure_objects for g in c.children):
                    return "not_reached"  # "talks ended without agreement"
                if any(
                    g.dep_ == "pcomp" and _verb_lex(g) in ("agreed", "signed") and _has_failure_object(g)
                    for g in c.children
                ):
                    return "not_reached"  # "wrapped up talks without reaching a deal"
            if c.dep_ in ("aux", "auxpass"):
                if low in v.modal_planned:
                    result = result or "planned"
                elif low in v.modal_proposed:
                    result = result or "proposed"
            if c.dep_ == "mark" and low in v.conditional_marks and t.i == tok.i:
                result = "proposed"
            if (
                c.dep_ in ("nsubj", "nsubjpass")
                and t.i == tok.i
                and tok.tag_ in ("VBZ", "VBP")
                and c.left_edge.i > 0
                and c.doc[c.left_edge.i - 1].lower_ in ("once", "when", "until")
            ):
                result = result or "planned"  # "once the merger closes": ahead
            if (
                c.dep_ in ("aux", "auxpass")
                and low in ("had", "should", "were")
                and t.i == tok.i
                and any(s.dep_ in ("nsubj", "nsubjpass") and c.i < s.i < t.i for s in t.children)
                and (c.i == 0 or not c.doc[c.i - 1].is_alpha)
            ):
                return "hypothetical"  # "Had the deal fallen through, ...": an inverted conditional
    return result


def _has_failure_object(vb: Any) -> bool:
    return any(c.dep_ == "dobj" and c.lemma_.casefold() in _vocab().failure_objects for c in vb.children)


def _verb_lex(tok: Any, kind: str = "") -> str | None:
    v = _vocab()
    for k in _verb_key_candidates(tok):
        if k in v.status_verbs:
            if k in v.progress_verbs and kind in ("partnership", "investment", "deal"):
                return None  # "advancing the strategic partnership" deepens ties, no status
            return v.status_verbs[k]
    return None


def _verb_mod(tok: Any, kind: str = "") -> str | None:
    """The verb's modality, except for a continuing state: "will remain in force" is in force."""
    if _verb_lex(tok, kind) == "in_force" and tok.lemma_.casefold() in _STATIVE_VERBS:
        return None
    return _modality(tok)


_STATIVE_VERBS = {"remain", "stay"}
# participles giving an agreement's goal ("MOUs aimed at deepening ties"), not its status
_PURPOSE_VERBS = {"aim", "design", "intend", "mean", "target", "gear"}
# "hinges on securing the contract", "depends on signing": a condition ahead
_CONTINGENT_VERBS = {"hinge", "depend", "rely", "hang", "rest", "condition", "contingent", "dependent"}
# reporting verbs: "the FTA, the minister announced" reports the act the chain names
_REPORTING_VERBS = {"announce", "unveil", "confirm", "say", "report", "disclose"}
# steps after a signing: a clause saying they lie ahead ("which must be ratified") leaves it signed
_POST_SIGNING_VERBS = {"ratify", "approve", "endorse", "implement"}
_DENIAL_VERBS = {"deny", "dismiss", "refute"}
_AMEND_VERBS = {"upgrade", "amend", "revise", "update", "modernise", "modernize", "renegotiate", "review"}
_CONCLUDING_NOUNS = {"conclusion", "completion", "finalisation", "finalization"}
_ROUND_NOUNS = {"round", "session", "phase", "stage"}
# nouns of a stage before any agreement ("a feasibility study on an FTA"): an outer "agreed to
# launch" does not make the agreement itself agreed
_PRESTAGE_NOUNS = {"study", "feasibility"}


def _verb_src(tok: Any) -> str:
    v = _vocab()
    if not any(k in v.concluding_verbs for k in _verb_key_candidates(tok)):
        return "verb"
    # "to complete the talks" / "will conclude": not done yet
    return "concl_irrealis" if tok.tag_ == "VB" else "concl"


def _noun_event(tok: Any) -> tuple[str | None, str | None]:
    v = _vocab()
    lex = v.status_nouns.get(tok.lower_) or v.status_nouns.get(tok.lemma_.casefold())
    modal = None
    for c in tok.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.lower_ in v.status_mods:
            lex = lex or v.status_mods[c.lower_]
        if c.dep_ == "det" and c.lower_ == "no":
            modal = "not_reached"
    return lex, modal


@dataclass
class _Walk:
    status: str
    nouns: list[Any]  # nominal heads on the chain (the trigger first)
    verbs: list[Any]  # governing verbs, inner first
    attached: list[Any] = field(default_factory=list)  # participle/relative clauses on the trigger
    reference: bool = False  # "Under the agreement, X will ...": the clause is not about the agreement
    denied: bool = False  # reported under a denial ("denied it was in talks with X"): no row
    trace: list[str] = field(default_factory=list)  # the checks that decided, as "check:reason"

    @property
    def ended(self) -> bool:
        """Ended by an act ("blocked", "scrapped", "terminated"), not merely not reached yet."""
        return self.status == "not_reached" and any(
            _verb_lex(vb) == "not_reached" for vb in [*self.verbs, *self.attached]
        )


def _reference_prep(prep: Any) -> bool:
    v = _vocab()
    low = prep.lower_
    if low in v.reference_preps:
        return True
    # multiword: "according to", "as part of", "in line with", "pursuant to"
    words = [low]
    cur = prep
    while cur.dep_ in ("prep", "pobj", "pcomp") and cur.head.i != cur.i and len(words) < 4:
        cur = cur.head
        words.insert(0, cur.lower_)
        if " ".join(words) in v.reference_preps:
            return True
    left = prep.doc[max(0, prep.i - 2) : prep.i + 1].text.casefold()
    return any(left.endswith(r) for r in v.reference_preps)


# --------------------------------------------------------------------------- the head-chain walk
#
# `_walk` folds the status cues on the chain of heads above a trigger, inner to outer, in three parts,
# each an ordered table of small named checks that return a verdict and a reason:
#
# 1. the trigger's own cue, then the clauses attached to a noun trigger (`_ATTACHED_CLAUSE_CHECKS`:
#    "skip", "report" or "attach");
# 2. one link per head up the chain: the gates that may end the walk ("stop") or move it elsewhere
#    ("jump") or note something and go on ("note") (`_LINK_GATES`), then the cue the head itself adds
#    (`_HEAD_CUES`: "on" or "stop");
# 3. the final status (`_STATUS_RULES`: the status a rule sets).
#
# The deciding checks are listed, in order, in `_Walk.trace` as "check:reason" (no row publishes it).

_Event = tuple[str | None, str | None, str]  # (lexical status, modality, source)
_Verdict = tuple[str, str] | None  # (verdict, reason); None: the check does not apply


@dataclass
class _Chain:
    """The state of one walk up the head chain above a trigger."""

    trigger: Any
    kind: str
    is_verb: bool
    events: list[_Event] = field(default_factory=list)
    nouns: list[Any] = field(default_factory=list)  # nominal heads on the chain (the trigger first)
    verbs: list[Any] = field(default_factory=list)  # governing verbs, inner first
    attached: list[Any] = field(default_factory=list)  # participle/relative clauses on the trigger
    frozen: int = 0  # events up to here are the status an attached clause fixed (0: none did)
    denied: bool = False
    reported: str | None = None  # what a reporting clause on the trigger says, when nothing else does
    reference: bool = False
    in_round: bool = False  # the trigger is the object of one round of talks
    cur: Any = None  # the token the walk stands on
    in_verbs: bool = False  # the walk has left the noun phrase for the verbs above it
    trace: list[str] = field(default_factory=list)


@dataclass
class _Link:
    """One step of the walk: from `cur` up to `head` over the dependency `dep`."""

    cur: Any
    head: Any
    dep: str
    clause: bool  # walking verbs, and the head does not end the agreement ("abandoned the merger")
    amending: bool  # "a protocol amending the EPA"


def _decide(checks: Sequence[Any], st: _Chain, *args: Any) -> str | None:
    """Run the checks in order; the first verdict other than "note" decides (None: none applied)."""
    for check in checks:
        got = check(st, *args)
        if got is None:
            continue
        verdict, reason = got
        st.trace.append(f"{check.__name__.lstrip('_')}:{reason}")
        if verdict != "note":
            return str(verdict)
    return None


def _walk(trigger: Any, kind: str, *, is_verb: bool = False) -> _Walk:
    """Fold the status cues on the head chain above the trigger, inner to outer."""
    st = _Chain(trigger, kind, is_verb)
    if is_verb:
        st.events.append((_verb_lex(trigger, kind), _verb_mod(trigger, kind), _verb_src(trigger)))
        st.verbs.append(trigger)
    else:
        _noun_trigger_cues(st)
    np_head = trigger
    while np_head.dep_ in ("compound", "amod", "nmod") and np_head.head.i != np_head.i:
        np_head = np_head.head  # "under UK takeover rules"
    st.reference = not is_verb and np_head.dep_ == "pobj" and _reference_prep(np_head.head)
    st.cur, st.in_verbs = trigger, is_verb
    for _ in range(16):
        if st.reference:
            st.trace.append("walk:reference")
            break  # "Under the agreement, X will pay ...": a reference, not a status
        link = _link(st)
        if link is None:
            break
        verdict = _decide(_LINK_GATES, st, link)
        if verdict == "jump":
            continue
        if verdict == "stop" or _decide(_HEAD_CUES, st, link) == "stop":
            break
        st.cur = link.head
    status = _fold(st.events[: st.frozen] if st.frozen else st.events) or st.reported
    for rule in _STATUS_RULES:
        got = rule(st, status)
        if got is not None:
            status = got[0]
            st.trace.append(f"{rule.__name__.lstrip('_')}:{got[1]}")
    return _Walk(status or "unknown", st.nouns, st.verbs, st.attached, st.reference, st.denied, st.trace)


# ---------------------------------------------------------------- 1. the trigger and its clauses


def _noun_trigger_cues(st: _Chain) -> None:
    """The noun trigger's own cue, then the cues of the participle and relative clauses on it."""
    trigger, kind = st.trigger, st.kind
    st.nouns.append(trigger)
    own = _noun_event(trigger)[0]  # its own "no" is read at the end
    if kind == "investment" and own == "negotiating":
        own = None  # "a Series B funding round" is no round of talks
    st.events.append((own, None, "noun"))
    st.in_round = _in_round_of_talks(trigger)
    for c in _clause_candidates(trigger, kind):
        infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        if c.dep_ not in ("acl", "relcl") or c.pos_ not in _VERBAL or infinitive:
            continue
        lex = _verb_lex(c, kind)
        verdict = _decide(_ATTACHED_CLAUSE_CHECKS, st, c, lex)
        if verdict == "report":
            st.reported = st.reported or lex
        elif verdict == "attach":
            # "an agreement signed by China, Tanzania and Zambia", "talks, which have stalled": the
            # clause on the trigger fixes the status; the walk goes on only to find the parties
            st.events.append((lex, _verb_mod(c, kind), "verb"))
            st.attached.append(c)
            st.frozen = len(st.events)


def _clause_candidates(trigger: Any, kind: str) -> list[Any]:
    """Children of the trigger, of its of-complement ("an exchange of notes signed by ...") and a
    signing participle deep in its on/for-complement ("the protocol on phytosanitary requirements for
    avocados signed last week by X")."""
    of_objs = [g for c in trigger.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children]
    deep = [
        x
        for c in trigger.children
        if c.dep_ == "prep" and c.lower_ in ("on", "for")
        for x in c.subtree
        if x.dep_ == "acl" and x.tag_ == "VBN" and _verb_lex(x, kind) == "signed" and x.head.i != trigger.i
    ][:1]
    return [*trigger.children, *(x for g in of_objs if g.dep_ == "pobj" for x in g.children), *deep]


def _in_round_of_talks(trigger: Any) -> bool:
    """ "the ninth round of negotiations for the trade agreement concluded": the round ended, the
    closing verb parsed onto the agreement."""
    if not (trigger.dep_ == "pobj" and trigger.head.dep_ == "prep"):
        return False
    talks = trigger.head.head
    return (
        _vocab().status_nouns.get(talks.lemma_.casefold()) == "negotiating"
        and talks.dep_ == "pobj"
        and talks.head.lower_ == "of"
        and talks.head.head.lemma_.casefold() in _ROUND_NOUNS
    )


def _clause_of_another_event(st: _Chain, c: Any, lex: str | None) -> _Verdict:
    if c.dep_ == "relcl" and any(
        x.dep_ == "pobj" and x.lower_ in ("which", "whom")
        for g in c.children
        if g.dep_ == "prep"
        for x in g.children
    ):
        return "skip", "for_which"  # "an FTA, for which a feasibility study was completed"
    return None


def _clause_closing_a_round(st: _Chain, c: Any, lex: str | None) -> _Verdict:
    if st.in_round and (_verb_src(c) != "verb" or lex == "completed"):
        return "skip", "round_closed"
    return None


def _clause_without_status(st: _Chain, c: Any, lex: str | None) -> _Verdict:
    return None if lex else ("skip", "no_status")


def _clause_of_purpose(st: _Chain, c: Any, lex: str | None) -> _Verdict:
    if c.tag_ == "VBN" and c.lemma_.casefold() in _PURPOSE_VERBS:
        return "skip", "purpose"  # "signed seven MOUs aimed at deepening cooperation": their goal
    return None


def _clause_reporting(st: _Chain, c: Any, lex: str | None) -> _Verdict:
    if c.lemma_.casefold() in _REPORTING_VERBS:
        # "has signed an FTA with X, the minister announced": a reporting clause (parsed onto the
        # trigger) tells the status only when nothing else does
        return "report", "reporting_verb"
    return None


def _clause_attached(st: _Chain, c: Any, lex: str | None) -> _Verdict:
    return "attach", f"{c.lemma_.casefold()}:{lex}"


_ATTACHED_CLAUSE_CHECKS = (
    _clause_of_another_event,
    _clause_closing_a_round,
    _clause_without_status,
    _clause_of_purpose,
    _clause_reporting,
    _clause_attached,
)


# ---------------------------------------------------------------- 2. the links up the chain


def _link(st: _Chain) -> _Link | None:
    cur = st.cur
    head = cur.head
    if head.i == cur.i:
        return None
    dep = cur.dep_
    if not st.in_verbs and dep == "prep" and cur.lower_ == "of":
        head = _displaced_of_head(head)
    ending = (
        st.in_verbs
        and cur.pos_ in _NOMINAL
        and dep in ("dobj", "nsubjpass")
        and head.pos_ in _VERBAL
        and _verb_lex(head, st.kind) == "not_reached"
    )
    clause = st.in_verbs and not ending
    amending = clause and dep == "acl" and cur.lemma_.casefold() in _AMEND_VERBS
    return _Link(cur, head, dep, clause, amending)


def _gate_without(st: _Chain, ln: _Link) -> _Verdict:
    if ln.cur.pos_ in _VERBAL and ln.dep == "pcomp" and ln.head.lower_ == "without":
        st.events.append((None, "not_reached", "noun"))
        return "stop", "without_reaching"  # "without reaching a deal"
    return None


def _gate_talks_subject(st: _Chain, ln: _Link) -> _Verdict:
    """ "negotiations on upgrading the FTA", "talks ... on buying the remaining stake ran aground": the
    subject of the talks; not "made an informal approach about acquiring X" nor "a plan for buying Y"
    (the object of a proposal or plan, not an act done)."""
    head = ln.head
    if not (
        ln.clause
        and ln.dep == "pcomp"
        and head.pos_ == "ADP"
        and head.lower_ in ("on", "over", "about", "for")
        and head.head.pos_ in _NOMINAL
        and _vocab().status_nouns.get(head.head.lemma_.casefold()) in ("negotiating", "proposed", "planned")
    ):
        return None
    st.cur, st.in_verbs = head, False
    return "jump", "subject_of_talks"


def _gate_denial(st: _Chain, ln: _Link) -> _Verdict:
    if ln.clause and ln.dep == "ccomp" and ln.head.lemma_.casefold() in _DENIAL_VERBS:
        st.denied = True
        return "note", "denied"  # "denied it was in talks with X"
    return None


def _gate_contingent(st: _Chain, ln: _Link) -> _Verdict:
    head = ln.head
    if (
        ln.clause
        and ln.dep == "pcomp"
        and head.lower_ in ("on", "upon")
        and any(t.lemma_.casefold() in _CONTINGENT_VERBS for t in (head.head, head.doc[max(head.i - 1, 0)]))
    ):
        st.events.append((None, "proposed", "noun"))
        return "stop", "contingent"  # "the decision hinges on securing that contract": a condition
    return None


def _gate_blocked_from(st: _Chain, ln: _Link) -> _Verdict:
    head = ln.head
    if (
        ln.clause
        and ln.dep == "pcomp"
        and head.lower_ == "from"
        and head.head.pos_ in _VERBAL
        and _verb_lex(head.head, st.kind) == "not_reached"
    ):
        st.events.append(("not_reached", None, "verb"))
        st.verbs.append(head.head)
        return "stop", "blocked_from"  # "blocked X from lifting its stake in Y": the act is stopped
    return None


def _gate_purpose_of_talks(st: _Chain, ln: _Link) -> _Verdict:
    """ "pulled out of talks to buy a stake in X": the purpose of the talks; the walk goes on from them."""
    cur = ln.cur
    if not (
        ln.clause and ln.dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)
    ):
        return None
    v = _vocab()
    talk_noun = next(
        (
            g
            for p1 in ln.head.children
            if p1.dep_ == "prep"
            for p2 in [p1, *(x for x in p1.children if x.dep_ == "prep")]
            for g in p2.children
            if g.dep_ == "pobj" and v.status_nouns.get(g.lemma_.casefold()) == "negotiating"
        ),
        None,
    )
    if talk_noun is None or talk_noun.i >= cur.i:
        return None
    st.nouns.append(talk_noun)
    st.events.append(("negotiating", None, "noun"))
    st.cur, st.in_verbs = talk_noun, False
    return "jump", "purpose_of_talks"


def _purpose_link(ln: _Link) -> bool:
    """ "start talks to upgrade their FTA": the purpose of the talks."""
    return (
        ln.dep == "advcl"
        and ln.cur.lemma_.casefold() in _AMEND_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in ln.cur.children)
    )


def _gate_aim_of_talks(st: _Chain, ln: _Link) -> _Verdict:
    if ln.clause and not _purpose_link(ln) and _talks_purpose(ln.cur):
        # "agreed to speed up negotiations so as to finalise a new trade agreement", "are
        # negotiating to buy X": the aim of talks under way, not an act done
        st.events.append(("negotiating", None, "noun"))
        return "stop", "aim_of_talks"
    return None


def _gate_other_event(st: _Chain, ln: _Link) -> _Verdict:
    """ccomp/csubj/advcl heads are other events ("said", "will liberalize"); not "expected the deal to
    be finalised" (an expectation's complement, parsed as ccomp) nor the acl of a status noun."""
    if not ln.clause or ln.dep in ("xcomp", "conj"):
        return None
    head = ln.head
    status_head = head.pos_ in _NOMINAL and _vocab().status_nouns.get(head.lemma_.casefold())
    if ln.dep == "acl" and (status_head or ln.amending):
        return None
    expects = (
        ln.dep == "ccomp" and head.pos_ in _VERBAL and _verb_lex(head, st.kind) in ("planned", "proposed")
    )
    if expects or _purpose_link(ln):
        return None
    return "stop", f"other_event:{ln.dep}"


def _gate_non_verbal_head(st: _Chain, ln: _Link) -> _Verdict:
    head = ln.head
    if not ln.clause or head.pos_ in _VERBAL or head.pos_ == "ADJ":
        return None
    if head.pos_ in _NOMINAL and (_vocab().status_nouns.get(head.lemma_.casefold()) or ln.amending):
        return None
    return "stop", "non_verbal_head"


def _gate_noun_phrase_end(st: _Chain, ln: _Link) -> _Verdict:
    if ln.clause:
        return None
    if ln.dep in ("advcl", "relcl", "pcomp", "mark", "cc", "punct", "det"):
        return "stop", f"noun_phrase_end:{ln.dep}"
    head = ln.head
    if ln.dep == "acl" and not (head.pos_ in _NOMINAL and _vocab().status_nouns.get(head.lemma_.casefold())):
        return "stop", "acl_of_other_noun"
    return None


_LINK_GATES = (
    _gate_without,
    _gate_talks_subject,
    _gate_denial,
    _gate_contingent,
    _gate_blocked_from,
    _gate_purpose_of_talks,
    _gate_aim_of_talks,
    _gate_other_event,
    _gate_non_verbal_head,
    _gate_noun_phrase_end,
)


def _cue_preposition(st: _Chain, ln: _Link) -> _Verdict:
    if ln.head.pos_ != "ADP":
        return None
    if ln.head.lower_ == "without":
        st.events.append((None, "not_reached", "noun"))
        return "on", "without"
    return "on", "preposition"


def _cue_noun(st: _Chain, ln: _Link) -> _Verdict:
    head, dep = ln.head, ln.dep
    if head.pos_ not in _NOMINAL:
        return None
    if dep in ("nsubj", "nsubjpass", "dobj") and ln.cur.pos_ in _VERBAL:
        return "stop", "argument_of_verb"
    st.nouns.append(head)
    lex, modal = _noun_event(head)
    if dep == "conj":
        lex = None  # a coordinated noun is a sibling, not a governor
    hl = head.lemma_.casefold()
    if hl == "push" and dep != "acl":
        lex = None  # "a push to negotiate a deal" proposes it; "a push for more deals" names none
    if hl == "exchange" and ln.cur.lower_ == "of" and st.trigger.head.i == ln.cur.i:
        lex = lex or "signed"  # "witnessed the exchange of 12 agreements" (not "of views on")
    src = "prestage" if hl in _PRESTAGE_NOUNS else "concl" if hl in _CONCLUDING_NOUNS else "noun"
    if hl in _ROUND_NOUNS:
        src = "round"  # "wrapped up a fifth round of talks": the talks go on
    st.events.append((lex, modal, src))
    if ln.amending or (dep in ("acl", "xcomp") and lex in ("negotiating", "planned", "proposed")):
        # "a protocol amending X", "pulled out of talks to buy X": the noun's own chain goes on
        st.in_verbs = False
    return "on", f"noun:{hl}:{lex}"


def _cue_adjective(st: _Chain, ln: _Link) -> _Verdict:
    head = ln.head
    if head.pos_ != "ADJ" or not st.in_verbs:
        return None
    v = _vocab()
    lex = v.status_verbs.get(head.lemma_.casefold()) or v.status_verbs.get(head.lower_)
    st.events.append((lex, None, "verb"))
    return "on", f"adjective:{lex}"


def _cue_close_to(st: _Chain, ln: _Link) -> _Verdict:
    head = ln.head
    if not (
        head.pos_ == "ADJ"
        and head.lower_ in ("close", "closer")
        and ln.dep == "prep"
        and ln.cur.lower_ == "to"
    ):
        return None
    st.events.append(("negotiating", None, "noun"))  # "is close to a deal": not there yet
    if head.dep_ == "acomp" and head.head.pos_ in _VERBAL:
        st.verbs.append(head.head)  # its subject is a party
    st.in_verbs = True
    return "on", "close_to"


def _cue_verb(st: _Chain, ln: _Link) -> _Verdict:
    head, dep, cur = ln.head, ln.dep, ln.cur
    if head.pos_ not in _VERBAL:
        return None
    _verb_side_cues(st, ln)
    if dep == "conj" and cur.pos_ in _VERBAL:
        st.events.append((None, None, "verb"))  # modality of a conjunct is read from cur
        reason = "conjunct_verb"
    else:
        lex = _verb_lex(head, st.kind)
        if (
            lex
            and dep == "nsubj"
            and any(c.dep_ == "dobj" for c in head.children)
            and (lex == "not_reached" or (cur.i == st.trigger.i and not _noun_event(st.trigger)[0]))
        ):
            # "the pact ended a decade of hostility", "a deal would secure access for X": the
            # agreement acts on something else
            lex = None
        st.events.append((lex, _verb_mod(head, st.kind), _verb_src(head)))
        st.verbs.append(head)
        reason = f"verb:{head.lemma_.casefold()}:{lex}"
    st.in_verbs = True
    return "on", reason


def _verb_side_cues(st: _Chain, ln: _Link) -> None:
    """Cues a governing verb's other arguments add before its own."""
    v = _vocab()
    head, dep = ln.head, ln.dep
    if dep == "prep" and ln.cur.lower_ in ("on", "over", "about"):
        # "talks are under way on a free trade agreement", "talks continued on the deal": the topic
        # phrase parsed onto the verb of which the talks are the subject
        talks = [
            c
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass") and v.status_nouns.get(c.lemma_.casefold()) == "negotiating"
        ]
        if talks:
            st.nouns.append(talks[0])
            st.events.append(("negotiating", None, "noun"))
    if dep in ("prep", "advcl"):
        for c in head.children:
            cl = c.lemma_.casefold()
            if c.dep_ == "dobj" and cl in _PRESTAGE_NOUNS:
                # "launch a feasibility study on an FTA" with the prep attached to the verb
                st.events.append((v.status_nouns.get("study"), None, "prestage"))
            elif c.dep_ == "dobj" and dep == "advcl" and v.status_nouns.get(cl) == "negotiating":
                st.events.append(("negotiating", None, "noun"))  # "start talks to upgrade X"


_HEAD_CUES = (_cue_preposition, _cue_noun, _cue_adjective, _cue_close_to, _cue_verb)


# ---------------------------------------------------------------- 3. the final status


def _status_of_amendment(st: _Chain, status: str | None) -> _Verdict:
    """ "talks to upgrade their FTA, which took effect in 2015": the row is the upgrade; the clause
    only dates the agreement it amends."""
    if st.frozen and any(vb.lemma_.casefold() in _AMEND_VERBS for vb in st.verbs):
        outer = _fold(st.events[:1] + st.events[st.frozen :])
        if outer:
            return outer, "amendment"
    return None


def _status_before_ratification(st: _Chain, status: str | None) -> _Verdict:
    """ "the treaty ..., which will enter into force next month" after "exchanged the instruments of
    ratification", "signed an agreement ..., which must be ratified by parliament": the agreement is
    signed, only its ratification or entry into force lies ahead."""
    if not (st.frozen and status in ("planned", "proposed")):
        return None
    if st.events[st.frozen - 1][0] == "in_force" or st.attached[-1].lemma_.casefold() in _POST_SIGNING_VERBS:
        outer = _fold(st.events[:1] + st.events[st.frozen :])
        if outer in ("signed", "agreed", "completed"):
            return outer, "signed_before_ratification"
    return None


def _status_of_no_agreement(st: _Chain, status: str | None) -> _Verdict:
    """ "no agreement was reached", not "a bad deal is worse than no deal" nor "will sign no deal"."""
    if (
        not st.is_verb
        and any(c.dep_ == "det" and c.lower_ == "no" for c in st.trigger.children)
        and any(vb.lemma_.casefold() != "be" for vb in st.verbs)
        and not (
            st.verbs
            and any(c.dep_ == "aux" and c.lower_ in _vocab().modal_planned for c in st.verbs[0].children)
        )
    ):
        return "not_reached", "no_agreement"
    return None


_STATUS_RULES = (_status_of_amendment, _status_before_ratification, _status_of_no_agreement)


_TIME_NOUNS = {
    "year",
    "month",
    "week",
    "day",
    "time",
    "weekend",
    "quarter",
    "summer",
    "spring",
    "autumn",
    "winter",
}


def _displaced_of_head(head: Any) -> Any:
    """ "the collapse earlier this year of merger talks": an of-phrase parsed onto the time phrase
    between it and its noun belongs to the event noun before that phrase."""
    if head.pos_ not in _NOMINAL or not (
        head.lemma_.casefold() in _TIME_NOUNS or head.ent_type_ in ("DATE", "TIME")
    ):
        return head
    gov = head.head
    while gov.pos_ == "ADP" and gov.head.i != gov.i:
        gov = gov.head  # "the signing in March of ..."
    v = _vocab()
    cands = [
        t
        for t in (gov, *gov.children)
        if t.i < head.i and t.pos_ == "NOUN" and v.status_nouns.get(t.lemma_.casefold()) is not None
    ]
    return max(cands, key=lambda t: t.i) if cands else head


_AIM_NOUNS = {"view", "aim", "goal", "objective", "purpose", "order", "intention"}


def _talks_purpose(vb: Any) -> bool:
    """`vb` states the aim of talks under way ("speed up negotiations so as to finalise X", "in
    order to sign X", "talks with a view to concluding X", "with the aim of signing X"): the
    clause it serves has talks as its object, is a negotiating verb or is talks itself."""
    v = _vocab()
    head = vb.head
    infinitive = vb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in vb.children)
    if vb.dep_ in ("advcl", "xcomp") and infinitive:
        host = head
    else:
        if vb.dep_ == "acl" and infinitive and head.lemma_.casefold() in _AIM_NOUNS:
            aim = head  # "in order to sign"
        elif vb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.lemma_.casefold() in _AIM_NOUNS:
            aim = head.head  # "with a view to concluding", "with the aim of signing"
        else:
            return False
        if aim.dep_ != "pobj" or aim.head.pos_ != "ADP" or aim.head.head.i == aim.head.i:
            return False
        host = aim.head.head
    if host.pos_ in _NOMINAL:
        return v.status_nouns.get(host.lemma_.casefold()) == "negotiating"
    if host.pos_ not in _VERBAL:
        return False
    if _verb_lex(host) == "negotiating":
        return True
    return any(
        c.dep_ == "dobj" and v.status_nouns.get(c.lemma_.casefold()) == "negotiating" for c in host.children
    )


def _fold(events: list[tuple[str | None, str | None, str]]) -> str | None:
    """Fold the (lexical status, modality, source) cues of a head chain, inner to outer."""
    status: str | None = None
    verb_lex_seen = False
    prestage = ended = rounds = False
    for lex, modal, src in events:
        rounds = rounds or src == "round"
        if rounds and src in ("concl", "concl_irrealis") and status == "negotiating":
            continue  # concluding one round of talks concludes no agreement
        if lex:
            if status is None:
                status = lex
            elif status == "negotiating" and src == "concl":
                status = "agreed"  # "concluded the negotiations"
            elif status == "negotiating" and src == "concl_irrealis":
                status = "planned"  # "willing to complete the negotiations at an early date"
            elif (status == "negotiating" or prestage) and lex in ("signed", "completed", "agreed"):
                pass  # "launched negotiations", "agreed to launch a feasibility study on": not agreed
            elif ended and lex in ("signed", "completed", "agreed"):
                pass  # "mutually agreed to end their partnership": ended
            elif lex in _OVERRIDING:
                status = lex
            prestage = prestage or src == "prestage"
            ended = status == "not_reached" and src in ("verb", "concl", "concl_irrealis")
            if src in ("verb", "concl", "concl_irrealis"):
                verb_lex_seen = True
        elif src != "noun" and (verb_lex_seen or (status is None and modal != "not_reached")):
            # modality of a neutral verb ("said it will ...", "would focus on its partnership")
            # is not the agreement's, unless it frames an event ("will see the signing")
            continue
        if modal == "hypothetical":
            status = "proposed"  # "had the deal fallen through": it did not
        elif modal == "not_reached":
            status = "not_reached"
        elif modal and status in _FACTUAL:
            status = modal
    return status


def _subtree_ids(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree}


_REL_PRONOUNS = {"that", "which", "who", "whom"}
_REF_PRONOUNS = {"it", "they", "we", "he", "she"}


def _subject(vb: Any) -> set[int] | None:
    """Token ids of the subject that governs verb `vb`: its own nsubj, else the subject of the
    verb it hangs from (conjunct, xcomp, "talks to invest", participle clause); a relative
    pronoun resolves to its antecedent, a reported-speech pronoun ("Pfizer said it would buy")
    to the subject of the reporting verb."""
    cur = vb
    for _ in range(10):
        if cur.pos_ in _VERBAL:
            subj = [c for c in cur.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                s = subj[0]
                if s.lower_ in _REL_PRONOUNS and cur.dep_ == "relcl":
                    ante = cur.head
                    return {t.i for t in ante.subtree} - {t.i for t in cur.subtree}
                if s.lower_ in _REF_PRONOUNS and cur.dep_ == "ccomp" and cur.head.i != cur.i:
                    cur = cur.head
                    continue
                # a coordination the parser split into two subjects ("operators REN - Redes
                # Energeticas Nacionais and Morocco's ONEE signed"): both
                return set().union(*(_subtree_ids(x) for x in subj if x.i < cur.i)) or _subtree_ids(s)
        if cur.head.i == cur.i or cur.dep_ in ("relcl", "ccomp", "nsubj", "nsubjpass"):
            return None
        if (
            cur.dep_ == "acl"
            and not _vocab().status_nouns.get(cur.head.lemma_.casefold())
            and cur.head.lemma_.casefold() not in _AIM_NOUNS  # "in order to sign"
        ):
            return None  # "an agreement signed by ...": the participle's subject is its head noun
        cur = cur.head
    return None


def _np_ids(tok: Any) -> set[int]:
    """The noun phrase under a party slot, without its adjuncts: "for 210 Boeing jets worth $96
    billion during Trump's visit to Doha" keeps "210 Boeing jets"; of-phrases and
    coordination stay ("with Deutsche Telekom, e& and Singtel")."""
    out = {tok.i}
    for c in tok.children:
        if c.dep_ in ("relcl", "acl", "advcl", "advmod"):
            continue
        if c.dep_ == "prep" and tok.pos_ != "ADP" and c.lower_ not in ("of", "with", "between", "and"):
            continue
        out |= _np_ids(c)
    return out


def _role_tokens(
    trigger: Any, span: Any, walk: _Walk, kind: str, is_verb: bool, nouns_only: bool = False
) -> set[int]:
    """Token indices in argument slots that name parties (`nouns_only`: only the slots of the
    agreement's own noun phrase, "Mars' acquisition of Kellanova")."""
    party_preps = _party_preps(trigger, kind)
    ids = _noun_phrase_slots(trigger, span, walk, party_preps)
    if nouns_only:
        return ids
    subj = _subject(walk.verbs[0]) if walk.verbs else None
    if subj is not None and trigger.i not in subj:
        ids |= subj  # (a subject that contains the trigger is the chain itself: its slots are read above)
    return ids | _clause_slots(trigger, walk, is_verb, party_preps)


def _party_preps(trigger: Any, kind: str) -> set[str]:
    """Prepositions whose objects are parties ("with X", "between X and Y"; "a stake in X")."""
    party_preps = {"with", "between", "among", "amongst", "by"}
    if kind in ("investment", "deal"):
        party_preps |= {"in", "for", "of"}
        if trigger.lemma_.casefold() in ("offer", "bid", "order", "approach", "proposal"):
            party_preps |= {"from"}  # "a takeover offer from X"
        if trigger.lemma_.casefold() == "sale":
            party_preps |= {"to"}  # "completed the sale of its towers to Savanna Towers"
    return party_preps


def _noun_phrase_slots(trigger: Any, span: Any, walk: _Walk, party_preps: set[str]) -> set[int]:
    """Slots of the trigger's phrase and of the nouns on its chain: premodifiers, possessives,
    party prepositions."""
    ids = {t.i for t in span if t.i != trigger.i and t.pos_ in ("PROPN", "NOUN", "ADJ")}
    for n in walk.nouns:
        for c in n.children:
            if c.dep_ in ("compound", "nmod", "amod", "poss") and c.i < n.i:
                ids |= _subtree_ids(c)
            elif c.dep_ == "prep" and c.lower_ in party_preps and not (n.i != trigger.i and c.lower_ == "of"):
                ids |= _np_ids(c)
            elif (
                c.dep_ == "acl"
                and n.i == trigger.i
                and _verb_key_candidates(c)[-1] in _TRANSACTION_VERBS
                and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            ):
                # "its agreement to acquire X": the target of the transaction agreed
                ids |= set().union(*(_np_ids(g) for g in c.children if g.dep_ == "dobj"))
            elif c.dep_ == "amod" and c.i > n.i:
                # "a licensing deal worth up to $1.35 billion with Kaito": the with-phrase hangs
                # on the postmodifier
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in ("with", "between"):
                        ids |= _np_ids(g)
    return ids


def _clause_slots(trigger: Any, walk: _Walk, is_verb: bool, party_preps: set[str]) -> set[int]:
    """Slots of the governing verbs (and of the clauses attached to the trigger): agents, party
    prepositions, the objects of a transaction verb, the recipient of a supply, the side that
    withdrew from a deal that failed."""
    ids = _supply_and_object_slots(trigger, walk, is_verb)
    ctx = list(walk.verbs)
    if ctx and ctx[-1].dep_ == "advcl" and any(g.lower_ == "to" for g in ctx[-1].children if g.dep_ == "aux"):
        ctx.append(ctx[-1].head)  # "teamed up with X and Y to form the alliance"
    ctx += walk.attached
    if walk.status == "not_reached":
        # "the deal collapsed when X pulled out": the side that withdrew was a party
        for vb in ctx:
            for c in vb.children:
                if c.dep_ == "advcl" and any(k in _WITHDRAW_KEYS for k in _verb_key_candidates(c)):
                    ids |= set().union(*(_np_ids(s) for s in c.children if s.dep_ == "nsubj"))
    for vb in ctx:
        for c in vb.children:
            if c.dep_ == "agent" or (
                c.dep_ == "prep" and c.lower_ in party_preps - {"by", "of", "for", "among", "amongst", "in"}
            ):
                ids |= _np_ids(c)
            elif (
                (
                    c.dep_ in ("dobj", "pobj")
                    or (c.dep_ == "prep" and c.lower_ in ("in", "into", "to", "from"))
                )
                and walk.verbs
                and vb.i == walk.verbs[0].i
                and _verb_key_candidates(vb)[-1] in _TRANSACTION_VERBS
            ):
                ids |= _np_ids(c)
    return ids


def _supply_and_object_slots(trigger: Any, walk: _Walk, is_verb: bool) -> set[int]:
    """ "agreed to supply battery materials to CATL"; for a verb trigger, the with-phrase of its object
    ("settled a patent dispute with Vexa", "ordered jets from Airbus")."""
    ids: set[int] = set()
    v = _vocab()
    for vb in walk.verbs:
        for c in vb.children:
            if c.dep_ == "xcomp" and c.lemma_.casefold() in v.supply_verbs:
                for g in c.children:
                    if g.dep_ in ("prep", "dative") and g.lower_ in ("to", "for"):
                        ids |= _np_ids(g)
    if is_verb:
        for c in trigger.children:
            if c.dep_ == "dobj":
                for g in c.children:
                    if g.dep_ == "prep" and (
                        g.lower_ in ("with", "between")
                        or (g.lower_ in ("from", "at") and trigger.lemma_.casefold() in _OBJECT_PREP_VERBS)
                    ):
                        ids |= _np_ids(g)
    return ids


_WITHDRAW_KEYS = {"pull out", "pull out of", "walk away", "walk away from", "withdraw", "back out", "quit"}
_ARG_DEPS = {"nsubj", "nsubjpass", "conj", "pobj", "dobj", "appos"}
_NOT_PARTY_ENTS = {
    "DATE",
    "TIME",
    "NORP",
    "ORDINAL",
    "CARDINAL",
    "MONEY",
    "PERCENT",
    "QUANTITY",
    "EVENT",
    "LAW",
}
_TITLE_WORDS = {
    "president",
    "minister",
    "chairman",
    "chair",
    "premier",
    "ceo",
    "chief",
    "secretary",
    "king",
    "prince",
    "mr",
    "ms",
    "mrs",
    "dr",
    "vice",
    "governor",
    "mayor",
}


def _counterpart_role(tok: Any, premodifier: bool = False) -> bool:
    """Subject of the clause, object of with/between/by/among (or of an of-phrase in one: "the
    government of Suriname"), or, with `premodifier`, a modifier inside a noun phrase
    ("Guangdong-Gyeonggi agreement"): where a place stands for a party, unlike "talks in Geneva"."""
    cur = tok
    for _ in range(6):
        while cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ in ("nsubj", "nsubjpass"):
            return True
        if cur.dep_ in ("compound", "nmod", "poss", "amod", "appos") and cur.head.i != cur.i:
            if premodifier and _vocab().trigger_any_re.search(cur.head.text):
                return True  # inside the agreement's own phrase ("Guangdong-Gyeonggi agreement")
            cur = cur.head  # "Guangdong province signed": the phrase's role decides
            continue
        if cur.dep_ == "dobj" and _verb_key_candidates(cur.head)[-1] in _TRANSACTION_VERBS:
            return True  # "buy Seagen"
        if cur.dep_ != "pobj":
            return False
        prep = cur.head.lower_
        if prep in ("with", "between", "by", "among"):
            return True
        owner = cur.head.head
        if prep in ("in", "into") and owner.lemma_.casefold() in _TRANSACTION_VERBS | {"stake", "investment"}:
            return True  # "invest in xAI", "a stake in Kadokawa"
        if prep == "of" and owner.lemma_.casefold() in _TRANSACTION_NOUNS:
            return True  # "the acquisition of Kellanova"
        if prep != "of" or cur.head.head.i == cur.head.i:
            return False
        cur = cur.head.head  # "the government of Suriname", "leaders of South Korea and Japan"
    return False


_GOVERNMENT_NOUNS = {"government", "administration", "cabinet"}


_LOCATING_PARTICIPLES = {"based", "headquartered", "listed"}


def _located_by(doc: Any, i: int) -> bool:
    """Token i starts "-based"/"-listed": the name before it only says where a party is."""
    return i + 1 < len(doc) and doc[i].text == "-" and doc[i + 1].lower_ in _LOCATING_PARTICIPLES


def _inside_name(doc: Any, sp: Any) -> bool:
    """A place name that is part of a longer proper name ("Kenya Railways Corporation") or only
    says where a party is based ("Singapore-based Lionstone")."""
    v = _vocab()
    after = doc[sp.end] if sp.end < len(doc) else None
    if after is None:
        return False
    if _located_by(doc, sp.end):
        return True
    return (
        after.pos_ == "PROPN"
        and after.lower_ not in _TITLE_WORDS
        and after.is_title
        and not v.trigger_any_re.match(doc.text, after.idx)
        and after.dep_ in ("compound", "nsubj", "nsubjpass", "pobj", "dobj", "conj", "appos", "nmod")
        and after.head.i != sp.root.i
    )


def _name_chunk(t: Any) -> list[Any]:
    """The proper name a PROPN head ends: the contiguous proper nouns before it in its own
    subtree, with "and"/"&"/"of" inside ("China Road and Bridge Corporation")."""
    doc = t.doc
    sub = {x.i for x in t.subtree}
    start = t.i
    while start - 1 in sub:
        prev = doc[start - 1]
        if prev.pos_ == "PROPN" and prev.lower_ not in _TITLE_WORDS:
            start -= 1
        elif prev.lower_ in ("and", "&", "of") and start - 2 in sub and doc[start - 2].pos_ == "PROPN":
            start -= 1
        else:
            break
    return [doc[i] for i in range(start, t.i + 1)]


def _split_coordination(sp: Any) -> list[Any]:
    """One entity span that coordinates two names ("Iberhidra and Maghreb Phosphates Group", "the
    Export-Import Bank of China and Senegal's Ministry of Finance") as its two names; an "and"
    inside one name ("China Road and Bridge Corporation", "Ministry of Finance and Budget") stays."""
    for t in sp:
        if t.lower_ != "and" or t.dep_ != "cc" or t.i in (sp.start, sp.end - 1):
            continue
        head = t.head
        if not sp.start <= head.i < t.i or head.dep_ in ("compound", "nmod", "amod") or head.pos_ != "PROPN":
            continue
        first = head
        while first.dep_ == "conj" and first.head.i != first.i and sp.start <= first.head.i:
            first = first.head  # "Department for Science, Innovation and Technology": a list
        own_name = t.i + 2 < sp.end and sp.doc[t.i + 2].tag_ == "POS"  # "and Uruguay's Ministry"
        if first.dep_ == "pobj" and sp.start <= first.head.i < t.i and not own_name:
            continue  # "Ministry of Finance and Budget": the of-phrase of one name
        if not any(c.dep_ == "conj" and t.i < c.i < sp.end and c.pos_ == "PROPN" for c in head.children):
            continue
        left, right = sp.doc[sp.start : t.i], sp.doc[t.i + 1 : sp.end]
        if left[0].is_title or left[0].lower_ == "the":
            return [left, right]
    return [sp]


_STATE_TITLE = re.compile(
    r"^(?:the\s+)?(?:(?:federal|islamic|democratic|socialist|people's|united|arab|cooperative)\s+)*"
    r"(?:republic|kingdom|sultanate|state|commonwealth|principality|grand duchy|emirate)\s+of\s+(?:the\s+)?(.+)$",
    re.I,
)


def _state_name(name: str) -> str:
    """ "the Republic of Paraguay" is Paraguay (the form the rest of the article uses)."""
    m = _STATE_TITLE.match(name)
    if m is None:
        return name
    known = _vocab().country_map.get(m.group(1).casefold())
    if known:
        return known  # "Republic of Korea", "Kingdom of Saudi Arabia"
    # a state the alias table lacks, under a plain title ("the Republic of Paraguay"); "the
    # Democratic Republic of the Congo" is not "the Congo"
    plain = name.split()[0].casefold() in ("the", "republic", "kingdom", "sultanate", "state", "principality")
    return m.group(1) if plain and len(name.split()) <= 6 and " of the " not in name else name


def _continues_name(t: Any, covered: set[int]) -> bool:
    """A conjunct listed inside the of-phrase of a name already found ("Ministry of Livestock,
    Agriculture and Fisheries" with the entity span ending at "Livestock")."""
    first = t
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    return (
        first.i != t.i
        and first.i in covered
        and first.dep_ == "pobj"
        and first.head.lower_ in ("of", "for")
        and first.head.i in covered
    )


def _part_name(part: Any, surf: _Surfaces) -> str:
    text = re.sub(r"^the\s+", "", part.text, flags=re.I)
    known = surf.table.get(part.text) or surf.table.get(text)
    return known[0] if known else text


@dataclass
class _PartyScan:
    """What `_locate_parties` has found so far in one sentence's role tokens `ids`."""

    doc: Any
    ids: set[int]
    surf: _Surfaces
    types: set[str]  # entity types that are parties for this kind
    found: list[tuple[int, str]] = field(default_factory=list)  # (token index, name)
    covered: set[int] = field(default_factory=set)
    named_orgs: set[int] = field(default_factory=set)
    states: list[tuple[Any, str]] = field(default_factory=list)  # (span, state name), decided after the orgs
    alias_spans: list[tuple[Any, str]] = field(default_factory=list)


def _locate_parties(doc: Any, ids: set[int], surf: _Surfaces, kind: str) -> list[str]:
    """Party names in the role tokens: entity mentions (ORG/GPE; a person too for deals and
    investments); for argument slots the entity layer left empty, the proper-noun chunk itself
    ("IndiGo", "Wiz"); then states (mentions and country aliases), unless a state only gives the
    nationality of a named party ("German utility Uniper", "China's Huayou Cobalt")."""
    types = _PARTY_TYPES | ({"PERSON"} if kind in ("deal", "investment") else set())
    scan = _PartyScan(doc, ids, surf, types)
    _scan_mentions(scan)
    _scan_country_aliases(scan)
    _scan_name_chunks(scan)
    _scan_government_modifiers(scan)
    _scan_states(scan)
    names: list[str] = []
    for _, n in sorted(scan.found):
        n = _state_name(n)
        if n not in names:
            names.append(n)
    return names


def _mention_located(scan: _PartyScan, sp: Any, typ: str) -> _Verdict:
    if _located_by(scan.doc, sp.end):
        return "skip", "located"  # "the Darmstadt-based company": where a party is, whatever its tag
    return None


def _mention_currency(scan: _PartyScan, sp: Any, typ: str) -> _Verdict:
    doc = scan.doc
    if typ in ("GPE", "LOC") and sp.end < len(doc) and doc[sp.end].lemma_.casefold() == "dollar":
        return "skip", "currency"  # "6.5 billion U.S. dollars"
    return None


def _mention_inside_name(scan: _PartyScan, sp: Any, typ: str) -> _Verdict:
    if typ in ("GPE", "LOC") and _inside_name(scan.doc, sp):
        return "skip", "inside_name"  # "Kenya Railways Corporation", "Singapore-based Lionstone"
    return None


def _mention_other_type(scan: _PartyScan, sp: Any, typ: str) -> _Verdict:
    if typ not in scan.types and typ not in ("GPE", "LOC", "PERSON"):
        return "skip", "other_type"  # a broken span of another type: the proper-noun chunk may name it
    return None


_MENTION_SKIP_CHECKS = (_mention_located, _mention_currency, _mention_inside_name, _mention_other_type)


def _scan_mentions(scan: _PartyScan) -> None:
    """The entity layer's mentions inside the role tokens."""
    doc, surf = scan.doc, scan.surf
    if surf.regex is None:
        return
    v = _vocab()
    for m in surf.regex.finditer(doc.text):
        sp = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if sp is None:
            continue
        toks = {t.i for t in sp}
        if not toks & scan.ids:
            continue
        name, typ = surf.table[m.group(1)]
        if typ == "PERSON" and sp[-1].lower_ in v.org_heads:
            typ = "ORG"  # "Halvorsen Pharma" tagged as a person
        if any(check(scan, sp, typ) for check in _MENTION_SKIP_CHECKS):
            continue
        scan.covered |= toks
        capital = v.capitals.get(name.casefold()) or v.capitals.get(sp.text.casefold())
        if capital and typ in ("GPE", "LOC"):
            if _counterpart_role(sp.root):
                scan.states.append((sp, capital))  # "Seoul and Tokyo signed ..."
            # else a place ("at a conference in Riyadh"), no party
        elif typ in ("GPE", "LOC"):
            name = _state_name(name)
            if name in v.country_map.values() or _counterpart_role(sp.root, premodifier=True):
                scan.states.append((sp, name))  # not "talks in Geneva", "a metro line in Hanoi"
        elif typ in scan.types:
            for part in _split_coordination(sp):
                scan.found.append((part.start, name if len(part) == len(sp) else _part_name(part, surf)))
            scan.named_orgs |= toks


def _scan_country_aliases(scan: _PartyScan) -> None:
    """Country aliases the entity layer did not mark, unless part of a longer name ("Anglo
    American", "Three UK")."""
    doc, text = scan.doc, scan.doc.text
    v = _vocab()
    for s_, e_, canon in _country_hits(text):
        sp = doc.char_span(s_, e_, alignment_mode="expand")
        if sp is None:
            continue
        toks = {t.i for t in sp}
        if not toks & scan.ids or toks & scan.covered:
            continue
        before = doc[sp.start - 1] if sp.start > 0 else None
        after = doc[sp.end] if sp.end < len(doc) else None
        if (before is not None and before.pos_ == "PROPN" and before.lower_ not in _TITLE_WORDS) or (
            after is not None
            and after.pos_ == "PROPN"
            and after.lower_ not in _TITLE_WORDS
            and not v.trigger_any_re.match(text, after.idx)
        ):
            continue
        known = scan.surf.table.get(text[s_:e_])
        scan.alias_spans.append((sp, known[0] if known and known[1] == "GPE" else canon))
        scan.covered |= toks


def _scan_name_chunks(scan: _PartyScan) -> None:
    """For argument slots the entity layer left empty: the proper-noun chunk ("IndiGo", "Wiz")."""
    doc, text = scan.doc, scan.doc.text
    ent_label = {t.i: t.ent_type_ for t in doc}
    for t in doc:
        if t.i not in scan.ids or t.i in scan.covered or t.pos_ != "PROPN" or t.dep_ not in _ARG_DEPS:
            continue
        chunk = _name_chunk(t)
        chunk_ids = {c.i for c in chunk}
        if chunk_ids & scan.covered or any(ent_label[i] in _NOT_PARTY_ENTS for i in chunk_ids):
            continue
        if any(c.lower_ in _TITLE_WORDS for c in chunk) or not t.text[:1].isupper():
            continue
        if _continues_name(t, scan.covered):
            continue  # "Ministry of Livestock, Agriculture and Fisheries" cut short by the NER
        if ent_label[t.i] == "PERSON" and "PERSON" not in scan.types:
            continue
        if _vocab().trigger_any_re.fullmatch(t.text):
            continue
        if _located_by(doc, t.i + 1):
            continue  # "Hong Kong-listed Pacifica", "the Darmstadt-based company": a location
        scan.found.append((chunk[0].i, text[chunk[0].idx : t.idx + len(t.text)]))
        scan.covered |= chunk_ids
        scan.named_orgs |= chunk_ids


def _scan_government_modifiers(scan: _PartyScan) -> None:
    """ "The Maharashtra government signed": a state or province named only as the modifier of its
    government."""
    doc, text = scan.doc, scan.doc.text
    for t in doc:
        if t.i not in scan.ids or t.lower_ not in _GOVERNMENT_NOUNS or t.dep_ not in _ARG_DEPS:
            continue
        mods = [c for c in t.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i not in scan.covered]
        if mods:
            chunk = _name_chunk(mods[-1])
            if not any(c.lower_ in _TITLE_WORDS for c in chunk):
                scan.found.append((chunk[0].i, text[chunk[0].idx : chunk[-1].idx + len(chunk[-1].text)]))
                scan.covered |= {c.i for c in chunk}


def _scan_states(scan: _PartyScan) -> None:
    """The states found, unless one only gives the nationality of a named party ("German utility
    Uniper", "China's Huayou Cobalt")."""
    for sp, name in scan.states + scan.alias_spans:
        head = sp.root
        while head.dep_ in ("amod", "compound", "poss", "nmod") and head.head.i != head.i:
            head = head.head
        if {t.i for t in head.subtree if t.i <= head.i} & scan.named_orgs:
            continue
        scan.found.append((sp.start, name))


def _count(trigger: Any) -> int | None:
    for c in trigger.children:
        if c.dep_ not in ("nummod", "quantmod") or c.i > trigger.i:
            continue
        low = c.lower_.replace(",", "")
        nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
        prev = c.doc[c.i - 1] if c.i > 0 else None
        if prev is not None and prev.text in "$\u20ac\u00a3\u00a5\u20a9":
            continue
        if nxt is not None and nxt.lower_ in ("billion", "million", "trillion", "percent", "%", "bn", "mn"):
            continue
        if (
            nxt is not None
            and nxt.text in ("-", "/", ":")
            and nxt.i + 1 < len(c.doc)
            and c.doc[nxt.i + 1].like_num
        ) or (
            prev is not None and prev.text in ("-", "/", ":") and prev.i > 0 and c.doc[prev.i - 1].like_num
        ):
            continue  # "a 50-50 joint venture": shares, not a number of agreements
        if low.isdigit():
            n = int(low)
            if 1900 <= n <= 2100 and len(low) == 4:
                continue
            if 0 < n < 10000:
                return n
        elif word_value(low):  # "signed seven agreements"; "zero" counts none
            return word_value(low)
    if trigger.tag_ == "NNS":
        # "contracts for 218 investment projects were signed": one agreement a project
        for c in trigger.children:
            if c.dep_ == "prep" and c.lower_ == "for":
                for g in c.children:
                    if g.dep_ == "pobj" and g.lemma_.casefold() == "project" and g.tag_ == "NNS":
                        return _count(g)
    return None


_TOPIC_STOP_DEPS = {"ROOT", "relcl", "acl", "advcl", "ccomp", "xcomp", "conj"}
_TOPIC_STOP_ENTS = {"DATE", "TIME", "PERSON", "MONEY", "PERCENT"}
_TOPIC_STOP_WORDS = {
    "which",
    "that",
    "who",
    "while",
    "whereas",
    "with",
    "to",
    "during",
    "at",
    "after",
    "before",
    "since",
    "until",
    "by",
    "under",
    "from",
    "amid",
    "despite",
    "according",
    "worth",
    "between",
}


def _topics(doc: Any, end_char: int) -> list[str]:
    v = _vocab()
    text = doc.text
    after = text[end_char:]
    m = re.match(r"\s*\([^()]{0,40}\)", after)  # "(MOUs)"
    offset = end_char + (m.end() if m else 0)
    w = re.match(r"\s+worth\s[^,;.]{1,60},", text[offset:])  # "worth a combined $1.2 billion,"
    offset += w.end() if w else 0
    cue = v.topic_cue_re.match(text, offset)
    if not cue:
        return []
    start = cue.end()
    stop = len(text)
    for rx in (r"[;.!?]\s", r"\s[\u2013\u2014-]\s", r"[;.!?][\"'\u201d]?$"):
        mm = re.compile(rx).search(text, start)
        if mm:
            stop = min(stop, mm.start())
    colon = text.find(":", start, stop)
    if colon != -1:
        start = colon + 1
    items: list[list[Any]] = [[]]
    depth = 0
    for t in doc:
        if t.idx < start or t.idx >= stop:
            continue
        if t.text == "(":
            depth += 1
            continue
        if t.text == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        finite = t.pos_ in _VERBAL and (t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.dep_ == "ROOT")
        if finite or (t.pos_ in _VERBAL and t.dep_ in _TOPIC_STOP_DEPS and t.tag_ != "VBG"):
            if finite and len(items) > 1:
                items.pop()  # "..., the chancellor said": the reporting clause's subject
            break
        if t.ent_type_ in _TOPIC_STOP_ENTS:
            if t.ent_type_ == "PERSON" and len(items) > 1:
                items.pop()  # "..., Chinese Foreign Ministry spokesperson Mao Ning said"
            break  # "on Wednesday", "during the visit in May"
        low = t.lower_
        if low in _TOPIC_STOP_WORDS and t.dep_ != "compound":
            break
        if (
            low == "in"
            and nxt is not None
            and (nxt.pos_ == "DET" or nxt.ent_type_ in _TOPIC_STOP_ENTS | {"GPE"})
        ):
            break
        if t.text == ",":
            if nxt is not None and nxt.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "ADV", "PRON"):
                break  # ", according to ...", ", creating ..."
            items.append([])
            continue
        if low in ("and", "or") and t.i > 0:
            prev = t.doc[t.i - 1]
            if not items[-1] or prev.pos_ in ("NOUN", "PROPN"):
                items.append([])
                continue
        items[-1].append(t)
    out: list[str] = []
    for it in items:
        while it and (it[0].pos_ in ("DET", "CCONJ", "ADP") or it[0].lower_ in ("and", "or")):
            it = it[1:]
        if not it or len(it) > 6:
            continue
        phrase = text[it[0].idx : it[-1].idx + len(it[-1].text)].strip(" ,")
        phrase = re.sub(r"\s*\([^)]*\)", "", phrase)
        if phrase and phrase.casefold() not in v.neutral_topics and phrase not in out:
            out.append(phrase)
    return out


# --------------------------------------------------------------------------- triggers


@dataclass
class _Row:
    kind: str
    status: str
    parties: list[str]
    count: int | None
    topics: list[str]
    date: dt.date | None
    sentence: str
    anaphoric: bool = False
    named: bool = False
    definite: bool = False
    indefinite: bool = False
    weak: bool = False
    name: str = ""
    fallback: list[str] = field(default_factory=list)  # parties if no mention says otherwise
    outcome: bool = False  # the missing outcome of talks ("ended without an agreement")
    follows: bool = False  # ... of talks named before ("The negotiations did not yield an agreement")
    quoted: bool = False  # the trigger is inside a quotation ("We will not sign a bad deal," ...)
    ended: bool = False  # blocked, scrapped, terminated: later mentions of its signing are history
    refers: str = ""  # the kind of an agreement named before that this one serves ("for the venture")
    own: list[str] = field(default_factory=list)  # parties its own phrase names ("merger of X and Y")
    pronoun_owned: bool = False  # "its partnership", "their merger agreement"
    two_sides: bool = False  # subject "the two companies": the two parties of the deal before
    mentions: int = 1  # how many mentions merged into this row
    signals: dict[str, Any] = field(default_factory=dict)  # agreement_model's features and verdict

    def public(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "status": self.status,
            "parties": list(self.parties),
            "count": self.count,
            "topics": list(self.topics),
            "date": self.date,
            "sentence": self.sentence,
            "made_by": self.signals.get("_made_by") or "rules",
        }


def _sale_to_buyer(sale: Any) -> bool:
    """A 'to' phrase naming a buyer on the sale, inside its of-phrase or on the verb that governs
    it ("completed the sale of its towers to Savanna Towers")."""
    scopes = [sale] + [c for c in sale.children if c.dep_ == "prep" and c.lower_ == "of"]
    if sale.dep_ in ("dobj", "nsubjpass", "pobj"):
        scopes.append(sale.head)
    for scope in scopes:
        for t in scope.subtree if scope is not sale.head else scope.children:
            if t.lower_ == "to" and t.dep_ in ("prep", "dative"):
                if any(
                    g.dep_ == "pobj" and (g.pos_ == "PROPN" or g.ent_type_ in ("ORG", "GPE"))
                    for g in t.children
                ):
                    return True
    return False


def _noun_triggers(doc: Any) -> list[tuple[str, Any, bool]]:
    """(kind, span, named) for non-overlapping trigger phrases headed by a noun."""
    v = _vocab()
    text = doc.text
    cands = []
    for prio, (kind, rx) in enumerate(v.kind_res):
        for m in rx.finditer(text):
            cands.append((m.start(), m.end(), prio, kind))
    excl = [(m.start(), m.end()) for m in v.exclude_re.finditer(text)]
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    out = []
    for s, e, _, kind in cands:
        if any(s < te and ts < e for ts, te in taken) or any(s < xe and xs < e for xs, xe in excl):
            continue
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            continue
        root = span.root
        if root.pos_ not in ("NOUN", "PROPN", "X") and not (
            root.dep_ in _NOMINAL_DEPS or (root.i > 0 and doc[root.i - 1].pos_ in ("DET", "ADJ", "NUM"))
        ):
            continue  # "would deal a blow", "activity contracted"
        if root.lower_ == "sale" and len(span) == 1 and not _sale_to_buyer(root):
            continue  # "the sale of three plants": a transaction only with a buyer named
        taken.append((s, e))
        named = all(t.is_title or t.is_upper or not t.is_alpha or t.is_stop for t in span) and any(
            t.pos_ == "PROPN" and len(t.text) > 4 for t in span
        )
        out.append((kind, span, named))
    out.sort(key=lambda x: x[1].start)
    # an acronym in parentheses right after a trigger restates it: "Free Trade Agreement (FTA)"
    keep: list[tuple[str, Any, bool]] = []
    for kind, span, named in out:
        if keep:
            pk, ps, _ = keep[-1]
            if span.start - ps.end <= 1 and span.start > 0 and doc[span.start - 1].text == "(":
                continue
        keep.append((kind, span, named))
    return keep


def _verb_triggers(doc: Any, noun_roots: set[int], owned_verbs: set[int]) -> list[tuple[str, Any]]:
    """Transaction/partnering verbs that report an agreement with no agreement noun ("agreed
    to acquire X", "will invest $4 billion in Y", "teamed up with Z"); a verb that already
    governs a noun trigger ("signed an MOU", "acquired a stake") belongs to that trigger."""
    v = _vocab()
    if not v.verb_trigger_re.search(doc.text):
        return []
    out = []
    for t in doc:
        if t.pos_ != "VERB" or t.i in owned_verbs:
            continue
        keys = _verb_key_candidates(t)
        key = next((k for k in keys if k in v.verb_triggers), None)
        if key is None:
            continue
        objects = [c for c in t.children if c.dep_ in ("dobj", "xcomp", "prep", "dative")]
        if any(_subtree_ids(c) & noun_roots for c in objects):
            continue
        if key in ("sell", "divest") and not any(
            c.dep_ in ("prep", "dative") and c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children)
            for c in t.children
        ):
            continue  # "sold 10 million phones": a sale is an agreement only with a buyer named
        if key == "agree":
            x = [c for c in t.children if c.dep_ == "xcomp" and c.pos_ == "VERB"]
            if not x or any(k in v.verb_triggers for k in _verb_key_candidates(x[0])):
                continue
            if any(
                v.status_nouns.get(c.lemma_.casefold()) == "negotiating"
                or c.lemma_.casefold() in _MEETING_NOUNS
                for c in x[0].children
                if c.dep_ == "dobj"
            ):
                out.append(("talks", t))  # "agreed to resume negotiations": talks, no agreement yet
                continue
        out.append((v.verb_triggers[key], t))
    return out


_MEETING_NOUNS = {"meeting", "summit", "dialogue", "visit", "meet"}

_KIND_SPECIFICITY = (
    "mou",
    "fta",
    "trade_agreement",
    "cooperation_document",
    "treaty",
    "investment",
    "partnership",
    "deal",
    "other",
)


def _fold_nested(rows: list[_Row], roots: list[Any]) -> list[_Row]:
    """ "its acquisition of a 41 percent stake", "the signing of an agreement on ... MOUs": a
    trigger that is the of-complement of another trigger is the same agreement; keep the more
    specific kind."""
    drop: set[int] = set()
    for j, rb in enumerate(roots):
        head = rb.head
        if rb.dep_ in ("compound", "appos"):
            target = head  # "joint venture contract", "the defence pact, Japan's fourth such agreement"
        elif head.lower_ == "of" and head.head.i != head.i:
            target = head.head  # "acquisition of a stake"
        else:
            continue
        for i, ra in enumerate(roots):
            if i != j and target.i == ra.i and i not in drop:
                a, b = rows[i], rows[j]
                a.kind = min(a.kind, b.kind, key=_KIND_SPECIFICITY.index)
                _absorb(a, b)
                drop.add(j)
                break
    return [r for k, r in enumerate(rows) if k not in drop]


def _fold_restated(rows: list[_Row], roots: list[Any], verbs: list[set[int]]) -> tuple[list[_Row], list[Any]]:
    """ "agreed to acquire a 25 per cent stake in X, in a transaction expected to close ...": an
    indefinite trigger in an in-phrase of another trigger's verb restates that agreement."""
    drop: set[int] = set()
    for j, rb in enumerate(roots):
        if rb.dep_ != "pobj" or rb.head.lower_ != "in" or rows[j].named:
            continue
        host = rb.head.head.i
        for i in range(len(roots)):
            if i != j and i not in drop and host in verbs[i]:
                status = rows[i].status
                _absorb(rows[i], rows[j])
                rows[i].status = status  # the restatement's forecast ("expected to close") is not the status
                drop.add(j)
                break
    return [r for k, r in enumerate(rows) if k not in drop], [t for k, t in enumerate(roots) if k not in drop]


_STATE_KINDS = {"fta", "trade_agreement", "treaty", "cooperation_document"}


def _pair_fallback(doc: Any, surf: _Surfaces, pair: list[str], kind: str) -> list[str]:
    """No party in the argument slots (or a broken parse): when every state the sentence names
    is one of the article's two countries, the agreement is theirs; so is a state-level
    agreement ("the second phase of free trade talks") in a sentence that names no state."""
    named = {c for _, _, c in _country_hits(doc.text)}
    if surf.regex is not None:
        for m in surf.regex.finditer(doc.text):
            name, typ = surf.table[m.group(1)]
            capital = _vocab().capitals.get(name.casefold())
            if typ == "GPE" and (capital or name in pair):
                named.add(capital or name)  # cities ("Gyeongju") say nothing about parties
    if not named:
        if kind == "other" and not any(t.ent_type_ in ("ORG", "PERSON", "GPE") for t in doc):
            return list(pair)  # "Talks on a separate fisheries accord have stalled": the pair's
        return list(pair) if kind in _STATE_KINDS else []
    return list(pair) if named <= set(pair) else []


def _talk_rows(doc: Any, nouns: list[tuple[str, Any, bool]], surf: _Surfaces, sent: str) -> list[_Row]:
    """Bare "talks/negotiations between X and Y" with no agreement noun: a row only when something
    happened to them ("collapsed", "were concluded", "plan to resume") and two parties are named."""
    out = []
    trigger_ids = {sp.root.i for _, sp, _ in nouns}
    for t in doc:
        if t.pos_ != "NOUN" or t.lemma_.casefold() not in ("talk", "talks", "negotiation"):
            continue
        if t.i in trigger_ids or trigger_ids & _subtree_ids(t):
            continue  # "talks on a free trade agreement": the agreement noun owns it
        if not any(c.dep_ == "prep" and c.lower_ in ("between", "with", "among") for c in t.children):
            continue
        walk = _walk(t, "other")
        if walk.denied:
            continue
        # "X is in advanced talks with Y": under way now, a row of its own
        ongoing = (
            walk.status == "negotiating"
            and t.dep_ == "pobj"
            and t.head.lower_ == "in"
            and t.head.head.lemma_.casefold() in ("be", "remain", "stay", "enter")
        )
        if walk.status in ("planned", "proposed") and _expected_to_conclude(walk):
            # "Negotiations with X over a loan are expected to conclude by the end of the year":
            # under way now, only their end lies ahead
            walk.status, ongoing = "negotiating", True
        if walk.status == "unknown" or (walk.status == "negotiating" and not ongoing):
            continue
        parties = _locate_parties(doc, _role_tokens(t, [], walk, "other", is_verb=False), surf, "other")
        counterpart = _locate_parties(
            doc, set().union(*(_np_ids(c) for c in t.children if c.dep_ == "prep")), surf, "other"
        )
        # one named counterpart is enough for talks that are under way or broke down ("talks
        # between the club and the District Council broke down")
        if len(parties) < (1 if counterpart and walk.status in ("negotiating", "not_reached") else 2):
            continue
        out.append(_Row("other", walk.status, parties, None, [], sentence_date(sent), sent))
    return out


_SERVED_NOUNS = {
    "venture": "partnership",
    "partnership": "partnership",
    "alliance": "partnership",
    "tie-up": "partnership",
    "deal": "deal",
    "transaction": "deal",
    "merger": "deal",
    "acquisition": "deal",
    "takeover": "deal",
}


def _refers_to(root: Any) -> str:
    """ "a framework agreement for the venture": an agreement serving a deal or venture named before
    (a definite for/on-complement) is part of it; the kind that deal was reported as."""
    for c in root.children:
        if c.dep_ != "prep" or c.lower_ not in ("for", "on", "over"):
            continue
        for g in c.children:
            if g.dep_ != "pobj" or g.lemma_.casefold() not in _SERVED_NOUNS:
                continue
            if any(d.dep_ in ("prep", "compound", "amod", "acl", "relcl") for d in g.children):
                continue  # "for the acquisition of X": a new deal named here, not one named before
            if {d.lower_ for d in g.children if d.dep_ in ("det", "poss")} & {
                "the",
                "this",
                "that",
                "its",
                "their",
            }:
                return _SERVED_NOUNS[g.lemma_.casefold()]
    return ""


def _host_party_ids(root: Any) -> set[int]:
    """An act reported before the phrase that names its agreement ("X licensed its technology to Y
    under an agreement signed last week"): the act's subject and its to/with/from object are the
    agreement's parties. A fronted phrase ("Under the deal, Y will receive ...") tells contents."""
    np_head = root
    while np_head.dep_ in ("compound", "amod", "nmod") and np_head.head.i != np_head.i:
        np_head = np_head.head
    prep = np_head.head
    host = prep.head
    if np_head.dep_ != "pobj" or host.pos_ != "VERB" or prep.i < host.i or prep.head.i == prep.i:
        return set()
    ids = set(_subject(host) or ())
    for c in host.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in ("to", "with", "from"):
            ids |= _np_ids(c)
    return ids


def _verb_governed(root: Any) -> bool:
    """The noun is a verb's argument (directly or through one preposition) or a status noun's."""
    head = root.head
    if head.i == root.i:
        return False
    if head.pos_ == "ADP" and head.head.i != head.i:
        head = head.head
    return head.pos_ in _VERBAL or bool(
        head.pos_ in _NOMINAL and _vocab().status_nouns.get(head.lemma_.casefold())
    )


def _expected_to_conclude(walk: _Walk) -> bool:
    """The talks are the subject of an expectation whose complement concludes them ("are expected
    to conclude", "should be wrapped up")."""
    v = _vocab()
    if not walk.verbs:
        return False
    vb = walk.verbs[0]
    cands = [vb, *(c for c in vb.children if c.dep_ in ("xcomp", "ccomp"))]
    return any(k in v.concluding_verbs for c in cands for k in _verb_key_candidates(c))


def _quoted(text: str, pos: int) -> bool:
    before = text[:pos]
    return before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")


def _quote_ids(doc: Any) -> set[int]:
    """Tokens inside quotation marks (straight or curly; an unclosed quote runs to the end)."""
    ids: set[int] = set()
    inside = False
    for t in doc:
        if t.text in ("\u201c", "\u201d") or (t.text == '"'):
            inside = t.text == "\u201c" or (t.text == '"' and not inside)
            continue
        if inside:
            ids.add(t.i)
    return ids


def _talks_party_ids(vb: Any) -> set[int]:
    """Parties of the talks that are the subject of `vb` ("talks with X had ended without an
    agreement"): the with/between phrase, and the reporter of the talks ("Y said talks with X")."""
    ids: set[int] = set()
    if vb.pos_ not in _VERBAL:
        return ids
    for s in (c for c in vb.children if c.dep_ in ("nsubj", "nsubjpass")):
        for c in s.children:
            if c.dep_ == "prep" and c.lower_ in ("with", "between", "among"):
                ids |= _np_ids(c)
        if ids and vb.dep_ == "ccomp" and vb.head.i != vb.i:
            ids |= _subject(vb.head) or set()
    return ids


def _two_sides(walk: _Walk) -> bool:
    """The clause's subject is "the two companies" (firms, groups, clubs...): the two sides of an
    earlier mention, which no entity in the sentence names."""
    for vb in walk.verbs:
        doc = vb.doc
        for i in sorted(_subject(vb) or ()):
            t = doc[i]
            if (
                t.tag_ == "NNS"
                and any(c.dep_ == "nummod" and c.lower_ == "two" for c in t.children)
                and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
                and not _vocab().trigger_any_re.fullmatch(t.text)
            ):
                return not _vocab().collective_re.search(doc[t.left_edge.i : t.i + 1].text)
    return False


@dataclass
class _Sentence:
    """One parsed candidate sentence and what the article around it gives."""

    doc: Any
    surf: _Surfaces
    pair: list[str]  # the article's two countries (or none)
    sent: str
    collective: bool  # the sentence names a collective party ("the two countries")
    quote_ids: set[int]


def _rows_for_doc(doc: Any, surf: _Surfaces, pair: list[str]) -> list[_Row]:
    """The rows of one sentence: one per noun trigger (restated and nested ones folded), the rows of
    bare talks, then one per verb trigger that no noun trigger's walk went through."""
    cx = _Sentence(
        doc, surf, pair, doc.text.strip(), bool(_vocab().collective_re.search(doc.text)), _quote_ids(doc)
    )
    nouns = _noun_triggers(doc)
    rows: list[_Row] = []
    noun_verbs: list[set[int]] = []
    for kind, span, named in nouns:
        row, walk = _noun_row(cx, kind, span, named)
        rows.append(row)
        noun_verbs.append({vb.i for vb in walk.verbs})
    owned_verbs: set[int] = set().union(*noun_verbs)
    roots = [sp.root for _, sp, _ in nouns]
    rows, roots = _fold_restated(rows, roots, noun_verbs)
    rows = _fold_nested(rows, roots)
    rows.extend(_talk_rows(doc, nouns, surf, cx.sent))
    for kind, verb in _verb_triggers(doc, {sp.root.i for _, sp, _ in nouns}, owned_verbs):
        verb_row = _verb_row(cx, kind, verb, rows)
        if verb_row is not None:
            rows.append(verb_row)
    return rows


# ---------------------------------------------------------------- rows of noun triggers


def _status_denied(walk: _Walk, span: Any) -> _Verdict:
    return ("unknown", "denied") if walk.denied else None  # "denied it was in merger talks": nothing reported


def _status_weak_sense(walk: _Walk, span: Any) -> _Verdict:
    """A trigger with another sense ("the use of local currencies in bilateral settlement") reports an
    agreement only as the argument of a verb ("reached a settlement with X")."""
    if _vocab().weak_re.search(span.text) and not _verb_governed(span.root):
        return "unknown", "weak_sense"
    return None


_NOUN_STATUS_CHECKS = (_status_denied, _status_weak_sense)


def _noun_row(cx: _Sentence, kind: str, span: Any, named: bool) -> tuple[_Row, _Walk]:
    root = span.root
    walk = _walk(root, kind)
    for check in _NOUN_STATUS_CHECKS:
        got = check(walk, span)
        if got is not None:
            walk.status = got[0]
            walk.trace.append(f"{check.__name__.lstrip('_')}:{got[1]}")
    outcome = _missing_outcome(walk, span, kind, named)
    own, parties, ids, quoted = _noun_parties(cx, kind, span, walk)
    role_text = " ".join(cx.doc[i].text for i in sorted(ids))
    v = _vocab()
    if cx.pair and (v.collective_re.search(role_text) or (not parties and cx.collective and not quoted)):
        parties = parties + [p for p in cx.pair if p not in parties]
    fallback = (
        _pair_fallback(cx.doc, cx.surf, cx.pair, kind) if cx.pair and not parties and not quoted else []
    )
    dets = {c.lower_ for c in root.children if c.dep_ in ("det", "poss")}
    possessed = any(c.dep_ == "poss" for c in root.children)  # "Mitsubishi's acquisition"
    row = _Row(
        kind=kind,
        status=walk.status,
        parties=parties,
        count=_count(root),
        topics=[] if named else _topics(cx.doc, span.end_char),
        date=sentence_date(cx.sent),
        sentence=cx.sent,
        anaphoric=bool(dets & _ANAPHORIC_DETS) and not named and kind in _GENERIC_KINDS,
        named=named,
        definite=(bool(dets & _ANAPHORIC_DETS) or possessed) and not named,
        indefinite=bool(dets & {"a", "an", "another"}),
        weak=bool(v.weak_re.search(span.text)) or walk.denied,
        name=span.text.casefold() if named else "",
        fallback=fallback,
        outcome=outcome,
        follows=outcome and _of_talks_named_before(walk),
        quoted=quoted,
        ended=walk.ended,
        refers=_refers_to(root) if kind in _GENERIC_KINDS and not named else "",
        own=own,
        pronoun_owned=bool(dets & _POSSESSIVE_PRONOUNS),
        two_sides=_two_sides(walk) and not own,
    )
    return row, walk


def _missing_outcome(walk: _Walk, span: Any, kind: str, named: bool) -> bool:
    """The trigger is the outcome talks did not reach ("ended without an agreement", "did not yield a
    deal"), not a named agreement."""
    root = span.root
    return (
        walk.status == "not_reached"
        and root.lemma_.casefold() in _vocab().failure_objects
        and (
            kind in _GENERIC_KINDS
            or (kind == "trade_agreement" and span.text.split()[0].casefold() == root.text.casefold())
        )
        and not named
    )


def _of_talks_named_before(walk: _Walk) -> bool:
    """ "The negotiations did not yield an agreement": the outcome of talks a sentence before named."""
    v = _vocab()
    return any(
        s.dep_ in ("nsubj", "nsubjpass")
        and v.status_nouns.get(s.lemma_.casefold()) == "negotiating"
        and any(d.dep_ == "det" and d.lower_ in _ANAPHORIC_DETS for d in s.children)
        for vb in walk.verbs[:1]
        for s in vb.children
    )


def _noun_role_ids(span: Any, walk: _Walk, kind: str, own_ids: set[int]) -> set[int]:
    """The tokens whose mentions are the noun trigger's parties."""
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "without":
        return _talks_party_ids(root.head.head)  # "talks with X ... ended without agreement"
    if walk.reference and not walk.attached:
        # "Under UK takeover rules, X has until April 2 to ...": the clause is not the agreement's
        return own_ids
    ids = _role_tokens(root, span, walk, kind, is_verb=False)
    if walk.reference:
        ids |= _host_party_ids(root)  # "X licensed Y to Z under an agreement signed last week"
    return ids


def _noun_parties(
    cx: _Sentence, kind: str, span: Any, walk: _Walk
) -> tuple[list[str], list[str], set[int], bool]:
    """(parties its own phrase names, parties, the tokens they were read from, quoted)."""
    root = span.root
    own_ids = _role_tokens(root, span, walk, kind, False, nouns_only=True)
    own = _locate_parties(cx.doc, own_ids, cx.surf, kind)
    ids = _noun_role_ids(span, walk, kind, own_ids)
    # the agreement's own phrase names both sides: the clause subject is an approver or a
    # reporter ("The European Commission cleared Mars' acquisition of Kellanova")
    states = set(_vocab().country_map.values())
    if len(own) >= 2 and (kind in _STATE_KINDS or any(p not in states for p in own)):
        parties = own
    else:
        parties = _locate_parties(cx.doc, ids, cx.surf, kind)
    quoted = _quoted(cx.doc.text, span.start_char)
    if quoted and root.i in cx.quote_ids:
        # "We're not going to sign a deal just to sign a deal," X said: the speaker outside
        # the quotation is no party; only the quotation's own words name parties
        ids = ids & cx.quote_ids
        parties = _locate_parties(cx.doc, ids, cx.surf, kind)
    return own, parties, ids, quoted


# ---------------------------------------------------------------- rows of verb triggers


def _verb_row(cx: _Sentence, kind: str, verb: Any, rows: list[_Row]) -> _Row | None:
    """The row of an agreeing or transacting verb ("agreed to acquire", "teamed up with"), unless a
    check in `_VERB_ROW_CHECKS` drops it."""
    walk = _walk(verb, kind, is_verb=True)
    if kind == "talks":
        if any(r.outcome or r.status == "negotiating" for r in rows):
            return None  # "did not yield an agreement, but agreed to hold more talks": those talks
        kind = "other"
        walk.status = "negotiating" if walk.status in _FACTUAL else walk.status
    parties = _verb_parties(cx, kind, verb, walk)
    for check in _VERB_ROW_CHECKS:
        got = check(cx, kind, verb, walk, parties)
        if got is not None:
            walk.trace.append(f"{check.__name__.lstrip('_')}:{got[1]}")
            return None
    return _Row(
        kind=kind,
        status=walk.status,
        parties=parties,
        count=None,
        topics=[],
        date=sentence_date(cx.sent),
        sentence=cx.sent,
        two_sides=_two_sides(walk),
    )


def _verb_parties(cx: _Sentence, kind: str, verb: Any, walk: _Walk) -> list[str]:
    doc, pair = cx.doc, cx.pair
    ids = _role_tokens(verb, [], walk, kind, is_verb=True)
    # the agreeing/acquiring verb sits in an xcomp: its subject is the outer verb's
    parties = _locate_parties(doc, ids, cx.surf, kind)
    if pair and _vocab().collective_re.search(" ".join(doc[i].text for i in sorted(ids))):
        parties = parties + [p for p in pair if p not in parties]
    subj = _subject(walk.verbs[-1]) or set()
    coordinated = any(doc[i].dep_ == "conj" for i in subj)
    if len(parties) == 1 and pair and parties[0] in pair and coordinated:
        parties = parties + [p for p in pair if p not in parties]  # "Lee and Japan's Ishiba agreed"
    return parties


def _drop_one_sided(cx: _Sentence, kind: str, verb: Any, walk: _Walk, parties: list[str]) -> _Verdict:
    """ "the company agreed to review ..." is no agreement between parties; but "Town have agreed a fee
    with Ashby United" (a counterpart named after "with" and a subject the entity layer does not know,
    no pronoun) still makes a bilateral act, and "the company had pulled out of talks to buy X" (talks
    on a transaction) names its target."""
    if _two_sides(walk):
        return None
    with_party = any(
        c.dep_ == "prep"
        and c.lower_ == "with"
        and _locate_parties(cx.doc, _np_ids(c), cx.surf, kind)
        and any(s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN") for s in verb.children)
        for c in verb.children
    )
    v = _vocab()
    in_talks = walk.status in ("negotiating", "not_reached") and any(
        v.status_nouns.get(n.lemma_.casefold()) == "negotiating" for n in walk.nouns
    )
    if len(parties) < (1 if with_party or in_talks else 2):
        return "drop", f"{len(parties)}_parties"
    return None


def _drop_unknown_status(cx: _Sentence, kind: str, verb: Any, walk: _Walk, parties: list[str]) -> _Verdict:
    return ("drop", "unknown_status") if walk.status == "unknown" else None


_VERB_ROW_CHECKS = (_drop_one_sided, _drop_unknown_status)


# --------------------------------------------------------------------------- merging


def _names_another(b: _Row, a: _Row) -> bool:
    """The later definite mention `b` names an agreement of its own rather than `a`: its own
    phrase names two other parties ("the 2019 merger of X and Y"), or a possessive pronoun ties it to a subject that is no party of `a` ("Z
    terminated its agreement to acquire X", "Z has extended its partnership with the club")."""
    if b.sentence == a.sentence:
        return False
    if len(b.own) >= 2 and not set(b.own) & set(a.parties):
        return True
    if b.own and len(a.parties) >= 2 and not set(b.own) & set(a.parties) and b.status != "unknown":
        return True  # "had completed the acquisition of X": X is no party of the deal before
    return bool(a.parties) and b.pronoun_owned and bool(b.parties) and not set(b.parties) <= set(a.parties)


def _compatible(a: _Row, b: _Row) -> bool:
    """Can the later row `b` be a further mention of the earlier row `a`?"""
    if a.kind != b.kind or _names_another(b, a):
        return False
    if a.count is not None and b.count is not None and a.count != b.count:
        return False
    if a.name and b.name and a.name != b.name:
        return False
    if not (b.definite or a.sentence == b.sentence):
        # an indefinite later mention ("a partnership", "existing trade pacts") is a new
        # agreement unless it names exactly the same parties
        # and tells no other status ("intend to sign a transport agreement ... Delegations failed
        # to reach agreement on customs posts": two matters between the same two states)
        return (
            not b.indefinite
            and bool(a.parties)
            and set(a.parties) == set(b.parties)
            and (a.status == b.status or "unknown" in (a.status, b.status))
        )
    # "the FTA", "their partnership" refer back; so does a second trigger in one sentence
    if a.parties and b.parties:
        return bool(set(a.parties) & set(b.parties)) and (
            set(a.parties) <= set(b.parties) or set(b.parties) <= set(a.parties)
        )
    return True


def _absorb(into: _Row, other: _Row) -> None:
    if other.ended:
        into.status, into.ended = "not_reached", True  # "... The regulator blocked the deal."
    elif _TIER[other.status] > _TIER[into.status] and not into.ended:
        into.status = other.status
    elif (
        other.status == "completed"
        and into.status in ("signed", "agreed")
        and into.kind in ("deal", "investment")
    ):
        into.status = "completed"  # "seals merger" in the headline, "has completed its merger" below
    for p in other.parties:
        if p not in into.parties:
            into.parties.append(p)
    into.count = into.count if into.count is not None else other.count
    for t in other.topics:
        if t not in into.topics:
            into.topics.append(t)
    into.date = into.date or other.date
    into.named = into.named or other.named
    into.mentions += other.mentions


_REFERENT_KINDS = {
    "deal": ("deal", "investment", "partnership", "other"),
    "partnership": ("partnership", "deal", "investment"),
    "investment": ("investment", "deal"),
}


def _referent(out: list[_Row], r: _Row) -> _Row | None:
    """The earlier row an anaphoric mention ("the deal", "these agreements") points to."""
    if not out:
        return None
    # the nearest earlier agreement of a kind the noun can name ("the deal" after "a pathways
    # agreement" is that agreement, not an older merger)
    kinds = _REFERENT_KINDS.get(r.kind, (r.kind,))
    cands = [o for o in reversed(out) if o.kind in kinds and not _names_another(r, o)]
    if not cands:
        # "the deal is expected to close" after "signed definitive agreements"
        return None if _names_another(r, out[-1]) else out[-1]
    # "the failed deal leaves X without ...": a mention with a status of its own is the deal X is
    # party to before merely the nearest one
    if r.status == "unknown" or not r.parties:
        return cands[0]
    return next((o for o in cands if set(o.parties) & set(r.parties)), cands[0])


def _merge(rows: list[_Row]) -> list[_Row]:
    out: list[_Row] = []
    for r in rows:
        if r.two_sides:
            # "The two companies had agreed to combine ...": the sides of the nearest two-party row
            sides = next((o for o in reversed(out) if len(o.parties) >= 2), None)
            if sides is not None:
                r.parties, r.definite, r.indefinite = list(sides.parties), True, False
        if r.refers:
            served = next((o for o in reversed(out) if o.kind in _REFERENT_KINDS[r.refers]), None)
            if served is not None:
                if len(served.parties) >= 2:
                    r.parties = []
                _absorb(served, r)  # "signed a framework agreement for the venture": the venture's
                continue
        if r.anaphoric:
            ref = _referent(out, r)
            if ref is not None:
                if len(ref.parties) >= 2:
                    r.parties = []  # "Trump approved the deal": the approver is no party
                _absorb(ref, r)
                continue
        same_sentence = next(
            (
                o
                for o in reversed(out)
                if o.sentence == r.sentence
                and (not o.parties or not r.parties or bool(set(o.parties) & set(r.parties)))
                and (
                    "other" in (o.kind, r.kind)
                    or o.outcome
                    or r.outcome
                    # "signed a comprehensive economic partnership agreement ..., their first
                    # free trade deal": one trade agreement restated
                    or ({o.kind, r.kind} <= {"fta", "trade_agreement"} and o.parties == r.parties)
                )
            ),
            None,
        )
        if same_sentence is not None:
            # "talks on a global treaty ended without agreement": one agreement, the specific kind
            if same_sentence.kind == "other" or (
                same_sentence.outcome and not r.outcome and r.kind != "other"
            ):
                same_sentence.kind = r.kind
                same_sentence.outcome = r.outcome
            if not same_sentence.parties and r.parties and _TIER[r.status] == _TIER[same_sentence.status]:
                same_sentence.status = r.status  # the mention that names the parties tells the status
            _absorb(same_sentence, r)
            continue
        if r.follows:
            # "The negotiations did not yield an agreement": the outcome of talks reported earlier
            # ... or of the agreement the sentence before put in doubt ("Progress on an FTA with
            # India has proved harder going. ... the fourth round broke up without agreement")
            talks = next(
                (
                    o
                    for i, o in enumerate(reversed(out[-3:]))
                    if (o.status in ("negotiating", "not_reached") or (i == 0 and o.status == "unknown"))
                    and (not r.parties or bool(set(o.parties) & set(r.parties)))
                ),
                None,
            )
            if talks is not None:
                _absorb(talks, r)
                continue
        target = next((o for o in reversed(out) if _compatible(o, r)), None)
        if target is not None:
            _absorb(target, r)
        else:
            out.append(r)
    kept = agreement_model.finalise(out, _keep)  # judged on the parties the sentence itself names
    for r in kept:
        if not r.parties and r.fallback:
            r.parties = list(r.fallback)
    return kept


def _keep(r: _Row) -> bool:
    """Drop bare mentions that report no agreement ("potential deals", "economic partnership",
    "work toward a broader trade deal")."""
    if r.named:
        return True
    if r.weak and r.status == "unknown":
        return False  # "Israeli settlements" is no settlement agreement
    if r.kind == "partnership" and r.status == "unknown":
        return False  # "an economic partnership of exceptional resilience"
    if r.parties or r.count is not None:
        return True
    if r.status == "unknown" or r.quoted:
        return False  # a quotation naming nobody is rhetoric ("A bad deal is worse than no deal")
    if r.ended and not r.outcome and r.kind in _GENERIC_KINDS:
        return False  # "the alliance, which ended in 2019, ...": background naming nobody
    # "industry officials expect more tie-ups": a forecast with nobody named is no agreement;
    # nor are talks in general ("more leverage in future contract talks")
    if r.kind in _GENERIC_KINDS and r.status == "negotiating" and not r.definite and not r.fallback:
        return False
    # ... unless the sentence names the article's two states and no other ("A separate agreement on
    # critical minerals, under which European companies would gain access to Australian lithium,
    # is expected to be signed")
    return not (r.kind in _GENERIC_KINDS and r.status in ("proposed", "planned")) or len(r.fallback) == 2


# --------------------------------------------------------------------------- API

# An entity span of the text: (start, end, spaCy NER label), character offsets into the text.
EntSpan = tuple[int, int, str]


@dataclass
class AgreementInput:
    """One text for `extract_agreements_batch` (the keyword arguments of `extract_agreements`)."""

    text: str
    mentions: list[dict[str, Any]] | None = None
    ents: Sequence[EntSpan] | None = None


@dataclass
class _Job:
    text: str
    candidates: list[tuple[int, str]]  # (offset of the sentence in the text, sentence)
    ents: list[EntSpan] | None
    surf: _Surfaces
    pair: list[str]
    rows: list[_Row] = field(default_factory=list)


def _candidates(text: str) -> list[tuple[int, str]]:
    """Sentences that match a trigger, with their offset in `text` (datelines dropped)."""
    v = _vocab()
    out: list[tuple[int, str]] = []
    line_start = 0
    for par in text.split("\n"):
        if v.prefilter_re.search(par):
            for s, e in sentence_spans(par):
                chunk = par[s:e]
                m = _DATELINE.match(chunk)  # anchored at the start: the same as _DATELINE.sub("", chunk)
                cut = m.end() if m else 0
                sent = chunk[cut:]
                if v.prefilter_re.search(sent):
                    out.append((line_start + s + cut, sent))
        line_start += len(par) + 1
    return out


def _set_ents(doc: Any, offset: int, ents: Sequence[EntSpan]) -> None:
    """Give a sentence parsed without NER the entity spans of its text (`ents`: sorted by start,
    non-overlapping), clipped to the sentence.

    Alignment "contract": a token gets a label only when the NER span covers all of it. The sentence
    is cut from the paragraph at whitespace, so its tokens are the paragraph's and the spans the NER
    pass found on the paragraph fall on token boundaries either way; a span begun before the sentence
    is dropped; where spans would not fall on tokens (text the NER pass blanked), "expand" would
    stretch a DATE or PERSON label over a neighbouring word and veto it as a party or end a topic
    list there, while "contract" leaves that word unlabelled, as most words are.
    """
    end = offset + len(doc.text)
    spans: list[Any] = []
    last = 0
    for s, e, label in ents:
        if s >= end:
            break
        if s < offset:
            # begun before the sentence (the NER ran across a dateline or sentence boundary: "June
            # 3 - Straits Ocean Lines" as one DATE): its label names what lies outside
            continue
        sp = doc.char_span(
            max(s, offset) - offset, min(e, end) - offset, label=label, alignment_mode="contract"
        )
        if sp is None or not len(sp) or sp.start < last:
            continue
        spans.append(sp)
        last = sp.end
    doc.set_ents(spans, default="outside")


def extract_agreements_batch(
    items: Sequence[AgreementInput], *, nlp: Any = None
) -> list[list[dict[str, Any]]]:
    """`extract_agreements` over several texts with one spaCy pass over all their candidate sentences.

    A text given `ents` (the spans the NER pass over the same text already found, every label) has
    its sentences parsed with NER disabled and those spans set on them; a text without `ents` is
    parsed by the full pipeline, NER included.
    """
    jobs: list[_Job | None] = []
    for item in items:
        text = item.text
        if not isinstance(text, str) or not text.strip():
            jobs.append(None)
            continue
        # spaCy cannot encode lone surrogates; the replacement keeps every offset in place
        text = _SURROGATE.sub("\ufffd", text)
        candidates = _candidates(text)
        if not candidates:
            jobs.append(None)
            continue
        mentions = item.mentions if item.mentions is not None else _get_mentions(text)
        mentions = [m for m in mentions or [] if isinstance(m, dict)]
        ents = None
        if item.ents is not None:
            ents = sorted(
                (int(s), int(e), str(label)) for s, e, label in item.ents if int(s) < int(e) and label
            )
        surf = _surfaces(mentions)
        jobs.append(_Job(text, candidates, ents, surf, _article_pair(text, mentions, surf)))
    live = [j for j in jobs if j is not None]
    if nlp is not None and "parser" in getattr(nlp, "pipe_names", ()):
        groups = [(nlp, live)]
    else:
        from newsfacts.nlp import load_nlp

        with_ents = [j for j in live if j.ents is not None]
        without = [j for j in live if j.ents is None]
        groups = [(load_nlp(disable=("ner",)), with_ents), (load_nlp(), without)]
    for pipeline, group in groups:
        sents = [(j, off, sent) for j in group for off, sent in j.candidates]
        if not sents:
            continue
        for (j, off, _), doc in zip(sents, pipeline.pipe(sent for _, _, sent in sents)):
            try:
                if j.ents is not None:
                    _set_ents(doc, off, j.ents)
                rows = _rows_for_doc(doc, j.surf, j.pair)
                agreement_model.add_signals(rows, doc, off, j.text, j.surf)
                j.rows.extend(rows)
            except Exception:  # one odd sentence must not lose the article's other rows
                log.warning("agreement extraction failed on a sentence", exc_info=True)
    return [[] if j is None else [r.public() for r in _merge(j.rows)] for j in jobs]


def extract_agreements(
    text: str,
    *,
    mentions: list[dict[str, Any]] | None = None,
    nlp: Any = None,
    ents: Sequence[EntSpan] | None = None,
) -> list[dict[str, Any]]:
    """One row per agreement the text reports (see docs/CONTRACTS.md, "Agreements").

    `mentions`: the entity layer's mentions of the text (else it is run here). `ents`: the raw spaCy
    NER spans of the text, all labels, as (start, end, label) character offsets: the candidate
    sentences are then parsed without NER and get these spans; without them the full pipeline runs.
    """
    return extract_agreements_batch([AgreementInput(text, mentions, ents)], nlp=nlp)[0]
