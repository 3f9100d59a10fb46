"""Rebuild the raw candidate sentences behind benchmarks/data/money_dev.jsonl.

usage: python benchmarks/money_devset_sources.py REUTERS_GIT_DIR AG_NEWS_GIT_DIR OUT.jsonl
       python benchmarks/money_devset_sources.py wsj NLTK_GIT_DIR OUT.jsonl   (see `wsj_set`)

Sources (public text nobody on the project wrote; bring them here with the `fetch` tool):
- Reuters-21578, file reut2-000.sgm (1,000 Reuters newswire stories of 1987), from the GitHub
  repository shaefeli/NLP_training at commit a41760498d04bef6625247a72ceb698113c02768.
- AG News (Zhang et al. 2015, news descriptions of 2004-2005), file data/ag_news_csv/test.csv,
  from the GitHub repository suuuch/TransformerClassification at commit
  0d9808e1978c8468b4f8f08a44c5be99d058aa7b.

The script writes every candidate sentence (with its source and document) in a fixed order:
sentences with a money cue, then sentences with numbers and no money cue; then the two fixed
samples of them (`SAMPLES`) to annotate. benchmarks/data/money_dev.jsonl and money_holdout.jsonl
are those samples annotated by hand from the sentence alone (a few left out where the source lost
the amount: a description cut after "$4.", a pound sign dropped), plus the copies made by `copies`
(lower-cased; lower-cased with WSJ-style tokens; the hold-out set has the lower-cased ones only).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfacts.segment import split_sentences  # noqa: E402

REUTERS = ("a41760498d04bef6625247a72ceb698113c02768", "reut2-000.sgm")
AG_NEWS = ("0d9808e1978c8468b4f8f08a44c5be99d058aa7b", "data/ag_news_csv/test.csv")

MONEY_CUE = re.compile(
    r"\$|\bdlrs?\b|\bcts\b|\bcents?\b|\bstg\b|\byen\b|\bmarks\b|\bfrancs\b|\bguilders\b|\blire\b|"
    r"\bpounds\b|\beuros?\b|\byuan\b|\bpence\b|\bpesos\b|\brupees\b|\bdollars?\b|€|£|¥",
    re.I,
)
NUMBER = re.compile(r"\d")
TABLE_LIKE = re.compile(r"\bvs\b|\bShr\b|\bNet\b.*\bvs\b|\.{3}")


def git_show(git_dir: str, commit: str, path: str) -> str:
    out = subprocess.run(
        ["git", "--git-dir", git_dir, "show", f"{commit}:{path}"], check=True, capture_output=True
    )
    return out.stdout.decode("latin-1")


def reuters_docs(git_dir: str) -> list[tuple[str, str]]:
    sgm = git_show(git_dir, *REUTERS)
    docs = []
    for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)".*?</REUTERS>', sgm, re.S):
        body = re.search(r"<BODY>(.*?)</BODY>", m.group(0), re.S)
        if body:
            text = html.unescape(body.group(1)).replace("\x03", "")
            text = re.sub(r"\s*Reuter\s*$", "", text)
            docs.append((f"reuters-{m.group(1)}", re.sub(r"\s+", " ", text).strip()))
    return docs


def ag_docs(git_dir: str) -> list[tuple[str, str]]:
    raw = git_show(git_dir, *AG_NEWS)
    docs = []
    for k, row in enumerate(csv.reader(io.StringIO(raw))):
        text = row[2].replace(" #36;", " $").replace("#36;", "$").replace("\\$", "$").replace("\\", " ")
        text = html.unescape(re.sub(r"#(\d+);", r"&#\1;", text))
        docs.append((f"agnews-test-{k}", re.sub(r"\s+", " ", text).strip()))
    return docs


def candidates(docs: list[tuple[str, str]]) -> tuple[list[dict], list[dict]]:
    money, other = [], []
    for doc_id, text in docs:
        for s, e in split_sentences(text):
            sent = text[s:e]
            if not (40 <= len(sent) <= 320) or not NUMBER.search(sent) or TABLE_LIKE.search(sent):
                continue
            row = {"source": doc_id, "sentence": sent}
            (money if MONEY_CUE.search(sent) else other).append(row)
    return money, other


# (offset, step) per group: every step-th candidate from offset, a fixed, unpicked sample. The dev
# set numbers its sentences 0.. in this order; the hold-out set 1000.., leaving out dev sentences.
SAMPLES = {
    "dev": {
        "reuters-money": (0, 11),
        "agnews-money": (0, 7),
        "reuters-other": (0, 90),
        "agnews-other": (0, 160),
    },
    "holdout": {
        "reuters-money": (5, 23),
        "agnews-money": (3, 14),
        "reuters-other": (45, 220),
        "agnews-other": (80, 400),
    },
}


def sample(rows: list[dict], name: str, exclude: frozenset[str] = frozenset()) -> list[dict]:
    """The sentences of sample ``name`` ("dev" or "holdout") from the candidate rows, numbered."""
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    out = []
    for group, (offset, step) in SAMPLES[name].items():
        out += [r for r in groups.get(group, [])[offset::step] if r["sentence"] not in exclude]
    first = 0 if name == "dev" else 1000
    return [{"id": first + k, **r} for k, r in enumerate(out)]


def main() -> None:
    if sys.argv[1] == "wsj":  # wsj NLTK_GIT_DIR OUT.jsonl
        wsj_set(sys.argv[2], ROOT / "benchmarks" / "data" / "money_wsj_annotations.jsonl", Path(sys.argv[3]))
        return
    reuters_git, ag_git, out = sys.argv[1], sys.argv[2], Path(sys.argv[3])
    rows = []
    for name, docs in (("reuters", reuters_docs(reuters_git)), ("agnews", ag_docs(ag_git))):
        money, other = candidates(docs)
        print(f"{name}: {len(docs)} documents, {len(money)} money candidates, {len(other)} others")
        rows += [{**r, "group": f"{name}-money"} for r in money]
        rows += [{**r, "group": f"{name}-other"} for r in other]
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    dev = sample(rows, "dev")
    holdout = sample(rows, "holdout", frozenset(r["sentence"] for r in dev))
    for name, part in (("dev", dev), ("holdout", holdout)):
        path = out.with_name(f"{out.stem}_{name}.jsonl")
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in part), encoding="utf-8")
        print(f"{name}: {len(part)} sentences to annotate -> {path}")


# --------------------------------------------------------------------------------------------
# Copies: lower-cased, and lower-cased with WSJ/Penn-Treebank-style tokens ("c $ 64.50 ,")
# --------------------------------------------------------------------------------------------
def wsj_tokenise(s: str) -> str:
    """Lower-cased, with "$", brackets and clause commas as tokens of their own: the form of the
    lower-cased WSJ-style text ("c $ 16.4 million", "hk $ 10.05 billion")."""
    s = s.replace("$", " $ ")
    s = re.sub(r"([()\";:])", r" \1 ", s)
    s = re.sub(r",(?=\s|$)", " ,", s)
    s = re.sub(r"\.$", " .", s)
    return re.sub(r"\s+", " ", s).strip().lower()


def copies(originals: list[dict]) -> list[dict]:
    """Lower-cased copies of the even-numbered money sentences; tokenised lower-cased copies of the
    AG News money sentences whose number is 1 modulo 4."""
    out = []
    for r in originals:
        if not r["amounts"]:
            continue
        if r["id"] % 2 == 0:
            out.append(_copy(r, "lower", str.lower))
        if r["source"].startswith("agnews") and r["id"] % 4 == 1:
            out.append(_copy(r, "lower_wsj_tokens", wsj_tokenise))
    return out


def _copy(r: dict, variant: str, f: Any) -> dict:
    amounts = [{**a, "text": f(a["text"]).strip()} for a in r["amounts"]]
    row = {**r, "id": f"{r['id']}-{variant}", "variant": variant, "sentence": f(r["sentence"])}
    row["amounts"] = amounts
    row["implicit"] = [f(t).strip() for t in r.get("implicit", [])]
    return row


# --------------------------------------------------------------------------------------------
# WSJ set: the Penn Treebank sample of 1989 Wall Street Journal text that NLTK distributes
# (nltk/nltk, commit 4dc39fbf6965509f7b74316eff239bd110a03b49, nltk_data/corpora/treebank/raw/).
# Its licence allows non-commercial use only, so the project keeps no WSJ sentence: it keeps
# benchmarks/data/money_wsj_annotations.jsonl (file, sentence number, the annotated amounts) and
# `wsj_set` rebuilds the sentences, with their copies, under a path outside the repository.
# --------------------------------------------------------------------------------------------
NLTK_TREEBANK = ("4dc39fbf6965509f7b74316eff239bd110a03b49", "nltk_data/corpora/treebank/raw/")
WSJ_MONEY_CUE = re.compile(
    r"\$|\bcents?\b|\byen\b|\bmarks\b|\bpounds?\b|\bfrancs\b|#|C\$|\blire\b|\bdollars?\b|\bpence\b", re.I
)


def wsj_sentences(git_dir: str) -> list[dict]:
    """Sentences with a digit of the WSJ sample, each with its file and number in that file."""
    commit, folder = NLTK_TREEBANK
    names = subprocess.run(
        ["git", "--git-dir", git_dir, "ls-tree", "--name-only", commit, folder],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    out = []
    for name in names:
        text = git_show(git_dir, commit, name).replace(".START", "")
        text = re.sub(r"\s+", " ", text).strip()
        for k, (s, e) in enumerate(split_sentences(text)):
            if re.search(r"\d", text[s:e]) and len(text[s:e]) >= 30:
                out.append({"source": name.rsplit("/", 1)[-1], "n": k, "sentence": text[s:e]})
    return out


def wsj_sample(rows: list[dict]) -> list[dict]:
    """Every 4th sentence with a money cue and every 25th without one, numbered from 2000."""
    money = [r for r in rows if WSJ_MONEY_CUE.search(r["sentence"])]
    other = [r for r in rows if not WSJ_MONEY_CUE.search(r["sentence"])]
    return [{"id": 2000 + k, **r} for k, r in enumerate(money[::4] + other[::25])]


def wsj_set(git_dir: str, annotations: Path, out: Path) -> None:
    """Join the annotations to the rebuilt sentences; add lower-cased copies (even ids) and
    lower-cased WSJ-tokenised ones (odd ids) of the sentences with money."""
    sents = {(r["source"], r["n"]): r for r in wsj_sample(wsj_sentences(git_dir))}
    rows = []
    for line in annotations.read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        r = sents[(a["source"], a["n"])]
        rows.append({**a, "group": "wsj", "variant": "original", "sentence": r["sentence"]})
    copies_ = [_copy(r, "lower", str.lower) for r in rows if r["amounts"] and r["id"] % 2 == 0]
    copies_ += [_copy(r, "lower_wsj_tokens", wsj_tokenise) for r in rows if r["amounts"] and r["id"] % 2 == 1]
    for r in rows + copies_:
        assert all(a["text"] in r["sentence"] for a in r["amounts"]), r["id"]
    out.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows + copies_), encoding="utf-8"
    )
    print(f"wsj: {len(rows)} sentences, {len(copies_)} copies -> {out}")


if __name__ == "__main__":
    main()
