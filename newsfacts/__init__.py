"""newsfacts: scraped news articles -> clean, validated, versioned datasets.

The core package is pure: text in, records out. The store (``store/``) owns all I/O; Prefect flows
and the command line (``flows/``) wire them together. See docs/ARCHITECTURE.md.
"""

from __future__ import annotations

from typing import Any

__all__ = ["clean_document", "extract_entities", "extract_figures", "extract_agreements"]
__version__ = "0.1.0"


def clean_document(text: str, **kwargs: Any) -> dict[str, Any]:
    from newsfacts.clean import clean_document as _impl

    return _impl(text, **kwargs)


def extract_entities(text: str, **kwargs: Any) -> list[dict[str, Any]]:
    from newsfacts.extract.entities import extract_entities as _impl

    return _impl(text, **kwargs)


def extract_figures(text: str, **kwargs: Any) -> list[dict[str, Any]]:
    from newsfacts.extract.figures import extract_figures as _impl

    return _impl(text, **kwargs)


def extract_agreements(text: str, **kwargs: Any) -> list[dict[str, Any]]:
    from newsfacts.extract.agreements import extract_agreements as _impl

    return _impl(text, **kwargs)
