"""Indicators on real corpus sentences, one family of rules at a time, plus number salad that must not break it."""
from __future__ import annotations

from datetime import date

import pytest

from transforms.context import ArticleContext
from transforms.indicators import extract_indicators, metric_key


def run(text, city="武汉市", issue=date(2024, 11, 4), mentions=()):
    return extract_indicators(ArticleContext(text=text, issue_date=issue, city=city, publication="测试报"), list(mentions))


def rows(text, **kw):
    return [(r["measure"], r["value_norm"], r["unit_norm"]) for r in run(text, **kw)]


def mention(text, surface, name, key):
    i = text.index(surface)
    return dict(entity_key=key, name=name, mention=surface, start=i, end=i + len(surface))


def test_level_growth_and_pp_with_city_subject_and_period():
    text = "前三季度，全市地区生产总值（GDP）达14720.98亿元，同比增长5.1%；进出口总额达2908.50亿元，同比增长16.8%，比上半年加快8.1个百分点。"
    got = run(text)
    assert [(r["measure"], r["value_norm"], r["unit_norm"]) for r in got] == [
        ("level", 1472098000000.0, "CNY"), ("yoy_growth", 5.1, "percent"), ("level", 290850000000.0, "CNY"),
        ("yoy_growth", 16.8, "percent"), ("growth_change_pp", 8.1, "pp")]
    assert {r["subject"] for r in got} == {"武汉市"}
    assert all((r["period_start"], r["period_end"]) == (date(2024, 1, 1), date(2024, 9, 30)) for r in got)
    assert got[0]["metric_key"] == "gdp" and got[2]["metric_key"] == "trade_total"
    assert all(text[r["start"]:r["end"]] in r["evidence"] for r in got)


def test_declines_are_negative_and_narrowing_is_positive():
    text = "中直经济实现增加值384.8亿元，同比下降1.2%，降幅比同期收窄2.2个百分点；二产比重下降6.8个百分点。"
    assert rows(text, city="大庆市", issue=None) == [
        ("level", 38480000000.0, "CNY"), ("yoy_growth", -1.2, "percent"), ("growth_change_pp", 2.2, "pp"),
        ("growth_change_pp", -6.8, "pp")]


def test_comparison_base_is_not_the_subject():
    text = "1-8月，广东规模以上工业实现利润总额0.64万亿元，同比增长16.3%。广东规模以上工业利润增速比全国水平低33.2个百分点。"
    got = run(text, city=None, issue=date(2021, 10, 23))
    assert [(r["subject"], r["measure"], r["value_norm"]) for r in got] == [
        ("广东省", "level", 640000000000.0), ("广东省", "yoy_growth", 16.3), ("广东省", "growth_change_pp", -33.2)]
    assert got[0]["period_end"] == date(2021, 8, 31)


def test_shares_ratios_and_cn_fractions():
    text = "三次产业比为3.9：59.5：36.6，一三产业比重分别比同期提高0.9、5.9个百分点。出口贸易总额占GDP比重在今年首次突破九成。"
    got = rows(text, city="大庆市", issue=None)
    assert got[:5] == [("share", 3.9, "percent"), ("share", 59.5, "percent"), ("share", 36.6, "percent"),
                       ("growth_change_pp", 0.9, "pp"), ("growth_change_pp", 5.9, "pp")]
    assert got[5] == ("share", 90.0, "percent")


def test_list_with_shared_unit_and_separate_counters():
    text = "广州高技术制造业、高技术服务业投资分别增长11.3%、24.8%，增速比上半年分别提升7.2个、5.2个百分点。"
    assert rows(text, city=None, issue=date(2021, 11, 2)) == [
        ("yoy_growth", 11.3, "percent"), ("yoy_growth", 24.8, "percent"), ("growth_change_pp", 7.2, "pp"),
        ("growth_change_pp", 5.2, "pp")]


def test_enterprise_subject_from_mentions_and_qualifiers():
    text = "作为全国计算领域整机龙头企业，武汉长江计算科技有限公司为智能算力集群提供支撑能力。企业总经理彭海波介绍，前三季度营收已超40亿元，近一半营收来自人工智能领域。"
    m = [mention(text, "武汉长江计算科技有限公司", "武汉长江计算科技有限公司", "e1")]
    got = run(text, mentions=m)
    assert [(r["subject_entity_key"], r["measure"], r["value_norm"], r["qualifier"]) for r in got] == [
        ("e1", "level", 4e9, "over"), ("e1", "share", 50.0, "approx")]
    assert got[0]["subject_type"] == "enterprise" and got[0]["metric_key"] == "revenue"


