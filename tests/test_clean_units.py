"""Unit tests: segmentation, duplicate detection, metadata parsers, boilerplate rules."""

from __future__ import annotations

import datetime as dt

import pytest

from newsfacts import boilerplate as bp
from newsfacts import dedupe
from newsfacts import metadata as md
from newsfacts.segment import segment_lines


def test_segment_offsets_and_line_numbers():
    text = "  Title \r\n\r\nBody one\rBody two\n\n\nEnd"
    lines = segment_lines(text)
    assert [ln.text for ln in lines] == ["Title", "Body one", "Body two", "End"]
    assert [ln.line_no for ln in lines] == [1, 3, 4, 7]
    for ln in lines:
        assert text[ln.start : ln.end] == ln.text
    assert [ln.blank_before for ln in lines] == [True, True, False, True]


def test_exact_duplicates_after_normalisation():
    a = "He said: \u201cWe will sign the deal\u201d \u2014 on Monday."
    b = 'he  said: "we will sign the deal" - on monday.'
    assert dedupe.within_document([a, b]) == [(None, ""), (0, "exact")]


def test_digits_are_content():
    a = "Exports rose 12 percent in the first quarter of the year, the ministry said on Monday."
    b = a.replace("12", "21")
    assert dedupe.within_document([a, b])[1] == (None, "")


def test_near_duplicate_lsh_path_for_long_documents():
    base = [
        f"Paragraph {i} talks about topic {i} with words alpha{i} beta{i} gamma{i} delta{i} epsilon{i}."
        for i in range(30)
    ]
    near = base[5].replace("epsilon5", "epsilon5 again")
    res = dedupe.within_document(base + [near])
    assert res[-1] == (5, "near")


def test_corpus_duplicates_and_same_article():
    p = (
        "The central bank left interest rates unchanged on Thursday and signalled cuts later this year, "
        "as inflation cooled faster than expected and the currency held steady against the dollar, "
        "according to a statement published after the two-day meeting of its policy committee."
    )
    paras = [
        (("a", 0), p),
        (("a", 1), "Short."),
        (("b", 3), p.upper()),
        (("c", 0), p.replace("Thursday", "Thursday morning")),
    ]
    assert dedupe.corpus_duplicates(paras) == {("b", 3): ("a", 0), ("c", 0): ("a", 0)}
    body = "\n\n".join(
        [p] * 1 + ["Another paragraph with enough words to make shingles meaningful for the test."]
    )
    assert dedupe.same_article(body, body.replace("Another", "another"))
    assert not dedupe.same_article(body, "Completely different text about football results and transfers.")
    assert dedupe.group_same_articles([("x", body), ("y", body), ("z", "other text entirely here")]) == {
        "y": "x"
    }


@pytest.mark.parametrize(
    ("line", "want"),
    [
        ("Input 2026-01-06 18:12:07", dt.date(2026, 1, 6)),
        ("release time:2026/1/6", dt.date(2026, 1, 6)),
        ("Published 14 March 2026, 09:42 KST", dt.date(2026, 3, 14)),
        ("Jan. 4, 2026", dt.date(2026, 1, 4)),
        ("Posted : 2026-02-03 17:40", dt.date(2026, 2, 3)),
        ("Last updated: 06.05.2026", dt.date(2026, 5, 6)),
    ],
)
def test_dates(line, want):
    found = md.find_date(line)
    assert found is not None and found[0] == want


def test_date_only_and_labels():
    assert md.is_date_only("Saturday, January 10, 2026") and md.has_weekday("Saturday, January 10, 2026")
    assert md.is_date_only("Thu 2 Apr 2026 06.00 BST") and md.is_date_only("September 29, 2026 · 3 min read")
    assert not md.is_date_only("On January 10, 2026 the talks began.")
    assert md.date_label("Input") == ("published", "")
    assert md.date_label("Updated 3 hours ago")[0] == "updated"
    assert md.date_label("Time flies when trade is booming") is None
    assert md.parse_date("12/03/2026", dayfirst=True) == dt.date(2026, 3, 12)


@pytest.mark.parametrize(
    ("line", "author", "publisher"),
    [
        ("By Jane Doe", "Jane Doe", None),
        ("BY JANE DOE | Staff Reporter", "Jane Doe", None),
        ("Written by Jane Doe for The Herald", "Jane Doe", "The Herald"),
        ("Reporter: Jane Doe", "Jane Doe", None),
        ("Jane Doe, Staff Reporter", "Jane Doe", None),
        ("(Reporting by Jane Doe; Editing by John Roe)", "Jane Doe", None),
        ("Tom Hughes, Local Democracy Reporter", "Tom Hughes", None),
    ],
)
def test_bylines(line, author, publisher):
    got = md.parse_byline(line)
    assert got is not None and got["author"] == author and got.get("publisher") == publisher


def test_not_bylines():
    for line in (
        "By continuing to browse our site",
        "Beijing, Shanghai",
        "By the end of the year, prices rose.",
    ):
        assert md.parse_byline(line) is None


def test_bracket_byline_and_note_and_copyright():
    bb = md.bracket_byline(
        "[Staff reporter for Example Weekly in Hanoi, Tran Minh] Officials said on Monday ..."
    )
    assert bb and bb["author"] == "Tran Minh" and bb["publisher"] == "Example Weekly"
    assert bb["rest"].startswith("Officials said")
    assert md.bracket_byline("[1] A footnote that is not a byline") is None
    note = md.parse_note(
        "Editor's note: Ann Berg, a senior fellow at an institute, is a guest writer for Example Post."
    )
    assert note == {"author": "Ann Berg", "publisher": "Example Post"}
    assert (
        md.publisher_from_copyright("© 2026 The Daily Example. All rights reserved.") == "The Daily Example"
    )
    assert (
        md.publisher_from_copyright("Copyright Example Media Group All Rights Reserved")
        == "Example Media Group"
    )


