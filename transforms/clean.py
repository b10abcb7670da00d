"""Undo PDF extraction: join broken lines, drop stray spaces, tag page furniture, keep every offset.

The result is a cleaned text plus `raw_index`: for each cleaned character, the offset of the raw character it came from,
so any span found in the cleaned text maps back to `documents.text`.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).parent / "lexicons" / "page_furniture.toml"

_FULLWIDTH = {0xFF05: "%", 0xFF0E: ".", 0xFF0B: "+", 0xFF0D: "-", 0x3000: " "}
_FULLWIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF10, 0xFF1A)})  # ０-９
_FULLWIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF21, 0xFF3B)})  # Ａ-Ｚ
_FULLWIDTH.update({c: chr(c - 0xFEE0) for c in range(0xFF41, 0xFF5B)})  # ａ-ｚ
FULLWIDTH_TO_ASCII = str.maketrans(_FULLWIDTH)
_FULLWIDTH_CHAR = re.compile("[" + "".join(map(chr, _FULLWIDTH)) + "]")

SENTENCE_END = "。！？；!?;"
QUOTE_CLOSE = "”’」』）)"
OPEN_ENDINGS = "，、：:（(“‘《〈—-"  # a line ending in these always continues
# A line this close to its column's width was broken by the layout, not by the author. First lines of paragraphs lose
# their two-cell indent in extraction, hence the absolute allowance.
FULL_LINE_RATIO, INDENT_CELLS = 0.7, 5.0


@dataclass(frozen=True)
class Block:
    kind: str        # body | heading | byline | continuation | end_note | dateline | caption
    start: int       # [start, end) in CleanText.text
    end: int
    text: str
    byline_name: str | None = None


@dataclass(frozen=True)
class CleanText:
    text: str
    raw_index: list[int]
    blocks: list[Block]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a cleaned [start, end) span to the raw [start, end) span it came from."""
        if end <= start:
            return self.raw_index[start], self.raw_index[start]
        return self.raw_index[start], self.raw_index[end - 1] + 1


@lru_cache(maxsize=1)
def _furniture_patterns() -> list[tuple[str, re.Pattern]]:
    kinds = tomllib.loads(LEXICON.read_text(encoding="utf-8"))["kinds"]  # one pattern list per furniture kind
    return [(kind, re.compile(p)) for kind, patterns in kinds.items() for p in patterns]


_GROUP_NAME = re.compile(r"\(\?P<\w+>")


@lru_cache(maxsize=1)
def _any_furniture() -> re.Pattern:
    """One regex that matches (at the start) wherever some furniture pattern would: most short lines are prose, and
    one compiled pass rejects them faster than trying each pattern in turn. Group names are dropped (they repeat)."""
    alternatives = [_GROUP_NAME.sub("(?:", p.pattern) for _kind, p in _furniture_patterns()]
    return re.compile("|".join(f".*?(?:{a})" if kind == "caption" else f"(?:{a})"
                               for (kind, _p), a in zip(_furniture_patterns(), alternatives)))


@lru_cache(maxsize=1)
def _inline_byline_patterns() -> list[re.Pattern]:
    lexicon = tomllib.loads(LEXICON.read_text(encoding="utf-8"))
    return [re.compile(p) for p in lexicon["inline_byline"]["patterns"]]


@lru_cache(maxsize=1)
def _any_inline_byline() -> re.Pattern:
    """All inline byline patterns in one regex (group names dropped): most paragraphs open with none of them."""
    return re.compile("|".join(f"(?:{_GROUP_NAME.sub('(?:', p.pattern)})" for p in _inline_byline_patterns()))


def inline_byline(paragraph: str) -> str | None:
    """The reporter named at the start of a paragraph ("本报讯（记者 李明）…", "…见习记者程浩 东莞报道 …")."""
    head = _SPACE_RUN.sub("", paragraph[:60])
    if not _any_inline_byline().match(head):
        return None
    for pattern in _inline_byline_patterns():
        m = pattern.match(head)
        if m:
            return m["name"]
    return None


def line_kind(line: str) -> tuple[str, str | None]:
    """Classify one stripped line as page furniture (byline, continuation…) or ordinary text ("text")."""
    compact = _SPACE_RUN.sub("", line)
    if len(compact) <= 40 and _any_furniture().match(compact):
        for kind, pattern in _furniture_patterns():
            m = pattern.search(compact) if kind == "caption" else pattern.match(compact)
            if m:
                return kind, m.groupdict().get("name")
    return "text", None


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E7F


# \s is exactly str.isspace() for str patterns; written \s\s* (not \s+) so that the pattern starts with a character
# class, which lets the regex engine skip to the next whitespace instead of trying every position
_SPACE_RUN = re.compile(r"\s\s*")
_OFFSETS: list[int] = []


def _offsets(start: int, end: int) -> list[int]:
    """list(range(start, end)), sliced from one shared list: the int objects are made once, not once per page.
    The list is replaced, never extended in place, so extract threads sharing a process always slice a whole one."""
    global _OFFSETS
    offsets = _OFFSETS
    if end > len(offsets):
        offsets = _OFFSETS = list(range(2 * end))
    return offsets[start:end]


def _keeps_space(prev: str, nxt: str) -> bool:
    """Whitespace survives only between two ASCII words ("Mini LED"); digits and CJK never keep a space."""
    return (prev.isascii() and nxt.isascii() and prev.isalnum() and nxt.isalnum()
            and not (prev.isdigit() and nxt.isdigit()) and not _is_cjk(prev) and not _is_cjk(nxt))


