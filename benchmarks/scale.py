"""Scale benchmark: docs/s, words/s and peak memory per stage and end to end, against bare spaCy NER.

usage:
  python benchmarks/scale.py [--sizes 1000 5000 20000] [--work DIR] [--stages-max 5000]
                             [--no-flow] [--no-stages] [--profile STAGE] [--json FILE]

For each size N it generates (once, fixed seed) a noisy corpus of N raw files with
``benchmarks/corpus_gen.py`` and measures, in the same run:

* **bare NER** (the reference): ``spacy.load(model, enable=["ner"])`` in one process, ``nlp.pipe`` over
  the raw text of every document (the text the ingester reads, boilerplate and repeats included);
* **end to end**: the real flow, ``newsfacts run --raw-dir X --out-dir Y`` in a subprocess on a fresh out
  dir (first full run, empty extraction cache), wall and CPU time and the peak RSS of the whole process
  tree (the run and its spaCy workers, sampled every 50 ms with psutil);
* **stages** (N <= --stages-max): the core package's pure steps in this process, one after the other
  (ingest, count lines, clean, merge, corpus near-duplicates, NER mentions, figures, agreements, tables,
  validate), each with wall and CPU time; ``--profile STAGE`` prints a cProfile of one stage.

``ratio`` is end-to-end wall time / bare NER wall time over the same text (target <= 1.0). The machine
may be shared: the load average is printed next to every figure, and CPU seconds are given too.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import corpus_gen  # noqa: E402


def _load() -> float:
    return os.getloadavg()[0]


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def corpus(n: int, work: Path) -> Path:
    raw = work / f"raw{n}"
    stamp = raw / ".complete"
    if not stamp.exists():
        shutil.rmtree(raw, ignore_errors=True)
        corpus_gen.generate(n, raw)
        stamp.write_text("ok")
    return raw


def raw_texts(raw: Path) -> list[str]:
    from newsfacts.ingest import parse_raw
    from store.files import list_raw_files, read_bytes

    files, _ = list_raw_files(raw)
    out = []
    for f in files:
        docs, _ = parse_raw(f.rel, read_bytes(f))
        out.extend(d.text for d in docs)
    return out


def bare_ner(texts: list[str]) -> dict[str, float]:
    """The reference: NER only, one process, nlp.pipe over the documents' raw text."""
    import spacy

    from newsfacts.nlp import model_name

    nlp = spacy.load(model_name(), enable=["ner"])
    nlp("Warm-up sentence in London.")
    t0, c0, load0 = time.perf_counter(), time.process_time(), _load()
    n_ents = 0
    for doc in nlp.pipe(texts, batch_size=64):
        n_ents += len(doc.ents)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"wall_s": wall, "cpu_s": cpu, "ents": n_ents, "load": (load0 + _load()) / 2}


def run_flow(raw: Path, out: Path, extra: list[str]) -> dict[str, Any]:
    """`newsfacts run` in a subprocess; peak RSS summed over its process tree."""
    import psutil

    shutil.rmtree(out, ignore_errors=True)
    env = dict(os.environ)
    env.setdefault("PREFECT_HOME", str(out.parent / "prefect_home"))
    cmd = [sys.executable, "-m", "newsfacts", "run", "--raw-dir", str(raw), "--out-dir", str(out), *extra]
    load0 = _load()
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    peak = 0
    timeline: list[tuple[float, float, float]] = []  # (seconds, run process MiB, tree MiB)
    cpu_seen: dict[int, float] = {}
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        p = psutil.Process(proc.pid)
        while not stop.is_set():
            try:
                tree = [p, *p.children(recursive=True)]
                total = 0
                for q in tree:
                    try:
                        total += q.memory_info().rss
                        t = q.cpu_times()
                        cpu_seen[q.pid] = t.user + t.system
                    except psutil.Error:
                        pass
                peak = max(peak, total)
                timeline.append((time.perf_counter() - t0, tree[0].memory_info().rss / 2**20, total / 2**20))
            except psutil.Error:
                pass
            stop.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    output, _ = proc.communicate()
    wall = time.perf_counter() - t0
    stop.set()
    th.join()
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "rc": proc.returncode,
        "wall_s": wall,
        "cpu_s_tree": sum(cpu_seen.values()),
        "peak_rss_mb": peak / 2**20,
        "max_single_rss_mb": ru.ru_maxrss / 1024,
        "load": (load0 + _load()) / 2,
        "output": output if os.environ.get("PREFECT_LOGGING_LEVEL") == "INFO" else output[-3000:],
        "timeline": timeline[::10],
    }


