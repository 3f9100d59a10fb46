"""The `publish_dataset` flow: raw files -> validated, versioned Delta tables + quality report.

Thin by design: it batches documents, runs the core package's pure steps as Prefect tasks (one
task per batch, never per document), and owns all I/O (raw files, cache, Delta tables, manifest).
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.task_runners import ThreadPoolTaskRunner

from flows import config, parallel
from flows.config import Settings
from flows.parallel import BatchItem, BatchJob
from newsfacts import process
from newsfacts.boilerplate import corpus_line_keys
from newsfacts.ingest import IngestError, RawDocument, parse_raw
from newsfacts.nlp import configure as configure_nlp
from newsfacts.nlp import model_name
from newsfacts.validate import raw_reject, validate_tables
from schemas import TABLES
from store.files import CleanCache, RawFile, read_bytes
from store.parts import KeptParts, load_parts, save_parts
from store.publish import (
    commit_sync,
    content_hash,
    current_entry,
    ensure_snapshot,
    next_dataset_version,
    plan_sync,
    read_manifest,
    read_table,
    run_lock,
    table_versions,
    write_manifest,
    write_snapshot,
)
from store.state import (
    DocState,
    FileState,
    clean_key,
    keys_array,
    last_listing,
    line_counts,
    load_sources,
    remember_listing,
    remember_sources,
    run_fingerprint,
    snapshot_id,
    take_listing,
    unchanged,
)


@dataclass
class RunSummary:
    run_id: str
    out_dir: str
    dataset_version: int | None
    changed: bool
    files: int
    articles: int
    rows: dict[str, int]
    rejects: int
    rejected_files: list[str]
    new_rejects: int
    seconds: float
    files_read: int = 0  # raw files read this run (the others are unchanged since the last run)
    stage_seconds: dict[str, float] = field(default_factory=dict)  # wall time per stage of the flow
    table_versions: dict[str, int] = field(default_factory=dict)
    quality: dict[str, Any] = field(default_factory=dict)

    def as_markdown(self) -> str:
        lines = [
            f"# newsfacts run `{self.run_id}`",
            "",
            f"- dataset version: **{self.dataset_version}** ({'new' if self.changed else 'unchanged'})",
            f"- raw files: {self.files} ({self.files_read} read this run), articles published: {self.articles}",
            f"- rejects: {self.rejects} ({len(self.rejected_files)} quarantined input files)",
            f"- out dir: `{self.out_dir}`",
            f"- time: {self.seconds:.1f} s",
            "",
            "| table | rows | delta version |",
            "|---|---:|---:|",
        ]
        for name, n in self.rows.items():
            lines.append(f"| {name} | {n} | {self.table_versions.get(name, '')} |")
        if self.quality:
            lines += [
                "",
                f"Quality gate: **{self.quality.get('gate', '?')}**: {self.quality.get('message', '')}",
                f"Report: `{self.quality.get('summary_html', '')}`",
            ]
        if self.rejected_files:
            lines += ["", "Quarantined inputs:", *[f"- {f}" for f in self.rejected_files]]
        if self.stage_seconds:
            lines += ["", "| stage | seconds |", "|---|---:|"]
            lines += [f"| {k} | {v:.2f} |" for k, v in self.stage_seconds.items()]
        return "\n".join(lines)


class _Laps:
    """Wall time per stage: each call closes the stage that ended there."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def __call__(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(self.seconds.get(stage, 0.0) + now - self._last, 3)
        self._last = now


def _batches(items: Sequence[Any], size: int) -> list[list[Any]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)] or []


@dataclass
class IngestedFile:
    """One raw file read this run: its documents, their line keys, why parts of it were rejected."""

    rel: str
    docs: list[RawDocument]
    errors: list[tuple[str, str, str]]  # (source, check, reason)
    keys: list[Any] = field(default_factory=list)  # per document: state.keys_array(line keys)


@task(name="ingest", cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[1, 4])
def ingest_task(files: list[RawFile], limits: tuple[int, int]) -> list[IngestedFile]:
    """Read and parse a batch of raw files; `limits` = (longest line, most lines) of a document."""
    out: list[IngestedFile] = []
    for f in files:
        errors: list[IngestError]
        got: list[RawDocument] = []
        try:
            got, errors = parse_raw(f.rel, read_bytes(f), line_chars=limits[0], line_count=limits[1])
        except IngestError as err:
            errors = [err]
        except OSError as err:
            errors = [IngestError("unreadable", f"{f.rel}: {err.strerror or err}")]
        out.append(
            IngestedFile(
                f.rel,
                got,
                [(e.source or f.rel, e.check, e.reason) for e in errors],
                [keys_array(corpus_line_keys(d.text)) for d in got],
            )
        )
    return out


