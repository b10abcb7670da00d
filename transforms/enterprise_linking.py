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
from collections.abc import Iterable
from dataclasses import dataclass, field

import polars as pl

from transforms.company_names import STRONG_FORMS, parse_company_name, short_forms

OUTPUT_SCHEMA = {"doc_id": pl.String, "entity_key": pl.String, "enterprise_id": pl.String,
                 "canonical_name": pl.String, "link_rule": pl.String}
LINK_RULES = ("new", "exact_name", "same_core", "alias_of", "short_name_of")


def enterprise_id_for(canonical_name: str) -> str:
    return "ent_" + hashlib.sha1(canonical_name.encode("utf-8")).hexdigest()[:12]


def _norm(s: str) -> str:
    return "".join(s.split()).replace("(", "（").replace(")", "）")


def _fullness_key(name: str) -> tuple:
    """Registered names first, then names with an org form, then the longer 字号+行业 and the longer name."""
    p = parse_company_name(_norm(name))
    return (not _registered(p), p.org_form is None, -len(p.core), -len(name), name)


def _visit_order(doc_entities: pl.DataFrame) -> pl.Series:
    """Row numbers, fullest name first; rows of one name stay together, ordered by doc_id, entity_key, then input order."""
    names = fullness_order(doc_entities["name"].unique().to_list())
    name_rank = pl.col("name").replace_strict(names, range(len(names)), return_dtype=pl.UInt32)
    return doc_entities.select(pl.arg_sort_by(name_rank, "doc_id", "entity_key", maintain_order=True)).to_series()


def _names_and_aliases(doc_entities: pl.DataFrame, order: pl.Series, chunk: int = 8192):
    """(name, aliases) of each row in `order`, materialised one chunk at a time."""
    for start in range(0, len(order), chunk):
        part = doc_entities.select("name", "aliases")[order.slice(start, chunk)]
        yield from part.iter_rows()


def _output_positions(doc_entities: pl.DataFrame, order: pl.Series) -> pl.Series:
    """Output position of each visited row: its input row, but a repeated (doc_id, entity_key) goes to the last of its
    rows. The exact check is a string group-by (memory-hungry), so it runs only if the keys' hashes repeat."""
    keys = doc_entities.select("doc_id", "entity_key")
    if not keys.select(pl.struct("doc_id", "entity_key").hash().is_duplicated().any()).item():
        return order
    return keys.with_row_index("row").select(pl.col("row").max().over("doc_id", "entity_key")).to_series().gather(order)


def _registered(p) -> bool:
    return p.org_form in STRONG_FORMS and p.org_form not in ("公司", "集团")


def _other_region(p, canon_region: str | None) -> bool:
    """Two registered names with the same 字号+行业 in different regions are different companies (subsidiaries)."""
    return _registered(p) and bool(p.region) and bool(canon_region) and canon_region != p.region


def fullness_order(names: list[str]) -> list[str]:
    """Distinct names in visit order: the fullest first (a total order, so every caller visits alike)."""
    return sorted(names, key=_fullness_key)


@dataclass
class Visits:
    """What linking decided for each visited row, and the enterprises it found."""
    targets: array = field(default_factory=lambda: array("l"))  # per visited row: enterprise index
    rules: array = field(default_factory=lambda: array("b"))    # per visited row: index into LINK_RULES
    canon_names: list[str] = field(default_factory=list)        # per enterprise


def link_visits(rows: Iterable[tuple[str, list[str] | None]]) -> Visits:
    """Link (name, aliases) rows given in visit order (`fullness_order` of their names, rows of one name together).

    Python state is per name and per enterprise, so the rows can stream from the warehouse."""
    out = Visits()
    canon_group: list[bool] = []
    canon_region: list[str | None] = []          # region of a registered canonical name
    by_alias: dict[str, set[int]] = defaultdict(set)
    by_core: dict[tuple[str, bool], set[int]] = defaultdict(set)
    by_short: dict[str, set[int]] = defaultdict(set)
    raw_name = None
    for next_raw_name, row_aliases in rows:
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
            target = len(out.canon_names)
            out.canon_names.append(name)
            canon_group.append(p.is_group)
            canon_region.append(p.region if _registered(p) else None)
        for a in aliases:
            by_alias[a].add(target)
        by_core[(p.core, p.is_group)].add(target)
        if p.org_form:   # only names with an org form lend their derived short forms
            for f in short_forms(p):
                by_short[f].add(target)
        out.targets.append(target)
        out.rules.append(LINK_RULES.index(rule))
    return out


def link_enterprises(doc_entities: pl.DataFrame) -> pl.DataFrame:
    """One link per (doc_id, entity_key) row, in input order."""
    if doc_entities.is_empty():
        return pl.DataFrame(schema=OUTPUT_SCHEMA)
    order = _visit_order(doc_entities)
    visits = link_visits(_names_and_aliases(doc_entities, order))
    links = pl.DataFrame({"row": order, "target": pl.Series(visits.targets, dtype=pl.Int64),
                          "rule": pl.Series(visits.rules, dtype=pl.Int8),
                          "out_pos": _output_positions(doc_entities, order)}).sort("out_pos", maintain_order=True)
    enterprises = enterprise_table(visits.canon_names)
    return pl.DataFrame({"doc_id": doc_entities["doc_id"].gather(links["row"]),
                         "entity_key": doc_entities["entity_key"].gather(links["row"]),
                         "enterprise_id": enterprises["enterprise_id"].gather(links["target"]),
                         "canonical_name": enterprises["canonical_name"].gather(links["target"]),
                         "link_rule": pl.Series(LINK_RULES, dtype=pl.String).gather(links["rule"])}, schema=OUTPUT_SCHEMA)


def enterprise_table(canon_names: list[str]) -> pl.DataFrame:
    """target (enterprise index) -> enterprise_id, canonical_name."""
    return pl.DataFrame({"target": range(len(canon_names)),
                         "enterprise_id": [enterprise_id_for(n) for n in canon_names],
                         "canonical_name": canon_names},
                        schema={"target": pl.Int64, "enterprise_id": pl.String, "canonical_name": pl.String})
