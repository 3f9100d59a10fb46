"""Adversarial-input timings: every hostile input x every stage, in a table.

usage: python benchmarks/adversarial.py [--only NAME[,NAME]] [--stages clean,figures,entities,ingest]
       [--timeout SECONDS] [--limit SECONDS] [--json PATH]

Each cell runs in a forked child process (the spaCy pipeline is loaded once, before forking) with a
wall-clock timeout, so a catastrophic pattern shows as "TIMEOUT" instead of hanging the benchmark.
Stages:
- clean:    newsfacts.clean.clean_document(text)
- figures:  newsfacts.extract.figures.extract_figures(text)
- entities: newsfacts.extract.entities.extract_entities(text)
- ingest:   newsfacts.ingest.parse_raw("x.txt", bytes) (decode, mojibake repair, line-length bound)
- agreements (optional, --stages ...,agreements): newsfacts.extract.agreements.extract_agreements(text)
The pass bar (--limit, default 2 s) applies to clean and figures, as issue 10 asks; the other
columns are reported for information. Exit status 1 when a clean/figures cell fails or errors.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MB = 1_000_000


def inputs() -> dict[str, str]:
    """name -> hostile text (each about 0.1 to 1 MB)."""
    return {
        "$ + 100k '1,'": "$" + "1," * 100_000,
        "100k '('": "(" * 100_000,
        "100k '['": "[" * 100_000,
        "1 MB token, no spaces": ("abc1.2,x" * (MB // 8))[:MB],
        "1 MB letters only": "a" * MB,
        "50k 'Tel: +'": "Tel: +" * 50_000,
        "50k 'Tel: +' lines": "Tel: +\n" * 50_000,
        "1 MB dots": "." * MB,
        "1 MB '1.'": "1." * (MB // 2),
        "1 MB digits": "1" * MB,
        "500k '1.2.'/'3,4,' mix": ("1.2.3,4,5 " * (MB // 10)),
        "100k '\"'": '"' * 100_000,
        "100k curly quotes": "\u201c\u2018\u2019\u201d" * 25_000,
        '100k "\'" quote+space': "\" ' " * 25_000,
        "100k '$ '": "$ " * 100_000,
        "50k 'By X | '": "By Jane Doe | " * 50_000,
        "50k '(c) 2026 '": "(c) 2026 " * 50_000,
        "100k '2026-'": "2026-" * 100_000,
        "100k '12:'": "12:" * 100_000,
        "200k spaces then x": " " * 200_000 + "x",
        "100k 'a@b.'": "a@b." * 100_000,
        "100k 'www.'": "http://www." * 50_000,
        "50k '1 2 3 '": "1 2 3 " * 50_000,
        "100k 'one two '": "one two " * 50_000,
        "100k '[Photo: ' ": "[Photo: " * 50_000,
        "20k lines 'Tel: +1 ('": "Tel: +1 (\n" * 20_000,
        "16k 'Seoul ' (one line)": "Seoul " * 16_000,
        "5k 'Samsung Electronics, '": "Samsung Electronics, " * 5_000,
        "20k trailing short lines": (
            "Exports of cars to the region rose sharply this year as demand for electric vehicles grew.\n"
            + "\n".join(f"Yes it is {i}." for i in range(20_000))
        ),
        "body line + 20k '(' run": (
            "The exports rose sharply this year as the demand grew in most of the markets "
            + "(" * 20_000
            + " officials said."
        ),
        "5k dateparser-bait labels": (
            "".join(f"Updated: {i} March of the year\n" for i in range(5_000))
            + "Exports of cars to the region rose sharply this year as demand for electric vehicles grew.\n"
        ),
        "1 MB prose line": ("Exports rose 5 percent to $3.2 billion in 2025, officials said. " * 16_000)[:MB],
    }


def _stage_fns() -> dict[str, Callable[[str], Any]]:
    from newsfacts.clean import clean_document
    from newsfacts.extract.entities import extract_entities
    from newsfacts.extract.figures import extract_figures
    from newsfacts.ingest import IngestError, parse_raw

    def ingest(text: str) -> Any:
        try:
            return parse_raw("x.txt", text.encode("utf-8"))
        except IngestError as e:
            return f"quarantined: {e.check}"

    def agreements(text: str) -> Any:
        from newsfacts.extract.agreements import extract_agreements

        return extract_agreements(text)

    return {
        "agreements": agreements,
        "clean": clean_document,
        "figures": extract_figures,
        "entities": extract_entities,
        "ingest": ingest,
    }


def _child(fn: Callable[[str], Any], text: str, conn: Any) -> None:
    try:
        t0 = time.perf_counter()
        res = fn(text)
        dt = time.perf_counter() - t0
        note = res if isinstance(res, str) else ""
        conn.send(("ok", dt, note))
    except BaseException as e:  # noqa: BLE001 - report, never hang
        conn.send(("error", 0.0, f"{type(e).__name__}: {str(e)[:120]}"))
    finally:
        conn.close()


def run_cell(fn: Callable[[str], Any], text: str, timeout: float) -> tuple[str, float, str]:
    ctx = mp.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    p = ctx.Process(target=_child, args=(fn, text, child))
    t0 = time.perf_counter()
    p.start()
    child.close()
    if parent.poll(timeout):
        try:
            got: tuple[str, float, str] = parent.recv()
        except EOFError:
            got = ("error", time.perf_counter() - t0, f"child died (exit {p.exitcode})")
        p.join(5)
        return got
    p.kill()
    p.join()
    return ("timeout", timeout, "")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="", help="comma-separated substrings of input names")
    ap.add_argument("--stages", default="clean,figures,entities,ingest")
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--limit", type=float, default=2.0)
    ap.add_argument("--json", default="")
    args = ap.parse_args(argv)

    fns = _stage_fns()
    stages = [s for s in args.stages.split(",") if s]
    if "entities" in stages:
        from newsfacts.extract.entities import extract_entities

        extract_entities("Warm-up in Seoul with Samsung Electronics.")  # load spaCy before forking
    if "clean" in stages:
        # load the language identifier (a non-English text) before forking, as a long run would have
        fns["clean"]("Warm-up line.\nIl pleut sur la ville ce matin et les rues sont vides.")
    wanted = [w for w in args.only.split(",") if w]
    cases = {k: v for k, v in inputs().items() if not wanted or any(w in k for w in wanted)}

    header = ["input", "chars", *stages]
    rows: list[list[str]] = []
    failed = False
    results: list[dict[str, Any]] = []
    for name, text in cases.items():
        row = [name, f"{len(text):,}"]
        for st in stages:
            status, secs, note = run_cell(fns[st], text, args.timeout)
            gated = st in ("clean", "figures")
            if status == "ok":
                cell = f"{secs:.3f}"
                if note:
                    cell += f" ({note.replace('quarantined: ', 'q:')})"
                if gated and secs >= args.limit:
                    cell += " SLOW"
                    failed = True
            elif status == "timeout":
                cell = f">{args.timeout:.0f} TIMEOUT"
                failed = failed or gated
            else:
                cell = f"ERROR {note}"
                failed = failed or gated
            row.append(cell)
            results.append({"input": name, "stage": st, "status": status, "seconds": secs, "note": note})
        rows.append(row)
        print(" | ".join(row), file=sys.stderr, flush=True)

    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths)) + " |")
    print(
        f"\nseconds per call, one process per cell; clean/figures must be < {args.limit:.1f} s "
        f"({'FAIL' if failed else 'all pass'}); q: = quarantined by ingest with that check"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
