"""Ingest: every encoding and format becomes text, everything else is refused with a reason."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from newsfacts.ingest import IngestError, decode_bytes, parse_raw
from store.files import list_raw_files

KOREAN = "한국과 중국은 무역 협정에 서명했다. 양국 정상은 베이징에서 회담을 가졌다."
CHINESE = "中国和韩国签署了十五份合作文件，双边贸易额达到三千亿美元。"
ENGLISH = "The café’s owner said exports rose 5 percent — “a record” — in 2025."


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ENGLISH.encode("utf-8"), ENGLISH),
        (b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), ENGLISH),
        (ENGLISH.encode("utf-16"), ENGLISH),
        (ENGLISH.encode("utf-16-le"), ENGLISH),
        (
            "The café owner said exports rose 5 percent in 2025 and again this year.".encode("cp1252"),
            "The café owner said exports rose 5 percent in 2025 and again this year.",
        ),
        ((KOREAN * 3).encode("euc-kr"), KOREAN * 3),
        ((CHINESE * 3).encode("gb18030"), CHINESE * 3),
    ],
)
def test_decodes_common_encodings(data: bytes, expected: str) -> None:
    text, encoding = decode_bytes(data, "x.txt")
    assert text == expected, encoding


def test_repairs_mojibake_and_normalises_newlines() -> None:
    text, _ = decode_bytes("The cafÃ© opened.\r\nSecond line\rthird".encode(), "m.txt")
    assert text == "The café opened.\nSecond line\nthird"


@pytest.mark.parametrize(
    ("data", "check"),
    [
        (b"", "empty_file"),
        (b"   \n\n  ", "empty_file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary_file"),
        (bytes(range(256)) * 20, "binary_file"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary_file"),
    ],
)
def test_refuses_non_text_with_reason(data: bytes, check: str) -> None:
    with pytest.raises(IngestError) as err:
        parse_raw("bad/file.txt", data)
    assert err.value.check == check
    assert "bad/file.txt" in str(err.value)


def test_html_goes_through_extractor() -> None:
    html = """<html><head><title>Port volumes hit record</title>
    <meta name="author" content="Jane Roe"><meta property="article:published_time" content="2026-03-14"></head>
    <body><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
    <article><h1>Port volumes hit record</h1>
    <p>Container volumes at the port rose 12 percent in February, the operator said on Tuesday.</p>
    <p>The operator expects further growth as new shipping lines open routes to Southeast Asia.</p>
    </article><footer>Copyright 2026 Example Media. All rights reserved.</footer></body></html>"""
    docs, errors = parse_raw("site/a.html", html.encode())
    assert not errors and len(docs) == 1
    d = docs[0]
    assert d.source_format == "html"
    assert "Container volumes at the port rose 12 percent" in d.text
    assert "Home" not in d.text.split("\n")
    assert d.hints["title"] == "Port volumes hit record"
    assert d.hints["author"] == "Jane Roe"
    assert d.hints["published"].startswith("2026-03-14")


def test_jsonl_one_article_per_line_and_bad_lines_reported() -> None:
    lines = [
        json.dumps(
            {
                "title": "Exports rise",
                "text": "Exports rose 5 percent in May, data showed on Monday.",
                "published": "2026-06-01",
                "url": "https://example.com/a",
            }
        ),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"title": "No text"}),
        json.dumps({"title": "Second", "text": "Imports fell 2 percent in May as demand cooled."}),
    ]
    docs, errors = parse_raw("feed.jsonl", "\n".join(lines).encode())
    assert [d.source_file for d in docs] == ["feed.jsonl#1", "feed.jsonl#5"]
    assert docs[0].hints["url"] == "https://example.com/a"
    assert docs[0].text.startswith("Exports rise\n")
    assert sorted(e.check for e in errors) == ["invalid_json", "invalid_json", "no_article_text"]
    assert all(str(e).startswith("feed.jsonl#") for e in errors)


def test_unsupported_suffix_refused() -> None:
    with pytest.raises(IngestError) as err:
        parse_raw("x.docx", b"PK\x03\x04")
    assert err.value.check == "unsupported_format"


def test_list_raw_files_refuses_outside_symlinks_and_large_files(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text("hello world " * 10)
    (raw / ".hidden.txt").write_text("ignored")
    (raw / "big.txt").write_bytes(b"x" * 2048)
    secret = tmp_path / "secret.txt"
    secret.write_text("outside the raw dir")
    os.symlink(secret, raw / "link.txt")
    os.symlink(raw / "a.txt", raw / "inside_link.txt")
    files, refused = list_raw_files(raw, max_bytes=1024)
    assert [f.rel for f in files] == ["a.txt", "inside_link.txt"]
    reasons = {rel: e.check for rel, e in refused}
    assert reasons == {"big.txt": "file_too_large", "link.txt": "symlink_outside_raw_dir"}


def test_legacy_file_keeps_its_encoding_on_the_document() -> None:
    # the reported file: three short cp1252 lines once published as "Cafť", "Lotteís", "Ä40 million"
    text = (
        "Café owners expect £5m boost\n"
        "Lotte’s opens its first store in the city on Friday.\n"
        "The council approved €40 million for the harbour."
    )
    docs, errors = parse_raw("feeds/cafe.txt", text.encode("cp1252"))
    assert not errors
    assert (docs[0].text, docs[0].encoding) == (text, "cp1252")
