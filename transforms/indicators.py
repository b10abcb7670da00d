"""Indicators: every quantitative fact of an article, normalised, with its subject, measure and period.

extract_indicators(ctx, mentions) -> list[dict] (fields in docs/EXTRACTORS.md). Numbers come from transforms.numbers,
periods from transforms.dates, cue words from lexicons/indicator_cues.toml, metric names from lexicons/metrics.toml,
place names from lexicons/places.toml.
"""
from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import replace
from datetime import date
from functools import cache, lru_cache, partial
from itertools import islice
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

from transforms.context import ArticleContext
from transforms.dates import find_time_expressions
from transforms.numbers import COUNT_WORDS, CURRENCIES, PHYSICAL, SCALES, Quantity, find_quantities, normalise_unit, scale_factor
from transforms.regions import city_stem, province_of

_LEXDIR = Path(__file__).parent / "lexicons"


def _toml(name: str) -> dict:
    p = _LEXDIR / name
    return tomllib.loads(p.read_text(encoding="utf-8")) if p.exists() else {}


CUES = _toml("indicator_cues.toml")
METRICS: dict[str, list[str]] = _toml("metrics.toml").get("metrics", {})
PLACES = _toml("places.toml")


def _alt(words) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _first_chars(words) -> str:
    """A lookahead for the characters the words start with. Put before a pattern that opens with groups of words, it
    lets the regex engine skip every other position at once (it does so by itself only for a bare alternation)."""
    return "(?=[" + re.escape("".join(sorted({w[0] for w in words}))) + "])"


def _trie_alt(words) -> str:
    """The same language as _alt(words), as a prefix tree: a long list is tried one character at a time instead of
    word by word; the longest word still wins at each position."""
    tree: dict = {}
    for w in sorted(set(words)):
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def branch(node: dict) -> str:
        alts = [re.escape(ch) + branch(sub) for ch, sub in node.items() if ch]
        body = "" if not alts else alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node and body else body
    return branch(tree)


M = CUES["measure"]
Q = CUES["qualifier"]
S = CUES["subject"]

# measure cues, one alternation; the group that matched tells the kind
_MEASURE_RE = re.compile(
    _first_chars(M["mom"] + M["level_rates"] + M["decline"] + M["share"] + M["growth"])
    + "(?:(?P<mom>" + _alt(M["mom"]) + ")|(?P<level_rate>" + _alt(M["level_rates"]) + ")|(?P<decline>" + _alt(M["decline"])
    + ")|(?P<share>" + _alt(M["share"]) + ")|(?P<growth>" + _alt(M["growth"]) + "))")
_DECLINE_RE = re.compile(_alt(M["decline"]))
_GROWTH_AFTER_RE = re.compile(r"^\s*(?:" + _alt(M["decline_after"]) + r")|^\s*(?:" + _alt(M["growth_after"]) + ")")
_DECLINE_AFTER_RE = re.compile(r"^\s*(?:" + _alt(M["decline_after"]) + ")")
_PP_SIGN_RE = re.compile(_first_chars(M["pp_negative"] + M["pp_positive"])
                         + "(?:(?P<neg>" + _alt(M["pp_negative"]) + ")|(?P<pos>" + _alt(M["pp_positive"]) + "))")
_RATIO_RE = re.compile(r"(?:" + _alt(M["ratio_lead"]) + r")\s*(\d+(?:\.\d+)?(?:\s*[：:]\s*\d+(?:\.\d+)?){1,5})")
_INDEX_LEAD = tuple(M["index_lead"])
_DAILY_CLOSE_RE = re.compile(_alt(M["daily_close"]))
# 增加近一成, 下降两成: a share word right after a change cue is the size of the change
_CHANGE_BEFORE_SHARE_RE = re.compile(_first_chars(M["decline"] + M["growth"])
                                     + r"(?:(?P<decline>" + _alt(M["decline"]) + ")|(?P<growth>" + _alt(M["growth"])
                                     + r"))了?(?:" + _alt(Q["approx_before"] + Q["over_before"] + Q["under_before"]) + r")?\Z")
_LEVEL_AFTER_CUE = tuple(M["level_after_cue"])

_APPROX_BEFORE = tuple(sorted(Q["approx_before"], key=len, reverse=True))
_OVER_BEFORE = tuple(sorted(Q["over_before"], key=len, reverse=True))
_UNDER_BEFORE = tuple(sorted(Q["under_before"], key=len, reverse=True))
_APPROX_AFTER = tuple(Q["approx_after"])
_OVER_AFTER = tuple(Q["over_after"])
_UNDER_AFTER = tuple(Q["under_after"])
# the characters a qualifier word can start with (after the number) or end with (before it): a quick "exact"
_QUALIFIER_FIRST = frozenset(w[0] for w in _APPROX_AFTER + _OVER_AFTER + _UNDER_AFTER)
_QUALIFIER_LAST = frozenset(w[-1] for w in _APPROX_BEFORE + _OVER_BEFORE + _UNDER_BEFORE)

_FORECAST_RE = re.compile(_alt(CUES["forecast"]["cues"]))
_FORECAST_WINDOW = int(CUES["forecast"]["window"])
_FORECAST_AFTER_RE = re.compile(r"[^，,；;。！？!?\n]{0,%d}?(?:%s)" % (int(CUES["forecast"]["after_window"]), _alt(CUES["forecast"]["after_cues"])))

_BLOCK_BEFORE = tuple(S["number_blockers_before"])
_BLOCK_AFTER = tuple(S["number_blockers_after"])
_COMPARISON_BEFORE = tuple(sorted(S["comparison_before"], key=len, reverse=True))
_NOT_REGIONS = set(S["not_regions"])
_GENERIC_STEM_ENDINGS = tuple(S["generic_stem_endings"])
_REGION_MODIFIER = tuple(S["region_as_modifier_before"])
_PLACE_SUFFIX_ALT = _alt(S["place_shape_suffixes"])
# a named place: a run of name characters (no function words, digits or punctuation) ending in a place suffix
_PLACE_SHAPE_RE = re.compile(r"([^\W\d_的了是在到这那个一级把被将与和及等向从为对于以延伸届]{2,8}?(?:" + _PLACE_SUFFIX_ALT + "))")
_PLACE_SUFFIX_RE = re.compile(_PLACE_SUFFIX_ALT)


def _place_shapes(text: str):
    """_PLACE_SHAPE_RE.finditer(text), trying only the start positions 2 to 8 characters before the next place suffix
    (a match can start nowhere else): a search would try the lazy name run at every position up to the next match."""
    pos = 0  # the first position not tried yet
    while suffix := _PLACE_SUFFIX_RE.search(text, pos + 2):
        s = suffix.start()
        for start in range(max(pos, s - 8), s - 1):
            if m := _PLACE_SHAPE_RE.match(text, start):
                yield m
                pos = m.end()
                break
        else:
            pos = s - 1
SR = CUES["subject_rules"]
_LOCATION_BEFORE = tuple(SR["location_before"])
_SOURCE_BEFORE = tuple(SR["source_before"])
_SOURCE_AFTER_RE = re.compile(r"[^，。；]{0,6}?(?:" + _alt(SR["source_after"]) + ")")
_PLACE_LEAD_RE = re.compile("(?:" + _alt(SR["place_anaphor_lead"]) + ")+")
_RANK_SCOPE_BEFORE = tuple(sorted(SR["rank_scope_before"], key=len, reverse=True))
_RANK_MARKER_RE = re.compile(_alt(SR["rank_markers"]))
_REGION_TOPIC_RE = re.compile(_alt(SR["region_topic_words"]))
_BACK_REF_RE = re.compile(_alt(SR["enterprise_back_refs"]))
# a short noun at a clause start, ending like an organisation, directly before a number: 管理局2.4亿元
_ORG_SHAPE = r"([\u4e00-\u9fff]{0,6}?(?:" + _alt(SR["org_shape_suffixes"]) + r"))(?=\d)"
_ORG_SHAPE_RE = re.compile(r"(?:(?<=^)|(?<=[，,；;：:（(\n]))" + _ORG_SHAPE)
_ORG_SHAPE_SCAN = re.compile(r"[，,；;：:（(\n]" + _ORG_SHAPE)
# a list closed by 等 and a count: 三菱树脂、横滨轮胎、协鑫光伏二期等7个外资项目
_SET_CLOSE_RE = re.compile("(?P<close>" + _alt(S["set_close"]) + r")(\d|[一二两三四五六七八九十几多近])?")
_INCLUSIVE_LEAD = ("包括", "包含", "含")
_COUNT_LOCATION_RE = re.compile("(?:" + _alt(S["count_location_verbs"]) + ")")
_COUNT_MW = "家个座所项条台辆名"
# a clause opened by a counted group that acts on the number: 4家链主企业已引进了10余家
_GROUP_ACTOR_RE = re.compile(r"^[^\d]{0,6}?[\d一二两三四五六七八九十]+(?:余|多)?[" + _COUNT_MW + r"](?P<noun>[\u4e00-\u9fff]{1,8}?(?:"
                             + _alt(CUES["metric"]["count_heads"]) + r"))(?:已经|已|共|累计|先后|还|又|均|都)?(?:"
                             + _alt(CUES["metric"]["object_verbs"]) + r")了?(?:近|约|超过|超|逾)?$")
