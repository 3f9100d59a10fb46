"""The store layer: every read and write of the pipeline's files, and nothing else.

Raw files and caches (`store.files`), incremental state (`store.state`), Delta tables, manifest,
locks, Parquet snapshots and retention (`store.publish`), quality reports (`store.quality`). It uses
the pure core (`newsfacts`, `schemas`) and is used by the flows and the command line (`flows`); it
never imports them.
"""

from __future__ import annotations

from store.publish import read_manifest, read_table

__all__ = ["read_manifest", "read_table"]
