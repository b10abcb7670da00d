"""Indicators on real corpus sentences, one family of rules at a time, plus number salad that must not break it."""
from __future__ import annotations

from datetime import date

import pytest

from transforms.context import ArticleContext
from transforms.indicators import clean_metric, extract_indicators, metric_key


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


# ------------------------------------------------------------------ metric: the noun phrase, never a fragment

@pytest.mark.parametrize("phrase,expected", [
    ("这", None), ("等", None), ("催生出一个", None), ("内的", None), ("虽然只", None), ("目前", None),
    ("信息、先进制造、技术研发于一体的", None), ("双双进入", None), ("首个步入", None),
    ("20个项目中5个总投资", "总投资"), ("5.38亿元或以上的经济总量才能", "经济总量"), ("进出口总额也", "进出口总额"),
    ("与学校开展横向科技合作", "横向科技合作"), ("投产后公司年生产产值将", "年生产产值"), ("一个产值", "产值"),
    ("营业收入", "营业收入"), ("产能", "产能"), ("可支配收入", "可支配收入"), ("北部生态区前三季度的GDP增速也", "GDP增速"),
])
def test_clean_metric(phrase, expected):
    assert clean_metric(phrase) == expected


def test_count_metric_is_the_noun_after_the_measure_word():
    text = "三菱树脂、横滨轮胎、协鑫光伏二期等7个外资项目，合计总投资12.1亿美元；4家链主企业已引进了10余家上下游企业。"
    got = run(text, city="苏州市", issue=date(2011, 3, 29))
    assert [(r["value_norm"], r["metric"]) for r in got] == [(7, "外资项目"), (1.21e9, "总投资"), (4, "链主企业"),
                                                             (10, "上下游企业")]
    # invented: the noun before the number when nothing follows the measure word
    got = run("青禾镇今年入驻孵化企业35家，新增发明专利12项。", city="青州市")
    assert [(r["value_norm"], r["metric"]) for r in got] == [(35, "入驻孵化企业"), (12, "发明专利")]


def test_share_metric_is_the_noun_after_de_and_the_whole_is_not_the_subject():
    text = "珠三角虽然只有9个城市，却聚集了广东六成的人口以及八成的经济总量。"
    got = [r for r in run(text, city=None, issue=date(2021, 11, 2)) if r["measure"] == "share"]
    assert [(r["subject"], r["metric"], r["value_norm"]) for r in got] == [("珠三角", "人口", 60), ("珠三角", "经济总量", 80)]
    got = run("今年前三季度，汕尾的经济总量达到907.4亿元，约占全省的1.03%。", city=None, issue=date(2021, 11, 2))
    assert [(r["subject"], r["measure"]) for r in got] == [("汕尾市", "level"), ("汕尾市", "share")]
    # invented
    got = run("昆山集中了江苏三成的茶叶产量。", city=None, issue=date(2022, 5, 1))
    assert [(r["subject"], r["metric"], r["value_norm"]) for r in got] == [("昆山市", "茶叶产量", 30)]


# ------------------------------------------------------------------ not indicators

@pytest.mark.parametrize("text", [
    "2021年前三季度，杭州GDP排名较2019年上升了2位。", "莆田市排名并连升12位。", "武昌区首义街道千家街社区千家鑫苑3栋附近。",
    "催生百亿级产业带。", "宁德不锈钢千亿产业集群", "由两个千亿产业共同支撑。", "打通服务群众“最后一百米”。",
    # invented
    "青禾县经济总量排名前移了3位。", "锦绣花园5幢楼下停满了车。", "打造万亿级城市群。", "解决出行“最后一公里”。",
])
def test_ranks_addresses_figurative_magnitudes_and_idioms_are_not_indicators(text):
    assert run(text, city=None) == []


def test_real_counts_of_buildings_and_people_stay():
    assert rows("园区新建3栋厂房，公司有3位专家。") == [("level", 3, "栋"), ("level", 3, "位")]


def test_subheading_restating_a_body_number_is_skipped():
    text = "广深携手跨过两万亿元\n这意味着，今年前三季度，广深两地已经跨过两万亿元的门槛。"
    got = run(text, city="广州市", issue=date(2021, 11, 2))
    assert [r["evidence"] for r in got] == ["广深两地已经跨过两万亿元的门槛"]


def test_thresholds_of_counted_things_are_not_amounts():
    text = "全部项目总投资达到120亿元，其中超过10亿元以上的项目有5个。一是投资规模大，20个项目中有5个总投资超过10亿元，17个项目总投资超1亿元。"
    got = run(text, city="苏州市", issue=date(2011, 3, 29))
    assert [(r["value_norm"], r["unit_norm"]) for r in got] == [(1.2e10, "CNY"), (5, "个"), (20, "个"), (17, "个")]
    # invented
    assert rows("全县126家企业营收超亿元。", city="青州市") == [("level", 126, "家")]


# ------------------------------------------------------------------ subjects

def test_list_members_before_a_count_are_not_its_subject_and_headline_area_is_the_default():
    text = ("苏州高新区“三年跨越计划”刚刚开局。3月25日，高新区重点工业项目开工奠基仪式在浒关开发区莱克工业园举行。"
            "三菱树脂、横滨轮胎、协鑫光伏二期等7个外资项目，合计总投资12.1亿美元。")
    m = [mention(text, "三菱树脂", "三菱树脂", "a"), mention(text, "横滨轮胎", "横滨轮胎", "b"),
         mention(text, "协鑫光伏", "苏州协鑫光伏科技有限公司", "c")]
    ctx = ArticleContext(text=text, issue_date=date(2011, 3, 29), city="苏州市", publication="测试报",
                         headline="苏州高新区投资120亿开展20个重点项目")
    assert {r["subject"] for r in extract_indicators(ctx, m)} == {"苏州高新区"}
    # invented
    text = "青禾镇今年开工项目再创新高。蓝鲸科技、金禾电子等5家企业入驻青禾智造园。"
    m = [mention(text, "蓝鲸科技", "蓝鲸科技有限公司", "x"), mention(text, "金禾电子", "金禾电子有限公司", "y")]
    (r,) = run(text, city="青州市", mentions=m)
    assert r["subject_type"] == "region" and r["metric"] == "企业"


def test_list_member_is_not_the_target_of_gongsi():
    text = ("苏州市欧陆杰电器有限公司是一家专业生产吸尘器用伸缩管的企业，为国际家电巨头飞利浦、西门子和伊莱克斯等配套生产，"
            "今年公司总投资6000万元对现有项目进行扩建。")
    m = [mention(text, "苏州市欧陆杰电器有限公司", "苏州市欧陆杰电器有限公司", "o"), mention(text, "飞利浦", "飞利浦", "f"),
         mention(text, "西门子", "西门子", "s"), mention(text, "伊莱克斯", "伊莱克斯", "y")]
    (r,) = run(text, city="苏州市", issue=date(2011, 3, 29), mentions=m)
    assert r["subject_entity_key"] == "o"


