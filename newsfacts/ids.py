"""Stable, content-derived identifiers: the same input always yields the same id."""

from __future__ import annotations

import hashlib


def stable_id(*parts: object) -> str:
    """16 hex chars of sha256 over the parts (joined by an unambiguous separator)."""
    h = hashlib.sha256()
    for p in parts:
        h.update(str(p).encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()[:16]


def sha256_hex(data: bytes | str) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()
