"""Within-article linking: a short name joins the one full name of the same article it abbreviates.

An ordered table of small named rules; each takes (short name, full name, article context) and
returns (linked?, reason). For each short name the first rule that links it to any full name
decides: it links when exactly one full name qualifies, and is left alone when several do
("Bond Corp" with both "Bond Corp International Ltd" and "Bond Corp Holdings Ltd" in the article).
The rule's name is the link evidence each linked mention carries (``link``).

Names the gazetteer knows ("Texas", "Japan") are never short forms of another name ("Texas Air
Corp"); people's surnames and titles are resolved before this step (``entities._short_forms``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from newsfacts.extract.entity_lexicon import Lexicon, norm_key

Verdict = tuple[bool, str]
_CONNECT = {"of", "and", "for", "on", "the", "&", "de", "du", "des", "do", "da", "der", "la", "le", "y", "in"}
_LEGAL = {"inc", "corp", "co", "ltd", "plc", "llc", "sa", "ag", "nv", "bv", "gmbh", "spa", "limited"}
_PLACE_TYPES = ("GPE", "LOC")
_ACRONYM = re.compile(r"[A-Z][A-Za-z&.]{1,9}")
_NOW = ("now", "now called", "now known as")
_NAME_RX = r"([A-Z][\w&.'-]*(?:[ \t]+[A-Z][\w&.'-]*){0,5})"
_RENAMED = re.compile(
    _NAME_RX
    + r",?[ \t]+\(?((?:formerly|previously)(?:[ \t]+(?:called|known[ \t]+as))?|now(?:[ \t]+(?:called|known[ \t]+as))?)[ \t]+"
    + _NAME_RX
)


@dataclass
class Name:
    """A distinct name of an article: its words (matching keys) and type."""

    name: str
    type: str
    known: bool = False  # a gazetteer entry
    count: int = 1  # mentions in the article
    words: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words = [norm_key(w) for w in re.split(r"[\s]+", self.name) if norm_key(w)]


@dataclass
class Context:
    text: str  # the article's body, paragraphs joined by newlines
    generic: set[str]  # matching keys of generic head words ("bank", "group", "committee")
    glosses: list[tuple[str, str]] | None = None  # computed once per article (``_glosses``)
    renamed: list[tuple[str, str]] | None = None  # (old, new) matching keys (``_renamings``)


def _core(words: Sequence[str]) -> list[str]:
    """Words without trailing legal suffixes ("Harper and Row Publishers Inc" -> ... "publishers")."""
    out = list(words)
    while len(out) > 1 and out[-1] in _LEGAL:
        out.pop()
    return out


def _same(a: str, b: str) -> bool:
    """Equal words, or equal but for a plural "s" ("Aggregates" / "Aggregate")."""
    return a == b or (len(a) > 3 and len(b) > 3 and (a == b + "s" or b == a + "s"))


def _initials(name: str) -> tuple[str, str]:
    """(initials of every word, initials of content words); "U.S." gives two letters, hyphens split."""
    parts = [p for p in re.split(r"[\s\-\u2010\u2013.]+", name) if p and p[0].isalnum()]
    full = "".join(p[0] for p in parts).lower()
    content = "".join(p[0] for p in parts if p.lower() not in _CONNECT).lower()
    return full, content


# ------------------------------------------------------------------------------------- rules


_GLOSS = re.compile(r"([A-Z][A-Za-z&.]{1,9})\s*\(\s*(?:the\s+)?([^()]{2,80}?)\s*\)")


def _glosses(ctx: Context) -> list[tuple[str, str]]:
    """(word before, text inside) of each parenthesis of the article: "Department of Trade and Industry
    (DTI)" gives ("Industry", "DTI"), "EC (European Community)" gives ("EC", "European Community")."""
    if ctx.glosses is None:
        ctx.glosses = [(m.group(1), m.group(2)) for m in _GLOSS.finditer(ctx.text)]
    return ctx.glosses


def _defined(short: str, full: str, ctx: Context) -> bool:
    for acr in (short, short + "s"):
        if (
            f"{full} ({acr})" in ctx.text
            or f"{acr} ({full})" in ctx.text
            or f"{acr} (the {full})" in ctx.text
        ):
            return True
    return False