def test_gaixiangmu_points_to_the_last_named_project_or_company():
    text = ("宁德代管的另一个县级市福安，同样传出宁德时代第四期项目动工建设的消息。据报道，该项目总投资125亿元。\n"
            "同样是2020年，在霞浦县，由宁德时代和一汽集团合资建设的霞浦时代一汽动力电池有限公司竣工投产。该项目总投资60亿元。")
    m = [mention(text, "宁德时代第四期", "宁德时代新能源科技股份有限公司", "n")]
    i = text.index("霞浦时代一汽动力电池有限公司")
    m.append(dict(entity_key="x", name="霞浦时代一汽动力电池有限公司", mention="霞浦时代一汽动力电池有限公司", start=i, end=i + 14))
    m[0] = mention(text, "宁德时代", "宁德时代新能源科技股份有限公司", "n")
    got = run(text, city="宁德市", issue=date(2022, 2, 22), mentions=m)
    assert [(r["subject"], r["value_norm"]) for r in got] == [("宁德时代第四期项目", 1.25e10), ("霞浦时代一汽动力电池有限公司", 6e9)]


def test_a_clause_about_projects_does_not_inherit_a_company():
    text = "蓝鲸科技有限公司今年营收增长20%。\n全区新开工项目35个，总投资达到80亿元。"
    m = [mention(text, "蓝鲸科技有限公司", "蓝鲸科技有限公司", "b")]
    got = run(text, city="青州市", mentions=m)
    assert [r["subject_type"] for r in got] == ["enterprise", "region", "region"]


def test_location_chain_after_weiyu_is_not_the_subject_and_facility_with_brackets_is():
    text = "海尔（天津）市场创新产业园区位于本市津南区八里台工业区，占地面积约1100亩，规划总投资25亿元。"
    got = run(text, city="天津市", issue=date(2011, 3, 28))
    assert all(r["subject"] != "津南区" for r in got)


def test_comparison_base_share_of_the_province_and_growth_target():
    text = ("作为全国经济第一大省，广东前三季度表现亮眼，与江苏比肩。广东规模以上工业增长。"
            "2021年前三季度佛山外贸进出口总值达4757.9亿元，同比增长37.6%，高于同期全省18.6%的增速。按照东莞全年6%的经济增长目标推算。")
    got = run(text, city=None, issue=date(2021, 11, 2))
    by_value = {r["value_norm"]: r for r in got}
    assert by_value[18.6]["subject"] == "广东省" and by_value[37.6]["subject"] == "佛山市"
    assert (by_value[6.0]["measure"], by_value[6.0]["is_forecast"]) == ("yoy_growth", True)


def test_organisation_shaped_list_items_are_their_own_subjects():
    text = "中直投资完成159.5亿元（其中：石化公司1.1亿元，下降57.1%；管理局2.4亿元，下降64.6%）。地方投资完成87.9亿元，同比增长42.1%。"
    m = [mention(text, "石化公司", "石化公司", "s")]
    got = run(text, city="大庆市", issue=None, mentions=m)
    subj = {r["value_norm"]: r["subject"] for r in got}
    assert subj[2.4e8] == "管理局" and subj[8.79e9] == "大庆市"


def test_negative_pull_is_negative():
    assert rows("中直投资负向拉动全市投资8.7个百分点，地方投资正向拉动全市投资10.7个百分点。", city="大庆市", issue=None) == [
        ("growth_change_pp", -8.7, "pp"), ("growth_change_pp", 10.7, "pp")]


def test_mom_after_yoy_in_the_same_sentence():
    # 环比增长 after a 同比 clause is month on month, 环比下降 negative
    text = "7月份，安徽省规模以上工业增加值同比增长6.5%，环比增长0.42%；居民消费价格同比上涨0.5%，环比下降0.3%。"
    assert [(m, v) for m, v, _u in rows(text, city=None, issue=date(2024, 8, 17))] == [
        ("yoy_growth", 6.5), ("mom_growth", 0.42), ("yoy_growth", 0.5), ("mom_growth", -0.3)]


def test_national_figures_are_the_nations_and_comparisons_are_not():
    text = ("10月当月，全市社会消费品零售总额586.3亿元，同比增长5.6%，高于全国0.8个百分点。"
            "10月份全国社会消费品零售总额45396亿元，同比增长4.8%。")
    got = [(r["subject"], r["measure"], round(r["value_norm"], 2)) for r in run(text, city="郑州市", issue=date(2024, 11, 18))]
    assert got == [("郑州市", "level", 58630000000.0), ("郑州市", "yoy_growth", 5.6), ("郑州市", "growth_change_pp", 0.8),
                   ("全国", "level", 4539600000000.0), ("全国", "yoy_growth", 4.8)]


def test_wire_dateline_city_is_not_the_subject():
    text = "新华社北京3月5日电（记者 刘华）国务院总理在政府工作报告中提出，今年发展主要预期目标是：国内生产总值增长5%左右。去年我国国内生产总值超过126万亿元。"
    got = run(text, city=None, issue=date(2024, 3, 6))
    assert [(r["subject"], r["value_norm"]) for r in got] == [("全国", 5.0), ("全国", 1.26e14)]


def test_prices_per_unit_keep_the_unit():
    text = "目前，生猪出栏价格为每公斤16.8元，仔猪价格约520元/头，玉米收购价格每斤1.12元左右，粮食产量1.3万亿斤。"
    assert rows(text, city="绥化市") == [("level", 16.8, "CNY/公斤"), ("level", 520.0, "CNY/头"), ("level", 1.12, "CNY/斤"),
                                        ("level", 1.3e12, "斤")]
    # 每户 is not a price unit when a noun stands between it and the amount
    assert rows("平均每户贷款额约十五万元。", city="温州市") == [("level", 150000.0, "CNY")]


def test_chinese_numeral_counts_and_amounts_at_clause_end():
    text = "已为两百多家小微企业发放贷款三千万元以上，增长百分之十六点五。超过10亿元以上的项目有5个。"
    got = run(text, city="温州市", issue=date(2024, 5, 8))
    assert [(r["value_norm"], r["unit_norm"], r["qualifier"]) for r in got] == [
        (200.0, "家", "over"), (3e7, "CNY", "over"), (16.5, "percent", "exact"), (5.0, "个", "exact")]


# ------------------------------------------------------------------ subject resolution: lists, comparisons, rankings

def subj(text, value, **kw):
    """The subject given to the number value_norm == value (the first such row)."""
    got = [r for r in run(text, **kw) if abs(r["value_norm"] - value) < 1e-6]
    assert got, (value, [(r["subject"], r["value_norm"]) for r in run(text, **kw)])
    return got[0]["subject"]


def test_a_number_in_the_opening_sentence_takes_the_place_before_it():
    text = ("截至11月1日，广东省21个地级市已经陆续公布了前三季度经济运行情况。"
            "佛山、东莞分别迈上8000亿元、7000亿元两个大关，尤其是东莞，全年有望向万亿城市发起冲击。")
    assert subj(text, 21, city=None, issue=date(2021, 11, 2)) == "广东省"
    invented = "浙江省11个设区市上半年全部实现正增长。杭州、宁波GDP分别为9000亿元和7000亿元。"
    assert subj(invented, 11, city=None) == "浙江省"


