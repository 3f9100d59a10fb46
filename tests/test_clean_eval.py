"""Bars of issue 3, measured by benchmarks/clean_eval.py (the seed answer key's metric definitions)."""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path

import pytest

from newsfacts.clean import clean_document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "data" / "cleaning"


def _bench():
    spec = importlib.util.spec_from_file_location("clean_eval", ROOT / "benchmarks" / "clean_eval.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_corpus_is_large_and_consistent():
    golds = sorted(CORPUS.glob("*.json"))
    assert len(golds) >= 30
    for g in golds:
        gold = json.loads(g.read_text(encoding="utf-8"))
        text = (CORPUS / gold["file"]).read_text(encoding="utf-8").split("\n")
        for b in gold["boilerplate_lines"]:
            assert text[b["line"] - 1] == b["text"], (g.name, b)
        assert set(gold["article"]) >= {"title", "published_date", "author", "publisher"}


@pytest.mark.parametrize("corpus_counts", [True, False])
def test_bars_on_heldout_corpus(corpus_counts):
    b = _bench()
    gold, texts = b.load_corpus()
    s = b.score(gold, b.run_ours(texts, corpus_counts=corpus_counts))
    assert s["body_recall"] >= 0.95, s
    assert s["body_precision"] >= 0.93, s
    assert s["boilerplate_leak"] <= 0.02, s
    assert s["body_dup_rate"] == 0.0, s


def test_adversarial_inputs_are_linear():
    cases = [
        "x" * 1_000_000,
        "(" * 200_000,
        "/" * 200_000 + " /Xinhua",
        "1-" * 300_000,
        "a@" * 300_000,
        "By " + "Jane " * 100_000,
        "[" + "a, " * 100_000 + "]",
        ("2026-01-06 " * 50_000),
        "\n".join(["Share this article"] * 5_000),
    ]
    clean_document("El gobierno anunció una inversión para ampliar el puerto de la ciudad.")
    for text in cases:
        t0 = time.process_time()  # a hang guard (catastrophic backtracking), not a speed target
        clean_document(text)
        assert time.process_time() - t0 < 20.0, text[:20]
