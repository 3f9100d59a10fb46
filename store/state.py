"""What the last completed run read, per raw file: the state that makes runs incremental.

For every raw file: its stamp (size, mtime_ns) when listed, the documents it held (source name,
content hash, the keys of its lines for the corpus-frequency signal) and the reasons it was rejected
at ingest, if it was. A file whose stamp is unchanged is not read again: its documents' lines still
count in the corpus, and their cleaned articles come from the clean cache when the corpus view of
their lines is unchanged (`newsfacts.boilerplate.corpus_view`).

The state is tied to the code fingerprint: after a code or model change every file is read again.
A missing, corrupt or older state costs one full run, never correctness.
"""

from __future__ import annotations

import base64
import hashlib
import json
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from newsfacts.boilerplate import corpus_view
from newsfacts.ids import stable_id
from newsfacts.ingest import IngestError
from store.files import CleanCache, ExtractionCache, RawFile, code_fingerprint, list_raw_files, write_atomic

STATE_FILE = Path("_state") / "sources.json"
STATE_VERSION = 2
LISTING_FILE = Path("_state") / "listing.json"  # the last completed run's listing, in a few bytes


@dataclass
class DocState:
    source_file: str
    content_sha256: str
    keys: array  # array("Q"): corpus_line_keys of the document's text


@dataclass
class FileState:
    stamp: list[int]  # [size, mtime_ns]
    docs: list[DocState] = field(default_factory=list)
    rejects: list[tuple[str, str, str]] = field(default_factory=list)  # (source, check, reason)


def keys_array(keys: Iterable[int]) -> array:
    return array("Q", sorted(keys))


def _pack(keys: array) -> str:
    a = array("Q", keys)
    if sys.byteorder == "big":
        a.byteswap()
    return base64.b64encode(a.tobytes()).decode("ascii")


def _unpack(text: str) -> array:
    a = array("Q")
    a.frombytes(base64.b64decode(text))
    if sys.byteorder == "big":
        a.byteswap()
    return a


def _read_state(out_dir: Path) -> tuple[str, dict[str, FileState]] | None:
    """(code fingerprint, rel -> FileState) of the last completed run; None when none is usable."""
    try:
        raw = json.loads((out_dir / STATE_FILE).read_text(encoding="utf-8"))
        if raw.get("version") != STATE_VERSION:
            return None
        return str(raw["fingerprint"]), {
            rel: FileState(
                stamp=list(f["stamp"]),
                docs=[DocState(d["source_file"], d["sha"], _unpack(d["keys"])) for d in f["docs"]],
                rejects=[(s, c, r) for s, c, r in f["rejects"]],
            )
            for rel, f in raw["files"].items()
        }
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def load_sources(out_dir: Path, fingerprint: str) -> dict[str, FileState]:
    """rel -> FileState of the last completed run under this code fingerprint; empty when there is
    none usable."""
    state = _read_state(out_dir)
    return state[1] if state is not None and state[0] == fingerprint else {}


def source_stamps(files: Sequence[RawFile]) -> dict[str, list[int]]:
    """(size, mtime_ns) per raw file, taken once when the run lists its input."""
    stamps = {}
    for f in files:
        try:
            st = f.path.stat()
        except OSError:
            continue
        stamps[f.rel] = [st.st_size, st.st_mtime_ns]
    return stamps


def snapshot_id(stamps: dict[str, list[int]]) -> str:
    """Identity of the source snapshot a run read (commit metadata `source_snapshot`)."""
    h = hashlib.sha256()
    for rel in sorted(stamps):
        size, mtime = stamps[rel]
        h.update(f"{rel}\x1f{size}\x1f{mtime}\n".encode())
    return h.hexdigest()[:16]


def listing_id(stamps: dict[str, list[int]], refused: Sequence[tuple[str, str, str]]) -> str:
    """Identity of a run's input as listed: every raw file's stamp, and the files refused before
    reading with their reasons. Two runs with the same listing and code read the same input."""
    h = hashlib.sha256(snapshot_id(stamps).encode())
    for rel, check, reason in sorted(refused):
        h.update(f"{rel}\x1f{check}\x1f{reason}\n".encode())
    return h.hexdigest()[:16]


def run_fingerprint(model: str) -> str:
    """The code and model fingerprint that keys the state, the caches and the kept parts."""
    import newsfacts

    return code_fingerprint(Path(newsfacts.__file__).parent, extra=[model])


