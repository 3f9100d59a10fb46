"""Build the agreement-news corpus from Reuters-21578 (stdlib only).

Source: the public GitHub repository loki86/ksr_zadanie1V2 at commit
d16457fd9d6d2b623fffc163746092b89a6e2fef, which holds David Lewis' original
Reuters-21578 SGML files (reut2-000.sgm ... reut2-021.sgm; the repository's
reut2-003.sgm is truncated to 157 stories, so its complete copy
reut2-003-full.sgm, NEWID 3001-4000, is used instead).

Rebuild:
    python3 build_corpus.py --git-dir /path/to/bare/repo --out articles.jsonl
(the git dir is what the `fetch` tool returns for github:loki86/ksr_zadanie1V2).

Selection (deterministic, whole collection, then sorted by NEWID):
  * every story with a non-empty BODY whose TOPICS include an agreement topic
    (acq, trade, or one of the other economic categories in AGREEMENT_TOPICS
    where international accords/deals are routinely reported), sampled at the
    rate given for that topic group (acq and trade: every one in the window);
  * a share of stories whose TOPICS hold none of those ("negatives"), every
    NEG_EVERY-th such story.
  Only stories with NEWID <= MAX_NEWID are kept so the list is a contiguous time
  window (Feb 26 - Mar 1987; NEWID order is not strictly date order) rather than a thin sample of the whole year.
Text normalisation: SGML entities unescaped, the trailing "Reuter" sign-off and
control characters removed, hard line wraps joined, paragraphs (lines that
start with an indent in the wire copy) separated by a blank line. The dateline
is kept at the start of the text, as a reader sees it.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import subprocess
from pathlib import Path

REPO = "loki86/ksr_zadanie1V2"
COMMIT = "d16457fd9d6d2b623fffc163746092b89a6e2fef"
FILES = [f"reut2-{i:03d}.sgm" if i != 3 else "reut2-003-full.sgm" for i in range(22)]

# acq and trade: always; the rest are economic categories in which agreements
# (commodity pacts, currency accords, supply contracts, OPEC accords) are common.
PRIMARY_TOPICS = {"acq", "trade"}
OTHER_ECON_TOPICS = {
    "coffee",
    "cocoa",
    "sugar",
    "tin",
    "rubber",
    "grain",
    "wheat",
    "corn",
    "oilseed",
    "soybean",
    "veg-oil",
    "crude",
    "nat-gas",
    "money-fx",
    "ship",
    "jobs",
    "ipi",
    "gold",
    "copper",
    "iron-steel",
    "alum",
    "livestock",
    "carcass",
    "cotton",
}
AGREEMENT_TOPICS = PRIMARY_TOPICS | OTHER_ECON_TOPICS
OTHER_EVERY = 2  # keep every 2nd story whose agreement topics are only "other economic"
NEG_EVERY = 6  # keep every 6th story with no agreement topic (earn, interest, gnp, untagged...)
MAX_NEWID = 4000

STORY_RE = re.compile(r"<REUTERS (?P<attrs>[^>]*)>(?P<body>.*?)</REUTERS>", re.S)
NEWID_RE = re.compile(r'NEWID="(\d+)"')


def tag(block: str, name: str) -> str:
    m = re.search(rf"<{name}>(.*?)</{name}>", block, re.S)
    return m.group(1) if m else ""


def clean_body(raw: str) -> str:
    raw = html.unescape(raw)
    raw = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", raw)
    raw = re.sub(r"\s*Reuter\s*$", "", raw.strip())
    paras = re.split(r"\n(?=\s{2,}\S)", raw)
    out = [re.sub(r"\s+", " ", p).strip() for p in paras]
    return "\n\n".join(p for p in out if p)


def iso_date(raw: str) -> str:
    m = re.match(r"\s*(\d+)-([A-Z]{3})-(\d{4}) (\d\d):(\d\d):(\d\d)", raw)
    if not m:
        return raw.strip()
    months = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
    d, mon, y, hh, mm, ss = m.groups()
    return f"{y}-{months.index(mon) + 1:02d}-{int(d):02d}T{hh}:{mm}:{ss}"


def stories(git_dir: str):
    for name in FILES:
        data = subprocess.run(
            ["git", "--git-dir", git_dir, "show", f"{COMMIT}:{name}"], capture_output=True, check=True
        ).stdout.decode("latin-1")
        for m in STORY_RE.finditer(data):
            newid = int(NEWID_RE.search(m.group("attrs")).group(1))
            block = m.group("body")
            topics = re.findall(r"<D>(.*?)</D>", tag(block, "TOPICS"))
            body = tag(block, "BODY")
            if not body.strip():
                continue
            title = re.sub(r"\s+", " ", html.unescape(tag(block, "TITLE"))).strip()
            dateline = re.sub(r"\s+", " ", html.unescape(tag(block, "DATELINE"))).strip()
            text = clean_body(body)
            if dateline:
                text = f"{dateline} {text}"
            yield {
                "id": f"reuters21578-{newid:05d}",
                "newid": newid,
                "date": iso_date(tag(block, "DATE")),
                "topics": topics,
                "title": title,
                "text": text,
            }


def select(all_stories):
    other_seen = neg_seen = 0
    for s in sorted(all_stories, key=lambda s: s["newid"]):
        if s["newid"] > MAX_NEWID:
            continue
        t = set(s["topics"])
        if t & PRIMARY_TOPICS:
            yield s
        elif t & OTHER_ECON_TOPICS:
            other_seen += 1
            if other_seen % OTHER_EVERY == 1:
                yield s
        else:
            neg_seen += 1
            if neg_seen % NEG_EVERY == 1:
                yield s


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--git-dir", default="/work/.mirror/loki86+ksr_zadanie1V2/repo")
    ap.add_argument("--out", default=str(Path(__file__).with_name("articles.jsonl")))
    args = ap.parse_args()
    chosen = list(select(stories(args.git_dir)))
    with open(args.out, "w", encoding="utf-8") as fh:
        for s in chosen:
            row = {k: s[k] for k in ("id", "date", "topics", "title", "text")}
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    meta = {
        "source_repo": REPO,
        "commit": COMMIT,
        "files": FILES,
        "max_newid": MAX_NEWID,
        "primary_topics": sorted(PRIMARY_TOPICS),
        "other_econ_topics": sorted(OTHER_ECON_TOPICS),
        "other_every": OTHER_EVERY,
        "neg_every": NEG_EVERY,
        "n_articles": len(chosen),
        "n_primary": sum(1 for s in chosen if set(s["topics"]) & PRIMARY_TOPICS),
        "n_other_econ": sum(
            1
            for s in chosen
            if set(s["topics"]) & OTHER_ECON_TOPICS and not set(s["topics"]) & PRIMARY_TOPICS
        ),
        "n_negative": sum(1 for s in chosen if not set(s["topics"]) & AGREEMENT_TOPICS),
    }
    Path(args.out).with_suffix(".meta.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(json.dumps(meta))


if __name__ == "__main__":
    main()
