"""Per-batch work of the flow (clean, extract with the cache, build the batch's frames), run inline or
in a pool of worker processes that load the spaCy pipelines once per run.

A batch goes in as raw documents and comes back as compact frames (`process.BatchTables`) plus reject
rows: raw text, cleaned records and extraction records never leave the worker, so the flow's memory is
bounded by the batch size and the frames, not by the corpus.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing as mp
import os
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

from newsfacts import pipeline, process
from newsfacts.ingest import RawDocument
from store.files import CleanCache, ExtractionCache

_POOLS: dict[str, Any] = {}


@dataclass(frozen=True)
class BatchItem:
    """One document of a batch: its clean-cache key (`clean_key`) and its raw document, or None when
    the flow found its cleaned article in the clean cache (a raw file not read again this run)."""

    source_file: str
    clean_key: str
    doc: RawDocument | None


@dataclass(frozen=True)
class BatchJob:
    """What a worker needs besides a batch and the corpus line counts, in one object."""

    corpus_size: int
    cache_dir: str  # the out dir, whose caches the worker reads and fills
    fingerprint: str  # code and model fingerprint that keys the caches
    run_id: str
    ingested_at: dt.datetime
    n_process: int = 1
    spacy_model: str | None = None


def run_batch(
    items: Sequence[BatchItem], counts: Mapping[int, int], job: BatchJob
) -> tuple[process.BatchTables, list[dict]]:
    """One batch through `pipeline.BATCH_STAGES`, with the caches around the stages: cleaned
    articles and extraction results come from the caches when they hold them, and what the stages
    produce fresh goes into them."""
    clean_cache = CleanCache(Path(job.cache_dir), job.fingerprint)
    extract_cache = ExtractionCache(Path(job.cache_dir), job.fingerprint)
    batch = pipeline.Batch()
    keys: dict[str, str] = {}
    for it in items:
        rec = clean_cache.get(it.clean_key)
        if rec is not None:
            batch.articles.append(process.article_from_record(rec))
        elif it.doc is not None:
            if it.source_file not in keys:
                batch.docs.append(it.doc)
            keys[it.source_file] = it.clean_key
        else:  # the flow saw it there moments ago, under the run lock
            raise RuntimeError(f"{it.source_file}: cleaned article left the cache during the run")

    def store_cleaned(b: pipeline.Batch) -> None:
        for a in b.fresh_articles:
            clean_cache.put(keys[a.doc.source_file], process.article_record(a))

    def load_extracted(b: pipeline.Batch) -> None:
        for a in b.articles:
            hit = extract_cache.get(a.article_id)
            if hit is not None:
                b.extracted[a.article_id] = from_cache(hit)

    def store_extracted(b: pipeline.Batch) -> None:
        for aid, ex in b.fresh_extracted.items():
            extract_cache.put(aid, asdict(ex))

    ctx = pipeline.BatchContext(
        counts, job.corpus_size, job.run_id, job.ingested_at, job.n_process, os.cpu_count() or 1
    )
    batch = pipeline.run_batch(
        batch,
        ctx,
        before={"extract": load_extracted},
        after={"clean": store_cleaned, "extract": store_extracted},
    )
    assert batch.tables is not None
    return batch.tables, batch.rejects


def processes(requested: int, n_articles: int) -> int:
    """`pipeline.processes` on this machine's cores."""
    return pipeline.processes(requested, n_articles, os.cpu_count() or 1)


def from_cache(hit: dict[str, Any]) -> process.Extracted:
    for g in hit.get("agreements", []):
        if isinstance(g.get("date"), str):
            g["date"] = dt.date.fromisoformat(g["date"][:10])
    return process.Extracted(hit["mentions"], hit["figures"], hit["agreements"])


# ---------------------------------------------------------------- worker pool