def test_split_title():
    assert md.split_title("[Editorial] Ports need investment") == ("Ports need investment", "editorial")
    assert md.split_title("ANALYSIS | Why rates stay high") == ("Why rates stay high", "analysis")
    assert md.split_title("Ports need more investment now | Example Post") == (
        "Ports need more investment now",
        None,
    )
    assert md.split_title("China-ROK ties: a new chapter") == ("China-ROK ties: a new chapter", None)


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("We use cookies to give you the best experience on our website.", "cookie"),
        ("Accept all", "cookie"),
        ("Manage preferences", "cookie"),
        ("Your Privacy Choices", "cookie"),
        ("Do Not Sell or Share My Personal Information", "cookie"),
        ("I agree", "cookie"),
        ("© 2026 Example Media. All rights reserved.", "legal"),
        ("Reproduction in whole or in part without permission is prohibited.", "legal"),
        ("Tel: +44 20 7946 0958", "contact"),
        ("+1 (415) 555-0132", "contact"),
        ("02-724-2114", "contact"),
        ("newsdesk@example.org", "contact"),
        ("Address: 12 Harbour Road, Example City", "contact"),
        ("Skip to main content", "navigation"),
        ("Share this article", "navigation"),
        ("Most read", "navigation"),
        ("Related stories", "navigation"),
        ("Advertisement", "navigation"),
        ("Select Language:", "navigation"),
        ("English | Français | Español | Deutsch", "navigation"),
        ("A- A+", "navigation"),
        ("5 min read", "navigation"),
        ("Facebook Twitter LinkedIn WhatsApp", "navigation"),
        ("Home | World | Business | Tech | Sport", "navigation"),
        ("Subscribe to our newsletter for the latest updates", "promo"),
        ("Follow us on Instagram and YouTube", "promo"),
        ("Leaders met in Beijing on Monday. /Xinhua", "caption"),
        ("A view of the port at dusk. //Photo: News1", "caption"),
        ("Workers at the plant in March. Photo: Getty Images", "caption"),
        ("Officials tour the site on Tuesday. (Photo: Yonhap)", "caption"),
        ("Traders work on the floor of the exchange. REUTERS/Jane Doe", "caption"),
        ("A rally in the capital on Friday. /AFP", "caption"),
        ("Editor's note: The author is a professor of economics.", "note"),
        ("Saturday, January 10, 2026", "metadata"),
        ("release time:2026/1/6", "metadata"),
        ("By Jane Doe", "byline"),
    ],
)
def test_rule_roles(line, role):
    got = bp.rule_role(line, bp.shape_of(line))
    assert got is not None and got[0] == role, (line, got)


@pytest.mark.parametrize(
    "line",
    [
        "The company updated its privacy policy last year after regulators fined it for sharing user data.",
        "Prices at the weekly auction averaged $2.45 a kilogram in April, up from $2.10 a year earlier.",
        "He said the agreement, signed in Beijing on January 5, would cut tariffs on 300 products.",
        "Earlier this month, the president visited Shanghai on a state trip.",
        "Exports to the region rose 18 percent (about $1.2 billion) last year.",
    ],
)
def test_body_lines_have_no_rule(line):
    assert bp.rule_role(line, bp.shape_of(line)) is None


def test_count_corpus_lines():
    c = bp.count_corpus_lines(["A\nShare\nShare", "B\nshare"])
    assert c[bp.corpus_key("share")] == 2 and c[bp.corpus_key("a")] == 1
    assert bp.corpus_key("Share ") == bp.corpus_key("share")  # keys of normalised lines


def test_corpus_view_changes_only_with_the_buckets_cleaning_uses():
    keys = bp.corpus_line_keys("Menu\nA body sentence that is long enough to be a paragraph.")
    menu = bp.corpus_key("Menu")
    base = bp.corpus_view(keys, {menu: 2}, 10)
    assert bp.corpus_view(keys, {menu: 2}, 11) == base  # one more document: same buckets
    assert bp.corpus_view(keys, {menu: 1}, 10) != base  # the menu line no longer recurs
    assert bp.corpus_view(keys, {menu: 4}, 10) == base  # a short line: everywhere acts as recurring
    long_line = "Part of the Example Media Network, the home of good local news for everyone."
    keys = bp.corpus_line_keys(f"{long_line}\nMenu")
    long_key = bp.corpus_key(long_line)
    assert bp.corpus_view(keys, {long_key: 2}, 10) != bp.corpus_view(keys, {long_key: 4}, 10)
    assert bp.corpus_view(keys, {menu: 2, bp.corpus_key("elsewhere"): 9}, 10) == base


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from newsfacts.clean import ROLES, clean_document  # noqa: E402

_ALPHABET = st.sampled_from(list("abc XYZ.,:;|/()[]@+-0123456789\n\n©\u201c\u201d'\"\t"))


@settings(max_examples=150, deadline=None)
@given(st.lists(_ALPHABET, max_size=400).map("".join))
def test_clean_document_invariants(text):
    r = clean_document(text)
    paras = r["paragraphs"]
    assert [p["position"] for p in paras] == list(range(len(paras)))
    assert all(p["role"] in ROLES for p in paras)
    assert r["body"] == "\n\n".join(p["text"] for p in paras if p["role"] == "body")
    for p in paras:
        d = p["duplicate_of"]
        assert d is None or 0 <= d < p["position"]
