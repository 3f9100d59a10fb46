"""Duplicate paragraphs: exact (normalised hash) and near (MinHash/LSH, Jaccard >= 0.8 over word shingles).

Within a document (`within_document`), across the corpus (`corpus_duplicates`) and whole articles seen
in several files (`same_article`, `group_same_articles`). Digits are kept: two paragraphs differing in a
figure are different content (the near-duplicate threshold still allows small edits in long paragraphs).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Hashable, Sequence
from functools import lru_cache
from typing import TypeVar

from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsfacts.textnorm import normalise

K = TypeVar("K", bound=Hashable)

NEAR_THRESHOLD = 0.8
SHINGLE = 3  # words per shingle
NUM_PERM = 64
MIN_NEAR_WORDS = 8  # shorter lines are compared exactly only
_TOKEN = re.compile(r"\w+")
_SEED = 1


def _hash32(b: bytes) -> int:
    # stable across processes (unlike hash()), cheap (crc32 is C), 32 bits as datasketch expects
    return zlib.crc32(b)


def exact_key(text: str) -> str:
    """Hash of the normalised text (NFKC, casefold, quotes/dashes, whitespace)."""
    return hashlib.blake2b(normalise(text).encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    toks = _TOKEN.findall(normalise(text))
    if len(toks) < k:
        return {" ".join(toks).encode("utf-8", "surrogatepass")} if toks else set()
    return {" ".join(toks[i : i + k]).encode("utf-8", "surrogatepass") for i in range(len(toks) - k + 1)}


_PERM_CACHE: dict[int, MinHash] = {}


def minhash(sh: set[bytes], num_perm: int = NUM_PERM) -> LeanMinHash:
    base = _PERM_CACHE.get(num_perm)
    if base is None:
        base = _PERM_CACHE[num_perm] = MinHash(num_perm=num_perm, seed=_SEED, hashfunc=_hash32)
    m = MinHash(
        num_perm=num_perm, seed=_SEED, hashfunc=_hash32, permutations=base.permutations, scheme=base.scheme
    )
    if sh:
        m.update_batch(list(sh))
    return LeanMinHash(m)


def jaccard(a: set[bytes], b: set[bytes]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@lru_cache(maxsize=16)
def _lsh_params(threshold: float, num_perm: int) -> tuple[int, int]:
    """The (bands, rows) MinHashLSH derives from (threshold, num_perm): a numerical optimisation of
    about 10 ms that it would otherwise redo for every index (one per long document)."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def _lsh(threshold: float, num_perm: int) -> MinHashLSH:
    return MinHashLSH(threshold=threshold, num_perm=num_perm, params=_lsh_params(threshold, num_perm))


def within_document(
    texts: Sequence[str], *, threshold: float = NEAR_THRESHOLD
) -> list[tuple[int | None, str]]:
    """For each text, (index of the first copy or None, "exact"|"near"|"").

    Exact: same normalised text. Near: >= MIN_NEAR_WORDS words and Jaccard >= threshold over word
    3-shingles. Few long lines: exact Jaccard on the shingle sets of candidates whose sizes are compatible
    (|A|/|B| >= threshold is necessary for Jaccard >= threshold), which is what MinHash estimates. Many
    (>= 24) long lines: datasketch MinHash LSH proposes candidates, confirmed on the exact sets.
    Chains resolve to the first copy.
    """
    out: list[tuple[int | None, str]] = []
    first_by_key: dict[str, int] = {}
    sh_cache: dict[int, set[bytes]] = {}
    words: dict[int, int] = {}
    lsh: MinHashLSH | None = None
    candidates: list[int] = []

    def sh_of(i: int) -> set[bytes]:
        got = sh_cache.get(i)
        if got is None:
            got = sh_cache[i] = shingles(texts[i])
        return got

    mh_cache: dict[int, LeanMinHash] = {}

    def mh_of(i: int) -> LeanMinHash:
        got = mh_cache.get(i)
        if got is None:
            got = mh_cache[i] = minhash(sh_of(i))
        return got

    for i, t in enumerate(texts):
        key = exact_key(t)
        j = first_by_key.get(key)
        if j is not None:
            out.append((j, "exact"))
            continue
        first_by_key[key] = i
        if len(t) > 200_000:
            out.append((None, ""))
            continue
        wc = len(t.split())
        if wc < MIN_NEAR_WORDS:
            out.append((None, ""))
            continue
        words[i] = wc
        found: int | None = None
        if lsh is None and len(candidates) < 24:
            lo, hi = wc * threshold - 3, wc / threshold + 3
            for c in candidates:
                if lo <= words[c] <= hi:
                    a, b = sh_of(i), sh_of(c)
                    small, big = sorted((len(a), len(b)))
                    if big and small / big >= threshold and jaccard(a, b) >= threshold:
                        found = c
                        break
        else:
            if lsh is None:
                lsh = _lsh(threshold, NUM_PERM)
                for c in candidates:
                    lsh.insert(str(c), mh_of(c))
            for c in sorted(int(x) for x in lsh.query(mh_of(i))):
                if jaccard(sh_of(i), sh_of(c)) >= threshold:
                    found = c
                    break
        if found is not None:
            root = out[found][0] if out[found][0] is not None else found
            out.append((root, "near"))
            continue
        candidates.append(i)
        if lsh is not None:
            lsh.insert(str(i), mh_of(i))
        out.append((None, ""))
    return out


