"""Quality report of a dataset version: Great Expectations checkpoint, gate, summary, Data Docs.

`run_quality` validates every table of a version (plus a one-row drift batch when there is a
previous version) in ONE GX checkpoint, with suites generated from the Pandera schemas
(`newsfacts.quality_suites`). Every expectation is critical or warning; a failed critical
expectation fails the gate, and the flow then records the version as `failed_quality` and does
not make it current.

Layout under OUT/_quality/:
    gx/validations/     GX validation results store (history of every version validated)
    data_docs/          GX Data Docs site (index.html), rewritten to render offline
    v{N}/validation_results.json, summary.json, summary.html
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import Any

import polars as pl

from newsfacts.quality_html import make_offline, render_summary
from newsfacts.quality_suites import (
    CRITICAL,
    DRIFT,
    WARNING,
    ExpectationSpec,
    Thresholds,
    build_suites,
)

__all__ = ["Thresholds", "describe_report", "run_quality", "quality_dir"]

QUALITY_DIR = "_quality"
SITE = "newsfacts"
SOURCE = "newsfacts_batches"
CHECKPOINT = "newsfacts"
# versions the Data Docs site shows (a day of hourly runs); each version's own report is kept
DOCS_HISTORY = 24  # flows.config: NEWSFACTS_DOCS_HISTORY


def quality_dir(out_dir: Path | str) -> Path:
    return Path(out_dir) / QUALITY_DIR


# ---------------------------------------------------------------- GX plumbing


def _context(results_dir: Path, docs_dir: Path) -> Any:
    """Ephemeral GX context (suites, validation definitions and the checkpoint are rebuilt from
    code each call, which is fast) whose validation results store is file-backed under
    results_dir, so the Data Docs site in docs_dir lists every version validated so far."""
    import great_expectations as gx
    from great_expectations.data_context.types.base import (
        DataContextConfig,
        InMemoryStoreBackendDefaults,
        ProgressBarsConfig,
    )

    results_dir, docs_dir = results_dir.absolute(), docs_dir.absolute()  # GX refuses relative paths
    results_dir.mkdir(parents=True, exist_ok=True)
    defaults = InMemoryStoreBackendDefaults(init_temp_docs_sites=False)
    defaults.stores[defaults.validation_results_store_name]["store_backend"] = {
        "class_name": "TupleFilesystemStoreBackend",
        "base_directory": str(results_dir),
    }
    config = DataContextConfig(
        store_backend_defaults=defaults,
        data_docs_sites={
            SITE: {
                "class_name": "SiteBuilder",
                "show_how_to_buttons": False,
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
                "store_backend": {
                    "class_name": "TupleFilesystemStoreBackend",
                    "base_directory": str(docs_dir),
                },
            }
        },
        progress_bars=ProgressBarsConfig(globally=False, metric_calculations=False),
        analytics_enabled=False,
    )
    ctx = gx.get_context(mode="ephemeral", project_config=config)
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    return ctx


def _gx_expectation(spec: ExpectationSpec, key: str) -> Any:
    import great_expectations.expectations as gxe

    cls = getattr(gxe, spec.type)
    meta = {"severity": spec.severity, "check": spec.check, "newsfacts_key": key, **spec.meta}
    return cls(**spec.kwargs, severity=spec.severity, description=spec.description, meta=meta)


def _run_checkpoint(
    ctx: Any,
    suites: Mapping[str, list[ExpectationSpec]],
    batches: Collection[str],
    batch_dir: Path,
    run_name: str,
) -> Any:
    """Validate the batches (parquet files `batch_dir/<name>.parquet`) against their suites."""
    import great_expectations as gx
    from great_expectations.core.run_identifier import RunIdentifier

    ds = ctx.data_sources.add_or_update_pandas_filesystem(SOURCE, base_directory=batch_dir)
    vds = []
    for name, specs in suites.items():
        if name not in batches or not specs:
            continue
        asset = ds.add_parquet_asset(name)
        bd = asset.add_batch_definition_path(name, path=f"{name}.parquet")
        suite = ctx.suites.add(_gx_suite(name, specs))
        vds.append(
            ctx.validation_definitions.add(
                gx.ValidationDefinition(name=f"newsfacts.{name}", data=bd, suite=suite)
            )
        )
    # no UpdateDataDocsAction: it rebuilds the whole site once per validation definition; the
    # site is built once for all of this run's results (`build_docs`)
    checkpoint = ctx.checkpoints.add(
        gx.Checkpoint(
            name=CHECKPOINT,
            validation_definitions=vds,
            actions=[],
            result_format={"result_format": "BASIC", "partial_unexpected_count": 5},
        )
    )
    return checkpoint.run(run_id=RunIdentifier(run_name=run_name, run_time=dt.datetime.now(dt.UTC)))


def _gx_suite(name: str, specs: list[ExpectationSpec]) -> Any:
    import great_expectations as gx

    return gx.ExpectationSuite(
        name=f"newsfacts.{name}",
        expectations=[_gx_expectation(s, f"{name}#{i}") for i, s in enumerate(specs)],
        meta={"generated_from": "schemas.tables via newsfacts.quality_suites"},
    )


def _run_number(path: Path) -> int | None:
    name = path.name
    return int(name[1:]) if name.startswith("v") and name[1:].isdigit() else None


def prune_history(results_dir: Path, docs_dir: Path, keep: int) -> list[int]:
    """Keep the GX results store and the Data Docs pages to the `keep` newest dataset versions.

    The Data Docs index lists every result in the store and is rebuilt each run, so without a bound
    an hourly deployment's quality step would grow without end. Every version keeps its own report
    (v{N}/summary.html, summary.json, validation_results.json); only the browsable site is bounded.
    Returns the versions pruned."""
    runs: dict[int, list[Path]] = {}
    for root in (results_dir, docs_dir / "validations"):
        # layout: <root>/<suite name parts...>/v{N}/<run time>/<batch>.json|html
        for d in root.rglob("v*"):
            n = _run_number(d)
            if n is not None and d.is_dir():
                runs.setdefault(n, []).append(d)
    drop = sorted(runs)[:-keep] if keep > 0 else []
    for n in drop:
        for d in runs[n]:
            shutil.rmtree(d, ignore_errors=True)
    return drop


def check_batches(
    qdir: str,
    batch_dir: str,
    suites: Mapping[str, list[ExpectationSpec]],
    run_name: str,
    docs_history: int,
    drift_now: Mapping[str, float],
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The Great Expectations part of a report, on the batches written as parquet in batch_dir: one
    checkpoint, then the Data Docs pages of its results and the site index, bounded to the
    `docs_history` newest versions (`prune_history`) and rewritten to render offline. Returns the
    result rows (`_collect`) and the checkpoint result as JSON data: plain data in and out, so it
    can run in another process."""
    from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier

    q = Path(qdir)
    results_dir, docs_dir = q / "gx" / "validations", q / "data_docs"
    ctx = _context(results_dir, docs_dir)
    names = [p.stem for p in Path(batch_dir).glob("*.parquet")]
    result = _run_checkpoint(ctx, suites, names, Path(batch_dir), run_name)
    prune_history(results_dir, docs_dir, docs_history)
    ids: list[Any] = list(result.run_results)
    ids += [ExpectationSuiteIdentifier(name=f"newsfacts.{n}") for n in names if suites.get(n)]
    ctx.build_data_docs(site_names=[SITE], resource_identifiers=ids)
    make_offline(docs_dir)
    described = json.loads(json.dumps(result.describe_dict(), default=str))
    return _collect(result, suites, drift_now), described


