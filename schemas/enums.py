"""Enumerations of the data contract: the one place allowed values are listed."""

ROLES = (
    "body",
    "title",
    "heading",
    "byline",
    "metadata",
    "caption",
    "note",
    "cookie",
    "contact",
    "legal",
    "navigation",
    "promo",
    "duplicate",
)
ARTICLE_KINDS = ("news", "editorial", "opinion", "analysis", "unknown")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "LAW", "PRODUCT", "OTHER")
FIGURE_KINDS = ("money", "percent", "count", "multiple", "duration", "other")
QUALIFIERS = ("exact", "approx", "over", "under")
AGREEMENT_KINDS = (
    "mou",
    "fta",
    "trade_agreement",
    "cooperation_document",
    "partnership",
    "investment",
    "deal",
    "treaty",
    "other",
)
AGREEMENT_STATUSES = (
    "signed",
    "agreed",
    "negotiating",
    "proposed",
    "planned",
    "not_reached",
    "in_force",
    "completed",
    "unknown",
)
SOURCE_FORMATS = ("txt", "html", "jsonl")