def test_members_of_an_including_list_are_not_the_subject_of_its_count():
    text = ("截至11月1日，广东省21个地级市已经陆续公布了前三季度经济运行情况。其中，包括广州、佛山、汕头在内的14个地级市"
            "前三季度GDP增速超过全国9.8%的水平，包括汕尾、肇庆、惠州在内的12个地级市增速达到两位数。")
    got = run(text, city=None, issue=date(2021, 11, 2))
    assert [(r["subject"], r["value_norm"]) for r in got if r["unit_norm"] == "个"] == [
        ("广东省", 21), ("广东省", 14), ("广东省", 12)]
    fourteen = next(r for r in got if r["value_norm"] == 14)
    assert (fourteen["period_start"], fourteen["period_end"]) == (date(2021, 1, 1), date(2021, 9, 30))
    invented = "江苏省今年新增高新技术企业。包括苏州、无锡在内的8个城市一季度外贸增速超过20%。"
    assert subj(invented, 8, city=None) == "江苏省"
    # 在内 closes a list only after 包括: 在内蒙古 is a place
    assert subj("北京市3家企业在内蒙古投资，其中包头2家企业投产。", 2, city=None) == "包头市"


def test_a_rate_written_right_after_a_compared_place_is_that_places_own_figure():
    text = "包括广州、佛山、汕头在内的14个地级市前三季度GDP增速超过全国9.8%的水平。"
    assert subj(text, 9.8, city=None, issue=date(2021, 11, 2)) == "全国"
    assert subj("1-8月，广东规模以上工业利润总额同比增长16.3%，大幅低于全国（49.5%）。", 49.5, city=None) == "全国"
    invented = "一季度，成都市社会消费品零售总额同比增长8.2%，高于四川省7.5%的平均水平，比四川省高0.7个百分点。"
    got = run(invented, city=None, issue=date(2024, 5, 1))
    assert [(r["subject"], r["measure"], r["value_norm"]) for r in got] == [
        ("成都市", "yoy_growth", 8.2), ("四川省", "yoy_growth", 7.5), ("成都市", "growth_change_pp", 0.7)]


def test_a_place_inside_a_ranking_is_its_scope_not_the_subject():
    text = ("前三季度，深圳进出口总额也达到25107.51亿元，位居全省第一，同比增长15.2%，两年平均增长8.8%。")
    got = run(text, city=None, issue=date(2021, 11, 2))
    assert {r["subject"] for r in got} == {"深圳市"}
    text = ("广州不负“买买买”的称号，前三季度社会消费品零售总额达到7499.89亿元，是全省第一大消费城市，"
            "与去年同期相比增幅达到12.8%。")
    assert subj(text, 12.8, city=None, issue=date(2021, 11, 2)) == "广州市"
    invented = "今年以来，株洲市外贸进出口额居全省首位，同比增长21.5%。"
    assert subj(invented, 21.5, city=None) == "株洲市"
    # the one measured can still be named after 是 when no rank follows
    assert subj("增速最快的是岳阳，增长9.1%。", 9.1, city=None) == "岳阳市"


def test_respectively_pairs_listed_places_with_values_in_order():
    text = "今年前三季度，广东的两大“顶流城市”广州、深圳双双进入“两万亿俱乐部”，佛山、东莞分别迈上8000亿元、7000亿元两个大关。"
    got = [(r["subject"], r["value_norm"]) for r in run(text, city=None, issue=date(2021, 11, 2)) if r["unit_norm"] == "CNY"]
    assert ("佛山市", 8e11) in got and ("东莞市", 7e11) in got
    invented = "上半年，合肥、芜湖GDP分别为6000亿元和2100亿元，同比分别增长5.1%、6.2%。"
    got = [(r["subject"], r["value_norm"]) for r in run(invented, city=None)]
    assert got == [("合肥市", 6e11), ("芜湖市", 2.1e11), ("合肥市", 5.1), ("芜湖市", 6.2)]


def test_a_named_sub_region_is_a_subject_without_a_lexicon_entry():
    text = ("沿海经济带东西两翼则是全省经济增长最快的地区，前三季度GDP增幅达到10.6%，经济总量达到11779亿元。"
            "北部生态发展区前三季度的GDP增速也达到0.7%。")
    got = run(text, city=None, issue=date(2021, 11, 2))
    assert [(r["subject"], r["value_norm"]) for r in got] == [
        ("沿海经济带", 10.6), ("沿海经济带", 1177900000000.0), ("北部生态发展区", 0.7)]
    invented = "南部都市圈一季度GDP同比增长6.3%。"
    assert subj(invented, 6.3, city="杭州市") == "南部都市圈"


def test_a_county_after_its_city_and_a_place_framed_by_zai():
    text = "单在汕尾海丰县，今年7月份已经迎来了35个项目集中签约，投资项目总投资额达到254.7亿元人民币。"
    got = run(text, city=None, issue=date(2021, 11, 2))
    assert {r["subject"] for r in got} == {"汕尾市海丰县"}
    invented = "仅在赣州于都县，上半年就新增市场主体1.2万户。"
    assert subj(invented, 1.2e4, city=None) == "赣州市于都县"
    # a place after 在 inside a clause is where something happens, not the subject
    assert subj("今年，长沙企业在株洲新建了3个项目。", 3, city=None) == "长沙市"


def test_what_a_count_is_about_when_its_clause_says_so():
    text = "在汉江北岸，4座超级工厂已矗立在革新大道南北。"
    assert subj(text, 4) == "革新大道"
    text = "黄昌建介绍，截至目前，4家链主企业已引进了10余家上下游企业。"
    assert subj(text, 10) == "链主企业"
    text = "“未来两年，以这个智能制造产业带为基础，一个产值逾500亿元的智创小镇将诞生。”"
    assert subj(text, 5e10) == "智创小镇"
    invented = "目前，12家龙头企业已吸引了30多家配套企业，8个新项目已落户在临空经济小镇。"
    got = run(invented)
    assert [(r["subject"], r["value_norm"]) for r in got][1:] == [("龙头企业", 30), ("临空经济小镇", 8)]


def test_a_count_after_a_demonstrative_restates_a_set_and_is_no_new_fact():
    text = "“这4家链主企业不仅带来了上下游产业链，还推动了区域内产业转型升级。”"
    assert run(text) == []
    assert rows("上述3个项目总投资18亿元。") == [("level", 1.8e9, "CNY")]


def test_a_bare_place_word_points_back_to_the_place_named_last():
    text = ("江岸区二七街道操场社区东立国际小区建成于2006年，是标准的超大型社区。"
            "“居民的事，得让居民说了算。”操场社区党委书记韩晶介绍。"
            "韩晶说，目前，小区累计更换800多米水管、42个阀门，经费从小区公共收益中支出。")
    got = [(r["subject"], r["value_norm"]) for r in run(text)]
    assert ("东立国际小区", 800) in got and ("东立国际小区", 42) in got
    invented = "阳光花园小区位于光谷街道。金桥社区组织了议事会。如今，小区新增了60个停车位。"
    assert subj(invented, 60) == "阳光花园小区"