def _observed(res: Mapping[str, Any]) -> str:
    if "observed_value" in res:
        v = res["observed_value"]
        if isinstance(v, float):
            return f"{v:.4g}"
        if isinstance(v, list):
            return f"{len(v)} columns"
        return str(v)
    if "unexpected_count" in res:
        n = res.get("unexpected_count") or 0
        if not n:
            return "0 unexpected"
        sample = list(dict.fromkeys(str(x) for x in res.get("partial_unexpected_list") or []))[:3]
        pct = res.get("unexpected_percent")
        pct_s = f" ({pct:.1f}%)" if isinstance(pct, int | float) else ""
        return f"{n} unexpected{pct_s}" + (f": {', '.join(sample)}" if sample else "")
    return ""


def _exception(info: Any) -> str | None:
    """The message of an exception raised while evaluating an expectation (GX reports either one
    {raised_exception, exception_message} dict or one such dict per metric)."""
    if not isinstance(info, dict):
        return None
    if "raised_exception" in info:
        return str(info.get("exception_message") or "error") if info.get("raised_exception") else None
    for v in info.values():
        if isinstance(v, dict) and v.get("raised_exception"):
            return str(v.get("exception_message") or "error")
    return None


def _collect(
    result: Any, suites: Mapping[str, list[ExpectationSpec]], drift_now: Mapping[str, float]
) -> list[dict[str, Any]]:
    by_key = {f"{name}#{i}": s for name, specs in suites.items() for i, s in enumerate(specs)}
    rows: list[dict[str, Any]] = []
    for suite_result in result.run_results.values():
        for r in suite_result.results:
            cfg = r.expectation_config
            meta = cfg.meta or {}
            spec = by_key.get(str(meta.get("newsfacts_key")))
            res = r.result or {}
            error = _exception(r.exception_info)
            observed = _observed(res)
            col = spec.column if spec is not None else None
            if spec is not None and spec.table == DRIFT and col is not None and col in drift_now:
                observed = f"{drift_now[col]:.4g}"
            if error is not None:
                observed = f"error: {error}"
            rows.append(
                {
                    "table": spec.table if spec else str(meta.get("newsfacts_key", "?")).split("#")[0],
                    "expectation": cfg.type,
                    "column": (cfg.kwargs or {}).get("column"),
                    "description": spec.description if spec else (cfg.description or cfg.type),
                    "severity": spec.severity if spec else str(meta.get("severity", CRITICAL)),
                    "check": spec.check if spec else meta.get("check"),
                    "success": bool(r.success) and error is None,
                    "observed": observed,
                }
            )
    order = {name: i for i, name in enumerate(suites)}
    rows.sort(key=lambda x: order.get(x["table"], 99))
    return rows


