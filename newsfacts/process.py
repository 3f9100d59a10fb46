"""Pure pipeline steps over batches of documents: raw docs -> cleaned articles -> records -> tables.

Every function here is pure (records in, records out). `flows/` decides batching, caching, I/O.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import polars as pl

from newsfacts.dates import parse_iso_date
from newsfacts.extract.entities import MENTION_COLUMNS, mention_id
from newsfacts.ids import stable_id
from newsfacts.ingest import RawDocument
from newsfacts.textnorm import normalise
from schemas import TABLES

if TYPE_CHECKING:
    from newsfacts.extract.agreements import AgreementInput


@dataclass
class Article:
    """One cleaned document, before corpus-level merging."""

    article_id: str
    doc: RawDocument
    cleaned: dict[str, Any]
    body_paragraphs: list[str]
    also_seen_in: list[str] = field(default_factory=list)


@dataclass
class Extracted:
    """Per-article extraction results (cacheable by article_id)."""

    mentions: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    agreements: list[dict[str, Any]]


# ---------------------------------------------------------------- cleaning


def count_lines(docs: Iterable[RawDocument]) -> Counter[int]:
    """Corpus line counts of the documents (see `boilerplate.count_corpus_lines`)."""
    from newsfacts.boilerplate import count_corpus_lines

    return Counter(count_corpus_lines(d.text for d in docs))


def clean_batch(
    docs: Sequence[RawDocument], corpus_line_counts: Mapping[int, int], corpus_size: int
) -> tuple[list[Article], list[tuple[RawDocument, str, str]]]:
    """Clean each document; a document that makes the cleaner raise is returned as a failure."""
    from newsfacts.clean import clean_document

    out: list[Article] = []
    failed: list[tuple[RawDocument, str, str]] = []
    for d in docs:
        try:
            cleaned = clean_document(d.text, corpus_line_counts=corpus_line_counts, corpus_size=corpus_size)
        except Exception as e:  # noqa: BLE001 - a poisoned document is quarantined, the batch goes on
            failed.append((d, "clean", f"{type(e).__name__}: {e}"))
            continue
        _apply_hints(cleaned, d.hints)
        body = cleaned.get("body") or ""
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        article_id = (
            stable_id("article", normalise(body)) if body.strip() else stable_id("empty", d.source_file)
        )
        out.append(Article(article_id, d, cleaned, paragraphs))
    return out, failed


def _apply_hints(cleaned: dict[str, Any], hints: Mapping[str, Any]) -> None:
    """Metadata the input carried explicitly (HTML meta, JSONL fields) fills what text did not give."""
    if hints.get("title"):
        cleaned["title"] = hints["title"]
    for key in ("author", "publisher"):
        if hints.get(key) and not cleaned.get(key):
            cleaned[key] = hints[key]
    if hints.get("published") and not cleaned.get("published_date"):
        cleaned["published_date"] = parse_iso_date(hints["published"])


def article_record(a: Article) -> dict[str, Any]:
    """A cleaned article as JSON-ready data (the raw text is not kept: nothing downstream reads it)."""
    doc = a.doc
    cleaned = dict(a.cleaned)
    if isinstance(cleaned.get("published_date"), dt.date):
        cleaned["published_date"] = cleaned["published_date"].isoformat()
    return {
        "article_id": a.article_id,
        "doc": {
            "source_file": doc.source_file,
            "encoding": doc.encoding,
            "content_sha256": doc.content_sha256,
            "source_format": doc.source_format,
            "hints": doc.hints,
        },
        "cleaned": cleaned,
        "body_paragraphs": a.body_paragraphs,
    }


def article_from_record(rec: Mapping[str, Any]) -> Article:
    d = rec["doc"]
    doc = RawDocument(
        d["source_file"], "", d["encoding"], d["content_sha256"], d["source_format"], d["hints"]
    )
    cleaned = dict(rec["cleaned"])
    if isinstance(cleaned.get("published_date"), str):
        cleaned["published_date"] = dt.date.fromisoformat(cleaned["published_date"])
    return Article(rec["article_id"], doc, cleaned, list(rec["body_paragraphs"]))


def merge_same_articles(articles: Sequence[Article]) -> list[Article]:
    """The same article arriving in several raw files becomes one article (first file by name)."""
    by_id: dict[str, Article] = {}
    for a in sorted(articles, key=lambda a: a.doc.source_file):
        first = by_id.get(a.article_id)
        if first is None:
            by_id[a.article_id] = a
        else:
            first.also_seen_in.append(a.doc.source_file)
    return list(by_id.values())


# ---------------------------------------------------------------- extraction


def extract_batch(
    articles: Sequence[Article], *, nlp: Any = None, n_process: int = 1
) -> dict[str, Extracted]:
    from newsfacts.extract.agreements import extract_agreements_batch
    from newsfacts.extract.entities import extract_mentions_and_ents
    from newsfacts.extract.figures import extract_figures

    # one NER pass: its mentions, and its raw spans for the agreements' sentences (not tagged again)
    mentions_per_article, ents_per_article = extract_mentions_and_ents(
        [a.body_paragraphs for a in articles], nlp=nlp, n_process=n_process
    )
    figures_per_article: list[list[dict[str, Any]]] = []
    inputs: list[AgreementInput] = []
    for a, mentions, ents in zip(articles, mentions_per_article, ents_per_article):
        figures: list[dict[str, Any]] = []
        for pos, para in enumerate(a.body_paragraphs):
            base = len(figures)  # `equivalent_to` indexes the paragraph's list; make it the article's
            for f in extract_figures(para):
                eq = f.get("equivalent_to")
                figures.append({**f, "position": pos, "equivalent_to": None if eq is None else base + eq})
        figures_per_article.append(figures)
        inputs.append(agreement_input(a.body_paragraphs, mentions, ents))
    # one parse over the candidate sentences of the whole batch
    agreements_per_article = extract_agreements_batch(inputs)
    return {
        a.article_id: Extracted(list(mentions), figures, agreements)
        for a, mentions, figures, agreements in zip(
            articles, mentions_per_article, figures_per_article, agreements_per_article
        )
    }


def agreement_input(
    paragraphs: Sequence[str], mentions: Sequence[Mapping[str, Any]], ents: Sequence[Any]
) -> AgreementInput:
    """The agreements' input for an article: its body as one text, and the NER pass's mentions and
    raw spans (paragraph offsets) moved to offsets in that text."""
    from newsfacts.extract.agreements import AgreementInput

    offsets = _paragraph_offsets(paragraphs)
    text_mentions = [
        {**m, "start": offsets[m["position"]] + m["start"], "end": offsets[m["position"]] + m["end"]}
        for m in mentions
    ]
    text_ents = [(offsets[pos] + s, offsets[pos] + e, label) for pos, s, e, label in ents]
    return AgreementInput("\n\n".join(paragraphs), text_mentions, text_ents)


def _paragraph_offsets(paragraphs: Sequence[str]) -> list[int]:
    offsets, pos = [], 0
    for p in paragraphs:
        offsets.append(pos)
        pos += len(p) + 2
    return offsets


# ---------------------------------------------------------------- tables


def _paragraph_rows(a: Article, dup_across: Mapping[tuple[str, int], str]) -> list[dict]:
    rows = []
    body_index = 0
    for p in a.cleaned.get("paragraphs", []):
        pid = stable_id("paragraph", a.article_id, p["position"])
        dup = p.get("duplicate_of")
        dup_id = stable_id("paragraph", a.article_id, dup) if dup is not None else None
        if p["role"] == "body":
            dup_id = dup_id or dup_across.get((a.article_id, body_index))
            body_index += 1
        rows.append(
            {
                "paragraph_id": pid,
                "article_id": a.article_id,
                "position": p["position"],
                "text": p["text"],
                "role": p["role"],
                "reason": p["reason"],
                "duplicate_of": dup_id,
            }
        )
    return rows


def _figure_rows(article_id: str, figures: Sequence[Mapping[str, Any]]) -> list[dict]:
    ids = [stable_id("figure", article_id, f["position"], f["start"], f["end"], f["text"]) for f in figures]
    rows = []
    for i, f in enumerate(figures):
        eq = f.get("equivalent_to")
        rows.append(
            {
                "figure_id": ids[i],
                "article_id": article_id,
                **{
                    k: f.get(k)
                    for k in (
                        "position",
                        "start",
                        "end",
                        "text",
                        "value",
                        "unit",
                        "kind",
                        "qualifier",
                        "subject",
                        "period",
                        "sentence",
                        "rule",
                    )
                },
                "equivalent_to": ids[eq] if isinstance(eq, int) and 0 <= eq < len(ids) else None,
            }
        )
    return rows


def _dedupe_ids(rows: list[dict], key: str) -> list[dict]:
    seen: set[str] = set()
    out = []
    for r in rows:
        if r[key] not in seen:
            seen.add(r[key])
            out.append(r)
    return out


def _frame(name: str, rows: list[dict]) -> pl.DataFrame:
    spec = TABLES[name]
    schema = spec.polars_schema
    if not rows:
        return pl.DataFrame(schema=schema)
    return pl.DataFrame([{c: r.get(c) for c in schema} for r in rows], schema=schema, strict=False)


def rejects_frame(rows: Sequence[Mapping[str, Any]]) -> pl.DataFrame:
    return _frame("rejects", _dedupe_ids([dict(r) for r in rows], "reject_id"))


# ---------------------------------------------------------------- streaming tables
#
# The tables, built batch by batch so that memory is bounded by the batch: `batch_tables` turns a batch of cleaned, extracted articles into compact frames (contract columns
# plus a few `_`-prefixed helper columns) and the raw records can be dropped; `finish_tables` does the
# corpus-level steps over the frames of all batches (same article in several batches, paragraph
# duplicates across articles, entity canonicalisation). Any split into batches gives the same tables
# as one batch of the whole corpus (tests/test_streaming.py).

_BODY_INDEX = "_body_index"


@dataclass
class BatchTables:
    """One batch's share of every table (articles merged within the batch)."""

    articles: pl.DataFrame
    paragraphs: pl.DataFrame  # + _body_index (index among body paragraphs, null for other roles)
    bodies: pl.DataFrame  # article_id, _body_index, text: each article's body_paragraphs
    figures: pl.DataFrame
    agreements: pl.DataFrame
    mentions: pl.DataFrame  # article_id + the mention dicts of `Extracted.mentions`

    def frames(self) -> dict[str, pl.DataFrame]:
        return {name: getattr(self, name) for name in PART_FRAMES}


