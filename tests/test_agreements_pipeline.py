"""Agreements inside the pipeline (``process.extract_batch``) are those of ``extract_agreements(text)``.

``extract_batch`` parses the candidate sentences of a whole batch once, with NER disabled, and gives
them the entity spans of the NER pass it already ran over the body paragraphs; ``extract_agreements``
called on a text alone runs the full pipeline (NER included) on each sentence. The two annotations
are not token-for-token identical: the paragraph pass sees the neighbouring sentences, the sentence
pass does not. Measured on the 5 seeds, the 73 held-out articles and the 292 articles of the
300-file scale corpus (926 candidate sentences, 24,693 tokens), 17 sentences had 22 tokens with
another ``ent_type_`` (mostly a first name at the start of a sentence, e.g. "Tomasz" PERSON in the
sentence alone, no entity in the paragraph), and no agreement row differed. The tests below hold
the pipeline to the direct path on the seeds and the held-out articles.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from newsfacts import process
from newsfacts.extract.agreements import _may_occur, extract_agreements
from newsfacts.ingest import parse_raw
from store.files import list_raw_files, read_bytes

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "raw"
HELDOUT = REPO / "tests" / "data" / "agreements_heldout.json"


def _seed_articles() -> list[process.Article]:
    files, _ = list_raw_files(SEEDS)
    docs = [d for f in files for d in parse_raw(f.rel, read_bytes(f))[0]]
    articles, failed = process.clean_batch(docs, process.count_lines(docs), len(docs))
    assert not failed
    return process.merge_same_articles(articles)


def _direct(a: process.Article) -> list[dict[str, Any]]:
    return extract_agreements("\n\n".join(a.body_paragraphs))


def test_seed_articles_pipeline_equals_direct() -> None:
    articles = _seed_articles()
    assert len(articles) == 5
    extracted = process.extract_batch(articles)
    total = 0
    for a in articles:
        assert extracted[a.article_id].agreements == _direct(a), a.doc.source_file
        total += len(extracted[a.article_id].agreements)
    assert total >= 10  # the seeds report agreements: the comparison is not vacuous


def test_heldout_articles_pipeline_equals_direct() -> None:
    heldout = json.loads(HELDOUT.read_text(encoding="utf-8"))
    articles = []
    for item in heldout:
        paragraphs = [p for p in item["text"].split("\n\n") if p.strip()]
        articles.append(process.Article(item["id"], None, {}, paragraphs))  # type: ignore[arg-type]
    extracted = process.extract_batch(articles)
    for a, item in zip(articles, heldout):
        assert extracted[a.article_id].agreements == extract_agreements(item["text"]), item["id"]
    assert sum(len(e.agreements) for e in extracted.values()) >= 100


def test_given_entity_spans_are_set_on_the_sentences() -> None:
    """`ents` are character offsets into the whole text: past a paragraph and a dateline, the span
    lands on its word (a DATE ends the topic list there)."""
    first = "Exports rose in May."
    sent = "Samsung and Naver signed an agreement on chips, batteries and robots on Monday."
    text = f"{first}\n\nSEOUL, Jan 9 (Yonhap) -- {sent}"
    full = extract_agreements(text, mentions=[], ents=[])
    assert full and full[0]["topics"][:2] == ["chips", "batteries"] and len(full[0]["topics"]) == 3
    i = text.index("robots")
    rows = extract_agreements(text, mentions=[], ents=[(i, i + len("robots"), "DATE")])
    assert rows[0]["topics"] == ["chips", "batteries"]
    assert rows[0]["sentence"] == sent
    # a span clipped by the sentence's start, and overlapping or empty spans, are tolerated
    j = text.index("Samsung")
    ents = [(j - 5, j + 7, "ORG"), (j, j + 3, "ORG"), (i, i, "DATE"), (i, i + 6, "DATE")]
    assert extract_agreements(text, mentions=[], ents=ents)[0]["topics"] == ["chips", "batteries"]


_ALIASES = ["korea", "china", "us", "u.s.", "kiss", "\u00e9tats-unis", "stra\u00dfe"]
# what an ignore-case regex equates with each letter (the four non-ASCII twins of ASCII letters too)
_VARIANTS = {"k": "kK\u212a\u212a", "s": "sS\u017f\u017f", "i": "iI\u0130\u0131\u0130\u0131"}


@st.composite
def _alias_texts(draw: Any) -> str:
    """Aliases in any case spelling (twins included), joined by separators or other characters."""
    out = draw(st.sampled_from(["", " ", "x"]))
    for _ in range(draw(st.integers(1, 4))):
        alias = draw(st.sampled_from(_ALIASES))
        out += "".join(draw(st.sampled_from(_VARIANTS.get(c, c + c.upper()))) for c in alias)
        out += draw(st.sampled_from(["-", " - ", "/", "\u2013", "-", "/", " ", "", "b", "\u00df"]))
    return out


@settings(max_examples=1000, deadline=None)
@given(_alias_texts(), st.lists(st.sampled_from(_ALIASES), max_size=len(_ALIASES), unique=True))
def test_filtered_alternation_matches_the_same(text: str, aliases: list[str]) -> None:
    """Dropping the aliases that cannot occur in a text changes no match of the "A-B" pattern."""
    alts = sorted({a.casefold() for a in aliases} | {"korea", "china"}, key=len, reverse=True)

    def matches(alternatives: list[str]) -> list[tuple[int, int, str, str]]:
        if not alternatives:
            return []
        word = "|".join(re.escape(a) for a in alternatives)
        rx = re.compile(rf"(?<![\w])({word})\s?[-\u2010-\u2015/]\s?({word})(?![\w])", re.I)
        return [(m.start(), m.end(), m.group(1), m.group(2)) for m in rx.finditer(text)]

    assert matches(_may_occur(alts, text)) == matches(alts)


def test_the_four_twins_are_all_the_non_ascii_letters_an_ascii_letter_matches() -> None:
    """`_may_occur` folds these four to ASCII; a Python whose regex engine equated more would need them."""
    from newsfacts.extract.agreements import _ASCII_IGNORECASE_TWINS

    rx = re.compile("[a-z]", re.I)
    twins = {chr(c) for c in range(0x80, 0x20000) if rx.fullmatch(chr(c))}
    assert twins == {chr(c) for c in _ASCII_IGNORECASE_TWINS}
