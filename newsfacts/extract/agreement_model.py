"""Learned decisions over the agreement rules' candidates (``newsfacts/extract/agreements.py``).

The rules propose candidate rows (a trigger in a sentence, the rules' kind, status and parties, and
whether their own ``_keep`` check would publish the row) after merging the mentions of one
agreement. Two LightGBM models, trained on the Reuters-21578 agreement corpus
(``benchmarks/agreements_corpus``, ``benchmarks/train_agreements.py``), then decide:

* keep: is the candidate an agreement this story reports (a row the annotators wrote), or a
  background mention, a generic use of a trigger word, a second reading of another row ("Broker's
  Choice Capital Inc said it signed a letter of intent to buy Rubbertech Inc.": one deal, not a deal
  and a memorandum);
* parties: which of the entities the sentence names (and the rules' own parties) are the sides
  of the agreement (a dateline city, a regulator or an advisor is not);
* status: the status the annotators would give it ("Chrysler Corp said it agreed in principle with
  French state-owned Renault to acquire American Motors Corp.": agreed, where the rules say
  unknown); the rules' status stays unless the model prefers another by a margin.

Features: the rules' signals for the row (kind, status, party count, definiteness, quotation,
ending, outcome, how many mentions merged into it, the rules' keep verdict), where the sentence
stands in the article, and the parse the pipeline already has for the sentence (lemmas and lemma
bigrams, fine-grained tags, negation): no second model is loaded. Without the model files or
LightGBM the rules decide alone, as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

MODEL_FILES = {
    "meta": "agreements_model.json",
    "keep": "agreements_keep.txt",
    "status": "agreements_status.txt",
    "party": "agreements_party.txt",
}
_ENABLED = [True]  # switched by `enable` (the training script scores the rules alone)
_PARTY_TYPES = {"ORG", "GPE", "LOC", "PERSON", "NORP"}
_ROW_FLAGS = (
    "named",
    "definite",
    "anaphoric",
    "indefinite",
    "weak",
    "quoted",
    "ended",
    "outcome",
    "follows",
    "two_sides",
    "pronoun_owned",
)

# Candidate snapshots of every finalised article are appended here when it is a list (training).
RECORD: list[list[dict[str, Any]]] | None = None


@dataclass
class Model:
    columns: dict[str, int]
    keep: Any
    status: Any
    statuses: list[str]
    drop_below: float
    add_above: float
    status_margin: float
    party_columns: dict[str, int]
    party: Any
    party_threshold: float


def enable(on: bool) -> None:
    """Use the learned decisions (default) or the rules alone."""
    _ENABLED[0] = on
    load_model.cache_clear()


@lru_cache(maxsize=1)
def load_model() -> Model | None:
    """The trained models, or None (files absent, LightGBM missing, or switched off)."""
    if not _ENABLED[0]:
        return None
    try:
        import lightgbm as lgb

        base = resources.files("newsfacts") / "models"
        meta = json.loads((base / MODEL_FILES["meta"]).read_text(encoding="utf-8"))
        keep = lgb.Booster(model_str=(base / MODEL_FILES["keep"]).read_text(encoding="utf-8"))
        status = lgb.Booster(model_str=(base / MODEL_FILES["status"]).read_text(encoding="utf-8"))
        party = lgb.Booster(model_str=(base / MODEL_FILES["party"]).read_text(encoding="utf-8"))
    except (ImportError, OSError, ValueError):
        return None
    return Model(
        {name: i for i, name in enumerate(meta["columns"])},
        keep,
        status,
        list(meta["statuses"]),
        float(meta["drop_below"]),
        float(meta["add_above"]),
        float(meta["status_margin"]),
        {name: i for i, name in enumerate(meta["party_columns"])},
        party,
        float(meta["party_threshold"]),
    )


# --------------------------------------------------------------------------- features


def sentence_signals(doc: Any, offset: int, text: str) -> dict[str, float]:
    """Where the sentence stands in the article and what its parse says (lemmas, bigrams, tags)."""
    before = text[:offset]
    sig: dict[str, float] = {
        "pos": offset / max(len(text), 1),
        "par": float(min(before.count("\n\n"), 12)),
        "first_par": float("\n\n" not in before.strip()),
        "ntok": float(len(doc)),
    }
    lemmas = [t.lemma_.casefold() for t in doc if t.is_alpha]
    for lemma in lemmas:
        sig["w=" + lemma] = 1.0
    for a, b in zip(lemmas, lemmas[1:]):
        sig[f"b={a}_{b}"] = 1.0
    for t in doc:
        sig["tag=" + t.tag_] = 1.0
        if t.dep_ == "neg":
            sig["neg"] = 1.0
    return sig


def _entity_signals(doc: Any, sp: Any, typ: str, text: str) -> dict[str, float]:
    """What the parse says about one entity of the sentence: type, slot, neighbours, place."""
    root = sp.root
    dash = doc.text.find(" - ")
    f = {
        "e_type=" + typ: 1.0,
        "e_dep=" + root.dep_: 1.0,
        "e_head=" + root.head.lemma_.casefold(): 1.0,
        "e_at": sp.start / max(len(doc), 1),
        "e_first": float(sp.start <= 1),
        "e_caps": float(sp.text.isupper()),
        "e_dateline": float(0 < dash < 60 and sp.end_char <= dash),
        "e_freq": float(min(text.count(sp.text), 20)),
        "e_lead": float(sp.text in text[:300]),
    }
    if root.head.dep_ == "prep" or root.head.pos_ == "ADP":
        f["e_prep=" + root.head.lower_] = 1.0
        f["e_prephead=" + root.head.head.lemma_.casefold()] = 1.0
    for k in (1, 2):
        if sp.start - k >= 0:
            f[f"e_l-{k}=" + doc[sp.start - k].lemma_.casefold()] = 1.0
    if sp.end < len(doc):
        f["e_r+1=" + doc[sp.end].lemma_.casefold()] = 1.0
    return f


def sentence_entities(doc: Any, text: str, surf: Any) -> list[tuple[str, dict[str, float]]]:
    """The entity layer's names found in the sentence (first occurrence each), with their signals."""
    out: dict[str, dict[str, float]] = {}
    if surf is None or surf.regex is None:
        return []
    for m in surf.regex.finditer(doc.text):
        name, typ = surf.table[m.group(1)]
        sp = doc.char_span(m.start(1), m.end(1), alignment_mode="expand")
        if sp is None or not len(sp) or name in out or typ not in _PARTY_TYPES:
            continue
        out[name] = _entity_signals(doc, sp, typ, text)
    return list(out.items())