# the frames of a BatchTables; every row has COPY, the raw file of its copy of the article
PART_FRAMES = ("articles", "paragraphs", "bodies", "figures", "agreements", "mentions")
COPY = "_copy"


def concat_parts(parts: Sequence[BatchTables]) -> BatchTables:
    """Several batches' frames as one (rows in order), e.g. to keep them between runs."""
    return BatchTables(
        **{name: pl.concat([p.frames()[name] for p in parts], how="vertical_relaxed") for name in PART_FRAMES}
    )


def without_copies(part: BatchTables, copies: Iterable[str]) -> BatchTables:
    """`part` less the rows of the given copies (by raw file)."""
    drop = pl.Series(COPY, sorted(set(copies)), dtype=pl.String)
    return BatchTables(**{n: f.filter(~pl.col(COPY).is_in(drop)) for n, f in part.frames().items()})


def copy_of_docs(part: BatchTables) -> dict[str, str]:
    """Raw file -> the copy (raw file) whose article row covers it."""
    out: dict[str, str] = {}
    for src, also, copy in part.articles.select("source_file", "also_seen_in", COPY).iter_rows():
        for doc in [src, *(also or [])]:
            out[doc] = copy
    return out


def work_to_redo(
    previous: Mapping[str, tuple[str, str | None]], current: Mapping[str, str]
) -> tuple[set[str], set[str]]:
    """What an incremental run must clean and extract again, and which kept copies it replaces.

    `previous`: raw file -> (clean key, copy covering it or None) as the last run left them;
    `current`: raw file -> clean key now. A document is redone when it is new, its clean key changed,
    or no copy covers it (it failed before); a copy is dropped when one of the documents it covers
    changed or left, and its other documents are redone with it (from the caches).
    Returns (documents to redo, copies to drop)."""
    changed = {d for d, key in current.items() if d not in previous or previous[d][0] != key}
    changed |= {d for d, (_, copy) in previous.items() if copy is None and d in current}
    gone = set(previous) - set(current)
    dropped = {c for d in changed | gone if d in previous and (c := previous[d][1]) is not None}
    redo = changed | {d for d, (_, copy) in previous.items() if copy in dropped and d in current}
    return redo, dropped


