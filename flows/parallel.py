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
import pickle
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from flows.io import CleanCache, ExtractionCache
from newsfacts import process
from newsfacts.ingest import RawDocument
from newsfacts.validate import reject_row

_POOLS: dict[str, ProcessPoolExecutor] = {}
_COUNTS: dict[str, Mapping[int, int]] = {}


@dataclass(frozen=True)
class BatchItem:
    """One document of a batch: its clean-cache key (`clean_key`) and its raw document, or None when
    the flow found its cleaned article in the clean cache (a raw file not read again this run)."""

    source_file: str
    clean_key: str
    doc: RawDocument | None


def run_batch(
    items: Sequence[BatchItem],
    counts: Mapping[int, int],
    corpus_size: int,
    cache_dir: str,
    fingerprint: str,
    run_id: str,
    ingested_at: dt.datetime,
    n_process: int = 1,
) -> tuple[process.BatchTables, list[dict]]:
    """Clean (clean cache first), merge within the batch, extract (cache first), build the batch's frames."""
    cache = CleanCache(Path(cache_dir), fingerprint)
    cleaned: list[process.Article] = []
    todo: dict[str, BatchItem] = {}
    for it in items:
        rec = cache.get(it.clean_key)
        if rec is not None:
            cleaned.append(process.article_from_record(rec))
        elif it.doc is not None:
            todo[it.source_file] = it
        else:  # the flow saw it there moments ago, under the run lock
            raise RuntimeError(f"{it.source_file}: cleaned article left the cache during the run")
    fresh, failed = process.clean_batch(
        [it.doc for it in todo.values() if it.doc is not None], counts, corpus_size
    )
    for a in fresh:
        cache.put(todo[a.doc.source_file].clean_key, process.article_record(a))
    cleaned.extend(fresh)
    rejects = [
        reject_row(
            "articles",
            {"source_file": d.source_file},
            f"stage:{stage}",
            f"{d.source_file}: {stage} raised {err}",
            run_id,
            d.source_file,
        )
        for d, stage, err in failed
    ]
    articles = process.merge_same_articles(cleaned)
    extracted, rej = extract_cached(articles, cache_dir, fingerprint, run_id, n_process)
    rejects.extend(rej)
    poisoned = {r["source_file"] for r in rej}
    articles = [a for a in articles if a.doc.source_file not in poisoned]
    return process.batch_tables(articles, extracted, ingested_at), rejects


def extract_cached(
    articles: Sequence[process.Article], cache_dir: str, fingerprint: str, run_id: str, n_process: int = 1
) -> tuple[dict[str, process.Extracted], list[dict]]:
    """Extraction results per article_id: from the cache, else extracted (and cached); an article whose
    extraction raises is isolated and returned as a reject row (check stage:extract)."""
    cache = ExtractionCache(Path(cache_dir), fingerprint)
    out: dict[str, process.Extracted] = {}
    todo = []
    for a in articles:
        hit = cache.get(a.article_id)
        if hit is not None:
            out[a.article_id] = from_cache(hit)
        else:
            todo.append(a)
    rejects: list[dict] = []
    if todo:
        try:
            fresh = process.extract_batch(todo, n_process=processes(n_process, len(todo)))
        except Exception:  # noqa: BLE001 - isolate the poisoned document(s), keep the rest
            fresh = {}
            for a in todo:
                try:
                    fresh.update(process.extract_batch([a]))
                except Exception as e:  # noqa: BLE001
                    rejects.append(
                        reject_row(
                            "articles",
                            {"source_file": a.doc.source_file},
                            "stage:extract",
                            f"{a.doc.source_file}: extraction raised {type(e).__name__}: {e}",
                            run_id,
                            a.doc.source_file,
                        )
                    )
        for aid, ex in fresh.items():
            cache.put(aid, asdict(ex))
        out.update(fresh)
    return out, rejects


def processes(requested: int, n_articles: int) -> int:
    """Processes for a piece of work: `requested`, or with 0 (auto) all cores (at most 4) when there
    are enough articles to repay starting them (about a second each), else 1."""
    if requested > 0:
        return requested
    return min(os.cpu_count() or 1, 4) if n_articles >= 64 else 1


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
    from newsfacts.extract.entities import load_ner
    from newsfacts.ingest import parse_raw
    from newsfacts.nlp import load_nlp

    load_ner()
    load_nlp(disable=("ner",))  # the agreements' parser: extract_batch hands it the NER pass's spans
    try:
        docs, _ = parse_raw("warm-up.txt", _WARM_UP.encode())
        articles, _ = process.clean_batch(docs, {}, 1)
        process.batch_tables(articles, process.extract_batch(articles), dt.datetime.now(dt.UTC))
    except Exception:  # noqa: BLE001 - only a head start: the real batches run (and report) as usual
        pass


def _pool_batch(
    items: Sequence[BatchItem],
    counts_path: str,
    corpus_size: int,
    cache_dir: str,
    fingerprint: str,
    run_id: str,
    ingested_at: dt.datetime,
) -> tuple[process.BatchTables, list[dict]]:
    counts = _COUNTS.get(counts_path)
    if counts is None:
        _COUNTS.clear()
        with open(counts_path, "rb") as fh:
            counts = _COUNTS[counts_path] = pickle.load(fh)
    return run_batch(items, counts, corpus_size, cache_dir, fingerprint, run_id, ingested_at, n_process=1)


_PRESTARTED = "prestarted"
_PRESTARTED_MAX = [0]  # the prestarted pool's worker limit


def _new_pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the flow process has threads. Workers start on demand, up to `workers`.
    return ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn"), initializer=_init_worker)


def prestart_pool(max_workers: int) -> None:
    """Start one worker before the flow exists (the CLI calls this before Prefect starts up), so
    its interpreter start and model loading overlap Prefect's start-up instead of the run. The
    flow's `start_pool` adopts it; `discard_prestarted` drops it when the run did not."""
    if max_workers < 1 or _PRESTARTED in _POOLS:
        return
    pool = _new_pool(max_workers)
    pool.submit(os.getpid)
    _POOLS[_PRESTARTED] = pool
    _PRESTARTED_MAX[0] = max_workers


def discard_prestarted() -> None:
    pool = _POOLS.pop(_PRESTARTED, None)
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def start_pool(key: str, workers: int) -> None:
    """A pool of `workers` processes under `key`: the prestarted one when it is big enough."""
    pool = _POOLS.pop(_PRESTARTED, None)
    if pool is not None and _PRESTARTED_MAX[0] < workers:
        pool.shutdown(wait=False, cancel_futures=True)
        pool = None
    if pool is None:
        pool = _new_pool(workers)
    for _ in range(workers):  # start them now so the model loading overlaps the ingest
        pool.submit(os.getpid)
    _POOLS[key] = pool


def get_pool(key: str | None) -> ProcessPoolExecutor | None:
    return _POOLS.get(key) if key else None


def stop_pool(key: str, wait: bool = True) -> None:
    """Shut the pool down; wait=False lets its processes exit while the caller goes on."""
    pool = _POOLS.pop(key, None)
    if pool is not None:
        pool.shutdown(wait=wait, cancel_futures=True)


def share_counts(counts: Mapping[int, int], path: Path) -> str:
    """Write the corpus line counts once for the workers (each loads them once per run)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        pickle.dump(dict(counts), fh, protocol=pickle.HIGHEST_PROTOCOL)
    return str(path)
