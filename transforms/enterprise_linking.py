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
from collections import defaultdict

import polars as pl

from transforms.company_names import STRONG_FORMS, parse_company_name, short_forms

OUTPUT_SCHEMA = {"doc_id": pl.String, "entity_key": pl.String, "enterprise_id": pl.String,
                 "canonical_name": pl.String, "link_rule": pl.String}


def enterprise_id_for(canonical_name: str) -> str:
    return "ent_" + hashlib.sha1(canonical_name.encode("utf-8")).hexdigest()[:12]


def _norm(s: str) -> str:
    return "".join(s.split()).replace("(", "（").replace(")", "）")


def _fullness(row: dict) -> tuple:
    p = parse_company_name(_norm(row["name"]))
    registered = p.org_form in STRONG_FORMS and p.org_form not in ("公司", "集团")
    return (not registered, p.org_form is None, -len(p.core), -len(row["name"]), row["name"], row["doc_id"], row["entity_key"])


def _registered(p) -> bool:
    return p.org_form in STRONG_FORMS and p.org_form not in ("公司", "集团")


def _other_region(p, canon_row: dict) -> bool:
    """Two registered names with the same 字号+行业 in different regions are different companies (subsidiaries)."""
    return _registered(p) and bool(p.region) and bool(canon_row["region"]) and canon_row["region"] != p.region


def link_enterprises(doc_entities: pl.DataFrame) -> pl.DataFrame:
    if doc_entities.is_empty():
        return pl.DataFrame(schema=OUTPUT_SCHEMA)
    rows = doc_entities.select("doc_id", "entity_key", "name", "aliases").to_dicts()
    canon: list[dict] = []                         # canonical_name, cores, group
    by_alias: dict[str, set[int]] = defaultdict(set)
    by_core: dict[tuple[str, bool], set[int]] = defaultdict(set)
    by_short: dict[str, set[int]] = defaultdict(set)
    out = []
    for row in sorted(rows, key=_fullness):
        name = _norm(row["name"])
        aliases = {_norm(a) for a in (row["aliases"] or [])} | {name}
        p = parse_company_name(name)
        target, rule = None, "new"
        same_core = by_core.get((p.core, p.is_group), ())
        if len(by_alias.get(name, ())) == 1:
            target, rule = next(iter(by_alias[name])), "exact_name"
        elif len(same_core) == 1 and not _other_region(p, canon[next(iter(same_core))]):
            target, rule = next(iter(same_core)), "same_core"
        else:
            hits = {i for a in aliases if len(by_alias.get(a, ())) == 1 for i in by_alias[a]}
            if len(hits) == 1:
                target, rule = hits.pop(), "alias_of"
            elif not _registered(p):    # a registered name is a legal person of its own, never another's short name
                hits = {i for a in (name, p.core) if len(by_short.get(a, ())) == 1 for i in by_short[a]}
                hits = {i for i in hits if not (p.is_group and not canon[i]["group"])}  # a group is a parent
                if len(hits) == 1:
                    target, rule = hits.pop(), "short_name_of"
        if target is None:
            target = len(canon)
            canon.append(dict(canonical_name=name, group=p.is_group, region=p.region if _registered(p) else None))
        for a in aliases:
            by_alias[a].add(target)
        by_core[(p.core, p.is_group)].add(target)
        if p.org_form:   # only names with an org form lend their derived short forms
            for f in short_forms(p):
                by_short[f].add(target)
        c = canon[target]
        out.append(dict(doc_id=row["doc_id"], entity_key=row["entity_key"], enterprise_id=enterprise_id_for(c["canonical_name"]),
                        canonical_name=c["canonical_name"], link_rule=rule))
    order = {(r["doc_id"], r["entity_key"]): i for i, r in enumerate(rows)}
    out.sort(key=lambda r: order[(r["doc_id"], r["entity_key"])])
    return pl.DataFrame(out, schema=OUTPUT_SCHEMA)
