"""`newsfacts` console script: a thin front over the flows and the published data."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3


def _quiet_env() -> None:
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")  # per-batch progress on long runs
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def cmd_run(args: argparse.Namespace) -> int:
    _quiet_env()
    from flows import parallel

    if args.task_runner == "threads" and args.n_process != 1:
        # a worker loads spaCy, another process imports Great Expectations, while this one starts Prefect
        parallel.prestart_pool()
        parallel.start_quality_process()
    from flows.io import RawDirError
    from flows.publish_dataset import with_task_runner
    from newsfacts.publish import RunInProgress

    try:
        flow = with_task_runner(args.task_runner, args.dask_address)
        result = flow(
            raw_dir=args.raw_dir,
            out_dir=args.out_dir,
            batch_size=args.batch_size,
            n_process=args.n_process,
            full=args.full,
        )
    except RawDirError as e:
        print(f"newsfacts: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except RunInProgress as e:
        print(f"newsfacts: {e}", file=sys.stderr)
        return EXIT_BUSY
    except Exception as e:  # noqa: BLE001 - Prefect has logged the traceback; say it once, plainly
        print(f"newsfacts: run failed: {type(e).__name__}: {e}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        parallel.discard_prestarted()
        parallel.stop_quality_process()
    _print_summary(result)
    gate = (result.get("quality") or {}).get("gate")
    if gate == "failed":
        print(f"newsfacts: quality gate FAILED: {result['quality'].get('message')}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _print_summary(r: dict) -> None:
    state = "new version" if r["changed"] else "no change, nothing committed"
    print(f"newsfacts: dataset version {r['dataset_version']} ({state}) in {r['out_dir']}")
    print(
        f"  {r['files']} raw files ({r.get('files_read', r['files'])} read this run) -> "
        f"{r['articles']} articles in {r['seconds']:.1f} s"
    )
    print("  rows: " + ", ".join(f"{k}={v}" for k, v in r["rows"].items()))
    if r["rejected_files"]:
        print(
            f"  quarantined {len(r['rejected_files'])} input file(s) (see the rejects table): "
            + ", ".join(r["rejected_files"])
        )
    if r.get("quality", {}).get("summary_html"):
        print(f"  quality report: {r['quality']['summary_html']}")


def cmd_versions(args: argparse.Namespace) -> int:
    from newsfacts.publish import read_manifest

    out = Path(args.out_dir)
    manifest = read_manifest(out)
    if not manifest["versions"]:
        print(f"no dataset versions in {out}")
        return EXIT_OK
    if args.json:
        print(json.dumps(manifest, indent=2))
        return EXIT_OK
    print(f"{'version':>7}  {'current':7}  {'status':10}  {'created_at':25}  rows")
    for v in manifest["versions"]:
        cur = "*" if v["dataset_version"] == manifest["current"] else ""
        rows = ", ".join(f"{k}={n}" for k, n in v["rows"].items())
        print(
            f"{v['dataset_version']:>7}  {cur:7}  {v.get('status', ''):10}  {v['created_at'][:25]:25}  {rows}"
        )
    return EXIT_OK


def cmd_show(args: argparse.Namespace) -> int:
    import polars as pl

    from newsfacts.publish import read_table

    df = read_table(Path(args.out_dir), args.table, dataset_version=args.version)
    with pl.Config(tbl_rows=args.limit, fmt_str_lengths=60, tbl_width_chars=200):
        print(df.head(args.limit))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    _quiet_env()
    from flows.deployment import serve

    serve(cron=args.cron, raw_dir=args.raw_dir, out_dir=args.out_dir, port=args.port)
    return EXIT_OK


def cmd_vacuum(args: argparse.Namespace) -> int:
    from newsfacts.publish import RunInProgress, run_lock, vacuum

    out = Path(args.out_dir)
    try:
        with run_lock(out):
            res = vacuum(out, args.keep)
            from flows.state import prune_caches

            res["removed_cache_files"] = prune_caches(out)
    except RunInProgress as e:
        print(f"newsfacts: {e}", file=sys.stderr)
        return EXIT_BUSY
    except ValueError as e:
        print(f"newsfacts: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    print(
        f"kept dataset versions {res['kept_versions']}, dropped {res['dropped_versions']}, "
        f"removed {res['removed_files']} data files and {res['removed_cache_files']} stale cache files"
    )
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    _quiet_env()
    from newsfacts.quality import describe_report

    try:
        print(describe_report(Path(args.out_dir), args.version))
    except (FileNotFoundError, KeyError) as e:
        print(f"newsfacts: no quality report: {e}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def cmd_dictionary(args: argparse.Namespace) -> int:
    from schemas.dictionary import render

    text = render()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="newsfacts", description="Scraped news -> clean, versioned datasets.")
    sub = p.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the publish_dataset flow once")
    run.add_argument("--raw-dir", default="data/raw")
    run.add_argument("--out-dir", default="data/processed")
    run.add_argument("--batch-size", type=int, default=int(os.environ.get("NEWSFACTS_BATCH_SIZE", 256)))
    run.add_argument(
        "--n-process",
        type=int,
        default=int(os.environ.get("NEWSFACTS_N_PROCESS", 0)),
        help="spaCy processes per extraction batch (0: auto)",
    )
    run.add_argument(
        "--full",
        action="store_true",
        help="read every raw file again (default: only files new or changed since the last run)",
    )
    run.add_argument("--task-runner", choices=["threads", "dask"], default="threads")
    run.add_argument(
        "--dask-address",
        default=None,
        help="tcp://host:8786 of a Dask scheduler "
        "(default with --task-runner dask: a local cluster of 2 workers)",
    )
    run.set_defaults(func=cmd_run)

    ver = sub.add_parser("versions", help="list dataset versions with row counts")
    ver.add_argument("--out-dir", default="data/processed")
    ver.add_argument("--json", action="store_true")
    ver.set_defaults(func=cmd_versions)

    show = sub.add_parser("show", help="print the first rows of a table")
    show.add_argument("table")
    show.add_argument("--out-dir", default="data/processed")
    show.add_argument("--version", type=int, default=None, help="dataset version (default: current)")
    show.add_argument("--limit", type=int, default=10)
    show.set_defaults(func=cmd_show)

    srv = sub.add_parser(
        "serve",
        help="serve the flow as a cron deployment (starts a local Prefect server "
        "unless PREFECT_API_URL is set)",
    )
    srv.add_argument("--cron", default="0 * * * *", help="cron schedule (default hourly: '0 * * * *')")
    srv.add_argument("--raw-dir", default="data/raw")
    srv.add_argument("--out-dir", default="data/processed")
    srv.add_argument("--port", type=int, default=4200, help="port of the local Prefect server it starts")
    srv.set_defaults(func=cmd_serve)

    vac = sub.add_parser("vacuum", help="delete data files of dataset versions older than the last N")
    vac.add_argument("--keep", type=int, required=True)
    vac.add_argument("--out-dir", default="data/processed")
    vac.set_defaults(func=cmd_vacuum)

    rep = sub.add_parser("report", help="where the quality report of a version is, and its headline figures")
    rep.add_argument("--out-dir", default="data/processed")
    rep.add_argument("--version", type=int, default=None, help="dataset version (default: the latest)")
    rep.set_defaults(func=cmd_report)

    dic = sub.add_parser("dictionary", help="print the data dictionary generated from the schemas")
    dic.add_argument("--output", default=None)
    dic.set_defaults(func=cmd_dictionary)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