# ---------------------------------------------------------------- summary facts


def _counts(df: pl.DataFrame, *cols: str) -> list[dict[str, Any]]:
    if df.is_empty():
        return []
    g = (
        df.group_by(list(cols))
        .len(name="count")
        .sort(["count", *cols], descending=[True, *[False] * len(cols)])
    )
    return g.to_dicts()


def _facts(tables: Mapping[str, pl.DataFrame], run_summary: Mapping[str, Any]) -> dict[str, Any]:
    def t(name: str) -> pl.DataFrame:
        from schemas import TABLES

        df = tables.get(name)
        return df if df is not None else pl.DataFrame(schema=TABLES[name].polars_schema)

    arts, para, rej = t("articles"), t("paragraphs"), t("rejects")
    raw_rej = rej.filter(pl.col("table") == "raw")
    quarantined = raw_rej.select("source_file", "check", "reason").sort("source_file").to_dicts()
    removed = para.filter(pl.col("role") != "body")
    dup_lines = para.filter(pl.col("role") == "duplicate").height
    cross = para.filter(pl.col("duplicate_of").is_not_null() & (pl.col("role") != "duplicate")).height
    seen_twice = arts.filter(pl.col("also_seen_in").list.len() > 0)
    files = run_summary.get("files")
    return {
        "inputs": {
            "files": files if files is not None else arts.height + len(quarantined),
            "articles": arts.height,
            "quarantined_files": len({q["source_file"] for q in quarantined}),
            "quarantined": quarantined,
            "articles_seen_in_several_files": seen_twice.height,
            "duplicate_files": int(seen_twice.select(pl.col("also_seen_in").list.len().sum()).item() or 0)
            if seen_twice.height
            else 0,
        },
        "removed": {
            "lines_total": para.height,
            "lines_kept": para.height - removed.height,
            "lines_removed": removed.height,
            "by_role": _counts(removed, "role"),
            "by_reason": _counts(removed, "reason"),
            "by_role_reason": _counts(removed, "role", "reason"),
            "duplicates": {
                "lines_removed_as_repeats": dup_lines,
                "lines_repeating_another_article": cross,
                "articles_seen_in_several_files": seen_twice.height,
            },
        },
        "extracted": {
            "entities": t("entities").height,
            "mentions": t("mentions").height,
            "figures": t("figures").height,
            "agreements": t("agreements").height,
            "entities_by_type": _counts(t("entities"), "type"),
            "figures_by_kind": _counts(t("figures"), "kind"),
            "agreements_by_kind": _counts(t("agreements"), "kind"),
            "agreements_by_status": _counts(t("agreements"), "status"),
        },
        "rejects": {
            "total": rej.height,
            "by_table_check": _counts(rej, "table", "check"),
            "items": rej.select("table", "source_file", "check", "reason").head(200).to_dicts(),
        },
        "rows": {name: df.height for name, df in tables.items()},
    }


