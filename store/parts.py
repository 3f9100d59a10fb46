"""The corpus's per-article frames kept between runs, so that a run redoes only what changed.

Every article copy's rows of every frame (`newsfacts.process.BatchTables`, each row tagged with its
copy) are kept as Parquet under OUT/_state/parts/, with the clean key of every document and the copy
that covers it. The next run cleans and extracts only the documents whose clean key changed (and the
other documents of the copies they were in), takes every other copy's rows from here, and runs the
corpus-level steps over the whole corpus's frames.

Like the caches, the parts are tied to the code fingerprint; missing, older or unreadable parts cost
one run that redoes every document from the caches, never correctness. They are replaced as a whole:
written next to the old ones, then renamed into place.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from newsfacts.process import PART_FRAMES, BatchTables

PARTS_DIR = Path("_state") / "parts"
DOCS_FILE = "docs.parquet"
META_FILE = "meta.json"


@dataclass
class KeptParts:
    part: BatchTables  # every kept copy's rows
    docs: dict[str, tuple[str, str | None]]  # raw document -> (clean key, the copy covering it or None)


def load_parts(out_dir: Path, fingerprint: str) -> KeptParts | None:
    """The parts the last run left under this code fingerprint; None when there are none usable."""
    root = out_dir / PARTS_DIR
    try:
        meta = json.loads((root / META_FILE).read_text(encoding="utf-8"))
        if meta.get("fingerprint") != fingerprint:
            return None
        part = BatchTables(**{name: pl.read_parquet(root / f"{name}.parquet") for name in PART_FRAMES})
        docs = pl.read_parquet(root / DOCS_FILE)
    except (OSError, ValueError, KeyError, pl.exceptions.PolarsError):
        return None
    return KeptParts(part, {d: (key, copy) for d, key, copy in docs.iter_rows()})


def save_parts(out_dir: Path, fingerprint: str, kept: KeptParts) -> None:
    """Replace the kept parts: written beside the old ones, then renamed into place."""
    root = out_dir / PARTS_DIR
    fresh = root.with_name(f"{root.name}.new-{os.getpid()}")
    old = root.with_name(f"{root.name}.old-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir(parents=True)
    for name, frame in kept.part.frames().items():
        frame.write_parquet(fresh / f"{name}.parquet", compression="lz4", statistics=False)
    pl.DataFrame(
        {
            "document": list(kept.docs),
            "clean_key": [k for k, _ in kept.docs.values()],
            "copy": [c for _, c in kept.docs.values()],
        },
        schema={"document": pl.String, "clean_key": pl.String, "copy": pl.String},
    ).write_parquet(fresh / DOCS_FILE)
    (fresh / META_FILE).write_text(json.dumps({"fingerprint": fingerprint}), encoding="utf-8")
    if root.exists():
        root.rename(old)
    fresh.rename(root)
    shutil.rmtree(old, ignore_errors=True)
