"""What every extractor receives: one article's cleaned text and the facts about its issue."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ArticleContext:
    text: str                  # cleaned article text; paragraphs separated by "\n"; offsets index into this
    issue_date: date | None    # None when the document has no known issue date: leave relative dates unresolved
    city: str | None           # the publication's home city (全市/我市 mean this city), e.g. 武汉市
    publication: str | None    # e.g. 长江日报
    headline: str | None = None
    doc_id: str = ""
    article_id: str = ""
    # The headline and subtitle lines before the body ("——2024年1月31日在…会议上"), as they stand in the cleaned page
    # right before `text` (other characters in between blanked to "\n"): head[i] sits at offset i - len(head) of `text`.
    # Only the event extractor reads it; spans into it are returned as negative offsets.
    head: str = ""
