"""Parse a Chinese company name into 行政区划 + 字号 + 行业 + 组织形式, and derive the short forms news prose uses for it.

武汉长江计算科技有限公司 -> region 武汉, brand 长江, industry 计算科技, org_form 有限公司;
TCL空调器（武汉）有限公司 -> region 武汉 (in brackets), brand TCL空调器.
All vocabulary comes from transforms/lexicons/{company_names,places,organizations}.toml.
"""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

_LEX_DIR = Path(__file__).parent / "lexicons"


def _load(name: str) -> dict:
    return tomllib.loads((_LEX_DIR / f"{name}.toml").read_text(encoding="utf-8"))


NAMES = _load("company_names")
PLACES = _load("places")
ORGS = _load("organizations")


def _longest_first(words) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


ORG_FORMS = _longest_first(NAMES["org_forms_strong"] + NAMES["org_forms_weak"])
STRONG_FORMS = set(NAMES["org_forms_strong"])
LATIN_FORMS = _longest_first(NAMES["latin_org_forms"])
DESCRIPTION_FORMS = tuple(_longest_first(NAMES["description_forms"]))
INDUSTRY = _longest_first(NAMES["industry_words"])
INDUSTRY_SET = set(INDUSTRY)
_MAX_INDUSTRY = max(map(len, INDUSTRY))
GENERIC = set(NAMES["generic_words"])

_PLACE_STEMS = _longest_first(PLACES["countries"] + PLACES["provinces"] + PLACES["cities"] + PLACES["areas"])
_DISTRICT_STEMS = _longest_first(PLACES["districts"])
_ADMIN = "|".join(map(re.escape, _longest_first(PLACES["suffixes"])))
# A province/city/country stem with an optional admin suffix, or a district stem that must carry its suffix,
# or any 2-4 character stem ending in 省/市/区/县 (shape: 东西湖区, 曲江区).
_NOT_PLACE_BEFORE = {suf: "".join(sorted({w[0] for w in NAMES["place_shape_not"] if w[1] == suf})) for suf in "省市区县"}
_SHAPE_SUFFIX = "|".join(f"(?<![{b}]){suf}" if b else suf for suf, b in _NOT_PLACE_BEFORE.items())
REGION_AT = re.compile(
    "(?:(?:%s)(?:%s)?|(?:%s)(?:%s)|[\u4e00-\u9fff]{2,3}(?:%s))"
    % ("|".join(map(re.escape, _PLACE_STEMS)), _ADMIN, "|".join(map(re.escape, _DISTRICT_STEMS)), _ADMIN, _SHAPE_SUFFIX))
# at least as long as any text REGION_AT matches (a caller reading a window of text sizes it with this)
REGION_MAX_LEN = max(len(_PLACE_STEMS[0]), len(_DISTRICT_STEMS[0]), 3) + max(map(len, PLACES["suffixes"]))
PLACE_WORDS = set(_PLACE_STEMS) | {s + suf for s in _PLACE_STEMS for suf in ("省", "市")} | set(PLACES["areas"])

ORG_SUFFIXES: list[tuple[str, str]] = sorted(
    ((w, t) for t, ws in ORGS["suffixes"].items() for w in ws), key=lambda p: -len(p[0]))
ORG_WORDS: dict[str, str] = {w: t for t, ws in ORGS["words"].items() for w in ws}
_ORG_SUFFIX_TYPE = {}
for _w, _t in ORG_SUFFIXES:
    _ORG_SUFFIX_TYPE.setdefault(_w, _t)
_MAX_ORG_SUFFIX = max(map(len, _ORG_SUFFIX_TYPE))


@lru_cache(maxsize=8192)
def org_type_of(name: str) -> str | None:
    """The non-enterprise type of a name (government, university, park…), or None when it may be a company."""
    if name in ORG_WORDS:
        return ORG_WORDS[name]
    if name in _ORG_SUFFIX_TYPE:      # the bare word (政府, 海关, 统计局)
        return _ORG_SUFFIX_TYPE[name]
    for k in range(min(_MAX_ORG_SUFFIX, len(name) - 1), 0, -1):
        kind = _ORG_SUFFIX_TYPE.get(name[-k:])
        if kind:
            return kind
    if is_place(name):
        return "place"
    return None


