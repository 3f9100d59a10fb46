"""The shared homes the agreement extractor reads: sentence splitting (segment), months and dates
(dates), number words (numbers) and data files (newsfacts.data); every example their comments quote."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfacts import dates, numbers, segment
from newsfacts.data import data_path, load_json, read_text
from newsfacts.extract.agreements import extract_agreements


def _sentences(par: str) -> list[str]:
    return [par[s:e] for s, e in segment.sentence_spans(par)]


# ---------------------------------------------------------------- sentences


def test_sentence_spans_docstring_example() -> None:
    par = "Perdana Marine Engineering Sdn. Bhd. signed a deal with J. Smith Co. on Jan. 9. Talks went on."
    assert _sentences(par) == [
        "Perdana Marine Engineering Sdn. Bhd. signed a deal with J. Smith Co. on Jan. 9.",
        "Talks went on.",
    ]


@pytest.mark.parametrize(
    ("par", "want"),
    [
        ("Mr. Lee met Ms. Park. They signed.", ["Mr. Lee met Ms. Park.", "They signed."]),
        (
            "Trade with the U.S. And Canada grew. Exports fell.",
            ["Trade with the U.S. And Canada grew.", "Exports fell."],
        ),
        ("The deal closed in Jan. Officials said so.", ["The deal closed in Jan. Officials said so."]),
        # "May" and long month names end a sentence: "in March. On Tuesday"
        ("Talks began in March. On Tuesday they ended.", ["Talks began in March.", "On Tuesday they ended."]),
        ("It rose in May. Then it fell.", ["It rose in May.", "Then it fell."]),
        ('He said "we agreed." "Good," she said.', ['He said "we agreed."', '"Good," she said.']),
        ("Sales rose 5 percent. 2026 looks better.", ["Sales rose 5 percent.", "2026 looks better."]),
        ("Done. and more text follows.  ", ["Done. and more text follows."]),
    ],
)
def test_sentence_spans(par: str, want: list[str]) -> None:
    assert _sentences(par) == want


def test_sentence_spans_long_words_and_runs_of_abbreviations() -> None:
    # a word longer than any abbreviation ends its sentence; only its last letters are looked at
    par = "Internationalisation. Then " + "Mr. " * 2000 + "X spoke."
    got = _sentences(par)
    assert got[0] == "Internationalisation." and got[1].startswith("Then Mr. Mr.") and len(got) == 2
    # whitespace before the full stop is skipped as rsplit skips it ("word ." ends after "word")
    assert _sentences("A plain word . Next one.") == ["A plain word .", "Next one."]
    assert _sentences("Signed by J . Next one.") == ["Signed by J . Next one."]


# ---------------------------------------------------------------- months and dates


def test_month_number() -> None:
    assert dates.month_number("Sept.") == 9 and dates.month_number("DECEMBER") == 12
    assert dates.month_number("Mayday") is None
    assert set(dates.MONTHS.values()) == set(range(1, 13))


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Published 12 March 2026", dt.date(2026, 3, 12)),
        ("2026-01-06 18:12", dt.date(2026, 1, 6)),
        ("03/12/2026", dt.date(2026, 3, 12)),
        ("2026年3月12日", dt.date(2026, 3, 12)),
        ("Sept. 5, 2026", dt.date(2026, 9, 5)),
        ("the 1st of Sep 2026", dt.date(2026, 9, 1)),
    ],
)
def test_find_date(line: str, want: dt.date) -> None:
    found = dates.find_date(line)
    assert found is not None and found[0] == want


def test_find_date_rejects_what_is_no_date() -> None:
    assert dates.find_date("31 February 2026") is None
    assert dates.find_date("March 3, 1850") is None  # years 1900-2100 only
    # a misspelt month is no month (the old pattern matched "Sepember" and then raised KeyError)
    assert dates.find_date("5 Sepember 2026") is None
    assert dates.find_date("03/12/2026", dayfirst=True)[0] == dt.date(2026, 12, 3)  # type: ignore[index]


@pytest.mark.parametrize(
    ("sentence", "want"),
    [
        ("The accord was signed on October 23, 2020, in Tokyo.", dt.date(2020, 10, 23)),
        ("They agreed on the 5th of May 2021.", dt.date(2021, 5, 5)),
        ("It took effect on 2019-07-01.", dt.date(2019, 7, 1)),
        ("It was announced on 1 March 2020 and signed on April 2, 2020.", dt.date(2020, 4, 2)),  # mdy first
        ("It was signed on 12/05/2020.", None),  # numeric dates are ambiguous in running text
        ("It was signed in 2020.", None),
    ],
)
def test_sentence_date(sentence: str, want: dt.date | None) -> None:
    assert dates.sentence_date(sentence) == want


def test_parse_iso_date() -> None:
    assert dates.parse_iso_date("2026-03-12T09:00:00Z") == dt.date(2026, 3, 12)
    assert dates.parse_iso_date("not a date at all") is None


# ---------------------------------------------------------------- number words


@pytest.mark.parametrize(
    ("word", "want"), [("seven", 7), ("ninety", 90), ("dozen", 12), ("hundred", 100), ("thousand", None)]
)
def test_word_value(word: str, want: int | None) -> None:
    assert numbers.word_value(word) == want


def test_count_words_in_agreements() -> None:
    rows = extract_agreements("China and Vietnam signed seven cooperation agreements in Hanoi on Monday.")
    assert [r["count"] for r in rows] == [7]


# ---------------------------------------------------------------- data files


def test_data_files() -> None:
    assert data_path("gazetteer.json").is_file()
    assert "kinds" in load_json("agreement_triggers.json")
    assert "the" in read_text("stopwords_en.txt").split()


# ---------------------------------------------------------------- the walk's named checks


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from newsfacts.nlp import load_nlp

    return load_nlp()


@pytest.mark.parametrize(
    ("sentence", "trigger", "status", "reason"),
    [
        ("The two sides wrapped up talks without reaching a deal.", "deal", "not_reached", "gate_without:"),
        ("The decision hinges on securing that contract.", "contract", "proposed", "gate_contingent:"),
        (
            "Regulators blocked Nvidia from lifting its stake in Arm.",
            "stake",
            "not_reached",
            "gate_blocked_from:",
        ),
        (
            "Japan and Britain signed an agreement on Friday, which must be ratified by parliament.",
            "agreement",
            "signed",
            "status_before_ratification:",
        ),
        (
            "No agreement was reached between the two sides.",
            "agreement",
            "not_reached",
            "status_of_no_agreement:",
        ),
        (
            "China and Laos signed seven MOUs aimed at deepening cooperation.",
            "MOUs",
            "signed",
            "clause_of_purpose:",
        ),
        (
            "Seoul and Lima started talks to upgrade their FTA, which took effect in 2011.",
            "FTA",
            "negotiating",
            "status_of_amendment:",
        ),
        (
            "India and the UAE are negotiating to conclude a trade agreement.",
            "trade agreement",
            "negotiating",
            "gate_aim_of_talks:",
        ),
        ("Under the agreement, Airbus will pay 2 billion euros.", "agreement", "unknown", "walk:reference"),
        ("The company denied it was in merger talks with Rivian.", "merger", "negotiating", "gate_denial:"),
    ],
)
def test_walk_names_the_deciding_check(nlp, sentence: str, trigger: str, status: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    from newsfacts.extract.agreements import _noun_triggers, _walk

    doc = nlp(sentence)
    found = [(kind, span) for kind, span, _ in _noun_triggers(doc) if span.text == trigger]
    assert len(found) == 1
    walk = _walk(found[0][1].root, found[0][0])
    assert walk.status == status
    assert any(step.startswith(reason) for step in walk.trace), walk.trace


def test_rows_denied_and_one_sided(nlp) -> None:  # type: ignore[no-untyped-def]
    from newsfacts.extract.agreements import _rows_for_doc, _surfaces

    # "denied it was in merger talks": nothing reported
    rows = _rows_for_doc(nlp("The company denied it was in merger talks with Rivian."), _surfaces([]), [])
    assert [(r.kind, r.status) for r in rows] == [("deal", "unknown")]
    # "the company agreed to review ..." is no agreement between parties
    assert _rows_for_doc(nlp("The company agreed to review its pricing."), _surfaces([]), []) == []
    rows = _rows_for_doc(
        nlp("Microsoft agreed to acquire Activision Blizzard for $68.7 billion."), _surfaces([]), []
    )
    assert [(r.kind, r.status) for r in rows] == [("deal", "agreed")]