def test_a_list_of_items_is_not_a_region_and_a_street_is_not_its_district():
    text = ("展会现场，有“天下第一步行街”美誉的江汉路步行街将被“搬”进展区。届时，非遗传承人将现场展示武当武术、"
            "黄梅戏和皮影戏，武汉面塑、汉绣、雕花剪纸等9项非遗技艺展品也将一同亮相。")
    assert subj(text, 9, city="武汉市") == "武汉市"
    assert subj(text, 9, city=None) == "武汉市"
    invented = "游客在中山路步行街可以品尝南京盐水鸭、鸭血粉丝等12种小吃。"
    assert subj(invented, 12, city="上海市") == "南京市"


def test_a_name_cut_inside_a_latin_word_is_never_a_subject():
    text = ("2022年以来，TCL空调武汉智能制造产业园、创维武汉Mini LED显示科技产业园先后集聚在革新大道附近，"
            "催生出一个3平方公里的智能制造和电子信息产业集群。")
    assert all("LED显示科技产业园" != r["subject"] for r in run(text))
    invented = "华星光电Mini LED显示产业园今年产值达到20亿元。"
    assert subj(invented, 2e9, city="武汉市") != "LED显示产业园"


# ---- round 4: rules found on the fa_* tuning articles, each tested on invented sentences of the same shape

def test_a_generic_park_word_points_back_to_the_park_named_last():
    text = ("——襄阳高新区氢能产业园见闻\n“园区2020年才开工建设，去年实现工业总产值120.5亿元。”襄阳高新区管委会主任王明介绍，"
            "目前园区已聚集氢能企业36家，其中规模以上工业企业12家。")
    got = run(text, city="武汉市", issue=date(2023, 5, 10))
    assert [(r["subject"], r["value_norm"], r["unit_norm"]) for r in got] == [
        ("氢能产业园", 12050000000.0, "CNY"), ("氢能产业园", 36.0, "家"), ("氢能产业园", 12.0, "家")]


def test_a_generic_word_without_a_named_place_before_it_is_no_subject():
    got = run("园区去年实现工业总产值120.5亿元。", city="武汉市")
    assert [r["subject"] for r in got] == ["武汉市"]


def test_a_region_opening_an_organisation_or_a_title_is_not_the_subject():
    text = "外贸快速增长。据南昌海关统计，前三季度全市进出口总额80.2亿元；进口20.1亿元，增长5.0%。"
    assert {r["subject"] for r in run(text, city="九江市")} == {"九江市"}
    text = "签约仪式上，赣州市招商服务中心副主任刘强致辞。\n本次签约的6个项目总投资33.5亿元。"
    assert {r["subject"] for r in run(text, city="于都县")} == {"于都县"}


def test_a_region_opening_an_organisation_still_names_the_province():
    text = "江西省统计局发布数据。1—7月，全省规模以上工业增加值同比增长7.1%。"
    assert [r["subject"] for r in run(text, city=None)] == ["江西省"]


def test_a_city_followed_by_gang_is_its_port_and_gangkou_points_back_to_it():
    text = "记者从日照港集团获悉，1—2月，日照港完成货物吞吐量8600万吨；港口集装箱吞吐量95万标箱，同比增长7.5%。"
    got = run(text, city="日照市", issue=date(2023, 3, 10))
    assert [(r["subject"], r["measure"], r["unit_norm"]) for r in got] == [
        ("日照港", "level", "t"), ("日照港", "level", "标箱"), ("日照港", "yoy_growth", "percent")]
    assert got[0]["metric"] == "货物吞吐量"
    # 港澳, 港股 after a city name are no port
    got = run("深圳港澳客运量增长12%。", city="深圳市")
    assert [r["subject"] for r in got] == ["深圳市"]


def test_a_named_facility_right_after_a_company_is_measured_as_the_company():
    text = "其中，湖南远航电子有限公司智能制造产业园项目总投资6亿元，预计年产值9亿元。"
    m = mention(text, "湖南远航电子有限公司", "湖南远航电子有限公司", "e1")
    assert {r["subject"] for r in run(text, city="浏阳市", mentions=[m])} == {"湖南远航电子有限公司"}


def test_the_source_of_the_figures_is_not_their_subject():
    text = "记者从青岛国际机场集团获悉，今年1—4月，胶东国际机场完成旅客吞吐量820万人次，同比增长35.2%。"
    m = mention(text, "青岛国际机场集团", "青岛国际机场集团", "e1")
    got = run(text, city="青岛市", issue=date(2023, 5, 10), mentions=[m])
    assert "青岛国际机场集团" not in {r["subject"] for r in got}


def test_a_time_word_is_no_part_of_a_place_name():
    text = "位于抚州高新技术产业开发区的项目正式投产。今年开发区将重点推进新材料项目18个。"
    got = run(text, city="抚州市", issue=date(2023, 5, 10))
    assert [r["subject"] for r in got] == ["抚州高新技术产业开发区"]


def test_a_share_raised_to_a_new_value_is_a_share():
    got = run("今年1-4月，该公司出口订单占比提升至22%，营业收入同比增长18.3%。", city="苏州市", issue=date(2023, 5, 10))
    assert [(r["measure"], r["value_norm"]) for r in got] == [("share", 22.0), ("yoy_growth", 18.3)]
    # a growth rate falling to a new value is still a growth figure
    got = run("规模以上工业增加值的增速从上半年的5.2%下跌至4.10%。", city="苏州市")
    assert [r["measure"] for r in got] == ["yoy_growth", "yoy_growth"]


def test_a_share_word_after_a_change_verb_is_the_size_of_the_change():
    got = run("今年合作社计划收购小麦3万吨，比去年增加近两成。", city="商丘市", issue=date(2023, 5, 10))
    assert [(r["measure"], r["value_norm"], r["qualifier"]) for r in got][1] == ("yoy_growth", 20.0, "approx")
    got = run("客流量比去年减少三成。", city="商丘市")
    assert [(r["measure"], r["value_norm"]) for r in got] == [("yoy_growth", -30.0)]
    got = run("信用贷款占比逾三成。", city="商丘市")
    assert [r["measure"] for r in got] == ["share"]


def test_a_margin_or_unemployment_rate_is_a_level_not_a_share():
    got = run("报告期内，公司销售净利率为9.35%，较上年同期提高1.2个百分点；城镇调查失业率5.2%。", city="杭州市")
    assert [(r["measure"], r["value_norm"]) for r in got] == [("level", 9.35), ("growth_change_pp", 1.2), ("level", 5.2)]
    got = run("公司产品良品率达98.5%。", city="杭州市")
    assert [r["measure"] for r in got] == ["share"]


