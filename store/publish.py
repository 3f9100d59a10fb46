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
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl
from deltalake import CommitProperties, DeltaTable, Transaction, write_deltalake

from newsfacts.ids import stable_id
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
    write_atomic_text(out_dir / MANIFEST, json.dumps(manifest, indent=2, default=str))


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


def current_entry(manifest: Mapping[str, Any]) -> dict[str, Any] | None:
    """The manifest entry of the current (last good) dataset version, None before the first."""
    cur = manifest.get("current")
    return next((v for v in manifest.get("versions", []) if v["dataset_version"] == cur), None)


def content_hash(tables: Mapping[str, pl.DataFrame]) -> str:
    """A digest of every table's rows, independent of row order: two runs that would publish the
    same rows get the same digest (a failing input is then not checked again)."""
    parts = []
    for name in sorted(tables):
        df = tables[name]
        sticky = TABLES[name].sticky if name in TABLES else ()
        df = df.drop([c for c in sticky if c in df.columns])  # run ids and times differ per run
        h = df.select(pl.struct(pl.all()).hash(seed=11).sum()).item() if df.height else 0
        parts.append(f"{name}:{df.height}:{h}")
    return stable_id(*parts)


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
            if entry.get("status") == "failed_quality":
                raise KeyError(
                    f"dataset version {wanted} failed the quality gate and was never published "
                    f"(its report: {entry.get('quality')})"
                )
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


@dataclass
class SyncPlan:
    """What one table's commit will do: the merge source (upserts and deletes by key) and its
    counts, computed against the table's head before anything is written."""

    spec: TableSpec
    path: str
    desired: pl.DataFrame  # the table's full new state (first write)
    source: pl.DataFrame | None  # merge rows with their op; None for a first write
    inserted: int
    updated: int
    deleted: int
    head: pl.DataFrame | None = None  # the table's rows before this plan (None: no table yet)

    @property
    def empty(self) -> bool:
        return self.source is not None and self.source.is_empty()


def plan_sync(out_dir: Path, spec: TableSpec, desired: pl.DataFrame) -> SyncPlan:
    """Compare `desired` with the Delta table's head: what a commit must insert, update and delete."""
    path = str(out_dir / spec.name)
    desired = conform(desired, spec)
    if not DeltaTable.is_deltatable(path):
        return SyncPlan(spec, path, desired, None, desired.height, 0, 0)
    current = conform(pl.read_delta(path), spec)
    key = spec.key
    if spec.sticky:
        # unchanged rows keep their first-published values (e.g. ingested_at)
        # and new rows keep this run's values: coalesce(first-published, this run's)
        keep = current.select([key, *[pl.col(c).alias(f"__kept_{c}") for c in spec.sticky]])
        desired = (
            desired.join(keep, on=key, how="left")
            .with_columns([pl.coalesce(pl.col(f"__kept_{c}"), pl.col(c)).alias(c) for c in spec.sticky])
            .select(spec.columns)
        )
    cols = [c for c in spec.columns if c not in spec.sticky]
    d = _with_hash(desired, cols)
    c = _with_hash(current, cols)
    changed = d.join(c.select([key, _HASH]), on=[key, _HASH], how="anti")
    removed = c.join(d.select(key), on=key, how="anti")
    updated = changed.join(c.select(key), on=key, how="semi").height
    source = pl.concat(
        [
            changed.drop(_HASH).with_columns(pl.lit("upsert").alias(_OP)),
            removed.drop(_HASH).with_columns(pl.lit("delete").alias(_OP)),
        ],
        how="vertical",
    )
    return SyncPlan(
        spec, path, desired, source, changed.height - updated, updated, removed.height, head=current
    )


