"""Text -> non-blank lines with character offsets (the unit every later cleaning stage labels)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Line:
    position: int  # 0-based order among non-blank lines
    line_no: int  # 1-based line number in the input (as an editor shows it)
    start: int  # char offset of the stripped text in the input
    end: int  # exclusive end offset; text == input[start:end]
    text: str  # the line, surrounding whitespace stripped
    blank_before: bool  # a blank line (or the start of the text) precedes it


def segment_lines(text: str) -> list[Line]:
    """Split on \\n, \\r\\n or \\r; drop blank lines; keep offsets into the original text.

    Linear in len(text): one pass with str.find, no regular expressions.
    """
    out: list[Line] = []
    n = len(text)
    i = 0
    line_no = 0
    blank = True
    while i <= n:
        line_no += 1
        j = text.find("\n", i)
        if j < 0:
            j = n
        seg_end = j
        # a lone \r also ends a line (old Mac files); handle it inside the segment
        k = text.find("\r", i, seg_end)
        while k >= 0 and k + 1 < seg_end:
            _emit(text, i, k, line_no, out, blank)
            blank = not text[i:k].strip()
            line_no += 1
            i = k + 1
            k = text.find("\r", i, seg_end)
        blank = _emit(text, i, seg_end, line_no, out, blank)
        i = j + 1
        if j == n:
            break
    return out


def _emit(text: str, a: int, b: int, line_no: int, out: list[Line], blank_before: bool) -> bool:
    """Append the stripped segment text[a:b] when non-blank; return True when it was blank."""
    seg = text[a:b]
    stripped = seg.strip()
    if not stripped:
        return True
    lead = len(seg) - len(seg.lstrip())
    start = a + lead
    out.append(Line(len(out), line_no, start, start + len(stripped), stripped, blank_before))
    return False


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Cheap sentence spans (start, end) on terminal punctuation followed by space + capital/quote.

    Linear scan; good enough for shape features (sentence count), not for NLP.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    i = 0
    while i < n:
        c = text[i]
        if c in ".!?" and i + 2 < n and text[i + 1] == " ":
            nxt = text[i + 2]
            if nxt.isupper() or nxt in "\"'\u201c\u2018(":
                spans.append((start, i + 1))
                start = i + 2
        i += 1
    if start < n and text[start:].strip():
        spans.append((start, n))
    return spans
