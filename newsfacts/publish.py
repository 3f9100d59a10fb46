"""Delta Lake publishing: one dataset version per run, merge by key, a manifest for snapshots.

Each run computes the full desired state of every table and syncs each Delta table to it in a
single merge commit (insert new keys, update changed rows, delete keys that left). A table whose
state is unchanged gets no commit; a run that changes nothing adds no dataset version.
`_manifest.json` maps dataset versions to table versions and names the current (last good) one;
it is replaced atomically, so a run killed mid-publish leaves the previous version current.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from deltalake import CommitProperties, DeltaTable, Transaction, write_deltalake

from schemas import TABLES, TableSpec

MANIFEST = "_manifest.json"
LOCK_FILE = ".newsfacts.lock"
APP_ID = "newsfacts"
_HASH = "__row_hash"
_OP = "__op"


class RunInProgress(RuntimeError):
    pass


@contextmanager
def run_lock(out_dir: Path) -> Iterator[None]:
    """Exclusive, non-blocking lock on the out dir: a second run is refused with a clear message.

    flock is released by the kernel when the process dies, so a killed run never leaves it stale.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / LOCK_FILE
    fh = open(path, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip() or "unknown"
            raise RunInProgress(
                f"another newsfacts run is in progress on {out_dir} (lock held by {holder}); "
                "this run was refused and nothing was written"
            ) from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}")
        fh.flush()
        yield
    finally:
        fh.close()


# ---------------------------------------------------------------- manifest


def read_manifest(out_dir: Path) -> dict[str, Any]:
    path = out_dir / MANIFEST
    if not path.exists():
        return {"current": None, "versions": []}
    return json.loads(path.read_text(encoding="utf-8"))


def write_manifest(out_dir: Path, manifest: Mapping[str, Any]) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".manifest.", dir=out_dir)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(manifest, fh, indent=2, default=str)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, out_dir / MANIFEST)


def next_dataset_version(manifest: Mapping[str, Any]) -> int:
    versions = [v["dataset_version"] for v in manifest.get("versions", [])]
    return (max(versions) + 1) if versions else 0


def table_versions(out_dir: Path) -> dict[str, int]:
    out = {}
    for name in TABLES:
        path = out_dir / name
        if DeltaTable.is_deltatable(str(path)):
            out[name] = DeltaTable(str(path)).version()
    return out


# ---------------------------------------------------------------- reading


def read_table(
    out_dir: Path | str, name: str, dataset_version: int | None = None, table_version: int | None = None
) -> pl.DataFrame:
    """Read a table at the current dataset version (manifest), a given dataset version, or a raw
    Delta table version. Empty frame with the contract's schema when the table does not exist."""
    out_dir = Path(out_dir)
    spec = TABLES[name]
    path = out_dir / name
    if table_version is None:
        manifest = read_manifest(out_dir)
        wanted = manifest.get("current") if dataset_version is None else dataset_version
        if wanted is not None:
            entry = next((v for v in manifest["versions"] if v["dataset_version"] == wanted), None)
            if entry is None:
                raise KeyError(f"dataset version {wanted} is not in {out_dir / MANIFEST}")
            table_version = entry["tables"].get(name)
            if table_version is None:
                return pl.DataFrame(schema=spec.polars_schema)
    if not DeltaTable.is_deltatable(str(path)):
        return pl.DataFrame(schema=spec.polars_schema)
    return conform(pl.read_delta(str(path), version=table_version), spec)


def conform(df: pl.DataFrame, spec: TableSpec) -> pl.DataFrame:
    """Columns of the contract, in order, with its dtypes."""
    schema = spec.polars_schema
    cols = []
    for name, dtype in schema.items():
        cols.append(pl.col(name).cast(dtype) if name in df.columns else pl.lit(None, dtype=dtype).alias(name))
    return df.select(cols)


# ---------------------------------------------------------------- writing


@dataclass
class SyncResult:
    table: str
    version: int | None  # new Delta version, None when nothing changed
    inserted: int
    updated: int
    deleted: int
    rows: int


def _with_hash(df: pl.DataFrame, cols: list[str]) -> pl.DataFrame:
    return df.with_columns(pl.struct([pl.col(c) for c in cols]).hash(seed=7).alias(_HASH))


