"""Expectation suites as code, generated from the Pandera schemas (the single source of truth).

Nothing here talks to Great Expectations' context: `build_suites` returns plain `ExpectationSpec`
records (expectation class name, kwargs, severity, a sentence a person can read) and
`build_batches` the frames they run on. `store.quality` turns them into GX suites and runs
them in one checkpoint.

Per table (walking `TABLES[name].schema`):
- columns of the contract present                       critical
- row count >= 1 (articles, paragraphs critical; entities, mentions warning)
- unique columns and the schema's unique column sets     critical
- non-nullable columns not null                          critical
- enum sets (Check.isin), ranges (ge / in_range / finite), string lengths, id patterns  critical
- dataframe-level checks known by name (end_after_start) critical
- rejects.table names a table of TABLES or "raw"          warning
- referential integrity (TableSpec.references, plus self references) as a derived column
  `fk__<col>` holding the orphan value or null: expect it to be null (the orphans show up in
  the Data Docs as unexpected values)                   critical (self references: warning)

Drift against the previous dataset version (when there is one):
- row count of each table not below (1 - drop) x previous           warning / articles critical
  past `critical_drop`
- share of paragraph lines per non-body role, and of all removed lines, within +-`share_delta`
  of the previous share                                              warning
- entities per article, figures per article within a relative band   warning
The share/ratio metrics live in a one-row `drift` batch, one column per metric.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import polars as pl

from schemas import TABLES
from schemas.enums import ROLES

CRITICAL, WARNING = "critical", "warning"
DRIFT = "drift"
FK_PREFIX = "fk__"

# (table, column, parent table, parent column, severity): references that are not foreign keys
# to another table in TableSpec.references but must still resolve.
SELF_REFERENCES: tuple[tuple[str, str, str, str, str], ...] = (
    ("paragraphs", "duplicate_of", "paragraphs", "paragraph_id", WARNING),
    ("figures", "equivalent_to", "figures", "figure_id", WARNING),
)
# tables that must not be empty, with the severity of an empty table
MIN_ROWS: dict[str, str] = {
    "articles": CRITICAL,
    "paragraphs": CRITICAL,
    "entities": WARNING,
    "mentions": WARNING,
}
# tables whose row count is compared with the previous version (a drop of rejects is good news)
DRIFT_TABLES = ("articles", "paragraphs", "entities", "mentions", "figures", "agreements")


@dataclass(frozen=True)
class Thresholds:
    """Drift thresholds. Drops are fractions of the previous value (0.3 = 30 % fewer rows)."""

    row_drop_warning: float = 0.30
    # articles falling by more than this fraction fails the gate
    article_drop_critical: float = 0.90
    # absolute change allowed in the share of lines of one role (0.15 = 15 percentage points)
    share_delta: float = 0.15
    # relative band for per-article ratios (entities per article, figures per article)
    ratio_drop: float = 0.50
    ratio_rise: float = 1.00


@dataclass
class ExpectationSpec:
    table: str  # batch name: a table or "drift"
    type: str  # GX class name, e.g. ExpectColumnValuesToBeUnique
    kwargs: dict[str, Any]
    severity: str
    check: str  # short kind: unique, not_null, in_set, range, length, regex, fk, rows, drift...
    description: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def column(self) -> str | None:
        col = self.kwargs.get("column")
        return str(col) if col is not None else None


# ---------------------------------------------------------------- per-table suites


def table_suite(name: str) -> list[ExpectationSpec]:
    """The expectations of one table, derived from its Pandera schema and TableSpec."""
    spec = TABLES[name]
    schema = spec.schema
    out: list[ExpectationSpec] = [
        ExpectationSpec(
            name,
            "ExpectTableColumnsToMatchSet",
            {"column_set": spec.columns, "exact_match": False},
            CRITICAL,
            "columns",
            f"{name} has every column of the contract",
        )
    ]
    if name in MIN_ROWS:
        out.append(
            ExpectationSpec(
                name,
                "ExpectTableRowCountToBeBetween",
                {"min_value": 1},
                MIN_ROWS[name],
                "rows",
                f"{name} is not empty",
            )
        )
    if schema.unique:
        cols = list(schema.unique)
        out.append(
            ExpectationSpec(
                name,
                "ExpectCompoundColumnsToBeUnique",
                {"column_list": cols},
                CRITICAL,
                "unique",
                f"({', '.join(cols)}) is unique in {name}",
            )
        )
    for col_name, col in schema.columns.items():
        where = f"{name}.{col_name}"
        if col.unique:
            out.append(
                ExpectationSpec(
                    name,
                    "ExpectColumnValuesToBeUnique",
                    {"column": col_name},
                    CRITICAL,
                    "unique",
                    f"{where} is unique",
                )
            )
        if not col.nullable:
            out.append(
                ExpectationSpec(
                    name,
                    "ExpectColumnValuesToNotBeNull",
                    {"column": col_name},
                    CRITICAL,
                    "not_null",
                    f"{where} is never null",
                )
            )
        for check in col.checks:
            got = _from_check(name, col_name, check.name, dict(check.statistics or {}))
            if got is not None:
                out.append(got)
    for check in schema.checks:
        if check.name == "end_after_start":
            out.append(
                ExpectationSpec(
                    name,
                    "ExpectColumnPairValuesAToBeGreaterThanB",
                    {"column_A": "end", "column_B": "start", "or_equal": False},
                    CRITICAL,
                    "pair",
                    f"{name}.end > {name}.start on every row",
                )
            )
    if name == "rejects":
        targets = ["raw", *TABLES]
        out.append(
            ExpectationSpec(
                name,
                "ExpectColumnValuesToBeInSet",
                {"column": "table", "value_set": targets},
                WARNING,
                "in_set",
                f"rejects.table names a table of the contract or raw ({', '.join(targets)})",
            )
        )
    for col_name, parent, parent_col, severity in _references(name):
        out.append(
            ExpectationSpec(
                name,
                "ExpectColumnValuesToBeNull",
                {"column": fk_column(col_name)},
                severity,
                "fk",
                f"every {name}.{col_name} exists in {parent}.{parent_col}",
                meta={"references": f"{parent}.{parent_col}", "source_column": col_name},
            )
        )
    return out


def _from_check(table: str, column: str, check: str, stats: dict[str, Any]) -> ExpectationSpec | None:
    where = f"{table}.{column}"
    if check == "isin":
        values = list(stats["allowed_values"])
        return ExpectationSpec(
            table,
            "ExpectColumnValuesToBeInSet",
            {"column": column, "value_set": values},
            CRITICAL,
            "in_set",
            f"{where} is one of the schema's values ({', '.join(map(str, values))})",
        )
    if check in ("greater_than_or_equal_to", "in_range", "greater_than", "less_than_or_equal_to"):
        lo, hi = stats.get("min_value"), stats.get("max_value")
        kw: dict[str, Any] = {"column": column}
        if lo is not None:
            kw["min_value"] = lo
        if hi is not None:
            kw["max_value"] = hi
        if check == "greater_than":
            kw["strict_min"] = True
        bounds = " and ".join(
            b for b in (f">= {lo}" if lo is not None else "", f"<= {hi}" if hi is not None else "") if b
        )
        return ExpectationSpec(
            table, "ExpectColumnValuesToBeBetween", kw, CRITICAL, "range", f"{where} is {bounds}"
        )
    if check == "finite":
        return ExpectationSpec(
            table,
            "ExpectColumnValuesToBeBetween",
            {"column": column, "min_value": -sys.float_info.max, "max_value": sys.float_info.max},
            CRITICAL,
            "range",
            f"{where} is a finite number",
        )
    if check == "str_length":
        kw = {"column": column}
        if stats.get("min_value") is not None:
            kw["min_value"] = stats["min_value"]
        if stats.get("max_value") is not None:
            kw["max_value"] = stats["max_value"]
        return ExpectationSpec(
            table,
            "ExpectColumnValueLengthsToBeBetween",
            kw,
            CRITICAL,
            "length",
            f"{where} has at least {stats.get('min_value')} character(s)",
        )
    if check == "str_matches":
        return ExpectationSpec(
            table,
            "ExpectColumnValuesToMatchRegex",
            {"column": column, "regex": stats["pattern"]},
            CRITICAL,
            "regex",
            f"{where} matches {stats['pattern']}",
        )
    return None


def _references(name: str) -> list[tuple[str, str, str, str]]:
    refs = [(c, p, pc, CRITICAL) for c, p, pc in TABLES[name].references]
    refs += [(c, p, pc, s) for t, c, p, pc, s in SELF_REFERENCES if t == name]
    return refs


def fk_column(column: str) -> str:
    return f"{FK_PREFIX}{column}"


# ---------------------------------------------------------------- drift suite


def drift_metrics(tables: Mapping[str, pl.DataFrame]) -> dict[str, float]:
    """Metrics compared between versions: row counts, line shares per role, per-article ratios."""
    m: dict[str, float] = {f"rows__{t}": float(tables[t].height) for t in DRIFT_TABLES if t in tables}
    para = tables.get("paragraphs")
    if para is not None and para.height:
        total = para.height
        counts = dict(para.group_by("role").len().iter_rows())
        m["share__removed"] = (total - counts.get("body", 0)) / total
        for role in ROLES:
            if role != "body":
                m[f"share__{role}"] = counts.get(role, 0) / total
    arts = tables.get("articles")
    n_art = arts.height if arts is not None else 0
    if n_art:
        men = tables.get("mentions")
        if men is not None:
            pairs = men.select("article_id", "entity_id").unique().height
            m["entities_per_article"] = pairs / n_art
        fig = tables.get("figures")
        if fig is not None:
            m["figures_per_article"] = fig.height / n_art
    return m


def drift_suite(
    current: Mapping[str, float], previous: Mapping[str, float], th: Thresholds
) -> list[ExpectationSpec]:
    """Drift expectations; row counts run on the table batches, the rest on the `drift` batch."""
    out: list[ExpectationSpec] = []
    for t in DRIFT_TABLES:
        prev = previous.get(f"rows__{t}")
        if not prev:
            continue
        floor = math.ceil(prev * (1 - th.row_drop_warning))
        out.append(
            ExpectationSpec(
                t,
                "ExpectTableRowCountToBeBetween",
                {"min_value": floor},
                WARNING,
                "drift_rows",
                f"{t} keeps at least {1 - th.row_drop_warning:.0%} of the previous version's "
                f"{int(prev)} rows (>= {floor})",
                meta={"previous": prev, "threshold": th.row_drop_warning},
            )
        )
        if t == "articles":
            floor_c = math.ceil(prev * (1 - th.article_drop_critical))
            out.append(
                ExpectationSpec(
                    t,
                    "ExpectTableRowCountToBeBetween",
                    {"min_value": floor_c},
                    CRITICAL,
                    "drift_rows",
                    f"articles do not fall by more than {th.article_drop_critical:.0%} from the "
                    f"previous version's {int(prev)} (>= {floor_c})",
                    meta={"previous": prev, "threshold": th.article_drop_critical},
                )
            )
    for key in sorted(k for k in current if k.startswith("share__")):
        prev_share = previous.get(key)
        if prev_share is None or (prev_share == 0 and current[key] == 0):
            continue
        role = key.removeprefix("share__")
        what = "all removed lines" if role == "removed" else f"lines with role {role}"
        lo, hi = max(0.0, prev_share - th.share_delta), min(1.0, prev_share + th.share_delta)
        out.append(
            ExpectationSpec(
                DRIFT,
                "ExpectColumnValuesToBeBetween",
                {"column": key, "min_value": round(lo, 4), "max_value": round(hi, 4)},
                WARNING,
                "drift_share",
                f"share of {what} stays within {th.share_delta:.0%} points of the previous {prev_share:.1%}",
                meta={"previous": prev_share, "threshold": th.share_delta},
            )
        )
    for key, what in (("entities_per_article", "entities"), ("figures_per_article", "figures")):
        prev_ratio = previous.get(key)
        if not prev_ratio or key not in current:
            continue
        lo, hi = prev_ratio * (1 - th.ratio_drop), prev_ratio * (1 + th.ratio_rise)
        out.append(
            ExpectationSpec(
                DRIFT,
                "ExpectColumnValuesToBeBetween",
                {"column": key, "min_value": round(lo, 4), "max_value": round(hi, 4)},
                WARNING,
                "drift_ratio",
                f"{what} per article stays between -{th.ratio_drop:.0%} and +{th.ratio_rise:.0%} "
                f"of the previous {prev_ratio:.2f}",
                meta={"previous": prev_ratio},
            )
        )
    return out


# ---------------------------------------------------------------- batches


def build_batches(
    tables: Mapping[str, pl.DataFrame], drift: Mapping[str, float] | None
) -> dict[str, pl.DataFrame]:
    """The frames the suites run on: each table plus its fk__ columns, and the drift row."""
    out: dict[str, pl.DataFrame] = {}
    for name in TABLES:
        df = tables.get(name)
        if df is None:
            df = pl.DataFrame(schema=TABLES[name].polars_schema)
        extra = []
        for col_name, parent, parent_col, _sev in _references(name):
            parent_df = tables.get(parent)
            keys = parent_df.get_column(parent_col) if parent_df is not None else pl.Series([], dtype=pl.Utf8)
            c = pl.col(col_name)
            extra.append(
                pl.when(c.is_not_null() & ~c.is_in(keys.implode()))
                .then(c)
                .otherwise(None)
                .alias(fk_column(col_name))
            )
        out[name] = df.with_columns(extra) if extra else df
    if drift is not None:
        out[DRIFT] = pl.DataFrame({k: [v] for k, v in drift.items()})
    return out


def build_suites(
    tables: Mapping[str, pl.DataFrame],
    previous: Mapping[str, pl.DataFrame] | None,
    thresholds: Thresholds | None = None,
) -> tuple[dict[str, list[ExpectationSpec]], dict[str, pl.DataFrame], dict[str, Any]]:
    """(suites by batch name, batches by name, drift info {current, previous})."""
    th = thresholds or Thresholds()
    suites: dict[str, list[ExpectationSpec]] = {name: table_suite(name) for name in TABLES}
    current_m = drift_metrics(tables)
    drift_info: dict[str, Any] = {"current": current_m, "previous": None}
    batch_drift: dict[str, float] | None = None
    if previous is not None:
        prev_m = drift_metrics(previous)
        drift_info["previous"] = prev_m
        for e in drift_suite(current_m, prev_m, th):
            suites.setdefault(e.table, []).append(e)
        if DRIFT in suites:
            batch_drift = current_m
    return suites, build_batches(tables, batch_drift), drift_info
