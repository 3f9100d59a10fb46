"""Validation of every table against its Pandera schema and the cross-table keys.

Lazy: all failures are collected. A failing row is never published; it becomes a `rejects` row
naming the table, the record, the check and the reason. Rows whose parent row was rejected are
rejected too (foreign key), so the published tables stay consistent.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass

import pandera.polars as pa
import polars as pl

from newsfacts.ids import stable_id
from schemas import TABLES

ORDER = ("articles", "paragraphs", "entities", "mentions", "figures", "agreements")
_ROW = "__row"


@dataclass
class Validated:
    tables: dict[str, pl.DataFrame]
    rejects: list[dict]


def _record_json(row: Mapping) -> str:
    return json.dumps(row, default=str, ensure_ascii=False, sort_keys=True)


def reject_row(
    table: str,
    record: Mapping | str,
    check: str,
    reason: str,
    run_id: str,
    source_file: str | None = None,
    now: dt.datetime | None = None,
) -> dict:
    rec = record if isinstance(record, str) else _record_json(record)
    return {
        "reject_id": stable_id(table, rec, check),
        "table": table,
        "source_file": source_file,
        "record": rec,
        "check": check,
        "reason": reason,
        "run_id": run_id,
        "rejected_at": now or dt.datetime.now(dt.UTC),
    }


def raw_reject(source_file: str, check: str, reason: str, run_id: str) -> dict:
    """A raw file (or JSONL record) quarantined before it became a document."""
    return reject_row("raw", {"source_file": source_file}, check, reason, run_id, source_file)


def stage_reject(source_file: str, stage: str, error: str, run_id: str) -> dict:
    """A document that made a stage raise: quarantined alone, its batch goes on."""
    return reject_row(
        "articles",
        {"source_file": source_file},
        f"stage:{stage}",
        f"{source_file}: {error}",
        run_id,
        source_file,
    )


def _schema_failures(name: str, df: pl.DataFrame) -> dict[int, list[tuple[str, str]]]:
    """row index -> [(check, reason)]; index -1 means the whole frame failed (schema level)."""
    schema = TABLES[name].schema
    try:
        schema.validate(df, lazy=True)
        return {}
    except pa.errors.SchemaErrors as e:
        out: dict[int, list[tuple[str, str]]] = {}
        for fc in e.failure_cases.iter_rows(named=True):
            idx = fc.get("index")
            column = fc.get("column") or "<frame>"
            check = f"{column}:{fc.get('check')}"
            reason = (
                f"column {column!r} failed {fc.get('check')} (value {str(fc.get('failure_case'))[:200]!r})"
            )
            out.setdefault(-1 if idx is None else int(idx), []).append((check, reason))
        return out


def validate_tables(frames: Mapping[str, pl.DataFrame], run_id: str) -> Validated:
    good: dict[str, pl.DataFrame] = {}
    rejects: list[dict] = []
    now = dt.datetime.now(dt.UTC)
    for name in ORDER:
        spec = TABLES[name]
        df = frames[name].with_row_index(_ROW)
        bad: dict[int, list[tuple[str, str]]] = {}
        # cross-table keys against the already-validated parents
        for column, parent, parent_col in spec.references:
            parent_keys = good[parent].get_column(parent_col)
            orphans = df.filter(~pl.col(column).is_in(parent_keys.implode()) | pl.col(column).is_null())
            for r in orphans.get_column(_ROW).to_list():
                bad.setdefault(r, []).append(
                    (f"{column}:foreign_key", f"{column} not in published {parent}.{parent_col}")
                )
        failures = _schema_failures(name, df.drop(_ROW))
        if -1 in failures:
            # a frame-level failure (missing column, wrong dtype): no row of the table is trusted
            for r in range(df.height):
                bad.setdefault(r, []).extend(failures[-1])
        for r, items in failures.items():
            if r >= 0:
                bad.setdefault(r, []).extend(items)
        if bad:
            rows = df.filter(pl.col(_ROW).is_in(list(bad))).drop(_ROW)
            for idx, row in zip(sorted(bad), rows.iter_rows(named=True)):
                checks = bad[idx]
                rejects.append(
                    reject_row(
                        name,
                        row,
                        "; ".join(sorted({c for c, _ in checks})),
                        "; ".join(r for _, r in checks),
                        run_id,
                        row.get("source_file"),
                        now,
                    )
                )
            df = df.filter(~pl.col(_ROW).is_in(list(bad)))
        good[name] = df.drop(_ROW)
    return Validated(good, rejects)