def batch_tables(
    articles: Sequence[Article], extracted: Mapping[str, Extracted], ingested_at: dt.datetime
) -> BatchTables:
    """Frames of one batch of merged articles (see `finish_tables`); cross-article paragraph
    duplicates are left for `finish_tables`."""
    art_rows: list[dict[str, Any]] = []
    para_rows: list[dict[str, Any]] = []
    body_idx: list[int | None] = []
    bodies: list[tuple[str, int, str]] = []
    fig_rows: list[dict[str, Any]] = []
    agr_rows: list[dict[str, Any]] = []
    men_rows: list[dict[str, Any]] = []
    for a in articles:
        art_rows.append(_article_row(a, ingested_at))
        rows = _paragraph_rows(a, {})
        n = 0
        for p in a.cleaned.get("paragraphs", []):
            if p["role"] == "body":
                body_idx.append(n)
                n += 1
            else:
                body_idx.append(None)
        para_rows.extend(rows)
        bodies.extend((a.article_id, i, t) for i, t in enumerate(a.body_paragraphs))
        ex = extracted.get(a.article_id)
        if ex is None:
            continue
        fig_rows.extend(_figure_rows(a.article_id, ex.figures))
        agr_rows.extend(_agreement_rows(a.article_id, ex.agreements))
        men_rows.extend(
            {**m, "article_id": a.article_id, "mention_id": mention_id(a.article_id, m)} for m in ex.mentions
        )
    paragraphs = _frame("paragraphs", para_rows).with_columns(
        pl.Series(_BODY_INDEX, body_idx, dtype=pl.Int64)
    )
    tables = BatchTables(
        articles=_frame("articles", art_rows),
        paragraphs=paragraphs,
        bodies=_bodies_frame(bodies),
        figures=_frame("figures", fig_rows),
        agreements=_frame("agreements", _dedupe_ids(agr_rows, "agreement_id")),
        mentions=pl.DataFrame(
            [{c: r.get(c) for c in MENTION_COLUMNS} for r in men_rows], schema=MENTION_COLUMNS, strict=False
        )
        if men_rows
        else pl.DataFrame(schema=MENTION_COLUMNS),
    )
    # every row names its copy of the article: the raw file the batch kept it from
    copy_of = tables.articles.select("article_id", pl.col("source_file").alias(COPY))
    return BatchTables(
        **{
            name: frame.join(copy_of, on="article_id", how="left", maintain_order="left")
            for name, frame in tables.frames().items()
        }
    )


