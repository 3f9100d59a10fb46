from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
# as `newsfacts run` sets them: a loaded machine must not fail the tests' Prefect API start
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "300")
os.environ.setdefault("PREFECT_API_REQUEST_TIMEOUT", "120")
# flow runs in tests keep their work in the test process (the models load once per session and
# monkeypatched stages apply); the worker-pool paths are tested with an explicit n_process
os.environ.setdefault("NEWSFACTS_N_PROCESS", "1")

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO / "data" / "raw"


@pytest.fixture(scope="session")
def prefect_harness():
    """One temporary Prefect API for the whole test session (starting one is slow)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=300):
        yield


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    return raw