_COUNT_BACK_REFS = tuple(sorted(S["count_back_refs"], key=len, reverse=True))
_LIST_SEP_SPLIT_RE = re.compile(r"[、和及与]")
_PROJECT_ANAPHOR_RE = re.compile(_alt(S["project_anaphora"]))
_PROJECT_TAIL_RE = re.compile(r"[^\W\d_的是在和与及等]{0,10}?项目")
_THRESHOLD_BEFORE = tuple(S["threshold_before"])
_THRESHOLD_AFTER = tuple(S["threshold_after"])
_THRESHOLD_NOUN_RE = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:" + _alt(S["threshold_nouns"]) + ")")
_COUNT_IN_CLAUSE_RE = re.compile(r"\d+(?:余|多)?(?:个(?!月)|[家项座所])")
# what may stand between a clause start and 全国 when the nation is the subject: 10月份全国…, 其中同期全国…
_TIME_PREFIX_RE = re.compile(r"(?:其中|而|但|同时)?[\d一二三四五六七八九十〇零—\-~～至到年月份季度上下半前后今去同当期以来全末底初]*")
# a wire dateline names where the story was filed, not what it measures: 新华社北京3月5日电
_DATELINE_RE = re.compile("(?:" + _alt(SR["dateline_agencies"]) + r")[\u4e00-\u9fff]{2,8}?(?:\d{1,2}月)?\d{1,2}日电")
_PLACE_ANAPHOR_RE = re.compile(r"(?:该|这个|这家|此)(" + _PLACE_SUFFIX_ALT + ")")
# a generic word standing for the place named last: 宜宾三江新区锂电产业园……目前园区已聚集企业47家
_GENERIC_PLACE_ANAPHORA: dict[str, list[str]] = SR["place_anaphora"]
_GENERIC_PLACE = "(?:" + _alt(SR["place_anaphor_lead"]) + ")?(?P<w>" + _alt(_GENERIC_PLACE_ANAPHORA) + ")"
_GENERIC_PLACE_RE = re.compile(r"(?:(?<=^)|(?<=[，,；;：:。！？!?\n“]))" + _GENERIC_PLACE)
_GENERIC_PLACE_SCAN = re.compile(r"[，,；;：:。！？!?\n“]" + _GENERIC_PLACE)
# a region opening an organisation's name or an official's title is no subject: 据长沙海关统计, 阜阳市投资促进中心副主任
_ORG_AFTER_REGION_RE = re.compile(r"[^\W\d_，。、的了是在和与及]{0,8}?(?:" + _alt(SR["region_org_heads"]) + ")(?!" + _alt(SR["region_org_heads_not_before"]) + ")")
# a city followed by 港 names its port: 连云港港, 宁波港
_PORT_RE = re.compile(r"港(?!" + _alt(SR["port_not_before"]) + ")")
# a bare 小区/社区 opening a clause is the one named last: 东立国际小区……目前，小区累计更换800多米水管
_BARE_PLACE_RE = re.compile(r"(?:(?<=^)|(?<=[，,；;：:。！？!?\n“]))(" + _PLACE_SUFFIX_ALT + ")")
_BARE_PLACE_SCAN = re.compile(r"[，,；;：:。！？!?\n“](" + _PLACE_SUFFIX_ALT + ")")

_CLAUSE_BREAK = "，,；;。！？!?：:\n"
_SENTENCE_RE = re.compile(r"[^。！？!?；;\n]*[。！？!?；;]?[”’」』）)]*")
_RANGE_SEP_CHARS = "至到~～-—–－"  # one or more of these between two numbers, spaces around: a range
_LIST_SEPS = frozenset("、和及与")     # exactly one of these: a list
# a period after these is the base of a comparison (比上半年加快), not the period of the number
_PERIOD_BASE_BEFORE = ("比", "较", "于", "从", "与", "同", "对比", "相比", "比较")
COUNT_UNITS = frozenset(COUNT_WORDS)
SCALE_WORDS = frozenset(SCALES)
# a residential compound name ends like this: 千家鑫苑3栋
_ADDRESS_NAME_END = ("苑", "园", "村", "里", "庭", "府", "居", "城", "湾", "小区", "公寓", "大厦")
_BARE_SCALE_LEAD = ("超", "突破", "破", "逾", "迈入", "迈上", "成为", "冲击", "达", "达到", "跨过", "步入", "跻身", "站上", "向", "超过")


# ------------------------------------------------------------------------------------------------ places

_SPECIAL_PROVINCE = {"北京": "北京市", "天津": "天津市", "上海": "上海市", "重庆": "重庆市", "内蒙古": "内蒙古自治区",
                     "广西": "广西壮族自治区", "西藏": "西藏自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区"}
_PROVINCES = set(PLACES.get("provinces", []))
_CITIES = set(PLACES.get("cities", []))
_DISTRICTS = set(PLACES.get("districts", []))
_AREAS = set(PLACES.get("areas", []))
_REGION_SUFFIX = ["高新技术产业开发区", "经济技术开发区", "高新区", "开发区", "经开区", "新区", "自治州", "自治县", "省", "市", "区", "县"]
# bare district stems are two-character words that also occur inside other words (增城 in 新增城镇, 白云, 长安)
_BARE_STEM_WEAK = frozenset(_DISTRICTS | _AREAS) - _CITIES - _PROVINCES
# characters that can stand right before a bare place name without being part of it
_NAME_BOUNDARY_BEFORE = frozenset(S["name_boundary_before"])
_PLACE_WORDS = _PROVINCES | _CITIES | _DISTRICTS | _AREAS
_PLACE_RE = re.compile("(?P<stem>" + _trie_alt(_PLACE_WORDS) + ")(?P<suffix>" + _alt(_REGION_SUFFIX) + ")?")
_PLACE_BIGRAMS = frozenset(w[:2] for w in _PLACE_WORDS)
# where a place name can start: its first two characters are those of a name (every name has at least two)
_PLACE_START_RE = re.compile("[" + re.escape("".join(sorted({w[0] for w in _PLACE_WORDS}))) + "](?=["
                             + re.escape("".join(sorted({w[1] for w in _PLACE_WORDS}))) + "])")


def _places(text: str):
    """_PLACE_RE.finditer(text), trying only where a name's first two characters stand: the regex engine tries the
    hundreds of first characters one by one at every position, a character class is one lookup."""
    pos = 0
    for s in _PLACE_START_RE.finditer(text):
        p = s.start()
        if p >= pos and text[p:p + 2] in _PLACE_BIGRAMS and (m := _PLACE_RE.match(text, p)):
            yield m
            pos = m.end()


# districts named only by shape: 东西湖区, 海丰县 (2-3 character stem directly before 区/县)
_DISTRICT_SHAPE_RE = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff]{2,3}(?:区|县))|([\u4e00-\u9fff]{2}(?:区|县))")


# a unit named by shape: two to five name characters and an administrative suffix; opening a clause (after a time
# word or connective) or right after its city or province
_SHAPE_LEAD = r"(?:" + _alt(SR["subject_lead"] + SR["shape_region_lead"]) + r"|[\d一二三四五六七八九十〇零—\-~～至到年月日份季度上下半前后今去同当期以来末底初，,])*"
_SHAPE_NAME = (r"(?P<name>[^\W\d_的了是在到这那个一把被将与和及等向从为对以各该本我其每全比较市省区县乡镇][^\W\d_的了是在到这那个一把被将与和及等向从为对以各该本我其每全]{1,4}?"
               r"(?:" + _alt(SR["shape_region_suffixes"]) + "))(?!" + _alt(SR["shape_region_not_before"]) + ")")
_SHAPE_REGION_RE = re.compile(_SHAPE_LEAD + _SHAPE_NAME)
_SHAPE_REGION_SCAN = re.compile(r"[，,；;：:。！？!?\n“ 　、]" + _SHAPE_LEAD + _SHAPE_NAME)
_SHAPE_AFTER_REGION_RE = re.compile(_SHAPE_NAME)
_SHAPE_NOT_ENDINGS = tuple(SR["shape_region_not_endings"])


def _shape_level(name: str) -> str:
    return "city" if name.endswith("市") else "town" if name.endswith(("镇", "乡")) else "district"


def _shape_unit(name: str) -> bool:
    return not name.endswith(_SHAPE_NOT_ENDINGS) and name not in _NOT_REGIONS


_ZONE_AFTER_CITY_RE = re.compile(r"(?:高新技术产业开发区|经济技术开发区|高新区|开发区|经开区|新区)")
_COUNTY_AFTER_CITY_RE = re.compile(r"[^\W\d_的了是在到这那个一把被将与和及等向从为对以市省区县]{2,3}(?:县|区)(?![\u4e00-\u9fff]{0,1}(?:中|内|里))")


class _Cand(NamedTuple):  # a tuple: built and hashed by the thousand per article
    start: int
    end: int
    name: str
    type: str            # region | enterprise | organization
    entity_key: str | None
    level: str           # nation | province | city | district | area | enterprise | pronoun
    adjacent_ok: bool = True


@lru_cache(maxsize=4096)
def _region_name(stem: str, suffix: str) -> tuple[str, str]:
    if stem in _PROVINCES and (not suffix or suffix in ("省", "市")):
        return (stem + suffix if suffix else _SPECIAL_PROVINCE.get(stem, stem + "省")), "province"
    if stem in _CITIES and (not suffix or suffix == "市"):
        return stem + "市", "city"
    if stem in _AREAS:
        return stem + (suffix or ""), "area"
    return stem + (suffix or ""), "district" if suffix or stem in _DISTRICTS else "area"


def _clause_initial(rx: re.Pattern, scan: re.Pattern, text: str):
    """rx.finditer(text) for an rx that starts only at the text start or after a break character; `scan` is rx with that
    character consumed instead of looked behind (a lookbehind is tried at every position, a leading class is skipped to
    fast), so callers read group spans. No match of these ends with a break character, so no match is lost."""
    m = rx.match(text)
    if m:
        yield m
    yield from scan.finditer(text, m.end() if m else 0)


