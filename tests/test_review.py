"""Review pages: every fact highlighted exactly at its span, everything escaped; and in headless Chromium, as a user."""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import time
import urllib.request
from datetime import date
from html.parser import HTMLParser

import duckdb
import pytest

from flows import review
from flows.cli import main

FACT_COUNTS = {"indicator": "indicators", "enterprise": "enterprise_mentions", "organization": "organizations",
               "event": "events"}


class PageParser(HTMLParser):
    """The text div's characters, which fact keys cover each one, the fact list and every tag seen."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.cover: list[tuple[str, ...]] = []
        self.in_text = 0
        self.mark: tuple[str, ...] = ()
        self.listed: dict[str, dict] = {}
        self.tags: list[str] = []
        self.anchors: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if self.in_text:
            self.in_text += tag not in ("a",)  # <a class="anchor"></a> closes itself right away
            if tag == "mark":
                self.mark = tuple(a["data-facts"].split())
            if tag == "a":
                self.anchors.append(a["id"])
        elif tag == "div" and a.get("id") == "text":
            self.in_text = 1
        if tag == "tr" and "data-fact" in a:
            self.listed[a["data-fact"]] = a

    def handle_endtag(self, tag):
        if self.in_text and tag != "a":
            self.in_text -= 1
            if tag == "mark":
                self.mark = ()

    def handle_data(self, data):
        if self.in_text:
            self.text.append(data)
            self.cover.extend([self.mark] * len(data))

    def span_text(self, key: str) -> str:
        full = "".join(self.text)
        return "".join(ch for ch, keys in zip(full, self.cover) if key in keys)


def _parse(path) -> PageParser:
    p = PageParser()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def review_dir(corpus_warehouse, tmp_path_factory):
    out = tmp_path_factory.mktemp("review")
    assert main(["review", "--db", str(corpus_warehouse), "--out", str(out)]) == 0
    return out


def _documents(db) -> list[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.sql("SELECT doc_id, text FROM documents ORDER BY doc_id").fetchall()


def test_one_page_per_document_and_an_index(corpus_warehouse, review_dir):
    docs = _documents(corpus_warehouse)
    pages = {p.name for p in review_dir.glob("*.html")} - {"index.html"}
    assert pages == {review.page_name(d) for d, _ in docs}
    index = (review_dir / "index.html").read_text(encoding="utf-8")
    assert all(f'href="{review.page_name(d)}"' in index for d, _ in docs)
    for chart in ("Events per month", "Top enterprises (mentions)", "Indicators by metric"):
        assert f'data-chart="{chart}"' in index
    assert "<script" not in index and "http" not in index  # nothing to fetch at view time


def test_every_highlight_matches_its_fact_span(corpus_warehouse, review_dir):
    with duckdb.connect(str(corpus_warehouse), read_only=True) as con:
        for doc_id, text in con.sql("SELECT doc_id, text FROM documents ORDER BY doc_id").fetchall():
            page = _parse(review_dir / review.page_name(doc_id))
            assert "".join(page.text) == text  # the whole raw text, escaped and given back unchanged
            for kind, table in FACT_COUNTS.items():
                n = con.sql(f"SELECT count(*) FROM {table} WHERE doc_id = ?", params=[doc_id]).fetchall()[0][0]
                assert sum(f["data-kind"] == kind for f in page.listed.values()) == n, (doc_id, kind)
            for key, fact in page.listed.items():
                start, end = int(fact["data-start"]), int(fact["data-end"])
                assert page.span_text(key) == text[start:end], (doc_id, key)
                assert key in page.anchors
            covered = {k for keys in page.cover for k in keys}
            assert covered == set(page.listed)


def test_untrusted_text_and_fields_are_escaped():
    text = 'A<script>alert("x")</script> &amp; 武汉<img src=x onerror=alert(1)>\r\n同比增长5.1%'
    start = text.index("5.1%")
    facts = [review.Fact("f1", "indicator", 'i1"><script>', start, start + 4, '<b>label</b>',
                         [("subject", '"><img src=x onerror=alert(2)>')]),
             review.Fact("f2", "event", "e1", 0, len(text), "event </td>", [("type", "<i>x</i>")]),
             review.Fact("f3", "enterprise", "bad", 5, 500, "outside", [])]
    html = review.render_document(dict(doc_id="<doc>", source_path="a/<b>.txt", publication="<p>", city=None,
                                       issue_date=date(2024, 1, 1), text=text), facts)
    page = PageParser()
    page.feed(html)
    assert "script" not in page.tags and "img" not in page.tags and "b" not in page.tags and "i" not in page.tags
    assert "".join(page.text) == text
    assert page.span_text("f1") == "5.1%" and page.span_text("f2") == text
    assert page.span_text("f3") == "" and "outside the text" in html


def test_review_one_document_and_unknown_document(corpus_warehouse, tmp_path, capsys):
    doc_id = _documents(corpus_warehouse)[0][0]
    assert main(["review", doc_id + ".txt", "--db", str(corpus_warehouse), "--out", str(tmp_path)]) == 0
    assert {p.name for p in tmp_path.glob("*.html")} == {"index.html", review.page_name(doc_id)}
    assert main(["review", "no/such/doc", "--db", str(corpus_warehouse), "--out", str(tmp_path)]) == 2
    assert "no document" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------------- browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class Browser:
    """Headless Chromium driven over the DevTools protocol (websockets comes with Prefect: no extra dependency)."""

    def __init__(self, profile):
        from websockets.sync.client import connect
        self.proc = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--remote-debugging-port=0",
             f"--user-data-dir={profile}", "--window-size=1400,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        port = None
        deadline = time.monotonic() + 60
        while port is None and time.monotonic() < deadline:
            line = self.proc.stderr.readline()
            m = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            port = m and int(m[1])
            if not line and self.proc.poll() is not None:
                break
        if port is None:
            self.close()
            pytest.skip("headless Chromium did not start")
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = connect(page["webSocketDebuggerUrl"], max_size=None, open_timeout=30)
        self.n = 0

    def send(self, method: str, **params):
        self.n += 1
        self.ws.send(json.dumps({"id": self.n, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv(timeout=60))
            if msg.get("id") == self.n:
                assert "error" not in msg, msg
                return msg["result"]

    def js(self, expression: str):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def open(self, url: str):
        self.send("Page.navigate", url=url)
        deadline = time.monotonic() + 30
        while self.js("location.href + ' ' + document.readyState") != f"{url} complete":
            assert time.monotonic() < deadline, f"{url} did not load"
            time.sleep(0.1)

    def close(self):
        if getattr(self, "ws", None):
            self.ws.close()
        self.proc.kill()
        self.proc.wait()


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium): browser test skipped")
def test_review_page_in_headless_chromium(corpus_warehouse, review_dir, tmp_path):
    doc_id, text = max(_documents(corpus_warehouse), key=lambda d: len(d[1]))
    browser = Browser(tmp_path / "profile")
    try:
        browser.open((review_dir / review.page_name(doc_id)).as_uri())
        facts = browser.js("""Array.from(document.querySelectorAll('tr[data-fact]')).map(tr => ({
            key: tr.dataset.fact, kind: tr.dataset.kind, start: +tr.dataset.start, end: +tr.dataset.end,
            shown: Array.from(document.querySelectorAll('mark')).filter(m => m.dataset.facts.split(' ')
                   .includes(tr.dataset.fact)).map(m => m.textContent).join('')}))""")
        assert facts and {f["kind"] for f in facts} >= {"indicator", "event"}
        for f in facts:
            assert f["shown"] == text[f["start"]:f["end"]], f
        assert browser.js("document.getElementById('text').textContent") == text

        # highlights are visible and coloured by table; hovering one outlines it and its title tells the details
        style = browser.js("""(() => { const m = document.querySelector('mark.k-indicator');
            m.scrollIntoView({block: 'center'}); const r = m.getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2, w: r.width, h: r.height,
                    bg: getComputedStyle(m).backgroundColor, title: m.title}; })()""")
        assert style["w"] > 0 and style["h"] > 0 and style["bg"] not in ("rgba(0, 0, 0, 0)", "transparent")
        assert "indicator" in style["title"] and "subject:" in style["title"]
        browser.send("Input.dispatchMouseEvent", type="mouseMoved", x=style["x"], y=style["y"])
        assert browser.js("getComputedStyle(document.querySelector('mark.k-indicator:hover')).outlineStyle") == "solid"
        event_bg = browser.js("getComputedStyle(document.querySelector('mark.k-event:not(.k-indicator)"
                              ":not(.k-enterprise):not(.k-organization)')).borderBottomStyle")
        assert event_bg == "solid"

        # a link in the fact list takes the reader to the span
        last = facts[-1]["key"]
        browser.js(f"window.scrollTo(0, 0); document.querySelector('a[href=\"#{last}\"]').click()")
        time.sleep(0.3)
        assert browser.js("location.hash") == f"#{last}"
        top = browser.js(f"document.getElementById('{last}').getBoundingClientRect().top")
        assert 0 <= top < browser.js("window.innerHeight")

        browser.js("window.scrollTo(0, 0)")
        shot = base64.b64decode(browser.send("Page.captureScreenshot", format="png")["data"])
        assert shot.startswith(b"\x89PNG") and len(shot) > 10_000
        (tmp_path / "review.png").write_bytes(shot)

        browser.open((review_dir / "index.html").as_uri())
        bars = browser.js("Array.from(document.querySelectorAll('.chart')).map(c => "
                          "[c.dataset.chart, c.querySelectorAll('.bars div').length])")
        assert len(bars) == 3 and all(n > 0 for _, n in bars), bars
        (tmp_path / "index.png").write_bytes(base64.b64decode(browser.send("Page.captureScreenshot")["data"]))
    finally:
        browser.close()
