"""Where news prose names companies: the pattern families that produce enterprise candidates, and organisations.

Families (each a function below): registered names ending in an org form (Chinese or Latin: GmbH, AG, Inc.), 简称/bracket
aliases, list items before "等…企业" or a count + head ("三大运营商"), names before job titles, brand + place +
工厂/总部/产业园, 字号 + 行业 shapes, company predicates, investors and drivers, names before a stock code.
Every candidate carries its span.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from transforms.company_names import (DESCRIPTION_FORMS, INDUSTRY_SET, industry_only, LATIN_FORMS, NAMES, ORG_FORMS, ORG_SUFFIXES, ORG_WORDS,
                                      STRONG_FORMS, is_generic, is_place, org_type_of, parse_company_name, region_prefix,
                                      REGION_AT, REGION_MAX_LEN, PLACES)


@dataclass(frozen=True)
class Candidate:
    name: str
    start: int
    end: int
    kind: str       # full | group | bracket_alias | list | role | brand_place | shape | predicate | driver
    alias_of: str | None = None   # for 简称 / bracket aliases: the full name they stand for


def _alt(words) -> str:
    return "|".join(map(re.escape, sorted(set(words), key=lambda w: (-len(w), w))))


_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·&]")
_STOP = set("，。、；：！？“”‘’《》「」〈〉…—\n\r\t 　,.;:!?\"'【】[]")
_FUNCTION_CHARS = set("的了在是和与及将对向从把被让给跟等于")
_LEFT = (NAMES["left_boundaries"] + NAMES["time_words"] + NAMES["expectation_verbs"] + NAMES["clause_verbs"]
         + NAMES["person_roles"] + NAMES["description_nouns"])
_BOUNDARY = re.compile(_alt(_LEFT + NAMES["strong_boundaries"]))
_STRONG = set(NAMES["strong_boundaries"])
_DISCOURSE = ("如", "再如", "例如", "比如", "像", "其中", "包括", "以及", "而", "但", *NAMES["shape_prepositions"])
# a date inside a run of name characters ends the text in front of a name (2023年公司, 3月份公司)
_DATE_CUT = re.compile(r"\d+(?:年度?|月份?|月末|月底|月初|日)|[上中下]旬")
_PREDICATE = re.compile(r"([A-Za-z0-9\u4e00-\u9fff]{2,6}?)(?:近日|日前|此前|昨日|今日|昨天|今天|已)?(?:发布的?|披露的?|公布的?)?"
                        r"(?:上半年|半年度|年度|全年|一季度|三季度|前三季度|最新)?(?:%s)" % _alt(NAMES["company_predicates"]))
_DRIVER = re.compile(r"(?:在|受)([A-Za-z0-9\u4e00-\u9fff]{2,10}?)(?:等(?:企业|项目|龙头企业))?(?:%s)" % _alt(NAMES["driver_patterns"] + ["带动"]))
_INVESTOR = re.compile(r"由([A-Za-z0-9\u4e00-\u9fff]{2,30}?)(?:%s)" % _alt(NAMES["investor_verbs"]))
_ORG_FORM_RE = re.compile(_alt(ORG_FORMS))
_ROLE_RE = re.compile(_alt(NAMES["role_words"]))
_SHAPE_RE = re.compile(_alt(NAMES["shape_industry"]))
_SHAPE_NOT_AFTER = tuple(sorted(NAMES["shape_not_followed_by"], key=len, reverse=True))
_LIST_END = re.compile(r"等(?:(?:\d+|[一二三四五六七八九十两多数几百千]+)(?:家|个|款)?)?(?:[^，。；、！？\n“”]{0,8}?(?:%s)|(?:%s))"
                       % (_alt(NAMES["list_heads"]), _alt(t.removeprefix("等") for t in NAMES["list_tails"])))
_LIST_HEADS = set(NAMES["list_heads"])
_PLACE_LIST = re.compile(r"等(?:(?:\d+|[一二三四五六七八九十两多数几百千]+)个?)?(?!%s)(?:%s)"
                         % (_alt(NAMES["list_place_heads_not"]), _alt(NAMES["list_place_heads"])))
_DENG = re.compile("等")
_JOINED = re.compile("[、和及与]")
_COUNTED_AUTO = ahocorasick.Automaton()     # 大运营商, 家企业…: a list closed by a count (三大运营商, 两家企业)
for _w in NAMES["list_heads"]:
    for _c in "大家个":
        _COUNTED_AUTO.add_word(_c + _w, len(_w) + 1)
_COUNTED_AUTO.make_automaton()
_INTRO_HEAD_AUTO = ahocorasick.Automaton()
for _w in set(NAMES["list_intro_verbs"]) | set(NAMES["list_heads"]):
    _INTRO_HEAD_AUTO.add_word(_w, _w)
_INTRO_HEAD_AUTO.make_automaton()
_PHASE = tuple(NAMES["phase_suffixes"])
_STOCK_MARKERS = tuple(sorted(NAMES["stock_markers"], key=len, reverse=True))
_PLACE_HEAD = re.compile(r"[^，。、；：！？“”\n]{0,16}?(?:%s)" % _alt(NAMES["brand_place_heads"]))
_JIANCHENG = re.compile(r"[（(]?(?:以下)?简称[：:]?[“\"「]?([A-Za-z0-9\u4e00-\u9fff]{2,12})[”\"」]?[）)]?")
_AMOUNT = re.compile(r"\d[\d.]*(?:[十百千万亿]*元|%|万|亿)")
_PARTNERSHIP = re.compile("|".join(map(re.escape, NAMES["partnership_suffixes"])))   # first listed wins
_BRANCH_RE = re.compile(r"(?:%s)([\u4e00-\u9fff]{2,8}?)(?:%s)" % (_alt(NAMES["branch_parents"]), _alt(NAMES["branch_forms"])))
_BRANCH_ANY_RE = re.compile(_alt(NAMES["branch_forms_any"]))
_BRANCH_ANY_TAIL = re.compile(r"(?:%s)$" % _alt(NAMES["branch_forms_any"]))
_DETERMINERS = tuple(sorted(NAMES["determiners"], key=len, reverse=True))
_DETERMINER_INSIDE = re.compile(_alt(d for d in NAMES["determiners"] if len(d) > 1))
_ROLE_UNITS = tuple(sorted(NAMES["role_units"] + NAMES["role_words"], key=len, reverse=True))
_INTRO_HEADS = tuple(h for h in NAMES["list_heads"] if h != "项目")     # 项目包括A、B: projects, not companies
_LIST_INTRO = tuple(sorted(NAMES["list_intro_verbs"], key=len, reverse=True))
_FUNDING = re.compile(_alt(NAMES["funding_roles"]))
_FUNDING_SUBJECT = re.compile(r"[A-Za-z0-9\u4e00-\u9fff、]{2,60}$")
_FUNDING_ADVERBS = tuple(sorted(NAMES["funding_adverbs"], key=len, reverse=True))
_ROLE_TAILS = tuple(sorted(NAMES["role_words"] + NAMES["person_roles"], key=len, reverse=True))
_STATUS = tuple(NAMES["status_prefixes"])
_POSSESSIONS = tuple(sorted(NAMES["company_possessions"], key=len, reverse=True))
_PRECEDERS = tuple(sorted(NAMES["name_preceders"], key=len, reverse=True))
# industry words by first character: a one-character boundary that starts one is part of the name (有 of 有色金属)
_INDUSTRY_AT: dict[str, tuple[str, ...]] = {}
for _w in sorted(INDUSTRY_SET, key=len, reverse=True):
    if len(_w) >= 2:
        _INDUSTRY_AT[_w[0]] = _INDUSTRY_AT.get(_w[0], ()) + (_w,)
# pieces of org forms (限 of 有限公司): a "name" made only of one is a form split by a line break or a space
_SPACE = re.compile(r"\s")
_FORM_FRAGMENTS = {f[i:j] for f in ORG_FORMS for i in range(len(f)) for j in range(i + 1, len(f) + 1)} - set(ORG_FORMS)
_DEPARTMENTS = tuple(NAMES["department_suffixes"])
_CHANGE_VERBS = tuple(NAMES["change_verbs"])
_LIST_NOT_HEAD = re.compile(r"等(?:(?:\d+|[一二三四五六七八九十两多数几百千]+)[个项类种]?)?[^，。；、！？\n“”]{0,6}?(?:%s)"
                            % _alt(NAMES["list_heads_not"]))
# Capitalised words (a few lower-case joiners allowed) ending in a foreign org form: Kleinhof Automation GmbH. The
# capital is matched before the look back at the character in front of it: the regex engine then skips to capitals.
_LATIN_NAME = re.compile(r"[A-Z](?<![A-Za-z0-9&.][A-Z])[A-Za-z0-9&'.-]*(?:[ ](?:[A-Z0-9][A-Za-z0-9&'.-]*|&|and|of|de|der|und)){0,6}"
                         r",?[ ](?:%s)(?![A-Za-z])" % _alt(LATIN_FORMS))
# shape word -> longer industry words it begins (机器 -> 机器人), longest first
_LONGER_INDUSTRY = {w: sorted((x for x in INDUSTRY_SET if len(x) > len(w) and x.startswith(w)), key=len, reverse=True)
                    for w in NAMES["shape_industry"]}
_CUT_WORDS = [w for w, _t in ORG_SUFFIXES] + list(NAMES["stop_before_name"]) + [f for f in ORG_FORMS if f in STRONG_FORMS]

# one pass finds both the words a name is cut after and the boundary words (value: word, length, is_cut, is_boundary)
_START_AUTO = ahocorasick.Automaton()
for _w in set(_CUT_WORDS) | set(_LEFT + NAMES["strong_boundaries"]):
    _START_AUTO.add_word(_w, (_w, len(_w), _w in _CUT_WORDS, _w in _LEFT or _w in _STRONG))
_START_AUTO.make_automaton()
_ORG_TYPES = {w: t for w, t in ORG_SUFFIXES} | ORG_WORDS      # an organisation word and its type
# Run over the reversed text, this finds at every position the longest organisation word that ends there (group 1).
# It consumes the word's last character first, which lets the regex engine skip ahead to those characters, and only
# then looks back one character to try the words there: hit.start() is where the (reversed) word starts.
_ORG_WORD_LAST = "[%s]" % re.escape("".join(sorted({w[-1] for w in _ORG_TYPES})))
_ORG_WORD_ENDING = re.compile("%s(?<=(?=(%s))%s)" % (_ORG_WORD_LAST, _alt(w[::-1] for w in _ORG_TYPES), _ORG_WORD_LAST))


def is_clause_start(text: str, start: int, end: int) -> bool:
    """A short name stands alone: a clause starts before it, or a boundary word does, and it does not run on."""
    before_ok = start == 0 or text[start - 1] in _STOP or text[start - 1] in "）)" or any(
        text.endswith(w, 0, start) for w in ("介绍", "表示", "显示", "称", "而", "但", "让", "与", "和", "及", "由", "对", "向", "将"))
    after_ok = end >= len(text) or text[end] not in "的地化型性式们"
    return before_ok and after_ok


_NAME_RUN = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·&]+")


def _run_start(text: str, reversed_text: str, i: int) -> int | None:
    """Start of the run of name characters that ends at i, or at i - 1 when text[i - 1] is a line break
    (a run ending at the end of text[:i] as `$` sees it); None when there is none."""
    n = len(text)
    last = text[i - 1]
    if last == "\n":
        i -= 1
        if i <= 0:
            return None
    m = _NAME_RUN.match(reversed_text, n - i)
    return n - m.end() if m else None


def _span_start(text: str, end: int, max_len: int = 32) -> int:
    """Start of the run of name characters ending at `end` (a bracketed place such as （武汉） is part of it)."""
    lo = max(0, end - max_len)
    return lo + _span_offset(text[lo:end])


@lru_cache(maxsize=8192)
def _span_offset(window: str) -> int:
    """_span_start within `window`: it reads nothing before it, and the same few words recur all over a page."""
    reversed_window = window[::-1]
    i = len(window)
    while i > 0:
        k = _run_start(window, reversed_window, i)
        if k is not None:
            i = k
        if i > 0 and window[i - 1] in "）)":
            j = max(window.rfind("（", max(0, i - 9), i - 1), window.rfind("(", max(0, i - 9), i - 1))
            if j >= 0 and is_place(window[j + 1:i - 1]):
                i = j
                continue
        break
    return i


# choose_start reads no further past e than a place name or an industry word that starts before e
_START_LOOKAHEAD = max(REGION_MAX_LEN, max(map(len, INDUSTRY_SET)))


def choose_start(text: str, s: int, e: int, min_brand: int = 2) -> int:
    """Where a name ending at e starts, given the run of name characters text[s:e].

    After the last organisation word or full org form inside text[s:e] (产业园武汉金翔… -> 武汉金翔…), then after the
    last boundary word (的, 由, 引进…); a weak one (和, 同, 如) is skipped when it would leave less than
    a 字号 (同方股份), a strong one (的, 是, 在) is not (一家新公司 -> 新公司, rejected later as generic)."""
    if e <= s:
        return s
    return s + _choose_start(text[s:e + _START_LOOKAHEAD], e - s, min_brand)


@lru_cache(maxsize=8192)
def _choose_start(text: str, e: int, min_brand: int) -> int:
    """choose_start(text, 0, e, min_brand) on a window that holds all it reads: several families ask about the same
    names, and a name recurs across a page."""
    s = cut = 0
    longest: dict[int, tuple[int, str]] = {}       # boundary word start -> (end, word), longest word per start
    for end_idx, (word, n, is_cut, is_boundary) in _START_AUTO.iter(text, s, e):
        end = end_idx + 1
        # ...unless only industry words follow it: the organisation word is part of the 字号 (湖北日报|传媒|集团)
        if is_cut and cut < end < e and not industry_only(text[end:e]):
            cut = end
        if is_boundary:
            got = longest.get(end - n)
            if got is None or got[0] < end:
                longest[end - n] = (end, word)
    for d in _DATE_CUT.finditer(text, cut, e):
        cut = d.end()
    s = cut
    # boundary words as a left-to-right scan from s finds them: longest at each start, never overlapping
    matches = []
    pos = s
    for start in sorted(longest):
        if start >= pos:
            end, word = longest[start]
            matches.append((end, word))
            pos = end
    for p, word in reversed(matches):
        if word in _STRONG or len(word) >= 2:
            return p
        # a weak one-character boundary may be part of the name (华为技术, 数据科技): it must leave a 字号
        rest = text[p:e]
        if _inside_place(text, p - len(word), p, s) or text.startswith(_INDUSTRY_AT.get(word, ()), p - len(word)):
            continue
        if p - len(word) >= s and len(rest) >= min_brand and not is_generic(rest[:2]) and text[p] not in _FUNCTION_CHARS:
            return p
    return s


def _drop_status(text: str, s: int, e: int, registered: bool = False) -> int:
    """Start after a status word (原桂投集团 = the former 桂投集团, 原市城投) when a 字号 of 2+ characters is left;
    before a registered name only when a place follows (原衢州能源投资有限公司, but 原子能科技有限公司 is a name)."""
    for w in _STATUS:
        k = s + len(w)
        if text.startswith(w, s) and e - k >= 2 and (not registered or text[k] in "省市区县" or REGION_AT.match(text, k)):
            return k
    return s


def _inside_place(text: str, ws: int, we: int, lo: int) -> bool:
    """True when the word text[ws:we] is part of a place name that starts at most 3 characters earlier (成都, 宁都县)."""
    for k in range(max(lo, ws - 3), ws + 1):
        m = REGION_AT.match(text, k)
        if m and m.start() < ws < m.end() or m and m.start() < we <= m.end() and m.start() < ws:
            return True
    return False


_QUANTITY = re.compile(r"(?:[%s]|\d+)[%s]" % (re.escape(NAMES["numeral_chars"]), re.escape(NAMES["classifiers"])))
_COUNTRY_PAIR = re.compile(r"中[%s]{1,2}" % re.escape(NAMES["country_abbreviations"]))


@lru_cache(maxsize=8192)
def _is_quantity(text: str) -> bool:
    """一位汽车, 两家: a numeral + classifier followed by nothing or generic words (三只松鼠 is a 字号)."""
    m = _QUANTITY.match(text)
    return bool(m) and is_generic(text[m.end():])


@lru_cache(maxsize=8192)
def _valid_brand(core: str, brand: str) -> bool:
    if len(brand) < 2 or is_generic(core) or is_generic(brand) or is_place(brand):
        return False
    if _is_quantity(core) or _COUNTRY_PAIR.fullmatch(brand):     # 一位汽车…分析师, 中哈（连云港）物流基地
        return False
    # a two-character 字号 may end in 和/的 (曦和, 美的): one character before it cannot be a name of its own
    last = brand[-1:] if len(brand) > 2 or brand[-1:] not in "和的" else ""
    if any(ch in _FUNCTION_CHARS for ch in brand[:1] + last):
        return False
    return not brand.isdigit()


def _full_names(text: str) -> list[Candidate]:
    out = []
    for m in _ORG_FORM_RE.finditer(text):
        form = m.group()
        s0 = _span_start(text, m.start())
        if s0 == m.start():
            continue
        s = choose_start(text, s0, m.start())
        s = _drop_status(text, s, m.start(), form in STRONG_FORMS and form not in ("公司", "集团"))
        s += _own_region_start(text[s:m.start()])
        end = m.end()
        if s >= m.start() or _SPACE.sub("", text[s:m.start()]) in _FORM_FRAGMENTS:    # 限公司 of a split 有限公司
            continue
        partnership = _PARTNERSHIP.match(text, end)      # 天健会计师事务所（特殊普通合伙）
        if partnership:
            end = partnership.end()
        name = text[s:end]
        if name.startswith(_DETERMINERS) or _AMOUNT.search(name) or "某" in name:   # 一家鞋业公司, 以4.5亿元认购公司, 被告某建筑公司
            continue
        if form == "公司" and text.startswith(_POSSESSIONS, end) and not _prev_ok(text, s) \
                and not text.endswith(_PRECEDERS, 0, s):       # 导致公司股价: the object of a verb, our company
            continue
        if _DETERMINER_INSIDE.search(name):    # 晋江市陈埭镇一家鞋材厂: a description after a place
            continue
        if name.endswith(DESCRIPTION_FORMS):    # 全资附属公司, 香港上市公司: a relation or status, not a name
            continue
        p = parse_company_name(name[: len(name) - (end - m.end())])
        registered = form in STRONG_FORMS and form not in ("公司", "集团")
        place_named = registered and is_place(p.brand) and not is_generic(p.core)
        # a registered form makes a bureau or institute a company (中铁十一局集团有限公司, XX研究院有限公司)
        not_company = ("university", "association") if registered else ("government", "university", "research", "association")
        if p.org_form is None or not (_valid_brand(p.core, p.brand) or place_named) or org_type_of(name[: -len(form)]) in not_company:
            continue
        if p.region and not name.startswith(p.region) and not name.startswith(p.core[:2]):
            lead = region_prefix(name)
            if lead and name[len(lead):].startswith(p.core[:2]):
                s += len(lead)
                name = text[s:end]
        if form in ("厂", "总厂") and (not p.region or name[-2:-1] == "工"):
            continue
        if form in ("分公司", "子公司"):
            continue
        # X公司/X集团 must name a 字号, not a description (一家科技公司, 该集团, 链主企业集团)
        kind = "full" if form in STRONG_FORMS and form not in ("公司", "集团") else "group"
        if kind == "group" and (len(p.core) > 14 or is_generic(p.brand) or _long_phrase(p.brand)):
            continue
        out.append(Candidate(name, s, end, kind))
    return out + _latin_names(text) + _branches(text)


_LEVELS = [(set(PLACES["countries"]), 0), (set(PLACES["provinces"]), 1), (set(PLACES["cities"]), 2)]
_ADMIN_END = re.compile("(?:%s)$" % _alt(PLACES["suffixes"]))


@lru_cache(maxsize=8192)
def _place_level(token: str) -> int:
    """0 country, 1 province, 2 prefecture city, 3 anything smaller (district, county, county-level city)."""
    stem = _ADMIN_END.sub("", token) if len(token) > 2 else token
    for words, level in _LEVELS:
        if token in words or stem in words:
            return level
    return 3


@lru_cache(maxsize=8192)
def _own_region_start(body: str) -> int:
    """Offset in body where the name's own region starts: a place followed by a larger one is where the company is,
    the larger one begins the registered name (南康区|江西木之源家具…, 甘州区|张掖宏达…); 0 when there is none."""
    pos, prev = 0, None
    while True:
        m = REGION_AT.match(body, pos)
        if not m or m.end() >= len(body):
            return 0
        level = _place_level(m.group())
        if prev is not None and level < prev:
            return m.start()
        prev, pos = level, m.end()


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{7,}")


@lru_cache(maxsize=8192)
def _long_phrase(brand: str) -> bool:
    """A 字号 is 2-6 characters; 7 or more Chinese characters without a place inside (国网|阜宁县|供电) is a clause."""
    m = _CJK_RUN.search(brand)
    return bool(m) and not any(REGION_AT.match(brand, k) for k in range(1, len(brand) - 1))


def _latin_names(text: str) -> list[Candidate]:
    """Foreign registered names in Latin letters: capitalised words ending in GmbH, AG, Inc., Ltd. …"""
    if next(_LATIN_HINT.iter(text), None) is None:     # the regex only where a form follows a space or comma
        return []
    return [Candidate(m.group(), m.start(), m.end(), "full") for m in _LATIN_NAME.finditer(text)]


_LATIN_HINT = ahocorasick.Automaton()
for _f in LATIN_FORMS:
    _LATIN_HINT.add_word(" " + _f, 1)
    _LATIN_HINT.add_word("," + _f, 1)
_LATIN_HINT.make_automaton()


def _has_any(text: str, words: list[str]) -> bool:
    """A quick test before a regex scan whose every match holds one of a few words: substring tests are faster."""
    return any(w in text for w in words)


def _branches(text: str) -> list[Candidate]:
    """A bank's branch office (中国农业银行宁阳县支行) is a company; the central bank's (中国人民银行衡州市分行) is not."""
    out = []
    if not _has_any(text, NAMES["branch_forms"]):      # every match ends in one
        return _branch_units(text)
    for m in _BRANCH_RE.finditer(text):
        if not is_place(m.group(1)):
            continue
        s0 = _span_start(text, m.start(1) - 1)
        s = choose_start(text, s0, m.start(1))
        parent = text[s:m.start(1)]
        if len(parent) < 4 or org_type_of(parent) or parent.startswith(_DETERMINERS) or is_generic(parent):
            continue
        out.append(Candidate(text[s:m.end()], s, m.end(), "full"))
    return out + _branch_units(text)


def _place_before(text: str, end: int, lo: int) -> int | None:
    """Start of the longest place name (2-6 characters) that ends at `end`, not before lo."""
    for k in range(min(6, end - lo), 1, -1):
        if is_place(text[end - k:end]):
            return end - k
    return None


def _branch_units(text: str) -> list[Candidate]:
    """Company + place + 分库/分厂/营业部… (中储粮盐城直属库阜宁分库): the parent left after peeling the chain of
    place + unit pairs must be a 字号, not an organisation, place or description. Only the longest chain is kept."""
    found = []
    if not _has_any(text, NAMES["branch_forms_any"]):
        return found
    for m in _BRANCH_ANY_RE.finditer(text):
        ps = _place_before(text, m.start(), max(0, m.start() - 6))
        if ps is None:
            continue
        s0 = _span_start(text, ps, 24)
        s = choose_start(text, s0, ps)
        parent_end = ps
        while True:      # peel 盐城直属库 off 中储粮盐城直属库
            t = _BRANCH_ANY_TAIL.search(text, s, parent_end)
            inner = _place_before(text, t.start(), s) if t else None
            if inner is None:
                break
            parent_end = inner
        parent = text[s:parent_end]
        if len(parent) < 2 or org_type_of(parent) or is_place(parent) or is_generic(parent) or parent.startswith(_DETERMINERS):
            continue
        e = m.end()
        extended = True
        while extended:      # 中储粮盐城直属库 + 阜宁分库: a unit of a unit names its own (perhaps unlisted) place
            extended = False
            for k in (2, 3):
                sub = _BRANCH_ANY_RE.match(text, e + k)
                if sub and re.fullmatch(r"[\u4e00-\u9fff]+", text[e:e + k]) and not _BOUNDARY.match(text, e):
                    e, extended = sub.end(), True
                    break
        found.append(Candidate(text[s:e], s, e, "full"))
    return [c for c in found if not any(o.start <= c.start and c.end <= o.end and o != c for o in found)]


def _bracket_aliases(text: str, fulls: list[Candidate]) -> list[Candidate]:
    """（以下简称“X”） after a full name, and X（full name） / full name（X）."""
    out = []
    for c in fulls:
        m = _JIANCHENG.match(text, c.end)
        if m and "简称" in m.group():
            out.append(Candidate(m.group(1), m.start(1), m.end(1), "bracket_alias", c.name))
            continue
        if c.start > 0 and text[c.start - 1] in "（(" and c.end < len(text) and text[c.end] in "）)":
            s0 = _span_start(text, c.start - 1, 12)
            s = choose_start(text, s0, c.start - 1)
            alias = text[s:c.start - 1]
            if 2 <= len(alias) <= 12 and not is_place(alias) and not is_generic(alias) and org_type_of(alias) is None:
                out.append(Candidate(alias, s, c.start - 1, "bracket_alias", c.name))
        if c.end < len(text) and text[c.end] in "（(":
            close = text.find("）", c.end, c.end + 14)
            alias = text[c.end + 1:close] if close > 0 else ""
            if 2 <= len(alias) <= 12 and re.fullmatch(r"[A-Za-z0-9\u4e00-\u9fff]+", alias) and not is_place(alias) \
                    and not is_generic(alias) and org_type_of(alias) is None:
                out.append(Candidate(alias, c.end + 1, close, "bracket_alias", c.name))
    return out


def _clean_item(item: str) -> str:
    for marker in _STOCK_MARKERS:
        if item.endswith(marker):
            item = item[: -len(marker)]
            break
    for suffix in _PHASE:
        if item.endswith(suffix) and len(item) > len(suffix) + 1:
            item = item[: -len(suffix)]
    return item


_CONJUNCTION = re.compile("[和及与]")
# matched over text[lo:hi], these end right after the last clause break (or colon, quotation mark) before hi: one
# backward scan in C instead of one rfind per character
_UP_TO_BREAK = re.compile(r".*[，。；！？\n]", re.S)
_UP_TO_BREAK_OR_QUOTE = re.compile(r".*[，。；！？：“”\n]", re.S)


def _list_items(text: str) -> list[Candidate]:
    """A、B、C等(N家)…企业 / …等都是其客户 / 巨头A、B和C等: each item is a company."""
    out = []
    triggers = [(m.start(), False) for m in _DENG.finditer(text)] + [
        (e - n, True) for e, n in _COUNTED_AUTO.iter(text) if e - n >= 0 and text[e - n] in "两三四五六七八九十0123456789"]
    for end, counted in sorted(triggers):     # counted: A、B、C三大运营商 / A和B两家企业, a count + head closes the list
        if counted:
            if end == 0 or not _NAME_CHAR.match(text[end - 1]) or _JOINED.search(text, max(0, end - 60), end) is None:
                continue
            head_after = True
        else:
            head_after = _LIST_END.match(text, end) is not None
            if not head_after and (text.rfind("、", max(0, end - 40), end) < 0 or _LIST_NOT_HEAD.match(text, end)):
                continue      # …用工和融资等实际困难: a head after 等 that is no company
            if _PLACE_LIST.match(text, end):     # 罗桥、益林等镇 / 北京、上海等地: the items are places
                continue
        lo = max(0, end - 120)
        before = _UP_TO_BREAK_OR_QUOTE.match(text, lo, end)
        clause_start = before.end() if before else lo
        if "、" not in text[clause_start:end] and not head_after:
            continue
        clause = text[clause_start:end]
        if "、" not in clause and not _CONJUNCTION.search(clause):
            continue
        parts, pos = [], clause_start
        for piece in clause.split("、"):
            parts.append((pos, pos + len(piece)))
            pos += len(piece) + 1
        last_s, last_e = parts[-1]
        tail = text[last_s:last_e]
        for conj in ("以及", "和", "及", "与"):
            k = tail.find(conj)
            if 2 <= k and len(tail) - k - len(conj) >= 2:
                parts[-1:] = [(last_s, last_s + k), (last_s + k + len(conj), last_e)]
                break
        if len(parts) < 2:
            continue
        items = []
        fs0, fe = parts[0]
        fs = choose_start(text, fs0, fe)
        fs = fs if fs < fe - 1 else fs0
        head_before = False
        present = {w for _i, w in _INTRO_HEAD_AUTO.iter(text, fs0, fe)}   # fs never moves before fs0
        for verb in _LIST_INTRO:
            if verb not in present:
                continue
            k = text.find(verb, fs0, fe)
            if k >= 0 and fe - (k + len(verb)) >= 2 and text[clause_start:k].rstrip("还也主要则就均都").endswith(_INTRO_HEADS):
                fs = k + len(verb)
                head_before = True
                break
        for w in _LIST_HEADS:   # 家电巨头飞利浦、西门子和伊莱克斯等 -> 飞利浦
            if w not in present:
                continue
            k = text.rfind(w, fs, fe)
            if k >= 0 and fe - (k + len(w)) >= 2:
                fs = max(fs, k + len(w))
                head_before = True
        if not (head_after or head_before):
            continue
        parts[0] = (fs, fe)
        for s, e in parts:
            s = _drop_status(text, s, e)
            item = _clean_item(text[s:e])
            e = s + len(item)
            head = _PLACE_UNIT_END.search(item)       # 比亚迪合肥基地: the company is the brand before place + unit
            ps = _place_before(text, s + head.start(), s + 2) if head else None
            if ps is not None:
                item, e = text[s:ps], ps
            starts_generic = any(len(item) > k and is_generic(item[:k]) for k in (2, 3))
            # a list item is delimited on both sides, so a final 的 is part of the name (美的、格力等企业)
            edges = item[:1] + (item[-1:] if item[-1:] != "的" or len(item) < 2 else "")
            ok = 2 <= len(item) <= 20 and not is_place(item) and org_type_of(item) is None and not is_generic(item) \
                and not starts_generic \
                and not any(ch in _FUNCTION_CHARS or ch.isdigit() for ch in edges) \
                and _NAME_CHAR.match(item[0]) is not None
            items.append((ok, item, s, e))
        if sum(ok for ok, *_ in items) * 2 <= len(items):
            continue
        out.extend(Candidate(item, s, e, "list") for ok, item, s, e in items if ok)
    return out


def _role_names(text: str) -> list[Candidate]:
    """X董事长/总经理/CEO…: X is a company when it is not a government body, a place or a generic word."""
    out = []
    for m in _ROLE_RE.finditer(text):
        if text.startswith("会", m.end()):      # 董事会, 总经理办公会: a body, not a person's title
            continue
        s0 = _span_start(text, m.start(), 24)
        if s0 == m.start():
            continue
        s = _drop_status(text, choose_start(text, s0, m.start()), m.start())
        e = m.start()
        stripped = True
        while stripped:
            stripped = False
            for unit in _ROLE_UNITS:
                if text.endswith(unit, s, e) and e - len(unit) - s >= 2:
                    e -= len(unit)
                    stripped = True
                    break
        name = text[s:e]
        p = parse_company_name(name)
        if len(name) < 2 or org_type_of(name) or not _valid_brand(p.core, p.brand) or name.endswith(("副", "常务")):
            continue
        if name.endswith(_ROLE_TAILS) or name.endswith(_DEPARTMENTS):     # 创始人兼CEO, 销售部总经理: a title or a unit
            continue
        out.append(Candidate(name, s, e, "role"))
    return out


_HEAD_RE = re.compile(_alt(NAMES["brand_place_heads"]))
_PLACE_UNIT_END = re.compile("(?:%s)$" % _alt(NAMES["brand_place_heads"]))
_PLACE_BEFORE_HEAD = re.compile(r"(?:[（(](?:%s)[）)]|(?:%s)(?:省|市)?)(?=[^，。、；：！？“”\n]{0,16}$)"
                                % ((_alt(set(PLACES["countries"] + PLACES["provinces"] + PLACES["cities"]) - {"全国"}),) * 2))

_PLACE_WORD = re.compile(_alt(set(PLACES["countries"] + PLACES["provinces"] + PLACES["cities"]) - {"全国"}))


def _brand_places(text: str) -> list[Candidate]:
    """特斯拉上海工厂, 宝龙达集团武汉总部, TCL空调武汉智能制造产业园, 海尔（天津）…园区: the brand is a company."""
    out = []
    for h in _HEAD_RE.finditer(text):
        lo = max(0, h.start() - 24)
        place = _PLACE_WORD.search(text, lo, h.start())      # the first place that fits before the head
        if place is None:
            continue
        first = place.start()
        window = text[lo:h.start()]
        for m in _PLACE_BEFORE_HEAD.finditer(window, max(0, first - lo - 1)):
            ps = lo + m.start()
            s0 = _span_start(text, ps, 12)
            if s0 == ps:
                continue
            s = choose_start(text, s0, ps)
            brand = text[s:ps].strip()
            p = parse_company_name(brand)
            latin = brand.isascii() and len(brand) >= 2 and brand.isalnum() and any(ch.isalpha() for ch in brand)
            if not _valid_brand(p.core, p.brand) and not latin:
                continue
            if org_type_of(brand) or REGION_AT.match(brand) or brand.isdigit() or _starts_generic(brand):
                continue
            out.append(Candidate(brand, s, ps, "brand_place"))
            break
    return out


_CLAUSE_BREAK = re.compile("[，。；！？\n]")


def _clause(text: str, s: int, e: int) -> tuple[int, int]:
    before = _UP_TO_BREAK.match(text, 0, s)
    cs = before.end() if before else 0
    end = _CLAUSE_BREAK.search(text, e)
    return cs, end.start() if end else len(text)


_PREDICATE_WORD = re.compile(_alt(NAMES["company_predicates"]))


@lru_cache(maxsize=8192)
def _name_ok(name: str) -> bool:
    p = parse_company_name(name)
    return 2 <= len(name) <= 20 and not is_place(name) and org_type_of(name) is None and _valid_brand(p.core, p.brand) \
        and _NAME_CHAR.match(name[0]) is not None and not any(ch in name for ch in "的了是在") \
        and not _starts_generic(name) and not name.endswith(_CHANGE_VERBS)


@lru_cache(maxsize=8192)
def _starts_generic(name: str) -> bool:
    """国产大飞机, 重大项目…: a generic word of 2-3 characters in front is a description, not a 字号."""
    return any(len(name) > k and is_generic(name[:k]) and not is_place(name[:k]) for k in (2, 3))


def _predicated(text: str) -> list[Candidate]:
    """A short name at a clause start followed by what only a company does (贝特瑞近日发布的上半年业绩预告)."""
    out = []
    for hit in _PREDICATE_WORD.finditer(text):
        before = _UP_TO_BREAK_OR_QUOTE.match(text, max(0, hit.start() - 24), hit.start())
        pos = before.end() if before else 0
        m = _PREDICATE.match(text, pos)
        if not m or m.end() != hit.end():
            continue
        name = m.group(1)
        # a boundary or time word inside means the clause does not start with a name (今年以来港股上市, 正在筹备上市)
        if choose_start(text, m.start(1), m.end(1)) == m.start(1) and _name_ok(name):
            out.append(Candidate(name, m.start(1), m.end(1), "predicate"))
    return out


def _drivers_and_investors(text: str) -> list[Candidate]:
    """在沃尔沃带动下 / 由莱克电气投资15亿元设立 / 由宁德时代和一汽集团合资建设."""
    out = []
    for hit in _FUNDING.finditer(text):
        e = _peel_adverbs(text, 0, hit.start())
        m = _FUNDING_SUBJECT.search(text, max(0, e - 60), e)
        if not m:
            continue
        ps = m.start()
        for piece in m.group().split("、"):
            s = choose_start(text, ps, ps + len(piece))
            part = text[s:ps + len(piece)]
            if _name_ok(part):
                out.append(Candidate(part, s, ps + len(piece), "driver"))
            ps += len(piece) + 1
    for rx in (_DRIVER, _INVESTOR):
        for m in rx.finditer(text):
            s, e = m.span(1)
            e = _peel_adverbs(text, s + 2, e)
            for part in re.split("和|与|及|、", text[s:e]):
                ps = text.find(part, s, e)
                if part and _name_ok(part):
                    out.append(Candidate(part, ps, ps + len(part), "driver"))
    return out


def _peel_adverbs(text: str, lo: int, e: int) -> int:
    """End of the name before a run of adverbs ending at e (曦和资本|继续超额|跟投), never before lo."""
    peeled = True
    while peeled:
        peeled = False
        for adverb in _FUNDING_ADVERBS:
            if e - len(adverb) >= lo and text.endswith(adverb, 0, e):
                e -= len(adverb)
                peeled = True
                break
    return e


_TICKER = re.compile(r"[（(](?:(?:%s)[:：])?(?:[0-9]{6}(?:\.(?:SH|SZ|BJ))?|[0-9]{4,5}\.HK)[）)]" % _alt(NAMES["ticker_labels"]))


_CODE_END = ahocorasick.Automaton()
for _w in [d + b for d in "0123456789" for b in "）)"] + [f".{x}{b}" for x in ("SH", "SZ", "BJ", "HK") for b in "）)"]:
    _CODE_END.add_word(_w, 1)
_CODE_END.make_automaton()


def _tickers(text: str) -> list[Candidate]:
    """贵州茅台（600519）, 腾讯控股（00700.HK）: a name right before a stock code is a listed company."""
    out = []
    for e_idx, _n in _CODE_END.iter(text):       # a digit, or a market suffix, right before the closing bracket
        k = max(text.rfind("（", max(0, e_idx - 16), e_idx), text.rfind("(", max(0, e_idx - 16), e_idx))
        m = _TICKER.fullmatch(text, k, e_idx + 1) if k >= 0 else None
        if m is None:
            continue
        s0 = _span_start(text, m.start(), 20)
        if s0 == m.start():
            continue
        s = choose_start(text, s0, m.start())
        name = text[s:m.start()]
        if _name_ok(name):
            out.append(Candidate(name, s, m.start(), "ticker"))
    return out


def _prev_ok(text: str, s: int) -> bool:
    return s == 0 or s > 0 and (text[s - 1] in _STOP or text.endswith(_DISCOURSE, 0, s))


def _shapes(text: str) -> list[Candidate]:
    """字号 + 行业 in running text (华工科技, 岚图汽车, 麦格尔实业): a 2-4 character 字号 right after a clause boundary."""
    out = []
    for m in _SHAPE_RE.finditer(text):
        word_end = _industry_end(text, m.start(), m.end())    # 机器 of 机器人: the shape word is the whole 机器人
        if text.startswith(_SHAPE_NOT_AFTER, word_end):
            continue
        # nothing below can yield a name unless some 2-4 character 字号 starts after a clause boundary
        if not any(_prev_ok(text, m.start() - k) for k in (2, 3, 4)):
            continue
        for length in (2, 3, 4):
            s = m.start() - length
            if s < 0:
                break
            brand = text[s:m.start()]
            if not _shape_brand_ok(brand, m.group()):
                break
            if not _prev_ok(text, s):
                continue
            if length == 4 and not (s == 0 or text[s - 1] in _STOP):
                break
            # inside an enumeration (A、B、C) a shape is a product or industry; real lists are the list family's job
            cs, ce = _clause(text, s, m.end())
            if "、" in text[cs:ce]:
                break
            name = brand + text[m.start():word_end]
            if _shape_name_ok(brand, name):
                out.append(Candidate(name, s, word_end, "shape"))
            break
    return out


@lru_cache(maxsize=8192)
def _shape_brand_ok(brand: str, word: str) -> bool:
    """brand may be the 字号 before the shape word, and so may a longer one: name characters, no function word,
    no numeral + classifier, no two-character boundary word in front."""
    if not all(_NAME_CHAR.match(ch) for ch in brand) or brand.isdigit():
        return False
    if any(ch in _FUNCTION_CHARS for ch in brand) or _is_quantity(brand + word):
        return False
    lead = _BOUNDARY.match(brand)
    return not (lead and len(lead.group()) >= 2)


@lru_cache(maxsize=8192)
def _shape_name_ok(brand: str, name: str) -> bool:
    if is_generic(brand) or is_place(brand) or is_generic(name) or org_type_of(name) \
            or any(is_generic(brand[:k]) or is_place(brand[:k]) for k in (2, 3) if k < len(brand)):
        return False
    return not (REGION_AT.match(brand) and REGION_AT.match(brand).end() == len(brand))


def _industry_end(text: str, start: int, end: int) -> int:
    """End of the longest industry word that starts at `start` (at least `end`)."""
    for longer in _LONGER_INDUSTRY.get(text[start:end], ()):
        if text.startswith(longer, start):
            return start + len(longer)
    return end


def find_candidates(text: str, orgs: list[dict] | None = None) -> list[Candidate]:
    fulls = _full_names(text)
    cands = (fulls + _bracket_aliases(text, fulls) + _list_items(text) + _role_names(text) + _brand_places(text)
             + _shapes(text) + _predicated(text) + _drivers_and_investors(text) + _tickers(text))
    org_spans = [(o["start"], o["end"]) for o in orgs or []]
    # a 简称 that has a name's shape (以下简称“济南城发集团”) is the alias, not a name of its own
    alias_spans = {(c.start, c.end) for c in cands if c.kind == "bracket_alias"}
    full_spans = [(c.start, c.end) for c in fulls if (c.start, c.end) not in alias_spans]
    out = []
    for c in cands:
        if c.kind in ("full", "group") and (c.start, c.end) in alias_spans:
            continue
        if c.kind not in ("full", "group") and any(s <= c.start and c.end <= e for s, e in full_spans):
            continue
        # a shape or role name inside an organisation's name is part of that name (武汉理工大科技孵化楼)
        if c.kind in ("shape", "role") and any(s <= c.start and c.end <= e and (s, e) != (c.start, c.end) for s, e in org_spans):
            continue
        out.append(c)
    return out


def find_organizations(text: str) -> list[dict]:
    """Non-enterprise organisations: government bodies, universities, research institutes, associations, communities,
    parks, events and media, recognised by the word that ends their name."""
    found: dict[tuple[int, int], dict] = {}
    n = len(text)
    for m in _ORG_WORD_ENDING.finditer(text[::-1]):
        word = m.group(1)[::-1]
        kind = _ORG_TYPES[word]
        e = n - m.start()
        ws = e - len(word)
        if word in ORG_WORDS and (ws == 0 or not _NAME_CHAR.match(text[ws - 1])):
            s = ws
        else:
            s0 = _span_start(text, ws, 20)
            s = choose_start(text, s0, ws) if s0 < ws else ws
            if s == ws and word not in ORG_WORDS:
                continue
        name = text[s:e]
        if len(name) < 2:
            continue
        key = (s, e)
        kind = org_type_of(name) or kind
        found[key] = dict(name=name, org_type=kind if kind != "place" else "other", start=s, end=e)
    # drop organisations nested inside a longer one (sweep over spans sorted by start, longest first)
    out: list[dict] = []
    reach = -1
    for o in sorted(found.values(), key=lambda o: (o["start"], -o["end"])):
        if o["end"] <= reach:
            continue
        out.append(o)
        reach = o["end"]
    return out
