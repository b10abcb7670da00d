"""Review pages: each document's raw text with every extracted fact highlighted at its offsets (source grounding).

`newsware review [DOC] --out DIR` writes DIR/index.html (charts and the document list) and one page per document.
Pages are static HTML with inline CSS, no script and nothing fetched at view time. All text comes from untrusted
files and is escaped. Facts may overlap (an event's evidence contains figures and company names), so the text is cut
at every fact boundary and each piece is one <mark> naming, in data-facts, every fact that covers it.
"""
from __future__ import annotations

import hashlib
import html
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb

from flows.reports import ReportError, connect_read_only

KINDS = ("indicator", "enterprise", "organization", "event")
KIND_LABELS = {"indicator": "indicator", "enterprise": "enterprise mention", "organization": "organisation",
               "event": "event"}


@dataclass
class Fact:
    key: str           # f1, f2… within the page: anchors and data-facts tokens
    kind: str          # one of KINDS
    fact_id: str       # the warehouse id (or a made-up one for tables without ids)
    start: int
    end: int
    label: str         # one line for the list
    details: list[tuple[str, str]]  # shown on hover and in the list

    def valid_for(self, text: str) -> bool:
        return 0 <= self.start < self.end <= len(text)


def esc(value) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def page_name(doc_id: str) -> str:
    """A safe, unique file name for a document's page."""
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", doc_id).strip("._")[:80] or "doc"
    return f"{slug}-{hashlib.sha1(doc_id.encode('utf-8')).hexdigest()[:8]}.html"


# ---------------------------------------------------------------------------------------------------- reading

def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: list) -> list[dict]:
    rel = con.sql(sql, params=params)
    return [dict(zip(rel.columns, row)) for row in rel.fetchall()]


def _fmt_num(v) -> str:
    return "" if v is None else f"{v:.15g}" if isinstance(v, float) else str(v)


def load_facts(con: duckdb.DuckDBPyConnection, doc_id: str) -> list[Fact]:
    raw: list[tuple[str, str, int, int, str, list[tuple[str, str]]]] = []
    for r in _rows(con, "SELECT * FROM indicators WHERE doc_id = ? ORDER BY char_start, indicator_id", [doc_id]):
        value = f"{_fmt_num(r['value'])}{r['unit'] or ''}"
        label = f"{r['subject']} · {r['metric'] or r['metric_key'] or '?'} · {r['measure']} = {value}"
        raw.append(("indicator", r["indicator_id"], r["char_start"], r["char_end"], label, [
            ("subject", f"{r['subject']} ({r['subject_type']})"), ("metric", r["metric"]),
            ("metric_key", r["metric_key"]), ("measure", r["measure"]), ("value", value),
            ("normalised", f"{_fmt_num(r['value_norm'])} {r['unit_norm']}"), ("qualifier", r["qualifier"]),
            ("period", f"{r['period_label'] or ''} {r['period_start'] or ''}..{r['period_end'] or ''}".strip()),
            ("forecast", "yes" if r["is_forecast"] else "no"), ("id", r["indicator_id"])]))
    for r in _rows(con, "SELECT m.*, e.name FROM enterprise_mentions m LEFT JOIN enterprises e USING (enterprise_id) "
                        "WHERE m.doc_id = ? ORDER BY m.char_start, m.enterprise_id", [doc_id]):
        raw.append(("enterprise", f"{r['enterprise_id']}@{r['char_start']}", r["char_start"], r["char_end"],
                    f"{r['mention']} → {r['name']}", [("enterprise", r["name"]), ("mention", r["mention"]),
                                                        ("id", r["enterprise_id"])]))
    for r in _rows(con, "SELECT * FROM organizations WHERE doc_id = ? ORDER BY char_start, name", [doc_id]):
        raw.append(("organization", f"org:{r['name']}@{r['char_start']}", r["char_start"], r["char_end"],
                    f"{r['mention']} ({r['org_type']})", [("organisation", r["name"]), ("type", r["org_type"]),
                                                          ("mention", r["mention"])]))
    for r in _rows(con, "SELECT * FROM events WHERE doc_id = ? ORDER BY char_start, event_id", [doc_id]):
        when = f"{r['date_start'] or '?'}..{r['date_end'] or '?'}"
        raw.append(("event", r["event_id"], r["char_start"], r["char_end"],
                    f"{r['event_type']} · {r['date_text']} ({when})", [
                        ("type", r["event_type"]), ("date", f"{r['date_text']} → {when} ({r['date_precision']})"),
                        ("participants", ", ".join(r["participants"] or [])), ("location", r["location"]),
                        ("id", r["event_id"])]))
    raw.sort(key=lambda f: (f[2], -f[3], KINDS.index(f[0])))
    return [Fact(f"f{n}", kind, fid, start, end, label, [(k, "" if v is None else str(v)) for k, v in details])
            for n, (kind, fid, start, end, label, details) in enumerate(raw, start=1)]


# ---------------------------------------------------------------------------------------------------- rendering