@dataclass
class Listing:
    """A run's input as listed: the raw files, those refused before reading, their stamps, and the
    listing's identity (`listing_id`)."""

    files: list[RawFile]
    refused: list[tuple[str, IngestError]]
    stamps: dict[str, list[int]]
    id: str


def take_listing(raw_dir: Path, max_file_bytes: int) -> Listing:
    files, refused = list_raw_files(raw_dir, max_bytes=max_file_bytes)
    stamps = source_stamps(files)
    return Listing(
        files, refused, stamps, listing_id(stamps, [(rel, e.check, e.reason) for rel, e in refused])
    )


def nothing_new(raw_dir: Path, out_dir: Path, model: str, max_file_bytes: int) -> bool:
    """Whether the raw dir lists as it did for the last completed run under this code: a hint the CLI
    takes before starting anything (the flow decides for itself)."""
    last = last_listing(out_dir, run_fingerprint(model))
    return last is not None and last[0] == take_listing(raw_dir, max_file_bytes).id


def remember_listing(out_dir: Path, fingerprint: str, listing: str, facts: Mapping[str, object]) -> None:
    """Record the completed run's listing (and its headline facts) after its state and manifest."""
    data = {"fingerprint": fingerprint, "listing": listing, "facts": dict(facts)}
    write_atomic(out_dir / LISTING_FILE, json.dumps(data))


def last_listing(out_dir: Path, fingerprint: str) -> tuple[str, dict[str, object]] | None:
    """(listing, facts) of the last completed run under this code fingerprint; None when unknown."""
    try:
        data = json.loads((out_dir / LISTING_FILE).read_text(encoding="utf-8"))
        if data.get("fingerprint") != fingerprint:
            return None
        return str(data["listing"]), dict(data["facts"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def line_counts(files: Mapping[str, FileState]) -> tuple[Counter[int], int]:
    """The corpus line counts of the files' documents (documents per line key), and the number of
    documents: what cleaning reads of the corpus."""
    counts: Counter[int] = Counter()
    n = 0
    for fs in files.values():
        for d in fs.docs:
            counts.update(d.keys)
            n += 1
    return counts, n


def clean_key(doc: DocState, counts: Mapping[int, int], corpus_size: int) -> str:
    """Identity of a document's cleaning result: the document, and the corpus view of its lines."""
    return stable_id("clean", doc.source_file, doc.content_sha256, corpus_view(doc.keys, counts, corpus_size))


def unchanged(known: dict[str, FileState], stamps: dict[str, list[int]], rels: Sequence[str]) -> set[str]:
    """The files whose stamp is the one the last completed run read."""
    return {rel for rel in rels if rel in known and known[rel].stamp == stamps.get(rel)}


def remember_sources(out_dir: Path, fingerprint: str, files: dict[str, FileState]) -> None:
    """Record what the completed run read (stamps taken at listing: a file changed mid-run is seen
    as changed by the next run). Replaced atomically."""
    data = {
        "version": STATE_VERSION,
        "fingerprint": fingerprint,
        "files": {
            rel: {
                "stamp": f.stamp,
                "docs": [
                    {"source_file": d.source_file, "sha": d.content_sha256, "keys": _pack(d.keys)}
                    for d in f.docs
                ],
                "rejects": [list(r) for r in f.rejects],
            }
            for rel, f in sorted(files.items())
        },
    }
    write_atomic(out_dir / STATE_FILE, json.dumps(data))


def prune_caches(out_dir: Path) -> int:
    """Delete cache entries the next run cannot use: those of other code fingerprints, cleaned
    articles of documents or corpus views no longer current, extractions of articles no longer
    published. Returns the number of files removed. (Run under the run lock.)"""
    import shutil

    from store.publish import read_table

    state = _read_state(out_dir)
    if state is None:
        return 0  # no usable state: nothing tells which entries are live
    fingerprint, files = state
    counts, n = line_counts(files)
    live = {
        CleanCache: {clean_key(d, counts, n) for fs in files.values() for d in fs.docs},
        ExtractionCache: set(read_table(out_dir, "articles")["article_id"].to_list()),
    }
    removed = 0
    for cache, keep in live.items():
        root = cache(out_dir, fingerprint).dir.parent
        if not root.is_dir():
            continue
        for fp_dir in root.iterdir():
            if fp_dir.name != fingerprint:
                removed += sum(1 for p in fp_dir.rglob("*") if p.is_file())
                shutil.rmtree(fp_dir, ignore_errors=True)
                continue
            for p in fp_dir.rglob("*.json"):
                if p.stem not in keep:
                    p.unlink(missing_ok=True)
                    removed += 1
    return removed
