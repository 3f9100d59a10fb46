"""Build the held-out cleaning corpus from hand-annotated sources.

Each ``ann/NAME.ann`` is one hand-written page dump, one line per input line:
``ROLE@@text`` (blank lines are kept as blank lines), or ``bodyp@@PREFIX@@REST`` for a body line
whose leading byline bracket must be stripped. Header lines ``#key: value`` give the article metadata
(title, published_date, author, publisher, kind, language; "null" for none).

Writes ``NAME.txt`` (the raw text) and ``NAME.json`` (gold, in the seed answer key's shape):
file, article, roles (1-based line -> role), body_paragraphs, boilerplate_lines, headings.
Run: .venv/bin/python tests/data/cleaning/build.py
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROLE_ALIASES = {"meta": "metadata", "nav": "navigation", "dup": "duplicate"}
ROLES = {
    "body", "title", "heading", "byline", "metadata", "caption", "note", "cookie", "contact", "legal",
    "navigation", "promo", "duplicate",
}  # fmt: skip
META_KEYS = ("title", "published_date", "author", "publisher", "kind", "language")


def build_one(ann: Path) -> dict:
    article: dict = {k: None for k in META_KEYS}
    out_lines: list[str] = []
    roles: dict[str, str] = {}
    body: list[str] = []
    boiler: list[dict] = []
    headings: list[str] = []
    for raw in ann.read_text(encoding="utf-8").split("\n"):
        if raw.startswith("#"):
            key, _, value = raw[1:].partition(":")
            value = value.strip()
            article[key.strip()] = None if value in ("", "null") else value
            continue
        if not raw.strip():
            out_lines.append("")
            continue
        role, _, text = raw.partition("@@")
        role = ROLE_ALIASES.get(role, role)
        line_no = len(out_lines) + 1
        if role == "bodyp":
            prefix, _, rest = text.partition("@@")
            out_lines.append(f"{prefix} {rest}")
            roles[str(line_no)] = "body"
            body.append(rest)
            continue
        if role not in ROLES:
            raise SystemExit(f"{ann.name}:{line_no}: unknown role {role!r}")
        out_lines.append(text)
        roles[str(line_no)] = role
        if role == "body":
            body.append(text)
        elif role == "heading":
            headings.append(text)
        elif role not in ("title", "duplicate"):
            boiler.append({"line": line_no, "role": role, "text": text})
    while out_lines and not out_lines[-1]:
        out_lines.pop()
    name = ann.stem
    (HERE / f"{name}.txt").write_text("\n".join(out_lines) + "\n", encoding="utf-8")
    gold = {
        "file": f"{name}.txt",
        "article": article,
        "roles": roles,
        "body_paragraphs": body,
        "boilerplate_lines": boiler,
        "headings": headings,
    }
    (HERE / f"{name}.json").write_text(
        json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    return gold


def main() -> None:
    anns = sorted((HERE / "ann").glob("*.ann"))
    for a in anns:
        build_one(a)
    print(f"built {len(anns)} documents")


if __name__ == "__main__":
    main()