def _tooltip(facts: list[Fact]) -> str:
    return "\n\n".join(f"{KIND_LABELS[f.kind]} {f.key}: " + "; ".join(f"{k}: {v}" for k, v in f.details if v)
                       for f in facts)


def highlight(text: str, facts: list[Fact]) -> str:
    """The text as HTML, with one <mark> per piece covered by facts and an anchor where each fact starts."""
    valid = [f for f in facts if f.valid_for(text)]
    cuts = sorted({0, len(text)} | {f.start for f in valid} | {f.end for f in valid})
    starts: dict[int, list[Fact]] = {}
    for f in valid:
        starts.setdefault(f.start, []).append(f)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        out += [f'<a class="anchor" id="{f.key}"></a>' for f in starts.get(a, [])]
        covering = [f for f in valid if f.start <= a and b <= f.end]
        piece = esc(text[a:b]).replace("\r", "&#13;")  # a bare CR would be turned into LF by the HTML parser
        if not covering:
            out.append(piece)
            continue
        kinds = sorted({f.kind for f in covering}, key=KINDS.index)
        out.append(f'<mark class="{" ".join("k-" + k for k in kinds)}" data-facts="{" ".join(f.key for f in covering)}"'
                   f' title="{esc(_tooltip(covering))}">{piece}</mark>')
    return "".join(out)


STYLE = """
body { font-family: system-ui, "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; color: #222; }
header { background: #1f3a5f; color: #fff; padding: .8em 1.5em; }
header a { color: #cde; }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5em; padding: 1em 1.5em; }
.text { white-space: pre-wrap; line-height: 1.9; font-size: 15px; border: 1px solid #ddd; padding: 1em; }
mark { background: none; color: inherit; border-radius: 2px; }
mark.k-event { border-bottom: 2px solid #d0413e; }
mark.k-organization { background: #d8f0d2; }
mark.k-enterprise { background: #cfe3ff; }
mark.k-indicator { background: #ffe08a; }
mark:hover { outline: 2px solid #333; cursor: help; }
.legend span { display: inline-block; padding: 0 .5em; margin-right: .5em; border-radius: 2px; }
.sw-indicator { background: #ffe08a; } .sw-enterprise { background: #cfe3ff; }
.sw-organization { background: #d8f0d2; } .sw-event { border-bottom: 2px solid #d0413e; }
table { border-collapse: collapse; font-size: 13px; width: 100%; }
th, td { border-bottom: 1px solid #eee; padding: 3px 6px; text-align: left; vertical-align: top; }
.facts { max-height: 85vh; overflow: auto; }
.facts td.span { font-family: monospace; white-space: nowrap; }
.bad { color: #b00; }
.bars td.bar { width: 60%; }
.bars div { background: #4a78b5; height: 14px; min-width: 1px; }
.bars div.k-event { background: #d0413e; } .bars div.k-enterprise { background: #6a9ee0; }
.bars div.k-indicator { background: #e0b020; }
section.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(320px, 1fr)); gap: 1.5em; }
.wrap { padding: 1em 1.5em; }
"""


