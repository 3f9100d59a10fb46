"""Pandera schemas: the single source of truth for every published column."""

from schemas.tables import TABLES, TableSpec

__all__ = ["TABLES", "TableSpec"]
