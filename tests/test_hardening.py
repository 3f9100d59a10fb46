"""Hostile input (issue 10): linear-time patterns, resource bounds, the raw dir as a trust boundary,
properties of the core functions for any text, and poisoned documents in the extract stage.

The property checks (``check_*``) are shared with ``benchmarks/fuzz.py``, which runs them with many
more examples than CI does.
"""

from __future__ import annotations

import json
import math
import os
import re
import socket
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.clean import clean_document
from newsfacts.extract.figures import extract_figures
from newsfacts.ingest import IngestError, check_lines, parse_raw, strip_dtd
from newsfacts.segment import segment_lines
from store.files import RawFile, list_raw_files, read_bytes

CI_EXAMPLES = int(os.environ.get("NEWSFACTS_PROPERTY_EXAMPLES", 40))
GOOD = (
    "Exports of cars to the region rose sharply this year as demand for electric vehicles grew in "
    "most of the markets, the ministry said on Tuesday."
)
ARTICLE = (
    "Port volumes hit record\n\nBy Jane Roe\n\n"
    + GOOD
    + "\n\nContainer volumes at the port rose 12 percent in February to 3.2 million units, "
    "the operator said.\n"
)


# ----------------------------------------------------------------------------------- linear time
def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled pattern of the cleaning, metadata and figure grammars (module constants and
    the ones built from vocabularies)."""
    import newsfacts.boilerplate as bp
    import newsfacts.clean as cl
    import newsfacts.dedupe as dd
    import newsfacts.extract.figures as fg
    import newsfacts.ingest as ing
    import newsfacts.metadata as md
    import newsfacts.numbers as nu
    import newsfacts.textnorm as tn

    out: list[tuple[str, re.Pattern[str]]] = []
    for mod in (bp, cl, dd, fg, ing, md, nu, tn):
        for k, v in vars(mod).items():
            if isinstance(v, re.Pattern):
                out.append((f"{mod.__name__}.{k}", v))
    voc = bp.vocab()
    for k in voc.__dataclass_fields__:
        x = getattr(voc, k)
        if isinstance(x, re.Pattern):
            out.append((f"vocab.{k}", x))
        elif isinstance(x, bp.PhraseSet):
            out.append((f"vocab.{k}", x.pattern))
    for f in (md._byline_prefix_re, md._roles_re, md._org_words, md._note_re):
        out.append((f"metadata.{f.__name__}", f()))
    return out + _inline_patterns({p.pattern for _, p in out})


_METADATA_SAMPLE = (
    "OPINION\nPort volumes hit record | The Herald\nBy Jane Doe for The Herald in Seoul\n"
    "Published: March 3, 2026 by Coastal News Service\n[Special correspondent for X, Jane Doe] "
    + GOOD
    + "\nReporter: John Roe; Editing by Ann Lee\nPhoto: Reuters\nTel: +82 2 1234 5678\n"
    "(c) 2026 The Daily Herald. All rights reserved.\nEditor's note: Jane Doe is a writer for CGTN.\n"
)


def _inline_patterns(known: set[str]) -> list[tuple[str, re.Pattern[str]]]:
    """Patterns written inline (re.split / re.sub / re.match with a literal) in the cleaning and
    figure code: collected from the re module's cache after cleaning sample documents."""
    seeds = Path(__file__).resolve().parents[1] / "data" / "raw"
    texts = [_METADATA_SAMPLE, *(p.read_text(encoding="utf-8") for p in sorted(seeds.iterdir()))]
    re.purge()
    for text in texts:
        clean_document(text)
        extract_figures(text)
    cache: dict[Any, Any] = getattr(re, "_cache", {})
    return [
        (f"inline {v.pattern[:40]!r}", v)
        for v in list(cache.values())
        if isinstance(v, re.Pattern) and isinstance(v.pattern, str) and v.pattern not in known
    ]


# repeated units that trip ambiguous or unanchored patterns
_UNITS = [
    "1,", "(", "[", "Tel: +", ".", "1.", "1", '"', "\u201c", "a", "Aa ", "1 ", " ", "A.", "1-",
    "a@", "www.", "$1", "By A ", "A | ", "12:", "2026-", "(1 ", "Photo: A", "a b ", "'", "0", "+0",
    "\\", "a-", "<!DOCTYPE [", "<!ENTITY ",
]  # fmt: skip