@task(name="clean-extract", cache_policy=NO_CACHE)
def clean_extract_task(
    items: list[BatchItem],
    counts: dict[int, int],
    job: BatchJob,
    pool_key: str | None = None,
) -> tuple[process.BatchTables, list[dict]]:
    """One batch: clean, extract (caches first), the batch's table frames. In the flow's worker pool
    when it has one (threads runner), else here (e.g. a Dask worker) with spaCy's own processes.
    `counts`: the corpus line counts of the batch's documents' lines, all that cleaning them reads."""
    pool = parallel.get_pool(pool_key)
    if pool is not None:
        return pool.submit(parallel._pool_batch, items, counts, job).result()
    configure_nlp(job.spacy_model)  # e.g. in a Dask worker: the run's model, not the default
    return parallel.run_batch(items, counts, job)


def _ingest(files: Sequence[RawFile], cfg: Settings, logger: Any) -> list[IngestedFile]:
    batches = _batches(files, cfg.batch_size)
    out: list[IngestedFile] = []
    limits = unmapped((cfg.max_line_chars, cfg.max_lines))
    for i, got in enumerate(ingest_task.map(batches, limits=limits).result(), 1):
        out.extend(got)
        logger.info("ingested batch %d/%d", i, len(batches))
    return out


def _batch_items(
    sources: dict[str, FileState],
    texts: dict[str, RawDocument],
    counts: Counter[int],
    corpus_size: int,
    kept: KeptParts | None,
) -> tuple[list[BatchItem], set[str], dict[str, str]]:
    """The documents this run cleans and extracts, as batch items (file order): every document of
    the corpus, or with the parts the last run kept, those `process.work_to_redo` names; the
    dropped copies of the kept parts; and every document's clean key."""
    items: list[BatchItem] = []
    for rel in sorted(sources):
        for d in sources[rel].docs:
            items.append(
                BatchItem(d.source_file, clean_key(d, counts, corpus_size), texts.get(d.source_file))
            )
    keys = {it.source_file: it.clean_key for it in items}
    if kept is None:
        return items, set(), keys
    redo, dropped = process.work_to_redo(kept.docs, keys)
    return [it for it in items if it.source_file in redo], dropped, keys


def _keep_parts(
    out: Path,
    fingerprint: str,
    kept: KeptParts | None,
    dropped: set[str],
    parts: list[process.BatchTables],
    clean_keys: dict[str, str],
) -> process.BatchTables | None:
    """The whole corpus's frames: the kept copies less the dropped ones, and this run's batches;
    saved for the next run when they changed."""
    if kept is not None:
        parts = [process.without_copies(kept.part, dropped), *parts]
    if not parts:
        return None
    whole = process.concat_parts(parts)
    if kept is None or dropped or len(parts) > 1:
        covered = process.copy_of_docs(whole)
        docs = {d: (key, covered.get(d)) for d, key in clean_keys.items()}
        save_parts(out, fingerprint, KeptParts(whole, docs))
    return whole


def _counts_of(
    batch: Sequence[BatchItem], line_keys: Mapping[str, Sequence[int]], counts: Counter[int]
) -> dict[int, int]:
    """The corpus line counts a batch's cleaning reads: those of its documents' own lines (cleaning
    depends on nothing else in the corpus, `boilerplate.corpus_view`)."""
    return {k: counts[k] for it in batch for k in line_keys.get(it.source_file, ()) if k in counts}


def _to_reread(items: Sequence[BatchItem], sources: dict[str, FileState], cache: CleanCache) -> set[str]:
    """The unchanged files to read again: those with a document to clean whose cleaning result for
    today's corpus view is not cached."""
    missing = {it.source_file for it in items if it.doc is None and not cache.has(it.clean_key)}
    return {rel for rel, fs in sources.items() if any(d.source_file in missing for d in fs.docs)}