def _find_regions(text: str) -> list[_Cand]:
    out: list[_Cand] = []
    for m in _places(text):
        stem, suffix = m.group("stem", "suffix")
        suffix = suffix or ""
        start, end = m.span()
        if suffix == "区" and stem + suffix in _NOT_REGIONS:
            continue
        after_place = bool(out) and out[-1].end == start
        char_before = text[start - 1] if start else ""
        if stem.endswith(_GENERIC_STEM_ENDINGS) and char_before != "市" and not after_place:
            continue  # 工业园(区) alone is a generic word; 苏州工业园区 names one
        if not suffix and stem in _BARE_STEM_WEAK and "\u4e00" <= char_before <= "\u9fff" \
                and char_before not in _NAME_BOUNDARY_BEFORE and not after_place:
            continue  # a district name without its suffix inside a word: 新增城镇 is no 增城
        name, level = _region_name(stem, suffix)
        out.append(_Cand(start, end, name, "region", None, level))
    # a city directly followed by its district or zone is one place: 深圳光明区, 苏州高新区
    merged: list[_Cand] = []
    for c in out:
        if merged and merged[-1].end == c.start and merged[-1].level in ("city", "province") and c.level in ("district", "area"):
            p = merged.pop()
            merged.append(_Cand(p.start, c.end, p.name + c.name, "region", None, "district"))
        elif merged and merged[-1].end == c.start and merged[-1].level == "city" and text.startswith(("高新区", "开发区", "经开区", "新区"), c.start):
            merged.append(c)
        else:
            merged.append(c)
    # zone suffixes written after a city: 苏州高新区; a county or district named by shape after its city: 汕尾海丰县
    final: list[_Cand] = []
    for c in merged:
        if c.level == "city" and _PORT_RE.match(text, c.end):
            final.append(_Cand(c.start, c.end + 1, text[c.start:c.end + 1], "other", None, "place"))
            continue
        if c.level == "city":
            m = _ZONE_AFTER_CITY_RE.match(text, c.end)
            if m:
                c = _Cand(c.start, m.end(), text[c.start:c.end] + m.group(0), "region", None, "district")
            else:
                m = _COUNTY_AFTER_CITY_RE.match(text, c.end)
                if m and m.group(0) not in _NOT_REGIONS and m.group(0)[-2:] not in _NOT_REGIONS:
                    c = _Cand(c.start, m.end(), c.name + m.group(0), "region", None, "district")
        m2 = _SHAPE_AFTER_REGION_RE.match(text, c.end) if c.level in ("city", "province") else None
        if m2 and _shape_unit(m2.group("name")):
            final.append(c)  # 怀化市麻阳苗族自治县, 四川省江油市: the unit after its city or province
            c = _Cand(m2.start(), m2.end(), m2.group("name"), "region", None, _shape_level(m2.group("name")))
        final.append(c)
    taken = bytearray(len(text) + 1)
    for c in final:
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    shaped = [_Cand(m.start("name"), m.end("name"), m.group("name"), "region", None, _shape_level(m.group("name")))
              for m in _clause_initial(_SHAPE_REGION_RE, _SHAPE_REGION_SCAN, text)
              if not any(taken[m.start("name"):m.end("name")]) and _shape_unit(m.group("name"))]
    for c in list(shaped):  # 海宁市许村镇: a unit inside the shape-named one
        m = _SHAPE_AFTER_REGION_RE.match(text, c.end)
        if m and _shape_unit(m.group("name")) and not any(taken[m.start():m.end()]):
            shaped.append(_Cand(m.start(), m.end(), m.group("name"), "region", None, _shape_level(m.group("name"))))
    return sorted(final + shaped, key=lambda c: c.start) if shaped else final


# ------------------------------------------------------------------------------------------------ helpers

_CLAUSE_BREAK_RE = re.compile("[" + re.escape(_CLAUSE_BREAK) + "]")
_last_breaks: tuple[str | None, list[int]] = (None, [])  # replaced in one assignment: safe for extract threads


def _clause_breaks(text: str) -> list[int]:
    """Positions of clause breaks, computed once per text (the last text is remembered)."""
    global _last_breaks
    last_text, breaks = _last_breaks
    if last_text is not text:
        breaks = [m.start() for m in _CLAUSE_BREAK_RE.finditer(text)]
        _last_breaks = (text, breaks)
    return breaks


def _clause_start(text: str, pos: int, limit: int) -> int:
    breaks = _clause_breaks(text)
    k = bisect_left(breaks, pos)
    start = breaks[k - 1] + 1 if k else 0
    return start if start > limit else limit


def _clause_end(text: str, pos: int, limit: int) -> int:
    """The first clause break at or after pos, or limit when there is none before it."""
    if pos >= limit:
        return pos
    breaks = _clause_breaks(text)
    k = bisect_left(breaks, pos)
    return breaks[k] if k < len(breaks) and breaks[k] < limit else limit


_NEWLINE_RE = re.compile("\n")
_OPEN_BRACKET_RE = re.compile("[（(]")
_CLOSE_BRACKET_RE = re.compile("[）)]")


@lru_cache(maxsize=4)
def _brackets(text: str) -> tuple[list[int], list[int]]:
    """Where brackets open and where they close, computed once per text."""
    return [m.start() for m in _OPEN_BRACKET_RE.finditer(text)], [m.start() for m in _CLOSE_BRACKET_RE.finditer(text)]


def _in_brackets(text: str, lo: int, pos: int) -> bool:
    """More brackets open than close in text[lo:pos]."""
    if lo >= pos:
        return False
    opens, closes = _brackets(text)
    n_open = bisect_left(opens, pos) - bisect_left(opens, lo) if opens else 0
    return n_open > 0 and n_open > bisect_left(closes, pos) - bisect_left(closes, lo)


def _cands_from(cands: list[_Cand], lo: int):
    """The candidates (sorted by start) that start at or after lo."""
    return islice(cands, bisect_left(cands, lo, key=_start_of), None)


_start_of = attrgetter("start")


def _sentences(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _SENTENCE_RE.finditer(text) if m.end() > m.start()]


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _NEWLINE_RE.finditer(text)]


NQ = CUES["not_quantity"]
_RANK_UNITS = frozenset(NQ["rank_units"])
_RANK_VERBS = tuple(NQ["rank_verbs"])
_ADDRESS_UNITS = frozenset(NQ["address_units"])
_ADDRESS_AFTER = tuple(NQ["address_after"])
_FIGURATIVE_AFTER = tuple(NQ["figurative_after"])
_IDIOM_BEFORE = tuple(NQ["idiom_before"])
_DURATION_AFTER = tuple(NQ["duration_after"])
_VAGUE_BEFORE = tuple(NQ["vague_before"])
_WORDED_NUMBER_BEFORE = _IDIOM_BEFORE + _VAGUE_BEFORE  # no figure when a worded number follows these


def _not_a_quantity(q: Quantity, before: str, after: str) -> bool:
    """Rank changes, house numbers, magnitudes used as class labels, idiomatic distances (4 characters either side)."""
    if q.unit in _RANK_UNITS and before.rstrip("了").endswith(_RANK_VERBS):
        return True
    if q.unit in _ADDRESS_UNITS and (after.startswith(_ADDRESS_AFTER) or (before[-1:] and not before[-1:].isdigit()
                                                                         and before.endswith(_ADDRESS_NAME_END))):
        return True
    if q.unit and not q.unit_norm and q.unit in SCALE_WORDS and after.startswith(_FIGURATIVE_AFTER):
        return True
    if not q.text[:1].isdigit() and before.endswith(_WORDED_NUMBER_BEFORE):
        return True  # an idiom; 数千万元, 几十家: an order of magnitude, not a figure
    if q.unit == "个" and after.startswith(_DURATION_AFTER):
        return True
    return False


def _blocked(text: str, q: Quantity) -> bool:
    before = text[max(0, q.start - 4):q.start]
    after = text[q.end:q.end + 4]
    if _not_a_quantity(q, before, after) or before.endswith(_BLOCK_BEFORE):
        return True
    if before[-1:].isascii() and (before[-1:].isalnum() or before[-1:] in "./_"):
        return True  # part of a model name or code: V2.0, A380
    if not q.unit and after.startswith(_BLOCK_AFTER):
        return True
    if q.unit_norm in ("", "个", "种", "期") or q.kind == "plain" and q.unit_norm not in _CURRENCY_CODES:
        if after[:1].isascii() and after[:1].isalpha():
            return True  # 400G, 5G, 3D (an amount of money is complete: 3亿元B轮融资)
    return False


def _qualifier(text: str, q: Quantity) -> str:
    if q.approx_marker:
        return "over"
    before = text[max(0, q.start - 4):q.start].rstrip("了达到为是")
    after = text[q.end:q.end + 3]
    if after[:1] not in _QUALIFIER_FIRST and before[-1:] not in _QUALIFIER_LAST:
        return "exact"
    if after.startswith(_APPROX_AFTER) or before.endswith(_APPROX_BEFORE):
        return "approx"
    if after.startswith(_OVER_AFTER) or before.endswith(_OVER_BEFORE):
        return "over"
    if after.startswith(_UNDER_AFTER) or before.endswith(_UNDER_BEFORE):
        return "under"
    return "exact"


def _measure(text: str, q: Quantity, clause_lo: int, sent_lo: int) -> tuple[str, int]:
    """(measure, sign) for one quantity from the cue words around it."""
    if q.unit_norm == "pp":
        left = text[clause_lo:q.start]
        sign = 1
        last = None
        for m in _PP_SIGN_RE.finditer(left):
            last = m
        if last is not None and last.group("neg"):
            sign = -1
        return "growth_change_pp", sign
    if q.kind in ("cn_share", "fraction", "half"):
        m = _CHANGE_BEFORE_SHARE_RE.search(text, max(clause_lo, q.start - 8), q.start)
        if m and not _MEASURE_RE.search(text, clause_lo, m.start()) or m and m.group("decline"):
            return "yoy_growth", (-1 if m.group("decline") else 1)
        return "share", 1
    if q.unit_norm != "percent":
        return "level", 1
    after = text[q.end:q.end + 8]
    for lo in (clause_lo, sent_lo):
        left = text[lo:q.start]
        last = prev = None
        for m in _MEASURE_RE.finditer(left):
            prev, last = last, m
        if last is not None:
            kind = last.lastgroup
            tail = left[last.end():]
            if kind in ("growth", "decline") and prev is not None and prev.lastgroup == "mom" and prev.end() == last.start():
                return "mom_growth", (-1 if kind == "decline" else 1)  # 环比增长 / 环比下降
            if kind == "mom":
                return "mom_growth", (-1 if _DECLINE_RE.search(tail) else 1)
            if kind == "share":
                return "share", 1
            if kind == "level_rate":
                return "level", 1  # 综合毛利率为24.18%, 城镇调查失业率5.5%: a rate that is no part of a whole
            sign = -1 if kind == "decline" else 1
            if tail.startswith(_LEVEL_AFTER_CUE) and len(tail) <= 2:
                if prev is not None and prev.lastgroup in ("share", "level_rate") and prev.end() >= last.start() - 1:
                    return ("share" if prev.lastgroup == "share" else "level"), 1  # 占比提升至15%: the new share
                sign = 1  # 下跌至3.80%: the new level of a rate
            if _DAILY_CLOSE_RE.search(text, sent_lo, lo + last.start()):
                return "mom_growth", sign  # 股价收报15.36元，下跌2.85%: a close against the previous close
            return "yoy_growth", sign
        if _GROWTH_AFTER_RE.match(after):
            return "yoy_growth", -1 if _DECLINE_AFTER_RE.match(after) else 1
    return "share", 1


