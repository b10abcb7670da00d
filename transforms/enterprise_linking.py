"""Warehouse-level alias resolution: the same company named by different documents gets one enterprise_id.

Entities are visited fullest name first (registered names before bare 字号), so a later document that only says
长江计算 joins 武汉长江计算科技有限公司 from an earlier one. Every link says why (link_rule):
  new            first sighting; the entity defines its own canonical name
  exact_name     its name equals a known name or alias
  same_core      same 字号+行业 once region and org form are dropped (温州青山集团 / 青山集团)
  alias_of       one of its aliases is a known alias of exactly one enterprise
  short_name_of  its name is a short form derivable from exactly one known full name (长江计算, 金翔管件, 宁德时代)
"""
from __future__ import annotations

import hashlib
from array import array
from collections import defaultdict

import polars as pl

from transforms.company_names import STRONG_FORMS, parse_company_name, short_forms

OUTPUT_SCHEMA = {"doc_id": pl.String, "entity_key": pl.String, "enterprise_id": pl.String,
                 "canonical_name": pl.String, "link_rule": pl.String}
LINK_RULES = ("new", "exact_name", "same_core", "alias_of", "short_name_of")


def enterprise_id_for(canonical_name: str) -> str:
    return "ent_" + hashlib.sha1(canonical_name.encode("utf-8")).hexdigest()[:12]


def _norm(s: str) -> str:
    return "".join(s.split()).replace("(", "（").replace(")", "）")


def _fullness_columns(names: pl.Series) -> pl.DataFrame:
    """Per distinct name, the leading sort keys: registered names first, then names with an org form, longer first."""
    names = names.unique()
    parsed = [parse_company_name(_norm(n)) for n in names]
    return pl.DataFrame({"name": names, "_unregistered": [not _registered(p) for p in parsed],
                         "_formless": [p.org_form is None for p in parsed],
                         "_core_len": [-len(p.core) for p in parsed], "_name_len": [-len(n) for n in names]})


def _registered(p) -> bool:
    return p.org_form in STRONG_FORMS and p.org_form not in ("公司", "集团")


def _other_region(p, canon_region: str | None) -> bool:
    """Two registered names with the same 字号+行业 in different regions are different companies (subsidiaries)."""
    return _registered(p) and bool(p.region) and bool(canon_region) and canon_region != p.region


def link_enterprises(doc_entities: pl.DataFrame) -> pl.DataFrame:
    """Rows are visited in fullness order but kept as Polars columns; Python state is per name and per enterprise."""
    if doc_entities.is_empty():
        return pl.DataFrame(schema=OUTPUT_SCHEMA)
    rows = (doc_entities.select("doc_id", "entity_key", "name", "aliases")
            .with_columns(pl.int_range(pl.len()).alias("_row"))
            .with_columns(pl.col("_row").max().over("doc_id", "entity_key").alias("_out_pos"))
            .join(_fullness_columns(doc_entities["name"]), on="name", how="left")
            .sort("_unregistered", "_formless", "_core_len", "_name_len", "name", "doc_id", "entity_key", "_row"))
    canon_names: list[str] = []
    canon_group: list[bool] = []
    canon_region: list[str | None] = []          # region of a registered canonical name
    by_alias: dict[str, set[int]] = defaultdict(set)
    by_core: dict[tuple[str, bool], set[int]] = defaultdict(set)
    by_short: dict[str, set[int]] = defaultdict(set)
    targets, rules = array("l"), array("b")       # per visited row: enterprise index, index into LINK_RULES
    raw_name = None
    for next_raw_name, row_aliases in rows.select("name", "aliases").iter_rows():
        if next_raw_name != raw_name:            # rows of one name are contiguous in this order
            raw_name, name = next_raw_name, _norm(next_raw_name)
            p = parse_company_name(name)
        aliases = {_norm(a) for a in (row_aliases or [])} | {name}
        target, rule = None, "new"
        same_core = by_core.get((p.core, p.is_group), ())
        if len(by_alias.get(name, ())) == 1:
            target, rule = next(iter(by_alias[name])), "exact_name"
        elif len(same_core) == 1 and not _other_region(p, canon_region[next(iter(same_core))]):
            target, rule = next(iter(same_core)), "same_core"
        else:
            hits = {i for a in aliases if len(by_alias.get(a, ())) == 1 for i in by_alias[a]}
            if len(hits) == 1:
                target, rule = hits.pop(), "alias_of"
            elif not _registered(p):    # a registered name is a legal person of its own, never another's short name
                hits = {i for a in (name, p.core) if len(by_short.get(a, ())) == 1 for i in by_short[a]}
                hits = {i for i in hits if not (p.is_group and not canon_group[i])}  # a group is a parent
                if len(hits) == 1:
                    target, rule = hits.pop(), "short_name_of"
        if target is None:
            target = len(canon_names)
            canon_names.append(name)
            canon_group.append(p.is_group)
            canon_region.append(p.region if _registered(p) else None)
        for a in aliases:
            by_alias[a].add(target)
        by_core[(p.core, p.is_group)].add(target)
        if p.org_form:   # only names with an org form lend their derived short forms
            for f in short_forms(p):
                by_short[f].add(target)
        targets.append(target)
        rules.append(LINK_RULES.index(rule))
    target_col, rule_col = pl.Series(targets, dtype=pl.Int64), pl.Series(rules, dtype=pl.Int8)
    canonical = pl.Series(canon_names, dtype=pl.String)
    ids = pl.Series([enterprise_id_for(n) for n in canon_names], dtype=pl.String)
    # output in input order; the old order dict kept a repeated (doc_id, entity_key) at its last position
    return (rows.select("doc_id", "entity_key", "_out_pos")
            .with_columns(enterprise_id=ids.gather(target_col), canonical_name=canonical.gather(target_col),
                          link_rule=pl.Series(LINK_RULES, dtype=pl.String).gather(rule_col))
            .sort("_out_pos", maintain_order=True).select(OUTPUT_SCHEMA.keys()).cast(OUTPUT_SCHEMA))
