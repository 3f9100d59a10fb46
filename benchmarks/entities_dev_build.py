"""Rebuild the texts of the entity development set from a Reuters-21578 mirror.

Source: github.com/mihaibogdan10/json-reuters-21578 at commit af8b9c6096e4a4625a490ab41b676927265c3fec
(Reuters-21578 Distribution 1.0 as JSON; files json-data/reut2-NNN.json). Bring it here with the
project's ``fetch`` tool, then:

    python benchmarks/entities_dev_build.py --git-dir /work/.mirror/mihaibogdan10+json-reuters-21578/repo/.git

Selection (deterministic): Lewis TRAIN split, files reut2-005 and reut2-006, topics among business and
politics ones, not a repeat of an earlier title or opening, body 900-2600 characters, not a table (most lines hold words), in file order, first
``--n`` articles. Cleaning: the SGML entities are decoded, the 1987 wire's line wrapping is undone
(a paragraph starts at a line indented by spaces), a ticker in angle brackets after a name
("Citicorp <CCI>") is dropped, other angle brackets are unwrapped ("<Cyrus J. Lawrence Inc>"),
and the closing "Reuter" signature is removed. Writes ``texts.json`` (file, newid, title,
body_paragraphs); the gold annotation (gold.json) was written by hand from these texts.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
from pathlib import Path

COMMIT = "af8b9c6096e4a4625a490ab41b676927265c3fec"
FILES = ("json-data/reut2-005.json", "json-data/reut2-006.json")
TOPICS = {"acq", "trade", "crude", "ship", "money-fx", "interest", "grain", "jobs", "gnp", "bop", "reserves"}
_TICKER = re.compile(r"\s*<[A-Z0-9.]{1,6}>")
_ANGLE = re.compile(r"<([^<>]{2,80})>")


def paragraphs(body: str) -> list[str]:
    body = html.unescape(body)
    body = re.sub(r"\s*\bReuter\s*\x03?\s*$", "", body.strip(), flags=re.I)
    body = _TICKER.sub("", body)
    body = _ANGLE.sub(r"\1", body)
    paras = re.split(r"\n {2,}", body)
    return [re.sub(r"\s+", " ", p).strip() for p in paras if p.strip()]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--git-dir", required=True)
    ap.add_argument("--n", type=int, default=32)
    ap.add_argument("--files", nargs="*", default=list(FILES), help="mirror files, in order")
    ap.add_argument("--out", default="texts.json")
    args = ap.parse_args()
    out: list[dict] = []
    titles: set[str] = set()
    for f in args.files:
        raw = subprocess.run(
            ["git", "--git-dir", args.git_dir, "show", f"{COMMIT}:{f}"], check=True, capture_output=True
        ).stdout
        for d in json.loads(raw):
            if len(out) >= args.n:
                break
            topics = set(d.get("topics") or [])
            body = d.get("body") or ""
            if d["attrs"].get("lewissplit") != "TRAIN" or not topics & TOPICS:
                continue
            first = body.strip()[:120]
            if not 900 <= len(body) <= 2600 or d.get("title") in titles or first in titles:
                continue  # too short or long, or a repeat of a story already taken
            lines = [ln for ln in body.splitlines() if ln.strip()]
            if sum(bool(re.search(r"[a-z]{3,}\s+[a-z]{3,}", ln)) for ln in lines) < 0.8 * len(lines):
                continue  # a table of figures
            titles |= {d.get("title") or "", first}
            out.append(
                {
                    "file": f"r{d['attrs']['newid']}",
                    "newid": d["attrs"]["newid"],
                    "title": html.unescape(d.get("title") or ""),
                    "topics": sorted(topics),
                    "body_paragraphs": paragraphs(body),
                }
            )
    Path(args.out).write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(len(out), "articles ->", args.out)


if __name__ == "__main__":
    main()