def _start_pool(n_files: int, n_process: int, run_id: str) -> str | None:
    """Worker processes for the clean-extract batches when the flow runs its tasks in threads (the
    default runner): one per core for a big enough corpus (n_process, 0 = auto). In auto mode a small
    run still gets one worker: it loads the models on another core while the flow process reads the
    files and imports the quality checks. n_process=1 keeps all work in the flow process."""
    if not _threads_runner():
        return None  # e.g. Dask: the tasks run in the cluster's processes
    if n_files == 0:
        return None
    workers = parallel.processes(n_process, n_files)
    if workers < 2 and n_process != 0:
        return None
    key = f"{run_id}:{os.getpid()}"
    parallel.start_pool(key, workers)
    return key


def _threads_runner() -> bool:
    """Whether this flow run runs its tasks in threads of this process (the default runner), the
    case where the flow starts its own worker processes."""
    from prefect.context import FlowRunContext

    ctx = FlowRunContext.get()
    return ctx is not None and isinstance(ctx.task_runner, ThreadPoolTaskRunner)


def _quality_process(n_process: int) -> bool:
    """Whether the quality report's GX part gets its own process: when the flow runs its tasks in
    threads and may use processes (n_process != 1, the same condition as the worker pool)."""
    return n_process != 1 and _threads_runner()


def _prefetch_quality_imports() -> None:
    """Great Expectations takes seconds to import: start it in the background while the batches run."""

    def _import() -> None:
        try:
            import great_expectations  # noqa: F401
        except Exception:  # noqa: BLE001 - the quality task imports it again and reports a failure
            pass

    threading.Thread(target=_import, name="prefetch-gx", daemon=True).start()