def test_a_change_after_a_closing_price_is_against_the_previous_close():
    got = run("5月9日，该股股价收报22.18元，上涨3.12%。", city="杭州市")
    assert [(r["measure"], r["value_norm"]) for r in got] == [("level", 22.18), ("mom_growth", 3.12)]


def test_modal_words_and_verb_runs_are_no_part_of_a_metric():
    got = run("今年全市力争实现规上工业产值800亿元，累计完成固定资产投资有望突破500亿元。", city="荆门市", issue=date(2023, 5, 10))
    assert [r["metric"] for r in got] == ["规上工业产值", "固定资产投资"]
    got = run("项目建成后可年产钢材5万吨、型材3万吨。", city="荆门市")
    assert [r["metric"] for r in got][1] == "型材"


def test_a_title_rounding_the_bodys_share_is_not_a_second_fact():
    text = "机电出口增长近三成，跑出加速度\n今年1—8月，全市机电产品出口额320.5亿元，同比增长28.6%。"
    got = run(text, city="宁波市", issue=date(2023, 9, 20))
    assert [(r["measure"], r["value_norm"]) for r in got] == [("level", 32050000000.0), ("yoy_growth", 28.6)]
    # a title share the body does not give is kept
    text = "机电出口增长近三成，跑出加速度\n今年1—8月，全市机电产品出口额320.5亿元。"
    assert [(r["measure"], r["value_norm"]) for r in run(text, city="宁波市", issue=date(2023, 9, 20))][0] == ("yoy_growth", 30.0)


def test_province_pronoun_in_a_city_paper_means_the_citys_province():
    from datetime import date
    from transforms.context import ArticleContext
    from transforms.indicators import extract_indicators
    ctx = ArticleContext(text="今年1-10月，全省货物贸易进出口总值5138.6亿元，同比增长4.6%。", issue_date=date(2023, 11, 22),
                         city="长沙市", publication="某经济报", article_id="a#1")
    assert {r["subject"] for r in extract_indicators(ctx, [])} == {"湖南省"}


# ---- round 6: rules found on the fb_* tuning articles (sentences from them, plus invented ones of the same shape)

def test_durations_and_time_spans_are_not_quantities():
    assert rows("经过近3个小时的扑救，大火被扑灭，过火面积约600平方米。", city="嘉兴市") == [("level", 600.0, "m2")]
    assert rows("经过半年多的推进，两家企业的战略性重组已全面完成。", city="济南市") == []
    # a count of things that merely starts like a time word still counts; 半数 is still a share
    assert rows("全县新建3个小型水库。", city="阜阳市") == [("level", 3.0, "个")]
    assert rows("超过半数企业实现盈利。", city="阜阳市") == [("share", 50.0, "percent")]


def test_a_period_of_months_is_not_a_count_that_makes_an_amount_a_threshold():
    got = run("其中楚天锂能前10个月出口额突破9亿美元。", city="长沙市", issue=date(2023, 11, 22))
    assert [(r["value_norm"], r["unit_norm"], r["qualifier"]) for r in got] == [(900000000.0, "USD", "over")]
    assert (got[0]["period_start"], got[0]["period_end"]) == (date(2023, 1, 1), date(2023, 10, 31))


def test_an_amount_labelling_a_class_of_projects_is_a_threshold():
    text = "会上将集中签约项目32个，总投资286亿元，其中超10亿元项目9个。"
    assert rows(text, city="嘉兴市") == [("level", 32.0, "个"), ("level", 28600000000.0, "CNY"), ("level", 9.0, "个")]
    # the same amount as the figure itself stays
    assert rows("该项目总投资超10亿元。", city="嘉兴市") == [("level", 1000000000.0, "CNY")]


def test_money_before_latin_letters_and_vague_magnitudes():
    text = "近日，杭州深觅智能科技有限公司宣布完成3亿元B轮融资。2020年5月，公司完成数千万元天使轮融资。"
    ms = [mention(text, "杭州深觅智能科技有限公司", "杭州深觅智能科技有限公司", "e1")]
    got = run(text, city="杭州市", issue=date(2022, 7, 8), mentions=ms)
    assert [(r["subject"], r["value_norm"], r["unit_norm"]) for r in got] == [("杭州深觅智能科技有限公司", 300000000.0, "CNY")]
    assert rows("该公司量产800G光模块，5G基站用量增加。", city="杭州市") == []


def test_cubic_metres_and_urbanisation_rate():
    assert rows("起火仓库内存放有成品板材约300立方米。", city="嘉兴市") == [("level", 300.0, "m3")]
    assert rows("到2027年，常住人口城镇化率达到70%左右。", city="洛阳市", issue=date(2024, 2, 2)) == [("level", 70.0, "percent")]


def test_a_bare_district_name_inside_a_word_is_no_subject():
    got = run("“十四五”以来，全市累计新增城镇就业23.6万人。", city="洛阳市", issue=date(2024, 2, 2))
    assert [r["subject"] for r in got] == ["洛阳市"]
    got = run("广州市增城区今年新增城镇就业1.2万人。", city="广州市", issue=date(2024, 2, 2))
    assert [r["subject"] for r in got] == ["广州市增城区"]


def test_a_story_told_in_province_pronouns_defaults_to_the_province():
    text = "1-10月，全省进出口5138.6亿元。\n从商品结构看，机电产品出口1692.5亿元，占全省出口总值的50.3%。\n352.8亿元，下降8.3%。"
    assert {r["subject"] for r in run(text, city="长沙市", issue=date(2023, 11, 22))} == {"湖南省"}
    # one 全省 in a city story does not move the default
    text = "全市进出口512.3亿元，占全省的20%。\n352.8亿元，下降8.3%。"
    assert [r["subject"] for r in run(text, city="长沙市", issue=date(2023, 11, 22))][-1] == "长沙市"


def test_an_instrument_or_partner_company_is_not_the_actor():
    text = ("粤海信达控股有限公司发布公告，公司拟通过全资附属公司信达国际投资（香港）有限公司，以约38.6亿港元收购德国企业75%的股权。"
            "公司已与香港上海汇丰银行有限公司、中国银行（香港）有限公司组成的银团签订25亿港元定期贷款融资协议。")
    ms = [mention(text, "粤海信达控股有限公司", "粤海信达控股有限公司", "e1"),
          mention(text, "信达国际投资（香港）有限公司", "信达国际投资（香港）有限公司", "e2"),
          mention(text, "香港上海汇丰银行有限公司", "香港上海汇丰银行有限公司", "e3"),
          mention(text, "中国银行（香港）有限公司", "中国银行（香港）有限公司", "e4"),
          dict(mention(text, "粤海信达控股有限公司", "粤海信达控股有限公司", "e1"), mention="公司", start=text.index("。公司") + 1,
               end=text.index("。公司") + 3)]  # the enterprise extractor links this bare 公司
    got = run(text, city="香港", issue=date(2017, 6, 20), mentions=ms)
    money = [(r["subject"], r["value_norm"]) for r in got if r["unit_norm"] == "HKD"]
    assert money == [("粤海信达控股有限公司", 3860000000.0), ("粤海信达控股有限公司", 2500000000.0)]


