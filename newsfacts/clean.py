"""Cleaning stage: raw article text -> roles for every line, body, metadata (contract in docs/CONTRACTS.md)."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Mapping
from typing import Any

from newsfacts import boilerplate as bp
from newsfacts import dedupe, line_model
from newsfacts import metadata as md
from newsfacts.segment import segment_lines
from newsfacts.textnorm import word_count

ROLES = (
    "body", "title", "heading", "byline", "metadata", "caption", "note", "cookie", "contact", "legal",
    "navigation", "promo", "duplicate",
)  # fmt: skip
KINDS = ("news", "editorial", "opinion", "analysis", "unknown")


def _shapes(texts: list[str], *, english: bool) -> list[bp.Shape]:
    """Shape features per line; repeated lines (an article pasted twice) are computed once."""
    memo: dict[str, bp.Shape] = {}
    out = []
    for t in texts:
        sh = memo.get(t)
        if sh is None:
            sh = memo[t] = bp.shape_of(t, english=english)
        out.append(sh)
    return out


def clean_document(
    text: str,
    *,
    corpus_line_counts: Mapping[int, int] | None = None,
    corpus_size: int = 1,
    extracted: bool = False,
) -> dict[str, Any]:
    """Label every non-blank line, keep body paragraphs, extract metadata. Pure and deterministic.

    Returns the dict of docs/CONTRACTS.md ("Cleaning") plus ``stripped_prefixes``: the byline brackets
    removed from the front of body paragraphs, as ``[{"position", "text"}]`` (the audit trail of what
    was cut from a kept paragraph; the paragraph's reason also ends in ``+byline_prefix``).
    """
    with md.dateparser_budget():  # bounded dateparser fallbacks per document (hostile input)
        return _clean_document(text, corpus_line_counts, corpus_size, extracted)


def _clean_document(
    text: str, corpus_line_counts: Mapping[int, int] | None, corpus_size: int, extracted: bool = False
) -> dict[str, Any]:
    lines, texts, shapes, labels = label_lines(text, corpus_line_counts, corpus_size, extracted)
    density = bp.document_stop_density(shapes)

    paragraphs: list[dict[str, Any]] = []
    body_parts: list[str] = []
    stripped_prefixes: list[dict[str, Any]] = []
    for ln, lab in zip(lines, labels):
        t = lab.text if lab.text is not None else ln.text
        if lab.extra and "prefix" in lab.extra:
            stripped_prefixes.append({"position": ln.position, "text": lab.extra["prefix"]})
        paragraphs.append(
            {
                "position": ln.position,
                "text": t,
                "role": lab.role,
                "reason": lab.reason,
                "duplicate_of": lab.duplicate_of,
            }
        )
        if lab.role == "body":
            body_parts.append(t)
    body = "\n\n".join(body_parts)
    language = md.detect_language(body or "\n".join(texts[:40]), english_stopword_density=density)
    meta = extract_metadata(texts, labels, dayfirst=language != "en")
    meta["language"] = language
    if meta["kind"] is None:
        meta["kind"] = "news" if body else "unknown"
    return {
        **meta,
        "body": body,
        "paragraphs": paragraphs,
        "paragraph_count": len(body_parts),
        "word_count": word_count(body),
        "removed_line_count": len(paragraphs) - len(body_parts),
        "duplicate_paragraph_count": sum(p["role"] == "duplicate" for p in paragraphs),
        "stripped_prefixes": stripped_prefixes,
    }


def label_lines(
    text: str,
    corpus_line_counts: Mapping[int, int] | None,
    corpus_size: int,
    extracted: bool = False,
    *,
    use_model: bool = True,
) -> tuple[list[Any], list[str], list[bp.Shape], list[bp.LineLabel]]:
    """Lines, their texts, shapes and labels: rules first, then the line classifier on the lines no
    certain rule decided (`newsfacts.line_model`). ``extracted``: the text is an HTML extractor's output
    (trafilatura), which is body unless there is strong evidence against a line."""
    lines = segment_lines(text or "")
    texts = [ln.text for ln in lines]
    dups = dedupe.within_document(texts)
    shapes = _shapes(texts, english=True)
    english = bp.document_stop_density(shapes) >= 0.12  # stop words are a body signal only in English
    if not english:
        shapes = _shapes(texts, english=False)
    labels = bp.classify_lines(
        texts,
        dups,
        corpus_line_counts=corpus_line_counts,
        corpus_size=corpus_size,
        english=english,
        shapes=shapes,
    )
    if use_model:
        line_model.refine(
            texts, shapes, labels, counts=corpus_line_counts, corpus_size=corpus_size, extracted=extracted
        )
    return lines, texts, shapes, labels


def extract_metadata(
    texts: list[str], labels: list[bp.LineLabel], *, dayfirst: bool = False
) -> dict[str, Any]:
    """title, published_date, author, publisher, kind from the labelled lines (never from body text).

    ``dayfirst`` decides ambiguous numeric dates (03/04/2026): day first outside English pages.
    """
    title = None
    kind: str | None = None
    title_pos: int | None = None
    for i, lab in enumerate(labels):
        if lab.role == "title":
            title, kind = md.split_title(texts[i])
            title_pos = i
            break
    if kind is None and title_pos is not None:
        # a section label right above the title ("OPINION", "Analysis")
        for j in range(title_pos - 1, max(-1, title_pos - 3), -1):
            k = md.kind_of_label(texts[j])
            if k is not None and k != "news":
                kind = k
                break
            if labels[j].role not in ("navigation", "metadata"):
                break

    authors: list[tuple[int, str]] = []
    publishers: list[tuple[int, str]] = []
    published: list[tuple[int, _dt.date]] = []
    pending_label: str | None = None
    for i, lab in enumerate(labels):
        t = texts[i]
        if lab.duplicate_of is not None and lab.role == "duplicate":
            continue
        role, reason = lab.role, lab.reason
        if lab.extra and "author" in lab.extra:
            authors.append((1, lab.extra["author"]))
            if lab.extra.get("publisher"):
                publishers.append((1, lab.extra["publisher"]))
        if role == "byline":
            if reason == "byline:bracket":
                bl = md.bracket_byline(t)
            else:
                bl = md.parse_byline(t, loose=reason == "byline:under_title")
            if bl:
                authors.append((0, bl["author"]))
                if bl.get("publisher"):
                    publishers.append((0, bl["publisher"]))
                if bl.get("date"):
                    published.append((2, bl["date"]))
                kind = kind or _kind_from_byline(t)
        elif role == "note":
            nt = md.parse_note(t)
            if nt.get("author"):
                authors.append((3, nt["author"]))
            if nt.get("publisher"):
                publishers.append((2, nt["publisher"]))
            if kind is None and bp.vocab().note_phrase.search(t[:2000].lower().replace("\u2019", "'")):
                kind = "opinion"
        elif role == "metadata":
            if reason == "byline:lone_name":
                authors.append((2, md.tidy_name(t)))
            elif reason.startswith("meta:label"):
                lab_kind, value = md.date_label(t) or ("other", "")
                if not value:
                    pending_label = lab_kind
                    continue
                if lab_kind in ("published", "updated"):
                    d = md.parse_date(value, dayfirst=dayfirst)
                    who = _posted_by(value)
                    if who is not None:
                        (authors if md.looks_like_name(who) else publishers).append((2, who))
                    if d:
                        published.append((0 if lab_kind == "published" else 4, d))
                elif t.lower().lstrip().startswith("source") and value and len(value.split()) <= 6:
                    publishers.append((3, value.strip(" .")))
                elif t.lower().lstrip().startswith(("by", "author", "reporter")) and md.looks_like_name(
                    value
                ):
                    authors.append((1, md.tidy_name(value)))
            elif reason in ("meta:date",):
                d = md.parse_date(t, dayfirst=dayfirst)
                if d:
                    if pending_label in ("published", "updated"):
                        published.append((0 if pending_label == "published" else 4, d))
                    elif title_pos is None or i > title_pos:
                        published.append((3, d))
                    else:
                        published.append((5, d))  # a stamp above the title (not a weekday page date)
            pending_label = None  # a label-only line ("Input") applies to the very next line only
            continue
        elif role == "legal":
            p = md.publisher_from_copyright(t)
            if p:
                publishers.append((5, p))
        pending_label = None

    def best(items):
        return min(items, key=lambda x: x[0])[1] if items else None

    return {
        "title": title,
        "published_date": best(published),
        "author": best(authors),
        "publisher": best(publishers),
        "kind": kind,
    }


_POSTED_BY = re.compile(r"\bby\s{1,3}([A-Z][\w&'’.\-]{0,30}(?:\s[A-Z][\w&'’.\-]{0,30}){0,5})\s{0,2}$")


def _posted_by(value: str) -> str | None:
    """ "August 2, 2026 by Coastal News Service" -> "Coastal News Service"."""
    m = _POSTED_BY.search(value[:200].strip(" .|"))
    return m.group(1) if m else None


def _kind_from_byline(t: str) -> str | None:
    tl = t.lower()
    if "columnist" in tl or "guest column" in tl or "contributor" in tl:
        return "opinion"
    if "editorial board" in tl:
        return "editorial"
    return None