def add_signals(rows: Sequence[Any], doc: Any, offset: int, text: str, surf: Any = None) -> None:
    """Give the rows found in one parsed sentence that sentence's signals and entities."""
    if not rows:
        return
    sig: dict[str, Any] = dict(sentence_signals(doc, offset, text))
    sig["_ents"] = sentence_entities(doc, text, surf)
    for r in rows:
        r.signals.update(sig)


def row_features(r: Any, rule_keep: bool, index: int, total: int) -> dict[str, float]:
    f = {k: v for k, v in r.signals.items() if not k.startswith("_")}
    f.update({"kind=" + r.kind: 1.0, "status=" + r.status: 1.0, "rule_keep": float(rule_keep)})
    f.update({flag: float(bool(getattr(r, flag))) for flag in _ROW_FLAGS})
    f["parties"] = float(len(r.parties))
    f["fallback"] = float(len(r.fallback))
    f["has_count"] = float(r.count is not None)
    f["refers"] = float(bool(r.refers))
    f["mentions"] = float(getattr(r, "mentions", 1))
    f["rank"] = index / max(total, 1)
    f["rows"] = float(total)
    return f


def party_candidates(r: Any, rule_keep: bool) -> list[tuple[str, dict[str, float]]]:
    """The names that may be the row's sides: the sentence's entities and the rules' own parties,
    each with its signals and the row's."""
    ents = dict(r.signals.get("_ents") or [])
    names = list(ents) + [p for p in list(r.parties) + list(r.fallback) if p not in ents]
    row = {"kind=" + r.kind: 1.0, "status=" + r.status: 1.0, "rule_keep": float(rule_keep)}
    row.update({"n_ents": float(len(ents)), "n_rule": float(len(r.parties))})
    out = []
    for i, name in enumerate(names):
        f = dict(ents.get(name) or {"e_absent": 1.0})
        f.update(row)
        f.update({"in_rules": float(name in r.parties), "in_fallback": float(name in r.fallback)})
        f["e_rank"] = float(i)
        out.append((name, f))
    return out