def test_a_clause_without_subject_continues_the_sentence_subject():
    text = "泉城冷链原为济南市农业投资控股有限公司（以下简称“济南农投”）全资子公司，拥有冷库库容18万吨、仓储面积12.6万平方米。"
    ms = [mention(text, "泉城冷链", "山东泉城冷链仓储有限公司", "e1"),
          mention(text, "济南市农业投资控股有限公司", "济南市农业投资控股有限公司", "e2"),
          mention(text, "济南农投", "济南市农业投资控股有限公司", "e2")]
    got = run(text, city="济南市", issue=date(2021, 10, 12), mentions=ms)
    assert [r["subject"] for r in got] == ["山东泉城冷链仓储有限公司"] * 2
    # the head noun after 的 is the subject: 公司位于泰国的生产基地A正式投产，一期设计年产能为200万件
    text = "今年3月，公司位于泰国罗勇府的生产基地拓金精密（泰国）有限公司正式投产，一期设计年产能为200万件精密压铸件。"
    ms = [mention(text, "公司", "宁波拓金精密机械股份有限公司", "e1"),
          mention(text, "拓金精密（泰国）有限公司", "拓金精密（泰国）有限公司", "e2")]
    assert [r["subject"] for r in run(text, city="宁波市", issue=date(2024, 8, 28), mentions=ms)] == ["拓金精密（泰国）有限公司"]
    # a company in the number's own clause is still the subject
    text = "泉城冷链原为济南农投全资子公司，济南农投拥有冷库库容18万吨。"
    ms = [mention(text, "泉城冷链", "山东泉城冷链仓储有限公司", "e1"), dict(mention(text, "济南农投", "济南市农业投资控股有限公司", "e2"))]
    ms.append(dict(ms[1], start=text.rindex("济南农投"), end=text.rindex("济南农投") + 4))
    assert [r["subject"] for r in run(text, city="济南市", mentions=ms)] == ["济南市农业投资控股有限公司"]


def test_a_section_title_above_the_body_gives_the_period():
    from transforms.context import ArticleContext
    ctx = ArticleContext(text="过去一年，全市经济运行稳中有进。初步核算，全年地区生产总值完成5826.4亿元，增长5.9%。",
                         issue_date=date(2024, 2, 2), city="洛阳市", publication="河洛日报",
                         head="政府工作报告（摘要）\n\n一、2023年工作回顾\n")
    got = extract_indicators(ctx, [])
    assert {(r["period_start"], r["period_end"]) for r in got} == {(date(2023, 1, 1), date(2023, 12, 31))}
    # a date line (a day) above the body is the date of a speech, not a period
    ctx = ArticleContext(text="全市地区生产总值完成5826.4亿元。", issue_date=date(2024, 2, 2), city="洛阳市",
                         publication="河洛日报", head="——2024年1月31日在洛阳市人民代表大会上\n")
    assert [r["period_start"] for r in extract_indicators(ctx, [])] == [None]


def test_listed_comparison_places_are_bases_not_respective_subjects():
    got = run("1-10月，郑州市规模以上工业增加值增长8.5%，分别高于全国、全省2.9个和1.2个百分点。", city="郑州市",
              issue=date(2024, 11, 20))
    assert [(r["subject"], r["measure"], r["value_norm"]) for r in got] == [
        ("郑州市", "yoy_growth", 8.5), ("郑州市", "growth_change_pp", 2.9), ("郑州市", "growth_change_pp", 1.2)]
    # a true respective list still maps one to one
    got = run("广州、深圳GDP分别为28839亿元、32387亿元。", city="广州市")
    assert [r["subject"] for r in got] == ["广州市", "深圳市"]


def test_a_count_closing_a_list_of_projects_belongs_to_the_region_and_each_item_keeps_its_own_figures():
    text = "北方稀材（洛阳）有限公司年产2万吨高纯稀土金属项目、中洛智能装备股份有限公司新能源重卡产业园等112个项目建成投产。"
    ms = [mention(text, "北方稀材（洛阳）有限公司", "北方稀材（洛阳）有限公司", "e1"),
          mention(text, "中洛智能装备股份有限公司", "中洛智能装备股份有限公司", "e2")]
    got = run(text, city="洛阳市", issue=date(2024, 2, 2), mentions=ms)
    assert [(r["subject"], r["value_norm"], r["unit_norm"]) for r in got] == [
        ("北方稀材（洛阳）有限公司", 20000.0, "t"), ("洛阳市", 112.0, "个")]


def test_a_bare_company_word_continues_the_company_that_opened_a_clause():
    text = ("昆明协鑫光伏科技有限公司是由协鑫集团在苏州高新区投资设立的外资独资企业。公司的一期项目663MW于2002年顺利完成，"
            "此次二期总投资达3.6亿美元。")
    ms = [mention(text, "昆明协鑫光伏科技有限公司", "昆明协鑫光伏科技有限公司", "e1"), mention(text, "协鑫集团", "协鑫集团", "e2")]
    got = run(text, city="苏州市", issue=date(2015, 1, 5), mentions=ms)
    assert {r["subject"] for r in got if r["unit_norm"] == "USD"} == {"昆明协鑫光伏科技有限公司"}
    # 该公司 (a demonstrative) still takes the nearest company, even one named inside a predicate
    text = "Kleinhof在华业务主要通过克莱恩霍夫（中国）投资有限公司开展。该公司注册资本5000万美元。"
    ms = [mention(text, "克莱恩霍夫（中国）投资有限公司", "克莱恩霍夫（中国）投资有限公司", "e1")]
    assert [r["subject"] for r in run(text, city="上海市", mentions=ms)] == ["克莱恩霍夫（中国）投资有限公司"]


def test_a_place_that_locates_a_company_is_not_the_subject():
    text = "昨天凌晨，秀洲区王店镇工业园区内的嘉兴市华森木业有限公司一处仓库突发火灾。大火被扑灭，过火面积约600平方米。"
    ms = [mention(text, "嘉兴市华森木业有限公司", "嘉兴市华森木业有限公司", "e1")]
    assert [r["subject"] for r in run(text, city="嘉兴市", issue=date(2019, 4, 16), mentions=ms)] == ["嘉兴市华森木业有限公司"]


def test_a_mention_running_across_a_comma_is_no_company():
    text = "而本就有限的经济总量中，宁德第二产业占比仅为38.1%。同时，在规上工业企业中，重工业产值占比高达77.6%。"
    bad = mention(text, "中，重工", "中，重工", "e9")
    got = run(text, city="宁德市", issue=date(2022, 2, 22), mentions=[bad])
    assert [r["subject"] for r in got] == ["宁德市", "宁德市"]


def test_you_inside_a_word_does_not_split_the_metric():
    got = run("国有企业进出口286.9亿元，下降5.6%；全市有规上企业1869家。", city="长沙市", issue=date(2023, 11, 22))
    assert [r["metric"] for r in got] == ["国有企业进出口", "国有企业进出口", "规上企业"]


