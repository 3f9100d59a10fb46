"""Text normalisation shared by dedupe, corpus frequency and matching.

Digits are kept: two paragraphs that differ only in a figure are different content.
"""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
_WS = re.compile(r"\s+")


def normalise(s: str) -> str:
    """NFKC, casefold, unified quotes and dashes, collapsed whitespace."""
    s = unicodedata.normalize("NFKC", s or "").translate(_QUOTES)
    return _WS.sub(" ", s).strip().casefold()


def word_count(s: str) -> int:
    return len(s.split())