def matrix(feats: Sequence[dict[str, float]], columns: dict[str, int]) -> Any:
    import numpy as np

    x = np.zeros((len(feats), len(columns)), dtype=np.float64)
    for i, f in enumerate(feats):
        for name, value in f.items():
            j = columns.get(name)
            if j is not None:
                x[i, j] = value
    return x


# --------------------------------------------------------------------------- decisions


def _snapshot(r: Any, rule_keep: bool, feats: dict[str, float]) -> dict[str, Any]:
    row = r.public()
    row["parties"] = list(r.parties or r.fallback)
    return {"row": row, "rule_keep": rule_keep, "features": feats, "ents": party_candidates(r, rule_keep)}


def choose_parties(
    cands: list[tuple[str, dict[str, float]]], probs: Sequence[float], thr: float
) -> list[str]:
    return [name for (name, _), p in zip(cands, probs) if p >= thr]


def _parties(r: Any, rule_keep: bool, model: Model) -> None:
    """The party model's sides for a kept row; the rules' parties when it picks none."""
    cands = party_candidates(r, rule_keep)
    if not cands:
        return
    probs = model.party.predict(matrix([f for _, f in cands], model.party_columns), num_threads=1)
    chosen = choose_parties(cands, probs, model.party_threshold)
    if chosen and chosen != list(r.parties):
        r.signals["_made_by"] += f"; model parties {r.parties}->{chosen}"
        r.parties = chosen


def keeps(rule_keep: bool, p_keep: float, drop_below: float, add_above: float) -> bool:
    """The model overrides the rules' keep verdict only when it is confident: it drops a row the
    rules keep below `drop_below`, and keeps a row the rules drop at `add_above` or more."""
    return p_keep >= drop_below if rule_keep else p_keep >= add_above


def _decide(r: Any, rule_keep: bool, p_keep: float, p_status: Sequence[float], model: Model) -> bool:
    """Apply the keep and status models' verdicts to one row; False: drop it."""
    if not keeps(rule_keep, p_keep, model.drop_below, model.add_above):
        return False
    best = max(range(len(model.statuses)), key=lambda k: p_status[k])
    new = model.statuses[best]
    old_p = p_status[model.statuses.index(r.status)] if r.status in model.statuses else 0.0
    made = f"rules {r.kind}/{r.status} {'keep' if rule_keep else 'drop'}; model keep {p_keep:.2f}"
    if new != r.status and p_status[best] - old_p >= model.status_margin:
        made += f"; model status {r.status}->{new} {p_status[best]:.2f}"
        r.status = new
    r.signals["_made_by"] = made
    return True


def finalise(rows: list[Any], rule_keep: Callable[[Any], bool]) -> list[Any]:
    """The rows to publish out of an article's merged candidates: the models' decisions when
    trained models are present, else the rules' own ``rule_keep`` check."""
    verdicts = [rule_keep(r) for r in rows]
    model = load_model()
    if RECORD is None and model is None:
        for r, v in zip(rows, verdicts):
            r.signals["_made_by"] = "rules keep" if v else "rules drop"
        return [r for r, v in zip(rows, verdicts) if v]
    feats = [row_features(r, v, i, len(rows)) for i, (r, v) in enumerate(zip(rows, verdicts))]
    if RECORD is not None:
        RECORD.append([_snapshot(r, v, f) for r, v, f in zip(rows, verdicts, feats)])
    if model is None or not rows:
        return [r for r, v in zip(rows, verdicts) if v]
    x = matrix(feats, model.columns)
    p_keep = model.keep.predict(x, num_threads=1)
    p_status = model.status.predict(x, num_threads=1)
    out = []
    for r, v, pk, ps in zip(rows, verdicts, p_keep, p_status):
        if _decide(r, v, float(pk), list(ps), model):
            _parties(r, v, model)
            out.append(r)
    return out
