"""Answer-key matching helpers (the seed key's scoring rules: kind classes, status lists, party
alias sets, figure tolerance), in one place for our benchmarks and tests.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any


def norm_text(s: str) -> str:
    s = unicodedata.normalize("NFKC", s or "").replace("\u2019", "'").replace("\u2018", "'")
    s = s.replace("\u201c", '"').replace("\u201d", '"').replace("\u2013", "-").replace("\u2014", "-")
    return re.sub(r"\s+", " ", s).strip().lower()


LEGAL_SUFFIX = re.compile(
    r"(,?\s+(co|company|corp|corporation|inc|incorporated|ltd|limited|plc|llc|sa|ag)\.?)+$"
)


def norm_name(s: str) -> str:
    s = norm_text(s)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s$", "", s)
    s = LEGAL_SUFFIX.sub("", s)
    return re.sub(r"[^0-9a-z\u00c0-\uffff]+", "", s)


KIND_CLASSES = [
    {"mou", "memorandum", "memorandum_of_understanding"},
    {"fta", "free_trade_agreement", "trade_agreement", "treaty"},
    {"cooperation_document", "cooperation_agreement", "agreement", "other"},
    {
        "partnership",
        "deal",
        "agreement",
        "joint_venture",
        "cooperation",
        "cooperation_agreement",
        "contract",
        "other",
    },
    {"investment", "shareholding", "stake", "deal", "partnership", "other"},
]


def kind_ok(gold_kind: str, pred_kind: Any) -> bool:
    pk = norm_text(str(pred_kind)).replace(" ", "_").replace("-", "_")
    if gold_kind == "any":
        return True
    return any(gold_kind in c and pk in c for c in KIND_CLASSES) or pk == gold_kind


# ---------------------------------------------------------------- agreements (score.py's agr_match)


def party_hit(pred: set[str], aliases: set[str], loose: bool) -> bool:
    if pred & aliases:
        return True
    # loose: the entity layer's longer canonical form ("Honda Motor" for "Honda") still counts
    return loose and any(
        min(len(p), len(a)) >= 4 and (p.startswith(a) or a.startswith(p)) for p in pred for a in aliases
    )


def agr_match(ga: dict[str, Any], r: dict[str, Any], loose: bool = False) -> bool:
    if not kind_ok(ga["kind"], r.get("kind")):
        return False
    st = norm_text(str(r.get("status") or "unknown")).replace(" ", "_")
    if st not in ga["status"]:
        return False
    if ga.get("count") is not None and r.get("count") not in (ga["count"], float(ga["count"])):
        return False
    if ga["parties"]:
        pp = {norm_name(x) for x in r.get("parties") or []}
        if not any(party_hit(pp, {norm_name(a) for a in party["aliases"]}, loose) for party in ga["parties"]):
            return False
    return True


def score(
    cases: list[tuple[str, list[dict], list[dict], list[dict]]], show: bool, loose: bool = False
) -> dict[str, Any]:
    """cases: (label, must, ok, predictions)."""
    must = hit = pred = pred_ok = 0
    for label, gm, go, preds in cases:
        used: set[int] = set()
        must += len(gm)
        for ga in gm:
            j = next((j for j, r in enumerate(preds) if j not in used and agr_match(ga, r, loose)), None)
            if j is None:
                if show:
                    print(f"  - {label}: missed {ga['kind']} {ga['status']} count={ga.get('count')}")
            else:
                used.add(j)
                hit += 1
        for j, r in enumerate(preds):
            pred += 1
            if j in used or any(agr_match(ga, r, loose) for ga in gm + go):
                pred_ok += 1
            elif show:
                print(
                    f"  - {label}: not in gold: {r['kind']} {r['status']} {r['parties']} "
                    f"count={r['count']} {r['sentence'][:70]!r}"
                )
    return {
        "must": must,
        "hit": hit,
        "pred": pred,
        "pred_ok": pred_ok,
        "recall": round(hit / must, 3) if must else None,
        "precision": round(pred_ok / pred, 3) if pred else None,
    }


def sentence_gold(expected: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The sentence file's expectations in the scorer's gold shape (parties: canonical names)."""
    out = []
    for e in expected:
        st = e["status"]
        out.append(
            {
                "kind": e["kind"],
                "status": st if isinstance(st, list) else [st],
                "count": e.get("count"),
                "parties": [{"name": p, "aliases": [p]} for p in e.get("parties", [])],
            }
        )
    return out