@lru_cache(maxsize=8192)
def is_place(name: str) -> bool:
    if name in PLACE_WORDS:
        return True
    m = REGION_AT.match(name)
    return bool(m) and m.end() == len(name)


def region_prefix(text: str) -> str | None:
    """The longest run of region tokens at the start of text (湖北省武汉市), or None."""
    end = 0
    while True:
        m = REGION_AT.match(text, end)
        if not m:
            break
        end = m.end()
    return text[:end] or None


@dataclass(frozen=True)
class ParsedName:
    name: str
    region: str | None
    brand: str              # 字号
    industry: str | None    # 行业
    org_form: str | None    # 组织形式
    core: str               # 字号 + 行业, without region and org form
    industry_words: tuple[str, ...] = ()

    @property
    def is_group(self) -> bool:
        return bool(self.org_form) and "集团" in self.org_form


def split_org_form(name: str) -> tuple[str, str | None]:
    if name.isascii():     # Kleinhof Automation GmbH -> ("Kleinhof Automation", "GmbH")
        for form in LATIN_FORMS:
            if name.endswith(form) and len(name) > len(form) and name[-len(form) - 1] in " ,":
                return name[: -len(form)].rstrip(" ,"), form
        return name, None
    for form in ORG_FORMS:
        if name.endswith(form) and len(name) > len(form):
            return name[: -len(form)], form
    return name, None


def peel_industry(body: str) -> tuple[str, list[str]]:
    """Split 字号 from 行业 by peeling industry words off the end while at least 2 characters of 字号 remain."""
    brand, words = body, []
    changed = True
    while changed:
        changed = False
        for k in range(min(_MAX_INDUSTRY, len(brand) - 2), 0, -1):
            if brand[-k:] in INDUSTRY_SET:
                words.insert(0, brand[-k:])
                brand = brand[:-k]
                changed = True
                break
    return brand, words


def _brand_left(rest: str) -> bool:
    rest_brand, _ = peel_industry(rest)
    return rest_brand not in INDUSTRY_SET and rest_brand not in GENERIC


_BRACKET_ANY = re.compile(r"[（(]([\u4e00-\u9fff]{2,6})[）)]")


@lru_cache(maxsize=8192)
def parse_company_name(name: str) -> ParsedName:
    body, org_form = split_org_form(name)
    if name.isascii():     # a Latin name has no region or industry words; its first word is the 字号
        return ParsedName(name=name, region=None, brand=body.split(" ")[0], industry=None, org_form=org_form, core=body)
    region = None
    m = _BRACKET_ANY.search(body)
    if m and is_place(m.group(1)) and m.start() >= 2:
        region, body = m.group(1), body[: m.start()] + body[m.end():]
        lead = region_prefix(body)   # "东西湖区TCL空调器（武汉）": a district in front of a bracketed name is context
        # ...unless nothing brand-like is left after it (中国银行（香港）有限公司: 中国 is the 字号)
        if lead and len(body) - len(lead) >= 2 and _brand_left(body[len(lead):]):
            body = body[len(lead):]
    else:
        lead = region_prefix(body)
        if lead:
            rest = body[len(lead):]
            # keep the region inside the 字号 when nothing brand-like is left (青山集团, 长安汽车)
            if len(rest) >= 2 and _brand_left(rest):
                region, body = lead, rest
    brand, words = peel_industry(body)
    return ParsedName(name=name, region=region, brand=brand, industry="".join(words) or None, org_form=org_form,
                      core=body, industry_words=tuple(words))