@flow(
    name="publish_dataset",
    task_runner=ThreadPoolTaskRunner(max_workers=2),  # type: ignore[arg-type]
    log_prints=False,
)
def publish_dataset(
    raw_dir: str = "data/raw",
    out_dir: str = "data/processed",
    batch_size: int | None = None,
    n_process: int | None = None,
    full: bool = False,
) -> dict[str, Any]:
    """One run: ingest, clean, dedupe, extract, validate, publish one dataset version, report.

    Incremental: a raw file whose stamp is the one the last completed run read is not read again
    (`store.state`); `full=True` reads every file.
    """
    t0 = time.perf_counter()
    logger = get_run_logger()
    cfg = config.from_env()  # the environment is read here, once, and passed on
    cfg = replace(
        cfg,
        batch_size=batch_size or cfg.batch_size,
        n_process=cfg.n_process if n_process is None else n_process,
    )
    batch_size, n_process = cfg.batch_size, cfg.n_process
    configure_nlp(cfg.spacy_model)
    raw, out = Path(raw_dir).absolute(), Path(out_dir).absolute()  # GX and workers need absolute paths
    run_id = _run_id()
    lap = _Laps()
    with run_lock(out), ExitStack() as cleanup:
        listed = take_listing(raw, cfg.max_file_bytes)
        files, refused, stamps, listing = listed.files, listed.refused, listed.stamps, listed.id
        logger.info("%d raw files in %s (%d refused before reading)", len(files), raw, len(refused))
        rejects = [raw_reject(rel, e.check, e.reason, run_id) for rel, e in refused]

        fingerprint = run_fingerprint(model_name())
        early = None if full else _nothing_new(out, fingerprint, listing)
        if early is not None:
            lap("list")
            logger.info("nothing new since the last run: %d raw files, the same listing", len(files))
            result = RunSummary(
                **early, seconds=round(time.perf_counter() - t0, 2), run_id=run_id, out_dir=str(out),
                new_rejects=0, stage_seconds=lap.seconds,
            )  # fmt: skip
            _report(out, result, logger)
            return asdict(result)
        known = {} if full else load_sources(out, fingerprint)
        same = unchanged(known, stamps, [f.rel for f in files])
        to_read = [f for f in files if f.rel not in same]
        logger.info("%d of %d raw files are new or changed since the last run", len(to_read), len(files))
        # a new version (and its quality report) is expected when a file was added, changed or deleted
        # or nothing is known; otherwise the rare report (a version left by a killed run) runs inline
        if to_read or not known or set(known) != set(stamps):
            if _quality_process(n_process):
                parallel.start_quality_process()  # or adopt the one `newsfacts run` started
            else:
                _prefetch_quality_imports()
        else:
            parallel.stop_quality_process()  # one `newsfacts run` started is not needed
        cleanup.callback(parallel.stop_quality_process)
        pool_key = _start_pool(len(to_read), n_process, run_id)
        if pool_key is not None:
            cleanup.callback(parallel.stop_pool, pool_key)

        lap("list")
        sources = {rel: known[rel] for rel in same}
        texts: dict[str, RawDocument] = {}
        read = _ingest(to_read, cfg, logger)
        for got in read:
            sources[got.rel] = FileState(
                stamps.get(got.rel, []),
                [DocState(d.source_file, d.content_sha256, k) for d, k in zip(got.docs, got.keys)],
                got.errors,
            )
            texts.update((d.source_file, d) for d in got.docs)
        del read
        for fs in sources.values():
            rejects.extend(raw_reject(src, check, reason, run_id) for src, check, reason in fs.rejects)

        lost: set[str] = set()
        counts, corpus_size = line_counts(sources)
        kept = None if full else load_parts(out, fingerprint)
        items, dropped, clean_keys = _batch_items(sources, texts, counts, corpus_size, kept)
        reread = _to_reread(items, sources, CleanCache(out, fingerprint))
        logger.info(
            "%d of %d documents to clean and extract (%s)",
            len(items),
            corpus_size,
            "no kept parts: all" if kept is None else f"{len(dropped)} kept copies replaced",
        )
        if reread:
            # unchanged files whose lines' corpus standing changed (e.g. a menu line now recurring):
            # their text is needed again to clean them. (A file rewritten since listing is cleaned as
            # it is now; its stamp, taken at listing, makes the next run read it again.)
            logger.info("%d unchanged raw files are cleaned again (corpus view changed)", len(reread))
            by_rel = {f.rel: f for f in files}
            for got in _ingest([by_rel[rel] for rel in sorted(reread)], cfg, logger):
                texts.update((d.source_file, d) for d in got.docs)
            items = [
                it
                if it.doc is not None
                else BatchItem(it.source_file, it.clean_key, texts.get(it.source_file))
                for it in items
            ]
            lost = {rel for rel in reread if any(texts.get(d.source_file) is None for d in sources[rel].docs)}
            if lost:  # changed or gone since listing: left out now, read afresh by the next run
                logger.warning("raw files changed during the run, left for the next run: %s", sorted(lost))
                gone = {d.source_file for rel in lost for d in sources.pop(rel).docs}
                items = [it for it in items if it.source_file not in gone]
                clean_keys = {d: k for d, k in clean_keys.items() if d not in gone}
        files_read = len(to_read) + len(reread)
        del texts
        lap("ingest")
        doc_batches = _batches(items, batch_size)
        del items

        now = dt.datetime.now(dt.UTC)
        job = BatchJob(corpus_size, str(out), fingerprint, run_id, now, n_process, cfg.spacy_model)
        parts: list[process.BatchTables] = []
        line_keys = {d.source_file: d.keys for fs in sources.values() for d in fs.docs}
        futures = [
            clean_extract_task.submit(
                batch, counts=_counts_of(batch, line_keys, counts), job=job, pool_key=pool_key
            )
            for batch in doc_batches
        ]
        del line_keys
        del doc_batches
        for i in range(len(futures)):
            part, rej = futures[i].result()
            futures[i] = None  # type: ignore[call-overload]  # release the batch's documents
            parts.append(part)
            rejects.extend(rej)
            logger.info("cleaned and extracted batch %d/%d", i + 1, len(futures))
        if pool_key is not None:
            parallel.stop_pool(pool_key, wait=False)  # the workers exit while the tables are built
        del counts
        lap("clean_extract")
        whole = _keep_parts(out, fingerprint, kept, dropped, parts, clean_keys)
        del kept, parts
        lap("keep_parts")
        frames = process.finish_tables([whole] if whole is not None else [])
        del whole
        logger.info("%d documents cleaned into %d distinct articles", corpus_size, frames["articles"].height)
        lap("corpus_tables")
        validated = validate_tables(frames, run_id)
        rejects.extend(validated.rejects)
        tables = dict(validated.tables)
        tables["rejects"] = process.rejects_frame(rejects)

        facts = {
            "files": len(files) + len(refused),
            "articles": tables["articles"].height,
            "rejected_files": sorted({r["source_file"] or "?" for r in rejects if r["table"] == "raw"}),
        }
        lap("validate")
        summary = _publish(out, tables, run_id, snapshot_id(stamps), facts, logger, lap, cfg.docs_history)
        summary.update(
            facts,
            seconds=round(time.perf_counter() - t0, 2),
            run_id=run_id,
            out_dir=str(out),
            new_rejects=len(validated.rejects),
            files_read=files_read,
        )
        remember_sources(out, fingerprint, sources)
        if not lost:  # a file that changed during the run makes the next listing differ anyway
            remember_listing(out, fingerprint, listing, facts)
        lap("state")
        result = RunSummary(**summary, stage_seconds=lap.seconds)
        _report(out, result, logger)
        return asdict(result)