def rule_defined_acronym(s: Name, f: Name, ctx: Context) -> Verdict:
    """The article defines it: "Department of Trade and Industry (DTI)", "EC (European Community)"."""
    if not _ACRONYM.fullmatch(s.name):
        return False, "not an acronym"
    if _defined(s.name, f.name, ctx):
        return True, f"defined in the text as {f.name}"
    return False, "not defined"


def rule_initials(s: Name, f: Name, ctx: Context) -> Verdict:
    """An acronym formed from the full name's initials: "GATT" for "General Agreement on Tariffs and
    Trade", "PDVSA" for "Petroleos de Venezuela, S.A.", "MCA" for "Monetary Compensatory Amounts"."""
    letters = s.name.replace(".", "").replace("&", "")
    if not (2 <= len(letters) <= 8 and letters.isalpha() and sum(c.isupper() for c in letters) >= 2):
        return False, "not an acronym"
    if f.type == "PERSON" or len(f.words) < 2:
        return False, "not a multi-word organisation or place"
    if f"{s.name}'s {f.name}" in ctx.text or f"{s.name}\u2019s {f.name}" in ctx.text:
        return False, f"{f.name} belongs to {s.name}"  # "the EC's Executive Commission"
    for acr, inside in _glosses(ctx):
        if acr in (s.name, s.name + "s") and norm_key(inside) != norm_key(f.name):
            return False, f"the text defines it as {inside}"  # "EC (European Community)"
    want = letters.lower()
    want_sg = want[:-1] if want.endswith("s") and letters[-1] == "s" else want
    full, content = _initials(f.name)
    core_full, core_content = _initials(" ".join(f.name.split()[: len(_core(f.words))]))
    if {want, want_sg} & {full, content, core_full, core_content}:
        return True, f"initials of {f.name}"
    return False, "initials differ"


def rule_qualifier(s: Name, f: Name, ctx: Context) -> Verdict:
    """The name without a leading qualifier: "Department of Justice" / "US Department of Justice",
    "Ways and Means Committee" / "House Ways and Means Committee"."""
    sw, fw = _core(s.words), _core(f.words)
    if len(sw) < 2 or len(fw) <= len(sw) or fw[-len(sw) :] != sw:
        return False, "not a tail of the full name"
    if any(ch.isdigit() for w in fw[: len(fw) - len(sw)] for ch in w):
        return False, "a dated edition is another entity"  # "2034 FIFA World Cup" is not "FIFA World Cup"
    return True, f"{f.name} qualified"


def rule_prefix(s: Name, f: Name, ctx: Context) -> Verdict:
    """The full name's leading words: "Harper and Row" / "Harper and Row Publishers Inc", "Contrack" /
    "Contrack International", "Shanghai Automotive" / "Shanghai Automotive Industry Corp",
    "Aggregates" / "Aggregate Industries"."""
    sw, fw = _core(s.words), f.words
    if len(fw) <= len(sw) or not all(_same(a, b) for a, b in zip(sw, fw)):
        return False, "not a prefix"
    if len(sw) == 1 and sw[0] in ctx.generic:
        return False, "a generic word"
    return True, f"leading words of {f.name}"


def rule_hyphen_part(s: Name, f: Name, ctx: Context) -> Verdict:
    """The first part of a hyphenated name: "Ina" / "Ina-Naftaplin"."""
    first = re.split(r"[-\u2010\u2013]", f.name.split()[0])
    if len(first) < 2 or len(s.words) != 1 or norm_key(first[0]) != s.words[0]:
        return False, "not a hyphen part"
    return True, f"first part of {f.name}"


def rule_subsequence(s: Name, f: Name, ctx: Context) -> Verdict:
    """The full name with middle words left out: "Bond International" / "Bond Corp International Ltd"."""
    sw, fw = _core(s.words), _core(f.words)
    if len(sw) < 2 or len(fw) <= len(sw) or sw[0] != fw[0]:
        return False, "not a subsequence"
    it = iter(fw)
    if all(any(w == x for x in it) for w in sw):
        return True, f"words of {f.name} in order"
    return False, "not a subsequence"