# 有 inside 国有/拥有/所有 is part of a word, not the verb: 国有企业进出口
_VERB_RE = re.compile(r"(实现|完成|达到|达|为|是|共计|合计|累计|突破|超过|超|逾|约|近|高达|已|有望|(?<![国所拥具没现持享])有|同比|环比|比|较|增长|下降|占|分别)")
_STRIP_LEAD_RE = re.compile(r"^(?:其中|此外|另外|同时|而|并|且|以及|和|及|全市|全省|全区|我市|本市|该企业|该公司|企业|公司|在|从|对|其)+")
_BRACKETED_RE = re.compile(r"[（(][^）)]{0,12}[）)]")


@lru_cache(maxsize=8192)
def _metric_phrase(left: str) -> str:
    left = _BRACKETED_RE.sub("", left)
    left = _STRIP_LEAD_RE.sub("", left)
    m = _VERB_RE.search(left)
    if not m:
        return left.strip(" “”\"'、")[-16:]
    head = left[:m.start()]
    if m.group(1) in ("实现", "完成", "累计", "共计", "合计", "有") or not head.strip(" “”\"'、"):
        rest = left[m.end():]
        v = _VERB_RE.match(rest)
        while v and v.end():  # 累计完成货物吞吐量: verbs in a row
            rest = rest[v.end():]
            v = _VERB_RE.match(rest)
        tail = _VERB_RE.split(rest)[0]
        head = head + tail
    return head.strip(" “”\"'、")[-16:]


MC = CUES["metric"]
_METRIC_LEAD = tuple(sorted(MC["strip_lead"], key=len, reverse=True))
_METRIC_TAIL = tuple(sorted(MC["strip_tail"], key=len, reverse=True))
_METRIC_LEAD_RE = re.compile("(?:" + "|".join(map(re.escape, _METRIC_LEAD)) + ")")
_METRIC_TAIL_RE = re.compile("(?:" + "|".join(map(re.escape, _METRIC_TAIL)) + r")\Z")
_METRIC_BAD_TAIL = tuple(MC["bad_tail"])
_METRIC_VERB_ONLY = frozenset(MC["verb_only"])
_OBJECT_VERB_RE = re.compile(_alt(MC["object_verbs"]))
_COUNT_HEAD_RE = re.compile(_alt(MC["count_heads"]))
_UPTO_NUMBER_RE = re.compile(r"^.*\d[\d.,]*(?:余|多)?(?:万亿|亿|万|千)?(?:" + _alt(list(PHYSICAL) + list(CURRENCIES) + COUNT_WORDS)
                             + r")?、?")
_NOUN_AFTER_RE = re.compile(r"^的?([\u4e00-\u9fffA-Za-z]{1,14})")
_NOUN_STOP_RE = re.compile(r"以及|和|与|及|、|在|已|将|是|有|被|中|的")


def _strip_metric_lead(p: str) -> str:
    m = _METRIC_LEAD_RE.match(p)
    while m:
        p = p[m.end():]
        m = _METRIC_LEAD_RE.match(p)
    return p


@lru_cache(maxsize=8192)
def clean_metric(phrase: str | None) -> str | None:
    """The noun phrase naming the quantity, or None when what is left is a function word or a clause fragment."""
    if not phrase:
        return None
    p = _UPTO_NUMBER_RE.sub("", _BRACKETED_RE.sub("", phrase))   # 20个项目中5个总投资 -> 总投资
    if "的" in p:
        p = p.rsplit("的", 1)[1]                                # 北部生态发展区前三季度的GDP增速 -> GDP增速
    verbs = list(_OBJECT_VERB_RE.finditer(p))
    if verbs and verbs[-1].end() < len(p):
        p = p[verbs[-1].end():]                                 # 与学校开展横向科技合作 -> 横向科技合作
    changed = True
    while changed and p:
        changed = False
        m = _METRIC_LEAD_RE.match(p)
        if m:
            p, changed = p[m.end():], True
        p2 = _STRIP_LEAD_RE.sub("", p)
        if p2 != p and p2:
            p, changed = p2, True
        m = _METRIC_TAIL_RE.search(p)
        if m:
            p, changed = p[:m.start()], True
    p = p.strip(" “”\"'、·-—")
    if len(p) < 2 or p in _METRIC_VERB_ONLY or p.endswith(_METRIC_BAD_TAIL) or not re.search(r"[\u4e00-\u9fffA-Za-z]", p):
        return None
    return p


def noun_after(text: str, q: Quantity) -> str | None:
    """The noun right after a number: 7个外资项目 -> 外资项目 (counts end at their head noun); 六成的人口 -> 人口."""
    is_count = q.unit_norm in COUNT_UNITS
    if not is_count and not text.startswith("的", q.end):
        return None
    m = _NOUN_AFTER_RE.match(text[q.end:q.end + 16])
    if not m:
        return None
    seg = m.group(1)
    if is_count:
        h = _COUNT_HEAD_RE.search(seg)
        return seg[:h.end()] if h else None
    stop = _NOUN_STOP_RE.search(seg)
    seg = seg[:stop.start()] if stop else seg
    return seg if len(seg) >= 2 else None


_METRIC_SURFACES = sorted(((s, k) for k, v in METRICS.items() for s in v), key=lambda x: len(x[0]), reverse=True)


_METRIC_KEY_OF = {s: k for s, k in reversed(_METRIC_SURFACES)}
_METRIC_RE = re.compile(_alt(_METRIC_KEY_OF)) if _METRIC_KEY_OF else None


@lru_cache(maxsize=8192)
def metric_key(metric: str | None) -> str | None:
    """The canonical key of the most specific (longest) metric surface form found in the phrase."""
    if not metric or _METRIC_RE is None:
        return None
    best = ""
    i = 0
    while True:  # overlapping scan: every start position, longest alternative first
        m = _METRIC_RE.search(metric, i)
        if not m:
            break
        if len(m.group(0)) > len(best):
            best = m.group(0)
        i = m.start() + 1
    return _METRIC_KEY_OF.get(best) if best else None


# ------------------------------------------------------------------------------------------------ quantities

def _split_scale(unit: str) -> tuple[str, str]:
    """亿元 -> (亿, 元); 个百分点 -> ('', 个百分点)."""
    if normalise_unit(unit) is not None and unit[:1] not in "万亿千百十":
        return "", unit
    for k in ("万亿", "千亿", "百亿", "十亿", "千万", "百万", "十万", "亿", "万", "千", "百"):
        if unit.startswith(k) and normalise_unit(unit[len(k):]) is not None:
            return k, unit[len(k):]
    return "", unit


def _prepared_quantities(text: str) -> list[tuple[Quantity, str]]:
    """Quantities worth reporting, with a tag: '' | 'range_lo' | 'range_hi'. Lists and ranges share their unit;
    ratios (3.9：59.5：36.6) become shares; 指数为99.5 becomes an index; bare 亿 amounts become CNY."""
    qs = [q for q in find_quantities(text) if not _blocked(text, q)]
    ratio_spans: list[tuple[int, int]] = []
    extra: list[Quantity] = []
    for m in _RATIO_RE.finditer(text):
        nums = list(re.finditer(r"\d+(?:\.\d+)?", m.group(1)))
        vals = [float(n.group(0)) for n in nums]
        if len(vals) >= 2 and abs(sum(vals) - 100) <= 2:
            base = m.start(1)
            for n, v in zip(nums, vals):
                extra.append(Quantity(base + n.start(), base + n.end(), n.group(0), v, "%", v, "percent", "", "ratio"))
            ratio_spans.append((m.start(1), m.end(1)))
    if ratio_spans:
        qs = [q for q in qs if not any(a <= q.start < b for a, b in ratio_spans)] + extra
        qs.sort(key=lambda q: q.start)
    # a number without unit takes the unit of the next one in a list or range: 0.9、5.9个百分点; 8.5至10亿元; 7.2个、5.2个百分点
    tags = [""] * len(qs)
    for i in range(len(qs) - 2, -1, -1):
        a, b = qs[i], qs[i + 1]
        between = text[a.end:b.start].strip()
        is_range, is_list = bool(between) and not between.strip(_RANGE_SEP_CHARS), between in _LIST_SEPS
        if not (is_range or is_list) or not b.unit_norm:
            continue
        if not a.unit_norm or (a.unit_norm == "个" and b.unit_norm == "pp"):
            own_scale = a.unit if a.unit and not a.unit_norm else ""
            b_scale, b_base = _split_scale(b.unit)
            if own_scale:
                factor = scale_factor(own_scale) * (normalise_unit(b_base) or (1.0, ""))[0]
            else:
                factor = (normalise_unit(b.unit) or (1.0, ""))[0]
            qs[i] = replace(a, unit=(own_scale or b_scale) + b_base, unit_norm=b.unit_norm, value_norm=a.value * factor)
        if is_range and qs[i].unit_norm == b.unit_norm:
            tags[i], tags[i + 1] = "range_lo", "range_hi"
    out: list[tuple[Quantity, str]] = []
    for q, tag in zip(qs, tags):
        if q.unit_norm in _CURRENCY_CODES:
            q = _per_unit_price(text, q)
        before = text[max(0, q.start - 6):q.start]
        if not q.unit_norm:
            if q.kind == "plain" and before.endswith(_INDEX_LEAD) and not q.unit:
                q = replace(q, unit="", unit_norm="index")
            elif q.unit and scale_factor(q.unit) >= 1e8:
                if q.kind == "bare_scale" and not before.rstrip("“\"'").endswith(_BARE_SCALE_LEAD):
                    continue
                q = replace(q, unit_norm="CNY")
            else:
                continue
        elif q.kind == "bare_scale" and not before.rstrip("“\"'").endswith(_BARE_SCALE_LEAD):
            continue
        out.append((q, tag))
    return out