def _previous_version(out_dir: Path, dataset_version: int) -> int | None:
    from store.publish import read_manifest

    cur = read_manifest(out_dir).get("current")
    return cur if isinstance(cur, int) and cur != dataset_version else None


# ---------------------------------------------------------------- public API


def run_quality(
    out_dir: Path,
    dataset_version: int,
    tables: dict[str, pl.DataFrame],
    previous: dict[str, pl.DataFrame] | None,
    run_summary: dict,
    *,
    thresholds: Thresholds | None = None,
    docs_history: int = DOCS_HISTORY,
    gx_check: Callable[..., tuple[list[dict[str, Any]], dict[str, Any]]] | None = None,
) -> dict:
    """Validate one dataset version, write its report, and say whether it passes the gate.

    The Data Docs site keeps the results of the `docs_history` newest versions (`prune_history`).
    `gx_check` runs `check_batches` (the Great Expectations part) elsewhere, e.g. in a process that
    imported GX while the flow worked; by default it runs here.

    Returns {"gate": "passed"|"failed", "message", "summary_html", "summary_json", "data_docs",
    "expectations": {"evaluated", "failed_critical", "failed_warning"}}.
    """
    t0 = time.perf_counter()
    out_dir = Path(out_dir)
    qdir = quality_dir(out_dir)
    vdir = qdir / f"v{dataset_version}"
    docs_dir = qdir / "data_docs"
    vdir.mkdir(parents=True, exist_ok=True)

    suites, batches, drift = build_suites(tables, previous, thresholds)
    batch_dir = qdir / "gx" / "batches"  # parquet copies GX reads; removed after the run
    shutil.rmtree(batch_dir, ignore_errors=True)
    batch_dir.mkdir(parents=True)
    for name, df in batches.items():
        df.write_parquet(batch_dir / f"{name}.parquet")
    try:
        rows, described = (gx_check or check_batches)(
            str(qdir), str(batch_dir), suites, f"v{dataset_version}", docs_history, drift["current"]
        )
    finally:
        shutil.rmtree(batch_dir, ignore_errors=True)
    failed_c = [r for r in rows if not r["success"] and r["severity"] == CRITICAL]
    failed_w = [r for r in rows if not r["success"] and r["severity"] == WARNING]
    gate = "failed" if failed_c else "passed"
    message = _message(dataset_version, gate, rows, failed_c, failed_w)

    (vdir / "validation_results.json").write_text(json.dumps(described, indent=2), encoding="utf-8")
    index = docs_dir / "index.html"
    summary: dict[str, Any] = {
        "dataset_version": dataset_version,
        "previous_version": _previous_version(out_dir, dataset_version) if previous is not None else None,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "run_id": run_summary.get("run_id"),
        "gate": gate,
        "message": message,
        **_facts(tables, run_summary),
        "expectations": {
            "evaluated": len(rows),
            "passed": sum(r["success"] for r in rows),
            "failed_critical": len(failed_c),
            "failed_warning": len(failed_w),
            "results": rows,
        },
        "drift": drift,
        "paths": {
            "summary_html": str(vdir / "summary.html"),
            "summary_json": str(vdir / "summary.json"),
            "validation_results": str(vdir / "validation_results.json"),
            "data_docs": str(index),
        },
    }
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    (vdir / "summary.json").write_text(json.dumps(summary, indent=2, default=str), encoding="utf-8")
    (vdir / "summary.html").write_text(
        render_summary(summary, docs_href=os.path.relpath(index, vdir)), encoding="utf-8"
    )
    return {
        "gate": gate,
        "message": message,
        "summary_html": str(vdir / "summary.html"),
        "summary_json": str(vdir / "summary.json"),
        "data_docs": str(index),
        "expectations": {
            "evaluated": len(rows),
            "failed_critical": len(failed_c),
            "failed_warning": len(failed_w),
        },
    }