def _cpu(fn: Callable[[], Any], reps: int) -> float:
    best = math.inf
    for _ in range(reps):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def test_every_grammar_pattern_runs_in_linear_time() -> None:
    """findall over n and 8n repetitions of each unit: time grows ~8x when linear, ~64x when quadratic.
    CPU time of this process, so other processes on the machine do not move the ratio."""
    slow = []
    patterns = _patterns()
    assert len(patterns) > 60 and any(n.startswith("inline") for n, _ in patterns)
    for name, pat in patterns:
        for u in _UNITS:
            small = (u * (1000 // len(u) + 1))[:1000]
            big = (u * (8000 // len(u) + 1))[:8000]
            t_big = _cpu(partial(pat.findall, big), 1)
            if t_big < 0.005:
                continue
            t_big = _cpu(partial(pat.findall, big), 3)
            t_small = max(_cpu(partial(pat.findall, small), 3), 1e-5)
            if t_big > 0.005 and t_big / t_small > 24:
                slow.append((name, u, round(t_small * 1000, 2), round(t_big * 1000, 2)))
    assert not slow, f"super-linear patterns (name, unit, ms at 1k, ms at 8k): {slow}"


def _adversarial() -> dict[str, str]:
    mb = 1_000_000
    good = GOOD + "\n"
    return {
        "$ + 100k '1,'": "$" + "1," * 100_000,
        "100k '('": "(" * 100_000,
        "100k '['": "[" * 100_000,
        "1 MB token": ("abc1.2,x" * (mb // 8))[:mb],
        "50k 'Tel: +'": "Tel: +" * 50_000,
        "50k 'Tel: +' lines": "Tel: +\n" * 50_000,
        "500k dots": "." * 500_000,
        "500k '1.'": "1." * 250_000,
        "digits, dots, commas": "1.2.3,4,5 " * 50_000,
        "100k quotes": '"' * 50_000 + "\u201c\u201d" * 25_000,
        # each distinct label value sent dateparser (ms a call) to work: now a bounded budget
        "5k dateparser-bait labels": "".join(f"Updated: {i} March of the year\n" for i in range(5_000))
        + good,
        # was quadratic: each trailing short sentence re-scanned all lines back to the body
        "20k trailing short sentences": good + "\n".join(f"Yes it is {i}." for i in range(20_000)),
    }


@pytest.mark.parametrize("name", list(_adversarial()))
def test_adversarial_input_cleans_and_extracts_without_hanging(name: str) -> None:
    """A guard against catastrophic backtracking, not a speed target (benchmarks/adversarial.py)."""
    text = _adversarial()[name]
    clean_document("Warm-up line.\nIl pleut sur la ville ce matin.")  # load lazy models outside the timing
    t_clean = _cpu(lambda: clean_document(text), 1)
    t_fig = _cpu(lambda: extract_figures(text), 1)
    assert t_clean < 20.0, f"clean_document took {t_clean:.2f} s CPU on {name}"
    assert t_fig < 20.0, f"extract_figures took {t_fig:.2f} s CPU on {name}"


@pytest.mark.parametrize("run", ["(", '"', "$", "[", "'"])
def test_long_punctuation_run_never_becomes_body(run: str) -> None:
    """A body-shaped line carrying a 5,000-char run of one punctuation mark is junk, not body: spaCy's
    tokenizer is quadratic in such a run (10,000 "(" cost 12 s in extract_entities), so it must never
    reach the extract stage. Long runs of letters (CJK text has no spaces) stay body."""
    line = (
        f"The exports rose sharply this year as the demand grew in most of the markets {run * 5000} it said."
    )
    doc = clean_document(f"Exports rise\n{line}\n{GOOD}")
    assert [(p["role"], p["reason"]) for p in doc["paragraphs"]][1] == ("navigation", "junk:long_token")
    assert run * 100 not in doc["body"]
    cjk = "中国和韩国签署了合作文件" * 200
    paras = clean_document(f"中韩签署合作文件\n{cjk}。\n{cjk}。")["paragraphs"]
    assert all(p["reason"] != "junk:long_token" for p in paras)


# ----------------------------------------------------------------------------------- resource bounds
def test_long_line_is_quarantined_with_reason() -> None:
    data = ("Intro line of the article.\n" + "x" * 2_000 + "\n").encode()
    with pytest.raises(IngestError) as err:
        parse_raw("dump.txt", data, line_chars=1_000)
    assert err.value.check == "line_too_long"
    assert "dump.txt: line 2 has 2000 characters" in str(err.value)
    docs, _ = parse_raw("ok.txt", data, line_chars=5_000)
    assert len(docs) == 1


def test_line_bounds_follow_the_environment_read_at_the_edge() -> None:
    from flows.config import ConfigError, from_env

    cfg = from_env({"NEWSFACTS_MAX_LINE_CHARS": "50"})
    with pytest.raises(IngestError) as err:
        parse_raw("a.txt", ("word " * 20).encode(), line_chars=cfg.max_line_chars)
    assert err.value.check == "line_too_long"
    cfg = from_env({"NEWSFACTS_MAX_LINE_CHARS": "1000", "NEWSFACTS_MAX_LINES": "3"})
    with pytest.raises(IngestError) as err:
        text = "\n".join(f"Line {i} of text." for i in range(5))
        parse_raw("b.txt", text.encode(), line_chars=cfg.max_line_chars, line_count=cfg.max_lines)
    assert err.value.check == "too_many_lines"
    with pytest.raises(ConfigError, match="NEWSFACTS_MAX_LINES='-3'"):
        from_env({"NEWSFACTS_MAX_LINES": "-3"})


def test_long_line_bound_applies_per_jsonl_record_and_to_extracted_html() -> None:
    lines = [
        json.dumps({"title": "Fine", "text": GOOD}),
        json.dumps({"title": "Dump", "text": "y" * 3_000}),
    ]
    docs, errors = parse_raw("feed.jsonl", "\n".join(lines).encode(), line_chars=2_000)
    assert [d.source_file for d in docs] == ["feed.jsonl#1"]
    assert [(e.check, e.source) for e in errors] == [("line_too_long", "feed.jsonl#2")]
    # raw markup may be one long minified line: the bound is on the article text, not on the markup
    html = "<html><body><article>" + f"<p>{GOOD}</p>" * 40 + "</article></body></html>"
    assert "\n" not in html and len(html) > 2_000
    docs, _ = parse_raw("min.html", html.encode(), line_chars=2_000)
    assert docs and max(len(x) for x in docs[0].text.split("\n")) <= 2_000


def test_check_lines_counts_non_blank_lines_only() -> None:
    check_lines("a\n\n\n\n\nb", "x", 10, 2)
    with pytest.raises(IngestError):
        check_lines("a\nb\nc", "x", 10, 2)
    with pytest.raises(IngestError, match="x: line 4 has 11 characters"):
        check_lines("a\n\nb\n" + "c" * 11, "x", 10, 20)


def test_deeply_nested_json_is_one_bad_record() -> None:
    lines = ["[" * 100_000, "{" + '"a":{' * 50_000, json.dumps({"text": GOOD})]
    docs, errors = parse_raw("deep.jsonl", "\n".join(lines).encode())
    assert [d.source_file for d in docs] == ["deep.jsonl#3"]
    assert [(e.check, e.source) for e in errors] == [
        ("invalid_json", "deep.jsonl#1"),
        ("invalid_json", "deep.jsonl#2"),
    ]


def _sparse(path: Path, size: int) -> Path:
    with open(path, "wb") as f:
        f.truncate(size)  # a hole: costs no disk, reads as NUL bytes
    return path


def test_huge_file_is_refused_before_reading_and_read_bytes_is_bounded(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    big = _sparse(raw / "huge.txt", 200 * 1024 * 1024)
    files, refused = list_raw_files(raw)
    assert files == [] and [(r, e.check) for r, e in refused] == [("huge.txt", "file_too_large")]
    # a file that grows between listing and reading is not read past the limit either
    with pytest.raises(IngestError) as err:
        read_bytes(RawFile("huge.txt", big, 10), max_bytes=1024)
    assert err.value.check == "file_too_large"


def test_read_bytes_refuses_a_file_swapped_for_a_symlink_or_fifo(tmp_path: Path) -> None:
    target = tmp_path / "secret.txt"
    target.write_text("root:x:0:0:root:/root:/bin/bash\n")
    link = tmp_path / "a.txt"
    os.symlink(target, link)
    with pytest.raises(IngestError) as err:
        read_bytes(RawFile("a.txt", link, 10))
    assert err.value.check == "symlink_outside_raw_dir"
    fifo = tmp_path / "p.txt"
    os.mkfifo(fifo)
    with pytest.raises(IngestError) as err:
        read_bytes(RawFile("p.txt", fifo, 0))  # returns at once: never blocks on a writer
    assert err.value.check == "not_a_file"


# ----------------------------------------------------------------------------------- trust boundary
_PASSWD_MARK = "root:x:0:0"


def _xxe(ext_target: str = "file:///etc/passwd") -> str:
    return (
        '<?xml version="1.0"?>\n'
        f'<!DOCTYPE html [<!ENTITY x SYSTEM "{ext_target}"><!ENTITY y "INTERNAL-ENTITY">'
        '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Port volumes &x; hit record</title>'
        '<link rel="stylesheet" href="http://203.0.113.9/x.css"/>'
        '<script src="http://203.0.113.9/x.js"></script></head><body><article>'
        "<h1>Port volumes hit record</h1>"
        f"<p>In a statement &x; issued on Monday, the operator said: {GOOD}</p>"
        "<p>Container volumes rose 12 percent in February &y; &lol2; as new shipping lines opened "
        "routes to Southeast Asia, the operator said.</p>"
        '<img src="http://203.0.113.9/pixel.gif"/><iframe src="file:///etc/passwd"></iframe>'
        "</article></body></html>"
    )


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """Every attempt to reach a host other than this machine is recorded and refused (loopback stays
    open: the Prefect test API listens there)."""
    attempts: list[Any] = []
    real_connect, real_getaddrinfo = socket.socket.connect, socket.getaddrinfo

    def local(host: Any) -> bool:
        return str(host) in ("127.0.0.1", "::1", "localhost", "0.0.0.0") or not isinstance(host, str)

    def connect(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(address, tuple) and not local(host):
            attempts.append(address)
            raise OSError("network access attempted")
        return real_connect(self, address)

    def getaddrinfo(host: Any, *args: Any, **kw: Any) -> Any:
        if host is not None and not local(host):
            attempts.append(host)
            raise OSError("name lookup attempted")
        return real_getaddrinfo(host, *args, **kw)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts


@pytest.mark.parametrize("name", ["a.html", "a.xhtml", "a.htm"])
def test_html_entities_are_never_resolved_nor_fetched(name: str, no_network: list[Any]) -> None:
    assert Path("/etc/passwd").exists()
    docs, errors = parse_raw(name, _xxe().encode())
    assert not errors and len(docs) == 1
    d = docs[0]
    blob = d.text + json.dumps(d.hints)
    assert _PASSWD_MARK not in blob and "/bin/" not in blob
    assert "INTERNAL-ENTITY" not in blob and "lollol" not in blob  # no expansion of any entity
    assert "Exports of cars to the region rose sharply" in d.text
    assert no_network == []


def test_xxe_inside_a_jsonl_html_field(no_network: list[Any]) -> None:
    rec = {"html": _xxe(), "url": "http://203.0.113.9/article", "title": "From feed"}
    docs, errors = parse_raw("feed.jsonl", json.dumps(rec).encode())
    assert not errors and _PASSWD_MARK not in docs[0].text
    assert docs[0].hints["url"] == "http://203.0.113.9/article"  # data, never fetched
    assert no_network == []


def test_strip_dtd_is_linear_and_keeps_the_document() -> None:
    assert strip_dtd("<!DOCTYPE html><p>a</p>") == "<p>a</p>"
    assert strip_dtd('<!DOCTYPE x [<!ENTITY a "b">]><p>a</p>') == "<p>a</p>"
    hostile = "<!DOCTYPE [" * 50_000 + "<!ENTITY " * 50_000
    assert _cpu(lambda: strip_dtd(hostile), 1) < 0.5


def test_jsonl_fields_never_steer_names_or_paths() -> None:
    recs = [
        {
            "source_file": "../../../etc/passwd",
            "path": "/etc/shadow",
            "id": "../../out/articles/_delta_log/00000.json",
            "file": "C:\\Windows\\system.ini",
            "title": "Exports\x1b[31m rise\u202e\x00 again\nand again",
            "author": {"nested": "object"},
            "url": "file:///etc/passwd",
            "text": GOOD,
        }
    ]
    docs, errors = parse_raw("feeds/feed.jsonl", "\n".join(json.dumps(r) for r in recs).encode())
    assert not errors
    d = docs[0]
    assert d.source_file == "feeds/feed.jsonl#1"
    assert d.hints["title"] == "Exports [31m rise again and again"  # one printable line
    assert d.hints["author"] is None and d.hints["url"] == "file:///etc/passwd"
    long_date = parse_raw("d.jsonl", json.dumps({"published": "March " * 300, "text": GOOD}).encode())
    assert len(long_date[0][0].hints["published"]) <= 100  # dateparser costs seconds on long junk
    assert _PASSWD_MARK not in d.text


def test_jsonl_lone_surrogates_and_controls_are_made_safe() -> None:
    line = '{"text": "Exports rose 5 percent \\ud800 in May\\u0000, data showed.\\u2028Second line."}'
    docs, _ = parse_raw("s.jsonl", line.encode())
    text = docs[0].text
    text.encode("utf-8")  # would raise on a lone surrogate (and so would writing the table)
    assert "\x00" not in text and "\ufffd" in text and "\nSecond line." in text


def test_unsafe_file_names_are_refused_with_a_printable_name(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "ok.txt").write_text(GOOD)
    (raw / "bad\x1b[2Jname.txt").write_text(GOOD)
    os.close(os.open(os.path.join(os.fsencode(raw), b"latin\xe9.txt"), os.O_CREAT | os.O_WRONLY))
    files, refused = list_raw_files(raw)
    assert [f.rel for f in files] == ["ok.txt"]
    shown = sorted((rel, e.check) for rel, e in refused)
    assert shown == [("bad\\x1b[2Jname.txt", "unsafe_file_name"), ("latin\\udce9.txt", "unsafe_file_name")]
    for rel, _ in refused:
        rel.encode("utf-8")


def test_directory_symlinks_outside_are_refused_and_never_walked(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    (raw / "sub").mkdir(parents=True)
    (raw / "sub" / "a.txt").write_text(GOOD)
    secret_dir = tmp_path / "secrets"
    secret_dir.mkdir()
    (secret_dir / "key.txt").write_text("SECRET")
    os.symlink(secret_dir, raw / "linked_out")
    os.symlink(raw / "sub", raw / "linked_in")
    files, refused = list_raw_files(raw)
    assert [f.rel for f in files] == ["sub/a.txt"]
    assert [(r, e.check) for r, e in refused] == [("linked_out", "symlink_outside_raw_dir")]


def test_a_garbage_feed_gives_a_bounded_number_of_rejects() -> None:
    data = ("{not json\n" * 100_000).encode()
    docs, errors = parse_raw("junk.jsonl", data)
    assert docs == [] and len(errors) == 101
    assert errors[-1].check == "too_many_records" and "line 101" in str(errors[-1])
    recs = "\n".join(json.dumps({"text": f"Record {i} says exports rose."}) for i in range(30))
    docs, errors = parse_raw("many.jsonl", recs.encode(), line_count=10)
    assert len(docs) == 10 and [e.check for e in errors] == ["too_many_records"]


def test_parser_failure_becomes_an_ingest_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    def boom(*a: Any, **k: Any) -> Any:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(trafilatura, "bare_extraction", boom)
    with pytest.raises(IngestError) as err:
        parse_raw("deep.html", b"<html><body>" + b"<div>" * 10 + b"</body></html>")
    assert err.value.check == "parse_error" and "RecursionError" in str(err.value)


# ----------------------------------------------------------------------------------- properties
_FRAGMENTS = [
    "\n", "\n\n", "\r\n", "\r", " ", "  ", "\t", ".", ". ", "$", "US$", "€", "£", "1", "1,", "2,000",
    "3.5", "12", "2026", "percent", "%", " billion", " million", " yuan", "about ", "more than ",
    "twice", "three", "twenty-five", "hundred", "By ", "Jane Doe", "Reporter", "Tel: +", "+82 2 ",
    "@", "www.", "http://", "©", "Copyright", "All rights reserved", "[", "]", "(", ")", "Photo: ",
    "Reuters", "Published: ", "Updated", "March 3, 2026", "2026-01-06", "Samsung", "Seoul", "U.S.",
    "South Korea", "China", "MOU", "signed", "agreement", "Mr. ", "\u201c", "\u201d", "\u2019", "'",
    '"', "-", "\u2014", "|", "\u00a0", "\u200b", "\ufeff", "\u2028", "\u0301", "\U0001f600", "한국",
    "中国", "The", "exports", "rose", "to", "in", "of", "the", "and", "Editor's note:",
]  # fmt: skip

text_strategy = st.lists(st.one_of(st.text(max_size=12), st.sampled_from(_FRAGMENTS)), max_size=40).map(
    "".join
)


def _input_lines(text: str) -> list[str]:
    """Independent oracle of the non-blank input lines (split on \\r\\n, \\r, \\n; stripped)."""
    return [s for s in (ln.strip() for ln in re.split(r"\r\n|\r|\n", text)) if s]


def check_clean(text: str) -> None:
    doc = clean_document(text)
    lines = _input_lines(text)
    paras = doc["paragraphs"]
    assert [p["position"] for p in paras] == list(range(len(lines)))
    stripped = {s["position"]: s["text"] for s in doc.get("stripped_prefixes", [])}
    body = []
    for p in paras:
        line = lines[p["position"]]
        if p["text"] != line:
            prefix = stripped.get(p["position"])
            assert prefix is not None, (p, line)
            assert line.startswith(prefix) and line[len(prefix) :].strip() == p["text"], (p, line)
        if p["role"] == "body":
            body.append(p["text"])
        dup = p["duplicate_of"]
        assert dup is None or 0 <= dup < p["position"]
    assert doc["body"] == "\n\n".join(body)
    assert doc["paragraph_count"] == len(body)
    for ln in segment_lines(text):
        assert text[ln.start : ln.end] == ln.text


def check_figures(text: str) -> None:
    figs = extract_figures(text)
    last = -1
    for i, f in enumerate(figs):
        assert 0 <= f["start"] < f["end"] <= len(text)
        assert text[f["start"] : f["end"]] == f["text"]
        assert f["text"] in f["sentence"] and f["sentence"] in text
        assert math.isfinite(f["value"])
        assert f["start"] >= last
        last = f["start"]
        eq = f["equivalent_to"]
        assert eq is None or 0 <= eq < i


def check_mentions(text: str) -> None:
    from newsfacts.extract.entities import extract_entities

    lines = text.split("\n")
    for m in extract_entities(text):
        para = lines[m["position"]]
        assert 0 <= m["start"] < m["end"] <= len(para), m
        assert para[m["start"] : m["end"]] == m["text"], m


def check_ingest(data: bytes, suffix: str) -> None:
    try:
        docs, errors = parse_raw(f"f{suffix}", data, line_chars=200, line_count=50)
    except IngestError as e:
        assert e.check and str(e).startswith(f"f{suffix}")
        return
    for d in docs:
        d.text.encode("utf-8")
        assert "\x00" not in d.text and "\r" not in d.text
        check_lines(d.text, d.source_file, 200, 50)
        assert d.source_file == f"f{suffix}" or d.source_file.startswith(f"f{suffix}#")
    assert all(isinstance(e, IngestError) for e in errors)


_CI = settings(
    max_examples=CI_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


@_CI
@given(text_strategy)
def test_property_clean_never_raises_and_paragraphs_come_from_the_input(text: str) -> None:
    check_clean(text)


@_CI
@given(text_strategy)
def test_property_figure_text_is_in_its_sentence(text: str) -> None:
    check_figures(text)


@settings(
    max_examples=max(10, CI_EXAMPLES // 2),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,
)
@given(text_strategy)
def test_property_mention_offsets_point_at_their_text(text: str) -> None:
    check_mentions(text)


@_CI
@given(
    st.one_of(st.binary(max_size=300), text_strategy.map(lambda s: s.encode("utf-8", "surrogatepass"))),
    st.sampled_from([".txt", ".html", ".jsonl"]),
)
def test_property_ingest_raises_only_ingest_errors(data: bytes, suffix: str) -> None:
    check_ingest(data, suffix)


# ----------------------------------------------------------------------------------- real flow runs
def _all_text(out: Path) -> str:
    from schemas import TABLES
    from store.publish import read_table

    return "\n".join(
        json.dumps(read_table(out, n).to_dicts(), default=str, ensure_ascii=False) for n in TABLES
    )


@pytest.mark.usefixtures("prefect_harness")
def test_hostile_raw_dir_is_quarantined_and_the_rest_publishes(
    seed_dir: Path, tmp_path: Path, no_network: list[Any]
) -> None:
    from flows.publish_dataset import publish_dataset
    from store.publish import read_table

    _sparse(seed_dir / "huge.txt", 200 * 1024 * 1024)
    (seed_dir / "dump.txt").write_text("Title\n" + "z" * 150_000 + "\n", encoding="utf-8")
    (seed_dir / "xxe.xhtml").write_text(_xxe(), encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("SECRET-OUTSIDE " + GOOD, encoding="utf-8")
    os.symlink(outside, seed_dir / "escape.txt")
    os.symlink("/etc/passwd", seed_dir / "passwd.txt")
    (seed_dir / "ctl\x07name.txt").write_text(GOOD, encoding="utf-8")
    feed = [
        {"source_file": "../../escaped.txt", "path": str(tmp_path / "abs.txt"), "text": ARTICLE},
        {"title": "../../../tmp/x", "id": "/etc/passwd", "text": "Trade rose 4 percent in May. " + GOOD},
    ]
    (seed_dir / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in feed), encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    out = tmp_path / "out"

    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out))

    all_rejects = read_table(out, "rejects").select("source_file", "check", "reason").rows()
    # seeds, the XHTML page, two JSONL records
    assert res["articles"] == 5 + 1 + 2, "\n".join(map(str, all_rejects))
    rejects = {r["source_file"]: r["check"] for r in read_table(out, "rejects").iter_rows(named=True)}
    assert rejects == {
        "huge.txt": "file_too_large",
        "dump.txt": "line_too_long",
        "escape.txt": "symlink_outside_raw_dir",
        "passwd.txt": "symlink_outside_raw_dir",
        "ctl\\x07name.txt": "unsafe_file_name",
    }
    sources = set(read_table(out, "articles")["source_file"])
    assert {"feed.jsonl#1", "feed.jsonl#2", "xxe.xhtml"} <= sources
    everything = _all_text(out)
    assert _PASSWD_MARK not in everything and "SECRET-OUTSIDE" not in everything
    # output paths are the run's own: nothing was written outside the out dir
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "out"])
    for p in out.rglob("*"):
        assert p.resolve().is_relative_to(out.resolve()), p
        assert ".." not in p.relative_to(out).parts
    assert no_network == []


@pytest.mark.usefixtures("prefect_harness")
def test_poisoned_document_in_extract_stage_is_quarantined_and_its_batch_publishes(
    seed_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsfacts.extract.figures as figures_mod
    from flows.publish_dataset import publish_dataset
    from store.publish import read_table

    real = figures_mod.extract_figures

    def poisoned(text: str) -> list[dict[str, Any]]:
        if "POISON-PILL" in text:
            raise RuntimeError("figure grammar exploded on purpose")
        return real(text)

    monkeypatch.setattr(figures_mod, "extract_figures", poisoned)
    (seed_dir / "poison.txt").write_text(
        "Exports hit a record\n\nThe POISON-PILL paragraph makes the figure extractor raise when it "
        "reads the 5 percent rise in exports that the ministry reported on Tuesday.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    # n_process=1: extraction in this process, where the monkeypatch applies (no worker pool)
    res = publish_dataset(raw_dir=str(seed_dir), out_dir=str(out), batch_size=256, n_process=1)
    assert res["articles"] == 5
    rejects = read_table(out, "rejects")
    row = rejects.filter(pl.col("source_file") == "poison.txt").row(0, named=True)
    assert row["check"] == "stage:extract"
    assert "RuntimeError: figure grammar exploded on purpose" in row["reason"]
    articles = read_table(out, "articles")
    assert "poison.txt" not in set(articles["source_file"])
    figures = read_table(out, "figures")
    assert figures.height > 0 and set(figures["article_id"]) <= set(articles["article_id"])
    assert read_table(out, "paragraphs").filter(pl.col("text").str.contains("POISON-PILL")).height == 0