def commit_sync(plan: SyncPlan, commit_metadata: Mapping[str, str], dataset_version: int) -> SyncResult:
    """Write one plan as at most one Delta commit (none when the plan is empty)."""
    spec, path = plan.spec, plan.path
    if plan.empty:
        return SyncResult(spec.name, None, 0, 0, 0, plan.desired.height)
    props = CommitProperties(
        custom_metadata=dict(commit_metadata),
        app_transactions=[Transaction(app_id=APP_ID, version=dataset_version)],
    )
    if plan.source is None:
        write_deltalake(
            path,
            plan.desired.to_arrow(),
            mode="error",
            commit_properties=props,
            name=spec.name,
            description=f"newsfacts {spec.name}",
        )
    else:
        setters = {col: f"s.`{col}`" for col in spec.columns}
        (
            DeltaTable(path)
            .merge(
                plan.source.to_arrow(),
                predicate=f"t.`{spec.key}` = s.`{spec.key}`",
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
        spec.name, DeltaTable(path).version(), plan.inserted, plan.updated, plan.deleted, plan.desired.height
    )


def sync_table(
    out_dir: Path,
    spec: TableSpec,
    desired: pl.DataFrame,
    commit_metadata: Mapping[str, str],
    dataset_version: int,
) -> SyncResult:
    """Make the Delta table at out_dir/<name> hold exactly `desired`, in at most one commit."""
    return commit_sync(plan_sync(out_dir, spec, desired), commit_metadata, dataset_version)


# ---------------------------------------------------------------- plain Parquet snapshots

SNAPSHOTS = "parquet"
CURRENT_LINK = "current"  # OUT/parquet/current -> v{N}: a link any Parquet reader follows
CURRENT_FILE = "CURRENT"  # OUT/parquet/CURRENT: "v{N}", for stores without links


def snapshot_dir(out_dir: Path, dataset_version: int) -> Path:
    return out_dir / SNAPSHOTS / f"v{dataset_version}"


def write_snapshot(out_dir: Path, dataset_version: int, tables: Mapping[str, pl.DataFrame]) -> Path:
    """One plain Parquet file per table holding exactly the version's rows, for readers without
    Delta support: written to a temporary folder, then renamed into place as a whole."""
    final = snapshot_dir(out_dir, dataset_version)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".v{dataset_version}.", dir=final.parent))
    for name, spec in TABLES.items():
        frame = conform(tables.get(name, pl.DataFrame(schema=spec.polars_schema)), spec)
        frame.write_parquet(tmp / f"{name}.parquet", compression="zstd", statistics=True)
    for f in tmp.iterdir():
        with open(f, "rb") as fh:
            os.fsync(fh.fileno())
    os.chmod(tmp, 0o755)  # readable by consumers like the Delta files (mkdtemp makes it owner-only)
    for f in tmp.iterdir():
        os.chmod(f, 0o644)
    if final.exists():  # left by a run killed before its manifest entry: this run's rows replace it
        shutil.rmtree(final)
    os.replace(tmp, final)
    return final


def ensure_snapshot(out_dir: Path, manifest: Mapping[str, Any]) -> None:
    """Point OUT/parquet/current (and CURRENT) at the current version's snapshot, writing the
    snapshot from the Delta tables first when it is missing (an out dir from before snapshots, or
    a run killed between its manifest and its snapshot)."""
    cur = manifest.get("current")
    if cur is None:
        return
    target = snapshot_dir(out_dir, cur)
    if not target.is_dir():
        write_snapshot(
            out_dir, cur, {name: read_table(out_dir, name, dataset_version=cur) for name in TABLES}
        )
    root = target.parent
    link = root / CURRENT_LINK
    if not (link.is_symlink() and os.readlink(link) == target.name):
        tmp_link = root / f".{CURRENT_LINK}.{os.getpid()}"
        tmp_link.unlink(missing_ok=True)
        tmp_link.symlink_to(target.name, target_is_directory=True)
        os.replace(tmp_link, link)
    pointer = root / CURRENT_FILE
    if not pointer.exists() or pointer.read_text(encoding="utf-8").strip() != target.name:
        write_atomic_text(pointer, target.name + "\n")


def write_atomic_text(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o644)  # mkstemp makes it owner-only; readers of the out dir need it
    os.replace(tmp, path)


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
    kept_ids = {v["dataset_version"] for v in kept}
    snapshots = out_dir / SNAPSHOTS
    for d in snapshots.glob("v*") if snapshots.is_dir() else []:
        n = d.name[1:]
        if d.is_dir() and n.isdigit() and int(n) not in kept_ids:
            removed_files += sum(1 for _ in d.glob("*.parquet"))
            shutil.rmtree(d)
    return {
        "kept_versions": [v["dataset_version"] for v in kept],
        "dropped_versions": dropped,
        "removed_files": removed_files,
    }
