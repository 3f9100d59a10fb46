"""Self-contained HTML for the quality report: the one-page summary (inline CSS, inline SVG charts,
no script, no network) and the offline rewrite of GX Data Docs.

GX Data Docs load bootstrap, jQuery, bootstrap-table, vega and font-awesome from CDNs and fill
the index tables from JSON with JavaScript: offline they render as unstyled pages with empty
tables. `make_offline` strips every remote script/stylesheet/image, renders the bootstrap-table
data as static HTML tables, replaces the icon font with characters and inlines a small
stylesheet, so the pages read well from file:// with the network off.
"""

from __future__ import annotations

import ast
import html
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

OFFLINE_MARK = "<!-- newsfacts:offline -->"

# ---------------------------------------------------------------- shared bits

_PALETTE = ("#3b6ea5", "#e07b39", "#4f9d69", "#b5525c", "#8064a2", "#c9a227", "#4aa3b5", "#7f7f7f")


def _e(x: Any) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def bar_chart_svg(
    items: Iterable[tuple[str, int | float]], *, title: str, width: int = 560, color: str | None = None
) -> str:
    """A horizontal bar chart as inline SVG (no script, no external reference)."""
    data = [(str(k), float(v)) for k, v in items]
    bar_h, gap, left, right, top = 18, 6, 190, 50, 28
    height = top + max(1, len(data)) * (bar_h + gap) + 8
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{_e(title)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" class="chart">',
        f'<text x="0" y="16" class="chart-title">{_e(title)}</text>',
    ]
    if not data:
        out.append(f'<text x="0" y="{top + 14}" class="chart-label">nothing to show</text></svg>')
        return "".join(out)
    vmax = max(v for _, v in data) or 1.0
    span = width - left - right
    for i, (label, value) in enumerate(data):
        y = top + i * (bar_h + gap)
        w = max(1.0, span * value / vmax) if value else 0.0
        fill = color or _PALETTE[i % len(_PALETTE)]
        shown = label if len(label) <= 28 else label[:27] + "\u2026"
        num = f"{value:g}"
        out.append(
            f'<text x="{left - 8}" y="{y + bar_h - 5}" text-anchor="end" class="chart-label">'
            f"<title>{_e(label)}</title>{_e(shown)}</text>"
            f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" rx="2" fill="{fill}"/>'
            f'<text x="{left + w + 6:.1f}" y="{y + bar_h - 5}" class="chart-value">{num}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def _table(headers: list[str], rows: Iterable[Iterable[Any]], *, cls: str = "", empty: str = "none") -> str:
    body = ["<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows]
    if not body:
        return f'<p class="muted">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def _count_rows(items: list[Mapping[str, Any]], *keys: str) -> list[list[str]]:
    return [[*(_e(i.get(k)) for k in keys), f'<span class="num">{_e(i.get("count"))}</span>'] for i in items]


# ---------------------------------------------------------------- summary page

SUMMARY_CSS = """
*{box-sizing:border-box}
body{font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;
margin:0;background:#f6f8fa}
main{max-width:1180px;margin:0 auto;padding:20px 28px 40px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px;border-bottom:1px solid #d0d7de;
padding-bottom:4px}h3{font-size:14px;margin:14px 0 6px;color:#57606a}
a{color:#0969da}
.muted{color:#6e7781}
.header{display:flex;justify-content:space-between;align-items:flex-start;gap:16px}
.gate{font-weight:700;font-size:15px;padding:6px 14px;border-radius:6px;color:#fff;white-space:nowrap}
.gate.passed{background:#1a7f37}.gate.failed{background:#cf222e}
.message{background:#fff;border:1px solid #d0d7de;border-left:4px solid #1a7f37;padding:8px 12px;
margin:12px 0;border-radius:4px;word-break:break-word}
.message.failed{border-left-color:#cf222e;background:#fff5f5}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:10px;margin:12px 0}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px}
.card .v{font-size:22px;font-weight:600}.card .l{font-size:12px;color:#57606a}
.card.bad .v{color:#cf222e}.card.warn .v{color:#9a6700}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:18px}
@media (max-width:900px){.grid2{grid-template-columns:1fr}}
.panel{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;overflow:auto}
table{border-collapse:collapse;width:100%;background:#fff;font-size:13px}
th,td{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}
td .num,.num{font-variant-numeric:tabular-nums}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:11px;font-weight:600;color:#fff}
.badge.critical{background:#8250df}.badge.warning{background:#bf8700}
.ok{color:#1a7f37;font-weight:600}.fail{color:#cf222e;font-weight:700}
tr.failed td{background:#fff5f5}
details{margin:8px 0}summary{cursor:pointer;color:#0969da}
.chart{max-width:100%;height:auto}
.chart-title{font:600 13px sans-serif;fill:#1f2328}
.chart-label{font:12px sans-serif;fill:#57606a}.chart-value{font:12px sans-serif;fill:#1f2328}
code{font-size:12px;background:#eff1f3;padding:1px 4px;border-radius:3px}
"""


def _change(prev: float, cur: float, key: str) -> str:
    if key.startswith("share__"):
        return f"{(cur - prev) * 100:+.1f} pts"
    if prev:
        return f"{(cur - prev) / prev:+.0%}"
    return "new" if cur else "="


def render_summary(s: Mapping[str, Any], docs_href: str) -> str:
    """The one-page summary of a dataset version (self-contained HTML)."""
    inp, rem, ext, rej, exp = s["inputs"], s["removed"], s["extracted"], s["rejects"], s["expectations"]
    gate = s["gate"]
    results = exp["results"]
    failed = [r for r in results if not r["success"]]

    def card(v: Any, label: str, cls: str = "") -> str:
        return f'<div class="card {cls}"><div class="v">{_e(v)}</div><div class="l">{_e(label)}</div></div>'

    cards = "".join(
        [
            card(inp["files"], "raw files in"),
            card(inp["articles"], "articles published"),
            card(inp["quarantined_files"], "files quarantined", "bad" if inp["quarantined_files"] else ""),
            card(f"{rem['lines_removed']}/{rem['lines_total']}", "lines removed"),
            card(ext["entities"], "entities"),
            card(ext["figures"], "figures"),
            card(ext["agreements"], "agreements"),
            card(rej["total"], "rejects", "warn" if rej["total"] else ""),
            card(exp["evaluated"], "expectations"),
            card(exp["failed_critical"], "critical failed", "bad" if exp["failed_critical"] else ""),
            card(exp["failed_warning"], "warnings failed", "warn" if exp["failed_warning"] else ""),
        ]
    )

    quarantined = _table(
        ["file", "check", "reason"],
        (
            [f"<code>{_e(q['source_file'])}</code>", _e(q["check"]), _e(q["reason"])]
            for q in inp["quarantined"]
        ),
        empty="No input file was quarantined.",
    )
    dups = rem["duplicates"]
    removal_chart = bar_chart_svg(
        ((r["reason"], r["count"]) for r in rem["by_reason"][:14]), title="Lines removed, by reason"
    )
    fig_chart = bar_chart_svg(
        ((r["kind"], r["count"]) for r in ext["figures_by_kind"]), title="Figures, by kind", color="#4f9d69"
    )
    drift = s.get("drift") or {}
    prev_m, cur_m = drift.get("previous"), drift.get("current") or {}
    if prev_m is None:
        drift_html = '<p class="muted">No previous dataset version: drift checks start with the next one.</p>'
    else:
        keys = [k for k in cur_m if prev_m.get(k) is not None and (cur_m[k] or prev_m.get(k))]
        flagged = {
            r["column"] or f"rows__{r['table']}"
            for r in results
            if not r["success"] and str(r.get("check", "")).startswith("drift")
        }
        drift_html = _table(
            ["metric", "previous", "this version", "change", ""],
            (
                [
                    _e(k),
                    f"{prev_m[k]:.4g}",
                    f"{cur_m[k]:.4g}",
                    _change(prev_m[k], cur_m[k], k),
                    '<span class="fail">flagged</span>' if k in flagged else "",
                ]
                for k in keys
            ),
        )
        if s.get("previous_version") is not None:
            drift_html = (
                f'<p class="muted">Compared with dataset version {_e(s["previous_version"])}.</p>'
                + drift_html
            )

    def exp_rows(rows: list[Mapping[str, Any]]) -> str:
        return _table(
            ["", "table", "expectation", "severity", "observed"],
            (
                [
                    '<span class="ok">pass</span>' if r["success"] else '<span class="fail">FAIL</span>',
                    _e(r["table"]),
                    f"{_e(r['description'])}<br><span class='muted'>{_e(r['expectation'])}</span>",
                    f'<span class="badge {_e(r["severity"])}">{_e(r["severity"])}</span>',
                    _e(r["observed"]),
                ]
                for r in rows
            ),
            empty="none",
        )

    failed_html = exp_rows(failed) if failed else '<p class="ok">Every expectation passed.</p>'
    by_table: dict[str, list[Mapping[str, Any]]] = {}
    for r in results:
        by_table.setdefault(r["table"], []).append(r)
    per_table = _table(
        ["batch", "evaluated", "passed", "critical failed", "warnings failed"],
        (
            [
                _e(t),
                len(rs),
                sum(r["success"] for r in rs),
                sum((not r["success"]) and r["severity"] == "critical" for r in rs),
                sum((not r["success"]) and r["severity"] == "warning" for r in rs),
            ]
            for t, rs in by_table.items()
        ),
    )

    rejects_html = _table(
        ["table", "check", "count"], _count_rows(rej["by_table_check"], "table", "check"), empty="No rejects."
    )
    if rej["items"]:
        items = _table(
            ["table", "file", "check", "reason"],
            ([_e(i["table"]), _e(i["source_file"]), _e(i["check"]), _e(i["reason"])] for i in rej["items"]),
        )
        rejects_html += (
            f"<details open><summary>Rejected records (first {len(rej['items'])})</summary>{items}</details>"
        )

    body = f"""
<main>
<div class="header"><div>
<h1>newsfacts quality report &middot; dataset version {_e(s["dataset_version"])}</h1>
<div class="muted">created {_e(s["created_at"])} &middot; run <code>{_e(s.get("run_id") or "-")}</code>
&middot; <a href="{_e(docs_href)}">Great Expectations Data Docs</a> &middot;
<a href="summary.json">summary.json</a> &middot; <a href="validation_results.json">validation results</a></div>
</div><div class="gate {_e(gate)}">GATE {_e(gate.upper())}</div></div>
<div class="message {_e(gate)}">{_e(s["message"])}</div>
<div class="cards">{cards}</div>

<h2>What came in</h2>
<p>{_e(inp["files"])} raw file(s) gave {_e(inp["articles"])} distinct article(s);
{_e(inp["articles_seen_in_several_files"])} article(s) were also found in other files
({_e(inp["duplicate_files"])} duplicate file(s) merged). Quarantined input files (rejects with
<code>table = raw</code>):</p>
{quarantined}

<h2>What was removed and why</h2>
<p>{_e(rem["lines_removed"])} of {_e(rem["lines_total"])} non-blank input lines are not part of an article
body ({_e(rem["lines_kept"])} kept). {_e(dups["lines_removed_as_repeats"])} were removed as repeats
(role <code>duplicate</code>); {_e(dups["lines_repeating_another_article"])} kept line(s) repeat a line
of another article.</p>
<div class="grid2">
<div class="panel">{removal_chart}</div>
<div class="panel"><h3>By role</h3>{_table(["role", "lines"], _count_rows(rem["by_role"], "role"))}</div>
</div>
<details><summary>By role and reason ({len(rem["by_role_reason"])} rows)</summary>
{_table(["role", "reason", "lines"], _count_rows(rem["by_role_reason"], "role", "reason"))}</details>

<h2>What was extracted</h2>
<p>{_e(ext["entities"])} entities ({_e(ext["mentions"])} mentions), {_e(ext["figures"])} figures,
{_e(ext["agreements"])} agreements.</p>
<div class="grid2">
<div class="panel">{fig_chart}</div>
<div class="panel"><h3>Entities by type</h3>{_table(["type", "entities"], _count_rows(ext["entities_by_type"], "type"))}</div>
<div class="panel"><h3>Agreements by kind</h3>{_table(["kind", "agreements"], _count_rows(ext["agreements_by_kind"], "kind"))}</div>
<div class="panel"><h3>Agreements by status</h3>{_table(["status", "agreements"], _count_rows(ext["agreements_by_status"], "status"))}</div>
</div>

<h2>Rejects</h2>
<p>{_e(rej["total"])} record(s) in the rejects table, by table and check:</p>
{rejects_html}

<h2>Expectations</h2>
<p>{_e(exp["evaluated"])} expectations evaluated, {_e(exp["passed"])} passed,
{_e(exp["failed_critical"])} critical and {_e(exp["failed_warning"])} warning failures. A failed
critical expectation fails the gate (the version is recorded as <code>failed_quality</code> and not made
current); warnings are reported only.</p>
<h3>Failed</h3>{failed_html}
<h3>Per batch</h3>{per_table}
<details><summary>All {len(results)} expectations</summary>{exp_rows(results)}</details>

<h2>Drift against the previous version</h2>
{drift_html}
<p class="muted">Report written in {_e(s.get("seconds", "?"))} s.</p>
</main>"""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>newsfacts quality v{_e(s['dataset_version'])}: {_e(gate)}</title>"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{SUMMARY_CSS}</style></head><body>{body}</body></html>\n"
    )


# ---------------------------------------------------------------- Data Docs, offline

DOCS_CSS = """
*{box-sizing:border-box}
body{font:14px/1.45 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1f2328;
margin:0;background:#f6f8fa}
a{color:#0969da;text-decoration:none}a:hover{text-decoration:underline}
nav.navbar{background:#fff;border-bottom:1px solid #d0d7de;padding:8px 24px;display:flex;gap:16px;
align-items:center}
.navbar-brand::after{content:"newsfacts \\00b7  Data Docs (offline)";font-weight:600;color:#1f2328}
.container-fluid{padding:16px 24px}
.row{display:flex;flex-wrap:wrap;gap:0 16px}
.col-md-2,.col-lg-2{flex:0 0 230px;max-width:230px}
.col-md-10,.col-lg-10,.col-12,.col-xs-12{flex:1 1 600px;min-width:0}
.col-md-6,.col-lg-6{flex:1 1 45%;min-width:280px}
.col-md-4{flex:1 1 30%}.col-md-8{flex:1 1 60%}.col-6{flex:1 1 45%;min-width:260px}
.row>.table-responsive,.row>.col-12{flex:1 1 100%}
.sticky{position:sticky;top:8px}
.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:0 0 14px;overflow:auto}
.card-header{background:#f6f8fa;border-bottom:1px solid #d0d7de;padding:8px 12px}
.card-header h4,.card-header h5,.card-header h3{margin:0;font-size:16px}
.card-body{padding:10px 12px}
.list-group{list-style:none;padding:0;margin:0}
.list-group-item{padding:5px 8px;border-bottom:1px solid #eaeef2}
ul{padding-left:18px}
table{border-collapse:collapse;width:100%;font-size:13px;background:#fff}
.ge-section table,.table{width:100%!important}
th,td{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa}
tr.clickable-row td:first-child{width:56px;text-align:center}
.table-sm td,.table-sm th{padding:3px 6px}
.text-success,.ge-success-icon{color:#1a7f37}.text-danger,.ge-failed-icon{color:#cf222e}
.text-warning{color:#9a6700}.text-muted{color:#6e7781}
.badge{display:inline-block;padding:0 6px;border-radius:8px;background:#eff1f3;font-size:12px}
.badge-info,.badge-primary{background:#ddf4ff}.badge-danger{background:#ffebe9}
.alert{padding:6px 12px;border-radius:4px;background:#eaeef2;border:1px solid #d0d7de;margin:18px 0 6px}
.alert h5,.alert h4{margin:0;font-size:15px}
.h6{font-weight:600}
.cooltip .top{display:none}
.btn{display:inline-block;padding:2px 8px;border:1px solid #d0d7de;border-radius:4px;background:#fff;
font-size:12px;color:#1f2328}
.btn-block{display:block;margin:4px 0}
.d-none,.modal,.ge-offline-hide,footer,#ge-cta-footer{display:none}
.d-md-block{display:block}
.card:has(.btn-group-toggle){display:none}
.nav{list-style:none;padding-left:8px;margin:0}.nav-link{display:block;padding:2px 4px}
.collapse{display:block}
pre,code{font-size:12px;white-space:pre-wrap;word-break:break-word}
span[style*="monospace"]{word-break:break-all}
.fas,.far,.fa{font-style:normal;font-family:inherit}
.fa-check-circle::before{content:"\\2714"}.fa-times::before,.fa-times-circle::before{content:"\\2718"}
.fa-exclamation-triangle::before{content:"\\26A0"}.fa-info-circle::before{content:"\\2139"}
.fa-external-link-alt::before{content:"\\2197"}.fa-question-circle::before{content:"?"}
.fa-search::before{content:"\\1F50D"}.fa-arrow-up::before{content:"\\2191"}
.fa-caret-right::before,.fa-chevron-right::before{content:"\\25B8"}
.fa-caret-down::before,.fa-chevron-down::before{content:"\\25BE"}
.fa-home::before{content:"\\2302"}.fa-angle-right::before{content:"\\203A"}
#section-1{margin-top:0}
"""

_REMOTE = r"""(?:https?:)?//"""
_RE_REMOTE_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc\s*=\s*['\"]" + _REMOTE + r"[^>]*>\s*</script>", re.I | re.S
)
_RE_SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>", re.I | re.S)
_RE_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*['\"]" + _REMOTE + r"[^>]*>", re.I | re.S)
_RE_REMOTE_IMG = re.compile(r"<img\b[^>]*\bsrc\s*=\s*['\"]" + _REMOTE + r"[^>]*>", re.I | re.S)
_RE_REMOTE_ATTR = re.compile(r"\b(src|srcset|poster|data)\s*=\s*(['\"])" + _REMOTE + r".*?\2", re.I | re.S)
_RE_REMOTE_URL = re.compile(r"url\(\s*['\"]?" + _REMOTE + r"[^)]*\)", re.I)
_RE_IMPORT = re.compile(r"@import\s+(?:url\()?['\"]?" + _REMOTE + r"[^;]*;", re.I)
_RE_BT = re.compile(
    r"\$\(\s*'#(?P<id>[^']+)'\s*\)\.bootstrapTable\(\s*Object\.assign\(\s*\{\s*columns:\s*(?P<cols>\[.*?\]),"
    r"\s*data:\s*(?P<data>\[.*?\]),\s*toolbar:",
    re.S,
)


def _static_table(cols_src: str, data_src: str) -> str | None:
    try:
        cols = ast.literal_eval(cols_src)
        data = ast.literal_eval(data_src)
    except (ValueError, SyntaxError):
        return None
    fields = [(c["field"], c.get("title", c["field"])) for c in cols]
    head = "".join(f"<th>{_e(t)}</th>" for _, t in fields)
    rows = []
    for row in data:
        link = row.get("_table_row_link_path")
        cells = []
        for i, (f, _t) in enumerate(fields):
            v = row.get(f, "")
            v = v if isinstance(v, str) else _e(v)
            if link and i == len(fields) - 1 and "<a " not in v:
                v = f'<a href="{_e(link)}">{v}</a>'
            elif link and f == "run_name":
                v = f'<a href="{_e(link)}">{v}</a>'
            cells.append(f"<td>{v}</td>")
        rows.append(f'<tr class="clickable-row">{"".join(cells)}</tr>')
    return f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody>"


def offline_html(text: str) -> str:
    """Rewrite one GX Data Docs page so that it loads nothing from the network."""
    for m in _RE_BT.finditer(text):
        static = _static_table(m.group("cols"), m.group("data"))
        if static is None:
            continue
        pattern = re.compile(r"(<table\s[^>]*id=\"" + re.escape(m.group("id")) + r"\"[^>]*>)\s*</table>")
        hit = pattern.search(text)
        if hit:
            text = text[: hit.start()] + hit.group(1) + static + "</table>" + text[hit.end() :]
    text = _RE_REMOTE_SCRIPT.sub("", text)
    text = _RE_SCRIPT.sub("", text)  # inline scripts all need jQuery/bootstrap from a CDN
    text = _RE_REMOTE_LINK.sub("", text)
    text = _RE_REMOTE_IMG.sub("", text)
    text = _RE_REMOTE_ATTR.sub("", text)
    text = _RE_REMOTE_URL.sub("none", text)
    text = _RE_IMPORT.sub("", text)
    # the filter/search toolbar buttons need bootstrap-table
    text = re.sub(r'(<div id="[^"]*-toolbar" class=")', r"\1ge-offline-hide ", text)
    style = f"<style>{DOCS_CSS}</style>{OFFLINE_MARK}"
    if "</head>" in text:
        text = text.replace("</head>", style + "</head>", 1)
    else:
        text = style + text
    return text


def make_offline(docs_dir: Path) -> int:
    """Rewrite every not yet rewritten page of a Data Docs site; returns how many changed."""
    n = 0
    for path in docs_dir.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if OFFLINE_MARK in text:
            continue
        path.write_text(offline_html(text), encoding="utf-8")
        n += 1
    return n


def remote_references(text: str) -> list[str]:
    """Remote resources an HTML page would load (script/link/img/src/url()), for tests."""
    found: list[str] = []
    for rx in (
        _RE_REMOTE_SCRIPT,
        _RE_REMOTE_LINK,
        _RE_REMOTE_IMG,
        _RE_REMOTE_ATTR,
        _RE_REMOTE_URL,
        _RE_IMPORT,
    ):
        found += [m.group(0)[:120] for m in rx.finditer(text)]
    return found