def _message(
    version: int,
    gate: str,
    rows: list[dict[str, Any]],
    failed_c: list[dict[str, Any]],
    failed_w: list[dict[str, Any]],
) -> str:
    def name(r: dict[str, Any]) -> str:
        return f"[{r['table']}] {r['description']} ({r['expectation']}; observed {r['observed']})"

    if gate == "failed":
        head = (
            f"dataset version {version} failed the quality gate: {len(failed_c)} critical "
            f"expectation(s) failed: "
        )
        text = head + "; ".join(name(r) for r in failed_c[:8])
        if len(failed_c) > 8:
            text += f"; and {len(failed_c) - 8} more"
    else:
        text = (
            f"dataset version {version} passed the quality gate: {len(rows)} expectations "
            f"evaluated, no critical failure"
        )
    if failed_w:
        text += f"; {len(failed_w)} warning(s): " + "; ".join(name(r) for r in failed_w[:5])
        if len(failed_w) > 5:
            text += f"; and {len(failed_w) - 5} more"
    return text


def describe_report(out_dir: Path, dataset_version: int | None = None) -> str:
    """Where the quality report of a version is and its headline figures (for `newsfacts report`).

    Default version: the current one of the manifest, else the latest version with a report.
    Raises FileNotFoundError when there is no report for it.
    """
    from store.publish import read_manifest

    out_dir = Path(out_dir)
    qdir = quality_dir(out_dir)
    version = dataset_version
    if version is None:
        cur = read_manifest(out_dir).get("current")
        if cur is not None and (qdir / f"v{cur}" / "summary.json").exists():
            version = int(cur)
        else:
            found = sorted(
                int(p.parent.name[1:]) for p in qdir.glob("v*/summary.json") if p.parent.name[1:].isdigit()
            )
            if not found:
                raise FileNotFoundError(f"no quality report in {qdir} (run `newsfacts run` first)")
            version = found[-1]
    path = qdir / f"v{version}" / "summary.json"
    if not path.exists():
        raise FileNotFoundError(f"no quality report for dataset version {version} in {qdir}")
    s = json.loads(path.read_text(encoding="utf-8"))
    inp, rem, ext, exp = s["inputs"], s["removed"], s["extracted"], s["expectations"]
    by_role = ", ".join(f"{r['role']} {r['count']}" for r in rem["by_role"][:6]) or "none"
    lines = [
        f"quality report of dataset version {version}: gate {s['gate'].upper()}",
        f"  summary:   {s['paths']['summary_html']}",
        f"  json:      {s['paths']['summary_json']}",
        f"  data docs: {s['paths']['data_docs']}",
        f"  in:        {inp['files']} raw files -> {inp['articles']} articles, "
        f"{inp['quarantined_files']} quarantined file(s)",
        f"  removed:   {rem['lines_removed']} of {rem['lines_total']} lines ({by_role})",
        f"  extracted: {ext['entities']} entities ({ext['mentions']} mentions), {ext['figures']} figures, "
        f"{ext['agreements']} agreements",
        f"  rejects:   {s['rejects']['total']}",
        f"  checks:    {exp['evaluated']} expectations, {exp['failed_critical']} critical and "
        f"{exp['failed_warning']} warning failures",
    ]
    if s["gate"] != "passed" or exp["failed_warning"]:
        lines.append(f"  {s['message']}")
    if dataset_version is None:
        newer = sorted(
            int(p.parent.name[1:])
            for p in qdir.glob("v*/summary.json")
            if p.parent.name[1:].isdigit() and int(p.parent.name[1:]) > version
        )
        if newer:
            lines.append(
                f"  note: newer version(s) {', '.join(map(str, newer))} have a report but are not current "
                f"(failed the quality gate?): `newsfacts report --version {newer[-1]}`"
            )
    return "\n".join(lines)
