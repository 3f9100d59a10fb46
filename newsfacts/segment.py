"""Text -> non-blank lines with character offsets (the unit every later cleaning stage labels), and
paragraphs -> sentences: the one home of line and sentence splitting.

- `segment_lines`: the lines every cleaning stage labels;
- `sentence_spans`: sentences of a paragraph for the NLP stages (abbreviations, initials and short
  month names do not end a sentence);
- `split_sentences`: a cruder split (any terminal punctuation before a capital) for shape features.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsfacts.dates import MONTHS


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


# words that a full stop after them does not make the end of a sentence ("Mr. Lee", "Sdn. Bhd.",
# "the U.S. and", "Jan. 9"); short month names, but not "May" nor "in March. On Tuesday"
ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st jr sr co corp inc ltd sdn pte pty no vs etc gov sen rep gen col lt capt approx "
    "dept est fig e.g i.e u.s u.k u.n".split()
) | {m for m in MONTHS if len(m) <= 4 and m != "may"}
_LONGEST_ABBREVIATION = max(map(len, ABBREVIATIONS))
_SENT_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+")


def sentence_spans(par: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets in a paragraph; rules, no model. Linear in len(par).

    A sentence ends at terminal punctuation (closing quotes or brackets may follow) and whitespace
    before a capital, a digit or an opening quote or bracket, unless the full stop follows an
    abbreviation or a single letter: "Perdana Marine Engineering Sdn. Bhd. signed a deal with J.
    Smith Co. on Jan. 9. Talks went on." has two sentences.
    """
    spans = []
    start = 0
    for m in _SENT_END.finditer(par):
        end = m.end()
        if end >= len(par):
            break
        nxt = par[end]
        if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'\u201c\u2018("):
            continue
        last = _last_word(par, start, m.start()).casefold().rstrip(".")
        if "." in m.group() and (last in ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        spans.append((start, m.start() + len(m.group().rstrip())))
        start = end
    if par[start:].strip():
        spans.append((start, len(par.rstrip())))
    return spans


def _last_word(text: str, start: int, end: int) -> str:
    """The last whitespace-separated word of text[start:end] (as `rsplit(None, 1)[-1]` gives it), or
    only its last characters when it is longer than any abbreviation: bounded work per full stop."""
    j = end
    while j > start and text[j - 1].isspace():
        j -= 1
    i = j
    while i > start and not text[i - 1].isspace() and j - i <= _LONGEST_ABBREVIATION:
        i -= 1
    return text[i:j]