_CURRENCY_CODES = frozenset(CURRENCIES.values())
_PER_UNIT_ALT = _alt(CUES["price"]["per_units"])
_PER_AFTER_RE = re.compile(r"\s*(?:/|每)(" + _PER_UNIT_ALT + ")")
_PER_BEFORE_RE = re.compile(r"每(" + _PER_UNIT_ALT + r")(?:价格|售价)?(?:为|是|达|约|在)?$")


def _is_threshold_after(text: str, end: int) -> bool:
    """以上的项目 / 以上项目 qualify what follows; 三千万元以上， at a clause end is an amount of at least that much."""
    for w in _THRESHOLD_AFTER:
        if text.startswith(w, end):
            nxt = text[end + len(w):end + len(w) + 1]
            return w != "以上" or (nxt != "" and nxt not in _CLAUSE_BREAK)
    return False


def _per_unit_price(text: str, q: Quantity) -> Quantity:
    """A price per unit: 600元/头 and 每公斤20元 -> unit_norm CNY/头, CNY/公斤 (the unit as written)."""
    m = _PER_AFTER_RE.match(text, q.end)
    if m:
        return replace(q, end=m.end(), text=text[q.start:m.end()], unit=q.unit + "/" + m.group(1),
                       unit_norm=q.unit_norm + "/" + m.group(1))
    m = _PER_BEFORE_RE.search(text, max(0, q.start - 8), q.start)
    if m:
        return replace(q, unit=q.unit + "/" + m.group(1), unit_norm=q.unit_norm + "/" + m.group(1))
    return q


# ------------------------------------------------------------------------------------------------ main

def _time_expressions(text: str, issue: date | None) -> list:
    try:
        return [t for t in find_time_expressions(text, issue)
                if t.kind == "period" or t.precision in ("year", "half", "quarter", "month", "range")]
    except Exception:  # a period parser failure must not cost the numbers
        return []


_NAME_BREAK_RE = re.compile(r"[，。；！？,;!?\n]")  # no company name runs across a clause break


_OWN_CITY_WORDS = frozenset(("我市", "本市"))
_INVESTOR_AFTER_RE = re.compile(_alt(S["investor_after"]))
_COUNTY_WORDS = frozenset(w for w in S["district_pronouns"] if w.endswith("县"))  # a county is never the paper's city
_PRONOUN_RES = tuple((re.compile(_alt(S[f"{level}_pronouns"])), level) for level in ("city", "province", "district", "town"))
_NATION_RE = re.compile(_alt(S["nation_words"]))
_STRONG_ANAPHORA = [w for w in S["enterprise_anaphora"] if len(w) > 2 or w == "我们"]
_WEAK_ANAPHORA = [w for w in S["enterprise_anaphora"] if w not in _STRONG_ANAPHORA]
_ENT_ANAPHOR_RE = re.compile(_alt(_STRONG_ANAPHORA) + "|" + _alt(_WEAK_ANAPHORA))
_ASCII_ALNUM_RE = re.compile(r"[A-Za-z0-9]")
_UPTO_PLACE_SUFFIX_RE = re.compile(".*?(?:" + _PLACE_SUFFIX_ALT + ")$")


def _resolve_candidates(ctx: ArticleContext, text: str, mentions: list[dict]) -> list[_Cand]:
    ents = sorted((m for m in mentions if 0 <= m.get("start", -1) < m.get("end", -1) <= len(text)
                   and not _NAME_BREAK_RE.search(text, m["start"], m["end"])), key=lambda m: m["start"])
    ent_cands = [_Cand(m["start"], m["end"], m.get("name") or m["mention"], "enterprise", m.get("entity_key"), "enterprise")
                 for m in ents]
    ent_ends = {e.end for e in ent_cands}
    datelines = [(m.start(), m.end()) for m in _DATELINE_RE.finditer(text, 0, 200)]
    ent_mask = bytearray(len(text) + 1)
    for e in ent_cands:
        ent_mask[e.start:e.end] = b"\x01" * (e.end - e.start)
    named_regions = [c for c in _find_regions(text)
                     if not any(a <= c.start < b for a, b in datelines)
                     and not any(ent_mask[c.start:c.end])
                     and c.start not in ent_ends and not text.startswith(_REGION_MODIFIER, c.end)]
    # a region opening an organisation's name still tells which province 全省 means (安徽省统计局发布……全省)
    regions = [c for c in named_regions if not (c.level != "place" and _ORG_AFTER_REGION_RE.match(text, c.end))]
    cands: list[_Cand] = ent_cands + regions
    taken = [(c.start, c.end) for c in cands] + datelines
    taken_mask = bytearray(len(text) + 1)
    for a, b in taken:
        taken_mask[a:b] = b"\x01" * (b - a)
    for m in _place_shapes(text):
        name = m.group(1)
        if len(name) <= 4 and name[:2] in ("这个", "一个", "该个"):
            continue
        if m.start() > 0 and _ASCII_ALNUM_RE.match(text[m.start() - 1].strip() or text[max(0, m.start() - 2)]):
            continue  # a name cut inside a word: 创维武汉Mini LED显示科技产业园 is not LED显示科技产业园
        lo = m.start()
        if taken_mask[lo]:
            for a, b in taken:  # 洪山区华商农业科技孵化器: the place starts after the district
                if a <= lo < b < m.end():
                    lo = b
        lead = _PLACE_LEAD_RE.match(text, lo, m.end())
        if lead:
            lo = lead.end()  # 今年开发区将…: a time word is no part of the name
        if lo in ent_ends or _ORG_AFTER_REGION_RE.match(text, m.end()):
            # 华驰电子科技有限公司智能终端产业园项目: a company's own facility is measured as the company;
            # 襄阳高新区管委会: the zone opens the name of its administration
            continue
        name = text[lo:m.end()]
        if len(name) - len(_UPTO_PLACE_SUFFIX_RE.match(name).group(0)) or len(name) < 4:
            continue
        if not any(taken_mask[lo:m.end()]):
            cands.append(_Cand(lo, m.end(), name, "other", None, "place"))
    for m in _clause_initial(_ORG_SHAPE_RE, _ORG_SHAPE_SCAN, text):
        if not any(taken_mask[m.start(1):m.end(1)]):
            cands.append(_Cand(m.start(1), m.end(1), m.group(1), "organization", None, "org"))
    places = sorted((c for c in cands if c.level == "place"), key=lambda c: c.start)
    for bare, matches in ((False, _PLACE_ANAPHOR_RE.finditer(text)), (True, _clause_initial(_BARE_PLACE_RE, _BARE_PLACE_SCAN, text))):
        for m in matches:
            m_start, m_end = (m.start(1), m.end(1)) if bare else (m.start(), m.end())
            prev = [c for c in places if c.end <= m_start and c.name.endswith(m.group(1))]
            if prev and not (bare and taken_mask[m_start]):
                cands.append(_Cand(m_start, m_end, prev[-1].name, "other", None, "anaphor"))
    named_places = sorted((c for c in cands if c.level == "place" or c.type == "region" and c.level in ("district", "area")),
                          key=lambda c: c.start)
    for m in _clause_initial(_GENERIC_PLACE_RE, _GENERIC_PLACE_SCAN, text):
        w = m.group("w")
        if taken_mask[m.start("w")]:
            continue
        prev = [c for c in named_places if c.end <= m.start("w") and c.name.endswith(tuple(_GENERIC_PLACE_ANAPHORA[w]))]
        if prev:
            cands.append(_Cand(m.start("w"), m.end("w"), prev[-1].name, "other", None, "anaphor"))

    region_counts = Counter(c.name for c in named_regions)
    province_names = {r.name for r in named_regions if r.level == "province"}
    provs = [n for n, k in region_counts.most_common() if n in province_names]

    own_paper = ctx.city and not datelines and city_stem(ctx.city) in text
    name_levels = {(r.name, r.level) for r in named_regions}

    def pronoun(pos: int, level: str, word: str = "") -> str | None:
        if level == "city":
            # 全市 after 遵义市今年以来… is that city; 我市/本市 and a 全市 with no city opening a clause before it are the paper's
            # ...but a city paper that names its own city means its own city (江油市… 全市 in a 绵阳 paper is 绵阳市)
            k = bisect_left(subject_cities, pos, key=_start_of)
            if k and not (word in _OWN_CITY_WORDS and ctx.city) and not own_paper:
                return subject_cities[k - 1].name
            if ctx.city:
                return ctx.city
        best = None
        if level == "province":  # 全省 is the article's province: the most named one (a comparison names others once)
            if len(provs) > 1 and region_counts[provs[0]] > region_counts[provs[1]]:
                return provs[0]
        for c in named_regions:
            if c.start >= pos:
                break
            if c.level == level:
                best = c.name
        if best:
            return best
        if level == "province":  # none named before it: the province of the paper's home city (长沙市 -> 湖南省)
            return province_of(ctx.city)
        if level == "town":
            return None
        return next((n for n, _ in region_counts.most_common() if (n, level) in name_levels), None)

    # a unit right after its province or city (湖南省浏阳市) or opening a wire story's lead (新华社贵阳电 遵义市…)
    unit_starts = {b.start for a, b in zip(named_regions, named_regions[1:]) if a.end == b.start and a.level in ("province", "city")} \
        | {c.start for c in named_regions for _, b in datelines if b <= c.start and not text[b:c.start].strip()}
    subject_cities = [c for c in regions if c.level == "city" and (c.start in unit_starts or _in_subject_position(text, c, 0))]
    for pronoun_re, level in _PRONOUN_RES:
        for m in pronoun_re.finditer(text):
            name = pronoun(m.start(), level, m.group(0))
            if level == "district" and not name and m.group(0) not in _COUNTY_WORDS:
                name = pronoun(m.start(), "city")
            if name:
                cands.append(_Cand(m.start(), m.end(), name, "region", None, "pronoun"))
    for m in _NATION_RE.finditer(text):
        cands.append(_Cand(m.start(), m.end(), "全国", "region", None, "nation"))
    # 该项目: the last project named after a company (宁德时代第四期项目), else the last company
    projects = []
    for e in ent_cands:
        m = _PROJECT_TAIL_RE.match(text, e.end)
        if m:
            projects.append(_Cand(e.start, m.end(), text[e.start:m.end()], "other", e.entity_key, "project"))
    antecedents = sorted(projects + ent_cands, key=lambda c: (c.end, c.level == "project"))
    ante_ends = [c.end for c in antecedents]
    for m in _PROJECT_ANAPHOR_RE.finditer(text):
        k = bisect_right(ante_ends, m.start())
        best = None
        while k > 0 and m.start() - antecedents[k - 1].end <= 400:  # nearest first, within 400 characters
            k -= 1
            if antecedents[k].level == "project" or not _is_set_member(text, antecedents[k]):
                best = antecedents[k]
                break
        if best is not None:
            cands.append(_Cand(m.start(), m.end(), best.name, best.type, best.entity_key, "anaphor"))
    ent_by_end = sorted((e for e in ent_cands if not _is_set_member(text, e)
                         and not _INVESTOR_AFTER_RE.search(text, e.end, _clause_end(text, e.end, len(text)))), key=lambda e: e.end)
    ent_ends_sorted = [e.end for e in ent_by_end]
    ent_starts = {e.start: e for e in ent_cands}
    for m in _ENT_ANAPHOR_RE.finditer(text):
        if m.group(0) in _WEAK_ANAPHORA and m.start() > 0 and text[m.start() - 1] not in _CLAUSE_BREAK + "“" \
                and not (m.group(0) == "公司" and _quote_speaker(text, m.start(), ent_starts)):
            continue
        # “…我们预计…”华曙高科董事长说: the company whose officer speaks (企业 in a quote is any firm, not the speaker's)
        speaker = _quote_speaker(text, m.start(), ent_starts) if m.group(0) in ("我们", "公司") else None
        if speaker is not None:
            cands.append(_Cand(m.start(), m.end(), speaker.name, "enterprise", speaker.entity_key, "anaphor"))
            continue
        k = bisect_right(ent_ends_sorted, m.start())
        if k and m.start() - ent_ends_sorted[k - 1] <= 400:
            e = ent_by_end[k - 1]
            if m.group(0) in _WEAK_ANAPHORA:
                # a bare 公司 continues the company the story is about: the last one that opened a clause, not one
                # named inside a predicate (公司已与A签订…, 通过B开展…)
                j = k - 1
                while j >= 0 and m.start() - ent_by_end[j].end <= 400 and not _in_subject_position(text, ent_by_end[j], 0):
                    j -= 1
                if j >= 0 and m.start() - ent_by_end[j].end <= 400:
                    e = ent_by_end[j]
            cands.append(_Cand(m.start(), m.end(), e.name, "enterprise", e.entity_key, "anaphor"))
    cands.sort(key=lambda c: (c.start, -c.end))
    return cands


