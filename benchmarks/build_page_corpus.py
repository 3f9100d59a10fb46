"""Build the cleaning development set of real scraped pages under /work/data/pages/ (outside the repo).

Sources (public GitHub snapshots, brought here with the session's ``fetch`` tool):
  - github:j-szulc/html-cleaning-dataset-merged @ 46e01a0 (input/N.html + GoldStandard/N.txt):
    cleaneval-dev, cleaneval-final, dragnet_data, page-signal-master (L3S-GN1 news pages), readability.
    CleanPortalEval-master is held back for blind measurement and is never read.
  - github:CrackedSky/reuters21578 @ e062363 (reut2-000.sgm .. reut2-002.sgm): clean wire copy.

For each page: ``page.html``, text dumps from three renderers (``inscriptis.txt``, ``html2text.txt``,
``lxml.txt``: lxml block text), ``gold.txt`` (one gold block per line) and, for page-signal pages,
``boiler.txt`` (blocks the annotators marked as comments / related content: page-signal classes 4-5,
dragnet's comments after its "COMMENTS" marker line). ``index.jsonl`` lists
``{corpus, id, site, split}``: the split is decided by the page's site (canonical URL host, else the
page id), so one site never straddles train and dev/test. ``reuters.jsonl`` holds wire articles as
``{id, split, title, paragraphs}`` (split "eval" from reut2-000, "train" from reut2-001..002).

usage: python benchmarks/build_page_corpus.py [--mirror DIR] [--reuters DIR] [--out /work/data/pages]
"""

from __future__ import annotations

import argparse
import hashlib
import html as _html
import json
import re
import subprocess
import sys
from pathlib import Path

PAGES_REPO = "j-szulc/html-cleaning-dataset-merged"
PAGES_COMMIT = "46e01a0"
REUTERS_REPO = "CrackedSky/reuters21578"
REUTERS_COMMIT = "e062363"
CORPORA = ("cleaneval-dev", "cleaneval-final", "dragnet_data", "page-signal-master", "readability")
HELD_BACK = ("CleanPortalEval",)  # never read
SPLITS = (("train", 70), ("dev", 15), ("test", 15))
BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 tr td th table blockquote pre article section header footer "
    "nav aside dd dt dl form option title figcaption figure hr address center main".split()
)
SKIP_TAGS = frozenset({"script", "style", "noscript", "head", "iframe", "svg", "select", "template"})
_WS = re.compile(r"\s+")


def git_show(git_dir: Path, commit: str, path: str) -> bytes:
    return subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], capture_output=True, check=True
    ).stdout