def rule_last_word(s: Name, f: Name, ctx: Context) -> Verdict:
    """The distinctive last word of a company's name: "Paribas" / "Banque Paribas", "Rover" / "MG Rover",
    "Boerse" / "Deutsche Boerse", "United" / "Manchester United" (only when no other "... United" is in
    the article, which the one-candidate test enforces)."""
    fw = _core(f.words)
    if len(s.words) != 1 or len(fw) < 2 or fw[-1] != s.words[0]:
        return False, "not the last word"
    if s.words[0] in ctx.generic:
        return False, "a generic head word"
    return True, f"last word of {f.name}"


def _renamings(ctx: Context) -> list[tuple[str, str]]:
    """(old name, new name) pairs the article states, read once per article."""
    if ctx.renamed is None:
        ctx.renamed = []
        for m in _RENAMED.finditer(ctx.text):
            old, new = (m.group(1), m.group(3)) if m.group(2).endswith(_NOW) else (m.group(3), m.group(1))
            ctx.renamed.append((norm_key(old), norm_key(new)))
    return ctx.renamed


def rule_renamed(s: Name, f: Name, ctx: Context) -> Verdict:
    """A company the article says was renamed: "WorldCom, now MCI", "MCI (formerly WorldCom)"."""
    ks, kf = norm_key(s.name), norm_key(f.name)
    for old, new in _renamings(ctx):
        if old.endswith(ks) and new.startswith(kf):
            return True, f"renamed {f.name}"
    return False, "no renaming in the text"


def _one_edit(a: str, b: str) -> bool:
    """One letter inserted, deleted or replaced."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def rule_misspelt(s: Name, f: Name, ctx: Context) -> Verdict:
    """A misspelling of a longer name, one letter off in one word: "Saudia Arabia" / "Saudi Arabia",
    "Capitive Venture Capital" / "Captive Venture Capital Inc"; one word only against a gazetteer name
    ("Venezula" / "Venezuela") or a name the article uses three times as often ("Concac" / "Conrac")."""
    sw, fw = _core(s.words), _core(f.words)
    if len(sw) != len(fw) or len(sw) < 2 and not (f.known or f.count >= 3 * s.count):
        return False, "not the same words (one word: only a known or a much more frequent name)"
    if not f.known and (f.count, len(f.name)) <= (s.count, len(s.name)):
        return False, "the other spelling is the more frequent one"
    diff = [(a, b) for a, b in zip(sw, fw) if a != b]
    if len(diff) != 1 or min(len(diff[0][0]), len(diff[0][1])) < 5 or not _one_edit(*diff[0]):
        return False, "not one letter off in one word"
    return True, f"misspelling of {f.name}"


def _abbreviates(short: str, word: str) -> bool:
    """ "man" for "manchester" (a prefix), "utd" for "united", "dept" for "department" (its letters in
    order, same first letter)."""
    if not short or short[0] != word[0] or len(short) > len(word) - 2:
        return short == word  # a word one letter shorter is a misspelling, not an abbreviation
    it = iter(word)
    return all(ch in it for ch in short)


def rule_abbreviated(s: Name, f: Name, ctx: Context) -> Verdict:
    """The full name with its words abbreviated: "Man Utd" / "Manchester United", "Dept of Justice" /
    "Department of Justice"."""
    sw, fw = _core(s.words), _core(f.words)
    if len(sw) != len(fw) or len(sw) < 2 or sw == fw:
        return False, "not the same number of words"
    if all(_abbreviates(a, b) for a, b in zip(sw, fw)):
        return True, f"abbreviates {f.name}"
    return False, "not an abbreviation"


def rule_first_name_variant(s: Name, f: Name, ctx: Context) -> Verdict:
    """A person's short first name: "Tom Hockin" / "Thomas Hockin", "Chris Smith" / "Christopher Smith"."""
    if s.type != "PERSON" or f.type != "PERSON" or len(s.words) != len(f.words) or len(s.words) < 2:
        return False, "not two names of people"
    a, b = s.words[0], f.words[0]
    if s.words[1:] != f.words[1:] or a == b or len(a) < 2 or not b.startswith(a):
        return False, "not a shorter first name with the same surname"
    return True, f"short first name of {f.name}"