def _to_ascii(text: str) -> str:
    """FULLWIDTH_TO_ASCII, touching only the characters it maps (str.translate with a dict is slow on CJK text)."""
    return _FULLWIDTH_CHAR.sub(lambda m: _FULLWIDTH[ord(m.group())], text)


def _squeeze(part: str, pos: int) -> tuple[str, list[int]]:
    """One line, already mapped to ASCII (starting at raw offset `pos`), to its squeezed text and each kept
    character's raw offset. Works on runs of characters, not one at a time: this is the hottest loop of a page."""
    if not _SPACE_RUN.search(part):
        return part, _offsets(pos, pos + len(part))  # most lines: nothing to squeeze (\r is whitespace too)
    if "\r" in part:
        keep = [k for k, ch in enumerate(part) if ch != "\r"]
        line = "".join(part[k] for k in keep)
        offsets = [pos + k for k in keep]
        span = offsets.__getitem__
        def run(a: int, b: int):
            return span(slice(a, b))
    else:
        line = part
        def run(a: int, b: int):
            return _offsets(pos + a, pos + b)
    pieces: list[str] = []
    index: list[int] = []
    last = 0
    for m in _SPACE_RUN.finditer(line):
        i, j = m.span()
        if i > last:
            pieces.append(line[last:i])
            index.extend(run(last, i))
        if i > 0 and j < len(line) and _keeps_space(line[i - 1], line[j]):
            pieces.append(" ")
            index.extend(run(i, i + 1))
        last = j
    if last < len(line):
        pieces.append(line[last:])
        index.extend(run(last, len(line)))
    return "".join(pieces), index


def _width(line: str) -> float:
    """Printed width in CJK cells: half-width characters and the spaces PDF extraction put around them count half."""
    stripped = line.strip()
    return len(stripped) - 0.5 * len(stripped.encode("ascii", "ignore"))


def ends_sentence(text: str) -> bool:
    if not text:
        return True
    if text[-1] in SENTENCE_END or text.endswith("……"):
        return True
    return text[-1] in QUOTE_CLOSE and len(text) > 1 and text[-2] in SENTENCE_END + "…"


@dataclass
class _Line:
    text: str            # squeezed
    index: list[int]     # raw offset of each character of `text`
    kind: str
    name: str | None
    width: float


def _raw_lines(raw: str) -> list[_Line]:
    lines, pos = [], 0
    # the mapping is one character to one, so the mapped text splits into the same lines at the same offsets
    for part, mapped in zip(raw.split("\n"), _to_ascii(raw).split("\n")):
        text, index = _squeeze(mapped, pos)
        pos += len(part) + 1
        if not text:
            continue
        kind, name = line_kind(text)
        lines.append(_Line(text, index, kind, name, _width(part)))
    return lines


def _typical_widths(lines: list[_Line], behind: int = 2, ahead: int = 4) -> list[float]:
    """The column width at each line: most lines of a column are full, so take the upper quartile of the lines around it,
    looking mostly ahead, since a paragraph goes on in the column it starts in."""
    widths = [ln.width if ln.kind == "text" else 0.0 for ln in lines]
    typical = []
    for i in range(len(lines)):
        near = sorted(filter(None, widths[max(0, i - behind): i + ahead + 1])) or [lines[i].width]
        typical.append(near[(3 * len(near)) // 4] if len(near) > 1 else near[0])
    return typical


def _continues(line: _Line, typical: float, nxt: _Line, prev_width: float | None) -> bool:
    """Was `line` broken by the layout? `prev_width` is the width of the line before it in the same paragraph."""
    if line.kind != "text" or nxt.kind != "text":
        return False
    text = line.text
    if ends_sentence(text):
        return False
    if text[-1] in OPEN_ENDINGS or line.width >= max(FULL_LINE_RATIO * typical, typical - INDENT_CELLS):
        return True
    return prev_width is not None and line.width >= prev_width - 1  # as full as the paragraph's line before it


def _block_kind(line_kind_: str, text: str) -> str:
    if line_kind_ != "text":
        return line_kind_
    return "body" if ends_sentence(text) or len(text) > 40 else "heading"


def clean_text(raw: str) -> CleanText:
    lines = _raw_lines(raw)
    typical = _typical_widths(lines)
    out_text: list[str] = []
    out_index: list[int] = []
    out_len = 0
    blocks: list[Block] = []
    para: list[str] = []
    para_index: list[int] = []
    for i, line in enumerate(lines):
        continuing = bool(para)
        if continuing and para[-1][-1].isascii() and para[-1][-1].isalnum() and line.text[0].isascii() \
                and line.text[0].isalpha():
            para.append(" ")
            para_index.append(line.index[0] - 1)  # "Mini\nLED" keeps a word break
        para.append(line.text)
        para_index.extend(line.index)
        prev_width = lines[i - 1].width if continuing else None
        if i + 1 < len(lines) and _continues(line, typical[i], lines[i + 1], prev_width):
            continue
        if out_text:
            out_text.append("\n")
            out_index.append(max(para_index[0] - 1, 0))
            out_len += 1
        text = "".join(para)
        out_text.append(text)
        out_index.extend(para_index)
        blocks.append(Block(_block_kind(line.kind, text), out_len, out_len + len(text), text, line.name))
        out_len += len(text)
        para, para_index = [], []
    return CleanText("".join(out_text), out_index, blocks)
