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
    kinds = tomllib.loads(LEXICON.read_text(encoding="utf-8"))["kinds"]
    return [(kind, re.compile(p)) for kind, patterns in kinds.items() for p in patterns]


def line_kind(line: str) -> tuple[str, str | None]:
    """Classify one stripped line as page furniture (byline, continuation…) or ordinary text ("text")."""
    compact = re.sub(r"\s+", "", line)
    if len(compact) <= 40:
        for kind, pattern in _furniture_patterns():
            m = pattern.search(compact) if kind == "caption" else pattern.match(compact)
            if m:
                return kind, m.groupdict().get("name")
    return "text", None


def _is_cjk(ch: str) -> bool:
    return ord(ch) > 0x2E7F


def _squeeze(chars: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Drop whitespace unless it separates two ASCII words ("Mini LED"); digits and CJK never keep a space."""
    out: list[tuple[str, int]] = []
    i, n = 0, len(chars)
    while i < n:
        ch, pos = chars[i]
        if not ch.isspace():
            out.append((ch, pos))
            i += 1
            continue
        j = i
        while j < n and chars[j][0].isspace():
            j += 1
        if out and j < n:
            prev, nxt = out[-1][0], chars[j][0]
            keep = (prev.isascii() and nxt.isascii() and prev.isalnum() and nxt.isalnum()
                    and not (prev.isdigit() and nxt.isdigit()) and not _is_cjk(prev) and not _is_cjk(nxt))
            if keep:
                out.append((" ", pos))
        i = j
    return out


def _width(line: str) -> float:
    """Printed width in CJK cells: half-width characters and the spaces PDF extraction put around them count half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in line.strip())


def ends_sentence(text: str) -> bool:
    if not text:
        return True
    if text[-1] in SENTENCE_END or text.endswith("……"):
        return True
    return text[-1] in QUOTE_CLOSE and len(text) > 1 and text[-2] in SENTENCE_END + "…"


@dataclass
class _Line:
    chars: list[tuple[str, int]]
    kind: str
    name: str | None
    width: float

    @property
    def text(self) -> str:
        return "".join(ch for ch, _ in self.chars)


def _raw_lines(raw: str) -> list[_Line]:
    lines, pos = [], 0
    for part in raw.split("\n"):
        chars = [(ch.translate(FULLWIDTH_TO_ASCII), pos + k) for k, ch in enumerate(part) if ch != "\r"]
        pos += len(part) + 1
        chars = _squeeze(chars)
        if not chars:
            continue
        kind, name = line_kind("".join(ch for ch, _ in chars))
        lines.append(_Line(chars, kind, name, _width(part)))
    return lines


def _typical_widths(lines: list[_Line], behind: int = 2, ahead: int = 4) -> list[float]:
    """The column width at each line: most lines of a column are full, so take the upper quartile of the lines around it,
    looking mostly ahead, since a paragraph goes on in the column it starts in."""
    widths = [ln.width if ln.kind == "text" else 0.0 for ln in lines]
    typical = []
    for i in range(len(lines)):
        near = sorted(w for w in widths[max(0, i - behind): i + ahead + 1] if w) or [lines[i].width]
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
    out_chars: list[str] = []
    out_index: list[int] = []
    blocks: list[Block] = []
    para: list[tuple[str, int]] = []
    para_kind, para_name = "text", None
    for i, line in enumerate(lines):
        if para and para[-1][0].isascii() and para[-1][0].isalnum() and line.chars[0][0].isascii() \
                and line.chars[0][0].isalpha():
            para.append((" ", line.chars[0][1] - 1))  # "Mini\nLED" keeps a word break
        para.extend(line.chars)
        para_kind, para_name = line.kind, line.name
        prev_width = lines[i - 1].width if len(para) > len(line.chars) else None
        if i + 1 < len(lines) and _continues(line, typical[i], lines[i + 1], prev_width):
            continue
        if out_chars:
            out_chars.append("\n")
            out_index.append(max(para[0][1] - 1, 0))
        start = len(out_chars)
        out_chars.extend(ch for ch, _ in para)
        out_index.extend(pos for _, pos in para)
        text = "".join(ch for ch, _ in para)
        blocks.append(Block(_block_kind(para_kind, text), start, len(out_chars), text, para_name))
        para = []
    return CleanText("".join(out_chars), out_index, blocks)