def git_ls(git_dir: Path, commit: str, under: str) -> list[str]:
    out = subprocess.run(
        ["git", "--git-dir", str(git_dir), "ls-tree", "-r", "--name-only", commit, under],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return [p for p in out.splitlines() if p]


def decode(b: bytes) -> str:
    for enc in ("utf-8", "cp1252"):
        try:
            return b.decode(enc)
        except UnicodeDecodeError:
            continue
    return b.decode("latin-1")


def parse_html(text: str):
    import lxml.html

    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        return lxml.html.document_fromstring(text.encode("utf-8", "replace"))
    except Exception:  # noqa: BLE001 - an unparsable page has no dump
        return None


def block_text(el, keep=None) -> list[str]:
    """Text of an lxml tree as blocks: a new block at every block-level tag; ``keep(el)`` (optional)
    restricts the text to elements it accepts (and their descendants)."""
    blocks: list[str] = []
    cur: list[str] = []

    def flush():
        s = _WS.sub(" ", "".join(cur)).strip()
        if s:
            blocks.append(s)
        cur.clear()

    def walk(e, on: bool):
        tag = e.tag if isinstance(e.tag, str) else ""
        if tag.lower() in SKIP_TAGS or not isinstance(e.tag, str):
            if on and e.tail:
                cur.append(e.tail)
            return
        here = on or (keep is not None and keep(e))
        is_block = tag.lower() in BLOCK_TAGS
        if is_block:
            flush()
        if here and e.text:
            cur.append(e.text)
        for c in e:
            walk(c, here)
        if is_block:
            flush()
        if on and e.tail:
            cur.append(e.tail)

    walk(el, keep is None)
    flush()
    return blocks


def _sel(cls: str):
    def f(e) -> bool:
        return any(c in (e.get("class") or "").split() for c in cls.split())

    return f


def gold_blocks(corpus: str, raw: str) -> tuple[list[str], list[str]]:
    """(gold body blocks, blocks known to be boilerplate) of a GoldStandard file."""
    if corpus.startswith("cleaneval"):
        raw = re.sub(r"^\s*URL:.*\n", "", raw)
        parts = re.split(r"<(?:p|h|l)>", raw)
        return [_WS.sub(" ", _html.unescape(p)).strip() for p in parts if p.strip()], []
    if corpus == "dragnet_data":  # content, then user comments after the marker line
        body, _, comments = raw.partition("!@#$%^&*()  COMMENTS")
        return [_WS.sub(" ", p).strip() for p in body.splitlines() if p.strip()], [
            _WS.sub(" ", p).strip() for p in comments.splitlines() if p.strip()
        ]
    root = parse_html(raw)
    if root is None:
        return [], []
    if (
        corpus == "page-signal-master"
    ):  # L3S-GN1: 1 headline, 2 full text, 3 supplemental, 4 comments, 5 related
        return block_text(root, _sel("x-nc-sel1 x-nc-sel2")), block_text(root, _sel("x-nc-sel4 x-nc-sel5"))
    return block_text(root), []


_CANON = re.compile(
    r"""<link[^>]{0,200}rel=["']?canonical[^>]{0,200}href=["']?(https?://[^"'\s>/]+)|"""
    r"""og:url["']?\s{1,5}content=["']?(https?://[^"'\s>/]+)""",
    re.I,
)


def site_of(html: str, gold_raw: str, page_id: str) -> str:
    m = re.match(r"\s*URL:\s*(https?://[^/\s]+)", gold_raw)
    if m:
        return m.group(1).lower().split("//", 1)[1].removeprefix("www.")
    m = _CANON.search(html[:200_000])
    if m:
        return (m.group(1) or m.group(2)).lower().split("//", 1)[1].removeprefix("www.")
    return "id:" + page_id


def split_of(site: str) -> str:
    h = int(hashlib.sha256(site.encode()).hexdigest()[:8], 16) % 100
    acc = 0
    for name, share in SPLITS:
        acc += share
        if h < acc:
            return name
    return SPLITS[-1][0]


def dumps(html: str) -> dict[str, str]:
    import html2text
    import inscriptis

    out = {}
    root = parse_html(html)
    out["lxml"] = (
        "\n".join(block_text(root.body if root is not None and root.body is not None else root))
        if root is not None
        else ""
    )
    try:
        out["inscriptis"] = inscriptis.get_text(html)
    except Exception:  # noqa: BLE001
        out["inscriptis"] = ""
    h = html2text.HTML2Text()
    h.ignore_links = h.ignore_images = True
    h.body_width = 0
    try:
        out["html2text"] = h.handle(html)
    except Exception:  # noqa: BLE001
        out["html2text"] = ""
    return out


def build_pages(mirror: Path, out: Path, limit: int) -> None:
    index = []
    for corpus in CORPORA:
        assert not corpus.startswith(HELD_BACK)
        golds = {Path(p).stem: p for p in git_ls(mirror, PAGES_COMMIT, f"{corpus}/GoldStandard")}
        inputs = [p for p in git_ls(mirror, PAGES_COMMIT, f"{corpus}/input") if p.endswith(".html")]
        for k, path in enumerate(sorted(inputs)[:limit]):
            pid = Path(path).stem
            if pid not in golds:
                continue
            html = decode(git_show(mirror, PAGES_COMMIT, path))
            graw = decode(git_show(mirror, PAGES_COMMIT, golds[pid]))
            gold, boiler = gold_blocks(corpus, graw)
            if sum(len(g.split()) for g in gold) < 20:
                continue  # an empty or unusable gold
            site = site_of(html, graw, pid)
            d = out / corpus / pid
            d.mkdir(parents=True, exist_ok=True)
            (d / "page.html").write_text(html, encoding="utf-8")
            (d / "gold.txt").write_text("\n".join(gold) + "\n", encoding="utf-8")
            if boiler:
                (d / "boiler.txt").write_text("\n".join(boiler) + "\n", encoding="utf-8")
            if not (d / "lxml.txt").exists():  # a rebuild of the gold keeps the dumps
                for name, txt in dumps(html).items():
                    (d / f"{name}.txt").write_text(txt, encoding="utf-8")
            index.append({"corpus": corpus, "id": pid, "site": site, "split": split_of(site)})
            if k % 100 == 0:
                print(corpus, k, len(inputs), file=sys.stderr, flush=True)
    with open(out / "index.jsonl", "w", encoding="utf-8") as f:
        for row in index:
            f.write(json.dumps(row) + "\n")


_REUTER = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\">(.*?)</REUTERS>", re.S)


