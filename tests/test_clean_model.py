"""The line classifier inside the cleaner (newsfacts/line_model.py) on real inputs
(tests/data/cleaning/real/README.md says where each one comes from)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsfacts import line_model as lm
from newsfacts.clean import clean_document, label_lines

REAL = Path(__file__).resolve().parent / "data" / "cleaning" / "real"
MODEL_REASON = re.compile(r"^model:(body|navigation)\((0\.\d\d|1\.00);([a-z0-9_]+)\)$")


def _read(name: str) -> str:
    return (REAL / name).read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_model_file_loads_and_matches_features():
    assert lm.model_available()
    assert lm.booster().num_feature() == len(lm.FEATURES)


def test_wire_copy_keeps_every_results_line():
    """Results lines ("Assets 510.2 mln vs 479.7 mln") of wire copy are body."""
    text = _read("reuters_11.txt")
    out = clean_document(text)
    body = out["body"].split("\n\n")
    for para in _paragraphs(text)[1:]:  # the first block is the title
        if not para.lower().startswith("note:"):  # an editor's-note rule, certain (not the model's call)
            assert para in body, para


def test_every_line_has_a_role_and_a_reason_and_model_reasons_are_well_formed():
    for name in sorted(p.name for p in REAL.glob("*.txt")):
        for extracted in (False, True):
            out = clean_document(_read(name), extracted=extracted)
            for p in out["paragraphs"]:
                assert p["role"] and p["reason"]
                if p["reason"].startswith("model:"):
                    m = MODEL_REASON.match(p["reason"])
                    assert m, p["reason"]
                    assert m.group(1) == ("body" if p["role"] == "body" else "navigation")
                    assert m.group(3) in lm.FEATURES


@pytest.mark.parametrize("name", ["dragnet_R150_recipe.txt", "dragnet_R153_changelog.txt"])
def test_extracted_text_loses_nothing_without_strong_evidence(name):
    """On trafilatura's output a line leaves the article only by a certain rule, as a repeat of a kept
    line, or when the model's P(body) is under the extracted-text cut-off."""
    _, texts, _, labels = label_lines(_read(name), None, 1, extracted=True)
    for t, lab in zip(texts, labels):
        if lab.role in ("body", "title", "heading") or lm.is_certain(lab) or lab.role == "duplicate":
            continue
        m = MODEL_REASON.match(lab.reason)
        assert m and float(m.group(2)) < lm.THRESHOLDS.extracted_drop, (t, lab.reason)


def test_recipe_ingredients_and_steps_are_body():
    """Ingredient lines ("- 1 carrot, diced") and numbered steps are article content."""
    out = clean_document(_read("dragnet_R150_recipe.txt"), extracted=True)
    body = out["body"].split("\n\n")
    for line in ("- 1 carrot, diced", "- 4 cups chicken broth", "- 1 bay leaf", "Serves 6 as a main course."):
        assert line in body, line
    steps = [p for p in body if p.startswith("- ") and len(p.split()) > 12]
    assert len(steps) == 5


def test_changelog_list_items_are_body():
    """Short list items of a changelog ("- Quick Office 5.3") stay in the body."""
    text = _read("dragnet_R153_changelog.txt")
    out = clean_document(text, extracted=True)
    body = set(out["body"].split("\n\n"))
    items = [ln for ln in text.splitlines() if ln.startswith("- ")]
    kept = [ln for ln in items if ln in body]
    assert "- Quick Office 5.3" in body
    assert len(kept) >= 0.95 * len(set(items))