@lru_cache(maxsize=8192)
def is_generic(text: str) -> bool:
    """True when text is made only of generic words / industry words (一家科技公司, 龙头企业, 新能源汽车)."""
    if not text:
        return True
    if text in GENERIC or text in INDUSTRY_SET:
        return True
    i, n = 0, len(text)
    while i < n:
        for j in range(min(n, i + 6), i, -1):
            if text[i:j] in GENERIC or text[i:j] in INDUSTRY_SET:
                i = j
                break
        else:
            return False
    return True


@lru_cache(maxsize=8192)
def industry_only(text: str) -> bool:
    """True when text is one or more industry words (传媒, 电子科技), nothing else."""
    if not text:
        return False
    i, n = 0, len(text)
    while i < n:
        for j in range(min(n, i + _MAX_INDUSTRY), i, -1):
            if text[i:j] in INDUSTRY_SET:
                i = j
                break
        else:
            return False
    return True


def _is_ascii_word_cut(text: str, k: int) -> bool:
    """True when position k splits a Latin word or number (TC|L)."""
    return 0 < k < len(text) and text[k - 1].isascii() and text[k].isascii() and text[k - 1].isalnum() and text[k].isalnum()


@lru_cache(maxsize=8192)
def short_forms(parsed: ParsedName) -> frozenset[str]:
    """Surface forms a text may use for this company once its full name is known.

    name without org form (武汉长江国际贸易集团), core (大兴蜂业), core prefixes (长江计算, 依迅北斗, TCL空调, TCL),
    字号 + a later industry word or 公司 (金翔管件, 金翔公司, 中地应急信息技术公司), 字号 + 股份 for a 股份有限公司,
    region + core prefix (宁德时代).
    Ambiguity between companies is resolved by the caller.
    """
    core, brand = parsed.core, parsed.brand
    if parsed.name.isascii():     # Kleinhof Automation GmbH -> Kleinhof Automation, Kleinhof
        return frozenset(s for s in (core, brand) if len(s) >= 3 and s != parsed.name)
    out: set[str] = set()
    if parsed.org_form and parsed.org_form != "公司":
        body = parsed.name[: -len(parsed.org_form)]
        out.add(body)
        if "集团" in parsed.org_form:
            out.add(body + "集团")
    # prefixes that end inside the 字号 or at a word boundary of the 行业 part
    # a cut 字号 (霞浦 of 霞浦时代一汽) is too often a place or a word of its own: only Latin brands are cut (TCL of TCL空调器)
    ends = [len(brand)] + [k for k in range(2, len(brand)) if brand[:k].isascii() and not _is_ascii_word_cut(brand, k)]
    k = len(brand)
    for word in parsed.industry_words:
        k += len(word)
        ends.append(k)
    prefixes = [core[:k] for k in ends]
    # a cut 字号 that ends in an industry word names another company (莱克电气 of 莱克电气绿能科技)
    prefixes = [p for p in prefixes if not is_generic(p) and not is_place(p)
                and not (len(p) < len(brand) and any(p.endswith(w) for w in INDUSTRY_SET if len(w) >= 2))]
    out.update(prefixes)
    named = [p for p in prefixes if len(p) >= len(brand)]   # 字号 and 字号+行业 words, the forms that take 公司/集团
    tails = [core[j:] for j in range(len(brand) + 1, len(core)) if core[j:] in INDUSTRY_SET]   # 精密管件 -> 管件
    for p in named:
        for tail in tails:
            if len(core) - len(tail) > len(p):
                out.add(p + tail)
        out.add(p + "公司")
        if parsed.is_group:
            out.add(p + "集团")
        if parsed.org_form and "股份" in parsed.org_form:    # the stock short name: 天睿股份 of 宜宾天睿锂电池股份有限公司
            out.add(p + "股份")
    if "控股" in parsed.industry_words:    # a listed holding company's stock name: 粤海信达股份 of 粤海信达控股有限公司
        out.add(brand + "股份")
    if parsed.region and parsed.name.startswith(parsed.region):
        for p in named:
            out.add(parsed.region + p)
    out.discard(parsed.name)
    return frozenset(s for s in out if len(s) >= 2)