# a made-up article that goes through every step once when a worker starts
_WARM_UP = (
    "Warm-up Article Title\n\nBy Jane Doe, Reuters | March 3, 2025\n\n"
    "SEOUL, March 3 (Reuters) - Samsung Electronics and Acme Corp signed a memorandum of understanding "
    "on Monday to invest $1.5 billion in a joint venture in South Korea, raising output by 12 percent.\n\n"
    "The two companies agreed to start talks on a supply deal, the ministry said in Seoul.\n"
)


def _init_worker() -> None:
    """Load the pipelines, then run one made-up article through clean, extract and the frames: a worker
    starts while the flow (or Prefect) is still starting, so the first real batch finds the models,
    lexicons, compiled patterns and imports ready instead of paying for them."""
    from flows.config import from_env
    from newsfacts.extract.entities import load_ner
    from newsfacts.ingest import parse_raw
    from newsfacts.nlp import configure, load_nlp

    configure(from_env().spacy_model)  # a worker's start is an edge: it reads its configuration once
    load_ner()
    load_nlp(disable=("ner",))  # the agreements' parser: extract_batch hands it the NER pass's spans
    try:
        docs, _ = parse_raw("warm-up.txt", _WARM_UP.encode())
        articles, _ = process.clean_batch(docs, {}, 1)
        process.batch_tables(articles, process.extract_batch(articles), dt.datetime.now(dt.UTC))
    except Exception:  # noqa: BLE001 - only a head start: the real batches run (and report) as usual
        pass


def _pool_batch(
    items: Sequence[BatchItem], counts: Mapping[int, int], job: BatchJob
) -> tuple[process.BatchTables, list[dict]]:
    return run_batch(items, counts, replace(job, n_process=1))


_PRESTARTED = "prestarted"


def _start_process(initializer: Any) -> ProcessPoolExecutor:
    """A one-process executor started now (spawn, not fork: the flow process has threads), so its
    initializer's loading overlaps other work."""
    ex = ProcessPoolExecutor(1, mp_context=mp.get_context("spawn"), initializer=initializer)
    ex.submit(os.getpid)
    return ex


class WorkerPool:
    """Worker processes, each its own one-process executor: a pool grows only by explicit starts
    (ProcessPoolExecutor would spawn another worker whenever a task arrives while its workers are
    still loading models), and a worker started before the flow can join the flow's pool."""

    def __init__(self, workers: list[ProcessPoolExecutor]) -> None:
        self.workers = workers
        self._busy = [0] * len(workers)
        self._lock = threading.Lock()

    @staticmethod
    def start_worker() -> ProcessPoolExecutor:
        return _start_process(_init_worker)

    def submit(self, fn: Any, *args: Any) -> Future:
        with self._lock:  # the least busy worker
            i = min(range(len(self.workers)), key=self._busy.__getitem__)
            self._busy[i] += 1
        fut = self.workers[i].submit(fn, *args)
        fut.add_done_callback(lambda _: self._done(i))
        return fut

    def _done(self, i: int) -> None:
        with self._lock:
            self._busy[i] -= 1

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        for ex in self.workers:
            ex.shutdown(wait=wait, cancel_futures=cancel_futures)


def prestart_pool() -> None:
    """Start one worker before the flow exists (the CLI calls this before Prefect starts up), so
    its interpreter start and model loading overlap Prefect's start-up instead of the run. The
    flow's `start_pool` adopts it; `discard_prestarted` drops it when the run did not."""
    if _PRESTARTED not in _POOLS:
        _POOLS[_PRESTARTED] = WorkerPool([WorkerPool.start_worker()])