def _publish(
    out: Path,
    tables: dict[str, Any],
    run_id: str,
    snapshot: str,
    facts: dict[str, Any],
    logger: Any,
    lap: Callable[[str], None] = lambda _: None,
    docs_history: int = 24,
) -> dict[str, Any]:
    """Check the new version's quality on the frames in memory, and only then commit it.

    Nothing is written to a table before the version passes the gate, so a plain Delta reader
    (polars, pandas, DuckDB, Spark) only ever sees validated, gated rows at the head of a table. A
    version that fails a critical expectation is recorded in the manifest with status failed_quality
    and no tables; the same failing input is not checked again on the next run.
    """
    manifest = read_manifest(out)
    version = next_dataset_version(manifest)
    plans = {name: plan_sync(out, spec, tables[name]) for name, spec in TABLES.items()}
    rows = {name: df.height for name, df in tables.items()}
    head = table_versions(out)
    lap("plan")
    current = current_entry(manifest)
    last = manifest["versions"][-1] if manifest["versions"] else None
    pending = any(not p.empty for p in plans.values())
    # a table committed by a run killed before its manifest entry: head differs from the current
    # entry, and this run records the version that completes the work
    if not pending and current is not None and current["tables"] == head:
        ensure_snapshot(out, manifest)
        return _unchanged(current["dataset_version"], rows, head)
    # only a failed version records its rows' digest: the same failing input is not checked again
    if (
        last is not None
        and last.get("status") == "failed_quality"
        and last.get("state_hash") == content_hash(tables)
    ):
        logger.error("inputs unchanged since dataset version %d, which failed the quality gate", version - 1)
        quality = {
            "gate": "failed",
            "message": f"unchanged since dataset version {version - 1}, "
            "which failed the quality gate (see its report)",
            "summary_html": last.get("quality"),
        }
        return {**_unchanged(last["dataset_version"], rows, head), "quality": quality}

    previous = _previous_tables(out, current, head, plans)
    quality = quality_task(
        out, version, tables, previous, {**facts, "rows": rows, "run_id": run_id}, docs_history
    )
    lap("quality")
    passed = quality.get("gate") != "failed"
    if passed:
        meta = {"run_id": run_id, "dataset_version": str(version), "source_snapshot": snapshot}
        for name, plan in plans.items():
            res = commit_sync(plan, meta, version)
            _fault_point(f"after:{name}")
            if res.version is not None:
                logger.info(
                    "%s: +%d ~%d -%d rows -> delta version %d",
                    name,
                    res.inserted,
                    res.updated,
                    res.deleted,
                    res.version,
                )
        head = table_versions(out)
        write_snapshot(out, version, {name: plan.desired for name, plan in plans.items()})
        lap("publish")
    else:
        logger.error(
            "quality gate failed; dataset version %d was not committed: %s", version, quality.get("message")
        )
    manifest["versions"].append(
        {
            "dataset_version": version,
            "run_id": run_id,
            "created_at": dt.datetime.now(dt.UTC).isoformat(),
            "source_snapshot": snapshot,
            "tables": head if passed else {},
            "rows": rows,
            "status": "published" if passed else "failed_quality",
            "quality": quality.get("summary_json"),
            **({} if passed else {"state_hash": content_hash(tables)}),
        }
    )
    if passed:
        manifest["current"] = version
    write_manifest(out, manifest)
    ensure_snapshot(out, manifest)
    return {
        "dataset_version": version,
        "changed": True,
        "rows": rows,
        "rejects": rows["rejects"],
        "table_versions": head,
        "quality": quality,
    }


