"""Learned line classifier: P(body) for each line from its shape, position, neighbours and the rule labels.

The rules of `newsfacts.boilerplate` label every line first; this model (LightGBM, trained by
benchmarks/train_line_classifier.py on real scraped pages, file ``data/line_classifier.txt``) then
decides the lines no certain rule claimed. A line it decides gets the reason
``model:<role>(<score>;<strongest signal>)``, e.g. ``model:body(0.97;stop_density)``: the score is P(body)
and the signal is the feature that pushed hardest toward the decision (its SHAP contribution).

Features use no vocabulary beyond the rules' own signals; the English stop-word density is one feature
among many, so a page in another language keeps its body through shape, punctuation and position.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources

from newsfacts import boilerplate as bp

MODEL_FILE = "line_classifier.txt"
KLASS = {"good": 0, "short_sentence": 1, "headline": 2, "bad": 3}
# role and reason-family codes of the rule label (categorical features; unknown -> last code)
ROLE_CODES = (
    "body", "title", "heading", "byline", "metadata", "caption", "note", "cookie", "contact", "legal",
    "navigation", "promo", "duplicate",
)  # fmt: skip
FAMILY_CODES = (
    "shape", "zone", "corpus", "nav", "dup", "cookie", "legal", "contact", "promo", "note", "caption",
    "meta", "byline", "junk",
)  # fmt: skip
# reasons the model never overrides: vocabulary or pattern rules that are certain on their own
CERTAIN_FAMILIES = frozenset(
    {"cookie", "legal", "contact", "promo", "note", "caption", "meta", "byline", "junk"}
)
CERTAIN_REASONS = frozenset(
    {"nav:share_bar", "nav:language_selector", "nav:widget", "nav:url", "nav:breadcrumb", "nav:chrome"}
)
_PUNCT = frozenset(",.;:!?")
_CONTENT = frozenset({"body", "heading", "title"})
_TITLE_LIKE = frozenset({"title", "heading"})
_TITLE_REASONS = frozenset({"shape:title_above_body", "shape:standfirst"})
FEATURES = (
    "n_words", "n_chars", "stop_density", "terminal", "ends_colon", "starts_upper", "title_case", "bullet",
    "separators", "klass", "punct_density", "commas_per_word", "digit_share", "upper_share",
    "mean_word_len", "alpha_share", "rel_position", "from_start", "from_end", "doc_lines",
    "prev_words", "next_words", "prev2_words", "next2_words", "prev_klass", "next_klass",
    "window3_words", "window5_good", "rule_family", "rule_role", "is_dup", "corpus_bucket",
    "doc_stop_density", "doc_good_share", "extracted", "dist_good", "in_body_region", "has_link",
    "chars_vs_longest", "words_before_share", "in_main_run", "run_words_share", "from_main_run",
    "window3_boiler", "prev_digit_share",
)  # fmt: skip
CATEGORICAL = ("klass", "prev_klass", "next_klass", "rule_family", "rule_role")


def _char_stats(t: str) -> tuple[float, float, float, float, float, float]:
    s = t[:2000]
    n = len(s) or 1
    punct = digits = upper = alpha = 0
    for c in s:
        if c in _PUNCT:
            punct += 1
        elif c.isdigit():
            digits += 1
        elif c.isalpha():
            alpha += 1
            upper += c.isupper()
    words = s.split()
    mean_len = sum(len(w) for w in words) / len(words) if words else 0.0
    commas = s.count(",") / (len(words) or 1)
    return punct / n, commas, digits / n, upper / (alpha or 1), mean_len, alpha / n


def _family(reason: str) -> str:
    return reason.split(":", 1)[0]


def line_features(
    texts: Sequence[str],
    shapes: Sequence[bp.Shape],
    labels: Sequence[bp.LineLabel],
    *,
    counts: Mapping[int, int] | None,
    corpus_size: int,
    extracted: bool,
) -> list[list[float]]:
    """One row of FEATURES per line (same order as `texts`)."""
    n = len(texts)
    words = [s.n_words for s in shapes]
    total_words = sum(words) or 1
    good = [i for i in range(n) if shapes[i].klass == "good"]
    first_good, last_good = (good[0], good[-1]) if good else (n, -1)
    doc_sd = bp.document_stop_density(shapes)
    longest = max((len(t) for t in texts), default=1) or 1
    nearest = _distance_to(good, n)
    run_of, run_words, main = _runs(shapes)
    main_words = max(run_words.get(main, 0), 1)
    span = _main_span(run_of, main)
    boiler = [lab.role not in _CONTENT for lab in labels]
    stats = [_char_stats(t) for t in texts]
    rows = []
    before = 0
    for i, (t, sh, lab) in enumerate(zip(texts, shapes, labels)):
        lo, hi = max(0, i - 3), min(n, i + 4)
        lo5, hi5 = max(0, i - 5), min(n, i + 6)
        fam = _family(lab.reason)
        bucket = bp.corpus_bucket(counts.get(bp.corpus_key(t), 0), corpus_size) if counts else 0
        rows.append(
            [
                sh.n_words, sh.n_chars, sh.stop_density, sh.terminal, sh.ends_colon, sh.starts_upper,
                sh.title_case, sh.bullet, sh.separators, KLASS[sh.klass], *stats[i],
                i / max(n - 1, 1), i, n - 1 - i, n,
                words[i - 1] if i else -1, words[i + 1] if i + 1 < n else -1,
                words[i - 2] if i > 1 else -1, words[i + 2] if i + 2 < n else -1,
                KLASS[shapes[i - 1].klass] if i else 4, KLASS[shapes[i + 1].klass] if i + 1 < n else 4,
                sum(words[lo:hi]) / (hi - lo), sum(s.klass == "good" for s in shapes[lo5:hi5]) / (hi5 - lo5),
                _code(FAMILY_CODES, fam), _code(ROLE_CODES, lab.role), lab.duplicate_of is not None, bucket,
                doc_sd, len(good) / max(n, 1), extracted, nearest[i], first_good <= i <= last_good,
                "http" in t or "www." in t or "@" in t, len(t) / longest, before / total_words,
                run_of[i] == main, run_words.get(run_of[i], 0) / main_words, _from_run(i, span),
                sum(boiler[lo:hi]) / (hi - lo), stats[i - 1][2] if i else -1,
            ]
        )  # fmt: skip
        before += words[i]
    return [[float(x) for x in r] for r in rows]


RUN_GAP = 3  # non-good lines a run of good lines may step over


def _runs(shapes: Sequence[bp.Shape]) -> tuple[list[int], dict[int, int], int]:
    """Runs of "good" lines (gaps of up to RUN_GAP other lines inside a run): run id per line (-1 outside
    any run), words per run, and the main run (most words): the article block of most pages."""
    run_of = [-1] * len(shapes)
    words: dict[int, int] = {}
    run, last_good = -1, -(RUN_GAP + 2)
    for i, sh in enumerate(shapes):
        if sh.klass != "good":
            continue
        if i - last_good > RUN_GAP + 1:
            run += 1
        for j in range(max(last_good + 1, 0) if i - last_good <= RUN_GAP + 1 else i, i + 1):
            run_of[j] = run
        words[run] = words.get(run, 0) + sh.n_words
        last_good = i
    main = max(words, key=lambda r: words[r]) if words else -2
    return run_of, words, main


def _main_span(run_of: Sequence[int], main: int) -> tuple[int, int]:
    """First and last line of the main run ((n, n) when there is none)."""
    idx = [i for i, r in enumerate(run_of) if r == main]
    return (idx[0], idx[-1]) if idx else (len(run_of), len(run_of))


def _from_run(i: int, span: tuple[int, int]) -> int:
    """Signed distance in lines from line i to the main run (0 inside, negative before it)."""
    return i - span[0] if i < span[0] else max(i - span[1], 0)


def _code(table: Sequence[str], value: str) -> int:
    try:
        return table.index(value)
    except ValueError:
        return len(table)


def _distance_to(idx: list[int], n: int) -> list[int]:
    """Distance of each line to the nearest line in idx (n when idx is empty)."""
    out = [n] * n
    for k in idx:
        out[k] = 0
    for i in range(1, n):
        out[i] = min(out[i], out[i - 1] + 1)
    for i in range(n - 2, -1, -1):
        out[i] = min(out[i], out[i + 1] + 1)
    return out


@dataclass(frozen=True)
class Thresholds:
    """P(body) cut-offs, tuned on the dev split (see the model file's header in train_line_classifier)."""

    text: float = 0.35  # plain-text pages: a body line stays body when P >= text
    text_promote: float = 0.5  # plain-text pages: a line the rules removed becomes body when P >= this
    extracted_drop: float = 0.1  # extractor output: a line leaves the body only when P < extracted_drop


THRESHOLDS = Thresholds()


@functools.cache
def booster():
    import lightgbm

    path = resources.files("newsfacts.data").joinpath(MODEL_FILE)
    return lightgbm.Booster(model_str=path.read_text(encoding="utf-8"))


def model_available() -> bool:
    return resources.files("newsfacts.data").joinpath(MODEL_FILE).is_file()


def predict(rows: list[list[float]]) -> list[float]:
    """P(body) per row (one thread: documents are cleaned in parallel processes already)."""
    import numpy as np

    if not rows:
        return []
    return [float(p) for p in booster().predict(np.asarray(rows, dtype=np.float64), num_threads=1)]


def strongest_signals(rows: list[list[float]], body: list[bool]) -> list[str]:
    """Per row, the feature whose contribution pushed hardest toward its decision (body or not).

    Contributions are path attributions (Saabas): along the path to each tree's leaf, the change of the
    node value at a split is credited to the split's feature. They are precomputed per leaf
    (`_leaf_contributions`), so a row costs one native leaf lookup per tree and a sum."""
    import numpy as np

    if not rows:
        return []
    table, offsets = _leaf_contributions()
    leaves = booster().predict(np.asarray(rows, dtype=np.float64), pred_leaf=True, num_threads=1)
    contrib = table[np.asarray(leaves, dtype=np.int64).reshape(len(rows), -1) + offsets].sum(axis=1)
    return [FEATURES[int((c if b else -c).argmax())] for c, b in zip(contrib, body)]


@functools.cache
def _leaf_contributions():
    """(rows of per-feature path contributions for every leaf of every tree, first row of each tree)."""
    import numpy as np

    vectors: list = []
    offsets = []
    for tree in booster().dump_model()["tree_info"]:
        offsets.append(len(vectors))
        leaves: dict[int, list[float]] = {}
        _walk(tree["tree_structure"], [0.0] * len(FEATURES), leaves)
        vectors.extend(leaves[k] for k in sorted(leaves))
    return np.asarray(vectors, dtype=np.float64), np.asarray(offsets, dtype=np.int64)


def _walk(node: dict, acc: list[float], leaves: dict[int, list[float]]) -> None:
    if "leaf_index" in node:
        leaves[node["leaf_index"]] = acc
        return
    here = node["internal_value"]
    for side in ("left_child", "right_child"):
        child = node[side]
        value = child["leaf_value"] if "leaf_index" in child else child["internal_value"]
        nxt = list(acc)
        nxt[node["split_feature"]] += value - here
        _walk(child, nxt, leaves)


def model_label(p: float, signal: str, role: str) -> str:
    return f"model:{role}({p:.2f};{signal})"


def is_certain(lab: bp.LineLabel) -> bool:
    """A rule label the model leaves alone."""
    return _family(lab.reason) in CERTAIN_FAMILIES or lab.reason in CERTAIN_REASONS or lab.role == "title"


def refine(
    texts: Sequence[str],
    shapes: Sequence[bp.Shape],
    labels: list[bp.LineLabel],
    *,
    counts: Mapping[int, int] | None,
    corpus_size: int,
    extracted: bool,
) -> None:
    """Relabel, in place, the lines no certain rule decided, by the model's P(body)."""
    if not labels or not model_available():
        return
    rows = line_features(texts, shapes, labels, counts=counts, corpus_size=corpus_size, extracted=extracted)
    scores = predict(rows)
    th = THRESHOLDS
    seen_body = False
    flipped: list[int] = []  # lines the model relabelled; their reasons are written below in one pass
    for i, lab in enumerate(labels):
        if lab.role in _TITLE_LIKE and seen_body and lab.reason in _TITLE_REASONS:
            pass  # a "title" below body text is no title: the model decides it
        elif is_certain(lab):
            seen_body = seen_body or lab.role == "body"
            continue
        p = scores[i]
        first = labels[lab.duplicate_of] if lab.duplicate_of is not None else None
        if first is not None and (first.role in _CONTENT or is_certain(first)):
            continue  # the first copy is content, or certainly not: this one stays a duplicate
        if extracted:
            body = p >= th.extracted_drop
        else:
            body = p >= (th.text if lab.role == "body" else th.text_promote)
        seen_body = seen_body or lab.role == "body" or body
        if body and lab.role == "heading" and lab.reason not in _TITLE_REASONS:
            continue  # a subheading is article content already (not body: docs/CONTRACTS.md)
        if body and lab.role != "body":
            lab.role, lab.duplicate_of = "body", None
            flipped.append(i)
        elif not body and lab.role == "body":
            lab.role = "navigation"
            flipped.append(i)
    decided = [labels[i].role == "body" for i in flipped]
    for i, b, sig in zip(flipped, decided, strongest_signals([rows[i] for i in flipped], decided)):
        labels[i].reason = model_label(scores[i], sig, "body" if b else "navigation")