def discard_prestarted() -> None:
    pool = _POOLS.pop(_PRESTARTED, None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


_WARM = "warm"
_KEEP_WARM: list[bool] = [False]


def keep_warm() -> None:
    """From now on the worker pool and the quality process outlive the runs of this process (the
    long-lived `newsfacts serve`): the next run finds the models loaded and the imports done."""
    _KEEP_WARM[0] = True


def prewarm(workers: int) -> None:
    """Start the kept pool's workers and the quality process now (they load in the background), so
    that the first scheduled run finds them ready too."""
    if _KEEP_WARM[0]:
        _warm_pool(workers)
        start_quality_process()


def release_warm() -> None:
    """Stop keeping them: shut the warm pool and the quality process down."""
    _KEEP_WARM[0] = False
    stop_pool(_WARM)
    stop_quality_process()


def _alive(ex: ProcessPoolExecutor) -> bool:
    """Whether a kept worker still answers (a worker killed between runs, e.g. for memory, is replaced)."""
    try:
        ex.submit(os.getpid).result(timeout=60)
        return True
    except Exception:  # noqa: BLE001 - a broken or hung worker is replaced, whatever the reason
        ex.shutdown(wait=False, cancel_futures=True)
        return False


def _warm_pool(workers: int) -> WorkerPool:
    """The kept pool with at least `workers` live workers."""
    pool = _POOLS.get(_WARM)
    have = [ex for ex in pool.workers if _alive(ex)] if pool is not None else []
    pre = _POOLS.pop(_PRESTARTED, None)
    have += list(pre.workers) if pre is not None else []
    have += [WorkerPool.start_worker() for _ in range(workers - len(have))]
    if pool is None or have != pool.workers:
        pool = _POOLS[_WARM] = WorkerPool(have)
    return pool


def start_pool(key: str, workers: int) -> None:
    """A pool of `workers` worker processes under `key`, the prestarted worker among them (or the
    kept pool, see `keep_warm`)."""
    if _KEEP_WARM[0]:
        _POOLS[key] = _warm_pool(workers)
        return
    pre = _POOLS.pop(_PRESTARTED, None)
    have = list(pre.workers) if pre is not None else []
    for ex in have[workers:]:
        ex.shutdown(wait=False, cancel_futures=True)
    have = have[:workers]
    _POOLS[key] = WorkerPool(have + [WorkerPool.start_worker() for _ in range(workers - len(have))])


def get_pool(key: str | None) -> Any:
    return _POOLS.get(key) if key else None


def stop_pool(key: str, wait: bool = True) -> None:
    """Shut the pool down; wait=False lets its processes exit while the caller goes on. The kept pool
    (`keep_warm`) stays up for the next run."""
    pool = _POOLS.pop(key, None)
    if pool is not None and (key == _WARM or pool is not _POOLS.get(_WARM)):
        pool.shutdown(wait=wait, cancel_futures=True)


# ---------------------------------------------------------------- quality process

_QUALITY = "quality"


def _init_quality() -> None:
    # Great Expectations takes about two seconds of imports: paid here, off the flow's process, at a
    # lower priority, so that it takes the cores the flow and the extraction workers leave idle
    try:
        os.nice(10)
    except OSError:
        pass
    import great_expectations  # noqa: F401

    import store.quality  # noqa: F401


def start_quality_process() -> None:
    """A process for the Great Expectations part of the quality report (`quality.check_batches`),
    started early so its imports overlap the run; kept when one was started already (by `newsfacts
    run`). One, not one per core: a short run's start-up is CPU-bound, and a second process's
    imports cost more than it saves (measured: flow 7.4 s with two against 3.4 s with one)."""
    kept = _POOLS.get(_QUALITY)
    if kept is not None and _KEEP_WARM[0] and not _alive(kept):
        _POOLS.pop(_QUALITY)
    if _QUALITY not in _POOLS:
        _POOLS[_QUALITY] = _start_process(_init_quality)


def quality_check() -> Any:
    """`quality.check_batches` run in the quality process, or None when there is none."""
    pool = _POOLS.get(_QUALITY)
    if pool is None:
        return None
    from store.quality import check_batches

    def check(*args: Any) -> Any:
        return pool.submit(check_batches, *args).result()

    return check


def stop_quality_process() -> None:
    """Stop the quality process, unless it is kept for the next run (`keep_warm`)."""
    if not _KEEP_WARM[0]:
        stop_pool(_QUALITY, wait=False)