def test_a_place_after_a_reach_verb_is_scope_not_subject():
    text = "重组完成后，城发供应链总资产达86.7亿元，业务覆盖全省16个地市。"
    ms = [mention(text, "城发供应链", "济南城发供应链集团股份有限公司", "e1")]
    got = run(text, city="济南市", issue=date(2021, 10, 12), mentions=ms)
    assert [r["subject"] for r in got] == ["济南城发供应链集团股份有限公司"] * 2
    # the same province without a reach verb is the subject
    assert [r["subject"] for r in run("全省有地市16个。", city="济南市")] == ["山东省"]


def test_a_share_price_is_in_the_plain_currency():
    got = run("停牌前，粤海信达收报每股4.35港元，总市值约118亿港元。", city="香港", issue=date(2017, 6, 20))
    assert [(r["value_norm"], r["unit_norm"]) for r in got] == [(4.35, "HKD"), (11800000000.0, "HKD")]
    assert [r["unit_norm"] for r in run("生猪出栏价格每公斤16.8元。", city="绥化市")] == ["CNY/公斤"]


# ---------------------------------------------------------------- round 2: scope of 全县/全区/全市, units named by shape

def subjects(text, **kw):
    return [(r["subject"], r["measure"], r["value_norm"]) for r in run(text, **kw)]


@pytest.mark.parametrize("text, city, unit", [
    ("新华社长沙11月20日电 湖南省怀化市麻阳苗族自治县地处武陵山区。今年以来，全县柑橘总产量达到42万吨。", "邵阳市", "麻阳苗族自治县"),
    ("新华社昆明8月20日电 云南省普洱市澜沧拉祜族自治县发展咖啡产业，目前全县咖啡种植面积达到12万亩。", "合肥市", "澜沧拉祜族自治县"),
    ("本报讯 赣县区位于赣州市南部。1-10月，全区实际进资48.6亿元。", "岳阳市", "赣县区"),
    ("记者日前从屏山县获悉，今年以来，该县招商引资到位资金45.2亿元。", "宜宾市", "屏山县"),
    ("据了解，修文县今年猕猴桃种植面积达18万亩，预计全县猕猴桃产值将达到35亿元。", "贵阳市", "修文县"),
])
def test_county_words_mean_the_county_named_before_not_the_home_city(text, city, unit):
    got = subjects(text, city=city)
    assert got and all(unit in s for s, _, _ in got), got


@pytest.mark.parametrize("text, city, unit", [
    ("今年以来，赣县区累计签约项目47个，总投资达286亿元。", "成都市", "赣县区"),
    ("前三季度，江油市实现地区生产总值366.25亿元，增长8.8%，比全市低0.3个百分点。", "绵阳市", "江油市"),
    ("今年以来，望城区累计引进重大项目37个，实际到位内资216亿元，同比增长11.3%。", "长沙市", "望城区"),
    ("11月15日，红谷滩区第四季度重大项目集中签约活动举行，共签约项目18个，签约总金额152.6亿元。", "南昌市", "红谷滩区"),
    ("本报讯 今年前三季度，巩义市规上工业增加值同比增长9.2%，高于全市2.1个百分点。", "郑州市", "巩义市"),
])
def test_a_unit_named_by_shape_opening_the_clause_is_the_subject_over_the_home_city(text, city, unit):
    got = subjects(text, city=city)
    assert got and {s for s, _, _ in got} == {unit}, got


def test_respective_comparison_targets_leave_the_clause_subject():
    got = subjects("前三季度，浏阳市地区生产总值增长6.1%，增速分别高于全国、全省1.3个和0.8个百分点，比上半年加快0.2个百分点。")
    assert got == [("浏阳市", "yoy_growth", 6.1), ("浏阳市", "growth_change_pp", 1.3), ("浏阳市", "growth_change_pp", 0.8),
                   ("浏阳市", "growth_change_pp", 0.2)]


def test_city_words_follow_the_city_a_wire_story_or_a_clause_names():
    # 全市 after a city that opens the lead (or follows its province) is that city; 我市 is always the paper's own city
    assert {s for s, _, _ in subjects("新华社贵阳11月20日电 遵义市今年以来大力发展白酒产业。1-10月，全市白酒产量同比增长7.4%。",
                                      city="长沙市")} == {"遵义市"}
    assert {s for s, _, _ in subjects("新华社长沙11月20日电 湖南省浏阳市今年接待游客1260万人次，全市旅游收入达到132亿元。",
                                      city="长沙市")} == {"浏阳市"}
    assert subjects("襄阳市前三季度实现地区生产总值4200亿元。全市规上工业增加值增长8.1%。", city="武汉市")[1][0] == "襄阳市"
    assert subjects("襄阳市前三季度实现地区生产总值4200亿元。我市规上工业增加值增长8.1%。", city="武汉市")[1][0] == "武汉市"
    # a city named inside a predicate does not take 全市 from the paper
    assert subjects("我市与襄阳市签订合作协议。前三季度，全市地区生产总值增长5.2%。", city="武汉市")[0][0] == "武汉市"
    # a city paper that names its own city keeps 全市 for it after a county-level city's own figures
    text = ("昨天，国家统计局绵阳调查队发布数据。江油市实现地区生产总值366.25亿元，增长8.8%。"
            "全市规模以上工业增加值同比增长10.8%。")
    assert [s for s, _, _ in subjects(text, city="绵阳市")] == ["江油市", "江油市", "绵阳市"]
    text = "据宁波海关统计，慈溪市出口额增长12%。前三季度，全市进出口总额达1200亿元。"
    assert [s for s, _, _ in subjects(text, city="宁波市")] == ["慈溪市", "宁波市"]


def test_shape_words_that_are_common_nouns_are_no_units():
    for text in ("今年以来，城市更新项目完成投资12亿元。", "其中，超市销售额增长5%。", "建成区绿化覆盖率达到42.1%。",
                 "根据深圳市统计局数据，全市GDP增长5.3%。", "促进区县经济发展，投入资金3亿元。"):
        assert all(s in ("深圳市", "武汉市") for s, _, _ in subjects(text)), text


def test_a_region_opening_an_organisation_name_is_no_subject_and_no_scope():
    text = "前三季度，全县新签约亿元以上项目47个。县委副书记、县长李明代表县委县政府致辞。"
    assert subjects(text, city="阜阳市")[0][0] == "阜阳市"  # no county named: 全县 never becomes a person's phrase
    got = subjects("秀洲区消防救援大队先后调派9辆消防车赶赴现场。", city="嘉兴市")
    assert got and got[0][0] != "秀洲区"


@pytest.mark.parametrize("text, city, subject", [
    ("第五届中国（日照）国际绿茶博览会昨日闭幕，参展企业620家，意向成交额3.8亿美元。", "济南市", "国际绿茶博览会"),
    ("第二十四届中国国际投资贸易洽谈会8日开幕，展览面积12万平方米。", "厦门市", "中国国际投资贸易洽谈会"),
    ("国庆假期，夫子庙步行街累计接待游客412.6万人次，同比增长15.2%。", "南京市", "夫子庙步行街"),
    ("郑许城际铁路线路全长78.6公里，设站8座。", "郑州市", "郑许城际铁路"),
])
def test_events_venues_and_lines_are_measured_in_their_own_right(text, city, subject):
    got = subjects(text, city=city)
    assert got and {s for s, _, _ in got} == {subject}, got


