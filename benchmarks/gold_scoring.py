"""The answer-key matching helpers of ../shared/eval/score.py, in one place for our benchmarks.

A copy (not an import) so the benchmarks and tests also run where shared/ is absent; keep it the
same as score.py's functions of the same names.
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
