"""Events: dated happenings (a release, a founding, a signing, a visit…) with resolved dates, type and participants.

An event is a sentence where a trigger verb (lexicons/event_triggers.toml) follows a resolvable time expression, or a
sentence that opens with an exact day ("10月31日，…"). The period of a statistic (前三季度, 1—8月) is never an event date,
nor is a year or since-period whose act is followed by a quantity (a running total: "今年以来，新签约项目47个").
A sentence opening with the name of the day's happening ("签约仪式前，…") takes that day; clauses opening with 并/随后
are separate acts. "将于+date+act" keeps the act's type; other 将/预计/计划 clauses without an exact day are plans.
A stretch of years ("今年以来", "自2004年起") frames a trend, not a happening; a year run into a noun
("2021年第二次临时股东大会") names it when a finer date of the sentence times the act.
A deadline ("计划2025年6月前建成投产") dates its act by that month; a fair held over days ("本月12日至14日，…博览会…举办")
lends them to the deals told during it ("展会期间，…签订…", or the next sentence).
Headline and subtitle lines (ArticleContext.head) are read too: "——2024年1月31日在…会议上" dates the report it heads;
their spans come back as negative offsets (the head stands right before the body in the cleaned page).
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left
from dataclasses import replace
from functools import lru_cache
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from transforms.context import ArticleContext
from transforms.dates import TimeExpression, find_time_expressions

if TYPE_CHECKING:
    from transforms.enterprises import EnterpriseExtraction

_LEX = tomllib.loads((Path(__file__).parent / "lexicons" / "event_triggers.toml").read_text(encoding="utf-8"))
_PRIORITY = {t: i for i, t in enumerate(_LEX["priority"])}
_TYPES = list(_LEX["triggers"])
_LOOKBEHIND = re.compile(r"^(?:\(\?<[!=][^)]*\))+")


def _first_chars(pattern: str) -> str:
    """Characters a trigger pattern can start with (patterns start with a literal or a (?:a|b) group of literals)."""
    body = _LOOKBEHIND.sub("", pattern)
    if body.startswith("(?:"):
        return "".join(alt[0] for alt in body[3:body.index(")")].split("|"))
    return body[0]


def _trigger_regexes() -> tuple[re.Pattern, re.Pattern]:
    """The trigger regex (group t<i> names the type), and one that only finds where a trigger starts, faster: it
    consumes one of the triggers' first characters (the engine skips ahead to those) and only then looks back one
    character to try every trigger there (groups dropped). hit.start() is where the trigger regex then matches."""
    groups = "|".join(f"(?P<t{i}>{'|'.join(pats)})" for i, pats in enumerate(_LEX["triggers"].values()))
    firsts = {ch for pats in _LEX["triggers"].values() for p in pats for ch in _first_chars(p)}
    first = f"[{re.escape(''.join(sorted(firsts)))}]"
    plain = re.sub(r"\(\?P<\w+>", "(?:", groups)
    return re.compile(groups), re.compile(f"{first}(?<=(?={plain}){first})")


_TRIGGER, _TRIGGER_START = _trigger_regexes()


def _trigger_matches(text: str, start: int, end: int):
    """_TRIGGER.finditer(text, start, end), found faster (see _trigger_regexes)."""
    pos = start
    while (hit := _TRIGGER_START.search(text, pos, end)) is not None:
        m = _TRIGGER.match(text, hit.start(), end)
        yield m
        pos = m.end()


_POLICY_DOC = re.compile(_LEX["policy_objects"]["documents"])
_PLAN = re.compile("|".join(map(re.escape, _LEX["plan"]["markers"])))
_WEAK_PLAN = re.compile("|".join(map(re.escape, _LEX["plan"]["weak_markers"])))
_SCHEDULED = re.compile(_LEX["plan"]["scheduled"])
_PLAN_NO_TRIGGER = re.compile(_LEX["plan_without_trigger"]["after_date"])
_CAPTION = re.compile(_LEX["captions"]["pattern"])
_ANNOUNCED = re.compile(_LEX["retype"]["announcement_objects"])
_EXHIBITION = re.compile(_LEX["retype"]["exhibition_nouns"])
_MEETING = re.compile(_LEX["retype"]["meeting_nouns"])
_DELIBERATION = _LEX["retype"]["deliberation"]
_QUANTITY = re.compile(_LEX["cumulative"]["quantity"])
_COUNTED = re.compile(_LEX["cumulative"]["counted"])
_SINGLE_DEAL = re.compile(_LEX["cumulative"]["single_deal"])
_BACK_REFERENCE = re.compile(_LEX["back_reference"]["pattern"])
_BARE_REFERENCE = re.compile(_LEX["back_reference"]["bare"])
_NEXT_ACT = re.compile(_LEX["back_reference"]["next_act"])
_CEREMONY = re.compile(_LEX["back_reference"]["ceremony"])
_CEREMONY_NAME = re.compile(_LEX["back_reference"]["ceremony_name"])
_FURNITURE = re.compile(_LEX["furniture"]["pattern"])
_DATELINE = re.compile(_LEX["dateline"]["pattern"])
_BACKGROUND = re.compile(_LEX["background"]["after"])
_NEGATED = re.compile(_LEX["background"]["negated_before"])
_QUOTED_NAME = re.compile(r"“[^”]{1,20}”|《[^》]{1,40}》")

_SENTENCE = re.compile(r"[^。！？；\n]+[。！？；]?")
_CLAUSE_BREAK = "，,：:"
_SINCE_UNTIL = re.compile(r"以来|至今|起|开始|截至|截止")
_UNTIL = re.compile(r"^(?:截至|截止)")
_TREND = re.compile(r"以来|至今")
_AT = re.compile(r"(?<![关对由属基等])于$")  # "于2021年" times an act; "关于2025年度…的议案" names a bill
_DEADLINE = re.compile(r"(?:之前|以前|前)$")
_RELATIVE_AFTER = re.compile(r"(?:年|月|天|周|星期)(?:后|之后|以后)$")
_PLAN_SPAN = re.compile(r"期间|时期")
_IN_TITLE = re.compile(r"《[^》]*$")
# a place name right after a boundary: "…，武昌区首义街道…" gives 武昌区; "全市" / "我市" are not names
_PLACE = re.compile(r"(?:(?<=[，。、；：“（\s在和与由到])|^)(?![全我本该各此这那])[\u4e00-\u9fff]{1,5}?(?:省|市|区|县|镇|街道|社区)"
                    r"(?![长委局]|政府)")
_LOCATION = re.compile(r"在([\u4e00-\u9fffA-Za-z（）()]{2,20}?(?:省|市|区|县|镇|街道|社区|园|中心|基地|厂区|展区|馆))")
_PRECISIONS = {"day", "week", "month", "quarter", "half", "year"}

MAX_DATE_TO_TRIGGER = 80    # characters between a date and a trigger it dates
MAX_EVIDENCE = 160
LONG_PAST = 180             # days before the issue after which 将 can no longer announce a plan


class _Dated(NamedTuple):     # a tuple: made for every time expression, and cheaper to make than a frozen dataclass
    expr: TimeExpression
    start: object
    end: object
    precision: str


def _event_date(e: TimeExpression, issue: date | None = None) -> _Dated | None:
    """The date an event takes from a time expression; None for a statistic's period or an unresolved date."""
    if _RELATIVE_AFTER.search(e.text):
        return None  # "4年后创办…" counts from an earlier event of the story, not from the issue date
    if e.kind == "period":
        if _SINCE_UNTIL.search(e.text):
            a, b, p = e.anchor_start, e.anchor_end, e.anchor_precision
            if p == "year" and not _UNTIL.match(e.text) and (_TREND.search(e.text) or (issue and b and b < issue)):
                return None  # "今年以来…", "自2004年起…": a stretch of years frames a trend; "明年起" starts a rule
        elif _PLAN_SPAN.search(e.text):
            a, b, p = e.date_start, e.date_end, "year"
        elif _DEADLINE.search(e.text) and e.anchor_start is not None:
            a, b, p = e.anchor_start, e.anchor_end, e.anchor_precision  # "计划2025年6月前建成投产": dated by that month
        else:
            return None
    else:
        a, b, p = e.date_start, e.date_end, e.precision
    if a is None or b is None:
        return None
    if p not in _PRECISIONS:
        p = "day" if (b - a).days < 7 else "month" if (b - a).days < 62 else "year"
    return _Dated(e, a, b, p)


