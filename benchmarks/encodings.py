"""Encoding table: short real news texts in each common encoding, decoded by `decode_bytes`.

usage: python benchmarks/encodings.py [--mirror DIR] [--per-lang N] [--misses] [--out PATH]

The texts are real sentences nobody on the project wrote: the `# text =` lines of Universal
Dependencies treebanks (the PUD news/Wikipedia sentences; Bulgarian BTB, Japanese GSD and
Simplified Chinese GSDSimp), fetched as GitHub
snapshots into --mirror (default /work/.mirror, one `owner+name/repo` bare git dir each; the
commits are pinned in SOURCES). Consecutive sentences of one document are grouped into texts of
one, two or three sentences, the length a short wire item or a teaser has. Each text is encoded
in every encoding of ENCODINGS that its language is written in (a text the encoding cannot
represent is skipped) and must come back from `decode_bytes` exactly, character for character.
--out writes the built texts as JSONL (keep it outside the repo, e.g. /work/data/encodings/).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsfacts.ingest import IngestError, decode_bytes  # noqa: E402

# language -> (repository, commit, file)
SOURCES = {
    "en": (
        "UniversalDependencies/UD_English-PUD",
        "f16eba4ae7f3d161870ed320676c5088b8fa476c",
        "en_pud-ud-test.conllu",
    ),
    "fr": (
        "UniversalDependencies/UD_French-PUD",
        "c245786cfb3020d43bcfc96215ae531a1b07bcbc",
        "fr_pud-ud-test.conllu",
    ),
    "de": (
        "UniversalDependencies/UD_German-PUD",
        "ff80846ae60a0a70fc4d6251ef73e6a483a620ee",
        "de_pud-ud-test.conllu",
    ),
    "es": (
        "UniversalDependencies/UD_Spanish-PUD",
        "818a82b8628c9cbec78750c7e83ccba34b9ce22b",
        "es_pud-ud-test.conllu",
    ),
    "pl": (
        "UniversalDependencies/UD_Polish-PUD",
        "a726e5866e7f134763d734e6d915b8faf10f552f",
        "pl_pud-ud-test.conllu",
    ),
    "cs": (
        "UniversalDependencies/UD_Czech-PUD",
        "f68c66ccd8ab08fa343783a806fed446b905c07e",
        "cs_pud-ud-test.conllu",
    ),
    "ru": (
        "UniversalDependencies/UD_Russian-PUD",
        "da5b3816eeaa24283c1d81a48bb1de4d062fc5d5",
        "ru_pud-ud-test.conllu",
    ),
    "bg": (
        "UniversalDependencies/UD_Bulgarian-BTB",
        "b5cd6324b2015dbf3cd328ddebefc54dceddd202",
        "bg_btb-ud-test.conllu",
    ),
    "ko": (
        "UniversalDependencies/UD_Korean-PUD",
        "9bc99c21a00b88d44def216b64f898e4b6151d0d",
        "ko_pud-ud-test.conllu",
    ),
    "zh": (
        "UniversalDependencies/UD_Chinese-GSDSimp",
        "eb3aed31ebb170897405ee5cd1db83a1a0b11864",
        "zh_gsdsimp-ud-test.conllu",
    ),
    "zh-hant": (
        "UniversalDependencies/UD_Chinese-PUD",
        "2849afd946a8c01b3e9acdf3e7afa8670cf2777d",
        "zh_pud-ud-test.conllu",
    ),
    "ja": (
        "UniversalDependencies/UD_Japanese-GSD",
        "7bc20119f476b552635e0640644e577b6fd3606b",
        "ja_gsd-ud-test.conllu",
    ),
}
ALL = tuple(SOURCES)


def _codec(name: str) -> Callable[[str], bytes]:
    return lambda text: text.encode(name)


# table row -> (languages, text -> bytes)
ENCODINGS: dict[str, tuple[tuple[str, ...], Callable[[str], bytes]]] = {
    "cp1252": (("en", "fr", "de", "es"), _codec("cp1252")),
    "latin-1": (("fr", "de", "es"), _codec("latin-1")),
    "cp1250": (("pl", "cs", "de"), _codec("cp1250")),
    "cp1251": (("ru", "bg"), _codec("cp1251")),
    "euc-kr": (("ko",), _codec("euc-kr")),
    "gb18030": (("zh",), _codec("gb18030")),
    "shift_jis": (("ja",), _codec("shift_jis")),
    "big5": (("zh-hant",), _codec("big5")),
    "utf-16-le (no BOM)": (ALL, _codec("utf-16-le")),
    "utf-16-be (no BOM)": (ALL, _codec("utf-16-be")),
    "utf-8": (ALL, _codec("utf-8")),
    "utf-8 with BOM": (ALL, _codec("utf-8-sig")),
}


def read_sentences(mirror: Path, lang: str) -> list[list[str]]:
    """The `# text =` lines of one treebank, grouped by `# newdoc` (NFC)."""
    repo, commit, path = SOURCES[lang]
    git_dir = mirror / repo.replace("/", "+") / "repo"
    raw = subprocess.run(
        ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"], check=True, capture_output=True
    ).stdout.decode("utf-8")
    docs: list[list[str]] = [[]]
    for line in raw.splitlines():
        if line.startswith("# newdoc") and docs[-1]:
            docs.append([])
        elif line.startswith("# text = "):
            docs[-1].append(unicodedata.normalize("NFC", line[len("# text = ") :].strip()))
    return [d for d in docs if d]


def build_texts(mirror: Path, per_lang: int) -> list[tuple[str, str]]:
    """(language, text of 1-3 consecutive sentences), at most ``per_lang`` a language."""
    out: list[tuple[str, str]] = []
    for lang in SOURCES:
        texts: list[str] = []
        size = 1
        for doc in read_sentences(mirror, lang):
            i = 0
            while i < len(doc) and len(texts) < per_lang:
                texts.append(" ".join(doc[i : i + size]))
                i += size
                size = size % 3 + 1
        out.extend((lang, t) for t in texts)
    return out


def run(texts: list[tuple[str, str]], misses: bool) -> list[tuple[str, int, int]]:
    rows = []
    for row, (langs, encode) in ENCODINGS.items():
        n = exact = 0
        for lang, text in texts:
            if lang not in langs:
                continue
            try:
                data = encode(text)
            except UnicodeEncodeError:
                continue
            n += 1
            try:
                got, enc = decode_bytes(data, "x.txt")
            except IngestError as e:
                got, enc = "", f"refused: {e.check}"
            if got == text:
                exact += 1
            elif misses:
                print(f"MISS {row} [{lang}] as {enc}: {text[:70]!r} -> {got[:70]!r}")
        rows.append((row, n, exact))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mirror", type=Path, default=Path("/work/.mirror"))
    ap.add_argument("--per-lang", type=int, default=200)
    ap.add_argument("--misses", action="store_true", help="print every text not decoded exactly")
    ap.add_argument("--out", type=Path, help="write the built texts here as JSONL")
    args = ap.parse_args()
    texts = build_texts(args.mirror, args.per_lang)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        with args.out.open("w", encoding="utf-8") as f:
            for lang, text in texts:
                f.write(json.dumps({"lang": lang, "text": text}, ensure_ascii=False) + "\n")
    rows = run(texts, args.misses)
    print("| encoding | texts | decoded exactly |")
    print("|---|---:|---:|")
    for row, n, exact in rows:
        print(f"| {row} | {n} | {exact} ({100 * exact / max(1, n):.2f}%) |")
    total, ok = sum(r[1] for r in rows), sum(r[2] for r in rows)
    print(f"| all | {total} | {ok} ({100 * ok / max(1, total):.2f}%) |")


if __name__ == "__main__":
    main()
