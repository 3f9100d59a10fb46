"""Quality gate (GX) on real published tables: clean version passes, critical failures fail the gate
with a message naming them, drift flags a big drop, the reports render offline."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import polars as pl
import pytest

from newsfacts.quality_html import bar_chart_svg, offline_html, remote_references
from newsfacts.quality_suites import (
    CRITICAL,
    WARNING,
    ExpectationSpec,
    Thresholds,
    drift_metrics,
    drift_suite,
    table_suite,
)
from schemas import TABLES
from schemas.enums import ENTITY_TYPES, FIGURE_KINDS, ROLES
from store.publish import read_table
from store.quality import describe_report, run_quality

SEEDS = Path(__file__).resolve().parents[1] / "data" / "raw"

REMOTE = re.compile(r"""(?:<script[^>]+src|<link[^>]+href|\bsrc|\bsrcset)\s*=\s*["']?(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def published(prefect_harness: None, tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    """The seed articles (plus an empty file that gets quarantined) through the real flow."""
    from flows.publish_dataset import publish_dataset

    base = tmp_path_factory.mktemp("quality")
    raw = base / "raw"
    shutil.copytree(SEEDS, raw)
    (raw / "empty.txt").write_bytes(b"")
    out = base / "processed"
    publish_dataset(raw_dir=str(raw), out_dir=str(out), batch_size=8)
    return {name: read_table(out, name) for name in TABLES}


def _summary(res: dict) -> dict:
    return json.loads(Path(res["summary_json"]).read_text(encoding="utf-8"))


def _replace_first(df: pl.DataFrame, column: str, value: str) -> pl.DataFrame:
    first = pl.int_range(pl.len()) == 0
    return df.with_columns(pl.when(first).then(pl.lit(value)).otherwise(pl.col(column)).alias(column))


# ---------------------------------------------------------------- on real published tables


def test_clean_version_passes_and_writes_the_report(
    published: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    res = run_quality(tmp_path, 0, published, None, {"files": 6, "run_id": "r0"})
    assert res["gate"] == "passed", res["message"]
    assert res["expectations"]["failed_critical"] == 0
    assert res["expectations"]["evaluated"] > 100
    assert "passed the quality gate" in res["message"]
    vdir = tmp_path / "_quality" / "v0"
    for name in ("summary.html", "summary.json", "validation_results.json"):
        assert (vdir / name).is_file(), name
    assert Path(res["data_docs"]) == tmp_path / "_quality" / "data_docs" / "index.html"
    assert Path(res["data_docs"]).is_file()
    s = _summary(res)
    assert s["inputs"]["articles"] == 5
    assert [q["source_file"] for q in s["inputs"]["quarantined"]] == ["empty.txt"]
    assert s["removed"]["lines_removed"] == published["paragraphs"].filter(pl.col("role") != "body").height
    assert {r["role"] for r in s["removed"]["by_role"]} <= set(ROLES) - {"body"}
    assert sum(r["count"] for r in s["extracted"]["figures_by_kind"]) == published["figures"].height
    assert s["rejects"]["total"] == published["rejects"].height >= 1

    text = describe_report(tmp_path)
    assert "dataset version 0: gate PASSED" in text
    assert res["summary_html"] in text and res["data_docs"] in text
    assert "1 quarantined file(s)" in text
    _assert_renders_offline(res, tmp_path)


def test_data_docs_keep_the_newest_versions_and_every_report(
    published: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    """An hourly deployment must not grow the Data Docs site (rebuilt each run) without end."""
    for version in range(4):
        res = run_quality(tmp_path, version, published, None, {"run_id": f"r{version}"}, docs_history=2)
        assert res["gate"] == "passed", res["message"]
    q = tmp_path / "_quality"
    store = {p.name for p in (q / "gx" / "validations").rglob("v*") if p.is_dir()}
    pages = {p.name for p in (q / "data_docs" / "validations").rglob("v*") if p.is_dir()}
    assert store == pages == {"v2", "v3"}
    index = (q / "data_docs" / "index.html").read_text(encoding="utf-8")
    assert "v3" in index and "v2" in index
    assert not re.search(r"validations/[^\"']*/v[01]/", index)
    for version in range(4):  # each version's own report stays
        assert (q / f"v{version}" / "summary.json").is_file()
        assert (q / f"v{version}" / "validation_results.json").is_file()


def _assert_renders_offline(res: dict, out: Path) -> None:
    """summary.html and every Data Docs page load nothing from the network."""
    html = Path(res["summary_html"]).read_text(encoding="utf-8")
    assert not REMOTE.findall(html)
    assert "<script" not in html.lower()
    assert html.count("<svg") == 2  # removal by reason, figures by kind
    pages = list((out / "_quality" / "data_docs").rglob("*.html"))
    assert len(pages) > 8
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert not REMOTE.findall(text), page
        assert not remote_references(text), page
    index = Path(res["data_docs"]).read_text(encoding="utf-8")
    # the index tables (bootstrap-table JSON offline) are rendered as static rows with links
    assert index.count('class="clickable-row"') >= len(TABLES)
    assert 'href="validations/' in index


def test_critical_failures_fail_the_gate_and_are_named(
    published: dict[str, pl.DataFrame], tmp_path: Path
) -> None:
    bad = dict(published)
    bad["mentions"] = _replace_first(published["mentions"], "entity_id", "f" * 16)  # missing entity
    bad["articles"] = pl.concat([published["articles"], published["articles"].head(1)])  # dup id
    bad["figures"] = _replace_first(published["figures"], "kind", "banana")  # not in the enum
    res = run_quality(tmp_path, 3, bad, None, {})
    assert res["gate"] == "failed"
    assert res["expectations"]["failed_critical"] == 3
    msg = res["message"]
    assert "every mentions.entity_id exists in entities.entity_id" in msg and "f" * 16 in msg
    assert "articles.article_id is unique" in msg
    assert "figures.kind is one of the schema's values" in msg and "banana" in msg
    html = Path(res["summary_html"]).read_text(encoding="utf-8")
    assert "GATE FAILED" in html and "banana" in html
    assert "gate FAILED" in describe_report(tmp_path, 3)


def test_drift_flags_a_big_drop(published: dict[str, pl.DataFrame], tmp_path: Path) -> None:
    keep = published["articles"]["article_id"].head(1)
    small = {
        name: (df.filter(pl.col("article_id").is_in(keep.implode())) if "article_id" in df.columns else df)
        for name, df in published.items()
    }
    used = small["mentions"]["entity_id"].unique().implode()
    small["entities"] = published["entities"].filter(pl.col("entity_id").is_in(used))
    small["figures"] = small["figures"].with_columns(pl.lit(None, dtype=pl.Utf8).alias("equivalent_to"))
    small["paragraphs"] = small["paragraphs"].with_columns(pl.lit(None, dtype=pl.Utf8).alias("duplicate_of"))

    res = run_quality(tmp_path, 1, small, published, {})  # default thresholds: a warning
    assert res["gate"] == "passed", res["message"]
    assert res["expectations"]["failed_warning"] >= 1
    assert "articles keeps at least 70% of the previous version's 5 rows" in res["message"]
    s = _summary(res)
    assert s["drift"]["previous"]["rows__articles"] == 5 and s["drift"]["current"]["rows__articles"] == 1

    strict = run_quality(tmp_path, 2, small, published, {}, thresholds=Thresholds(article_drop_critical=0.5))
    assert strict["gate"] == "failed"
    assert "articles do not fall by more than 50%" in strict["message"]


# ---------------------------------------------------------------- pure parts, no GX


def test_suites_are_derived_from_the_pandera_schemas() -> None:
    for name, spec in TABLES.items():
        suite = table_suite(name)
        by = {(e.type, e.column) for e in suite}
        for col_name, col in spec.schema.columns.items():
            if col.unique:
                assert ("ExpectColumnValuesToBeUnique", col_name) in by
            if not col.nullable:
                assert ("ExpectColumnValuesToNotBeNull", col_name) in by
            for check in col.checks:
                if check.name == "isin":
                    (exp,) = [
                        e for e in suite if e.type == "ExpectColumnValuesToBeInSet" and e.column == col_name
                    ]
                    assert exp.kwargs["value_set"] == list(check.statistics["allowed_values"])
                    assert exp.severity == CRITICAL
        for col_name, parent, _ in spec.references:
            assert any(e.check == "fk" and e.meta["source_column"] == col_name for e in suite), (name, parent)
    roles = _in_set("paragraphs", "role")
    assert roles.kwargs["value_set"] == list(ROLES)
    types = _in_set("entities", "type")
    assert types.kwargs["value_set"] == list(ENTITY_TYPES)
    kinds = _in_set("figures", "kind")
    assert kinds.kwargs["value_set"] == list(FIGURE_KINDS)
    assert all(e.severity in (CRITICAL, WARNING) for n in TABLES for e in table_suite(n))


def _in_set(table: str, column: str) -> ExpectationSpec:
    return next(e for e in table_suite(table) if e.column == column and e.check == "in_set")


def test_drift_suite_bounds() -> None:
    prev = {"rows__articles": 100.0, "share__cookie": 0.10, "entities_per_article": 10.0}
    cur = {"rows__articles": 40.0, "share__cookie": 0.40, "entities_per_article": 4.0}
    th = Thresholds(row_drop_warning=0.3, article_drop_critical=0.9, share_delta=0.15, ratio_drop=0.5)
    suite = drift_suite(cur, prev, th)
    rows = [e for e in suite if e.check == "drift_rows"]
    assert {(e.severity, e.kwargs["min_value"]) for e in rows} == {(WARNING, 70), (CRITICAL, 10)}
    share = next(e for e in suite if e.column == "share__cookie")
    assert (share.kwargs["min_value"], share.kwargs["max_value"]) == (0.0, 0.25) and share.severity == WARNING
    ratio = next(e for e in suite if e.column == "entities_per_article")
    assert ratio.kwargs["min_value"] == 5.0


def test_drift_metrics_shares() -> None:
    paragraphs = pl.DataFrame({"role": ["body", "body", "cookie", "duplicate"], "article_id": ["a"] * 4})
    m = drift_metrics({"paragraphs": paragraphs})
    assert m["share__removed"] == 0.5 and m["share__cookie"] == 0.25 and m["share__duplicate"] == 0.25
    assert m["share__navigation"] == 0.0


def test_offline_rewrite_of_a_gx_page() -> None:
    page = (
        '<html><head><link rel="stylesheet" href="https://maxcdn.bootstrapcdn.com/b.css"/>'
        '<script src="https://code.jquery.com/jquery.js"></script></head><body>'
        '<img src="https://s3.example.com/logo.png">'
        '<table id="t1" class="x" data-toggle="table"></table><script>'
        "$('#t1').bootstrapTable(Object.assign({columns: [{'field': 'run_name', 'title': 'Run Name'}], "
        "data: [{'run_name': 'v0', '_table_row_link_path': 'validations/a.html'}], toolbar: '#x'}, {}));"
        "</script></body></html>"
    )
    out = offline_html(page)
    assert not remote_references(out) and "<script" not in out
    assert '<a href="validations/a.html">v0</a>' in out and "<th>Run Name</th>" in out
    assert "<style>" in out


def test_bar_chart_is_plain_svg() -> None:
    svg = bar_chart_svg([("dup:exact", 22), ("<b>", 1)], title="t")
    assert svg.startswith("<svg") and svg.count("<rect") == 2 and "&lt;b&gt;" in svg
    assert "<script" not in svg
