"""Time expressions in Chinese news text, resolved to date ranges against the issue date.

`find_time_expressions` finds absolute dates (2020年3月10日, 2021/6/9), partial ones (10月29日, 25日晚), relative ones
(今年9月, 上月底, 本月12日至14日, 两个月前, 昨天, 近日) and statistic periods (前三季度, 1—8月, 今年以来, 截至3月末,
"十四五"以来, 过去一年, 全年 in a year in scope, 2016财年).
Relative and partial expressions stay unresolved (None) when the issue date is unknown.
"""
from __future__ import annotations

import calendar
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, timedelta
from pathlib import Path

_LEX = tomllib.loads((Path(__file__).parent / "lexicons" / "time_words.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class TimeExpression:
    start: int
    end: int
    text: str
    date_start: date | None
    date_end: date | None
    precision: str          # day | week | month | quarter | half | year | range
    kind: str               # point | period
    is_future: bool
    # For a period hanging on a point ("2022年以来", "截至3月末"): that point's range and precision; else the same as above.
    anchor_start: date | None = None
    anchor_end: date | None = None
    anchor_precision: str | None = None


# ---------------------------------------------------------------- vocabulary

_DIGITS: dict[str, int] = _LEX["numerals"]["digits"]
_REL_YEAR: dict[str, int] = _LEX["relative_year"]
_REL_MONTH: dict[str, int] = _LEX["relative_month"]
_REL_DAY: dict[str, int] = _LEX["relative_day"]
_REL_QUARTER: dict[str, int] = _LEX["relative_quarter"]
_REL_WEEK: dict[str, int] = _LEX["relative_week"]
_ANAPHORA: dict[str, str] = _LEX["anaphora"]
_ANAPHORA_NEXT: dict[str, int] = _LEX["anaphora_next"]
_VAGUE: list[str] = _LEX["vague_recent"]["words"]
_PAST_YEAR: list[str] = _LEX["past_year"]["words"]
_UNITS: dict[str, str] = _LEX["units"]
_QUARTER_ALIASES: dict[str, int] = _LEX["quarter_aliases"]
_HALVES: dict[str, list[int]] = _LEX["halves"]
_YEAR_PARTS: dict[str, list[int]] = _LEX["year_parts"]
_YEAR_PART_STANDALONE: list[str] = _LEX["year_parts_rules"]["standalone"]
_YEAR_PART_CLIP: set[str] = set(_LEX["year_parts_rules"]["clip_to_issue"])
_MONTH_PARTS: dict[str, list[int]] = _LEX["month_parts"]
_DAYPARTS: list[str] = _LEX["dayparts"]["words"]
_WEEKDAYS: dict = _LEX["weekdays"]
_PLANS: dict[str, int] = _LEX["five_year_plans"]
_MARK = _LEX["period_markers"]
_FUTURE: list[str] = _LEX["future_markers"]["words"]


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_FIRST_CHARS: dict[re.Pattern, str] = {}
_UNGUARDED: dict[re.Pattern, str] = {}


def _guarded(first_chars, pattern: str) -> re.Pattern:
    """Compile with a leading one-character lookahead: the regex engine then skips impossible start positions fast."""
    chars = "".join(sorted(set(first_chars)))
    rx = re.compile(f"(?=[{re.escape(chars)}])(?:{pattern})")
    _FIRST_CHARS[rx] = chars
    _UNGUARDED[rx] = f"(?:{pattern})"
    return rx


def _firsts(*word_lists) -> str:
    return "".join(w[0] for words in word_lists for w in words)


_ASCII_DIGITS = "0123456789"


_CN = "〇零一二两三四五六七八九十"
_Y4 = r"(?:1[89]\d\d|20\d\d|2100|[〇零一二三四五六七八九]{4})"
_M = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_D = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_Q = r"[1-4一二三四]"
_RANGE = r"(?:——|[-—–~～－]|至|到)"
_DAYPART = rf"(?:{_alt(_DAYPARTS)})"
# a clock time after a day ("4月20日11:00时至4月25日17:00时", "17日凌晨3时许") stays inside the expression
_CLOCK = r"(?:(?:[01]?\d|2[0-4])(?:[:：][0-5]\d(?:[:：][0-5]\d)?时?|时(?:[0-5]?\d分|许|半)?|点(?:[0-5]?\d分|半|钟|许)?(?!\d)))"
_DAY_TAIL = rf"{_DAYPART}?{_CLOCK}?"
_MONTH_PART = rf"(?:{_alt(_MONTH_PARTS)})"


def _tail(p: str, short_year_parts: bool) -> str:
    """The part after an (optional) year: month/day, quarter, half, part of the year, 前N个月. Group names get prefix p."""
    parts = list(_YEAR_PARTS) if short_year_parts else _YEAR_PART_STANDALONE
    return (
        rf"(?:(?P<{p}m>{_M})(?:{_RANGE}(?P<{p}m2>{_M}))?月份?"
        rf"(?:(?P<{p}d>{_D})(?:[日号]?{_RANGE}(?:(?P<{p}m3>{_M})月)?(?P<{p}d2>{_D})[日号]|[日号]){_DAY_TAIL}"
        rf"|(?P<{p}mp>{_MONTH_PART}))?"
        rf"|前(?P<{p}cq>[2-4二两三四])季度"
        rf"|第?(?P<{p}q>{_Q})(?:{_RANGE}第?(?P<{p}q2>{_Q}))?季度"
        rf"|(?P<{p}qa>{_alt(_QUARTER_ALIASES)})"
        rf"|(?P<{p}h>{_alt(_HALVES)})"
        rf"|前(?P<{p}nm>1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])个?月"
        rf"|前(?P<{p}nq>[2-4二两三四])个季度"
        + (rf"|后(?P<{p}ln>1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])个?月" if short_year_parts else "")  # 2021年后三个月
        + rf"|(?P<{p}yp>{_alt(parts)}))"
    )


# a year (2024年, 二〇二四年, 2016—2020年, 今年) optionally followed by a tail
_ANCHORED = _guarded(
    _ASCII_DIGITS + "〇零一二三四五六七八九" + _firsts(_REL_YEAR),
    rf"(?:(?<![\d.])(?P<y>{_Y4})(?:年?{_RANGE}(?P<y2>{_Y4}))?(?:财年|财政年度|年度?)|(?P<ry>{_alt(_REL_YEAR)})"
    rf"|(?<![\d.{_CN}])(?P<yy>\d\d|[〇零一二三四五六七八九]{{2}})年(?={_M}月|前(?:1[0-2]|[1-9]|十[一二]?|[一二两三四五六七八九])个?月))"
    rf"(?:{_tail('a', True)})?")
# a tail without a year: 10月29日, 1—8月, 前三季度, 上半年, 年底
_PARTIAL = _guarded(_ASCII_DIGITS + "一二三四五六七八九十前第" + _firsts(_QUARTER_ALIASES, _HALVES, _YEAR_PART_STANDALONE),
                    rf"(?<![\d.{_CN}第提])" + _tail("p", False))
_NUMERIC = _guarded("12", r"(?<![\d.])(?P<y>(?:19|20)\d\d)(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?!\d)")
_REL_MONTH_RE = _guarded(
    _firsts(_REL_MONTH), rf"(?P<rm>{_alt(_REL_MONTH)})(?:(?P<d>{_D})(?:[日号]?{_RANGE}(?P<d2>{_D})[日号]|[日号]{_DAY_TAIL})"
                         rf"|(?P<mp>{_MONTH_PART}))?")
_REL_QW = _guarded(_firsts(_REL_QUARTER, _REL_WEEK), rf"(?P<rq>{_alt(_REL_QUARTER)})|(?P<rw>{_alt(_REL_WEEK)})(?:{_alt(_WEEKDAYS['prefixes'])})?"
                     rf"(?P<wd>[一二三四五六日天](?![\u4e00-\u9fff]{{0,1}}[年月]))?")
_BARE_DAY = _guarded(_ASCII_DIGITS, rf"(?<![\d.月年第每])(?P<d>3[01]|[12]\d|0?[1-9])日(?!内|以内|之内|电|讯){_DAY_TAIL}")
_WORDS = _guarded(
    _firsts(_REL_DAY, _ANAPHORA, _ANAPHORA_NEXT, _VAGUE, _MARK["now"], _PAST_YEAR),
    rf"(?P<rd>{_alt(_REL_DAY)}){_DAY_TAIL}|(?P<an>{_alt(_ANAPHORA)})"
    # "同月9日" / "同年10月" name a day / month of the month / year just mentioned
    rf"(?:(?P<and>{_D})[日号]{_DAY_TAIL}|(?P<anm>{_M})月份?(?:(?P<anmd>{_D})[日号]{_DAY_TAIL})?)?(?!价)"
    rf"|(?P<ann>{_alt(_ANAPHORA_NEXT)})"
    rf"|(?P<vg>{_alt(_VAGUE)})|(?P<now>{_alt(_MARK['now'])})|(?P<py>{_alt(_PAST_YEAR)})")
_NUM_WORD = r"(?:\d{1,3}|[一二两三四五六七八九十]{1,3}|半)"
_AGO = _guarded(
    _ASCII_DIGITS + "一二两三四五六七八九十半",
    rf"(?<![\d.几])(?P<n>{_NUM_WORD})(?P<u>{_alt(u for u in _UNITS if u != '日')})"
    rf"(?P<dir>{_alt(_LEX['ago']['before'] + _LEX['ago']['after'])})")
_PLAN = _guarded("“\"" + _firsts(_PLANS), rf"[“\"]?(?P<plan>{_alt(_PLANS)})[”\"]?(?:规划)?(?P<pp>期间|时期|末|以来)")

_UNTIL = re.compile(rf"(?:{_alt(_MARK['until'])})$")
_TARGET = re.compile(rf"(?:{_alt(_MARK['target'])})$")
_FROM = re.compile(r"(?:自|从)$")
_SINCE = re.compile(rf"(?:{_alt(_MARK['since'])})(?![草来步飞诉义火点色初码源])")
_BEFORE = re.compile(rf"(?:{_alt(_MARK['before'])})(?![\d{_CN}])")
_WEEKDAY = re.compile(rf"^[，,（(\s]?(?:{_alt(_WEEKDAYS['prefixes'])})(?P<w>[一二三四五六日天])")
_FUTURE_RE = re.compile(_alt(_FUTURE))
_CLAUSE_END = re.compile(r"[。！？；\n]")
_LAST_BREAK = re.compile(r".*[。！？；\n，]", re.S)  # up to the last clause break or comma


# ---------------------------------------------------------------- numbers and calendar helpers

def cn_int(s: str) -> int:
    """'12' / '十二' / '二十三' / '二〇二四' -> int."""
    if s.isdigit():
        return int(s)
    if s == "半":
        return 0
    try:
        if "十" in s:
            head, _, tail = s.partition("十")
            return (_DIGITS[head] if head else 1) * 10 + (_DIGITS[tail] if tail else 0)
        n = 0
        for ch in s:
            n = n * 10 + _DIGITS[ch]
        return n
    except KeyError:
        raise ValueError(f"not one number: {s}") from None  # 十四五 (fourteen or fifteen)


@lru_cache(maxsize=4096)
def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    i = y * 12 + (m - 1) + k
    return i // 12, i % 12 + 1


# ---------------------------------------------------------------- resolution of one match
# A "shape" is a function year -> (start, end, precision, kind) so that partial expressions can try several years.

Shape = tuple[date, date, str, str]


def _tail_shape(g: dict, p: str, year_given: bool):
    """Return a function year -> Shape for the tail groups of prefix p, or None when the tail is empty."""
    m, d, mp = g.get(p + "m"), g.get(p + "d"), g.get(p + "mp")
    if m:
        m1 = cn_int(m)
        if g.get(p + "m2"):
            m2 = cn_int(g[p + "m2"])
            if not 1 <= m1 < m2 <= 12:
                return None
            return lambda y: (date(y, m1, 1), _month_end(y, m2), "range", "period")
        if d:
            d1 = cn_int(d)
            if g.get(p + "d2"):
                m3 = cn_int(g[p + "m3"]) if g.get(p + "m3") else m1
                d2 = cn_int(g[p + "d2"])

                def day_range(y):
                    a, b = _safe_date(y, m1, d1), _safe_date(y, m3, d2)
                    return (a, b, "range", "point") if a and b and a <= b else None
                return day_range

            def day(y):
                a = _safe_date(y, m1, d1)
                return (a, a, "day", "point") if a else None
            return day
        if mp:
            lo, hi = _MONTH_PARTS[mp]
            if (lo, hi) == (1, 0):
                return lambda y: (date(y, m1, 1), _month_end(y, m1), "month", "point")
            return lambda y: (date(y, m1, lo), _month_end(y, m1) if hi == 0 else date(y, m1, hi), "range", "point")
        return lambda y: (date(y, m1, 1), _month_end(y, m1), "month", "point")
    if g.get(p + "cq") or g.get(p + "nq"):
        q = cn_int(g.get(p + "cq") or g[p + "nq"])
        return lambda y: (date(y, 1, 1), _month_end(y, 3 * q), "range", "period")
    if g.get(p + "q"):
        q1 = cn_int(g[p + "q"])
        q2 = cn_int(g[p + "q2"]) if g.get(p + "q2") else q1
        if q2 < q1:
            return None
        if q2 == q1:
            return lambda y: (date(y, 3 * q1 - 2, 1), _month_end(y, 3 * q1), "quarter", "point")
        return lambda y: (date(y, 3 * q1 - 2, 1), _month_end(y, 3 * q2), "range", "period")
    if g.get(p + "qa"):
        q = _QUARTER_ALIASES[g[p + "qa"]]
        return lambda y: (date(y, 3 * q - 2, 1), _month_end(y, 3 * q), "quarter", "point")
    if g.get(p + "h"):
        a, b = _HALVES[g[p + "h"]]
        return lambda y: (date(y, a, 1), _month_end(y, b), "half", "point")
    if g.get(p + "nm"):
        n = cn_int(g[p + "nm"])
        if not 1 <= n <= 12:
            return None
        return lambda y: (date(y, 1, 1), _month_end(y, n), "range", "period")
    if g.get(p + "ln"):
        n = cn_int(g[p + "ln"])
        if not 1 <= n <= 12:
            return None
        return lambda y: (date(y, 13 - n, 1), date(y, 12, 31), "range", "period")
    if g.get(p + "yp"):
        part = g[p + "yp"]
        a, b = _YEAR_PARTS[part]
        prec = "year" if (a, b) == (1, 12) else "month" if a == b else "quarter" if b - a == 2 else "range"
        return lambda y: (date(y, a, 1), _month_end(y, b), prec, "point")
    return None


def _future_context(text: str, start: int, end: int) -> bool:
    lo = max(0, start - 20)
    before = text[lo:start]
    last_break = _LAST_BREAK.match(before)
    cut = last_break.end() - 1 if last_break else -1
    window = before[cut + 1:] + text[end:end + 20]
    stop = _CLAUSE_END.search(window, len(before) - cut - 1)
    if stop:
        window = window[:stop.start()]
    return bool(_FUTURE_RE.search(window))


def _pick_year(shape, issue: date, text: str, start: int, end: int, weekday: int | None):
    """Year for a partial expression: the issue's, or the one before when that lands well after the issue date
    (the year after when a plan would land well before it); a following weekday overrides when it decides."""
    base = shape(issue.year)
    if base is None:
        return None
    if weekday is not None:
        for y in (issue.year, issue.year - 1, issue.year + 1):
            s = shape(y)
            if s and s[2] == "day" and s[0].weekday() == weekday:
                return s
    future = _future_context(text, start, end)
    cumulative = base[3] == "period" and base[0].month == 1 and base[0].day == 1
    ref = base[1] if cumulative else base[0]
    if ref > issue + timedelta(days=31) and not future:
        return shape(issue.year - 1)
    if future and base[1] < issue - timedelta(days=180):
        return shape(issue.year + 1)
    return base


@dataclass
class _Ctx:
    text: str
    issue: date | None
    last_day: date | None = None
    last_month: tuple[int, int] | None = None
    last_year: int | None = None
    scope_year: int | None = None  # the last year named by a year word (2023年, 去年, 过去一年), for a bare 全年


def _resolve(kind: str, m: re.Match, ctx: _Ctx):
    """-> (start, end, precision, kind) with dates or None when unresolvable; None when the match is not a time."""
    g = {k: v for k, v in m.groupdict().items() if v}
    issue = ctx.issue
    if kind == "numeric":
        a = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (a, a, "day", "point") if a else None
    if kind == "anchored":
        shape = _tail_shape(g, "a", True)
        if "yy" in g:
            yy = cn_int(g["yy"])
            cut = (issue.year % 100 + 5) if issue else 30
            y1 = (2000 if yy <= cut and (issue is None or issue.year >= 2000) else 1900) + yy
            return shape(y1) if shape else None
        if "y" in g:
            y1 = cn_int(g["y"])
            if "y2" in g:
                y2 = cn_int(g["y2"])
                if not y1 < y2 <= y1 + 50 or shape:
                    return None
                return date(y1, 1, 1), date(y2, 12, 31), "range", "period"
            if shape is None:
                return date(y1, 1, 1), date(y1, 12, 31), "year", "point"
            return shape(y1)
        if issue is None:
            return _unresolved(shape)
        y = issue.year + _REL_YEAR[g["ry"]]
        if shape is None:
            return date(y, 1, 1), date(y, 12, 31), "year", "point"
        res = shape(y)
        if res and "ayp" in g and g["ayp"] in _YEAR_PART_CLIP and res[0] <= issue <= res[1]:
            res = (res[0], issue, res[2], res[3])
        return res
    if kind == "partial":
        shape = _tail_shape(g, "p", False)
        if shape is None:
            return None
        if issue is None:
            return _unresolved(shape)
        weekday = None
        w = _WEEKDAY.match(ctx.text, m.end())
        if w:
            weekday = _WEEKDAYS[w.group("w")]
        if g.get("pyp") == "全年":
            if ctx.text.startswith(("龄", "候", "无"), m.end()):
                return None  # 全年龄段, 全年候, 全年无休
            if ctx.scope_year is None:
                return None  # no year in scope: the caller's own period (a section title) decides
            return date(ctx.scope_year, 1, 1), date(ctx.scope_year, 12, 31), "year", "period"
        if "pyp" in g or "ph" in g:
            res = shape(issue.year)  # 年底 / 下半年 without a year word: the issue's year, past or planned…
            if (res and res[0] > issue and ctx.scope_year is not None and ctx.scope_year < issue.year
                    and not _future_context(ctx.text, m.start(), m.end())):
                res = shape(ctx.scope_year)  # …unless still to come: "去年…，年末失业率5.1%" is the year told about
        else:
            res = _pick_year(shape, issue, ctx.text, m.start(), m.end(), weekday)
        if res and g.get("pyp") in _YEAR_PART_CLIP and res[0] <= issue <= res[1]:
            res = (res[0], issue, res[2], res[3])
        return res
    if kind == "rel_month":
        if issue is None:
            return None, None, "day" if "d" in g else "month", "point"
        y, mo = _add_months(issue.year, issue.month, _REL_MONTH[g["rm"]])
        if "d" in g:
            a = _safe_date(y, mo, cn_int(g["d"]))
            b = _safe_date(y, mo, cn_int(g["d2"])) if "d2" in g else a
            if not (a and b and a <= b):
                return None
            return (a, a, "day", "point") if a == b else (a, b, "range", "point")  # "本月12日至14日": a fair's days
        if "mp" in g:
            lo, hi = _MONTH_PARTS[g["mp"]]
            if (lo, hi) != (1, 0):
                return date(y, mo, lo), _month_end(y, mo) if hi == 0 else date(y, mo, hi), "range", "point"
        return date(y, mo, 1), _month_end(y, mo), "month", "point"
    if kind == "rel_qw":
        if issue is None:
            return None, None, "quarter" if "rq" in g else "week", "point"
        if "rq" in g:
            y, mo = _add_months(issue.year, 3 * ((issue.month - 1) // 3) + 1, 3 * _REL_QUARTER[g["rq"]])
            return date(y, mo, 1), _month_end(*_add_months(y, mo, 2)), "quarter", "point"
        monday = issue - timedelta(days=issue.weekday()) + timedelta(days=7 * _REL_WEEK[g["rw"]])
        if "wd" in g:
            a = monday + timedelta(days=_WEEKDAYS[g["wd"]])
            return a, a, "day", "point"
        return monday, monday + timedelta(days=6), "week", "point"
    if kind == "bare_day":
        if issue is None:
            return None, None, "day", "point"
        d = int(g["d"])
        y, mo = issue.year, issue.month
        if d > issue.day + 3 and not _future_context(ctx.text, m.start(), m.end()):
            y, mo = _add_months(y, mo, -1)
        a = _safe_date(y, mo, d)
        return (a, a, "day", "point") if a else None
    if kind == "words":
        if "now" in g:
            return (issue, issue, "day", "point") if issue else (None, None, "day", "point")
        if "py" in g:
            if issue is None:
                return None, None, "year", "period"
            if issue.month <= 3:
                return date(issue.year - 1, 1, 1), date(issue.year - 1, 12, 31), "year", "period"
            if issue.month >= 10:
                return date(issue.year, 1, 1), issue, "range", "period"
            return issue.replace(year=issue.year - 1) + timedelta(days=1), issue, "range", "period"
        if "vg" in g:
            return (issue - timedelta(days=7), issue, "week", "point") if issue else (None, None, "week", "point")
        if "rd" in g:
            if issue is None:
                return None, None, "day", "point"
            a = issue + timedelta(days=_REL_DAY[g["rd"]])
            return a, a, "day", "point"
        if "ann" in g:
            if ctx.last_day is None:
                return None, None, "day", "point"
            a = ctx.last_day + timedelta(days=_ANAPHORA_NEXT[g["ann"]])
            return a, a, "day", "point"
        unit = _ANAPHORA[g["an"]]
        if "and" in g or "anm" in g:
            return _anaphora_tail(g, unit, ctx)
        if unit == "day":
            a = ctx.last_day or issue
            return (a, a, "day", "point") if a else (None, None, "day", "point")
        if unit == "month":
            ym = ctx.last_month or ((issue.year, issue.month) if issue else None)
            if ym is None:
                return None, None, "month", "point"
            return date(ym[0], ym[1], 1), _month_end(*ym), "month", "point"
        y = ctx.last_year or (issue.year if issue else None)
        return (date(y, 1, 1), date(y, 12, 31), "year", "point") if y else (None, None, "year", "point")
    if kind == "ago":
        unit = _UNITS[g["u"]]
        n = cn_int(g["n"])
        sign = -1 if g["dir"] in _LEX["ago"]["before"] else 1
        if g["n"] == "半":
            if unit != "year":
                return None
            unit, n = "month", 6
        if n == 0 or n > 100:
            return None
        if issue is None:
            return None, None, unit, "point"
        if unit == "year":
            y = issue.year + sign * n
            return date(y, 1, 1), date(y, 12, 31), "year", "point"
        if unit == "month":
            y, mo = _add_months(issue.year, issue.month, sign * n)
            return date(y, mo, 1), _month_end(y, mo), "month", "point"
        if unit == "week":
            c = issue + timedelta(days=7 * sign * n)
            monday = c - timedelta(days=c.weekday())
            return monday, monday + timedelta(days=6), "week", "point"
        a = issue + timedelta(days=sign * n)
        return a, a, "day", "point"
    if kind == "plan":
        y0 = _PLANS[g["plan"]]
        pp = g["pp"]
        if pp == "末":
            return date(y0 + 4, 1, 1), date(y0 + 4, 12, 31), "year", "point"
        if pp == "以来":
            return date(y0, 1, 1), date(y0 + 4, 12, 31), "year", "since"
        return date(y0, 1, 1), date(y0 + 4, 12, 31), "range", "period"
    return None


def _anaphora_tail(g: dict, unit: str, ctx: _Ctx):
    if unit == "month" and "and" in g:
        ym = ctx.last_month or ((ctx.issue.year, ctx.issue.month) if ctx.issue else None)
        a = _safe_date(ym[0], ym[1], cn_int(g["and"])) if ym else None
    elif unit == "year" and "anm" in g:
        y = ctx.last_year or (ctx.issue.year if ctx.issue else None)
        if y is None:
            return None, None, "month", "point"
        mo = cn_int(g["anm"])
        if "anmd" not in g:
            return (date(y, mo, 1), _month_end(y, mo), "month", "point") if 1 <= mo <= 12 else None
        a = _safe_date(y, mo, cn_int(g["anmd"]))
    else:
        return None  # "当日9号": no such reading
    if a is None:
        return None if ctx.last_month or ctx.last_year or ctx.issue else (None, None, "day", "point")
    return a, a, "day", "point"


def _unresolved(shape):
    if shape is None:
        return None, None, "year", "point"
    s = shape(2000)  # a leap year: only the precision and kind are used
    return (None, None, s[2], s[3]) if s else None


_PATTERNS = [("numeric", _NUMERIC), ("anchored", _ANCHORED), ("partial", _PARTIAL), ("rel_month", _REL_MONTH_RE), ("rel_qw", _REL_QW),
             ("bare_day", _BARE_DAY), ("words", _WORDS), ("ago", _AGO), ("plan", _PLAN)]


def _as_filter(pattern: str) -> str:
    """pattern with its groups made non-capturing (backtracking over many capture groups is slow) and each
    backreference replaced by its group's character class: it may then match more, never less."""
    classes = dict(re.findall(r"\(\?P<(\w+)>(\[[^\]]*\])\)", pattern))
    pattern = re.sub(r"\(\?P=(\w+)\)", lambda m: classes[m.group(1)], pattern)
    return re.sub(r"\(\?P<\w+>", "(?:", pattern)


def _any_pattern() -> re.Pattern:
    """All patterns in one regex, only to find where some expression may start (the patterns are then tried there).
    Each alternative first consumes one of its pattern's first characters, which the engine tests cheaply, and only
    then looks back one character to try the whole pattern; the search itself skips ahead to the union of those
    characters. The hit is the character after which the lookbehinds succeed: hit.start() is the expression's start."""
    def alternative(rx: re.Pattern) -> str:
        first = f"[{re.escape(_FIRST_CHARS[rx])}]"
        return f"{first}(?<=(?={_as_filter(_UNGUARDED[rx])}){first})"
    chars = "".join(sorted({c for _k, rx in _PATTERNS for c in _FIRST_CHARS[rx]}))
    # no pattern starts at a digit that continues a number ("14720.98")
    return re.compile(f"[{re.escape(chars)}](?<![\\d.]\\d)(?<=" + "|".join(alternative(rx) for _k, rx in _PATTERNS) + ")")


_ANY = _any_pattern()
# which patterns can start with a character
_BY_FIRST: dict[str, list[tuple[str, re.Pattern]]] = {}
for _kind, _rx in _PATTERNS:
    for _c in _FIRST_CHARS[_rx]:
        _BY_FIRST.setdefault(_c, []).append((_kind, _rx))


def _candidates(text: str) -> list[tuple[int, int, str, re.Match]]:
    """Non-overlapping expressions, left to right; where several patterns match at one place the longest wins."""
    chosen = []
    pos = 0
    while (hit := _ANY.search(text, pos)) is not None:
        q = hit.start()
        best = None
        for kind, rx in _BY_FIRST[text[q]]:
            m = rx.match(text, q)
            if m is not None and m.end() > q and (best is None or m.end() > best[1]):
                best = (q, m.end(), kind, m)
        if best is None:
            pos = q + 1
            continue
        chosen.append(best)
        pos = best[1]
    return chosen


def find_time_expressions(text: str, issue_date: date | None) -> list[TimeExpression]:
    # indicators and events both ask for the same article: the answer is computed once (expressions are frozen)
    return list(_find_time_expressions(text, issue_date))


@lru_cache(maxsize=64)
def _find_time_expressions(text: str, issue_date: date | None) -> tuple[TimeExpression, ...]:
    ctx = _Ctx(text, issue_date)
    out: list[TimeExpression] = []
    for start, end, kind, m in _candidates(text):
        pre = text[max(0, start - 4):start]
        until = _UNTIL.search(pre)
        if kind == "words" and m.group("now") and not until:
            continue  # "目前" alone is not a date
        try:
            res = _resolve(kind, m, ctx)
        except ValueError:
            continue  # 十四五年前: an approximate count names no date
        if res is None:
            continue
        a, b, prec, k = res
        anchor = (a, b, prec)
        since = kind == "plan" and k == "since"
        if since:
            k = "period"
        elif _SINCE.match(text, end) and (a is None or issue_date is None or a <= issue_date):
            since = True
            end = _SINCE.match(text, end).end()
        elif (kind != "ago" and a and issue_date and a > issue_date and not until and _BEFORE.match(text, end)):
            end = _BEFORE.match(text, end).end()
            a, k, prec = issue_date, "period", "range"
        if since:
            if _FROM.search(text[max(0, start - 1):start]):
                start -= 1
            k = "period"
            b = issue_date if (a and issue_date and a <= issue_date) else (None if a is None or issue_date is None else b)
            prec = "range"
        elif until:
            start -= len(until.group())
            k = "period"
            if b is not None:
                a = date(b.year, 1, 1)
                prec = "range"
        target = _TARGET.search(text[max(0, start - 1):start]) if not (since or until) else None
        if target and kind == "anchored" and m.group("y"):
            start -= 1
        future = bool(a and issue_date and a > issue_date) or bool(target and b and issue_date and b >= issue_date)
        if a is None and target and kind == "anchored" and m.group("y"):
            future = True
        out.append(TimeExpression(start, end, text[start:end], a, b, prec, k, future, *anchor))
        if kind == "words" and m.group("py") and prec == "year":
            ctx.last_year = ctx.scope_year = a.year  # "过去一年，…全年…" in an issue of January: the year just ended
        elif (kind == "anchored" or kind == "partial" and not (m.group("pyp") or m.group("ph"))) \
                and anchor[0] is not None and not since and not until:
            ctx.scope_year = anchor[0].year  # "去年…，年末…。全年…": 年末 alone does not move the year in scope
        # remember the last concrete date for 当日 / 当月 / 次日
        if anchor[0] is not None and not since and not until and (kind != "words" or m.group("rd") or m.group("and") or m.group("anm")):  # 昨天…当天
            ap = anchor[2]
            if ap == "day":
                ctx.last_day = anchor[0]
            if ap in ("day", "month"):
                ctx.last_month = (anchor[0].year, anchor[0].month)
            elif k == "period" and anchor[1] is not None:
                # "前三季度…，当月…": 当月 is the last month of the period being reported
                ctx.last_month = (anchor[1].year, anchor[1].month)
            ctx.last_year = anchor[0].year
    return tuple(_merge_spans(text, out, issue_date))


_CONNECTOR = re.compile(rf"{_RANGE}$")
_CONNECTOR_HEAD = re.compile(r"(?:——|[-—–~～－至到])")
_EXPLICIT_YEAR = re.compile(r"\d{4}|[〇零一二三四五六七八九]{2,4}年|[今去前明上本]年")


def _merge_spans(text: str, exprs: list[TimeExpression], issue: date | None) -> list[TimeExpression]:
    """'2017年8月至11月', '今年1月至9月', '2017年五月至2018年四月': two points joined by 至/到/— become one range."""
    out: list[TimeExpression] = []
    for e in exprs:
        prev = out[-1] if out else None
        gap = text[prev.end:e.start] if prev else None
        joined = prev is not None and (bool(_CONNECTOR.fullmatch(gap)) if gap else _CONNECTOR_HEAD.match(e.text) is not None)
        if not (joined and prev.kind == "point" and e.kind == "point" and prev.date_start and e.date_start
                and prev.precision != "week" and e.precision != "week"):
            out.append(e)
            continue
        a, b = e.date_start, e.date_end
        if not _EXPLICIT_YEAR.search(e.text) and a.year != prev.date_start.year:
            try:
                a, b = a.replace(year=prev.date_start.year), b.replace(year=prev.date_start.year)
            except ValueError:
                out.append(e)
                continue
            if b < prev.date_start:
                a, b = a.replace(year=a.year + 1), b.replace(year=b.year + 1)
        if b < prev.date_start:
            out.append(e)
            continue
        out[-1] = TimeExpression(prev.start, e.end, text[prev.start:e.end], prev.date_start, b, "range", "period",
                                 bool(issue and prev.date_start > issue), prev.date_start, b, "range")
    return out


_END_OF = re.compile(r"(?:末|底)(?:前|之前|以前)?$")


def period_end_day(e: TimeExpression) -> date | None:
    """The single day a "year-end / month-end" expression points at (2016年末, 去年底, 截至9月末 -> the last day), for a
    stock figure (总资产, 余额, 装机容量) measured at that moment; None for any other expression. Events keep the month."""
    if e.date_end is None or not _END_OF.search(e.text):
        return None
    return e.date_end