def _quote_speaker(text: str, pos: int, ent_starts: dict) -> _Cand | None:
    """The company named right after the quotation that pos stands in (“…”X公司董事长说), if any."""
    open_q = text.rfind("“", max(0, pos - 300), pos)
    if open_q < 0 or text.rfind("”", open_q, pos) >= 0:
        return None
    close_q = text.find("”", pos, pos + 300)
    if close_q < 0 or "\n" in text[open_q:close_q]:
        return None
    for k in range(close_q + 1, min(len(text), close_q + 4)):
        if k in ent_starts:
            return ent_starts[k]
    return None


def _default_region(ctx: ArticleContext, cands: list[_Cand]) -> _Cand | None:
    # an article whose headline names one district or zone of the city is about that area: 苏州高新区投资120亿…
    head = {c.name for c in _find_regions(ctx.headline or "") if c.level in ("district", "area")}
    if len(head) == 1 and any(c.name in head for c in cands):
        return _Cand(0, 0, head.pop(), "region", None, "district")
    # wire copy (新华社贵阳电) is about the places it names, not about the city of the paper that prints it
    dateline = _DATELINE_RE.search(ctx.text or "", 0, 200)
    if ctx.city and not dateline:
        # a city paper's story told in 全省/我省 and never 全市 is about the province
        pro = Counter(c.name for c in cands if c.level == "pronoun")
        if pro and ctx.city not in pro and pro.most_common(1)[0][1] >= 2:
            return _Cand(0, 0, pro.most_common(1)[0][0], "region", None, "province")
        return _Cand(0, 0, ctx.city, "region", None, "city")
    units = [c for c in cands if c.type == "region" and c.level in ("city", "province", "district")]
    if dateline and not units:  # 记者从浙江省统计局获悉: a unit opening an office's name is still where the story is
        units = [c for c in _find_regions(ctx.text) if c.start >= dateline.end() and c.level in ("city", "province", "district")]
    counts = Counter(c.name for c in units)
    if counts:
        if dateline:  # 贵州省湄潭县 named once each: the story is about the county
            depth = {c.name: _UNIT_DEPTH[c.level] for c in units}
            return _Cand(0, 0, max(counts, key=lambda n: (counts[n], depth[n])), "region", None, "city")
        return _Cand(0, 0, counts.most_common(1)[0][0], "region", None, "city")
    if any(c.level == "nation" for c in cands):  # a national story (wire copy) names no region of its own
        return _Cand(0, 0, "全国", "region", None, "nation")
    if dateline:  # nothing named: the place the story was filed from
        filed = _find_regions(dateline.group(0))
        if filed:
            return _Cand(0, 0, filed[-1].name, "region", None, filed[-1].level)
    return _Cand(0, 0, ctx.city, "region", None, "city") if ctx.city else None


_UNIT_DEPTH = {"province": 0, "city": 1, "district": 2}


@lru_cache(maxsize=4096)
def _is_set_member(text: str, c: _Cand) -> bool:
    """c is an item of a list that a count closes: A、B、C等7个 (its own tail, like 二期, may follow it)."""
    # the close must come before the clause ends: no need to look past the next break
    m = _SET_CLOSE_RE.search(text, c.end, min(c.end + 120, _clause_end(text, c.end, len(text))))
    if not m:
        return False
    if c.type == "region" and m.start() > c.end and "\u4e00" <= text[c.end] <= "\u9fff" \
            and not text.startswith(_MEMBER_SEP, c.end):
        return False  # 武汉面塑、汉绣等9项: the place names where the items come from, it is not an item
    seg = text[c.end:m.start()]
    items = _LIST_SEP_SPLIT_RE.split(seg)
    if m.group("close") != "等":  # 包括广州、佛山在内的14个: only after 包括 (not 在内蒙古)
        lead = text[_clause_start(text, c.start, 0):c.start]
        return any(w in lead for w in _INCLUSIVE_LEAD) and all(len(x) <= 24 for x in items)
    if not m.group(2) and len(items) < 2 and text[c.start - 1:c.start] not in ("、", "和", "及", "与"):
        return False  # 西门子等配套 alone is no list
    # the first item's own tail (二期, 新能源重卡产业园) is short; longer when a count closes a list it continues
    tail_max = 16 if m.group(2) and (len(items) >= 2 or text[c.start - 1:c.start] in _MEMBER_SEP) else 6
    return len(items[0]) <= tail_max and all(len(x) <= 24 for x in items)


def _rank_scope(text: str, c: _Cand) -> bool:
    """位居全省第一, 是全省经济增长最快的地区: a region inside a ranking predicate is its scope, not a subject."""
    if c.type != "region" or not text[max(0, c.start - 2):c.start].endswith(_RANK_SCOPE_BEFORE):
        return False
    tail = text[c.end:_clause_end(text, c.end, min(len(text), c.end + 16))]
    m = _RANK_MARKER_RE.search(tail)
    return bool(m) and not any(ch.isdigit() for ch in tail[:m.start()])


def _is_source(text: str, c: _Cand) -> bool:
    """记者从连云港港口控股集团获悉, 据长沙海关统计: whoever gives the numbers is not what they measure."""
    if not text[max(0, c.start - 3):c.start].endswith(_SOURCE_BEFORE):
        return False
    return bool(_SOURCE_AFTER_RE.match(text, c.end, _clause_end(text, c.end, min(len(text), c.end + 12))))


_OBLIQUE_LEAD_RE = re.compile("(?:" + _alt(SR["instrument_before"]) + r")[^，,；;。：:\d]{0,8}\Z")
_INSTRUMENT_ANY_RE = re.compile(_alt(SR["instrument_before"]))
_LOCATIVE_OF_RE = re.compile("(?:内|里|中)?的")
_PARTNER_BEFORE = tuple(SR["partner_before"])
_SCOPE_BEFORE = tuple(SR["scope_before"])


def _oblique(text: str, cands: list[_Cand], share_starts: frozenset[int] = frozenset()) -> set[_Cand]:
    """Candidates that are never the subject of a number: members of an 等-set (the count belongs to the set's owner),
    the whole of a share (占全省的1.03%, 广东六成的人口), places chained after a location word (位于本市津南区八里台工业区)."""
    out: set[_Cand] = set()
    loc_lo, loc_hi = -1, -1
    prev = None
    starts = {c.start for c in cands}
    has_instrument = _INSTRUMENT_ANY_RE.search(text) is not None
    for c in cands:
        before = text[max(0, c.start - 3):c.start]
        if c.level == "anaphor":
            continue
        # (both _rank_scope and _is_source open by testing the words before c, so those words are tested here first)
        if _is_set_member(text, c) or before.endswith("占") or before.endswith(_SCOPE_BEFORE) or c.end in share_starts or c.end + 1 in share_starts \
                and text[c.end] == "的" or before.endswith(_RANK_SCOPE_BEFORE) and _rank_scope(text, c) \
                or before.endswith(_SOURCE_BEFORE) and _is_source(text, c):
            out.add(c)
        if loc_lo <= c.start <= loc_hi and c.start > loc_lo:
            out.add(c)
            loc_hi = max(loc_hi, c.end)
        elif before.endswith(_LOCATION_BEFORE):
            loc_lo, loc_hi = c.start, c.end
        if c in out:
            pass
        elif c.level != "pronoun" and (has_instrument and _OBLIQUE_LEAD_RE.search(text, max(0, c.start - 12), c.start)
                                       or before.endswith(_PARTNER_BEFORE)) \
                or prev is not None and c.start - prev.end <= 2 and text[prev.end:c.start] in _MEMBER_SEP and (
                    prev in out or text[max(0, prev.start - 2):prev.start].endswith(_COMPARISON_BEFORE)):
            out.add(c)  # 通过全资附属公司A, 与A、B组成的银团: an instrument or a partner, not the actor
        elif c.type != "enterprise" and (lm := _LOCATIVE_OF_RE.match(text, c.end)) and lm.end() in starts:
            out.add(c)  # 王店镇工业园区内的华森木业: the place locates what follows it
        prev = c
    by_start = {c.start: c for c in cands if c in out}
    for c in reversed(cands):  # 秀洲区王店镇工业园区内的…: a region opening a chain of places shares its role
        if c.type == "region" and c.level != "pronoun" and c.end in by_start and c not in out:
            out.add(c)
            by_start.setdefault(c.start, c)
    return out