def test_we_in_an_officers_quote_is_the_company_and_last_year_is_resolved():
    text = ("正准备前往上海参会的武汉长江国际贸易集团有限公司友好跨境总经理刘才溢透露：“我们将购买奶粉。”\n"
            "作为大型国际贸易平台，此次参加进博会。“我们去年成交了2.4亿美元，今年预计会签下更多订单。”刘才溢说。")
    m = [mention(text, "武汉长江国际贸易集团有限公司", "武汉长江国际贸易集团有限公司", "e9")]
    (r,) = run(text, mentions=m)
    assert (r["subject_entity_key"], r["value_norm"], r["unit_norm"]) == ("e9", 2.4e8, "USD")
    assert (r["period_start"], r["period_end"]) == (date(2023, 1, 1), date(2023, 12, 31))


def test_forecast_and_range_bounds():
    text = "贝特瑞发布公告，预计上半年归属于上市公司股东的净利润8.5亿元至10亿元，同比增长16%-37%。"
    m = [mention(text, "贝特瑞", "贝特瑞", "b")]
    got = run(text, issue=date(2022, 8, 3), mentions=m)
    assert [(r["measure"], r["value_norm"], r["qualifier"], r["is_forecast"]) for r in got] == [
        ("level", 8.5e8, "over", True), ("level", 1e9, "under", True),
        ("yoy_growth", 16.0, "over", True), ("yoy_growth", 37.0, "under", True)]


def test_future_period_is_forecast():
    text = "岚图汽车CEO卢放说，到2030年，品牌将进入全球60国，并建成500家销售服务网点，海外销量突破50万辆。"
    m = [mention(text, "岚图汽车", "岚图汽车", "l")]
    got = run(text, mentions=m)
    assert [(r["value_norm"], r["unit_norm"], r["is_forecast"], r["period_start"]) for r in got] == [
        (60, "国", True, date(2030, 1, 1)), (500, "家", True, date(2030, 1, 1)), (500000, "辆", True, date(2030, 1, 1))]
    assert got[2]["qualifier"] == "over"


def test_index_level():
    text = "一季度，城市居民消费价格总指数为99.5，同比下降0.5%。"
    assert rows(text, city="大庆市", issue=date(2017, 6, 4)) == [("level", 99.5, "index"), ("yoy_growth", -0.5, "percent")]


@pytest.mark.parametrize("text", [
    "面对即将到来的第七届中国国际进口博览会，武汉参展团队将签约一批亿元“大单”。",
    "光迅科技多个方案的800G高速光模块，能为面向AI等应用的智算中心建设夯实基础。",
    "“十四五”以来，121社区热线电话027-85551234，5G基站和3D打印产业园。",
    "黄昌建今年58岁，11月3日上午9时来到车间。",
])
def test_no_dates_ordinals_products_ages_or_phones(text):
    assert run(text) == []


@pytest.mark.parametrize("text", [
    "1,2,3,4亿元", "..亿元", "亿元亿元", "同比增长%", "１２０亿", "（增长5.1%", "增长5.1%）)）", "“我们成交了3亿美元",
    "%%%个百分点个百分点", "比为：：：", "3.9：", "第", "分之", "8.5至", "至10亿元", "、、、5个百分点", "\n\n\n", "亿",
    "占" * 50 + "12%", "1" * 400 + "亿元",
])
def test_number_salad_does_not_crash_or_invent(text):
    got = run(text)
    for r in got:
        assert r["unit_norm"] and r["value_norm"] == r["value_norm"]  # not NaN
        assert 0 <= r["start"] < r["end"] <= len(text)
        assert r["evidence"] in text


def test_number_salad_values():
    assert rows("1,2,3,4亿元") == [("level", 4e8, "CNY")]
    assert rows("同比增长%") == []
    assert rows("亿元亿元") == []
    assert rows("全市完成１２０亿".translate(str.maketrans("１２０", "120"))) == [("level", 1.2e10, "CNY")]


def test_metric_key_lexicon():
    assert metric_key("社会消费品零售总额") == "retail_sales"
    assert metric_key("规模以上工业增加值") == "industrial_value_added"
    assert metric_key("奇怪的东西") is None
