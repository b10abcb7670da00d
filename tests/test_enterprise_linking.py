"""Warehouse-level enterprise linking: deterministic, explainable, stable ids."""
from __future__ import annotations

import polars as pl

from transforms.enterprise_linking import enterprise_id_for, link_enterprises


def frame(*rows):
    return pl.DataFrame([dict(doc_id=d, entity_key=k, name=n, short_name=None, region=None, industry=None, org_form=None,
                              aliases=list(a) or [n]) for d, k, n, *a in rows])


def by_key(out: pl.DataFrame) -> dict:
    return {(r["doc_id"], r["entity_key"]): r for r in out.to_dicts()}


def test_later_short_name_joins_earlier_full_name():
    out = by_key(link_enterprises(frame(("d1", "e1", "武汉长江计算科技有限公司"), ("d2", "e1", "长江计算"))))
    assert out[("d2", "e1")]["enterprise_id"] == out[("d1", "e1")]["enterprise_id"]
    assert out[("d2", "e1")]["canonical_name"] == "武汉长江计算科技有限公司"
    assert out[("d2", "e1")]["link_rule"] == "short_name_of"
    assert out[("d1", "e1")]["enterprise_id"] == enterprise_id_for("武汉长江计算科技有限公司")


def test_order_of_documents_does_not_matter():
    rows = [("d2", "e1", "金翔管件"), ("d1", "e1", "武汉金翔精密管件有限公司"), ("d3", "e1", "宁德时代"),
            ("d4", "e1", "宁德时代新能源科技股份有限公司")]
    a = link_enterprises(frame(*rows)).sort("doc_id")
    b = link_enterprises(frame(*reversed(rows))).sort("doc_id")
    assert a.equals(b)
    ids = by_key(a)
    assert ids[("d2", "e1")]["enterprise_id"] == ids[("d1", "e1")]["enterprise_id"]
    assert ids[("d3", "e1")]["enterprise_id"] == ids[("d4", "e1")]["enterprise_id"]


def test_same_brand_different_companies_stay_apart():
    out = by_key(link_enterprises(frame(("d1", "e1", "武汉长江计算科技有限公司"), ("d1", "e2", "武汉长江国际贸易集团有限公司"),
                                        ("d2", "e1", "长江"))))
    ids = {r["enterprise_id"] for r in out.values()}
    assert len(ids) == 3          # 长江 abbreviates both: ambiguous, so it is its own enterprise
    assert out[("d2", "e1")]["link_rule"] == "new"


def test_group_is_not_linked_to_its_subsidiary():
    out = by_key(link_enterprises(frame(("d1", "e1", "苏州协鑫光伏科技有限公司"), ("d2", "e1", "协鑫集团"))))
    assert out[("d1", "e1")]["enterprise_id"] != out[("d2", "e1")]["enterprise_id"]


def test_region_variant_and_alias_links():
    out = by_key(link_enterprises(frame(("d1", "e1", "温州青山集团"), ("d2", "e1", "青山集团"),
                                        ("d3", "e1", "香港新能源科技有限公司", "香港新能源科技有限公司", "ATL"), ("d4", "e1", "ATL"))))
    assert out[("d2", "e1")]["enterprise_id"] == out[("d1", "e1")]["enterprise_id"]
    assert out[("d2", "e1")]["link_rule"] in ("same_core", "exact_name")
    assert out[("d4", "e1")]["enterprise_id"] == out[("d3", "e1")]["enterprise_id"]
    assert out[("d4", "e1")]["link_rule"] == "exact_name"


def test_unseen_companies_and_empty_input():
    out = by_key(link_enterprises(frame(("d1", "e1", "成都蓝鲸环保科技股份有限公司"), ("d2", "e1", "蓝鲸环保"), ("d3", "e1", "蓝鲸公司"),
                                        ("d4", "e1", "蓝海动力"))))
    target = out[("d1", "e1")]["enterprise_id"]
    assert out[("d2", "e1")]["enterprise_id"] == target and out[("d3", "e1")]["enterprise_id"] == target
    assert out[("d4", "e1")]["enterprise_id"] != target
    empty = link_enterprises(frame(("d", "e", "x")).head(0))
    assert empty.columns == ["doc_id", "entity_key", "enterprise_id", "canonical_name", "link_rule"] and empty.height == 0


def test_registered_subsidiary_is_not_linked_to_its_parent():
    """A registered name is a legal person: 青岚精工（越南）有限公司 is not a short name of 杭州青岚精工机械股份有限公司,
    and the same 字号+行业 registered in two regions is two companies; a bare short name still links."""
    out = by_key(link_enterprises(frame(("d1", "e1", "杭州青岚精工机械股份有限公司"), ("d1", "e2", "青岚精工（越南）有限公司"),
                                        ("d2", "e1", "青岚精工（泰国）有限公司"), ("d3", "e1", "青岚精工机械"),
                                        ("d4", "e1", "青岚精工（越南）有限公司"))))
    ids = {k: r["enterprise_id"] for k, r in out.items()}
    assert len({ids[("d1", "e1")], ids[("d1", "e2")], ids[("d2", "e1")]}) == 3
    assert ids[("d3", "e1")] == ids[("d1", "e1")]
    assert ids[("d4", "e1")] == ids[("d1", "e2")]


def test_rows_come_back_in_input_order_and_same_name_rows_share_one_enterprise():
    rows = [("d3", "e1", "长江计算", "长江计算", "长江"), ("d1", "e2", "长江计算"), ("d2", "e1", "武汉长江计算科技有限公司"),
            ("d1", "e1", "长江计算", "长江计算", "CJC")]
    out = link_enterprises(frame(*rows))
    assert out.select("doc_id", "entity_key").rows() == [(d, k) for d, k, *_ in rows]
    assert out["enterprise_id"].n_unique() == 1
    assert out["link_rule"].to_list() == ["exact_name", "exact_name", "new", "short_name_of"]
