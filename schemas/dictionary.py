"""Data dictionary for consumers, generated from the Pandera schemas (checked in CI to match)."""

from __future__ import annotations

from schemas.tables import TABLES


def _dtype(c) -> str:  # type: ignore[no-untyped-def]
    return str(c.dtype)


def _check_text(ch) -> str:  # type: ignore[no-untyped-def]
    stats = {k: v for k, v in (ch.statistics or {}).items() if v is not None}
    if not stats:
        return str(ch.name)
    args = ", ".join(
        f"{v}" if not isinstance(v, list) else "[" + ", ".join(map(str, v)) + "]" for v in stats.values()
    )
    return f"{ch.name}({args})"


def render() -> str:
    out = [
        "# newsfacts data dictionary",
        "",
        "Generated from `schemas/` by `newsfacts dictionary --output docs/DATA_DICTIONARY.md`; "
        "CI fails when it is stale.",
        "",
        "## Where to read each table, with which tool",
        "",
        "| path under the out dir | what it holds | read it with |",
        "|---|---|---|",
        "| `parquet/current/{table}.parquet` | exactly the rows of the current published version "
        "(a link to `parquet/v{N}/`; `parquet/CURRENT` names it as text) | any Parquet reader: "
        "pandas `read_parquet`, pyarrow `parquet.read_table`, DuckDB `read_parquet`, Spark "
        "`spark.read.parquet`, polars `read_parquet`, warehouse external tables |",
        "| `parquet/v{N}/{table}.parquet` | the rows of published dataset version N (kept until "
        "`newsfacts vacuum` drops N) | the same |",
        "| `{table}/` (Delta table) | every published version, with time travel | polars `read_delta`, "
        "`deltalake.DeltaTable` (to pandas, pyarrow, or DuckDB through a pyarrow dataset); "
        "`store.publish.read_table` for one dataset version across all tables. Not a plain Parquet "
        "reader: the folder holds the files of every version |",
        "",
        "Timestamps are UTC-aware, in microseconds (Parquet `TIMESTAMP(isAdjustedToUTC=true, MICROS)`); "
        "lists are Parquet lists; only versions that passed validation and the quality gate are ever "
        "written to either form.",
        "",
    ]
    for spec in TABLES.values():
        out += [f"## {spec.name}", "", f"Key: `{spec.key}`."]
        if spec.references:
            out.append(
                "References: " + ", ".join(f"`{c}` -> `{t}.{pc}`" for c, t, pc in spec.references) + "."
            )
        out += ["", "| column | type | nullable | meaning | checks |", "|---|---|---|---|---|"]
        for name, c in spec.schema.columns.items():
            checks = ", ".join(_check_text(ch) for ch in c.checks)
            if c.unique:
                checks = ", ".join(filter(None, ["unique", checks]))
            desc = (c.description or "").replace("|", "\\|")
            out.append(f"| `{name}` | {_dtype(c)} | {'yes' if c.nullable else 'no'} | {desc} | {checks} |")
        out.append("")
    return "\n".join(out)