def paragraph_signature(text: str, *, min_words: int = MIN_NEAR_WORDS) -> tuple[str, list[int] | None]:
    """What the corpus-wide search needs of one paragraph, computed where the paragraph is (a batch
    worker): its exact key, and the keys of its MinHash LSH bands (None when it has fewer than
    `min_words` words and is compared exactly only). Two paragraphs share a band key when they share
    that band, as in datasketch's MinHashLSH (the band's values, hashed to 64 bits)."""
    ek = exact_key(text)
    if len(text.split(None, min_words)) < min_words:
        return ek, None
    values = minhash(shingles(text)).hashvalues
    bands, rows = _lsh_params(NEAR_THRESHOLD, NUM_PERM)
    return ek, [
        int.from_bytes(
            hashlib.blake2b(values[i * rows : (i + 1) * rows].tobytes(), digest_size=8).digest(), "little"
        )
        for i in range(bands)
    ]


def corpus_duplicates(paragraphs: Sequence[tuple[K, str]], *, min_words: int = MIN_NEAR_WORDS) -> dict[K, K]:
    """Paragraphs repeated across (or within) articles: {key: key of the first copy} for every later copy.

    Order of `paragraphs` decides which copy is first. Exact normalised matches for any length; near
    matches (MinHash LSH + exact Jaccard >= NEAR_THRESHOLD) for paragraphs of at least `min_words` words.
    """
    return duplicates_by_signature(
        [(key, text, *paragraph_signature(text, min_words=min_words)) for key, text in paragraphs]
    )


def duplicates_by_signature(
    paragraphs: Sequence[tuple[K, str, str, Sequence[int] | None]],
) -> dict[K, K]:
    """`corpus_duplicates` over (key, text, exact key, band keys) from `paragraph_signature`: the
    signatures come from the batch workers, and shingles are built only for candidate pairs."""
    dup: dict[K, K] = {}
    first_by_key: dict[str, K] = {}
    buckets: list[dict[int, list[int]]] = []
    kept: dict[int, tuple[K, str]] = {}  # order -> (key, text) of paragraphs in the index
    shingled: dict[int, set[bytes]] = {}

    def shingles_of(n: int) -> set[bytes]:
        got = shingled.get(n)
        if got is None:
            got = shingled[n] = shingles(kept[n][1])
        return got

    for n, (key, text, ek, bands) in enumerate(paragraphs):
        first = first_by_key.get(ek)
        if first is not None:
            dup[key] = first
            continue
        first_by_key[ek] = key
        if bands is None:
            continue
        if not buckets:
            buckets = [{} for _ in bands]
        cands = {c for b, v in zip(buckets, bands) for c in b.get(v, ())}
        if cands:
            sh = shingles(text)
            best = next((c for c in sorted(cands) if jaccard(sh, shingles_of(c)) >= NEAR_THRESHOLD), None)
            if best is not None:
                dup[key] = kept[best][0]
                continue
            shingled[n] = sh
        kept[n] = (key, text)
        for b, v in zip(buckets, bands):
            b.setdefault(v, []).append(n)
    return dup


def article_signature(body: str, num_perm: int = 128) -> LeanMinHash:
    """MinHash of a whole article body (5-word shingles), for same-article detection across files."""
    sh = shingles(body, k=5)
    return minhash(sh, num_perm=num_perm)


def same_article(body_a: str, body_b: str, *, threshold: float = NEAR_THRESHOLD) -> bool:
    """True when two bodies are the same article (exact after normalisation, or Jaccard >= threshold)."""
    if normalise(body_a) == normalise(body_b):
        return bool(body_a.strip())
    return jaccard(shingles(body_a, k=5), shingles(body_b, k=5)) >= threshold


def group_same_articles(docs: Sequence[tuple[K, str]], *, threshold: float = NEAR_THRESHOLD) -> dict[K, K]:
    """{key: key of the first document carrying the same article} for every later copy (empty bodies skipped)."""
    out: dict[K, K] = {}
    first_by_key: dict[str, K] = {}
    lsh = _lsh(threshold, 128)
    shs: dict[str, tuple[K, set[bytes]]] = {}
    for n, (key, body) in enumerate(docs):
        if not body.strip():
            continue
        ek = exact_key(body)
        if ek in first_by_key:
            out[key] = first_by_key[ek]
            continue
        first_by_key[ek] = key
        sh = shingles(body, k=5)
        m = minhash(sh, num_perm=128)
        best: tuple[int, K] | None = None
        for hid in lsh.query(m):
            k2, sh2 = shs[hid]
            if jaccard(sh, sh2) >= threshold and (best is None or int(hid) < best[0]):
                best = (int(hid), k2)
        if best is not None:
            out[key] = out.get(best[1], best[1])
            continue
        shs[str(n)] = (key, sh)
        lsh.insert(str(n), m)
    return out


__all__ = [
    "NEAR_THRESHOLD",
    "article_signature",
    "corpus_duplicates",
    "exact_key",
    "group_same_articles",
    "jaccard",
    "minhash",
    "same_article",
    "shingles",
    "within_document",
]