def _subject_for(text: str, cands: list[_Cand], lo: int, pos: int, oblique: set[_Cand] = frozenset(),
                 share: bool = False, pp: bool = False) -> _Cand | None:
    """Nearest candidate left of pos inside [lo, pos) that is not a comparison base. A rate or level written right
    after the compared place is that place's own figure (超过全国9.8%的水平, 低于全国（49.5%）); a pp gap never is."""
    best = None
    for c in _cands_from(cands, lo):
        if c.end > pos:
            break
        gap = pos - c.end  # characters between the candidate and the number
        if c in oblique and not (c.type == "enterprise" and "等" not in text[c.end:pos] and _is_set_member(text, c)) \
                or (share and (gap == 0 or gap == 1 and text[c.end] == "的")):
            continue  # 广东六成的人口: the place before a share is the whole; A年产2万吨…、B等3个项目: A's own figure
        own_figure = not pp and (gap == 0 or gap == 1 and text[c.end] in "（(")
        if c.level != "anaphor" and text[max(0, c.start - 2):c.start].endswith(_COMPARISON_BEFORE) and (gap > 2 or pp) \
                and not (_LOCATIVE_FRAME_RE.fullmatch(text, _clause_start(text, c.start, lo), c.start)
                         and _clause_end(text, c.end, pos) == c.end < pos):
            continue
        if c.level == "nation" and (text[max(0, c.start - 3):c.start].endswith(_COMPARISON_BEFORE) and not own_figure
                                    or gap > 2
                                    and not _TIME_PREFIX_RE.fullmatch(text[_clause_start(text, c.start, lo):c.start])):
            continue  # 高于全国0.8个百分点 compares; 10月份全国社会消费品零售总额 measures the nation
        if best is None or c.start >= best.end:
            best = c
    return best


_RESPECTIVELY_RE = re.compile("分别")
_BRACKET_OPEN_RE = re.compile(r"[（(]")
_COMPARISON_TAIL_RE = re.compile("(?:大幅|明显|略|均|也|都)?(?:" + _alt(S["comparison_before"]) + r")\Z")
_SENTENCE_END_RE = re.compile(r"[。！？!?\n]")
# a clause that is only a place after 在 frames the sentence: 单在汕尾海丰县，今年已迎来35个项目
_LOCATIVE_FRAME_RE = re.compile(r"[\u4e00-\u9fff]{0,2}?在")
_MEMBER_SEP = ("、", "和", "与", "及", "以及")


def _respective_subjects(text: str, cands: list[_Cand], quantities: list) -> dict[int, tuple[_Cand, int]]:
    """广州、深圳GDP分别为A亿元、B亿元: the k-th value of each unit after 分别 belongs to the k-th listed name."""
    out: dict[int, tuple[_Cand, int]] = {}
    q_starts = [q.start for q, _ in quantities]
    last: list[_Cand] = []
    for m in _RESPECTIVELY_RE.finditer(text):
        lo = _clause_start(text, m.start(), 0)
        hi = _clause_end(text, m.end(), len(text))
        members: list[_Cand] = []
        for c in _cands_from(cands, lo):
            if c.end > m.start():
                break
            if c.type == "other" and c.level != "place":
                continue
            if members and text[members[-1].end:c.start] in _MEMBER_SEP:
                members.append(c)
            elif not members or c.start >= members[-1].end:
                members = [c]
        if len(members) >= 2 and text[max(0, members[0].start - 2):members[0].start].endswith(_COMPARISON_BEFORE):
            continue  # 分别高于全国、全省2.9个和1.2个百分点: the listed places are the bases of the comparison
        if len(members) < 2 or len(text[members[-1].end:m.start()]) > 12:
            # 同比分别增长5.1%、6.2%: a later 分别 of the same sentence refers to the same list
            members = last if last and not _SENTENCE_END_RE.search(text, last[-1].end, m.start()) else []
            if not members:
                continue
        last = members
        by_unit: dict[str, list] = {}
        for k in range(bisect_left(q_starts, m.end()), bisect_left(q_starts, hi)):
            by_unit.setdefault(quantities[k][0].unit_norm, []).append(quantities[k][0])
        for qs in by_unit.values():
            if len(qs) == len(members):
                out.update({q.start: (c, members[-1].end) for q, c in zip(qs, members)})
    return out


# what may open a clause before its subject: connectives, time words, a date
_LEAD_CHARS = r"\d一二三四五六七八九十〇零—\-~～至到年月日份季度上下半前后今去同当期以来全末底初，,"
_SUBJECT_LEAD_RE = re.compile(r"(?:(?:" + _alt(SR["subject_lead"]) + r")|[" + _LEAD_CHARS + "])*")
# a character that no clause opener contains: where one stands before a candidate, the candidate is no subject
_NOT_SUBJECT_LEAD_RE = re.compile("[^" + re.escape("".join(sorted(set("".join(SR["subject_lead"]))))) + _LEAD_CHARS + "]")


_HEAD_AFTER_DE_RE = re.compile(r"的[\u4e00-\u9fff]{0,4}\Z")


def _in_subject_position(text: str, c: _Cand, lo: int) -> bool:
    lead = _clause_start(text, c.start, lo)
    return not _NOT_SUBJECT_LEAD_RE.search(text, lead, c.start) and bool(_SUBJECT_LEAD_RE.fullmatch(text, lead, c.start))


def _sentence_subject(text: str, cands: list[_Cand], lo: int, hi: int, oblique: set[_Cand]) -> _Cand | None:
    """The last candidate in [lo, hi) that opens its clause (its subject), skipping obliques."""
    best = None
    for c in _cands_from(cands, lo):
        if c.start >= hi:
            break
        if c not in oblique and c.level != "nation" and _in_subject_position(text, c, lo):
            best = c
        elif best is not None and _HEAD_AFTER_DE_RE.search(text, best.end, c.start) and _clause_end(text, best.end, hi) >= c.start:
            best = c  # 公司位于泰国的生产基地拓金精密（泰国）有限公司正式投产: the head noun after 的 is the subject
    return best


def _count_subject(text: str, cands: list[_Cand], q: Quantity, c_lo: int, c_hi: int) -> _Cand | None:
    """What a count is about when the clause says so: the place its items stand in (4座工厂已矗立在革新大道), the group
    that acquired them (4家链主企业已引进了10余家上下游企业), the place it qualifies (产值逾500亿元的智创小镇)."""
    if q.unit_norm in COUNT_UNITS:
        m = _COUNT_LOCATION_RE.search(text, q.end, c_hi)
        if m:
            for c in _cands_from(cands, m.end()):
                if c.start > m.end() + 1:
                    break
                if c.end <= c_hi:
                    return c
        m = _GROUP_ACTOR_RE.search(text[c_lo:q.start])
        if m:
            return _Cand(c_lo + m.start("noun"), c_lo + m.end("noun"), m.group("noun"), "other", None, "group")
    if text.startswith("的", q.end):
        for c in _cands_from(cands, q.end + 1):
            if c.start == q.end + 1 and c.level in ("place", "enterprise", "city", "district", "area", "province"):
                return c
            if c.start > q.end + 1:
                break
    return None


def _topic_before(text: str, cands: list[_Cand], sentences: list[tuple[int, int]], lo: int, hi: int,
                  oblique: set[_Cand] = frozenset(), regions_only: bool = False) -> _Cand | None:
    """The topic of the last sentence in [lo, hi) that has one: its first candidate outside brackets."""
    best, best_sent = None, -1
    for c in _cands_from(cands, lo):
        if c.start < lo or c.level == "nation" or c in oblique or (regions_only and c.type != "region"):
            continue
        if c.start >= hi:
            break
        if c.end > hi:
            continue
        k = bisect_right(sentences, (c.start, 1 << 30)) - 1
        if k == best_sent or k < 0:
            continue
        if c.level != "anaphor" and text[max(0, c.start - 2):c.start].endswith(_COMPARISON_BEFORE):
            continue
        if _in_brackets(text, max(0, c.start - 300), c.start):
            continue
        best, best_sent = c, k
    if best is not None and best.type == "region" and best.level in ("province", "city"):
        j = bisect_left(cands, best.end, key=lambda x: x.start)
        while j < len(cands) and cands[j].start == best.end and cands[j].type == "region" and cands[j].end <= hi \
                and cands[j].level in ("city", "district", "town"):
            best = cands[j]  # 山西省大同市云州区是…: the topic is the most specific unit of the chain
            j += 1
    return best


_HEADING_MAX = 30


def _short_lines(text: str, para_starts: list[int], stops: str) -> set[int]:
    """Indexes of paragraphs no longer than a heading that contain none of `stops`."""
    out = set()
    for k, lo in enumerate(para_starts):
        hi = para_starts[k + 1] - 1 if k + 1 < len(para_starts) else len(text)
        line = text[lo:hi].strip()
        if 0 < len(line) <= _HEADING_MAX and not any(ch in line for ch in stops):
            out.add(k)
    return out


def _restating_headings(text: str, para_starts: list[int]) -> set[int]:
    """Paragraphs that look like subheadings: short, with no sentence or clause punctuation."""
    return _short_lines(text, para_starts, "。，；！？,;!?：")