def test_the_investor_in_a_round_is_not_the_company_raising_it():
    text = "杭州云瞳科技有限公司宣布完成由红杉资本领投的1.5亿元B轮融资。"
    ms = [mention(text, "杭州云瞳科技有限公司", "杭州云瞳科技有限公司", "e1"), mention(text, "红杉资本", "红杉资本", "e2")]
    assert subjects(text, mentions=ms) == [("杭州云瞳科技有限公司", "level", 150000000.0)]
    text = "深圳元象信息科技有限公司完成2.3亿元B+轮融资，由腾讯投资、高榕资本联合领投。该公司成立以来累计融资额已超过6亿元。"
    ms = [mention(text, "深圳元象信息科技有限公司", "深圳元象信息科技有限公司", "e1"), mention(text, "腾讯投资", "腾讯投资", "e2"),
          mention(text, "高榕资本", "高榕资本", "e3")]
    assert {s for s, _, _ in subjects(text, mentions=ms)} == {"深圳元象信息科技有限公司"}


def test_wire_copy_is_about_the_places_it_names_not_the_printing_paper():
    # the most specific unit of the lead's chain, across a blank line; the home city (长沙市) is never the answer
    text = "新华社贵阳11月20日电 近年来，贵州省湄潭县大力发展茶产业。\n\n目前，茶园面积达到60万亩，茶产业综合产值超过160亿元。"
    assert {s for s, _, _ in subjects(text, city="长沙市")} == {"湄潭县"}
    text = "新华社太原11月20日电（记者王磊）山西省大同市云州区是“黄花之乡”。\n今年，黄花种植面积达到17万亩，产值超过10亿元。"
    assert all("云州区" in s for s, _, _ in subjects(text, city="长沙市"))
    # a province opening the source office's name is still the story's place
    assert subjects("新华社杭州11月20日电 记者从浙江省统计局获悉，前三季度，地区生产总值增长5.5%。", city="长沙市") == [
        ("浙江省", "yoy_growth", 5.5)]
    assert {s for s, _, _ in subjects("新华社北京11月20日电 今年前10个月，全国规模以上工业增加值同比增长5.8%。", city="长沙市")} == {"全国"}
    # nothing named at all: the place it was filed from
    assert {s for s, _, _ in subjects("新华社杭州11月20日电 今年前三季度，地区生产总值增长5.5%。", city="长沙市")} == {"杭州市"}
    # the same lead in the paper's own story (no dateline) keeps the paper's city as the fallback
    assert {s for s, _, _ in subjects("今年前10个月，规模以上工业增加值同比增长5.8%。", city="长沙市")} == {"长沙市"}


def test_listed_units_named_by_shape_take_their_respective_figures():
    got = subjects("章丘区、历城区分别完成投资126亿元、98亿元，同比分别增长10.2%和8.6%。", city="济南市")
    assert got == [("章丘区", "level", 12600000000.0), ("历城区", "level", 9800000000.0), ("章丘区", "yoy_growth", 10.2),
                   ("历城区", "yoy_growth", 8.6)]
    got = subjects("其中，东湖高新区签约项目12个，总投资380亿元；江夏区签约项目8个，总投资156亿元。")
    assert [s for s, _, _ in got] == ["东湖高新区", "东湖高新区", "江夏区", "江夏区"]


def test_an_expo_named_with_its_edition_and_province_is_its_own_subject():
    got = subjects("第二届安徽国际文旅博览会共吸引观众32万人次，现场交易额8.2亿元。", city="合肥市")
    assert got and all(s.endswith("国际文旅博览会") for s, _, _ in got), got
    got = subjects("今年以来，重庆两江新区新增市场主体2.1万户，规上工业产值增长8.2%。", city="重庆市")
    assert got and all("两江新区" in s for s, _, _ in got), got


def test_we_in_a_quote_is_the_company_whose_officer_speaks_after_it():
    text = "“今年公司订单饱满，我们预计全年销售收入将突破20亿元。”湖南华曙高科技股份有限公司董事长许小曙说。"
    ms = [mention(text, "湖南华曙高科技股份有限公司", "湖南华曙高科技股份有限公司", "e1")]
    assert subjects(text, city="长沙市", mentions=ms) == [("湖南华曙高科技股份有限公司", "level", 2000000000.0)]
    # a quote by nobody from a company keeps the usual subject
    text = "“今年我们预计全年销售收入将突破20亿元。”市商务局负责人说。"
    assert subjects(text, city="长沙市") == [("长沙市", "level", 2000000000.0)]


def test_town_words_mean_the_town_named_before():
    assert subjects("海宁市许村镇是全国家纺产业重镇。今年前三季度，全镇实现规上工业产值186亿元。", city="杭州市") == [
        ("许村镇", "level", 18600000000.0)]
    assert subjects("记者从横店镇获悉，今年以来，该镇接待游客2100万人次。", city="金华市")[0][0] == "横店镇"
    # a town word with no town named falls back as before, and common nouns ending in 镇/乡 are no towns
    assert subjects("今年，全镇实现规上工业产值86亿元。", city="杭州市")[0][0] == "杭州市"
    assert {s for s, _, _ in subjects("其中，城镇居民收入增长5%，城乡居民收入比缩小到1.6。农业强镇建设投入2亿元。",
                                      city="杭州市")} == {"杭州市"}


def test_a_visiting_delegation_does_not_take_the_papers_city_words():
    got = subjects("襄阳市代表团昨日来汉考察。前三季度，全市地区生产总值增长5.6%。", city="武汉市")
    assert got == [("武汉市", "yoy_growth", 5.6)]


@pytest.mark.parametrize("text, issue, expected", [
    ("今年已完成27个项目。", date(2024, 11, 4), (date(2024, 1, 1), date(2024, 11, 4))),  # so far this year
    ("今年5月份已经迎来了27个项目集中签约。", date(2024, 1, 10), (date(2024, 5, 1), date(2024, 5, 31))),  # a month ahead
])
def test_so_far_this_year_ends_at_the_issue_never_before_it_starts(text, issue, expected):
    assert [(f["value_norm"], f["period_start"], f["period_end"]) for f in run(text, issue=issue)] == [(27.0, *expected)]


def test_place_names_are_found_where_a_full_scan_finds_them():
    from transforms.indicators import _PLACE_RE, _places
    text = "新增城镇就业1.2万人，长沙市长沙县和浏阳市、湖南省江苏南京、北京天津，增城区与白云区，长沙"
    assert [m.span() for m in _places(text)] == [m.span() for m in _PLACE_RE.finditer(text)]
    assert [m.group(0) for m in _places(text)][:2] == ["增城", "长沙市"]
