"""Split a cleaned page into articles: reading order, headline where one can be placed, byline, body span."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from transforms.clean import Block, CleanText, ends_sentence, inline_byline

MIN_ARTICLE_START = 40  # a prose block this long in the gutter between articles starts a new article, not a caption


@dataclass
class Article:
    seq: int
    start: int                 # [start, end) in CleanText.text
    end: int
    headline: str | None = None
    byline: str | None = None
    blocks: list[Block] = field(default_factory=list)
    lead: list[Block] = field(default_factory=list)   # headline and subtitle lines right before the body, in order


@dataclass
class _Draft:
    leading: list[Block] = field(default_factory=list)   # headings before the first prose block
    body: list[Block] = field(default_factory=list)
    byline: str | None = None


# everything up to U+2E7F (Latin, digits, general punctuation) and CJK punctuation: dropped before taking pairs
_NOT_BIGRAM_CHAR = re.compile("[\u0000-\u2e7f，。、“”：；！？（）《》—…]+")


def _bigram_chars(text: str) -> str:
    return _NOT_BIGRAM_CHAR.sub("", text)


def _bigrams(text: str) -> set[str]:
    chars = _bigram_chars(text)
    return set(map(str.__add__, chars, chars[1:]))


def _trailing_headings(draft: _Draft) -> list[Block]:
    """Headings at the end of an article precede nothing in it: they float (a headline of another article)."""
    tail = []
    while draft.body and draft.body[-1].kind == "heading":
        tail.insert(0, draft.body.pop())
    return tail


def _drafts(blocks: list[Block]) -> tuple[list[_Draft], list[list[Block]]]:
    drafts: list[_Draft] = []
    floating: list[list[Block]] = []
    current: _Draft | None = _Draft()
    gutter: list[Block] = []

    def close() -> None:
        nonlocal current
        if current is not None and current.body:
            floating.append(_trailing_headings(current))
            drafts.append(current)
        elif current is not None and current.leading:
            floating.append(current.leading)
        current = None

    for block in blocks:
        if block.kind in ("byline", "continuation"):
            if current is not None and not any(ends_sentence(b.text) for b in current.body):
                # only headline lines so far (a two-line headline can look like prose): the byline is this story's
                current.leading += current.body
                current.body = []
                current.byline = current.byline or block.byline_name
                continue
            close()
            floating.append(gutter)
            gutter = []
            current = _Draft(byline=block.byline_name)
        elif block.kind == "end_note":
            close()
        elif block.kind in ("dateline", "caption"):
            continue
        elif current is None:
            if block.kind == "body" and len(block.text) >= MIN_ARTICLE_START and ends_sentence(block.text):
                current = _Draft(leading=[b for b in gutter if b.kind == "heading"])
                gutter = []
                current.body.append(block)
            else:
                gutter.append(block)
        elif block.kind == "heading" and not current.body:
            current.leading.append(block)
        elif block.kind == "body" and current.body and inline_byline(block.text):
            # "本报讯（记者 X）…" opens a new story; the headings just before it are its headline
            headings = _trailing_headings(current)
            close()
            current = _Draft(leading=headings, body=[block])
        else:
            current.body.append(block)
    close()
    floating.append(gutter)
    return drafts, [[b for b in group if not ends_sentence(b.text)] for group in floating if group]


def _place_floating_headlines(drafts: list[_Draft], floating: list[list[Block]]) -> dict[int, str]:
    """Give each headline-less article the floating heading group that shares most character pairs with its text."""
    groups = [(g, grams) for g, group in enumerate(floating) if (grams := _bigrams("".join(b.text for b in group)))]
    # an article body is long: look its few heading pairs up in its text rather than building the body's own pair set
    bodies = {a: _bigram_chars("".join(b.text for b in d.body)) for a, d in enumerate(drafts) if not d.leading} if groups else {}
    scored = [(sum(gram in body for gram in grams) / len(grams), g, a) for g, grams in groups for a, body in bodies.items()]
    placed: dict[int, str] = {}
    used: set[int] = set()
    for score, g, a in sorted(scored, reverse=True):
        if score >= 0.3 and g not in used and a not in placed:
            placed[a] = floating[g][0].text
            used.add(g)
    return placed


def segment_articles(clean: CleanText) -> list[Article]:
    drafts, floating = _drafts(clean.blocks)
    placed = _place_floating_headlines(drafts, floating)
    articles = []
    for seq, draft in enumerate(drafts, start=1):
        headline = draft.leading[0].text if draft.leading else placed.get(seq - 1)
        articles.append(Article(seq=seq, start=draft.body[0].start, end=draft.body[-1].end, headline=headline,
                                byline=draft.byline or inline_byline(draft.body[0].text), blocks=draft.body,
                                lead=[b for b in draft.leading if b.end <= draft.body[0].start]))
    return articles
