"""Pandera schemas of every published table: columns, dtypes, enums, ranges, unique keys.

`TABLES` is the single source of truth: the flows build frames with exactly these columns, the
validator checks them, the data dictionary and the quality suites are generated from them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from schemas.columns import STR_LIST, UTC_TIMESTAMP, col, count_col, enum_col, id_col, text_col
from schemas.enums import (
    AGREEMENT_KINDS,
    AGREEMENT_STATUSES,
    ARTICLE_KINDS,
    ENTITY_TYPES,
    FIGURE_KINDS,
    QUALIFIERS,
    ROLES,
    SOURCE_FORMATS,
)

ARTICLES = pa.DataFrameSchema(
    {
        "article_id": id_col("Stable hash of the normalised body.", unique=True),
        "source_file": text_col(
            "Raw file the article came from, relative to the raw dir (JSONL: file#line)."
        ),
        "also_seen_in": col(STR_LIST, "Other raw files that carry the same article."),
        "source_format": enum_col(SOURCE_FORMATS, "Format of the raw file."),
        "encoding": text_col("Character encoding the raw bytes were decoded from."),
        "url": col(pl.Utf8, "Source URL when the input gave one (data only, never fetched).", nullable=True),
        "title": text_col("Headline, labels such as [Editorial] stripped.", nullable=True),
        "published_date": col(
            pl.Date, "Publication date from an explicit label or the input's metadata.", nullable=True
        ),
        "author": text_col("Author from the byline or editor's note.", nullable=True),
        "publisher": text_col("Publisher from the byline, editor's note or copyright line.", nullable=True),
        "language": col(
            pl.Utf8, "ISO 639-1 language code of the body.", checks=pa.Check.str_matches(r"^[a-z]{2}$")
        ),
        "kind": enum_col(ARTICLE_KINDS, "Article kind."),
        "body": text_col("Kept body paragraphs joined by a blank line.", min_length=20),
        "paragraph_count": count_col("Number of body paragraphs.", minimum=1),
        "word_count": count_col("Words in the body.", minimum=1),
        "removed_line_count": count_col("Input lines not kept in the body (every one is in paragraphs)."),
        "duplicate_paragraph_count": count_col("Input lines removed as repeats of another line."),
        "content_sha256": col(
            pl.Utf8,
            "sha256 of the raw bytes (JSONL: of the record).",
            checks=pa.Check.str_matches(r"^[0-9a-f]{64}$"),
        ),
        "ingested_at": col(UTC_TIMESTAMP, "When this article row was first published (UTC)."),
    },
    strict=True,
    name="articles",
)

PARAGRAPHS = pa.DataFrameSchema(
    {
        "paragraph_id": id_col("Stable id of (article, position).", unique=True),
        "article_id": id_col("Article the line belongs to."),
        "position": count_col("0-based order among the article's non-blank input lines."),
        "text": text_col("The line as it was in the input (after decoding)."),
        "role": enum_col(ROLES, "What the line is; only body lines form articles.body."),
        "reason": text_col("Code of the rule or signal that decided the role."),
        "duplicate_of": id_col(
            "paragraph_id of the first copy when role is duplicate or the line repeats "
            "a line of another article.",
            nullable=True,
        ),
    },
    strict=True,
    name="paragraphs",
    unique=["article_id", "position"],
)

ENTITIES = pa.DataFrameSchema(
    {
        "entity_id": id_col("Stable id of the canonical entity.", unique=True),
        "name": text_col("Canonical name."),
        "type": enum_col(ENTITY_TYPES, "Entity type."),
        "aliases": col(STR_LIST, "Surface forms seen for the entity."),
        "article_count": count_col("Articles mentioning the entity.", minimum=1),
        "mention_count": count_col("Mentions across the corpus.", minimum=1),
    },
    strict=True,
    name="entities",
)

MENTIONS = pa.DataFrameSchema(
    {
        "mention_id": id_col("Stable id of the mention.", unique=True),
        "entity_id": id_col("Entity mentioned (entities.entity_id)."),
        "article_id": id_col("Article (articles.article_id)."),
        "position": count_col("Body paragraph index within the article body."),
        "start": count_col("Start char offset in that paragraph."),
        "end": count_col("End char offset (exclusive) in that paragraph.", minimum=1),
        "text": text_col("Surface form."),
        "link_rule": text_col(
            "Evidence that joined this form to its entity: the link rule (newsfacts/extract/entity_links.py: "
            "initials, last_word, gazetteer_alias, ...) or 'own_name' when the form is the entity's name itself."
        ),
    },
    strict=True,
    name="mentions",
    checks=[pa.Check(lambda d: d.lazyframe.select(pl.col("end") > pl.col("start")), name="end_after_start")],
)

FIGURES = pa.DataFrameSchema(
    {
        "figure_id": id_col("Stable id of the figure.", unique=True),
        "article_id": id_col("Article (articles.article_id)."),
        "position": count_col("Body paragraph index within the article body."),
        "start": count_col("Start char offset in that paragraph."),
        "end": count_col("End char offset (exclusive) in that paragraph.", minimum=1),
        "text": text_col("Surface span."),
        "value": col(
            pl.Float64,
            "Value with the scale applied ($45 billion -> 45000000000.0; 54 percent -> 54.0).",
            checks=pa.Check(lambda d: d.lazyframe.select(pl.col(d.key).is_finite()), name="finite"),
        ),
        "unit": text_col(
            "ISO 4217 code for money; percent, percentage_point, count, multiple or a unit noun."
        ),
        "kind": enum_col(FIGURE_KINDS, "Figure kind."),
        "qualifier": enum_col(QUALIFIERS, "Exact, approximate, lower bound (over) or upper bound (under)."),
        "subject": text_col("What is measured, when found.", nullable=True),
        "period": col(
            pl.Int64,
            "Year the figure refers to, when the sentence gives one.",
            nullable=True,
            checks=pa.Check.in_range(1800, 2200),
        ),
        "sentence": text_col("Sentence containing the figure."),
        "equivalent_to": id_col(
            "figure_id of the figure this one restates (e.g. a currency conversion).", nullable=True
        ),
        "rule": text_col("Name of the grammar check that made the figure (newsfacts/extract/figures.py)."),
    },
    strict=True,
    name="figures",
)

AGREEMENTS = pa.DataFrameSchema(
    {
        "agreement_id": id_col("Stable id of the agreement.", unique=True),
        "article_id": id_col("Article (articles.article_id)."),
        "kind": enum_col(AGREEMENT_KINDS, "Agreement kind."),
        "status": enum_col(AGREEMENT_STATUSES, "Status from the verbs and modality around the trigger."),
        "parties": col(STR_LIST, "Canonical entity names of the parties."),
        "count": col(
            pl.Int64,
            "How many agreements the sentence reports (32 MOUs -> 32).",
            nullable=True,
            checks=pa.Check.ge(1),
        ),
        "topics": col(STR_LIST, "Topics the agreement covers."),
        "date": col(pl.Date, "Date of the agreement when given.", nullable=True),
        "sentence": text_col("Sentence reporting it."),
        "made_by": text_col(
            "The rule and the learned decisions that made the row (newsfacts/extract/agreement_model.py), "
            "e.g. 'rules deal/unknown keep; model keep 0.91; model status unknown->agreed 0.74'."
        ),
    },
    strict=True,
    name="agreements",
)

REJECTS = pa.DataFrameSchema(
    {
        "reject_id": id_col("Stable id of (table, record, check).", unique=True),
        "table": text_col("Table (or 'raw' for a quarantined input file) the record was meant for."),
        "source_file": col(pl.Utf8, "Raw file the record came from, when known.", nullable=True),
        "record": text_col("The rejected record as JSON."),
        "check": text_col("Check or stage that failed."),
        "reason": text_col("Why, in words."),
        "run_id": text_col("Run that first rejected it."),
        "rejected_at": col(UTC_TIMESTAMP, "When it was first rejected (UTC)."),
    },
    strict=True,
    name="rejects",
)


@dataclass(frozen=True)
class TableSpec:
    name: str
    schema: pa.DataFrameSchema
    key: str
    # columns kept from the already-published row when the row's content is unchanged
    sticky: tuple[str, ...] = ()
    # (column, parent table, parent column) foreign keys
    references: tuple[tuple[str, str, str], ...] = ()

    @property
    def columns(self) -> list[str]:
        return list(self.schema.columns)

    @property
    def polars_schema(self) -> dict[str, pl.DataType]:
        return {n: c.dtype.type for n, c in self.schema.columns.items()}


TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in (
        TableSpec("articles", ARTICLES, "article_id", sticky=("ingested_at",)),
        TableSpec(
            "paragraphs", PARAGRAPHS, "paragraph_id", references=(("article_id", "articles", "article_id"),)
        ),
        TableSpec("entities", ENTITIES, "entity_id"),
        TableSpec(
            "mentions",
            MENTIONS,
            "mention_id",
            references=(("article_id", "articles", "article_id"), ("entity_id", "entities", "entity_id")),
        ),
        TableSpec("figures", FIGURES, "figure_id", references=(("article_id", "articles", "article_id"),)),
        TableSpec(
            "agreements", AGREEMENTS, "agreement_id", references=(("article_id", "articles", "article_id"),)
        ),
        TableSpec("rejects", REJECTS, "reject_id", sticky=("run_id", "rejected_at")),
    )
}
