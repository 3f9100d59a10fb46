"""`newsfacts` console script: a thin front over the flows and the published data."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from pathlib import Path
from typing import Any, NoReturn

from flows.config import quiet_libraries

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_BUSY = 0, 1, 2, 3


EPHEMERAL_START_ATTEMPTS = 3


class UsageError(Exception):
    """Bad arguments or a bad raw/out dir, found before Prefect starts (exit 2)."""


class _NoTraceback(logging.Filter):
    """Keeps log records to their one-line message: the CLI says what failed in one line, and
    `--debug` shows the tracebacks."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.exc_info = None
        record.exc_text = None
        return True


def _quiet_tracebacks() -> None:
    for name in ("", "prefect"):
        for handler in logging.getLogger(name).handlers:
            handler.addFilter(_NoTraceback())


def _check_run_args(args: argparse.Namespace) -> None:
    """Everything that can be checked before Prefect starts (seconds): the raw dir, the out dir, and
    whether another run holds the out dir."""
    from store.files import RawDirError, check_raw_dir
    from store.publish import run_lock

    try:
        check_raw_dir(Path(args.raw_dir))
    except RawDirError as e:
        raise UsageError(str(e)) from None
    out = Path(args.out_dir)
    if out.exists() and not out.is_dir():
        raise UsageError(f"out dir {out} exists and is not a directory")
    with run_lock(out):  # raises RunInProgress (exit 3) at once; released before the flow takes it
        pass