def _clause_start(text: str, pos: int, start: int) -> int:
    while pos > start and text[pos - 1] not in "，；：\n":
        pos -= 1
    return pos


_CLAUSE_END = re.compile("[，。；！？\n]")


def _clause_end(text: str, pos: int, end: int) -> int:
    """The first clause end in [pos, end), else end (pos itself when pos >= end)."""
    found = _CLAUSE_END.search(text, pos, end)
    return found.start() if found else max(pos, end)


def _triggers(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    out = []
    for m in _trigger_matches(text, start, end):
        kind = _TYPES[int(m.lastgroup[1:])]
        if kind == "release" and _POLICY_DOC.match(text, m.end(), min(end, m.end() + 45)):
            kind = "policy"
        elif kind == "release" and _ANNOUNCED.search(text, m.end(), _clause_end(text, m.end(), end)):
            kind = "announcement"  # a company's own report
        if _BACKGROUND.match(text, m.end()) or _NEGATED.search(text, max(start, m.start() - 2), m.start()):
            continue
        if kind != "policy" and _IN_TITLE.search(text, max(start, m.start() - 40), m.start()):
            continue  # "印发《…重组整合实施方案》": a word of a document's title is no act
        out.append((m.start(), m.end(), kind))
    return out


def _sentences(text: str):
    for m in _SENTENCE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        if e > s:
            yield s, e


def _opens_sentence(text: str, sent_start: int, e: TimeExpression) -> bool:
    head = text[sent_start:e.start]
    head = head[_DATELINE.match(head).end():]
    return len(head) <= 3 and "，" not in head and not _UNTIL.match(e.text)


def _opens_clause(text: str, e: TimeExpression) -> bool:
    head = text[max(0, e.start - 3):e.start]
    return not head or head[-1] in "，。；：\n" or head.endswith(("在", "今年", "去年")) or _AT.search(head) is not None


def _in_speech(text: str, sent_start: int, pos: int) -> bool:
    """Inside direct speech (an open quotation longer than a quoted name like “十四五”)."""
    before = text[sent_start:pos]
    opened = before.rfind("“")
    if opened <= before.rfind("”"):
        return False
    closed = text.find("”", pos)
    return closed == -1 or closed - (sent_start + opened) > 12


def _evidence_span(text: str, s_start: int, s_end: int, lo: int, hi: int) -> tuple[int, int]:
    """The sentence, or the clauses around [lo, hi) when the sentence is long."""
    if s_end - s_start <= MAX_EVIDENCE:
        return s_start, s_end
    a = lo
    while a > s_start and text[a - 1] not in _CLAUSE_BREAK and lo - a < 40:
        a -= 1
    b = hi
    while b < s_end and text[b] not in "，。；" and b - hi < 60:
        b += 1
    return a, b


class _Participants:
    """Enterprise and organisation names mentioned in an article, looked up by span."""

    def __init__(self, enterprises: EnterpriseExtraction | None):
        self.by_article: dict[str, list[tuple[int, int, str, str | None]]] = {}
        if enterprises is None:
            return
        names = {e["entity_key"]: e.get("name") or e["entity_key"] for e in getattr(enterprises, "entities", []) or []}
        for m in getattr(enterprises, "mentions", []) or []:
            self.by_article.setdefault(m["article_id"], []).append(
                (m["start"], m["end"], names.get(m["entity_key"], m.get("mention", "")), m["entity_key"]))
        for o in getattr(enterprises, "organizations", []) or []:
            self.by_article.setdefault(o["article_id"], []).append((o["start"], o["end"], o["name"], None))

    def within(self, ctx: ArticleContext, start: int, end: int) -> tuple[list[str], list[str]]:
        names, keys = [], []
        for s, e, name, key in self.by_article.get(ctx.article_id, []):
            if start <= s and e <= end and name and name not in names:
                names.append(name)
                if key and key not in keys:
                    keys.append(key)
        for m in _PLACE.finditer(ctx.text, start, end):
            place = m.group()
            if not any(place in n or n in place for n in names):
                names.append(place)
        return names, keys


_NO_PARTICIPANTS = _Participants(None)


def _pick_type(text: str, trig: list[tuple[int, int, str]], clause_start: int) -> str:
    """The type of the first clause with a trigger; within it, the type listed first in the priority, unless the
    happening's own noun says otherwise (an expo that opens is an exhibition, a congress that opens a meeting)."""
    first = min(trig)
    clause_end = _clause_end(text, first[1], len(text))
    same = [t for t in trig if t[0] < clause_end]
    kind = min((t[2] for t in same), key=_PRIORITY.__getitem__)
    if text.startswith(_DELIBERATION, first[0]):
        return "meeting"
    if kind in ("meeting", "opening", "announcement") and _EXHIBITION.search(text, clause_start, clause_end):
        return "exhibition"
    if kind == "opening" and text.startswith("开幕", first[0]) and _MEETING.search(text, clause_start, clause_end):
        return "meeting"
    return kind


def _names_the_day(name: str, evidence: str) -> bool:
    """"开馆仪式上，…" after "…正式开馆": the happening's name, or its act without the ceremony word, was reported."""
    if not name:
        return True  # "其间，": checked to follow a fair or a meeting
    stem = _CEREMONY.sub("", name)
    if name in evidence or (len(stem) >= 2 and stem in evidence):
        return True
    # "展会期间，…" after "…农产品博览会在…举办": the same kind of happening under a shorter name
    return any(rx.search(name) and rx.search(evidence) for rx in (_EXHIBITION, _MEETING))


@lru_cache(maxsize=64)
def _tells_of_gathering(evidence: str) -> bool:
    """A fair or a meeting is told (asked of the day's evidence again for every sentence after it)."""
    return bool(_EXHIBITION.search(evidence) or _MEETING.search(evidence))


def _during_fair(text: str, last_day: tuple[TimeExpression, str], s_start: int) -> bool:
    """The sentence follows, in the same or the next paragraph, a fair held over several days."""
    e, evidence = last_day
    return (e.date_start is not None and e.date_start != e.date_end and _EXHIBITION.search(evidence) is not None
            and text.count("\n", e.end, s_start) <= 1)


def _split_acts(text: str, trig: list[tuple[int, int, str]], end: int) -> list[list[tuple[int, int, str]]]:
    """Triggers grouped by act: a clause opening with 并/随后… ("…进行了座谈，并实地察看了…") starts another act."""
    acts = [[]]
    for t in sorted(trig):
        if acts[-1]:
            prev = acts[-1][-1][1]
            gap_end = t[0]
            cut = max((i for i in range(prev, gap_end) if text[i] in "，；"), default=-1)
            if cut >= 0 and _NEXT_ACT.match(text, cut + 1, end) and t[2] not in {x[2] for x in acts[-1]}:
                acts.append([])
        acts[-1].append(t)
    return acts


def _cumulative(text: str, d: _Dated, trig: list[tuple[int, int, str]], s_end: int) -> bool:
    """A running total over a year / half / quarter / since-period: a quantity follows the trigger in its clause."""
    until = _UNTIL.match(d.expr.text)  # "截至11月18日，全市已签约项目120个" is a running total too
    if d.precision in ("day", "week") and not until:
        return False
    after = max(min(trig)[1], d.expr.end)  # "成立于2015年": the date itself is no quantity
    if _SINGLE_DEAL.search(text, d.expr.end, _clause_end(text, after, s_end)):
        return False
    # a month's count ("10月，全市新开工项目32个") is a statistic; a month's amount ("3月完成A轮融资1.2亿元") is one deal
    quantity = _COUNTED if d.precision == "month" and not until else _QUANTITY
    return bool(quantity.search(text, after, _clause_end(text, after, s_end)))


def _usable(text: str, s_start: int, e: TimeExpression, issue: date | None) -> _Dated | None:
    d = _event_date(e, issue)
    if d is None:
        return None
    if d.precision not in ("day", "week", "month", "year") and not _opens_clause(text, e):
        return None  # "发布了三季度经济数据": a quarter inside a clause names the data, not the time of the act
    if d.precision != "day" and _in_speech(text, s_start, e.start):
        return None
    return d


_FINER = ("day", "week", "month")
_COARSE = ("year", "half", "quarter")


def _naming_only(text: str, dated: list[tuple[TimeExpression, _Dated | None]]) -> list[tuple[TimeExpression, _Dated | None]]:
    """A year / half / quarter run into a noun ("2019年全市重大项目集中签约暨…推进会将于本月29日召开",
    "6月18日，港通物流2021年第二次临时股东大会…") names the thing when a finer date of the sentence times the act:
    a finer one later in its clause, or an earlier one while the year stands mid-clause."""
    out = list(dated)
    for i, (e, d) in enumerate(dated):
        if d is not None and text.startswith(("讯", "电"), e.end) and any(dj for j, (_ej, dj) in enumerate(dated) if j != i):
            out[i] = (e, None)  # "本报11月20日讯（记者…）昨天，…": the filing date of a dateline, when the story dates its act
            continue
        if d is None or d.precision not in _COARSE or text[e.end:e.end + 1] in "，,：:；。":
            continue
        later = any(dj and dj.precision in _FINER and not any(c in "，,；：:" for c in text[e.end:ej.start])
                    for ej, dj in dated[i + 1:])
        earlier = any(dj and dj.precision in _FINER for _ej, dj in dated[:i]) and not _opens_clause(text, e)
        if later or earlier:
            out[i] = (e, None)
    return out


def _binding(text: str, dated: list[tuple[TimeExpression, _Dated | None]], t_start: int, t_end: int) -> int | None:
    """The time expression a trigger belongs to: the nearest before it (skipping a period that only names a noun,
    "临泉县2021年第四季度重点项目…签约"), else one right after it ("揭牌于10月")."""
    for i in range(len(dated) - 1, -1, -1):
        e, d = dated[i]
        if e.end > t_start:
            continue
        if t_start - e.end > MAX_DATE_TO_TRIGGER:
            break
        if d is None and t_start - e.end > 2 and not _opens_clause(text, e) and text[e.end:e.end + 1] not in "，,":
            continue
        return i
    for i, (e, _d) in enumerate(dated):
        if 0 <= e.start - t_end <= 2 and "于" in text[t_end:e.start + 1]:
            return i
        # "…重点项目集中开工仪式20日在经开区举行": a ceremony named by the act, then its date
        if 0 <= e.start - t_end <= 16 and _CEREMONY_NAME.match(text, t_end, e.start):
            return i
    return None


def _kind_of_act(text: str, s_start: int, e: TimeExpression, d: _Dated, act: list[tuple[int, int, str]],
                 issue) -> str:
    lo = min([e.start] + [t[0] for t in act])
    kind = _pick_type(text, act, _clause_start(text, lo, s_start))
    if d.precision == "day" or (e.kind == "period" and _DEADLINE.search(e.text)):
        return kind  # a deadline keeps its act ("2025年6月前建成投产" is a planned completion)
    hi = _clause_end(text, max(e.end, min(act)[1]), len(text))  # plan words of the date's own clause only
    clause = _QUOTED_NAME.sub("", text[max(s_start, lo - 4):hi])
    scheduled = act and e.start - 2 >= s_start and _SCHEDULED.search(text, e.start - 2, e.start)
    # in a clause dated long before the issue, 将 marks the object ("2007年，…决定将第三个工厂落户宁德"), not the future
    weak = not scheduled and (issue is None or (issue - d.end).days <= LONG_PAST) and _WEAK_PLAN.search(clause)
    if _PLAN.search(clause) or weak or e.text.startswith(("到", "至")):
        return "plan"
    return kind


def _plan_without_trigger(text: str, e: TimeExpression, d: _Dated, s_end: int) -> bool:
    return (d.precision in ("month", "quarter", "half", "year") and e.kind == "point" and e.is_future and _opens_clause(text, e)
            and bool(_PLAN_NO_TRIGGER.match(text, e.end, s_end)))


def _article_events(ctx: ArticleContext, people: _Participants) -> list[dict]:
    text = ctx.text
    exprs = [e for e in find_time_expressions(text, ctx.issue_date) if not _IN_TITLE.search(text[max(0, e.start - 40):e.start])]
    starts = [e.start for e in exprs]
    events = []
    last_day: tuple[TimeExpression, str] | None = None  # the latest happening of a day and its evidence, for "签约仪式前，…"

    def emit(e: TimeExpression, d: _Dated, kind: str, s_start: int, s_end: int, lo: int, hi: int) -> None:
        ev_start, ev_end = _evidence_span(text, s_start, s_end, lo, hi)
        names, keys = people.within(ctx, ev_start, ev_end)
        loc = _LOCATION.search(text, ev_start, ev_end)
        evidence = text[ev_start:ev_end]
        events.append(dict(article_id=ctx.article_id, date_start=d.start, date_end=d.end, date_text=e.text,
                           date_precision=d.precision, event_type=kind, participants=names,
                           participant_entity_keys=keys, location=loc.group(1) if loc else None,
                           evidence=evidence, start=ev_start, end=ev_end,
                           mentions=[dict(article_id=ctx.article_id, start=ev_start, end=ev_end, evidence=evidence)]))

    for s_start, s_end in _sentences(text):
        lo, hi = bisect_left(starts, s_start), bisect_left(starts, s_end)
        if lo == hi and last_day is None:
            continue  # no date, and no happening of the day to refer back to
        if _FURNITURE.search(text, s_start, s_end):
            continue
        # every time expression of the sentence takes the triggers after it; only usable ones make events
        in_sentence = exprs[lo:hi]
        dated = [(e, _usable(text, s_start, e, ctx.issue_date)) for e in in_sentence]
        if len(dated) > 1:
            dated = _naming_only(text, dated)
        if not any(d for _e, d in dated):
            ref = _BACK_REFERENCE.match(text, s_start, s_end) if last_day is not None else None
            if ref is None and last_day is not None and _tells_of_gathering(last_day[1]):
                ref = _BARE_REFERENCE.match(text, s_start, s_end)
            kinds = None
            if ref is None and last_day is not None and _during_fair(text, last_day, s_start):
                kinds = {"contract"}  # "…博览会在…举办。A公司与B公司签订采购协议": the deals of the fair's days
            if kinds or (ref and _names_the_day(ref.groupdict().get("name") or "", last_day[1])):  # "签约仪式前" is no act
                e, d = last_day[0], _event_date(last_day[0], ctx.issue_date)
                trig = [t for t in _triggers(text, ref.end() if ref else s_start, s_end) if kinds is None or t[2] in kinds]
                # "考察期间，代表团拜访了…" goes on telling the same visit
                during = not (ref and ref.group().rstrip("，").endswith(("前", "后")))
                same = next((x["event_type"] for x in reversed(events) if x["evidence"] == last_day[1]), None) if during else None
                for act in _split_acts(text, trig, s_end):
                    # what will happen there ("会上，企业将签约…") is not dated by it
                    if act and not (_PLAN.search(text, s_start, act[-1][1]) or _WEAK_PLAN.search(text, s_start, act[-1][1])):
                        lo = _clause_start(text, act[0][0], s_start)
                        kind = _pick_type(text, act, lo)
                        if kind != same or kind == "other":
                            emit(e, d, kind, s_start, s_end, lo, _clause_end(text, act[-1][1], s_end))
            continue
        bound: dict[int, list[tuple[int, int, str]]] = {}
        for t_start, t_end, kind in _triggers(text, s_start, s_end):
            i = _binding(text, dated, t_start, t_end)
            if i is not None:
                bound.setdefault(i, []).append((t_start, t_end, kind))
        for i, (e, d) in enumerate(dated):
            if d is None:
                continue
            trig = bound.get(i, [])
            caption = _CAPTION.match(text, e.end)
            if not trig:
                if d.precision == "day" and (_opens_sentence(text, s_start, e) or caption):
                    emit(e, d, "other", s_start, s_end, e.start, e.end)
                    last_day = e, events[-1]["evidence"]
                elif _plan_without_trigger(text, e, d, s_end):
                    emit(e, d, "plan", s_start, s_end, e.start, _clause_end(text, e.end, s_end))
                continue
            for n, act in enumerate(_split_acts(text, trig, s_end)):
                kind = _kind_of_act(text, s_start, e, d, act, ctx.issue_date)
                if kind != "plan" and _cumulative(text, d, act, s_end):
                    continue
                if n == 0:
                    lo, hi = min([e.start] + [t[0] for t in act]), max([e.end] + [t[1] for t in act])
                else:  # a later act of the same day: its own clauses
                    lo, hi = _clause_start(text, act[0][0], s_start), _clause_end(text, act[-1][1], s_end)
                emit(e, d, kind, s_start, s_end, lo, hi)
                if d.precision == "day":
                    last_day = e, events[-1]["evidence"]
    return events


def _same_happening(a: dict, b: dict) -> bool:
    if (a["date_start"], a["date_end"], a["event_type"]) != (b["date_start"], b["date_end"], b["event_type"]):
        return False
    if a["event_type"] == "other" and a["date_precision"] == "day" and a["article_id"] == b["article_id"]:
        return True  # a reportage returning to the scene of its day
    if a["date_precision"] != "day" and a["event_type"] == "other":
        return False
    shared = set(a["participant_entity_keys"]) & set(b["participant_entity_keys"])
    return bool(shared) or a["evidence"] == b["evidence"]


def _head_events(ctx: ArticleContext, body: list[dict]) -> list[dict]:
    """Happenings dated in the headline lines ("——2024年1月31日在…会议上") that the body does not report itself;
    their spans are offsets into ctx.text, negative (the head stands right before the body)."""
    if not ctx.head:
        return []
    shift = len(ctx.head)
    seen = {(e["date_start"], e["date_end"]) for e in body}
    out = []
    for ev in _article_events(replace(ctx, text=ctx.head, head=""), _NO_PARTICIPANTS):
        if (ev["date_start"], ev["date_end"]) in seen:
            continue  # a headline sums up what the body tells
        ev["start"] -= shift
        ev["end"] -= shift
        for m in ev["mentions"]:
            m["start"] -= shift
            m["end"] -= shift
        out.append(ev)
    return out


def extract_events(articles: list[ArticleContext], enterprises: EnterpriseExtraction | None) -> list[dict]:
    people = _Participants(enterprises)
    out: list[dict] = []
    by_day: dict[tuple, list[dict]] = {}    # a twin has the same dates and type (see _same_happening)
    for ctx in articles:
        body = _article_events(ctx, people)
        for ev in _head_events(ctx, body) + body:
            same_day = by_day.setdefault((ev["date_start"], ev["date_end"], ev["event_type"]), [])
            twin = next((o for o in same_day if _same_happening(o, ev)), None)
            if twin is None:
                out.append(ev)
                same_day.append(ev)
                continue
            twin["mentions"].extend(ev["mentions"])
            for n in ev["participants"]:
                if n not in twin["participants"]:
                    twin["participants"].append(n)
    return out