def build_reuters(mirror: Path, out: Path, n: int) -> None:
    """Wire bodies from reut2-000..002: paragraphs start at an indented line; articles with a title and
    at least two paragraphs of 5+ words; the trailing " Reuter" sign-off is dropped."""
    rows = []
    for i in range(3):
        sgm = git_show(mirror, REUTERS_COMMIT, f"reut2-{i:03d}.sgm").decode("latin-1")
        for m in _REUTER.finditer(sgm):
            t = re.search(r"<TITLE>(.*?)</TITLE>", m.group(2), re.S)
            b = re.search(r"<BODY>(.*?)</BODY>", m.group(2), re.S)
            if not t or not b:
                continue
            body = _html.unescape(b.group(1)).replace("\x03", "")
            body = re.sub(r"\s*Reuter\s*$", "", body)
            paras, cur = [], []
            for line in body.splitlines():
                if (line.startswith((" ", "\t")) or not line.strip()) and cur:
                    paras.append(" ".join(cur))
                    cur = []
                if line.strip():
                    cur.append(line.strip())
            if cur:
                paras.append(" ".join(cur))
            paras = [p for p in paras if len(p.split()) >= 5]
            if len(paras) >= 2:
                title = _WS.sub(" ", _html.unescape(t.group(1))).strip()
                split = "eval" if i == 0 else "train"  # reut2-000 measures the keep rate; 001-002 train
                rows.append({"id": m.group(1), "split": split, "title": title, "paragraphs": paras})
    with open(out / "reuters.jsonl", "w", encoding="utf-8") as f:
        for r in [r for r in rows if r["split"] == "eval"][:n] + [r for r in rows if r["split"] == "train"][
            :n
        ]:
            f.write(json.dumps(r) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument(
        "--mirror", type=Path, default=Path("/work/.mirror/j-szulc+html-cleaning-dataset-merged/repo")
    )
    ap.add_argument("--reuters", type=Path, default=Path("/work/.mirror/CrackedSky+reuters21578/repo"))
    ap.add_argument("--out", type=Path, default=Path("/work/data/pages"))
    ap.add_argument("--limit", type=int, default=10_000, help="pages per corpus")
    ap.add_argument("--wire", type=int, default=500, help="Reuters articles per split")
    a = ap.parse_args()
    a.out.mkdir(parents=True, exist_ok=True)
    build_reuters(a.reuters, a.out, a.wire)
    build_pages(a.mirror, a.out, a.limit)
    (a.out / "SOURCES.json").write_text(
        json.dumps({"pages": [PAGES_REPO, PAGES_COMMIT], "reuters": [REUTERS_REPO, REUTERS_COMMIT]}),
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