def sync_table(
    out_dir: Path,
    spec: TableSpec,
    desired: pl.DataFrame,
    commit_metadata: Mapping[str, str],
    dataset_version: int,
) -> SyncResult:
    """Make the Delta table at out_dir/<name> hold exactly `desired`, in at most one commit."""
    path = str(out_dir / spec.name)
    desired = conform(desired, spec)
    props = CommitProperties(
        custom_metadata=dict(commit_metadata),
        app_transactions=[Transaction(app_id=APP_ID, version=dataset_version)],
    )
    if not DeltaTable.is_deltatable(path):
        write_deltalake(
            path,
            desired.to_arrow(),
            mode="error",
            commit_properties=props,
            name=spec.name,
            description=f"newsfacts {spec.name}",
        )
        return SyncResult(spec.name, DeltaTable(path).version(), desired.height, 0, 0, desired.height)

    current = conform(pl.read_delta(path), spec)
    key = spec.key
    if spec.sticky:
        # unchanged rows keep their first-published values (e.g. ingested_at)
        keep = current.select([key, *spec.sticky])
        desired = desired.drop(spec.sticky).join(keep, on=key, how="left")
        desired = desired.with_columns(
            [pl.coalesce(pl.col(c), pl.lit(None, dtype=spec.polars_schema[c])).alias(c) for c in spec.sticky]
        ).select(spec.columns)
    cols = [c for c in spec.columns if c not in spec.sticky]
    d = _with_hash(desired, cols)
    c = _with_hash(current, cols)
    changed = d.join(c.select([key, _HASH]), on=[key, _HASH], how="anti")
    removed = c.join(d.select(key), on=key, how="anti")
    if changed.is_empty() and removed.is_empty():
        return SyncResult(spec.name, None, 0, 0, 0, current.height)
    existing_keys = c.select(key)
    updated = changed.join(existing_keys, on=key, how="semi").height
    source = pl.concat(
        [
            changed.drop(_HASH).with_columns(pl.lit("upsert").alias(_OP)),
            removed.drop(_HASH).with_columns(pl.lit("delete").alias(_OP)),
        ],
        how="vertical",
    )
    setters = {col: f"s.`{col}`" for col in spec.columns}
    (
        DeltaTable(path)
        .merge(
            source.to_arrow(),
            predicate=f"t.`{key}` = s.`{key}`",
            source_alias="s",
            target_alias="t",
            commit_properties=props,
        )
        .when_matched_delete(predicate=f"s.`{_OP}` = 'delete'")
        .when_matched_update(updates=setters, predicate=f"s.`{_OP}` = 'upsert'")
        .when_not_matched_insert(updates=setters, predicate=f"s.`{_OP}` = 'upsert'")
        .execute()
    )
    return SyncResult(
        spec.name,
        DeltaTable(path).version(),
        changed.height - updated,
        updated,
        removed.height,
        desired.height,
    )


def current_state(out_dir: Path, name: str) -> pl.DataFrame:
    """The latest committed rows of a table (what the next sync compares against)."""
    path = out_dir / name
    spec = TABLES[name]
    if not DeltaTable.is_deltatable(str(path)):
        return pl.DataFrame(schema=spec.polars_schema)
    return conform(pl.read_delta(str(path)), spec)


# ---------------------------------------------------------------- retention


def vacuum(out_dir: Path, keep: int) -> dict[str, Any]:
    """Delete data files that only dataset versions older than the last `keep` need.

    The manifest drops those versions first (atomically), so it never names a version whose files
    are gone; the current version is always kept.
    """
    if keep < 1:
        raise ValueError("--keep must be at least 1")
    manifest = read_manifest(out_dir)
    versions = manifest["versions"]
    kept = versions[-keep:]
    if manifest.get("current") is not None and all(v["dataset_version"] != manifest["current"] for v in kept):
        kept = [v for v in versions if v["dataset_version"] == manifest["current"]] + kept
    dropped = [v["dataset_version"] for v in versions if v not in kept]
    manifest["versions"] = kept
    if dropped:
        manifest["vacuumed_versions"] = sorted(set(manifest.get("vacuumed_versions", [])) | set(dropped))
    write_manifest(out_dir, manifest)
    removed_files = 0
    for name in TABLES:
        path = out_dir / name
        if not DeltaTable.is_deltatable(str(path)):
            continue
        latest = DeltaTable(str(path)).version()
        oldest = min((v["tables"][name] for v in kept if name in v["tables"]), default=latest)
        needed: set[str] = set()
        for ver in range(oldest, latest + 1):
            for uri in DeltaTable(str(path), version=ver).file_uris():
                needed.add(str(Path(uri.removeprefix("file://")).resolve()))
        for f in path.rglob("*.parquet"):
            if "_delta_log" not in f.parts and str(f.resolve()) not in needed:
                f.unlink()
                removed_files += 1
    return {
        "kept_versions": [v["dataset_version"] for v in kept],
        "dropped_versions": dropped,
        "removed_files": removed_files,
    }
