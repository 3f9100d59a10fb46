"""The learned decisions over the agreement rules' candidates (newsfacts/extract/agreement_model.py),
on real sentences of the Reuters-21578 agreement corpus (benchmarks/agreements_corpus)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsfacts.extract import agreement_model
from newsfacts.extract.agreements import _candidates, _keep, _Row, extract_agreements

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "benchmarks" / "agreements_corpus" / "annotations_A.jsonl"


@pytest.fixture()
def rules_alone():
    agreement_model.enable(False)
    yield
    agreement_model.enable(True)


def test_the_trained_models_load() -> None:
    agreement_model.load_model.cache_clear()
    m = agreement_model.load_model()
    assert m is not None
    assert len(m.columns) > 100 and len(m.party_columns) > 20
    assert {"agreed", "completed", "proposed", "not_reached"} <= set(m.statuses)
    assert 0.0 <= m.drop_below <= 1.0 and m.party_threshold > 0.0


def test_reuters_dateline_is_no_part_of_the_sentence() -> None:
    # "COMMACK, N.Y., Feb 26 - ": a dateline with a state and a date (reuters21578-00010)
    text = json.loads(CORPUS.read_text(encoding="utf-8").splitlines()[3])["text"]
    assert text.startswith("COMMACK, N.Y., Feb 26 - ")
    first = _candidates(text)[0][1]
    assert first.startswith("Computer Terminal Systems Inc said"), first


def _row(status: str, parties: list[str]) -> _Row:
    sent = (
        "Chrysler Corp said it agreed in principle with French state-owned Renault to acquire American Motors"
    )
    return _Row("deal", status, parties, None, [], None, sent)


def test_every_finalised_row_says_what_made_it(rules_alone) -> None:
    rows = [_row("agreed", ["Chrysler Corp", "American Motors"]), _row("unknown", [])]
    kept = agreement_model.finalise(rows, _keep)
    assert kept == rows[:1]  # the rules' own check drops the bare mention
    assert rows[0].signals["_made_by"] == "rules keep" and rows[1].signals["_made_by"] == "rules drop"


def _article(article_id: str) -> str:
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        if item["id"] == article_id:
            return item["text"]
    raise KeyError(article_id)


def _with_and_without_model(text: str, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    agreement_model.load_model.cache_clear()
    on = extract_agreements(text)
    assert agreement_model.load_model() is not None
    agreement_model.enable(False)
    try:
        off = extract_agreements(text)
    finally:
        agreement_model.enable(True)
    return on, off


def test_model_gives_the_agreed_status_the_rules_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    # "Chrysler Corp said it agreed in principle with French state-owned Renault to acquire
    # American Motors Corp." (reuters21578-03100; gold: deal, agreed)
    on, off = _with_and_without_model(_article("reuters21578-03100"), monkeypatch)
    first = [r for r in on if r["sentence"].startswith("Chrysler Corp said it agreed in principle")]
    assert first and first[0]["kind"] == "deal" and first[0]["status"] == "agreed", on
    assert {"Chrysler", "American Motors Corp."} <= set(first[0]["parties"]), first
    assert not [r for r in off if r["status"] == "agreed"], off  # the rules alone: status unknown


def test_model_keeps_one_deal_for_a_letter_of_intent_to_buy(monkeypatch: pytest.MonkeyPatch) -> None:
    # "Broker's Choice Capital Inc said it signed a letter of intent to buy Rubbertech Inc."
    # (reuters21578-02946; gold: one deal, agreed or signed)
    on, off = _with_and_without_model(_article("reuters21578-02946"), monkeypatch)
    assert [(r["kind"], r["status"]) for r in off] == [("mou", "signed"), ("deal", "planned")], off
    assert [(r["kind"], r["status"]) for r in on] == [("deal", "agreed")], on
    assert "Rubbertech Inc." in on[0]["parties"]
