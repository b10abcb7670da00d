"""Cleaning undoes PDF extraction on real page text and keeps every offset."""
from __future__ import annotations

from hypothesis import given, strategies as st

from tests.conftest import seed_text
from transforms.clean import FULLWIDTH_TO_ASCII, clean_text, line_kind


def _raw_chars_agree(raw: str, clean) -> bool:
    return all(ch in "\n " or raw[clean.raw_index[i]].translate(FULLWIDTH_TO_ASCII) == ch
               for i, ch in enumerate(clean.text))


def test_seed_page_offsets_point_at_the_same_characters():
    raw = seed_text()
    assert _raw_chars_agree(raw, clean_text(raw))


def test_spaces_inside_numbers_and_next_to_cjk_are_dropped():
    text = clean_text("已完成 350 万套空调生产\n").text
    assert "350万套" in text
    assert "今年1—8月，全市" in clean_text("数据显示，今年 1—8 月，全市高新技术产品进出口额\n").text
    assert clean_text("区 TCL 空调器（武汉）有限公司\n").text == "区TCL空调器（武汉）有限公司"


def test_spaces_between_latin_words_stay():
    assert "Mini LED" in clean_text("创维武汉Mini LED显示科技产业园致力于打造。\n").text


def test_fullwidth_digits_become_ascii_one_for_one():
    clean = clean_text("苏州高新区投资１２０亿开展２０个重点项目\n")
    assert clean.text == "苏州高新区投资120亿开展20个重点项目"
    assert clean.raw_index[clean.text.index("120")] == "苏州高新区投资１２０".index("１")


def test_sentence_broken_by_layout_and_a_blank_line_is_joined():
    page = seed_text()
    raw = page[page.index("“我们将展示北斗"): page.index("北斗前沿科技。") + 7]
    assert "将充分\n\n运用" in raw
    blocks = clean_text(raw).blocks
    assert len(blocks) == 1
    assert "将充分运用进博会平台" in blocks[0].text


def test_headline_and_paragraph_stay_apart():
    raw = ("高新出口增长近两成，“提质扩量”跑出加速度\n\n数据显示，今年 1—8 月，全市高新技术产品进出口额\n"
           "1076.24亿元，同比上升11.02%，其中出口额657.59亿元，同比上\n升19.8%。\n")
    blocks = clean_text(raw).blocks
    assert [b.kind for b in blocks] == ["heading", "body"]
    assert blocks[1].text.endswith("同比上升19.8%。")


def test_page_furniture_is_recognised():
    assert line_kind("■长江日报记者张勇军") == ("byline", "张勇军")
    assert line_kind("（上接第一版）")[0] == "continuation"
    assert line_kind("（雷心蕊 李喆凤）")[0] == "end_note"
    assert line_kind("（参与采写：谭经田）")[0] == "end_note"
    assert line_kind("发布时间：2011-03-29")[0] == "dateline"
    assert line_kind("一系列数据显示出武汉经济形势持续向好。")[0] == "text"


@given(st.text(alphabet="前三季度全市GDP达14720.98亿元，同比增长5.1%。 １２\n\r　TCL", max_size=300))
def test_any_text_cleans_with_consistent_offsets(raw):
    clean = clean_text(raw)
    assert len(clean.raw_index) == len(clean.text)
    assert _raw_chars_agree(raw, clean)
    assert clean.raw_index == sorted(clean.raw_index)


def test_inline_bylines_give_the_reporter():
    from transforms.clean import inline_byline
    assert inline_byline("南方财经全媒体见习记者程浩 东莞报道 5月24日，东莞市倍增计划") == "程浩"
    assert inline_byline("本报讯（记者 李明 通讯员 王五）昨天，市统计局发布") == "李明"
    assert inline_byline("新华社北京3月5日电（记者张三、李四）十四届全国人大") == "张三"
    assert inline_byline("10月29日，武汉市统计局、国家统计局武汉调查队联合发布") is None


def test_bylines_with_a_correspondent_and_folio_lines_are_furniture():
    assert line_kind("■本报记者 孙海燕 通讯员 李 强") == ("byline", "孙海燕")
    assert line_kind("2017年3月15日　星期三　　A3　　经济·港城　　责编：赵 敏　美编：吴 丹")[0] == "dateline"
    assert line_kind("责任编辑：王小明")[0] == "dateline"
    assert line_kind("2017年3月15日，市统计局发布了一季度数据。")[0] == "text"


@given(st.text(alphabet="本报新华社记者通讯员文作者来源：:（）()上接下转第一版完摄影责编发布时间2024年3月5日星期三张李明 ■", max_size=40))
def test_the_combined_furniture_regex_rejects_only_lines_no_pattern_takes(line):
    from transforms.clean import _furniture_patterns, _SPACE_RUN
    compact = _SPACE_RUN.sub("", line)
    one_by_one = next(((kind, m.groupdict().get("name")) for kind, p in _furniture_patterns()
                       if (m := (p.search(compact) if kind == "caption" else p.match(compact)))), ("text", None))
    assert line_kind(line) == one_by_one
