"""Curated gazetteer and lexicons for the entity domain layer (loaded from package data).

Everything domain-specific lives in ``newsfacts/data/gazetteer.json`` (countries with variants and
demonyms, regions, international institutions, trade agreements, well-known companies, and the
word lists the span rules use): extend the data, not the code.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

_QUOTES = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'", "`": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u200b": "", "\ufeff": "",
    }
)  # fmt: skip
_LEGAL = re.compile(
    r"(?:,?\s+(?:co|company|corp|corporation|inc|incorporated|ltd|limited|plc|llc|sa|ag|gmbh|nv|bv)\.?)+$"
)
_NON_WORD = re.compile(r"[^0-9a-z\u00c0-\uffff]+")
_WS = re.compile(r"\s+")


def norm_surface(s: str) -> str:
    """NFKC, unified quotes/dashes, collapsed whitespace (case kept)."""
    s = unicodedata.normalize("NFKC", s or "").translate(_QUOTES)
    return _WS.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def norm_key(s: str) -> str:
    """Matching key of a name: case, spaces, hyphens, leading "the", possessive and legal suffix ignored.

    "Lee Jae-myung" == "Lee Jae Myung"; "Hyundai Motor Company" == "Hyundai Motor".
    """
    s = norm_surface(s).casefold()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s$", "", s)
    s = _LEGAL.sub("", s)
    return _NON_WORD.sub("", s)


@dataclass
class Entry:
    name: str
    type: str
    aliases: list[str]
    demonyms: list[str]
    match: bool = True
    is_country: bool = False


@dataclass
class Lexicon:
    entries: list[Entry]
    alias_index: dict[str, int]  # norm_key(alias or name) -> entry index
    demonyms: set[str]  # casefolded
    non_entities: set[str]  # casefolded
    surnames: set[str]
    titles: list[str]  # longest first
    event_heads: list[str]
    fac_heads: list[str]
    org_heads: set[str]
    law_heads: set[str]
    ambiguous: dict[str, dict[str, Any]]  # norm_key(alias) -> {"default": idx, "candidates": [idx]}
    name_particles: set[str] = field(default_factory=set)
    org_pattern_heads: list[str] = field(default_factory=list)
    law_pattern_heads: list[str] = field(default_factory=list)
    portfolio_words: set[str] = field(default_factory=set)
    honorifics: list[str] = field(default_factory=list)
    org_name_suffixes: set[str] = field(default_factory=set)
    nomatch_aliases: set[str] = field(default_factory=set)
    admin_suffix_re: re.Pattern[str] = field(repr=False, default=re.compile("(?!)"))
    country_alias_re: re.Pattern[str] = field(repr=False, default=re.compile("(?!)"))
    country_by_key: dict[str, str] = field(default_factory=dict)

    def lookup(self, surface: str, context: set[int] | None = None) -> int | None:
        """Entry index of a surface form; an ambiguous alias ("Korea") resolves to the candidate the
        article names explicitly (``context``: entry indices seen in it), else to its default."""
        k = norm_key(surface)
        idx = self.alias_index.get(k)
        if idx is not None:
            return idx
        amb = self.ambiguous.get(k)
        if amb is None:
            return None
        seen = [c for c in amb["candidates"] if context and c in context]
        return seen[0] if len(seen) == 1 else amb["default"]

    def match_phrases(self) -> list[tuple[str, int]]:
        """(alias surface, entry index) for direct text matching."""
        out: list[tuple[str, int]] = []
        for i, e in enumerate(self.entries):
            if not e.match:
                continue
            for a in [e.name, *e.aliases]:
                if a.lower().startswith("the "):
                    a = a[4:]
                if a not in self.nomatch_aliases:
                    out.append((a, i))
        for spec in self.ambiguous.values():
            out.append((spec["surface"], spec["default"]))
        return out

    def pair_key(self, name: str) -> str:
        """Key of a name; a leading "A-B" pair of countries is order/variant-insensitive:
        "Korea-China Business Forum" == "China-South Korea Business Forum" == "China-ROK Business Forum"."""
        s = norm_surface(name)
        m = self.country_alias_re.match(s)
        if not m:
            return norm_key(s)
        parts = [p for p in m.groups() if p]
        rest = s[m.end() :]
        canon = sorted(self.country_by_key.get(norm_key(p), norm_key(p)) for p in parts)
        return "+".join(canon) + "|" + norm_key(rest)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    raw = json.loads(resources.files("newsfacts.data").joinpath("gazetteer.json").read_text(encoding="utf-8"))
    return build_lexicon(raw)


def build_lexicon(raw: dict[str, Any]) -> Lexicon:
    entries: list[Entry] = []
    alias_index: dict[str, int] = {}
    demonyms: set[str] = set()
    for e in raw["entities"]:
        ent = Entry(
            name=e["name"],
            type=e["type"],
            aliases=list(e.get("aliases", [])),
            demonyms=list(e.get("demonyms", [])),
            match=bool(e.get("match", True)),
        )
        idx = len(entries)
        entries.append(ent)
        for a in [ent.name, *ent.aliases]:
            alias_index.setdefault(norm_key(a), idx)
        demonyms.update(d.casefold() for d in ent.demonyms)
    country_keys: dict[str, str] = {}
    country_aliases: list[str] = []
    for ent in entries:
        if ent.type == "GPE":
            ent.is_country = True
            for a in [ent.name, *ent.aliases]:
                country_keys[norm_key(a)] = norm_key(ent.name)
                country_aliases.append(re.escape(norm_surface(a)))
    ambiguous: dict[str, dict[str, Any]] = {}
    for surface, spec in raw.get("ambiguous", {}).items():
        default = alias_index.get(norm_key(spec["default"]))
        cands = [alias_index[norm_key(c)] for c in spec.get("candidates", []) if norm_key(c) in alias_index]
        if default is None:
            continue
        ambiguous[norm_key(surface)] = {"surface": surface, "default": default, "candidates": cands}
        country_keys.setdefault(norm_key(surface), norm_key(entries[default].name))
        country_aliases.append(re.escape(surface))
    # demonyms that are also names of entries (none expected) must not hide the entry
    demonyms -= set(alias_index)
    country_aliases.sort(key=len, reverse=True)
    alt = "|".join(country_aliases)
    pair_re = re.compile(rf"(?:the\s+)?({alt})\s*[-/]\s*({alt})(?:\s*[-/]\s*({alt}))?(?=\s|$)")
    return Lexicon(
        entries=entries,
        alias_index=alias_index,
        demonyms=demonyms,
        non_entities={w.casefold() for w in raw.get("non_entities", [])},
        surnames=set(raw.get("surnames", [])),
        titles=sorted(set(raw.get("titles", [])), key=len, reverse=True),
        event_heads=sorted(set(raw.get("event_heads", [])), key=len, reverse=True),
        fac_heads=sorted(set(raw.get("fac_heads", [])), key=len, reverse=True),
        org_heads=set(raw.get("org_heads", [])),
        law_heads=set(raw.get("law_heads", [])),
        ambiguous=ambiguous,
        name_particles=set(raw.get("name_particles", [])),
        org_pattern_heads=sorted(set(raw.get("org_pattern_heads", [])), key=len, reverse=True),
        law_pattern_heads=sorted(set(raw.get("law_pattern_heads", [])), key=len, reverse=True),
        portfolio_words=set(raw.get("portfolio_words", [])),
        honorifics=sorted(set(raw.get("honorifics", [])), key=len, reverse=True),
        org_name_suffixes=set(raw.get("org_name_suffixes", [])),
        nomatch_aliases=set(raw.get("nomatch_aliases", [])),
        admin_suffix_re=re.compile(
            r"(?<=\S)\s+(?:"
            + "|".join(re.escape(x) for x in sorted(raw.get("admin_suffixes", []), key=len, reverse=True))
            + r")$"
            if raw.get("admin_suffixes")
            else "(?!)"
        ),
        country_alias_re=pair_re,
        country_by_key=country_keys,
    )
