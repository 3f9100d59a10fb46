"""Fuzz run: the property checks of tests/test_hardening.py with many hypothesis examples.

usage: python benchmarks/fuzz.py [--examples N] [--mentions-examples M] [--targets clean,figures,...]
       [--seed S]

Targets (each a property that must hold for any input):
- clean:    clean_document never raises; every paragraph is its input line (or the line less a
            recorded stripped prefix); body == the body paragraphs joined; segment offsets point at text
- figures:  extract_figures never raises; text == input[start:end], the text is in its sentence, the
            sentence is in the input, values are finite, `equivalent_to` points backwards
- mentions: extract_entities never raises; every mention's offsets point at its text in its line
- agreements: extract_agreements never raises; kinds and statuses are contract values
- ingest:   parse_raw on any bytes (.txt/.html/.jsonl) raises only IngestError; documents are valid
            UTF-8 without NUL or CR and within the line bounds

Kept out of CI's time budget (CI runs the same properties with a few dozen examples). Prints, per
target, the number of examples run, the time and the result (with the shrunk failing input).
Exit status 1 when a property fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


def _props() -> Any:
    spec = importlib.util.spec_from_file_location("hardening_props", ROOT / "tests" / "test_hardening.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def check_agreements(text: str) -> None:
    """extract_agreements never raises and returns contract values (not run in CI: the module is
    owned elsewhere and still changing)."""
    from newsfacts.extract.agreements import KINDS, STATUSES, extract_agreements

    for g in extract_agreements(text):
        assert g["kind"] in KINDS and g["status"] in STATUSES, g
        assert isinstance(g["sentence"], str) and all(isinstance(p, str) for p in g["parties"]), g


def run_target(
    name: str, check: Callable[..., None], strategies: list[Any], examples: int, seed: int | None
) -> dict[str, Any]:
    count = [0]

    def counted(args: tuple[Any, ...]) -> None:
        count[0] += 1
        check(*args)

    test = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=seed is None,
        suppress_health_check=list(HealthCheck),
    )(given(st.tuples(*strategies))(counted))
    if seed is not None:
        from hypothesis import seed as hseed

        test = hseed(seed)(test)
    t0 = time.perf_counter()
    result: dict[str, Any] = {"target": name}
    try:
        test()
        result["result"] = "pass"
    except Exception as e:  # noqa: BLE001 - report the falsifying example and go on
        result["result"] = f"FAIL: {type(e).__name__}: {str(e)[:500]}"
        result["trace"] = traceback.format_exc()[-3000:]
    result["examples"] = count[0]
    result["seconds"] = round(time.perf_counter() - t0, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=20_000)
    ap.add_argument("--mentions-examples", type=int, default=None, help="default: --examples")
    ap.add_argument("--targets", default="clean,figures,mentions,agreements,ingest")
    ap.add_argument("--seed", type=int, default=None, help="random seed (default: derandomized)")
    args = ap.parse_args(argv)

    p = _props()
    text = p.text_strategy
    long_text = st.lists(st.one_of(st.text(max_size=40), st.sampled_from(p._FRAGMENTS)), max_size=200).map(
        "".join
    )
    any_text = st.one_of(text, long_text)
    data = st.one_of(st.binary(max_size=2000), any_text.map(lambda s: s.encode("utf-8", "surrogatepass")))
    targets: dict[str, tuple[Callable[..., None], list[Any], int]] = {
        "clean": (p.check_clean, [any_text], args.examples),
        "figures": (p.check_figures, [any_text], args.examples),
        "mentions": (p.check_mentions, [any_text], args.mentions_examples or args.examples),
        "agreements": (check_agreements, [any_text], args.mentions_examples or args.examples),
        "ingest": (p.check_ingest, [data, st.sampled_from([".txt", ".html", ".jsonl"])], args.examples),
    }
    failed = False
    rows = []
    for name in [t for t in args.targets.split(",") if t]:
        check, strategies, n = targets[name]
        r = run_target(name, check, strategies, n, args.seed)
        rows.append(r)
        print(f"{name}: {r['examples']} examples, {r['seconds']} s, {r['result']}", flush=True)
        if r["result"] != "pass":
            failed = True
            print(r["trace"], file=sys.stderr)
    print("\n| target | examples | seconds | result |\n|---|---:|---:|---|")
    for r in rows:
        print(f"| {r['target']} | {r['examples']} | {r['seconds']} | {r['result'][:120]} |")
    print(f"total examples: {sum(r['examples'] for r in rows)}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
