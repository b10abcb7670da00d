"""One decoded page to its fact rows: clean, segment, then the enterprise, indicator and event extractors.

Extractors see cleaned article text; every span they return is mapped back here to offsets in the raw decoded text.
"""
from __future__ import annotations

from transforms.clean import CleanText, clean_text
from transforms.context import ArticleContext
from transforms.enterprises import EnterpriseExtraction, extract_enterprises
from transforms.events import extract_events
from transforms.indicators import extract_indicators
from transforms.segment import Article, segment_articles

FACT_TABLES = ("articles", "indicator_facts", "doc_enterprises", "doc_enterprise_mentions", "organizations",
               "event_facts", "event_mentions")


def _article_contexts(doc: dict, clean: CleanText, articles: list[Article]) -> list[ArticleContext]:
    return [ArticleContext(text=clean.text[a.start:a.end], issue_date=doc["issue_date"], city=doc["city"],
                           publication=doc["publication"], headline=a.headline, doc_id=doc["doc_id"],
                           article_id=f"{doc['doc_id']}#{a.seq}", head=_head(clean.text, a)) for a in articles]


def _head(text: str, a: Article) -> str:
    """The article's headline lines as they stand before its body, anything else in between blanked (same length)."""
    if not a.lead:
        return ""
    lo = a.lead[0].start
    chars = ["\n"] * (a.start - lo)
    for b in a.lead:
        chars[b.start - lo:b.end - lo] = text[b.start:b.end]
    return "".join(chars)


class _SpanMapper:
    """Article-relative cleaned offsets to raw document offsets."""

    def __init__(self, clean: CleanText, articles: list[Article], contexts: list[ArticleContext]):
        self.clean = clean
        self.article_start = {ctx.article_id: a.start for a, ctx in zip(articles, contexts)}

    def raw(self, article_id: str, start: int, end: int) -> tuple[int, int]:
        base = self.article_start[article_id]
        return self.clean.raw_span(base + start, base + end)

    def of_article(self, article_id: str):
        """raw(article_id, start, end) as a function of (start, end): for the ~225 indicator facts of a page."""
        base, raw_span = self.article_start[article_id], self.clean.raw_span
        return lambda start, end: raw_span(base + start, base + end)


def page_fact_rows(doc: dict) -> dict[str, list[dict]]:
    """`doc` has doc_id, text, issue_date (date or None), city, publication. Returns rows per warehouse table."""
    clean = clean_text(doc["text"])
    articles = segment_articles(clean)
    contexts = _article_contexts(doc, clean, articles)
    spans = _SpanMapper(clean, articles, contexts)
    doc_id = doc["doc_id"]
    rows: dict[str, list[dict]] = {t: [] for t in FACT_TABLES}

    for a, ctx in zip(articles, contexts):
        start, end = clean.raw_span(a.start, a.end)
        rows["articles"].append(dict(doc_id=doc_id, article_id=ctx.article_id, seq=a.seq, headline=a.headline,
                                     byline=a.byline, text=ctx.text, char_start=start, char_end=end))

    companies = extract_enterprises(contexts)
    _enterprise_rows(doc_id, companies, spans, rows)
    names = {e["entity_key"]: e["name"] for e in companies.entities}

    indicator_rows = rows["indicator_facts"]
    for ctx in contexts:
        article_id = ctx.article_id
        mentions = [dict(m, name=names.get(m["entity_key"], m["mention"]))
                    for m in companies.mentions if m["article_id"] == article_id]
        to_raw = spans.of_article(article_id)
        for n, fact in enumerate(extract_indicators(ctx, mentions), start=1):  # fresh dicts: turned into rows in place
            fact["char_start"], fact["char_end"] = to_raw(fact.pop("start"), fact.pop("end"))
            fact["indicator_id"] = f"{article_id}:i{n}"
            fact["doc_id"] = doc_id
            fact["article_id"] = article_id
            indicator_rows.append(fact)

    for n, event in enumerate(extract_events(contexts, companies), start=1):
        event_id = f"{doc_id}:e{n}"
        start, end = spans.raw(event["article_id"], event["start"], event["end"])
        row = {k: v for k, v in event.items() if k not in ("start", "end", "mentions")}
        rows["event_facts"].append(dict(row, event_id=event_id, doc_id=doc_id, char_start=start, char_end=end))
        for m in event.get("mentions") or [dict(article_id=event["article_id"], start=event["start"],
                                                  end=event["end"], evidence=event["evidence"])]:
            m_start, m_end = spans.raw(m["article_id"], m["start"], m["end"])
            rows["event_mentions"].append(dict(event_id=event_id, doc_id=doc_id, article_id=m["article_id"],
                                               evidence=m["evidence"], char_start=m_start, char_end=m_end))
    return rows


def _enterprise_rows(doc_id: str, companies: EnterpriseExtraction, spans: _SpanMapper, rows: dict) -> None:
    for e in companies.entities:
        rows["doc_enterprises"].append(dict(doc_id=doc_id, entity_key=e["entity_key"], name=e["name"],
                                            short_name=e.get("short_name"), region=e.get("region"),
                                            industry=e.get("industry"), org_form=e.get("org_form"),
                                            aliases=list(e.get("aliases") or [e["name"]])))
    for m in companies.mentions:
        start, end = spans.raw(m["article_id"], m["start"], m["end"])
        rows["doc_enterprise_mentions"].append(dict(doc_id=doc_id, entity_key=m["entity_key"],
                                                    article_id=m["article_id"], mention=m["mention"],
                                                    char_start=start, char_end=end))
    for o in companies.organizations:
        start, end = spans.raw(o["article_id"], o["start"], o["end"])
        rows["organizations"].append(dict(doc_id=doc_id, article_id=o["article_id"], name=o["name"],
                                          org_type=o["org_type"], mention=o.get("mention", o["name"]),
                                          char_start=start, char_end=end))

