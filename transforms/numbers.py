"""Numbers and units as Chinese news writes them: parsing, finding in text, normalising.

parse_number("82,225.00") -> 82225.0; parse_number("1.5万亿") -> 1.5e12; parse_number("四分之三") -> 0.75
normalise("亿元") -> (1e8, "CNY"); find_quantities(text) -> [Quantity, ...] with spans into text.
Unit data lives in lexicons/units.toml.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_LEX = tomllib.loads((Path(__file__).parent / "lexicons" / "units.toml").read_text(encoding="utf-8"))

SCALES: dict[str, float] = {k: float(v) for k, v in _LEX["scales"].items()}
CURRENCIES: dict[str, str] = dict(_LEX["currencies"])
PHYSICAL: dict[str, tuple[float, str]] = {k: (float(v[0]), v[1]) for k, v in _LEX["physical"].items()}
COUNT_WORDS: list[str] = list(_LEX["counts"]["words"])

_FULLWIDTH = str.maketrans({chr(0xFF10 + i): str(i) for i in range(10)} | {"．": ".", "，": ",", "％": "%", "－": "-"})

_DIGIT = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "俩": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
          "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9}
_SMALL_UNIT = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG_UNIT = {"万": 1e4, "萬": 1e4, "亿": 1e8, "億": 1e8}
CN_NUM_CHARS = "".join(_DIGIT) + "".join(_SMALL_UNIT) + "".join(_BIG_UNIT)

_ARABIC = re.compile(r"^[+-]?\d+(?:,\d{3})*(?:\.\d+)?$|^[+-]?\d*\.\d+$")
_MIXED = re.compile(r"^([+-]?\d+(?:,\d{3})*(?:\.\d+)?)([" + CN_NUM_CHARS + r"]+)$")
_FRACTION = re.compile(r"^(.+?)分之(.+)$")


def _parse_chinese(s: str) -> float | None:
    """Chinese numerals: 六十四万零一百四十三, 三千万亿, 两百, 十二, 一万二 (colloquial trailing digit)."""
    if not s or any(c not in CN_NUM_CHARS for c in s):
        return None
    total, section, digit = 0.0, 0.0, None
    last_small = 1
    for c in s:
        if c in _DIGIT:
            if digit is not None and _DIGIT[c] != 0 and digit != 0:
                return None  # 一二 is not a number (digits in sequence are handled by the caller)
            digit = _DIGIT[c]
        elif c in _SMALL_UNIT:
            u = _SMALL_UNIT[c]
            section += (1 if digit is None else digit) * u
            digit, last_small = None, u
        else:
            u = _BIG_UNIT[c]
            section += digit or 0
            if section == 0 and total == 0:
                section = 1  # 万亿 alone means one 万亿
            if total and total < u:
                total = (total + section) * u  # 三千万亿: 3000万 then ×亿
            elif total and u < 1e8 and (total % 1e8) == 0:
                total += section * u  # 一亿三千万
            else:
                total = total + section * u if total >= u else (total + section) * u
            section, digit, last_small = 0.0, None, 1
    if digit is not None:
        # 一万二 = 12000: a trailing bare digit after a unit scales by one tenth of it
        if last_small > 1 and section:
            section += digit * last_small / 10
        elif total and not section and len(s) >= 2 and s[-2] in _BIG_UNIT:
            section += digit * (_BIG_UNIT[s[-2]] / 10)
        else:
            section += digit
    return total + section


@lru_cache(maxsize=8192)
def parse_number(s: str) -> float | None:
    """Parse one number as written; None when it is not a number. Accepts full-width digits and commas."""
    if s is None:
        return None
    t = s.strip().translate(_FULLWIDTH).replace(" ", "")
    if not t:
        return None
    m = _FRACTION.match(t)
    if m:
        den, num = parse_number(m.group(1)), parse_number(m.group(2))
        return num / den if den and num is not None else None
    if _ARABIC.match(t):
        return float(t.replace(",", ""))
    m = _MIXED.match(t)
    if m:
        base = float(m.group(1).replace(",", ""))
        mult = _parse_chinese(m.group(2))
        if mult is None or any(c in _DIGIT for c in m.group(2)):
            return None
        return base * mult
    return _parse_chinese(t)


def scale_factor(scale: str) -> float:
    """万 -> 1e4, 千万 -> 1e7, 亿 -> 1e8, 万亿 -> 1e12 (also compositions like 百万亿)."""
    if not scale:
        return 1.0
    if scale in SCALES:
        return SCALES[scale]
    v = _parse_chinese(scale)
    return v if v else 1.0


@lru_cache(maxsize=4096)
def normalise_unit(unit: str) -> tuple[float, str] | None:
    """Unit as written (scale word included, e.g. 亿元, 万套, 个百分点) -> (factor, unit_norm); None if unknown."""
    u = unit.translate(_FULLWIDTH).strip()
    if not u:
        return None
    for k in sorted(SCALES, key=len, reverse=True):
        if u.startswith(k) and len(u) > len(k) and u not in PHYSICAL and u not in CURRENCIES:
            rest = normalise_unit(u[len(k):])
            return (SCALES[k] * rest[0], rest[1]) if rest else None
    if u in PHYSICAL:
        return PHYSICAL[u]
    if u in CURRENCIES:
        return (1.0, CURRENCIES[u])
    if u in COUNT_WORDS:
        return (1.0, u)
    if u in SCALES:  # a bare scale word: 4000亿 in money context is handled by the caller
        return (SCALES[u], "")
    return None


# ---------------------------------------------------------------------------------------------- finding in text

# 82,225.00 | 3.5 | 42. Each starts with a plain character class (x+ written xx*): the regex engine then jumps
# straight to the positions where that class matches instead of trying the pattern at every character.
_ARABIC_NUM = r"\d\d*(?:(?:,\d{3})+(?:\.\d+)?|\.\d+)?"
_CN_DIGIT = "[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]"
_SCALE_RE = "|".join(sorted(SCALES, key=len, reverse=True))
_UNITS_ALL = sorted({*CURRENCIES, *PHYSICAL, *COUNT_WORDS}, key=len, reverse=True)
_UNIT_RE = "|".join(re.escape(u) for u in _UNITS_ALL)
_MONEY_OR_MEASURE = sorted({*CURRENCIES, *PHYSICAL}, key=len, reverse=True)
_MM_RE = "|".join(re.escape(u) for u in _MONEY_OR_MEASURE)

# arabic number, optional 余/多, optional scale, optional 余/多, optional unit
QUANTITY_RE = re.compile(
    rf"(?P<num>{_ARABIC_NUM})(?P<approx1>余|多)?(?P<scale>{_SCALE_RE})?(?P<approx2>余|多)?(?P<unit>{_UNIT_RE})?"
)
# Chinese numerals need a scale word or a money/physical unit: 三千万元, 两万亿, 十五亿美元. The lookahead demands one
# (一 of 进一步 is no match at all, not a match thrown away); numeral and 余/多 are possessive so that it cannot make
# the numeral shorter instead (三千人 stays no quantity rather than becoming 三 + 千).
CN_QUANTITY_RE = re.compile(
    rf"(?P<num>{_CN_DIGIT}{_CN_DIGIT}*+)(?P<approx1>余|多)?+(?={_SCALE_RE}|(?:余|多)?(?:{_MM_RE}))"
    rf"(?P<scale>{_SCALE_RE})?(?P<approx2>余|多)?(?P<unit>{_MM_RE})?"
)
# a count in Chinese numerals only when it has a digit and a magnitude, or 多/余: 两百多家, 一百二十家, 一万户
# (一家, 三个, 百家争鸣 and 千家万户 are not quantities)
_COUNT_RE = "|".join(re.escape(u) for u in sorted(COUNT_WORDS, key=len, reverse=True))
CN_COUNT_RE = re.compile(
    rf"(?P<num>[一二两三四五六七八九][零〇一二两三四五六七八九十百千]*)(?P<approx1>余|多)?(?P<scale>万|亿)?(?P<approx2>余|多)?(?P<unit>{_COUNT_RE})"
)
# a percentage in words: 百分之十六点五
CN_PERCENT_RE = re.compile(r"百分之(?P<num>[零〇一二两三四五六七八九十百]+)(?:点(?P<dec>[零〇一二三四五六七八九]+))?")
_DEC_DIGIT = {"零": "0", "〇": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"}
# a scale word alone, one of it: 突破万亿, 超千亿元
BARE_SCALE_RE = re.compile(r"(?P<scale>万亿|千亿|百亿)(?P<unit>元|美元)?")
CN_SHARE_RE = re.compile(r"(?P<num>[一二两三四五六七八九十])成(?![为交立本果功员长效熟都品型绩就全])")
# the lookbehinds start a match only at the first digit of a run: no quadratic backtracking on long runs
# the leading lookahead (a first character every match has) lets the engine skip other positions fast
FRACTION_RE = re.compile(r"(?=[一二三四五六七八九十百\d])(?:(?P<den>(?<![一二三四五六七八九十百])[一二三四五六七八九十百]+|(?<!\d)\d+)"
                         r"分之(?P<num>[一二三四五六七八九十]+|\d+))")
# 过半 in 经过半年 / 一半天 is a span of time, not a share. Every alternative starts with a literal (prefixes spelled
# out, not an optional group) so that the regex engine jumps to those characters.
HALF_RE = re.compile(r"(?:近一半|超过一半|超一半|逾一半|约一半|过一半|一半|过半|半数)(?![年月天日周个小夜晌])")


@dataclass(frozen=True, init=False)
class Quantity:
    start: int            # span of number (+scale +unit) in the text
    end: int
    text: str
    value: float          # the number as written (14720.98 for 14720.98亿元)
    unit: str             # the unit as written, scale included (亿元, 万套, %, 成, 亿)
    value_norm: float
    unit_norm: str
    approx_marker: str = ""   # 余 / 多 inside the quantity
    kind: str = "plain"       # plain | cn_share | fraction | half | bare_scale

    def __init__(self, start: int, end: int, text: str, value: float, unit: str, value_norm: float, unit_norm: str,
                 approx_marker: str = "", kind: str = "plain"):
        # ~225 per page: one __dict__ assignment instead of the frozen dataclass's nine object.__setattr__ calls
        object.__setattr__(self, "__dict__", {
            "start": start, "end": end, "text": text, "value": value, "unit": unit, "value_norm": value_norm,
            "unit_norm": unit_norm, "approx_marker": approx_marker, "kind": kind})


@lru_cache(maxsize=1024)
def _unit_factor(scale: str, unit: str) -> tuple[float, str] | None:
    """(factor, unit_norm) of a scale word and a unit as written (either may be ''); None for an unknown unit."""
    if not unit:
        return scale_factor(scale), ""
    n = normalise_unit(unit)
    return None if n is None else (n[0] * scale_factor(scale), n[1])


def _reading(num: str, approx1: str, scale: str, approx2: str, unit: str, kind: str = "plain") -> tuple | None:
    """The Quantity fields after the span (value, unit, value_norm, unit_norm, approx_marker, kind) of a number
    written with its scale and unit; None when it is no number or the unit is unknown."""
    value = parse_number(num) if num else 1.0
    unit_factor = _unit_factor(scale, unit)
    if value is None or unit_factor is None:
        return None
    factor, unorm = unit_factor
    return value, scale + unit, value * factor, unorm, approx1 + approx2, kind


def _matches(rx: re.Pattern, text: str, needle: str):
    """rx.finditer(text), skipped when text lacks a literal every match contains (a scan costs more than `in`)."""
    return rx.finditer(text) if needle in text else ()


def find_quantities(text: str) -> list[Quantity]:
    """Every number in text with its scale and unit (unit_norm '' when it has none). Non-overlapping, by start."""
    out: list[Quantity] = []
    taken = bytearray(len(text) + 1)

    def add(start: int, end: int, fields: tuple | None) -> None:
        if fields is None or taken.find(1, start, end) >= 0:
            return
        taken[start:end] = b"\1" * (end - start)
        out.append(Quantity(start, end, text[start:end], *fields))

    for m in _matches(CN_PERCENT_RE, text, "百分之"):
        v = parse_number(m.group("num"))
        if v is not None and m.group("dec"):
            v = float(f"{int(v)}." + "".join(_DEC_DIGIT[c] for c in m.group("dec")))
        if v is not None:
            add(m.start(), m.end(), (v, "%", v, "percent", "", "plain"))
    for m in _matches(FRACTION_RE, text, "分之"):
        v = parse_number(m.group(0))
        if v is not None and 0 < v <= 1:
            add(m.start(), m.end(), (v * 100, "分之", v * 100, "percent", "", "fraction"))
    # QUANTITY_RE, CN_QUANTITY_RE and CN_COUNT_RE have the same groups: num, approx1, scale, approx2, unit
    for m in QUANTITY_RE.finditer(text):
        add(m.start(), m.end(), _reading(*m.groups("")))
    for m in CN_QUANTITY_RE.finditer(text):
        num, approx1, scale, approx2, unit = m.groups("")
        if not unit and scale in ("万", "千", "萬"):
            continue  # 三万 alone is too often not a quantity (千万别, 万一)
        add(m.start(), m.end(), _reading(num, approx1, scale, approx2, unit))
    for m in CN_COUNT_RE.finditer(text):
        num, approx1, scale, approx2, unit = m.groups("")
        if not (approx1 or approx2 or scale or any(c in "十百千" for c in num[1:])):
            continue
        add(m.start(), m.end(), _reading(num, approx1, scale, approx2, unit))
    for m in _matches(BARE_SCALE_RE, text, "亿"):
        scale, unit = m.groups("")
        add(m.start(), m.end(), _reading("", "", scale, "", unit, "bare_scale"))
    for m in _matches(CN_SHARE_RE, text, "成"):
        v = parse_number(m.group("num"))
        if v is not None and v <= 10:
            add(m.start(), m.end(), (v, "成", v * 10, "percent", "", "cn_share"))
    for m in _matches(HALF_RE, text, "半"):
        s = m.start() + (len(m.group(0)) - 2 if m.group(0).endswith("一半") else 0)
        add(s, m.end(), (50.0, "一半", 50.0, "percent", "", "half"))
    out.sort(key=lambda q: q.start)
    return out


def parse_money(text: str) -> tuple[float, str] | None:
    """A standalone money expression -> (amount in the currency's base unit, ISO code). 约4.287亿美元 -> (4.287e8, USD)."""
    t = text.translate(_FULLWIDTH).replace(" ", "")
    t = re.sub(r"[（(]含[)）]", "", t)
    prefix_ccy = None
    for name in sorted(CURRENCIES, key=len, reverse=True):
        if t.startswith(name) and name not in ("元", "圆", "块"):
            prefix_ccy = CURRENCIES[name]
            t = t[len(name):]
            break
    t = re.sub(r"^(?:约|近|超过|超|逾|不到|不足|至少|大约|人民币)+", "", t)
    t = re.sub(r"(?:左右|上下|以上|以下|整|钱)+$", "", t)
    # 十块三毛 / 一百三十五块六角七分 / 六十四万零一百四十三元一角七分
    t = t.replace("个亿", "亿")
    m = re.match(r"^(.+?)(元|圆|块)(?:(.)[角毛])?(?:(.)分)?$", t)
    if m and (m.group(3) is not None or m.group(4) is not None):
        base = parse_number(m.group(1))
        if base is not None:
            jiao = parse_number(m.group(3)) if m.group(3) else 0
            fen = parse_number(m.group(4)) if m.group(4) else 0
            if jiao is not None and fen is not None:
                return base + jiao / 10 + fen / 100, prefix_ccy or "CNY"
    m = re.match(rf"^(?P<num>.+?)(?P<approx>余|多)?(?P<unit>{_MM_RE})?$", t)
    if not m:
        return None
    num, unit = m.group("num"), m.group("unit") or ""
    scale = ""
    for k in sorted(SCALES, key=len, reverse=True):
        if num.endswith(k) and len(num) > len(k) and parse_number(num[: -len(k)]) is not None:
            num, scale = num[: -len(k)], k
            break
    num = num.removesuffix("个")
    colloquial = {"k": 1e3, "K": 1e3, "w": 1e4, "W": 1e4}  # 15k, 30w in informal writing
    if not scale and num[-1:] in colloquial and parse_number(num[:-1]) is not None:
        num, scale_mult = num[:-1], colloquial[num[-1]]
    else:
        scale_mult = 1.0
    v = parse_number(num)
    if v is None:
        return None
    v *= scale_factor(scale) * scale_mult
    if unit:
        n = normalise_unit(unit)
        if n is None or n[1] not in CURRENCIES.values():
            return None
        return v * n[0], (prefix_ccy if prefix_ccy and n[1] == "CNY" else n[1])
    if prefix_ccy:
        return v, prefix_ccy
    return v, "CNY"
