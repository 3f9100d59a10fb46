"""Prefect flows: orchestration and I/O only; all logic lives in the `newsfacts` core package."""