def cmd_run(args: argparse.Namespace) -> int:
    quiet_libraries()
    _check_run_args(args)
    from flows import parallel

    if args.task_runner == "threads" and args.n_process != 1 and not _nothing_new(args):
        # a worker loads spaCy, another process imports Great Expectations, while this one starts Prefect
        parallel.prestart_pool()
        parallel.start_quality_process()
    from flows.publish_dataset import with_task_runner

    if not args.debug:
        _quiet_tracebacks()
    try:
        flow = with_task_runner(args.task_runner, args.dask_address)
        result = _run_flow(flow, args)
    finally:
        parallel.discard_prestarted()
        parallel.stop_quality_process()
    _print_summary(result)
    gate = (result.get("quality") or {}).get("gate")
    if gate == "failed":
        print(f"newsfacts: quality gate FAILED: {result['quality'].get('message')}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _nothing_new(args: argparse.Namespace) -> bool:
    """Whether the last run left this raw dir's listing (then nothing is started ahead of the flow)."""
    from newsfacts.nlp import model_name
    from store.state import nothing_new

    cfg = _settings()
    return not args.full and nothing_new(
        Path(args.raw_dir), Path(args.out_dir), model_name(cfg.spacy_model), cfg.max_file_bytes
    )


def _run_flow(flow: Any, args: argparse.Namespace) -> dict[str, Any]:
    """One flow run; a temporary Prefect server that does not come up is started again."""
    for attempt in range(1, EPHEMERAL_START_ATTEMPTS + 1):
        try:
            return dict(
                flow(
                    raw_dir=args.raw_dir,
                    out_dir=args.out_dir,
                    batch_size=args.batch_size,
                    n_process=args.n_process,
                    full=args.full,
                )
            )
        except RuntimeError as e:
            if "ephemeral Prefect API server" not in str(e) or attempt == EPHEMERAL_START_ATTEMPTS:
                raise
            print(
                f"newsfacts: the temporary Prefect server did not start (attempt {attempt}); trying again",
                file=sys.stderr,
            )
    raise AssertionError("unreachable")


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
    from store.publish import read_manifest

    out = _published_out_dir(args)
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

    from store.publish import read_table

    try:
        df = read_table(_published_out_dir(args), args.table, dataset_version=args.version)
    except KeyError as e:
        raise UsageError(str(e).strip("'\"")) from None
    with pl.Config(tbl_rows=args.limit, fmt_str_lengths=60, tbl_width_chars=200):
        print(df.head(args.limit))
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    quiet_libraries()
    from flows.deployment import serve

    serve(
        cron=args.cron,
        raw_dir=args.raw_dir,
        out_dir=args.out_dir,
        port=args.port,
        warm=not args.process_per_run,
        poll_seconds=args.poll_seconds,
        workers=_settings().n_process,
    )
    return EXIT_OK


def cmd_vacuum(args: argparse.Namespace) -> int:
    from store.publish import run_lock, vacuum
    from store.state import prune_caches

    out = _published_out_dir(args)
    with run_lock(out):
        res = vacuum(out, args.keep)
        res["removed_cache_files"] = prune_caches(out)
    print(
        f"kept dataset versions {res['kept_versions']}, dropped {res['dropped_versions']}, "
        f"removed {res['removed_files']} data files and {res['removed_cache_files']} stale cache files"
    )
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    quiet_libraries()
    from store.quality import describe_report

    try:
        print(describe_report(_published_out_dir(args), args.version))
    except (FileNotFoundError, KeyError) as e:
        raise UsageError(str(e).strip("'\"")) from None
    return EXIT_OK


def cmd_dictionary(args: argparse.Namespace) -> int:
    from schemas.dictionary import render

    text = render()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        print(text, end="")
    return EXIT_OK


def _int_at_least(minimum: int) -> Any:
    """An argparse type: a whole number >= minimum."""

    def parse(text: str) -> int:
        try:
            n = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if n < minimum:
            raise argparse.ArgumentTypeError(f"{n} is not a whole number >= {minimum}")
        return n

    return parse


_positive_int = _int_at_least(1)
_non_negative_int = _int_at_least(0)


def _published_out_dir(args: argparse.Namespace) -> Path:
    """The out dir of a command that reads what runs published: a mistyped one is an error, not an
    empty answer (and is never created)."""
    out = Path(args.out_dir)
    if not (out / "_manifest.json").is_file():
        raise UsageError(f"out dir {out} holds no published dataset (no _manifest.json); check --out-dir")
    return out


class _Parser(argparse.ArgumentParser):
    """Argument errors in one line, like every other error: 'newsfacts: error: ...'."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"newsfacts: error: {message} (see '{self.prog} --help')\n")


def _settings() -> Any:
    """The environment's settings (flows.config), a bad value reported as a usage error."""
    from flows.config import ConfigError, from_env

    try:
        return from_env()
    except ConfigError as e:
        raise UsageError(str(e)) from None


def build_parser() -> argparse.ArgumentParser:
    cfg = _settings()
    p = _Parser(
        prog="newsfacts",
        description="Scraped news -> clean, validated, versioned datasets.",
        epilog="Exit codes: 0 done, 1 run or quality gate failed, 2 bad arguments or input dir, "
        "3 another run holds the out dir.",
    )
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    debug = _Parser(add_help=False)
    debug.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    out_dir = _Parser(add_help=False)
    out_dir.add_argument("--out-dir", default="data/processed", help="the published out dir")

    def command(name: str, func: Any, help: str, with_out_dir: bool = True) -> argparse.ArgumentParser:
        parents = [debug, out_dir] if with_out_dir else [debug]
        cmd = sub.add_parser(
            name, parents=parents, formatter_class=argparse.ArgumentDefaultsHelpFormatter, help=help
        )
        cmd.set_defaults(func=func)
        return cmd

    run = command("run", cmd_run, "run the publish_dataset flow once")
    run.add_argument("--raw-dir", default="data/raw", help="folder of raw articles (txt, html, jsonl)")
    run.add_argument(
        "--batch-size",
        type=_positive_int,
        default=cfg.batch_size,
        help="documents per batch (one Prefect task each); env NEWSFACTS_BATCH_SIZE",
    )
    run.add_argument(
        "--n-process",
        type=_non_negative_int,
        default=cfg.n_process,
        help="worker processes for cleaning and extraction (0: one per core); env NEWSFACTS_N_PROCESS",
    )
    run.add_argument(
        "--full", action="store_true", help="read every raw file again, not only the new or changed ones"
    )
    run.add_argument(
        "--task-runner", choices=["threads", "dask"], default="threads", help="where the batch tasks run"
    )
    run.add_argument(
        "--dask-address",
        default=None,
        help="tcp://host:8786 of a Dask scheduler (default with --task-runner dask: a local cluster "
        "of 2 workers)",
    )

    ver = command("versions", cmd_versions, "list dataset versions with row counts")
    ver.add_argument("--json", action="store_true", help="print the manifest as JSON")

    from schemas import TABLES

    show = command("show", cmd_show, "print the first rows of a table")
    show.add_argument("table", choices=list(TABLES), help="table name")
    show.add_argument(
        "--version", type=_non_negative_int, default=None, help="dataset version (default: current)"
    )
    show.add_argument("--limit", type=_positive_int, default=10, help="rows to print")

    srv = command(
        "serve",
        cmd_serve,
        "serve the flow as a cron deployment (starts a local Prefect server unless PREFECT_API_URL is set)",
    )
    srv.add_argument("--cron", default="0 * * * *", help="cron schedule (UTC)")
    srv.add_argument("--raw-dir", default="data/raw", help="folder of raw articles")
    srv.add_argument("--port", type=_positive_int, default=4200, help="port of the local Prefect server")
    srv.add_argument(
        "--process-per-run",
        action="store_true",
        help="start a fresh process for every scheduled run (Prefect's runner) instead of running them "
        "warm in the serve process",
    )
    srv.add_argument(
        "--poll-seconds",
        type=_positive_int,
        default=2,
        help="how often to look for due scheduled runs (warm mode)",
    )

    vac = command("vacuum", cmd_vacuum, "delete data files of dataset versions older than the last N")
    vac.add_argument("--keep", type=_positive_int, required=True, help="dataset versions to keep")

    rep = command("report", cmd_report, "where the quality report of a version is, and its headline figures")
    rep.add_argument(
        "--version", type=_non_negative_int, default=None, help="dataset version (default: the latest)"
    )

    dic = command(
        "dictionary",
        cmd_dictionary,
        "print the data dictionary generated from the schemas",
        with_out_dir=False,
    )
    dic.add_argument("--output", default=None, help="write to this file instead of stdout")
    return p


def main(argv: list[str] | None = None) -> int:
    """Every error ends in one line naming the problem and its documented exit code; `--debug`
    adds the traceback."""
    try:
        args = build_parser().parse_args(argv)
    except UsageError as e:
        print(f"newsfacts: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except UsageError as e:
        print(f"newsfacts: error: {e}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("newsfacts: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `newsfacts report | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as e:  # noqa: BLE001 - the one place errors become exit codes
        from store.publish import RunInProgress

        if isinstance(e, RunInProgress):
            print(f"newsfacts: {e}", file=sys.stderr)
            return EXIT_BUSY
        if args.debug:
            traceback.print_exc()
        hint = "" if args.debug else " (--debug shows the traceback)"
        print(f"newsfacts: {args.command} failed: {type(e).__name__}: {e}{hint}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