def finish_tables(parts: Sequence[BatchTables]) -> dict[str, pl.DataFrame]:
    """Corpus-level steps over the batches' frames -> one frame per contract table (except rejects).

    Consumes `parts`: each part's frames are released as soon as they are gathered.
    """
    from newsfacts.extract.entities import canonical_frames

    # the same article in several batches: the copy from the first file by name is kept (as
    # merge_same_articles), the other files join its also_seen_in
    kept: dict[str, str] = {}
    seen_in: dict[str, list[str]] = {}
    for part in parts:
        for aid, src, also in part.articles.select("article_id", "source_file", "also_seen_in").iter_rows():
            seen_in.setdefault(aid, []).extend([src, *(also or [])])
            if aid not in kept or src < kept[aid]:
                kept[aid] = src
    order = sorted(kept, key=kept.__getitem__)
    rank = pl.DataFrame(
        {"article_id": order, COPY: [kept[a] for a in order], "_ord": list(range(len(order)))},
        schema={"article_id": pl.String, COPY: pl.String, "_ord": pl.Int64},
    )

    def gather(table: str, extra_sort: Sequence[str] = ()) -> pl.DataFrame:
        """The kept copies' rows of one table, in article order; the parts' frames are released."""
        frames = []
        empty = getattr(parts[0], table).clear()
        for part in parts:
            df = getattr(part, table)
            setattr(part, table, empty)
            frames.append(df.join(rank, on=["article_id", COPY], how="inner", maintain_order="left"))
            del df
        out = pl.concat(frames, how="vertical", rechunk=False)
        del frames
        out = out.with_row_index("_row")
        return out.sort(["_ord", *extra_sort, "_row"]).drop("_row", "_ord", COPY)

    if not parts:
        return {
            name: _frame(name, [])
            for name in ("articles", "paragraphs", "entities", "mentions", "figures", "agreements")
        }
    articles = gather("articles")
    also = [sorted(s for s in seen_in[aid] if s != kept[aid]) for aid in articles["article_id"].to_list()]
    articles = articles.with_columns(pl.Series("also_seen_in", also, dtype=articles.schema["also_seen_in"]))
    del also, seen_in

    paragraphs = _cross_article_duplicates(gather("paragraphs"), gather("bodies", [_BODY_INDEX]))
    figures = gather("figures")
    agreements = gather("agreements")

    # entity canonicalisation over every mention of the corpus, in columns
    entities, mentions = canonical_frames(gather("mentions"))
    return {
        "articles": articles,
        "paragraphs": paragraphs,
        "entities": entities.select([pl.col(c).cast(t) for c, t in TABLES["entities"].polars_schema.items()]),
        "mentions": mentions.select([pl.col(c).cast(t) for c, t in TABLES["mentions"].polars_schema.items()]),
        "figures": figures,
        "agreements": agreements,
    }