def _title_lines(text: str, para_starts: list[int]) -> set[int]:
    """Paragraphs that read like a title or subheading: short, with no sentence end (commas allowed)."""
    return _short_lines(text, para_starts, "。；！？;!?")


def _head_period(ctx: ArticleContext):
    """一、2023年工作回顾 right above the body: the period of the last head line that states one holds for the body
    until the body states its own."""
    head = getattr(ctx, "head", "") or ""
    headline = re.sub(r"\s", "", ctx.headline or "")
    # the headline's own period is the story's news peg (2015年重点项目集中开工), not a section's span
    lines = [ln for ln in head.split("\n") if ln.strip() and re.sub(r"\s", "", ln) not in headline]
    if not lines or ctx.issue_date is None:
        return None
    times = [t for t in _time_expressions(lines[-1], ctx.issue_date)
             if not t.is_future and t.date_start is not None and t.precision in ("year", "half", "quarter", "range")]
    return times[-1] if times else None


def extract_indicators(ctx: ArticleContext, mentions: list[dict]) -> list[dict]:
    text = ctx.text or ""
    if not text:
        return []
    quantities = _prepared_quantities(text)
    if not quantities:
        return []
    times = sorted(_time_expressions(text, ctx.issue_date), key=lambda t: t.start)
    t_starts = [t.start for t in times]
    t_is_base = [text[max(0, t.start - 2):t.start].endswith(_PERIOD_BASE_BEFORE) for t in times]
    cands = _resolve_candidates(ctx, text, mentions)
    default = _default_region(ctx, cands)
    oblique = _oblique(text, cands, frozenset(q.start for q, _ in quantities if q.kind in ("cn_share", "fraction", "half")))
    sentences = _sentences(text)
    para_starts = _paragraph_starts(text)
    topic_before = cache(partial(_topic_before, text, cands, sentences, oblique=oblique))  # the same for a whole sentence

    headings = _restating_headings(text, para_starts)
    titles = _title_lines(text, para_starts)
    respective = _respective_subjects(text, cands, quantities)
    seen: set[tuple] = set()
    out: list[dict] = []
    si = 0
    cur_para = -1
    subj_carry: _Cand | None = None
    period_carry = _head_period(ctx)
    last_metric: str | None = None
    last_metric_sent = -1
    last_forecast_sent = -1
    for q, tag in quantities:
        while si < len(sentences) - 1 and sentences[si][1] <= q.start:
            si += 1
        s_lo, s_hi = sentences[si]
        para = bisect_right(para_starts, q.start) - 1
        if para in headings and text.count(q.text) > 1:
            continue  # a subheading restating a number that the body gives with its context
        if para in titles and q.kind in ("cn_share", "half") and any(
                p.unit_norm == "percent" and p.start > q.end and abs(p.value_norm - q.value_norm) <= 5 for p, _ in quantities):
            continue  # 高新出口增长近两成 over a paragraph that says 同比上升19.8%: the title rounds the body's figure
        if para != cur_para:
            for k in range(cur_para + 1, para):  # 一、2023年工作回顾: a section title's period holds for its section
                if k in titles:
                    hi_k = para_starts[k + 1] if k + 1 < len(para_starts) else len(text)
                    for j in range(bisect_left(t_starts, para_starts[k]), bisect_left(t_starts, hi_k)):
                        if not times[j].is_future and times[j].date_start is not None:
                            period_carry = times[j]
            cur_para = para
            subj_carry = None
        c_lo = _clause_start(text, q.start, s_lo)
        c_hi = _clause_end(text, q.end, s_hi)

        prev_para = para_starts[para - 1] if para > 0 else 0
        measure, sign = _measure(text, q, c_lo, s_lo)
        is_share = measure == "share"
        if q.unit_norm in COUNT_UNITS and text[max(0, q.start - 2):q.start].endswith(_COUNT_BACK_REFS):
            continue  # 这4家链主企业: the set named before, counted again
        resp = respective.get(q.start)
        subject = (resp[0] if resp else None) or _count_subject(text, cands, q, c_lo, c_hi) \
            or _subject_for(text, cands, s_lo, q.start, oblique, is_share, measure == "growth_change_pp")
        if subject is not None and not resp and subject.start < c_lo and subject.type == "enterprise" \
                and not _in_subject_position(text, subject, s_lo):
            # 泉城冷链原为济南农投全资子公司，拥有冷库库容18万吨: a later clause without a subject continues the
            # sentence's subject, not a company named inside an earlier clause's predicate
            subject = _sentence_subject(text, cands, s_lo, c_lo, oblique) or subject
        if subject is None:
            subject = topic_before(para_starts[para], s_lo) or (subj_carry if subj_carry not in oblique else None) \
                or topic_before(prev_para, para_starts[para]) or default
            clause = text[c_lo:c_hi]
            if subject is not None and subject.type == "enterprise" and _REGION_TOPIC_RE.search(clause) \
                    and not _BACK_REF_RE.search(text[c_lo:q.start]):
                # a clause about projects or areas does not inherit a company from an earlier sentence
                subject = topic_before(para_starts[para], s_lo, regions_only=True) \
                    or topic_before(0, para_starts[para], regions_only=True) or default
        if subject is None:
            continue
        if subject.level != "nation" and not _in_brackets(text, para_starts[para], q.start):
            subj_carry = subject

        period = None
        for k in range(bisect_left(t_starts, s_lo), bisect_left(t_starts, q.start)):
            if times[k].end <= q.start and not t_is_base[k]:
                period = times[k]
        if period is None:  # 14个地级市前三季度GDP增速超过…: a period later in the clause before one carried over
            for k in range(bisect_left(t_starts, q.end), bisect_left(t_starts, c_hi)):
                if not t_is_base[k] and not times[k].is_future and not _BRACKET_OPEN_RE.search(text, q.end, times[k].start):
                    period = times[k]
                    break
        if period is None:
            period = period_carry
        elif not (period.is_future or (ctx.issue_date and period.date_start and period.date_start > ctx.issue_date)):
            period_carry = period
        p_start, p_end = (period.date_start, period.date_end) if period is not None else (None, None)
        if period is not None and ctx.issue_date and p_start and p_end and p_start.year == ctx.issue_date.year \
                and p_start <= ctx.issue_date < p_end and text.find("已", period.end, q.start) >= 0:
            p_end = ctx.issue_date  # 今年已完成350万套: so far this year

        if q.unit_norm in ("CNY", "USD") and (_is_threshold_after(text, q.end) or (
                text[max(c_lo, q.start - 3):q.start].endswith(_THRESHOLD_BEFORE)
                and _COUNT_IN_CLAUSE_RE.search(text, c_lo, q.start))):
            continue  # a threshold that qualifies counted things: 超过10亿元以上的项目, 17个项目总投资超1亿元
        if q.unit_norm in ("CNY", "USD") and text[max(c_lo, q.start - 3):q.start].endswith(_THRESHOLD_BEFORE) \
                and _THRESHOLD_NOUN_RE.match(text, q.end):
            continue  # 其中超10亿元项目9个
        qualifier = _qualifier(text, q)
        if tag == "range_lo" and qualifier == "exact":
            qualifier = "over"
        elif tag == "range_hi" and qualifier == "exact":
            qualifier = "under"

        left = text[c_lo:q.start]
        if subject.start >= c_lo and subject.end <= q.start:
            left = text[resp[1] if resp else subject.end:q.start]
        if period is not None and period.start >= c_lo and period.end <= q.start:
            left = text[max(period.end, subject.end if subject.start >= c_lo else 0, c_lo):q.start]
        if subject.start >= c_lo and text[subject.end:q.start] in ("", "（", "(") \
                and text[max(c_lo, subject.start - 2):subject.start].endswith(_COMPARISON_BEFORE):
            # 增速超过全国9.8%的水平: the compared place's own figure is of the quantity named before the comparison
            cmp_lo = max(c_lo, period.end if period is not None and c_lo <= period.start < subject.start else c_lo)
            left = _COMPARISON_TAIL_RE.sub("", text[cmp_lo:subject.start])
        phrase = clean_metric(_metric_phrase(left)) or clean_metric(_metric_phrase(_strip_metric_lead(left)))
        after = noun_after(text, q)
        from_after = bool(after and (q.unit_norm in COUNT_UNITS or phrase is None or q.kind in ("cn_share", "fraction", "half")))
        if from_after:
            phrase = after
        if measure == "level" or from_after or (phrase and metric_key(phrase)):
            metric = phrase or (last_metric if last_metric_sent == si else None)
        else:
            metric = (last_metric if last_metric_sent == si else None) or phrase or None
        if measure == "level" and metric:
            last_metric, last_metric_sent = metric, si

        fc_left = text[max(c_lo, q.start - _FORECAST_WINDOW):q.start]
        is_forecast = bool(_FORECAST_RE.search(fc_left)) or bool(_FORECAST_AFTER_RE.match(text, q.end)) or (
            measure != "level" and last_forecast_sent == si)
        if period is not None and (period.is_future or (ctx.issue_date and p_start and p_start > ctx.issue_date)):
            is_forecast = True

        if is_forecast:
            last_forecast_sent = si
        ev_lo, ev_hi = c_lo, c_hi
        value = q.value * sign
        if q.unit_norm in COUNT_UNITS:
            key = (subject.name, measure, round(q.value_norm * sign, 6), q.unit_norm, metric, p_start, p_end)
            if key in seen:
                continue  # the same count restated: 此次集中开工的20个项目 … 20个项目中有5个
            seen.add(key)
        out.append({
            "subject": subject.name,
            "subject_type": subject.type,
            "subject_entity_key": subject.entity_key,
            "metric": metric or None,
            "metric_key": metric_key(metric),
            "measure": measure,
            "value": value,
            "unit": q.unit,
            "value_norm": q.value_norm * sign,
            "unit_norm": q.unit_norm,
            "qualifier": qualifier,
            "period_label": period.text if period is not None else None,
            "period_start": p_start,
            "period_end": p_end,
            "is_forecast": is_forecast,
            "evidence": text[ev_lo:ev_hi],
            "start": q.start,
            "end": q.end,
        })
    return out
