"""clean_document: contract shape, seed gold, issue-3 behaviours."""

from __future__ import annotations

from newsfacts import clean_document as public_clean_document
from newsfacts.clean import ROLES, clean_document


def test_contract_shape():
    r = clean_document(
        "A headline about ports\n\nBy Jane Roe\n\nThe port reopened on Monday after a long upgrade, officials said.\n"
    )
    assert set(r) >= {
        "title", "published_date", "author", "publisher", "kind", "language", "body", "paragraphs",
        "paragraph_count", "word_count", "removed_line_count", "duplicate_paragraph_count",
    }  # fmt: skip
    assert r["kind"] in ("news", "editorial", "opinion", "analysis", "unknown")
    for i, p in enumerate(r["paragraphs"]):
        assert set(p) == {"position", "text", "role", "reason", "duplicate_of"}
        assert p["position"] == i and p["role"] in ROLES and p["reason"]
    assert r["paragraph_count"] + r["removed_line_count"] == len(r["paragraphs"])
    assert r["body"] == "\n\n".join(p["text"] for p in r["paragraphs"] if p["role"] == "body")
    assert public_clean_document("x")["paragraphs"][0]["position"] == 0


def test_empty_and_blank():
    for t in ("", "   \n\n \t\n"):
        r = clean_document(t)
        assert r["body"] == "" and r["paragraphs"] == [] and r["kind"] == "unknown"


def test_heading_vs_short_body_sentence():
    text = (
        "Officials met in Geneva on Monday to discuss the new shipping rules and their effect on trade.\n"
        "Talks continue\n"
        "Delegates from forty countries attended the meeting, which ran late into the evening.\n"
        "Earlier this month, the minister visited Shanghai to meet investors.\n"
        "The next round is planned for June in Singapore, according to the organisers of the talks.\n"
    )
    roles = [p["role"] for p in clean_document(text)["paragraphs"]]
    assert roles == ["body", "heading", "body", "body", "body"]


def test_whole_article_pasted_twice_and_near_duplicate():
    paras = [
        "The city council approved a new budget on Tuesday that raises spending on public transport by a fifth.",
        "Opposition members said the plan relied on optimistic forecasts for property tax revenue next year.",
        "The mayor said the investment was overdue and would pay for itself through lower congestion costs, "
        "cleaner air and faster journeys for the thousands of commuters who cross the river every morning "
        "from the suburbs to the business district.",
    ]
    edited = paras[2].replace("overdue", "long overdue")
    r = clean_document("\n".join(paras + ["Share this article"] + paras[:2] + [edited]))
    assert r["body"].count(paras[0]) == 1 and r["duplicate_paragraph_count"] == 3
    last = r["paragraphs"][-1]
    assert last["role"] == "duplicate" and last["duplicate_of"] == 2 and last["reason"] == "dup:near"


def test_corpus_frequency_signal():
    from newsfacts.boilerplate import corpus_key

    line = "Part of the Example Media Network"
    body = "The committee approved the proposal after a long debate about costs and benefits for residents."
    counts = {corpus_key(line): 5}
    r = clean_document(f"{body}\n{line}", corpus_line_counts=counts, corpus_size=10)
    assert r["paragraphs"][1]["reason"] == "corpus:frequent"
    # a body-like line that recurs (syndicated) stays body
    r2 = clean_document(body, corpus_line_counts={corpus_key(body): 2}, corpus_size=10)
    assert r2["paragraphs"][0]["role"] == "body"


def test_language_and_kind():
    es = "El gobierno anunció el lunes una inversión de 300 millones de euros para ampliar el puerto de la ciudad."
    assert clean_document(es)["language"] == "es"
    r = clean_document(
        "Opinion: Why cities need trams\n\nBy Ann Lee\n\n"
        + "We should build trams now, because buses are stuck in traffic every day. " * 2
    )
    assert r["kind"] == "opinion" and r["title"] == "Why cities need trams" and r["author"] == "Ann Lee"
