"""Scheduled runs: serve `publish_dataset` as a cron deployment on a real Prefect server.

A cron schedule needs a Prefect API (an ephemeral one cannot schedule). `newsfacts serve` uses
PREFECT_API_URL when it is set, otherwise it starts `prefect server start` on loopback (SQLite under
PREFECT_HOME) and stops it on exit. At most one run of the deployment at a time (concurrency 1,
later runs wait in the queue); the out-dir lock guards against runs started any other way.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

DEFAULT_CRON = "0 * * * *"
DEPLOYMENT_NAME = "hourly"


def build_deployment(
    cron: str = DEFAULT_CRON, raw_dir: str = "data/raw", out_dir: str = "data/processed"
) -> Any:
    from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy

    from flows.publish_dataset import publish_dataset

    return publish_dataset.to_deployment(
        name=DEPLOYMENT_NAME,
        cron=cron,
        parameters={"raw_dir": raw_dir, "out_dir": out_dir},
        concurrency_limit=ConcurrencyLimitConfig(
            limit=1, collision_strategy=ConcurrencyLimitStrategy.ENQUEUE
        ),
        description="Publish a new newsfacts dataset version from the raw dir.",
        tags=["newsfacts"],
    )


def free_port() -> int:
    """A free TCP port on loopback, for a server of one's own (tests, benchmarks)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def api_get(url: str) -> dict[str, Any]:
    """One JSON object from a loopback Prefect API (e.g. a flow run by id)."""
    with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 - loopback only
        return dict(json.loads(r.read()))


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as r:  # noqa: S310 - loopback only
            return bool(r.status == 200)
    except OSError:
        return False


@contextmanager
def prefect_api(port: int = 4200, timeout_s: float = 90.0) -> Iterator[str]:
    """The Prefect API to use: PREFECT_API_URL if set, else a local server started for this process."""
    existing = os.environ.get("PREFECT_API_URL")
    if existing:
        yield existing
        return
    url = f"http://127.0.0.1:{port}/api"
    proc = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1", "--port", str(port)],
        env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_UI_ENABLED": "true"},
    )
    try:
        deadline = time.monotonic() + timeout_s
        while not _healthy(url):
            if proc.poll() is not None:
                raise RuntimeError(f"prefect server exited with code {proc.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"prefect server did not answer on {url} within {timeout_s:.0f} s")
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            proc.kill()


@contextmanager
def exported_prefect_api(port: int, home: str) -> Iterator[str]:
    """`prefect_api`, exported to child processes: PREFECT_API_URL, and PREFECT_HOME when unset
    (benchmarks run `newsfacts run` subprocesses against one server, as scheduled runs do)."""
    os.environ.setdefault("PREFECT_HOME", home)
    with prefect_api(port) as url:
        os.environ["PREFECT_API_URL"] = url
        yield url


def serve(
    cron: str = DEFAULT_CRON,
    raw_dir: str = "data/raw",
    out_dir: str = "data/processed",
    port: int = 4200,
    warm: bool = True,
    poll_seconds: float = 2.0,
    workers: int = 0,
) -> None:
    """Serve the deployment: its scheduled runs run warm in this process (`flows.warm`), or with
    warm=False each in a fresh process started by Prefect's runner."""
    from prefect import serve as prefect_serve
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.publish_dataset import publish_dataset
    from flows.warm import serve_in_process

    with prefect_api(port) as url, temporary_settings(updates={PREFECT_API_URL: url}):
        print(
            f"newsfacts: serving deployment 'publish_dataset/{DEPLOYMENT_NAME}' on cron {cron!r}, "
            f"{'warm: runs in this process' if warm else 'a process per run'}; "
            f"API {url} (UI: {url.removesuffix('/api')})",
            flush=True,
        )
        deployment = build_deployment(cron, raw_dir, out_dir)
        if warm:
            serve_in_process(deployment, publish_dataset, poll_seconds=poll_seconds, workers=workers)
        else:
            prefect_serve(deployment)