def _nothing_new(out: Path, fingerprint: str, listing: str) -> dict[str, Any] | None:
    """The last completed run's outcome when this run's input is the one it read (same listing, same
    code) and the tables are as it left them; None when the run has work to do. Reads a few small
    files: a scheduled run that finds nothing new costs the listing of the raw dir."""
    last_run = last_listing(out, fingerprint)
    if last_run is None or last_run[0] != listing:
        return None
    manifest = read_manifest(out)
    if not manifest["versions"]:
        return None
    current, last = current_entry(manifest), manifest["versions"][-1]
    head = table_versions(out)
    if (current["tables"] if current is not None else {}) != head:
        return None  # a run killed while committing: this run completes its work
    facts = dict(last_run[1])
    if last.get("status") == "failed_quality":
        quality = {
            "gate": "failed",
            "message": f"unchanged since dataset version {last['dataset_version']}, "
            "which failed the quality gate (see its report)",
            "summary_html": last.get("quality"),
        }
        return {**facts, **_unchanged(last["dataset_version"], last["rows"], head), "quality": quality}
    if current is None:
        return None
    ensure_snapshot(out, manifest)
    return {**facts, **_unchanged(current["dataset_version"], current["rows"], head)}


def _unchanged(version: int, rows: dict[str, int], head: dict[str, int]) -> dict[str, Any]:
    return {
        "dataset_version": version,
        "changed": False,
        "rows": rows,
        "rejects": rows["rejects"],
        "table_versions": head,
        "quality": {},
    }


def _previous_tables(
    out: Path, current: dict[str, Any] | None, head: dict[str, int], plans: dict[str, Any]
) -> dict[str, Any] | None:
    """The current version's tables, for the drift checks: the rows the plans already read when the
    tables' heads are that version (the usual case), else read at the version's table versions."""
    if current is None:
        return None
    if current["tables"] == head:
        return {
            name: plan.head if plan.head is not None else read_table(out, name)
            for name, plan in plans.items()
        }
    return {name: read_table(out, name) for name in TABLES}


@task(name="quality-report", cache_policy=NO_CACHE)
def quality_task(
    out: Path,
    version: int,
    tables: dict[str, Any],
    previous: dict[str, Any] | None,
    facts: dict[str, Any],
    docs_history: int,
) -> dict[str, Any]:
    from store.quality import run_quality

    return run_quality(
        out, version, tables, previous, facts, docs_history=docs_history, gx_check=parallel.quality_check()
    )


def with_task_runner(kind: str = "threads", dask_address: str | None = None) -> Any:
    """The flow with the chosen task runner: local threads (default) or a Dask cluster via prefect-dask
    (a LocalCluster of 2 single-threaded workers when no address is given)."""
    if kind == "threads":
        return publish_dataset
    if kind != "dask":
        raise ValueError(f"unknown task runner {kind!r} (threads or dask)")
    from prefect_dask import DaskTaskRunner

    if dask_address:
        runner = DaskTaskRunner(address=dask_address)
    else:
        os.environ.setdefault("DASK_TEMPORARY_DIRECTORY", tempfile.gettempdir())
        runner = DaskTaskRunner(
            cluster_class="distributed.LocalCluster",
            cluster_kwargs={
                "n_workers": 2,
                "threads_per_worker": 1,
                "processes": True,
                "dashboard_address": None,
            },
        )
    return publish_dataset.with_options(task_runner=runner)  # type: ignore[arg-type]


def _report(out: Path, result: RunSummary, logger: Any) -> None:
    md = result.as_markdown()
    try:
        create_markdown_artifact(
            markdown=md, key="newsfacts-run-summary", description="newsfacts run summary"
        )
    except Exception as e:  # noqa: BLE001 - the artifact is a convenience, the data is published
        logger.warning("could not create the Prefect artifact: %s", e)
    logger.info("dataset version %s: %s", result.dataset_version, result.rows)
    logger.info("seconds per stage: %s", ", ".join(f"{k} {v:.2f}" for k, v in result.stage_seconds.items()))


def _fault_point(point: str) -> None:
    """Test hook for crash-safety tests: NEWSFACTS_FAULT_PAUSE="after:<table>:<seconds>" pauses there
    so a test can kill -9 the run mid-publish. Unset in normal operation."""
    spec = os.environ.get("NEWSFACTS_FAULT_PAUSE", "")
    if spec and spec.rsplit(":", 1)[0] == point:
        deadline = time.monotonic() + float(spec.rsplit(":", 1)[1])
        release = os.environ.get("NEWSFACTS_FAULT_RELEASE")  # a file whose creation ends the pause early
        while time.monotonic() < deadline and not (release and os.path.exists(release)):
            time.sleep(0.1)


def _run_id() -> str:
    try:
        from prefect.runtime import flow_run

        rid = flow_run.get_id()
        if rid:
            return str(rid)
    except Exception:  # noqa: BLE001
        pass
    return uuid.uuid4().hex