def _bodies_frame(bodies: Sequence[tuple[str, int, str]]) -> pl.DataFrame:
    """Each article's body paragraphs with their signatures for the corpus-wide duplicate search
    (`dedupe.paragraph_signature`), computed here, in the batch's worker."""
    from newsfacts.dedupe import paragraph_signature

    signatures = [paragraph_signature(t) for _, _, t in bodies]
    return pl.DataFrame(
        {
            "article_id": [b[0] for b in bodies],
            _BODY_INDEX: [b[1] for b in bodies],
            "text": [b[2] for b in bodies],
            "_exact": [sig[0] for sig in signatures],
            "_bands": [sig[1] for sig in signatures],
        },
        schema={
            "article_id": pl.String,
            _BODY_INDEX: pl.Int64,
            "text": pl.String,
            "_exact": pl.String,
            "_bands": pl.List(pl.UInt64),
        },
    )


def _cross_article_duplicates(paragraphs: pl.DataFrame, bodies: pl.DataFrame) -> pl.DataFrame:
    """Fill duplicate_of of body paragraphs repeated from another article (MinHash LSH, exact check)."""
    from newsfacts.dedupe import duplicates_by_signature

    items = [((aid, i), t, ek, bands) for aid, i, t, ek, bands in bodies.iter_rows()]
    found = {k: v for k, v in duplicates_by_signature(items).items() if k[0] != v[0]}
    del items
    if not found:
        return paragraphs.drop(_BODY_INDEX)
    body_ids = {
        (aid, i): pid
        for aid, i, pid in paragraphs.filter(pl.col(_BODY_INDEX).is_not_null())
        .select("article_id", _BODY_INDEX, "paragraph_id")
        .iter_rows()
    }
    fill = [(k[0], k[1], body_ids[v]) for k, v in found.items() if v in body_ids]
    if not fill:
        return paragraphs.drop(_BODY_INDEX)
    fill_df = pl.DataFrame(
        fill, schema={"article_id": pl.String, _BODY_INDEX: pl.Int64, "_dup": pl.String}, orient="row"
    )
    out = paragraphs.join(fill_df, on=["article_id", _BODY_INDEX], how="left", maintain_order="left")
    return out.with_columns(pl.coalesce(pl.col("duplicate_of"), pl.col("_dup")).alias("duplicate_of")).drop(
        "_dup", _BODY_INDEX
    )


def _article_row(a: Article, ingested_at: dt.datetime) -> dict[str, Any]:
    c = a.cleaned
    return {
        "article_id": a.article_id,
        "source_file": a.doc.source_file,
        "also_seen_in": sorted(a.also_seen_in),
        "source_format": a.doc.source_format,
        "encoding": a.doc.encoding,
        "url": a.doc.hints.get("url"),
        "title": c.get("title"),
        "published_date": c.get("published_date"),
        "author": c.get("author"),
        "publisher": c.get("publisher"),
        "language": c.get("language") or "en",
        "kind": c.get("kind") or "unknown",
        "body": c.get("body") or "",
        "paragraph_count": len(a.body_paragraphs),
        "word_count": len((c.get("body") or "").split()),
        "removed_line_count": int(c.get("removed_line_count") or 0),
        "duplicate_paragraph_count": int(c.get("duplicate_paragraph_count") or 0),
        "content_sha256": a.doc.content_sha256,
        "ingested_at": ingested_at,
    }


def _agreement_rows(article_id: str, agreements: Sequence[Mapping[str, Any]]) -> list[dict]:
    return [
        {
            "agreement_id": stable_id(
                "agreement", article_id, g.get("kind"), g.get("sentence"), sorted(g.get("parties") or [])
            ),
            "article_id": article_id,
            **{
                k: g.get(k)
                for k in ("kind", "status", "parties", "count", "topics", "date", "sentence", "made_by")
            },
        }
        for g in agreements
    ]