def _page(title: str, body: str) -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{esc(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>\n")


def _legend(counts: Counter) -> str:
    return '<p class="legend">' + "".join(f'<span class="sw-{k}">{esc(KIND_LABELS[k])} ({counts[k]})</span>'
                                           for k in KINDS) + "</p>"


def render_document(doc: dict, facts: list[Fact]) -> str:
    text = doc["text"]
    rows = []
    for f in facts:
        ok = f.valid_for(text)
        span_text = text[f.start:f.end] if ok else ""
        link = (f'<a href="#{f.key}">{f.start}–{f.end}</a>' if ok
                else f'<span class="bad">{f.start}–{f.end}: outside the text</span>')
        rows.append(f'<tr id="list-{f.key}" data-fact="{f.key}" data-kind="{f.kind}" data-start="{f.start}" '
                    f'data-end="{f.end}"><td><span class="sw-{f.kind}">{esc(KIND_LABELS[f.kind])}</span></td>'
                    f'<td class="span">{link}</td><td>{esc(f.label)}<br><small>“{esc(span_text)}”</small></td></tr>')
    meta = " · ".join(esc(v) for v in (doc["publication"], doc["city"], doc["issue_date"], doc["source_path"]) if v)
    body = (f'<header><a href="index.html">← all documents</a><h1>{esc(doc["doc_id"])}</h1><div>{meta}</div>'
            f'</header><main><div><div class="legend-wrap">{_legend(Counter(f.kind for f in facts))}</div>'
            f'<div class="text" id="text">{highlight(text, facts)}</div></div>'
            f'<div class="facts"><h2>Facts ({len(facts)})</h2><table><thead><tr><th>kind</th><th>span</th>'
            f'<th>fact</th></tr></thead><tbody>{"".join(rows)}</tbody></table></div></main>')
    return _page(f"newsware review: {doc['doc_id']}", body)


def _bars(title: str, items: list[tuple[str, int]], kind: str) -> str:
    top = max((n for _, n in items), default=0) or 1
    rows = "".join(f'<tr><td>{esc(label)}</td><td class="bar"><div class="k-{kind}" style="width:{100 * n / top:.1f}%">'
                   f"</div></td><td>{n}</td></tr>" for label, n in items)
    return (f'<div class="chart" data-chart="{esc(title)}"><h3>{esc(title)}</h3>'
            f'<table class="bars">{rows or "<tr><td>none</td></tr>"}</table></div>')


def render_index(con: duckdb.DuckDBPyConnection, pages: dict[str, str]) -> str:
    months = con.sql("SELECT coalesce(strftime(date_trunc('month', date_start), '%Y-%m'), 'undated') AS m, count(*) "
                     "FROM events GROUP BY 1 ORDER BY 1").fetchall()  # 'undated' sorts after the digits
    enterprises = con.sql("SELECT coalesce(e.name, m.enterprise_id), count(*) AS n FROM enterprise_mentions m "
                          "LEFT JOIN enterprises e USING (enterprise_id) GROUP BY ALL ORDER BY n DESC, 1 LIMIT 15"
                          ).fetchall()
    metrics = con.sql("SELECT coalesce(metric_key, '(no key) ' || coalesce(metric, '?')) AS k, count(*) AS n "
                      "FROM indicators GROUP BY ALL ORDER BY n DESC, k LIMIT 15").fetchall()
    docs = _rows(con, """
        SELECT d.doc_id, d.publication, d.issue_date, length(d.text) AS characters,
               (SELECT count(*) FROM indicators i WHERE i.doc_id = d.doc_id) AS indicators,
               (SELECT count(*) FROM enterprise_mentions m WHERE m.doc_id = d.doc_id) AS enterprise_mentions,
               (SELECT count(*) FROM organizations o WHERE o.doc_id = d.doc_id) AS organizations,
               (SELECT count(*) FROM events e WHERE e.doc_id = d.doc_id) AS events
        FROM documents d ORDER BY d.issue_date NULLS LAST, d.doc_id""", [])
    rows = []
    for d in docs:
        name = pages.get(d["doc_id"])
        link = f'<a href="{esc(name)}">{esc(d["doc_id"])}</a>' if name else esc(d["doc_id"])
        rows.append(f"<tr><td>{link}</td><td>{esc(d['publication'])}</td><td>{esc(d['issue_date'])}</td>"
                    + "".join(f"<td>{d[k]}</td>" for k in ("characters", "indicators", "enterprise_mentions",
                                                           "organizations", "events")) + "</tr>")
    body = (f"<header><h1>newsware review</h1><div>{len(docs)} documents: every extracted fact shown on its source "
            f"text</div></header><div class=\"wrap\"><section class=\"charts\">"
            f"{_bars('Events per month', months, 'event')}"
            f"{_bars('Top enterprises (mentions)', enterprises, 'enterprise')}"
            f"{_bars('Indicators by metric', metrics, 'indicator')}</section>"
            f"<h2>Documents</h2><table id=\"documents\"><thead><tr><th>document</th><th>publication</th>"
            f"<th>issue date</th><th>characters</th><th>indicators</th><th>enterprise mentions</th>"
            f"<th>organisations</th><th>events</th></tr></thead><tbody>{''.join(rows)}</tbody></table></div>")
    return _page("newsware review", body)


def write_review(db_path: str | Path, out_dir: str | Path, doc: str | None = None) -> list[Path]:
    """Write the pages (one document's, matched by doc_id or source_path, or every one's) and the index."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    with connect_read_only(db_path) as con:
        where, params = ("WHERE doc_id = ? OR source_path = ?", [doc, doc]) if doc else ("", [])
        docs = _rows(con, f"SELECT doc_id, source_path, publication, city, issue_date, text FROM documents {where} "
                          "ORDER BY doc_id", params)
        if doc and not docs:
            raise ReportError(f"no document {doc!r} in the warehouse (give a doc_id or a source_path)")
        for d in docs:
            path = out / page_name(d["doc_id"])
            path.write_text(render_document(d, load_facts(con, d["doc_id"])), encoding="utf-8")
            written.append(path)
        all_ids = [r[0] for r in con.sql("SELECT doc_id FROM documents").fetchall()]
        pages = {i: page_name(i) for i in all_ids if (out / page_name(i)).is_file()}
        index = out / "index.html"
        index.write_text(render_index(con, pages), encoding="utf-8")
    return [index] + written


# ---------------------------------------------------------------------------------------------------- command

def add_parser(sub, common) -> None:
    p = sub.add_parser("review", help="write HTML pages showing every fact highlighted on its source text",
                       description="Write a static HTML review page per document (every extracted fact highlighted "
                                   "at its offsets, details on hover) and an index page with charts.")
    common(p)
    p.add_argument("doc", nargs="?", help="one document (doc_id or source_path); default: every document")
    p.add_argument("--out", default="review", help="output folder (default ./review)")


def command(args) -> int:
    try:
        paths = write_review(args.db, args.out, args.doc)
    except (ReportError, duckdb.Error) as err:
        print(f"newsware review: {err}", file=sys.stderr)
        return 2
    print(f"wrote {len(paths) - 1} document page(s) and {paths[0]}")
    return 0