class Stages:
    """The pure steps in this process, timed one by one."""

    def __init__(self, profile: str | None = None):
        self.rows: list[dict[str, Any]] = []
        self.profile = profile

    def time(self, name: str, docs: int, words: int, fn: Callable[[], Any]) -> Any:
        prof = cProfile.Profile() if self.profile == name else None
        load0 = _load()
        t0, c0 = time.perf_counter(), time.process_time()
        if prof:
            prof.enable()
        out = fn()
        if prof:
            prof.disable()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        self.rows.append(
            {
                "stage": name,
                "docs": docs,
                "words": words,
                "wall_s": wall,
                "cpu_s": cpu,
                "rss_mb": _rss_mb(),
                "load": (load0 + _load()) / 2,
            }
        )
        print(f"  stage {name}: {wall:.2f} s wall, {cpu:.2f} s CPU", flush=True)
        if prof:
            s = io.StringIO()
            pstats.Stats(prof, stream=s).sort_stats("cumulative").print_stats(40)
            print(s.getvalue())
            s = io.StringIO()
            pstats.Stats(prof, stream=s).sort_stats("tottime").print_stats(25)
            print(s.getvalue())
        return out


def run_stages(raw: Path, profile: str | None) -> list[dict[str, Any]]:
    import datetime as dt
    from collections import Counter

    from newsfacts import process
    from newsfacts.dedupe import corpus_duplicates
    from newsfacts.extract.agreements import extract_agreements_batch
    from newsfacts.extract.entities import extract_mentions_and_ents, load_ner
    from newsfacts.extract.figures import extract_figures
    from newsfacts.ingest import parse_raw
    from newsfacts.validate import validate_tables
    from store.files import list_raw_files, read_bytes

    st = Stages(profile)
    files, _ = list_raw_files(raw)

    def ingest() -> list[Any]:
        out = []
        for f in files:
            out.extend(parse_raw(f.rel, read_bytes(f))[0])
        return out

    docs = st.time("ingest", len(files), 0, ingest)
    words = sum(len(d.text.split()) for d in docs)
    st.rows[-1]["words"] = words
    counts: Counter[int] = st.time("count_lines", len(docs), words, lambda: process.count_lines(docs))
    arts, _ = st.time("clean", len(docs), words, lambda: process.clean_batch(docs, counts, len(docs)))
    arts = st.time("merge_same", len(arts), words, lambda: process.merge_same_articles(arts))
    bwords = sum(len(p.split()) for a in arts for p in a.body_paragraphs)
    paragraphs = [((a.article_id, i), p) for a in arts for i, p in enumerate(a.body_paragraphs)]
    st.time("corpus_dedupe", len(arts), bwords, lambda: corpus_duplicates(paragraphs))
    nlp = load_ner()
    bodies = [a.body_paragraphs for a in arts]
    mentions, ents = st.time(
        "ner_mentions", len(arts), bwords, lambda: extract_mentions_and_ents(bodies, nlp=nlp)
    )
    st.time(
        "figures", len(arts), bwords, lambda: [extract_figures(p) for a in arts for p in a.body_paragraphs]
    )

    def agreements() -> list[Any]:
        # as extract_batch: the NER pass's mentions and spans, one parse over all candidate sentences
        inputs = [
            process.agreement_input(a.body_paragraphs, ms, es) for a, ms, es in zip(arts, mentions, ents)
        ]
        return extract_agreements_batch(inputs)

    st.time("agreements", len(arts), bwords, agreements)
    extracted = st.time("extract_batch(all)", len(arts), bwords, lambda: process.extract_batch(arts, nlp=nlp))
    now = dt.datetime.now(dt.UTC)
    frames = st.time(
        "tables",
        len(arts),
        bwords,
        lambda: process.finish_tables([process.batch_tables(arts, extracted, now)]),
    )
    st.time("validate", len(arts), bwords, lambda: validate_tables(frames, "bench"))
    return st.rows


