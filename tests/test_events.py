"""Events: real sentences per event type, and sentences that must not become events."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pytest

from transforms.context import ArticleContext
from transforms.events import extract_events

ISSUE = date(2024, 11, 4)


@dataclass
class FakeExtraction:
    entities: list = field(default_factory=list)
    mentions: list = field(default_factory=list)
    organizations: list = field(default_factory=list)


def ctx(text: str, issue: date | None = ISSUE, article_id: str = "d#1") -> ArticleContext:
    return ArticleContext(text=text, issue_date=issue, city="武汉市", publication="长江日报", doc_id="d", article_id=article_id)


def events(text: str, issue: date | None = ISSUE, extraction=None) -> list[dict]:
    return extract_events([ctx(text, issue)], extraction if extraction is not None else FakeExtraction())


def single(text: str, issue: date | None = ISSUE) -> dict:
    found = events(text, issue)
    assert len(found) == 1, [(e["date_text"], e["event_type"], e["evidence"]) for e in found]
    return found[0]


@pytest.mark.parametrize("text, issue, kind, start, end", [
    ("10月29日，武汉市统计局、国家统计局武汉调查队联合发布了2024年前三季度武汉市经济运行情况。前三季度，全市地区生产总值（GDP）达14720.98亿元，同比增长5.1%。",
     ISSUE, "release", date(2024, 10, 29), date(2024, 10, 29)),
    ("今年9月24日，这家公司由地大（武汉）资产经营有限公司和中国地质大学（武汉）地理与信息工程学院罗显刚副教授科研团队合作成立。",
     ISSUE, "founding", date(2024, 9, 24), date(2024, 9, 24)),
    ("今年9月，TCL空调器（武汉）有限公司在东西湖区召开供应商大会。", ISSUE, "meeting", date(2024, 9, 1), date(2024, 9, 30)),
    ("2023年10月，金翔公司搬到TCL武汉智能制造产业园，工厂规模扩大到4000平方米。", ISSUE, "relocation",
     date(2023, 10, 1), date(2023, 10, 31)),
    ("两个月前，湖北瑞吉特作物科学有限公司获批2024年湖北省“新物种”瞪羚企业。", ISSUE, "award", date(2024, 9, 1), date(2024, 9, 30)),
    ("2020年3月10日，习近平总书记来到东湖新城社区考察时，同社区工作者亲切交流。", ISSUE, "visit",
     date(2020, 3, 10), date(2020, 3, 10)),
    ("10月31日，武昌区首义街道千家街社区千家鑫苑3栋附近，一辆电动车轮胎燃起不明烟雾。", ISSUE, "incident",
     date(2024, 10, 31), date(2024, 10, 31)),
    ("就在上月底，华工科技首条新能源汽车电池托盘智能产线出口欧盟。", ISSUE, "export", date(2024, 10, 1), date(2024, 10, 31)),
    ("今年，洪山区在全省率先探索试行“先投后股”改革，设立首期规模2亿元资金池。", ISSUE, "policy", date(2024, 1, 1), date(2024, 12, 31)),
    ("3月25日，高新区重点工业项目开工奠基仪式在浒关开发区莱克工业园举行。", date(2011, 3, 29), "opening",
     date(2011, 3, 25), date(2011, 3, 25)),
    ("单在汕尾海丰县，今年7月份已经迎来了35个项目集中签约。", date(2021, 11, 2), "contract", date(2021, 7, 1), date(2021, 7, 31)),
    ("同样是2020年，在霞浦县，由宁德时代和一汽集团合资建设的霞浦时代一汽动力电池有限公司竣工投产。", date(2022, 2, 22), "completion",
     date(2020, 1, 1), date(2020, 12, 31)),
    ("此次开工的科技城新厂区预计今年9月投产。", date(2011, 3, 29), "plan", date(2011, 9, 1), date(2011, 9, 30)),
    ("25日晚上，市委常委苟利军、副市长李文喜会见了专程来津的海尔集团监事会主席王安喜一行。", date(2011, 3, 28), "meeting",
     date(2011, 3, 25), date(2011, 3, 25)),
])
def test_event_types_and_dates(text, issue, kind, start, end):
    e = single(text, issue)
    assert e["event_type"] == kind
    assert (e["date_start"], e["date_end"]) == (start, end)
    assert text[e["start"]:e["end"]] == e["evidence"]


def test_release_dated_by_a_bare_day_before_the_verb():
    e = single("广东省统计局23日发布的数据显示，前三季度广东外贸进出口5.82万亿元。", date(2021, 10, 23))
    assert e["event_type"] == "release"
    assert e["date_start"] == e["date_end"] == date(2021, 10, 23)


def test_until_a_day_dates_the_release_on_that_day():
    e = single("截至11月1日，广东省21个地级市已经陆续公布了前三季度经济运行情况。", date(2021, 11, 2))
    assert (e["event_type"], e["date_start"], e["date_end"]) == ("release", date(2021, 11, 1), date(2021, 11, 1))


def test_background_step_does_not_type_the_event():
    e = single("2020年，特斯拉上海工厂建成后一年，宁德时代与特斯拉对外宣布达成合作。", date(2022, 2, 22))
    assert e["event_type"] == "contract"


def test_policy_document_release_is_a_policy():
    e = single("今年3月，东莞市工业和信息化局发布《2022年“倍增计划”专项资金资助目录》。", date(2022, 5, 26))
    assert e["event_type"] == "policy"


@pytest.mark.parametrize("text", [
    "前三季度，全市地区生产总值（GDP）达14720.98亿元，同比增长5.1%。",   # a statistic's period
    "1—8月，全市规模以上工业增加值同比增长6.2%。",
    "今年上半年，华工科技国际业务出口总额同比增长超30%。",             # 出口总额 is a metric, not an export
    "本次进博会上，武汉参展团队将签约一批亿元“大单”。",                 # no date
    "据2020年城市建设统计年鉴，宁德城区面积仅107.5平方公里，建成区面积仅44.6平方公里。",  # 建成区 is a noun
    "4年后创办的宁德时代，逐渐找到了与宁德合拍的发展步调。",            # counts from an earlier event, not the issue
    "公司已有6个月没有签约新客户。",                                    # a duration
    "东莞市工业和信息化局发布的《2022年“倍增计划”专项资金资助目录》显示。",  # a year inside a title
])
def test_not_events(text):
    assert events(text) == []


def test_trigger_inside_speech_with_a_vague_year_is_not_an_event():
    assert events("“我们去年成交了2.4亿美元，今年预计会签下更多订单。”刘才溢说。") == []


def test_sentence_opening_day_is_an_event_even_without_trigger():
    e = single("10月31日上午，老东湖巡逻队队长、东湖新城社区居民周会星正与十来名队员一起在小区里义务巡逻。")
    assert e["event_type"] == "other"
    assert e["date_start"] == date(2024, 10, 31)


def test_photo_caption_is_dated():
    e = single("工人在车间分装食用菌产品（5月14日摄）", date(2021, 10, 23))
    assert e["date_start"] == date(2021, 5, 14)


def test_unknown_issue_date_gives_no_relative_events():
    assert events("今年9月，TCL空调器（武汉）有限公司在东西湖区召开供应商大会。", None) == []
    e = single("2020年3月10日，习近平总书记来到东湖新城社区考察。", None)
    assert e["date_start"] == date(2020, 3, 10)


def test_same_happening_twice_is_one_event_with_two_mentions():
    text = ("今年9月，TCL空调器（武汉）有限公司在东西湖区召开供应商大会。会上，企业代表发言。"
            "今年9月，TCL空调器（武汉）有限公司召开供应商大会，吸引200余家企业参加。")
    key = "tcl"
    name = "TCL空调器（武汉）有限公司"
    mentions = [dict(entity_key=key, article_id="d#1", mention=name, start=i, end=i + len(name))
                for i in (text.find(name), text.rfind(name))]
    found = events(text, extraction=FakeExtraction(entities=[dict(entity_key=key, name=name)], mentions=mentions))
    assert len(found) == 1
    assert len(found[0]["mentions"]) == 2
    assert found[0]["participants"][0] == name
    assert found[0]["participant_entity_keys"] == [key]


def test_participants_and_location():
    text = "今年9月，TCL空调器（武汉）有限公司在东西湖区召开供应商大会。"
    name = "TCL空调器（武汉）有限公司"
    s = text.find(name)
    extraction = FakeExtraction(entities=[dict(entity_key="k1", name=name)],
                                mentions=[dict(entity_key="k1", article_id="d#1", mention=name, start=s, end=s + len(name))])
    e = events(text, extraction=extraction)[0]
    assert e["participants"][0] == name
    assert e["location"] == "东西湖区"


def test_offsets_are_article_relative_across_articles():
    a = ctx("记者获悉。", article_id="d#1")
    b = ctx("据了解，10月29日，武汉市统计局发布了前三季度经济数据。", article_id="d#2")
    (e,) = extract_events([a, b], FakeExtraction())
    assert e["article_id"] == "d#2"
    assert b.text[e["start"]:e["end"]] == e["evidence"]


def test_empty_extraction_and_none_are_accepted():
    text = "10月29日，武汉市统计局发布了前三季度经济数据。"
    assert extract_events([ctx(text)], None) == extract_events([ctx(text)], FakeExtraction())


# ---- round 4: general rules found on the fa_* tuning articles, tested on invented sentences of the same shape ----

def test_dateline_head_and_a_quarter_naming_the_projects_do_not_hide_the_signing_day():
    e = single("本报讯（记者 张海）5月12日上午，某县2024年第二季度重点项目集中签约仪式在县会展中心举行。", date(2024, 5, 14))
    assert (e["event_type"], e["date_start"], e["date_end"]) == ("contract", date(2024, 5, 12), date(2024, 5, 12))


def test_a_ceremony_named_by_the_held_verb_keeps_its_own_type():
    e = single("12月3日，某开发区与某某电子科技有限公司举行智能终端项目签约仪式。", date(2024, 12, 4))
    assert e["event_type"] == "contract"


def test_sentence_referring_back_to_the_ceremony_takes_its_day_one_event_per_act():
    text = ("5月12日，某市招商项目推介会在市民中心举行。"
            "推介会结束后，市领导与企业家代表进行了座谈，并参观了高新区展示中心。")
    found = events(text, date(2024, 5, 14))
    kinds = sorted(e["event_type"] for e in found)
    assert kinds == ["meeting", "meeting", "visit"], [(e["event_type"], e["evidence"]) for e in found]
    assert all(e["date_start"] == date(2024, 5, 12) for e in found)
    visit = next(e for e in found if e["event_type"] == "visit")
    assert "参观" in visit["evidence"]


@pytest.mark.parametrize("second", [
    "本次博览会上，企业代表进行了座谈。",              # names a happening the article did not report that day
    "推介会上，企业将签约一批项目。",                  # what will happen there is no dated act
])
def test_back_reference_needs_the_reported_happening_and_a_done_act(second):
    found = events("5月12日，某市招商项目推介会在市民中心举行。" + second, date(2024, 5, 14))
    assert len(found) == 1


@pytest.mark.parametrize("text, kind, start, end", [
    ("该项目将于明年5月投产。", "production", date(2025, 5, 1), date(2025, 5, 31)),
    ("城东大桥将于今年底通车。", "opening", date(2024, 12, 1), date(2024, 12, 31)),
    ("项目一期将于明年3月开工建设，全部建成后年产值可达10亿元。", "opening", date(2025, 3, 1), date(2025, 3, 31)),
    ("该项目预计明年5月投产。", "plan", date(2025, 5, 1), date(2025, 5, 31)),
])
def test_an_act_scheduled_with_jiangyu_keeps_its_type(text, kind, start, end):
    e = single(text)
    assert (e["event_type"], e["date_start"], e["date_end"]) == (kind, start, end)


@pytest.mark.parametrize("text", [
    "今年以来，全区新签约亿元以上项目36个，协议总投资达120亿元。",
    "据悉，开发区今年已建成标准化厂房18万平方米。",
    "今年，我区还新建高标准农田5万亩，建成设施农业大棚1200栋。",
    "去年，公司出口额1.2亿美元，产品出口到欧美等20多个国家和地区。",
    "2019年，公司还未签约任何海外客户。",                                  # a negated act
    "2017年3月15日星期三A3经济·港城责编：王敏美编：李丹",                  # masthead furniture
    "今年全市地区生产总值将继续保持增长。",                                # a forecast of the current year, no act
])
def test_running_totals_negations_and_furniture_are_not_events(text):
    assert events(text, date(2017, 3, 15)) == []


def test_a_duration_after_the_act_is_no_running_total():
    e = single("2021年投产仅三个月，该工厂就实现盈利。")
    assert (e["event_type"], e["date_start"]) == ("production", date(2021, 1, 1))


def test_founding_year_after_the_verb_with_figures_later_in_the_sentence():
    e = single("华康科技成立于2018年，是一家专注于智能传感器研发的企业，2023年营收12亿元。")
    assert (e["event_type"], e["date_start"], e["date_end"]) == ("founding", date(2018, 1, 1), date(2018, 12, 31))


@pytest.mark.parametrize("text, issue, kind, start", [
    ("8月20日晚间，某某精密股份有限公司披露2024年半年度报告。", date(2024, 8, 22), "announcement", date(2024, 8, 20)),
    ("8月20日，某某科技发布上半年业绩预告。", date(2024, 8, 22), "announcement", date(2024, 8, 20)),
    ("记者昨天从市商务局获悉，1—10月全市外贸进出口值同比增长6.1%。", date(2024, 11, 4), "release", date(2024, 11, 3)),
    ("本月8日，某某新能源有限公司投资建设的10万千瓦光伏电站顺利并网发电。", date(2024, 11, 12), "production", date(2024, 11, 8)),
    ("10月8日，某某产业创新研究院正式揭牌。", date(2024, 11, 4), "opening", date(2024, 10, 8)),
    ("本月29日，我市还将举办2024国际汽车博览会。", date(2024, 11, 4), "exhibition", date(2024, 11, 29)),
    ("新华社南京1月5日电（记者王晓）省政协十三届三次会议5日上午在省会议中心开幕。", date(2024, 1, 6), "meeting", date(2024, 1, 5)),
    ("昨天上午，全县10个收购网点同时开秤收购新小麦。", date(2024, 6, 2), "other", date(2024, 6, 1)),
    ("10月8日，某某集团宣布收购某某科技有限公司51%股权。", date(2024, 11, 4), "restructuring", date(2024, 10, 8)),
])
def test_types_from_the_act_and_its_object(text, issue, kind, start):
    e = single(text, issue)
    assert (e["event_type"], e["date_start"]) == (kind, start)


def test_future_year_with_a_plan_word_is_a_plan_without_trigger():
    e = single("据区发改委介绍，明年我区还将在城北新建农光互补项目5万千瓦。")
    assert (e["event_type"], e["date_start"], e["date_end"]) == ("plan", date(2025, 1, 1), date(2025, 12, 31))


# ---- round 5: general rules found on the fb_* tuning articles, tested on invented sentences of the same shape ----

def head_ctx(head: str, text: str, issue: date) -> ArticleContext:
    return ArticleContext(text=text, issue_date=issue, city="某市", publication="某报", doc_id="d", article_id="d#1", head=head)


def test_a_dated_subtitle_is_an_event_with_offsets_before_the_body():
    head = "市政府工作报告\n——2025年1月20日在某市第十五届人民代表大会第三次会议上\n某市市长 张三\n"
    body = "过去一年，全市经济运行总体平稳。"
    (e,) = extract_events([head_ctx(head, body, date(2025, 1, 22))], FakeExtraction())
    assert (e["event_type"], e["date_start"], e["date_end"]) == ("meeting", date(2025, 1, 20), date(2025, 1, 20))
    assert e["start"] < 0 and (head + body)[e["start"] + len(head):e["end"] + len(head)] == e["evidence"]
    assert "人民代表大会" in e["evidence"]
    assert e["mentions"][0]["start"] == e["start"]


def test_a_headline_summing_up_the_body_adds_no_second_event():
    head = "我市昨日发布前三季度经济数据\n"
    body = "昨天，市统计局发布了前三季度全市经济运行情况。"
    found = extract_events([head_ctx(head, body, date(2024, 10, 30))], FakeExtraction())
    assert len(found) == 1 and found[0]["start"] >= 0


def test_headlines_reach_the_event_extractor_through_the_page_pipeline():
    from transforms.page_facts import page_fact_rows
    raw = ("政府工作报告（摘要）\n——2025年1月20日在某市第十五届人民代表大会第三次会议上\n某市市长　张三\n\n"
           "过去一年，全市经济运行总体平稳，地区生产总值增长5.5%，规模以上工业增加值增长6.1%，固定资产投资增长4.2%。\n")
    rows = page_fact_rows(dict(doc_id="d", text=raw, issue_date=date(2025, 1, 22), city="某市", publication="某报"))
    meeting = [e for e in rows["event_facts"] if e["date_start"] == date(2025, 1, 20)]
    assert len(meeting) == 1
    assert raw[meeting[0]["char_start"]:meeting[0]["char_end"]] == meeting[0]["evidence"]
    assert not any(i["evidence"].startswith("——") for i in rows["indicator_facts"])  # indicators never read the head


@pytest.mark.parametrize("text, issue, kind, start, end", [
    # a financing round, a trading halt and its resumption: company happenings without a type of their own
    ("2021年8月，公司完成数千万元Pre-A轮融资，由某某资本领投。", date(2023, 5, 4), "other", date(2021, 8, 1), date(2021, 8, 31)),
    ("某某控股股份自5月3日上午起短暂停牌。", date(2023, 5, 9), "other", date(2023, 5, 3), date(2023, 5, 3)),
    ("公司股份今日起恢复买卖。", date(2023, 5, 9), "other", date(2023, 5, 9), date(2023, 5, 9)),
    # an approval by a higher government, a rename after a merger, a deal closing, a launch of building work
    ("2022年11月，《某某都市圈发展规划》获国务院正式批复。", date(2023, 5, 9), "policy", date(2022, 11, 1), date(2022, 11, 30)),
    ("上月底，两家公司股权划转及工商变更手续全部办结，某某物流正式更名为某某供应链。", date(2023, 5, 9), "restructuring",
     date(2023, 4, 1), date(2023, 4, 30)),
    ("明年二季度启动物流园三期建设。", date(2023, 5, 9), "opening", date(2024, 4, 1), date(2024, 6, 30)),
    ("预计于今年第三季度完成交割。", date(2023, 5, 9), "plan", date(2023, 7, 1), date(2023, 9, 30)),
    ("去年11月，公司完成了对某某电子的收购。", date(2023, 5, 9), "restructuring", date(2022, 11, 1), date(2022, 11, 30)),
    ("5月3日至5日，第十届中国某某博览会在成都举办。", date(2023, 5, 9), "exhibition", date(2023, 5, 3), date(2023, 5, 5)),
    ("5月3日，2023某某光博会在武汉举行，吸引了400余家企业参展。", date(2023, 5, 9), "exhibition", date(2023, 5, 3), date(2023, 5, 3)),
])
def test_company_and_government_happenings(text, issue, kind, start, end):
    e = single(text, issue)
    assert (e["event_type"], e["date_start"], e["date_end"]) == (kind, start, end)


@pytest.mark.parametrize("text, issue", [
    ("今年以来，港股上市内地企业赴东南亚并购趋于活跃。", date(2023, 6, 20)),       # a stretch of years frames a trend
    ("自2012年起，县里干部展开持续两年的拜访。", date(2023, 6, 20)),
    ("截至5月18日，全市已签约项目86个，总投资520亿元。", date(2023, 5, 20)),      # a running total up to a day
    ("截至2022年底，全市专精特新企业从120家扩充至310家，推动建成研发机构达到25家。", date(2023, 5, 20)),
])
def test_since_a_year_and_running_totals_until_a_day_are_not_events(text, issue):
    assert events(text, issue) == []


def test_a_month_or_day_since_still_dates_the_act():
    e = single("今年3月起，5条新产线火力全开。", date(2023, 6, 20))
    assert (e["event_type"], e["date_start"], e["date_end"]) == ("production", date(2023, 3, 1), date(2023, 3, 31))


@pytest.mark.parametrize("text, issue, kind, start", [
    # a year run into a noun names the meeting; the finer date of its clause times the act
    ("记者昨天从市发改委获悉，2023年全市重大项目集中签约暨推进会将于本月28日召开。", date(2023, 5, 9), "meeting", date(2023, 5, 28)),
    ("5月8日，某某股份2023年第一次临时股东大会审议通过合并及更名相关议案。", date(2023, 5, 9), "meeting", date(2023, 5, 8)),
    ("今年将于10月在长沙举办第三届中非经贸博览会。", date(2023, 5, 9), "exhibition", date(2023, 10, 1)),
])
def test_a_year_naming_a_thing_does_not_date_an_act_of_its_own(text, issue, kind, start):
    found = events(text, issue)
    assert not [e for e in found if e["date_precision"] == "year"], [(e["date_text"], e["event_type"]) for e in found]
    e = next(e for e in found if e["date_start"] == start)
    assert e["event_type"] == kind


def test_a_word_of_a_document_title_is_no_act():
    e = single("今年2月，市国资委印发《市属企业战略性重组整合实施方案》。", date(2023, 5, 9))
    assert e["event_type"] == "policy"


def test_jiang_in_a_clause_long_past_marks_the_object_not_a_plan():
    assert single("2009年，某某电子决定将第二个工厂落户本市。", date(2023, 5, 9))["event_type"] == "relocation"
    assert single("10月，这批项目通过审核后，将与企业签订立项合同。", date(2024, 11, 4))["event_type"] == "plan"


def test_a_ceremony_referred_back_to_by_its_act():
    text = ("昨天上午，某市会展中心正式开馆。"
            "开馆仪式上，某某新区管委会与8家企业签订合作协议。")
    found = events(text, date(2024, 11, 21))
    assert [(e["event_type"], e["date_start"]) for e in found] == [("opening", date(2024, 11, 20)),
                                                                   ("contract", date(2024, 11, 20))]


@pytest.mark.parametrize("text, kind", [
    ("本报11月20日讯（记者张三）昨天，全市重点项目集中开工仪式在经开区举行。", "opening"),
    ("本报11月20日讯（记者张三）全市第四季度重点项目集中开工仪式19日在经开区举行。", "opening"),
])
def test_a_dateline_filing_date_gives_way_to_the_date_of_the_act(text, kind):
    e = single(text, date(2024, 11, 21))
    assert (e["event_type"], e["date_start"]) == (kind, date(2024, 11, 19) if "19日" in text else date(2024, 11, 20))


def test_a_dateline_date_alone_still_dates_the_story():
    e = single("11月20日讯，某某集团与某市政府签署战略合作框架协议。", date(2024, 11, 21))
    assert (e["event_type"], e["date_start"]) == ("contract", date(2024, 11, 20))


@pytest.mark.parametrize("text, kind, start, end", [
    ("据国家统计局11月15日消息，10月份社会消费品零售总额同比增长4.8%。", "release", date(2024, 11, 15), date(2024, 11, 15)),
    ("10月28日至11月3日，某市代表团赴德国、法国开展经贸交流活动。", "visit", date(2024, 10, 28), date(2024, 11, 3)),
])
def test_wire_release_and_a_delegation_abroad(text, kind, start, end):
    e = single(text, date(2024, 11, 21))
    assert (e["event_type"], e["date_start"], e["date_end"]) == (kind, start, end)


@pytest.mark.parametrize("text, issue, kind, start", [
    ("某某港集装箱吞吐量于10月28日首次突破500万标箱，比去年提前36天。", date(2024, 11, 2), "other", date(2024, 10, 28)),
    ("11月18日，某某法院依法裁定受理某某公司破产重整申请。", date(2024, 11, 20), "restructuring", date(2024, 11, 18)),
    ("项目将于明年一季度完成主体施工。", date(2024, 11, 20), "completion", date(2025, 1, 1)),
    ("10月15日，第136届中国进出口商品交易会在广州开幕。", date(2024, 11, 20), "exhibition", date(2024, 10, 15)),
])
def test_milestones_insolvency_and_scheduled_completion(text, issue, kind, start):
    e = single(text, issue)
    assert (e["event_type"], e["date_start"]) == (kind, start)


def test_a_yearly_share_passing_a_mark_is_a_statistic():
    assert events("出口贸易总额占地区生产总值比重在今年首次突破九成。", date(2021, 10, 23)) == []


def test_a_rule_starting_this_or_next_year_is_still_dated():
    e = single("明年起，全省将全面推行企业年报“多报合一”改革。", date(2024, 11, 21))
    assert (e["event_type"], e["date_start"], e["date_end"]) == ("plan", date(2025, 1, 1), date(2025, 12, 31))


@pytest.mark.parametrize("text, n", [
    ("10月，全市新开工项目32个，新签约项目15个。", 0),                  # a month's count is a statistic
    ("9月份，全区共受理并办结群众诉求1200件。", 0),
    ("2021年3月完成A轮融资1.2亿元，由某某资本领投。", 1),              # a month's amount is one deal
    ("今年8月公司在科创板上市成为全市第15家科创板企业。", 1),          # an ordinal counts nothing
])
def test_a_count_in_a_month_is_a_statistic_an_amount_a_deal(text, n):
    assert len(events(text, date(2024, 11, 4))) == n


@pytest.mark.parametrize("text, issue, kind, start, end", [
    # a day range of the current month opens the sentence of a fair
    ("本月12日至14日，第五届中国（合肥）国际农产品博览会在滨湖国际会展中心举办。", date(2024, 11, 20), "exhibition",
     date(2024, 11, 12), date(2024, 11, 14)),
    ("本月8日—10日，2024长三角汽车零部件展览会在嘉兴国际会展中心举行。", date(2024, 11, 4), "exhibition",
     date(2024, 11, 8), date(2024, 11, 10)),
    ("上月25日至27日，第二十届全国糖酒商品交易会在成都召开。", date(2024, 11, 4), "exhibition",
     date(2024, 10, 25), date(2024, 10, 27)),
])
def test_a_day_range_of_this_or_last_month_dates_a_fair(text, issue, kind, start, end):
    e = single(text, issue)
    assert (e["event_type"], e["date_start"], e["date_end"]) == (kind, start, end)


@pytest.mark.parametrize("text, kind", [
    ("本月12日至14日，第五届农产品博览会在滨湖国际会展中心举办。展会期间，丰源食品公司与联华超市签订采购协议。", "contract"),
    ("上月25日至27日，第二十届糖酒商品交易会在成都举行。交易会期间，某某酒业公司与三家经销商签署战略合作协议。", "contract"),
    ("11月1日，2024世界智能制造大会在南京开幕。大会期间，某某机器人公司宣布成立华东研发中心。", "founding"),
])
def test_deals_during_a_fair_take_its_days(text, kind):
    fair, deal = events(text, date(2024, 11, 20))
    assert (deal["event_type"], deal["date_start"], deal["date_end"]) == (kind, fair["date_start"], fair["date_end"])


def test_a_period_named_by_another_happening_is_not_the_fairs():
    # "签约仪式期间" does not name the exhibition just reported
    found = events("本月12日至14日，第五届农产品博览会举办。签约仪式期间，双方签订采购协议。", date(2024, 11, 20))
    assert [e["event_type"] for e in found] == ["exhibition"]


@pytest.mark.parametrize("text, kind, start, end", [
    ("同日，华远电子股份有限公司发布回购股份方案公告。", "announcement", date(2024, 10, 28), date(2024, 10, 28)),
    ("当日，双方还共同为华中物流基地揭牌。", "opening", date(2024, 10, 28), date(2024, 10, 28)),
])
def test_same_day_after_an_earlier_date_of_the_article(text, kind, start, end):
    found = events("10月28日，市场监管局召开新闻发布会，通报前三季度产品质量抽查情况。" + text)
    assert [(e["event_type"], e["date_start"], e["date_end"]) for e in found][-1] == (kind, start, end)


@pytest.mark.parametrize("text, kind", [
    ("上月底，市市场监管局启动冬季燃气安全专项执法检查。", "policy"),
    ("上月末，区应急管理局在全区开展危化品企业专项整治行动。", "policy"),
    ("上月底，某某县交通运输局启动道路运输安全隐患排查。", "policy"),
])
def test_a_campaign_launched_at_the_end_of_last_month(text, kind):
    e = single(text)
    assert (e["event_type"], e["date_start"], e["date_end"]) == (kind, date(2024, 10, 1), date(2024, 10, 31))


@pytest.mark.parametrize("text, start", [
    ("2019年8月，该公司完成由深创投领投的1.5亿元B轮融资。", date(2019, 8, 1)),
    ("2022年，公司获得某某资本等机构投资的2.3亿元C轮融资。", date(2022, 1, 1)),   # a year: still one round
    ("今年3月，某某生物完成数亿元Pre-A轮融资。", date(2024, 3, 1)),
])
def test_a_financing_round_with_an_amount_is_a_deal(text, start):
    e = single(text)
    assert (e["event_type"], e["date_start"]) == ("other", start)


def test_a_year_of_financing_totals_stays_a_statistic():
    assert events("2023年，全市企业完成股权融资120亿元。", date(2024, 11, 4)) == []


@pytest.mark.parametrize("text, kind, start", [
    ("去年11月，公司新建的冻干粉针剂生产线通过GMP符合性检查。", "award", date(2023, 11, 1)),
    ("今年5月，该公司顺利通过国家高新技术企业认定。", "award", date(2024, 5, 1)),
    ("今年6月，该项目一期工程通过竣工验收。", "completion", date(2024, 6, 1)),
])
def test_passing_an_inspection_is_an_event(text, kind, start):
    e = single(text)
    assert (e["event_type"], e["date_start"]) == (kind, start)


def test_passing_by_means_of_an_inspection_is_no_award():
    assert events("今年以来，通过开展专项检查，全区共查处案件56起。", date(2024, 11, 4)) == []


@pytest.mark.parametrize("text, kind, start, end", [
    ("项目计划2025年6月前建成投产。", "completion", date(2025, 6, 1), date(2025, 6, 30)),
    ("该基地预计明年3月前竣工。", "completion", date(2025, 3, 1), date(2025, 3, 31)),
    ("二期工程力争年底前投产。", "production", date(2024, 12, 1), date(2024, 12, 31)),
])
def test_a_deadline_dates_a_planned_act_by_its_month(text, kind, start, end):
    e = single(text)
    assert (e["event_type"], e["date_start"], e["date_end"]) == (kind, start, end)


@pytest.mark.parametrize("text, n", [
    ("10月28日，公司召开股东大会，审议通过了关于2025年度日常关联交易预计的议案。", 1),   # a bill's year names it
    ("据了解，该公司于2024年10月21日取得营业执照。", 1),
])
def test_a_year_inside_a_bills_name_and_a_registration(text, n):
    found = events(text)
    assert len(found) == n and found[0]["date_precision"] == "day"


@pytest.mark.parametrize("text, n", [
    ("此后，某某电池公司市值一路上涨，并于去年突破万亿，连带其所在的小城亦开始被更多人看到。", 1),  # a milestone
    ("去年，该市地区生产总值首次突破千亿。", 1),
    ("2021年，全市GDP突破万亿元。", 0),                                     # a year's amount is a statistic
])
def test_passing_a_round_mark_is_a_milestone(text, n):
    assert len(events(text, date(2022, 2, 22))) == n


def test_a_deal_right_after_a_fair_of_several_days_takes_its_days():
    text = ("本月12日至14日，第五届农产品博览会在滨湖国际会展中心举办。某某食品公司与某某超市签订采购协议，金额达1.2亿元。"
            "此外，两家企业还将在冷链物流领域开展合作。")
    fair, deal = events(text, date(2024, 11, 20))
    assert (deal["event_type"], deal["date_start"], deal["date_end"]) == ("contract", date(2024, 11, 12), date(2024, 11, 14))


@pytest.mark.parametrize("text", [
    "11月12日，第五届农产品博览会开幕。某某食品公司与某某超市签订采购协议。",            # one day: no span to fall in
    "本月12日至14日，第五届农产品博览会举办。\n某某公司介绍。\n某某食品公司与某某超市签订采购协议。",  # paragraphs later
    "本月12日至14日，第五届农产品博览会举办。某某食品公司将与某某超市签订采购协议。",      # a plan
])
def test_an_undated_deal_far_from_a_fair_is_not_its(text):
    assert [e["event_type"] for e in events(text, date(2024, 11, 20))] == ["exhibition"]


@pytest.mark.parametrize("text", [
    "四季度，某市要实现2305亿元以上的经济总量才能突破万亿，这还需要咬紧牙关。",
    "今年，项目须完成环评才能开工。",
])
def test_a_condition_is_no_act(text):
    assert events(text, date(2021, 10, 23)) == []


def test_a_guessed_act_is_no_act():
    assert events("在福州“十四五”期间重点建设汽车城的规划下，有关某电池公司落户福州的猜想再度发酵。", date(2022, 2, 22)) == []


def test_an_act_during_a_visit_refers_back_and_the_same_visit_is_one_event():
    found = events("9月6日，县委书记率队赴义乌开展招商考察活动。考察期间，代表团先后拜访了5家企业，并与两家企业签订合作协议。",
                   date(2023, 9, 8))
    assert [(e["event_type"], e["date_start"]) for e in found] == [("visit", date(2023, 9, 6)), ("contract", date(2023, 9, 6))]


def test_receiving_a_regulators_decision_is_announced():
    e = single("据公告，公司于2023年9月4日收到上海证券交易所出具的《关于某某股份有限公司向特定对象发行股票的审核意见》。",
               date(2023, 9, 8))
    assert (e["event_type"], e["date_start"]) == ("announcement", date(2023, 9, 4))


def test_fast_trigger_scan_finds_what_the_trigger_regex_finds():
    from transforms.events import _TRIGGER, _trigger_matches
    texts = ["10月29日，公司发布公告称，与某集团签订合作协议并举行签约仪式。", "自成立以来，该公司注册成立了三家子公司；昨日消息，项目开工。",
             "2024年1月31日召开董事会，审议通过议案，随后举办(论坛活动)。", "no trigger here 一二三"]
    for text in texts:
        for start, end in ((0, len(text)), (3, len(text) - 4)):
            fast = [(m.span(), m.lastgroup) for m in _trigger_matches(text, start, end)]
            assert fast == [(m.span(), m.lastgroup) for m in _TRIGGER.finditer(text, start, end)]
