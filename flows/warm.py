"""Warm scheduled runs: `newsfacts serve` runs the deployment's scheduled flow runs in its own process.

Prefect's runner (`prefect.serve`) starts a fresh interpreter for every flow run, which pays
Prefect's, polars' and the flow's imports, spaCy's model load and Great Expectations' imports
before any work: seconds of CPU for a run that finds nothing new. Here one long-lived process
registers the deployment, polls the API for its due scheduled runs and runs each one with Prefect's
own flow engine (`prefect.flow_engine.run_flow`), in this process, one at a time. Between runs the
extraction workers keep their models loaded and the quality process keeps Great Expectations
imported (`flows.parallel.keep_warm`), so a run costs what changed.

A run is claimed the way Prefect's runner claims one: by proposing Pending, which the server refuses
when another runner took it or the deployment's concurrency limit is reached.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

from flows import parallel

logger = logging.getLogger("newsfacts.serve")


def due_runs(client: Any, deployment_id: Any) -> list[Any]:
    """The deployment's scheduled runs whose time has come, oldest first."""
    runs = client.get_scheduled_flow_runs_for_deployments(
        deployment_ids=[deployment_id], scheduled_before=dt.datetime.now(dt.UTC)
    )
    return sorted(runs, key=lambda r: (r.expected_start_time or r.created, str(r.id)))


def claim(client: Any, flow_run: Any) -> bool:
    """Move the run to Pending; False when the server says another runner has it (or must wait)."""
    from prefect.exceptions import Abort
    from prefect.states import Pending
    from prefect.utilities.engine import propose_state_sync

    try:
        state = propose_state_sync(client, Pending(), flow_run_id=flow_run.id)
    except Abort as e:
        logger.info("flow run %s not claimed: %s", flow_run.id, e)
        return False
    except Exception as e:  # noqa: BLE001 - e.g. the API restarting: the run stays due for the next poll
        print(f"newsfacts: could not claim flow run {flow_run.id} ({e}); trying again", flush=True)
        return False
    return bool(state.is_pending())


def run_claimed(client: Any, flow: Any, flow_run: Any) -> Any:
    """Run a claimed flow run here, with Prefect's flow engine; its final state."""
    from prefect.flow_engine import run_flow

    return run_flow(
        flow,
        flow_run=client.read_flow_run(flow_run.id),
        parameters=dict(flow_run.parameters or {}),
        return_type="state",
    )


def serve_in_process(
    deployment: Any,
    flow: Any,
    poll_seconds: float = 2.0,
    stop: threading.Event | None = None,
    workers: int = 0,
) -> None:
    """Register `deployment` and run its due scheduled runs in this process until `stop` is set (or
    the process is interrupted). `workers` extraction processes (0: one per core, at most 4) load
    their models at once and stay loaded between runs."""
    from prefect.client.orchestration import get_client

    deployment_id = deployment.apply()
    parallel.keep_warm()
    parallel.prewarm(parallel.processes(workers, 1_000_000))
    stop = stop or threading.Event()
    try:
        with get_client(sync_client=True) as client:
            while not stop.is_set():
                try:
                    due = due_runs(client, deployment_id)
                except Exception as e:  # noqa: BLE001 - the API may be restarting: ask again next poll
                    print(f"newsfacts: could not read the scheduled runs ({e}); trying again", flush=True)
                    due = []
                for flow_run in due:
                    if stop.is_set() or not claim(client, flow_run):
                        continue
                    state = run_claimed(client, flow, flow_run)
                    print(
                        f"newsfacts: flow run {flow_run.name} ({flow_run.id}): {state.type.value}", flush=True
                    )
                stop.wait(poll_seconds)
    finally:
        parallel.release_warm()
