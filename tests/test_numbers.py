"""Number and unit parsing as Chinese news writes it."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.numbers import find_quantities, normalise_unit, parse_money, parse_number

JIONLP_MONEY = Path(__file__).resolve().parents[2] / "shared" / "peer" / "jionlp" / "jionlp_money.jsonl"
JIONLP_CASE = {"元": "CNY", "港元": "HKD", "美元": "USD", "日元": "JPY", "新台币": "TWD", "泰铢": "THB", "卢布": "RUB",
               "欧元": "EUR", "韩元": "KRW", "澳元": "AUD"}
# measured with this parser: 25 of 25 single-amount cases pass (ranges like 1万-5万元 are out of scope)
JIONLP_FLOOR = 0.96


@pytest.mark.parametrize("text, expected", [
    ("14720.98", 14720.98), ("82,225.00", 82225.0), ("82，225.00", 82225.0), ("１２０", 120.0),
    ("三千万", 3e7), ("1.5万亿", 1.5e12), ("两百", 200.0), ("四分之三", 0.75), ("六十四万零一百四十三", 640143.0),
    ("肆佰叁拾萬", 4.3e6), ("三千万亿", 3e15), ("一亿三千万", 1.3e8), ("十二", 12.0), ("万亿", 1e12),
])
def test_parse_number(text, expected):
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["1,2,3,4", "..", "十四五", "", "亿元亿元", "abc", "一二"])
def test_parse_number_rejects_non_numbers(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("unit, factor, norm", [
    ("亿元", 1e8, "CNY"), ("万元", 1e4, "CNY"), ("万亿元", 1e12, "CNY"), ("亿美元", 1e8, "USD"), ("港元", 1, "HKD"),
    ("欧元", 1, "EUR"), ("%", 1, "percent"), ("个百分点", 1, "pp"), ("平方米", 1, "m2"), ("万平方米", 1e4, "m2"),
    ("平方公里", 1, "km2"), ("亩", 1, "mu"), ("万亩", 1e4, "mu"), ("公顷", 1e4, "m2"), ("公里", 1e3, "m"), ("吨", 1, "t"),
    ("万吨", 1e4, "t"), ("万千瓦", 1e4, "kW"), ("MW", 1e3, "kW"), ("GWh", 1e6, "kWh"), ("万套", 1e4, "套"), ("家", 1, "家"),
    ("万头", 1e4, "头"), ("万吨标准煤", 1e4, "吨标准煤"),
    # the contract's mass unit is t; energy in 吉瓦时 is kWh, not kW; container and train counts keep their measure word
    ("公斤", 1e-3, "t"), ("万千克", 10, "t"), ("吉瓦时", 1e6, "kWh"), ("兆瓦时", 1e3, "kWh"), ("万标箱", 1e4, "标箱"),
    ("列", 1, "列"),
])
def test_normalise_unit(unit, factor, norm):
    f, n = normalise_unit(unit)
    assert n == norm and f == pytest.approx(factor)


def test_find_quantities_on_a_corpus_sentence():
    text = "前三季度，全市地区生产总值（GDP）达14720.98亿元，同比增长5.1%；进出口总额达2908.50亿元，比上半年加快8.1个百分点。"
    got = [(q.text, q.value_norm, q.unit_norm) for q in find_quantities(text)]
    assert got == [("14720.98亿元", 1472098000000.0, "CNY"), ("5.1%", 5.1, "percent"),
                   ("2908.50亿元", 290850000000.0, "CNY"), ("8.1个百分点", 8.1, "pp")]


@pytest.mark.parametrize("text, value, unit_norm, marker", [
    ("入驻科技企业120余家", 120, "家", "余"), ("年产2万余台闸阀", 20000, "台", "余"), ("累计更换800多米水管", 800, "m", "多"),
    ("海微车载OLED零件出货量全球占比超四成", 40, "percent", ""), ("其中四分之三用于出口", 75, "percent", ""),
    ("近一半营收来自人工智能领域", 50, "percent", ""), ("一期项目600MW", 600000, "kW", ""), ("规划产能120GWh", 1.2e8, "kWh", ""),
    ("种植面积达到3242公顷", 32420000, "m2", ""), ("宁德时代市值突破万亿", 1e12, "", ""), ("产值超千亿元", 1e11, "CNY", ""),
])
def test_find_quantities_forms(text, value, unit_norm, marker):
    q = [q for q in find_quantities(text) if q.unit_norm == unit_norm or q.kind == "bare_scale"][0]
    assert q.value_norm == pytest.approx(value) and q.approx_marker == marker


@pytest.mark.parametrize("text", ["第七届中国国际进口博览会", "800G光模块", "“十四五”以来", "121社区"])
def test_no_unit_quantities_in_names(text):
    assert all(not q.unit_norm for q in find_quantities(text))


@pytest.mark.skipif(not JIONLP_MONEY.exists(), reason="peer test cases not available")
def test_jionlp_money_pass_rate():
    cases = [json.loads(line) for line in JIONLP_MONEY.read_text(encoding="utf-8").splitlines() if line.strip()]
    in_scope = [c for c in cases if not isinstance(c["expected"]["num"], list)]
    passed = 0
    for c in in_scope:
        got = parse_money(c["text"])
        exp = c["expected"]
        passed += got is not None and abs(got[0] - float(exp["num"])) < 0.01 and got[1] == JIONLP_CASE[exp["case"]]
    rate = passed / len(in_scope)
    print(f"JioNLP money: {passed}/{len(in_scope)} = {rate:.3f}")
    assert len(in_scope) >= 20 and rate >= JIONLP_FLOOR


_UNITS = ["元", "万元", "亿元", "万亿元", "美元", "亿美元", "港元", "%", "个百分点", "平方米", "万平方米", "亩", "吨", "万吨", "家", "台", "万台"]


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value="0.01", max_value="999999.99", places=2, allow_nan=False, allow_infinity=False),
       st.sampled_from(_UNITS), st.booleans(), st.booleans())
def test_round_trip_formatted_numbers(value, unit, thousands, fullwidth):
    text = f"{value:,}" if thousands else str(value)
    if fullwidth:
        text = text.translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    sentence = f"今年全市完成{text}{unit}，"
    qs = [q for q in find_quantities(sentence.translate(str.maketrans("０１２３４５６７８９，", "0123456789,")))]
    factor, norm = normalise_unit(unit)
    assert len(qs) == 1
    assert qs[0].unit_norm == norm
    assert math.isclose(qs[0].value_norm, float(value) * factor, rel_tol=1e-9)
    assert parse_number(text) == pytest.approx(float(value))


def test_chinese_numeral_counts_need_a_magnitude_or_more():
    got = [(q.text, q.value_norm, q.unit_norm) for q in find_quantities("两百多家企业、一百二十家银行、一万户，百家争鸣、千家万户、一家公司")]
    assert got == [("两百多家", 200.0, "家"), ("一百二十家", 120.0, "家"), ("一万户", 10000.0, "户")]
    assert [(q.value_norm, q.kind) for q in find_quantities("百分之十六点五和百分之三")] == [(16.5, "plain"), (3.0, "plain")]


def test_energy_mass_and_counts_in_invented_sentences():
    got = [(q.value_norm, q.unit_norm) for q in find_quantities("电池出货量达到12.5吉瓦时，玉米亩产达715公斤，开行货运班列38列，增加两成")]
    assert got == [(pytest.approx(12.5e6), "kWh"), (pytest.approx(0.715), "t"), (38.0, "列"), (20.0, "percent")]
