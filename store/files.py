"""File-system side of the flows: listing and reading raw files safely, the extraction cache."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsfacts.ingest import SUPPORTED_SUFFIXES, IngestError, suffix_of

DEFAULT_MAX_FILE_BYTES = 8 * 1024 * 1024  # flows.config: NEWSFACTS_MAX_FILE_BYTES
# a raw file name is data too: C0/C1 controls, bidi overrides and bytes that are not UTF-8 (os.walk
# hands those back as lone surrogates) would reach logs, tables and terminals
_UNSAFE_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


@dataclass(frozen=True)
class RawFile:
    rel: str  # path relative to the raw dir, "/"-separated
    path: Path
    size: int


class RawDirError(RuntimeError):
    pass


def check_raw_dir(raw_dir: Path) -> None:
    """Raise RawDirError with one plain sentence when raw_dir cannot be listed."""
    if not raw_dir.exists():
        raise RawDirError(f"raw dir {raw_dir} does not exist")
    if not raw_dir.is_dir():
        raise RawDirError(f"raw dir {raw_dir} is not a directory")
    if not os.access(raw_dir, os.R_OK | os.X_OK):
        raise RawDirError(f"raw dir {raw_dir} is not readable")


def list_raw_files(
    raw_dir: Path, max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> tuple[list[RawFile], list[tuple[str, IngestError]]]:
    """Every visible regular file under raw_dir (sorted), and the ones refused before reading.

    The raw dir is a trust boundary: a symlink whose target is outside it is refused, never read.
    """
    check_raw_dir(raw_dir)
    root = raw_dir.resolve()
    files: list[RawFile] = []
    refused: list[tuple[str, IngestError]] = []
    for path in sorted(_walk(raw_dir)):
        rel = path.relative_to(raw_dir).as_posix()
        if any(part.startswith(".") for part in Path(rel).parts):
            continue
        if _UNSAFE_NAME.search(rel):
            shown = safe_name(rel)
            refused.append(
                (
                    shown,
                    IngestError(
                        "unsafe_file_name",
                        f"{shown}: file name has control characters or bytes that are not UTF-8; "
                        "rename it to read it",
                    ),
                )
            )
            continue
        try:
            # the walk never descends through a link, so only a link itself needs resolving
            link = path.is_symlink()
            target = path.resolve(strict=True) if link else root / rel
        except (OSError, RuntimeError) as e:
            refused.append((rel, IngestError("unreadable", f"{rel}: cannot resolve path ({e})")))
            continue
        if link and not target.is_relative_to(root):
            refused.append(
                (
                    rel,
                    IngestError(
                        "symlink_outside_raw_dir", f"{rel}: symlink points outside the raw dir, not followed"
                    ),
                )
            )
            continue
        try:
            st = target.stat()
        except OSError as e:
            refused.append((rel, IngestError("unreadable", f"{rel}: {e.strerror or e}")))
            continue
        if stat.S_ISDIR(st.st_mode) and link:
            continue  # a link to a directory inside the raw dir: its files are listed under their own path
        if not stat.S_ISREG(st.st_mode):
            refused.append((rel, IngestError("not_a_file", f"{rel}: not a regular file")))
            continue
        if suffix_of(rel) not in SUPPORTED_SUFFIXES:
            refused.append(
                (
                    rel,
                    IngestError(
                        "unsupported_format",
                        f"{rel}: unsupported file type {suffix_of(rel)!r} (expected .txt, .html or .jsonl)",
                    ),
                )
            )
            continue
        if st.st_size > max_bytes:
            refused.append(
                (
                    rel,
                    IngestError(
                        "file_too_large",
                        f"{rel}: {st.st_size} bytes is over the limit "
                        f"of {max_bytes} bytes (NEWSFACTS_MAX_FILE_BYTES)",
                    ),
                )
            )
            continue
        files.append(RawFile(rel, target, st.st_size))
    return files, refused


def _walk(raw_dir: Path) -> Iterator[Path]:
    """Files under raw_dir, never descending through a symlinked directory; such a link is yielded
    itself, so that it is refused with a reason instead of silently skipped."""
    for dirpath, dirnames, filenames in os.walk(raw_dir, followlinks=False):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for d in dirnames:
            if os.path.islink(os.path.join(dirpath, d)):
                yield Path(dirpath) / d
        for name in filenames:
            yield Path(dirpath) / name


def safe_name(rel: str) -> str:
    """A printable rendering of a raw file name (controls and undecodable bytes escaped)."""
    return _UNSAFE_NAME.sub(lambda m: ascii(m.group())[1:-1], rel)


def read_bytes(f: RawFile, max_bytes: int = DEFAULT_MAX_FILE_BYTES) -> bytes:
    """At most max_bytes of a listed file; never more is read, whatever the file became since listing.

    Opened without following a symlink (a file swapped for a link after listing is refused) and
    without blocking (a FIFO swapped in is refused, not waited on); it must still be a regular file.
    """
    try:
        fd = os.open(f.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise IngestError("symlink_outside_raw_dir", f"{f.rel}: became a symlink, not followed") from e
        raise
    with os.fdopen(fd, "rb") as fh:
        st = os.fstat(fh.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise IngestError("not_a_file", f"{f.rel}: not a regular file")
        if st.st_size > max_bytes:
            raise IngestError(
                "file_too_large", f"{f.rel}: {st.st_size} bytes is over the limit of {max_bytes} bytes"
            )
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError("file_too_large", f"{f.rel}: grew over the limit of {max_bytes} bytes while read")
    return data


def code_fingerprint(*packages_dirs: Path, extra: Sequence[str] = ()) -> str:
    """Hash of the source and data files that decide extraction: a code change invalidates the cache."""
    h = hashlib.sha256()
    for d in packages_dirs:
        for p in sorted(d.rglob("*")):
            if p.is_file() and p.suffix in {".py", ".json", ".txt", ".tsv"}:
                h.update(p.relative_to(d).as_posix().encode())
                h.update(p.read_bytes())
    for e in extra:
        h.update(e.encode())
    return h.hexdigest()[:16]


def write_atomic(path: Path, text: str) -> None:
    """Write `text` to `path` through a temporary file renamed over it: a reader (or a run killed
    mid-write) sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class JsonCache:
    """key -> JSON record, one file per key under OUT/_cache/<kind>/<fingerprint>/ (written atomically;
    an unreadable entry is a miss)."""

    kind = "cache"

    def __init__(self, out_dir: Path, fingerprint: str):
        self.dir = out_dir / "_cache" / self.kind / fingerprint

    def _path(self, key: str) -> Path:
        return self.dir / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        return self._path(key).is_file()

    def get(self, key: str) -> dict[str, Any] | None:
        p = self._path(key)
        try:
            return json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def put(self, key: str, value: dict[str, Any]) -> None:
        write_atomic(self._path(key), json.dumps(value, default=str, ensure_ascii=False))


class ExtractionCache(JsonCache):
    """article_id -> extraction records (mentions, figures, agreements)."""

    kind = "extract"


class CleanCache(JsonCache):
    """clean key (source, content hash, corpus view) -> the cleaned article (`process.article_record`)."""

    kind = "clean"
