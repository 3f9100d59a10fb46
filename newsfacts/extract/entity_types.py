"""Entity types checked against the article's text: an ordered table of small named rules.

Each rule takes (name, current type, context) and returns (new type or None, reason). The first
rule that returns a type decides; none keeps the type the gazetteer, the head word or the model
gave. The gazetteer's own types are never revised (the caller does not ask for them).

- a company is an ORG whatever the model said: a legal suffix ("Calny Inc"), or a company cue
  before or after the name ("a Chinese company, AgiBot", "the French petrochemical concern Petro
  Chemie", "subsidiary Jeumont-Schneider", "a new joint venture called Champlin Refining",
  "shares of Avia");
- products, weapons systems and programmes are not laws ("the THAAD missile-defence system");
- places are not persons ("Ina refineries in Sisak and Rijeka", "a Corpus Christi, Texas
  refinery", "the port of Balao");
- a person described as one is a PERSON ("Wilson Gomes de Moura, president of the national
  confederation").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

Check = tuple[str | None, str]

_COMPANY_NOUNS = (
    "company", "firm", "concern", "group", "subsidiary", "unit", "affiliate", "maker", "manufacturer",
    "producer", "startup", "start-up", "carrier", "airline", "bank", "retailer", "insurer",
    "conglomerate", "chipmaker", "carmaker", "automaker", "developer", "operator", "supplier",
    "distributor", "publisher", "brokerage", "lender", "franchisee", "parent", "rival", "competitor",
    "steelmaker", "refiner", "shipper", "agency", "regulator",
    "publication", "newspaper", "magazine", "journal", "daily", "weekly", "broadcaster", "network",
    "venture called", "venture named", "company called", "company named",
)  # fmt: skip
_COMPANY_AFTER = (
    r"(?:'s|\u2019s)?\s+(?:shares|stock|stockholders|shareholders|board of directors|chief executive)\b",
    r",\s+(?:based in\b|(?:a|an|the|[A-Z][\w-]*(?:'s|\u2019s)|the country(?:'s|\u2019s))\s+(?:[\w.-]+\s+){0,4}?(?:"
    + "|".join(n for n in _COMPANY_NOUNS if " " not in n and n not in ("parent", "rival", "competitor"))
    + r"))\b",
)
_LEGAL_SUFFIX = re.compile(
    r"(?:\s|,\s?)(?:Inc\.?|Corp\.?|Corporation|Company|Co\.?|Ltd\.?|Limited|LLC|PLC|plc|AG|S\.?A\.?|N\.?V\.?|GmbH"
    r"|S\.p\.A\.|SpA|Sarl|SARL|Srl|BV|Bhd|Berhad|Pte|Pty|KK|SE|AB|ASA|Oyj)$"
)
_NOUNS_BEFORE = r"\b(?:" + "|".join(re.escape(n) for n in _COMPANY_NOUNS) + r"),?\s+(?:the\s+)?"
_SYSTEM_NOUNS = (
    r"(?:system|missile|missiles|battery|batteries|interceptor|rocket|drone|jet|fighter|aircraft|satellite)"
)
_PROGRAMME_NOUNS = r"(?:programme|program|project|scheme|initiative|plan|fund|index)"
_PERSON_ROLES = (
    r"president|chairman|chairwoman|chief executive|director|spokesman|spokeswoman|minister|secretary"
    r"|governor|analyst|economist|founder|head|leader|ambassador|senator|mayor"
)
_COMMA_PLACE = re.compile(r",\s+([A-Z][\w.]*)(\s+[A-Z][\w.]*)?(?!'|\u2019|[\w.])")
_PLACE_OF = r"\b(?:port|city|town|province|provinces|state|states|region|regions|county|district) of"
_PLACE_BEFORE = r"(?:\bin|\bnear|\bport of|\bcity of|\btown of|\bprovince of|\bstate of|\bregion of)"


@dataclass
class TypeContext:
    text: str  # the article body
    places: frozenset[str]  # gazetteer place names and aliases (GPE/LOC), as written


@lru_cache(maxsize=256)
def _rx(pattern: str, flags: int = 0) -> re.Pattern[str]:
    return re.compile(pattern, flags)


def _near(name: str, ctx: TypeContext, before: str = "", after: str = "") -> bool:
    """Does some occurrence of ``name`` have ``before`` ending just before it and ``after`` just after?
    (the patterns do not depend on the name, so each is compiled once)"""
    b = _rx("(?:" + before + r")\Z") if before else None
    a = _rx(after) if after else None
    i = ctx.text.find(name)
    while i >= 0:
        j = i + len(name)
        if (b is None or b.search(ctx.text[max(0, i - 80) : i])) and (a is None or a.match(ctx.text, j)):
            return True
        i = ctx.text.find(name, i + 1)
    return False


def rule_legal_suffix(name: str, t: str, ctx: TypeContext) -> Check:
    """A legal suffix makes a company: "Calny Inc", "Hoechst AG", "Schneider S.A."."""
    if t != "ORG" and _LEGAL_SUFFIX.search(name):
        return "ORG", "legal suffix"
    return None, "no legal suffix"


def rule_company_cue(name: str, t: str, ctx: TypeContext) -> Check:
    """A company cue next to the name: "a Chinese company, AgiBot", "concern Petro Chemie", "shares of X",
    "X's shares", "X, a U.S. chipmaker"."""
    if t == "ORG":
        return None, "already an organisation"
    if _near(name, ctx, before=_NOUNS_BEFORE) or _near(name, ctx, before=r"\bshares of\s+"):
        return "ORG", "company cue before the name"
    if any(_near(name, ctx, before=r"(?<![\w-])", after=a) for a in _COMPANY_AFTER):
        return "ORG", "company cue after the name"
    return None, "no company cue"


def rule_not_a_law(name: str, t: str, ctx: TypeContext) -> Check:
    """A weapons system or a product named as one is not a law ("the THAAD missile-defence system");
    a programme is OTHER ("the Conservation Reserve Program" keeps its type: its head says program)."""
    if t != "LAW":
        return None, "not typed as a law"
    if _near(name, ctx, after=rf"\s+(?:[\w-]+\s+){{0,2}}?{_SYSTEM_NOUNS}\b"):
        return "PRODUCT", "a system, not a law"
    if _near(name, ctx, after=rf"\s+{_PROGRAMME_NOUNS}\b"):
        return "OTHER", "a programme, not a law"
    return None, "no product cue"


def rule_place_not_person(name: str, t: str, ctx: TypeContext) -> Check:
    """A place named after "in", "near", "port of" or before ", <known place>" is not a person or a company
    ("Ina refineries in Sisak and Rijeka", "a Corpus Christi, Texas refinery", "the port of Balao",
    "the northern states of Nuevo Leon and Coahuila", "the Wolfsburg-based group", "factories in Bac Ninh
    and Thai Nguyen provinces", "a factory in Heide, Schleswig-Holstein")."""
    if t not in ("PERSON", "ORG", "PRODUCT") or len(name.split()) > 3:
        return None, "not a person, company or product typed name"
    i = ctx.text.find(name)
    while i >= 0:
        m = _COMMA_PLACE.match(ctx.text, i + len(name))
        if m and (i == 0 or not (ctx.text[i - 1].isalnum() or ctx.text[i - 1] == "-")):
            one, two = m.group(1), m.group(1) + (m.group(2) or "")
            if two in ctx.places or one in ctx.places and not m.group(2):
                return "GPE", "followed by a known place"
        i = ctx.text.find(name, i + 1)
    if t == "PERSON" and _near(
        name,
        ctx,
        before=rf"{_PLACE_BEFORE}\s+(?:[A-Z][\w-]+(?:,|\s+(?:and|or))\s+)?",
        after=r"(?![\w-])(?!\s+said)",
    ):
        return "GPE", "after a place preposition"
    if _near(name, ctx, before=_PLACE_OF + r"\s+(?:(?:[A-Z][\w-]+\s+){1,3}(?:and|or)\s+)?", after=r"\b"):
        return "GPE", "named as a place"
    if _near(name, ctx, before=r"(?<![\w-])", after=r"(?:-based\b|\s+(?:provinces?|prefecture|county)\b)"):
        return "GPE", "a place word after the name"
    return None, "no place cue"


def rule_person_role(name: str, t: str, ctx: TypeContext) -> Check:
    """A name described by a person's role: "Wilson Gomes de Moura, president of ..."."""
    if t != "ORG" or not 2 <= len(name.split()) <= 5 or _LEGAL_SUFFIX.search(name):
        return None, "not a multi-word organisation"
    if _near(
        name, ctx, before=r"(?<![\w-])", after=rf",\s+(?:the\s+)?(?:former\s+)?(?:{_PERSON_ROLES})\s+of\b"
    ):
        return "PERSON", "described by a person's role"
    return None, "no role cue"


TypeRule = Callable[[str, str, TypeContext], Check]
TYPE_RULES: tuple[tuple[str, TypeRule], ...] = (
    ("legal_suffix", rule_legal_suffix),
    ("not_a_law", rule_not_a_law),
    ("place_not_person", rule_place_not_person),
    ("person_role", rule_person_role),
    ("company_cue", rule_company_cue),
)


def check_type(name: str, t: str, ctx: TypeContext) -> tuple[str, str | None]:
    """(type, the rule that set it or None when the given type stands)."""
    for rule_name, rule in TYPE_RULES:
        new, _why = rule(name, t, ctx)
        if new is not None and new != t:
            return new, rule_name
    return t, None
