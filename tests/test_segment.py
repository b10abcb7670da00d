"""Article segmentation on the real seed page and on single-article files."""
from __future__ import annotations

from tests.conftest import RAW, seed_text
from transforms.clean import clean_text
from transforms.segment import segment_articles


def _articles(raw: str):
    clean = clean_text(raw)
    return clean, segment_articles(clean)


def test_seed_page_splits_into_its_five_articles_with_bylines():
    clean, articles = _articles(seed_text())
    assert len(articles) == 5
    assert [a.byline for a in articles] == [None, "张勇军", None, "张晟", None]
    texts = [clean.text[a.start:a.end] for a in articles]
    assert texts[1].startswith("11月3日，周日。东西湖区TCL空调器（武汉）有限公司")
    assert texts[1].endswith("黄昌建说。")  # the author note （参与采写：谭经田） closes it
    assert not any("（上接第一版）" in t or "■" in t for t in texts)


def test_floating_headlines_do_not_leak_into_article_text():
    clean, articles = _articles(seed_text())
    assert not any("近六百家武汉企业组团参加进博会" in clean.text[a.start:a.end] for a in articles)


def test_single_article_file_has_its_headline():
    raw = (RAW / "sina-finance" / "2021-10-23" / "002.txt").read_text(encoding="utf-8")
    clean, articles = _articles(raw)
    assert len(articles) == 1
    assert articles[0].headline == "广东前三季度GDP达8.8万亿，当月进出口创历史新高"
    assert clean.text[articles[0].start:].startswith("广东规上工业实现利润总额")


def test_dateline_is_not_article_text():
    raw = (RAW / "suzhou-local" / "2011-03-29" / "010.txt").read_text(encoding="utf-8")
    clean, articles = _articles(raw)
    assert len(articles) == 1
    assert "发布时间" not in clean.text[articles[0].start:articles[0].end]


def test_a_story_opening_with_an_inline_byline_starts_a_new_article():
    page = ("滨江新区昨晚突发火情\n\n"
            "本报讯（记者 周明）昨天晚上8时许，滨江新区一处仓库突发火情，消防人员迅速赶到现场处置，无人员伤亡。\n\n"
            "目前，起火原因正在进一步调查中。\n\n"
            "市政协召开专题协商会\n\n"
            "本报讯（记者 吴芳 通讯员 陈立）本月29日，市政协召开专题协商会，围绕优化营商环境建言献策。\n")
    clean, articles = _articles(page)
    assert [a.byline for a in articles] == ["周明", "吴芳"]
    assert [a.headline for a in articles] == ["滨江新区昨晚突发火情", "市政协召开专题协商会"]
    assert clean.text[articles[0].start:articles[0].end].endswith("正在进一步调查中。")


def test_a_two_line_headline_before_the_byline_stays_with_its_story():
    page = ("前10个月我省外贸进出口5138.6亿元\n对东盟进出口增长13.2%　民营企业占比近八成\n■江南经济报记者　李明　通讯员　王方\n\n"
            "11月21日，记者从省商务厅获悉，今年1-10月，全省货物贸易进出口总值5138.6亿元，同比增长4.6%。\n")
    clean, articles = _articles(page)
    assert len(articles) == 1
    assert articles[0].byline == "李明"
    assert articles[0].headline.startswith("前10个月我省外贸进出口")
    assert clean.text[articles[0].start:].startswith("11月21日")
