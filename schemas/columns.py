"""Small builders so every table schema declares columns the same way."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandera.polars as pa
import polars as pl

ID_PATTERN = r"^[0-9a-f]{16}$"


def col(
    dtype: Any,
    description: str,
    *,
    nullable: bool = False,
    unique: bool = False,
    checks: Sequence[pa.Check] | pa.Check | None = None,
) -> pa.Column:
    if isinstance(checks, pa.Check):
        checks = [checks]
    return pa.Column(
        dtype, nullable=nullable, unique=unique, checks=list(checks or []), description=description
    )


def id_col(description: str, *, unique: bool = False, nullable: bool = False) -> pa.Column:
    return col(
        pl.Utf8, description, unique=unique, nullable=nullable, checks=pa.Check.str_matches(ID_PATTERN)
    )


def enum_col(values: Sequence[str], description: str) -> pa.Column:
    return col(pl.Utf8, f"{description} One of: {', '.join(values)}.", checks=pa.Check.isin(list(values)))


def count_col(description: str, minimum: int = 0) -> pa.Column:
    return col(pl.Int64, description, checks=pa.Check.ge(minimum))


def text_col(description: str, *, nullable: bool = False, min_length: int = 1) -> pa.Column:
    return col(pl.Utf8, description, nullable=nullable, checks=pa.Check.str_length(min_value=min_length))


UTC_TIMESTAMP = pl.Datetime("us", "UTC")
STR_LIST = pl.List(pl.Utf8)