def fmt_rate(n: float, s: float) -> str:
    return f"{n / s:,.0f}" if s > 0 else "-"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "newsfacts_scale")
    ap.add_argument("--stages-max", type=int, default=5000, help="per-stage figures up to this size")
    ap.add_argument("--no-flow", action="store_true")
    ap.add_argument("--no-stages", action="store_true")
    ap.add_argument("--no-ner", action="store_true")
    ap.add_argument("--profile", default=None, help="cProfile one stage (e.g. clean, ner_mentions)")
    ap.add_argument("--flow-args", default="", help="extra arguments for `newsfacts run`")
    ap.add_argument("--json", type=Path, default=None)
    ap.add_argument("--flow-first", action="store_true", help="run the flow before the bare NER pass")
    ap.add_argument(
        "--server",
        action="store_true",
        help="flow runs talk to one Prefect server started first (as scheduled runs do), "
        "instead of each starting Prefect's temporary API",
    )
    a = ap.parse_args()
    a.work.mkdir(parents=True, exist_ok=True)
    if a.server:
        from flows.deployment import exported_prefect_api

        with exported_prefect_api(4298, str(a.work / "prefect_home")):
            measure(a)
    else:
        measure(a)


def measure(a: argparse.Namespace) -> None:
    results: list[dict[str, Any]] = []
    api = "a running server" if os.environ.get("PREFECT_API_URL") else "temporary, started by the run"
    print(f"cores: {os.cpu_count()}, load: {os.getloadavg()}, Prefect API: {api}")
    for n in a.sizes:
        raw = corpus(n, a.work)
        texts = raw_texts(raw)
        words = sum(len(t.split()) for t in texts)
        res: dict[str, Any] = {"n": n, "docs": len(texts), "words": words}
        print(f"\n== {n} raw files: {len(texts)} documents, {words:,} words ==")

        for step in ("flow", "ner") if a.flow_first else ("ner", "flow"):
            if step == "ner" and not a.no_ner:
                ref = bare_ner(texts)
                res["bare_ner"] = ref
                print(
                    f"bare NER (1 process): {ref['wall_s']:.1f} s wall, {ref['cpu_s']:.1f} s CPU, "
                    f"{fmt_rate(len(texts), ref['wall_s'])} docs/s, {fmt_rate(words, ref['wall_s'])} words/s "
                    f"(load {ref['load']:.1f})"
                )
            if step == "flow" and not a.no_flow:
                fl = run_flow(raw, a.work / f"out{n}", a.flow_args.split())
                res["flow"] = {k: v for k, v in fl.items() if k != "output"}
                if os.environ.get("PREFECT_LOGGING_LEVEL") == "INFO":
                    (a.work / f"flow{n}.log").write_text(fl["output"])
                if fl["rc"] != 0:
                    print(fl["output"])
                print(
                    f"end to end (newsfacts run, rc {fl['rc']}): {fl['wall_s']:.1f} s wall, "
                    f"{fl['cpu_s_tree']:.1f} s CPU (tree), {fmt_rate(res['docs'], fl['wall_s'])} "
                    f"docs/s, {fmt_rate(words, fl['wall_s'])} words/s, peak RSS {fl['peak_rss_mb']:,.0f} MiB "
                    f"(tree; largest process {fl['max_single_rss_mb']:,.0f} MiB) (load {fl['load']:.1f})"
                )
                stages = re.search(r"seconds per stage: (.*)", fl["output"])
                if stages:
                    res["flow"]["stage_seconds"] = stages.group(1).strip()
                    print(f"  flow seconds per stage: {stages.group(1).strip()}")
            if a.json:  # partial results survive an interrupted long run
                a.json.write_text(json.dumps([*results, res], indent=2, default=str))
        del texts
        if "bare_ner" in res and "flow" in res:
            fl, ref = res["flow"], res["bare_ner"]
            res["ratio"] = fl["wall_s"] / ref["wall_s"]
            res["ratio_cpu"] = fl["cpu_s_tree"] / ref["cpu_s"]
            print(f"ratio end-to-end / bare NER: {res['ratio']:.2f} wall, {res['ratio_cpu']:.2f} CPU")
        if not a.no_stages and n <= a.stages_max:
            rows = run_stages(raw, a.profile)
            res["stages"] = rows
            print(
                f"{'stage':22} {'docs':>6} {'wall s':>8} {'cpu s':>8} {'docs/s':>9} {'words/s':>10} {'RSS MiB':>8} load"
            )
            for r in rows:
                print(
                    f"{r['stage']:22} {r['docs']:>6} {r['wall_s']:>8.2f} {r['cpu_s']:>8.2f} "
                    f"{fmt_rate(r['docs'], r['wall_s']):>9} {fmt_rate(r['words'], r['wall_s']):>10} "
                    f"{r['rss_mb']:>8.0f} {r['load']:.1f}"
                )
        results.append(res)
    if a.json:
        a.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