def rule_generic_head(s: Name, f: Name, ctx: Context) -> Verdict:
    """ "the Commission" for the article's one "... Commission" ("Canal Commission Administrator Dennis
    McAuliffe ... the Commission's earlier announcement"); with two such names it stays unlinked."""
    fw = _core(f.words)
    if len(s.words) != 1 or len(fw) < 2 or fw[-1] != s.words[0] or s.words[0] not in ctx.generic:
        return False, "not the generic head of the full name"
    if f"the {s.name}" not in ctx.text and f"The {s.name}" not in ctx.text:
        return False, "not used with 'the'"
    return True, f"the {s.name} of {f.name}"


LinkRule = Callable[[Name, Name, Context], Verdict]
# ordered: the first rule that links a short name to any full name decides
LINK_RULES: tuple[tuple[str, LinkRule], ...] = (
    ("defined_acronym", rule_defined_acronym),
    ("renamed", rule_renamed),
    ("initials", rule_initials),
    ("qualifier", rule_qualifier),
    ("prefix", rule_prefix),
    ("hyphen_part", rule_hyphen_part),
    ("subsequence", rule_subsequence),
    ("last_word", rule_last_word),
    ("generic_head", rule_generic_head),
    ("misspelt", rule_misspelt),
    ("abbreviated", rule_abbreviated),
    ("first_name_variant", rule_first_name_variant),
)
_PERSON_RULES = {"misspelt", "first_name_variant"}  # the only rules that join two people's names


def _may_link(s: Name, f: Name) -> bool:
    if s is f or s.name == f.name or s.known:
        return False  # the gazetteer's names are their own entities
    if s.type == "PERSON" and f.type not in ("ORG", "PRODUCT", "PERSON"):
        return False  # people: surnames and titles are resolved elsewhere
    if f.type in _PLACE_TYPES and s.type not in _PLACE_TYPES:
        return False
    if s.type in _PLACE_TYPES and f.type not in _PLACE_TYPES:
        return False  # "Delaware" is not "Delaware Chancery Court"
    return True


def _final(name: str, links: dict[str, tuple[str, str, str]]) -> str:
    seen = {name}
    while name in links and links[name][0] not in seen:
        name = links[name][0]
        seen.add(name)
    return name


def link_names(names: Sequence[Name], ctx: Context) -> dict[str, tuple[str, str, str]]:
    """short name -> (full name, rule name, reason) for the article's names, chains followed. Longer
    short forms are linked first, so a shorter one that fits a name and its own short form ("Shearson"
    with "Shearson Lehman Brothers Inc" and "Shearson Lehman") finds one entity, not two."""
    links: dict[str, tuple[str, str, str]] = {}
    renamed = bool(_renamings(ctx))
    for s in sorted(names, key=lambda n: -len(n.name)):
        # every rule but acronyms and renamings needs a shared word or the same first letter
        everyone = renamed or bool(_ACRONYM.fullmatch(s.name) and sum(c.isupper() for c in s.name) >= 2)
        first, words = s.name[:1].casefold(), set(s.words)
        pool = [
            f
            for f in names
            if f is not s
            and (everyone or f.name[:1].casefold() == first or words.intersection(f.words))
            and _may_link(s, f)
        ]
        for rule_name, rule in LINK_RULES:
            hits = []
            for f in pool:
                if f.type == "PERSON" and rule_name not in _PERSON_RULES:
                    continue
                ok, why = rule(s, f, ctx)
                if ok:
                    hits.append((f, why))
            targets = {_final(f.name, links) for f, _ in hits}
            if len(targets) == 1 and s.name not in targets:
                links[s.name] = (next(iter(targets)), rule_name, hits[0][1])
            if hits:
                break  # decided by this rule (linked, or ambiguous and left alone)
    return {short: (_final(short, links), rule_name, why) for short, (_, rule_name, why) in links.items()}


def generic_words(lex: Lexicon) -> set[str]:
    return {norm_key(w) for w in (*lex.org_heads, *lex.org_name_suffixes)} | set(_LEGAL)
