"""The package's data files (vocabularies, gazetteer, stop words): one way to find and read them.

`data_path("gazetteer.json")` works from a source checkout and from an installed wheel alike
(importlib.resources); `load_json` and `read_text` read a file as UTF-8.
"""

from __future__ import annotations

import json
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any


def data_path(name: str) -> Traversable:
    """The data file `name` (e.g. "agreement_triggers.json") of this folder."""
    return resources.files(__name__).joinpath(name)


def read_text(name: str) -> str:
    return data_path(name).read_text(encoding="utf-8")


def load_json(name: str) -> Any:
    return json.loads(read_text(name))
