"""The pipeline, in the order it runs: read this first.

Every batch stage has one signature, ``stage(batch, ctx) -> batch``: a `Batch` in, the same batch
with the stage's output, its rejects and its stats out. `BATCH_STAGES` is the order, declared once.
Stages are pure: they never read files, caches or the environment. The worker that runs them
(`flows.parallel`) fills a batch from the caches before a stage and stores what it produced after it,
through the ``before``/``after`` hooks of `run_batch`.

    raw files --ingest (store.files + newsfacts.ingest)--> RawDocument
      per batch, in a worker:   clean -> merge -> extract -> tables        (BATCH_STAGES)
      the kept parts (store.parts): only documents whose clean key changed are batched
        (process.work_to_redo); every other copy's frames come from the last run
      over the corpus, in the flow: process.finish_tables (same article in several files, duplicate
        paragraphs across articles, entity canonicalisation, in columns) -> validate.validate_tables
      -> quality gate (store.quality) -> publish (store.publish)
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsfacts import process
from newsfacts.ingest import RawDocument
from newsfacts.validate import stage_reject


@dataclass(frozen=True)
class BatchContext:
    """What every stage of a run may know besides its batch (one object, not a parameter list)."""

    counts: Mapping[int, int]  # corpus line counts: the boilerplate signal of recurring lines
    corpus_size: int  # documents in the corpus
    run_id: str
    ingested_at: dt.datetime
    n_process: int = 1  # spaCy processes for extraction (0: auto, see `processes`)
    cpus: int = 1  # cores of the machine, for the auto choice


@dataclass
class Batch:
    """One batch as it goes through the stages."""

    docs: list[RawDocument] = field(default_factory=list)  # documents still to clean
    articles: list[process.Article] = field(default_factory=list)  # cleaned (cache hits enter here)
    extracted: dict[str, process.Extracted] = field(default_factory=dict)  # per article_id
    tables: process.BatchTables | None = None
    rejects: list[dict[str, Any]] = field(default_factory=list)
    fresh_articles: list[process.Article] = field(default_factory=list)  # cleaned by this run
    fresh_extracted: dict[str, process.Extracted] = field(default_factory=dict)  # extracted by this run
    stats: dict[str, dict[str, float]] = field(default_factory=dict)  # per stage: items, seconds


Stage = Callable[[Batch, BatchContext], Batch]


def clean(batch: Batch, ctx: BatchContext) -> Batch:
    """Every line gets a role and a reason; the body is what is left (`newsfacts.clean`)."""
    fresh, failed = process.clean_batch(batch.docs, ctx.counts, ctx.corpus_size)
    batch.rejects += [
        stage_reject(d.source_file, stage, f"{stage} raised {err}", ctx.run_id) for d, stage, err in failed
    ]
    batch.fresh_articles = fresh
    batch.articles = [*batch.articles, *fresh]
    batch.docs = []
    return batch


def merge(batch: Batch, ctx: BatchContext) -> Batch:
    """The same article arriving in several files of the batch is one article (`also_seen_in`)."""
    batch.articles = process.merge_same_articles(batch.articles)
    return batch


def extract(batch: Batch, ctx: BatchContext) -> Batch:
    """Entities, figures and agreements of every article not extracted yet; an article whose
    extraction raises is quarantined alone and the rest of the batch goes on."""
    todo = [a for a in batch.articles if a.article_id not in batch.extracted]
    fresh: dict[str, process.Extracted] = {}
    if todo:
        try:
            fresh = process.extract_batch(todo, n_process=processes(ctx.n_process, len(todo), ctx.cpus))
        except Exception:  # noqa: BLE001 - isolate the poisoned document(s), keep the rest
            for a in todo:
                try:
                    fresh.update(process.extract_batch([a]))
                except Exception as e:  # noqa: BLE001
                    error = f"extraction raised {type(e).__name__}: {e}"
                    batch.rejects.append(stage_reject(a.doc.source_file, "extract", error, ctx.run_id))
    batch.fresh_extracted = fresh
    batch.extracted = {**batch.extracted, **fresh}
    poisoned = {a.doc.source_file for a in todo if a.article_id not in fresh}
    batch.articles = [a for a in batch.articles if a.doc.source_file not in poisoned]
    return batch


def tables(batch: Batch, ctx: BatchContext) -> Batch:
    """The batch's rows of every table, as compact frames (`process.batch_tables`)."""
    batch.tables = process.batch_tables(batch.articles, batch.extracted, ctx.ingested_at)
    return batch


BATCH_STAGES: tuple[tuple[str, Stage], ...] = (
    ("clean", clean),
    ("merge", merge),
    ("extract", extract),
    ("tables", tables),
)

Hook = Callable[[Batch], None]


def run_batch(
    batch: Batch,
    ctx: BatchContext,
    before: Mapping[str, Hook] | None = None,
    after: Mapping[str, Hook] | None = None,
    stages: Sequence[tuple[str, Stage]] = BATCH_STAGES,
) -> Batch:
    """Run the stages in order, with the caller's hooks around them, and record each stage's time."""
    for name, stage in stages:
        if before and name in before:
            before[name](batch)
        t0, n_in = time.perf_counter(), len(batch.articles) + len(batch.docs)
        batch = stage(batch, ctx)
        batch.stats[name] = {"items_in": n_in, "seconds": round(time.perf_counter() - t0, 4)}
        if after and name in after:
            after[name](batch)
    return batch


def processes(requested: int, n_articles: int, cpus: int) -> int:
    """Processes for a piece of work: `requested`, or with 0 (auto) all cores (at most 4) when there
    are enough articles to repay starting them (about a second each), else 1."""
    if requested > 0:
        return requested
    return min(cpus, 4) if n_articles >= 64 else 1
