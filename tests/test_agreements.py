"""Agreement extraction: contract shape, status/parties/count/topics rules, robustness, and the
recall/precision bars on the hand-written sentence set and the held-out articles."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.extract.agreements import KINDS, STATUSES, extract_agreements

DATA = Path(__file__).parent / "data" / "agreements_sentences.jsonl"

# ---------------------------------------------------------------- scoring (as score.py's agr_match)
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.gold_scoring import score, sentence_gold  # noqa: E402


def _score(cases: list[tuple[list[dict], list[dict], list[dict]]], loose: bool) -> tuple[int, int, int, int]:
    """(must, hit, predicted, predictions in gold) over (must, ok, predictions) cases."""
    r = score([("", gm, go, preds) for gm, go, preds in cases], show=False, loose=loose)
    return r["must"], r["hit"], r["pred"], r["pred_ok"]


def _sentence_items() -> list[dict[str, Any]]:
    return [json.loads(x) for x in DATA.read_text(encoding="utf-8").splitlines() if x.strip()]


# ---------------------------------------------------------------- the sentence set


def test_sentence_file_is_well_formed() -> None:
    items = _sentence_items()
    positives = [i for i in items if i["expected"]]
    assert len(positives) >= 40
    assert len(items) - len(positives) >= 5  # negatives
    for it in items:
        assert isinstance(it["sentence"], str) and it["sentence"].strip()
        for e in it["expected"]:
            assert e["kind"] in KINDS
            statuses = e["status"] if isinstance(e["status"], list) else [e["status"]]
            assert set(statuses) <= set(STATUSES)
            assert isinstance(e["parties"], list) and isinstance(e["topics"], list)
            assert e["count"] is None or isinstance(e["count"], int)


@pytest.fixture(scope="module")
def sentence_predictions() -> list[tuple[dict[str, Any], list[dict[str, Any]]]]:
    return [(it, extract_agreements(it["sentence"])) for it in _sentence_items()]


def test_sentence_set_recall_precision(sentence_predictions) -> None:
    cases: list[tuple[list[dict], list[dict], list[dict]]] = [
        (sentence_gold(it["expected"]), [], preds) for it, preds in sentence_predictions
    ]
    must, hit, pred, ok = _score(cases, loose=True)
    recall, precision = hit / must, ok / max(pred, 1)
    print(f"sentences: recall {hit}/{must}={recall:.3f} precision {ok}/{pred}={precision:.3f}")
    assert recall >= 0.85, recall
    assert precision >= 0.85, precision


def test_sentence_set_negatives_yield_nothing(sentence_predictions) -> None:
    false = [(it["sentence"], preds) for it, preds in sentence_predictions if not it["expected"] and preds]
    assert len(false) <= 1, false


def test_sentence_set_counts_and_topics(sentence_predictions) -> None:
    counts = topics = counts_ok = topics_ok = 0
    for it, preds in sentence_predictions:
        for e in it["expected"]:
            if e["count"] is not None:
                counts += 1
                counts_ok += any(p["count"] == e["count"] for p in preds)
            if e["topics"]:
                topics += 1
                topics_ok += any(
                    {t.casefold() for t in p["topics"]} == {t.casefold() for t in e["topics"]} for p in preds
                )
    assert counts and counts_ok / counts >= 0.8
    assert topics and topics_ok / topics >= 0.6


def _load_benchmark() -> Any:
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "agreements_eval.py"
    spec = importlib.util.spec_from_file_location("_agreements_eval", path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_heldout_articles_recall_precision() -> None:
    bench = _load_benchmark()
    cases: list[tuple[list[dict], list[dict], list[dict]]] = []
    for a in bench.HELDOUT_ARTICLES:
        cases.append((a["must"], a["ok"], extract_agreements(a["text"])))
    must, hit, pred, ok = _score(cases, loose=False)
    assert must >= 20
    assert hit / must >= 0.8, (hit, must)
    assert ok / max(pred, 1) >= 0.8, (ok, pred)


def test_no_sentence_fails_silently(caplog: pytest.LogCaptureFixture) -> None:
    """extract_agreements logs and skips a sentence whose analysis raises; on the test texts
    none may do so."""
    bench = _load_benchmark()
    with caplog.at_level("WARNING", logger="newsfacts.extract.agreements"):
        for a in bench.HELDOUT_ARTICLES:
            extract_agreements(a["text"])
        for it in _sentence_items():
            extract_agreements(it["sentence"])
    assert not [r for r in caplog.records if "failed on a sentence" in r.getMessage()]


# ---------------------------------------------------------------- rules from the issue


def _one(text: str, **kw: Any) -> dict[str, Any]:
    rows = extract_agreements(text, **kw)
    assert len(rows) == 1, rows
    return rows[0]


def test_row_shape_and_enums() -> None:
    rows = extract_agreements(
        "Samsung Electronics and Naver signed a memorandum of understanding on March 3, 2025."
    )
    assert rows
    for r in rows:
        assert set(r) == {"kind", "status", "parties", "count", "topics", "date", "sentence", "made_by"}
        assert r["kind"] in KINDS and r["status"] in STATUSES
        assert isinstance(r["parties"], list) and all(isinstance(p, str) for p in r["parties"])
        assert isinstance(r["topics"], list)
        assert r["date"] is None or isinstance(r["date"], dt.date)
        assert isinstance(r["sentence"], str)
    assert rows[0]["date"] == dt.date(2025, 3, 3)


@pytest.mark.parametrize(
    "text,status",
    [
        ("Samsung and Naver signed a memorandum of understanding on chips.", "signed"),
        ("Samsung and Naver inked a memorandum of understanding on chips.", "signed"),
        ("Japan and Britain concluded a free trade agreement last year.", "signed"),
        (
            "Shinsegae and Alibaba Group agreed to jointly support the online export of Korean products.",
            "agreed",
        ),
        ("Canada and Indonesia held talks on a free trade agreement in Jakarta.", "negotiating"),
        (
            "Advancing the second phase of the China-Japan free trade agreement negotiations will help.",
            "negotiating",
        ),
        ("The memorandum of understanding would be signed by Samsung and Naver next week.", "planned"),
        ("Samsung plans to sign a memorandum of understanding with Naver.", "planned"),
        ("The delegation will facilitate the signing of multiple memorandums of understanding.", "planned"),
        ("Japan and Britain failed to reach a trade agreement before the deadline.", "not_reached"),
    ],
)
def test_status_from_verbs_and_modality(text: str, status: str) -> None:
    assert _one(text)["status"] == status


def test_not_yielded_agreements_are_not_reached_or_absent() -> None:
    rows = extract_agreements(
        "It is regrettable that the visit did not yield concrete trade agreements, as many had hoped."
    )
    assert all(r["status"] == "not_reached" for r in rows)


def test_count_topics_and_collective_parties() -> None:
    text = (
        "The Korea-China Business Forum was held in Beijing, and leaders from Korea and China attended.\n\n"
        "Companies from both nations signed a total of 32 memoranda of understanding (MOUs) related to "
        "artificial intelligence (AI), autonomous driving platforms, consumer goods, food, and K-pop content."
    )
    r = _one(text)
    assert (r["kind"], r["status"], r["count"]) == ("mou", "signed", 32)
    assert set(r["parties"]) == {"South Korea", "China"}
    assert r["topics"] == [
        "artificial intelligence",
        "autonomous driving platforms",
        "consumer goods",
        "food",
        "K-pop content",
    ]


def test_cooperation_documents_count_and_two_countries() -> None:
    text = (
        "China and the Republic of Korea (ROK) held a summit. China-ROK trade keeps growing.\n"
        "Following their talks, leaders of the two countries witnessed the signing of 15 cooperation "
        "documents, with a focus on areas: transportation, ecological environment, and trade."
    )
    r = _one(text)
    assert (r["kind"], r["status"], r["count"]) == ("cooperation_document", "signed", 15)
    assert set(r["parties"]) == {"China", "South Korea"}
    assert r["topics"] == ["transportation", "ecological environment", "trade"]


def test_mentions_of_one_agreement_merge() -> None:
    text = (
        "It is necessary to accelerate the second phase of the Korea-China Free Trade Agreement (FTA).\n"
        "If the second phase of the FTA is fully implemented, market opening will expand."
    )
    r = _one(text)
    assert r["kind"] == "fta" and r["status"] in {"negotiating", "proposed", "planned"}
    assert set(r["parties"]) == {"South Korea", "China"}


def test_anaphoric_mention_merges_into_previous_agreement() -> None:
    text = (
        "Spain and Morocco signed 14 cooperation agreements during the summit. "
        "These agreements institutionalize the commitment of both governments."
    )
    assert len(extract_agreements(text)) == 1


def test_distinct_agreements_stay_distinct() -> None:
    text = (
        "Samsung Electronics signed a memorandum of understanding with Naver on Monday. "
        "Separately, Hyundai Motor Group and LG Energy Solution formed a joint venture in Indonesia."
    )
    kinds = sorted(r["kind"] for r in extract_agreements(text))
    assert kinds == ["mou", "partnership"]


def test_given_mentions_supply_canonical_names() -> None:
    text = "The ROK and Japan signed a free trade agreement."
    mentions = [
        {"position": 0, "start": 4, "end": 7, "text": "ROK", "name": "South Korea", "type": "GPE"},
        {"position": 0, "start": 12, "end": 17, "text": "Japan", "name": "Japan", "type": "GPE"},
    ]
    r = _one(text, mentions=mentions)
    assert set(r["parties"]) == {"South Korea", "Japan"}


def test_works_without_the_entity_module(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "newsfacts.extract.entities", None)  # import -> ImportError
    r = _one("Samsung Electronics and Naver signed a memorandum of understanding on AI chips.")
    assert r["status"] == "signed" and r["kind"] == "mou"


class _NoParse:
    pipe_names = ["tok2vec", "tagger", "parser", "ner"]

    def pipe(self, texts: Any) -> Any:
        raise AssertionError("the parser ran on text without a trigger")


def test_text_without_triggers_is_not_parsed() -> None:
    text = "Exports rose 5 percent in May.\nThe central bank kept rates on hold.\n" * 20
    assert extract_agreements(text, mentions=[], nlp=_NoParse()) == []


# ---------------------------------------------------------------- robustness

_WORDS = [
    "signed",
    "agreement",
    "MOU",
    "deal",
    "stake",
    "agreed to",
    "acquire",
    "FTA",
    "talks",
    "(",
    ")",
    ",",
    ".",
    "\n",
    "China-ROK",
    "both nations",
    "32",
    "the",
    "of",
    "will",
    "not",
    "\u200b",
    "\ud83d\ude00",
    "\u0645\u0639\u0627\u0647\u062f\u0629",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=12)), max_size=30).map(" ".join))
def test_any_unicode_text_never_raises(text: str) -> None:
    rows = extract_agreements(text, mentions=[])
    assert isinstance(rows, list)
    for r in rows:
        assert r["kind"] in KINDS and r["status"] in STATUSES


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "\x00\x01 signed an agreement \x00",
        "deal \ud800 signed",
        "MOU" * 500,
        "agreement. " * 200,
        "\u0627\u062a\u0641\u0627\u0642\u064a\u0629 \u062a\u062c\u0627\u0631\u0629 \u062d\u0631\u0629 FTA signed",
        "\u4e2d\u97e9\u81ea\u8d38\u534f\u5b9a FTA \u7b7e\u7f72 agreement",
    ],
)
def test_awkward_inputs(text: str) -> None:
    assert isinstance(extract_agreements(text, mentions=[]), list)


def test_non_str_and_bad_mentions_are_tolerated() -> None:
    assert extract_agreements(None) == []  # type: ignore[arg-type]
    bad: Any = [{"name": None}, {"text": 3, "name": "X", "type": 5}, "junk"]
    assert isinstance(extract_agreements("Samsung signed a deal with Naver.", mentions=bad), list)


# ---------------------------------------------------------------- article-level merging


def test_later_blocking_ends_the_deal() -> None:
    """An act that ends a deal reported earlier ("the regulator blocked the deal") sets its
    status; a month name ending a sentence still splits it."""
    rows = extract_agreements(
        "Pelham Retail agreed to buy Marsh Outdoor for $900 million in March. On Tuesday, the "
        "Competition Bureau blocked the deal. Separately, Pelham signed a distribution agreement "
        "with Koto Apparel."
    )
    deals = {tuple(r["parties"][:2]): r["status"] for r in rows}
    assert deals.get(("Pelham Retail", "Marsh Outdoor")) == "not_reached", rows
    assert len(rows) == 2, rows


def test_failed_talks_are_one_row() -> None:
    rows = extract_agreements(
        "Canada and Ecuador wrapped up a fifth round of free trade negotiations in Quito on Friday. "
        "The talks did not produce an agreement on agricultural quotas, officials said."
    )
    assert len(rows) == 1, rows
    assert rows[0]["kind"] == "fta" and rows[0]["status"] in ("not_reached", "negotiating"), rows
