"""Find every company a page names, resolve its aliases within the page, and keep non-enterprises apart.

Candidates come from how Chinese company names and news prose work (transforms/enterprise_patterns.py):
registered names ending in an org form, 简称 definitions, list items before 等…企业, names before job titles,
brand + place + 工厂/总部/产业园, and 字号+行业 shapes. They are clustered into entities (a shorter form joins the one
longer name it abbreviates), then every alias and derived short form is searched across the page; "A更名为B" makes
A's names B's (one company under its old and new name).
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from itertools import accumulate
from dataclasses import dataclass, field

import ahocorasick

from transforms.company_names import NAMES, parse_company_name, peel_industry, short_forms, is_generic, is_place, STRONG_FORMS
from transforms.context import ArticleContext
from transforms.enterprise_patterns import Candidate, find_candidates, find_organizations, is_clause_start


_ANAPHOR = re.compile("|".join(sorted(map(re.escape, NAMES["coreference"] + NAMES["coreference_bare"]), key=len, reverse=True))
                      + "|这家[^，。；！？、“”\n]{1,16}?的(?:%s)" % "|".join(map(re.escape, NAMES["coreference_described"])))
_BARE = set(NAMES["coreference_bare"])
_SENTENCE_END = re.compile("[。！？；\n]")
_CLAUSE_PUNCT = set("，。；！？：、“”\n")
_COREF_REACH = 300      # an antecedent further back than this is not "in view"


def _view_start(text: str, s: int) -> int:
    """Where the view of an anaphor at s starts: after the end of the sentence before its own, at most _COREF_REACH
    back; at the article start when no sentence (or only one at offset 0) ends before it."""
    lo = max(0, s - _COREF_REACH - 1)
    ends = [m.start() for m in _SENTENCE_END.finditer(text, lo, s)]
    if not ends:      # its own sentence began out of reach, unless none ends before it at all
        return s - _COREF_REACH if lo > 0 and _SENTENCE_END.search(text, 1, lo) else 0
    if ends[-1] <= 0:
        return 0
    return max((ends[-2] if len(ends) > 1 else -1) + 1, s - _COREF_REACH)


def _coreferences(text: str, mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str, str]]:
    """该公司 / 这家企业 / 这家成立于2016年的企业 / clause-initial 公司 -> the company they refer back to.

    `mentions` are (start, end, entity_key) of this article's named mentions. An anaphor is resolved only when we are
    sure: exactly one company is named in view, i.e. in the anaphor's sentence before it and in the sentence before
    that (at most _COREF_REACH characters back); none or two companies in view -> nothing. A bare 公司 must
    start a clause and not run into a longer word (公司法, 公司制). Returns (start, end, surface, entity_key)."""
    if not mentions:
        return []
    spans = sorted(mentions)
    starts = [ms for ms, _me, _k in spans]
    reach = list(accumulate((me for _ms, me, _k in spans), max))     # furthest end among spans[:i + 1]
    out = []
    for m in _ANAPHOR.finditer(text):
        s, e, word = m.start(), m.end(), m.group()
        k = bisect_left(starts, e)
        if k and reach[k - 1] > s:      # overlaps a named mention
            continue
        if word in _BARE and (s > 0 and text[s - 1] not in _CLAUSE_PUNCT or e < len(text) and text[e] in "法制化们"):
            continue
        view_start = _view_start(text, s)
        in_view = {key for ms, me, key in spans[bisect_left(starts, view_start):bisect_right(starts, s)] if me <= s}
        if len(in_view) == 1:
            out.append((s, e, word, in_view.pop()))
    return out


@dataclass
class EnterpriseExtraction:
    entities: list[dict] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    organizations: list[dict] = field(default_factory=list)


_KIND_RANK = {"full": 0, "bracket_alias": 1, "group": 2, "role": 3, "list": 4, "brand_place": 5, "shape": 6}


def _registered(p) -> bool:
    return p.org_form in STRONG_FORMS and p.org_form not in ("公司", "集团")


def _fullness(c: Candidate) -> tuple:
    p = parse_company_name(c.name)
    strong = p.org_form in STRONG_FORMS and p.org_form not in ("公司", "集团")
    return (not strong, p.org_form is None, -len(p.core), _KIND_RANK.get(c.kind, 9), c.name)


@dataclass
class _Entity:
    key: str
    names: list[str]                      # every surface form, first is the fullest
    cores: set[str]
    group: bool

    @property
    def name(self) -> str:
        return self.names[0]


def _core(name: str) -> str:
    return parse_company_name(name).core


def _abbreviates(short: str, ent: _Entity) -> bool:
    """长江计算 abbreviates 长江计算科技 (the rest is industry), 依迅 abbreviates 依迅北斗时空技术 (a cut 字号);
    莱克电气 does not abbreviate 莱克电气绿能科技: it is a 字号+行业 name of its own (the parent) and the rest is a new 字号."""
    own_industry = parse_company_name(short).industry_words or peel_industry(short)[1]
    for core in ent.cores:
        if len(short) >= len(core) or not core.startswith(short):
            continue
        rest = core[len(short):]
        if len(rest) == 1 or is_generic(rest) or not own_industry:
            return True
    return False


def _cluster(candidates: list[Candidate]) -> tuple[list[_Entity], dict[str, _Entity]]:
    entities: list[_Entity] = []
    by_surface: dict[str, _Entity] = {}
    forms: dict[str, set[int]] = defaultdict(set)     # derived short form -> entity indices
    # indexes instead of scanning every entity per candidate: core -> entities, proper core prefix -> entities
    with_core: dict[str, set[int]] = defaultdict(set)
    with_prefix: dict[str, set[int]] = defaultdict(set)
    index_of: dict[int, int] = {}
    aliases = {c.name: c for c in candidates if c.alias_of}
    unique = {c.name: c for c in candidates if c.name not in aliases}
    for c in sorted(unique.values(), key=_fullness) + list(aliases.values()):
        if c.name in by_surface:
            continue
        parsed = parse_company_name(c.name)
        core = parsed.core
        # a bare 字号 that begins several names is their group (创维 of 创维光伏, 创维安时达), not one of them
        prefix_of = with_prefix.get(core, ()) if c.name == core else ()
        same = {i for i in with_core.get(core, ()) if entities[i].group == parsed.is_group}
        if len(prefix_of) <= 1:
            same.update(forms.get(c.name, ()))
        target = by_surface.get(c.alias_of) if c.alias_of else None
        if target is None and not same and parsed.org_form is None and len(with_core.get(core, ())) == 1:
            same = set(with_core[core])      # a bare 字号 (湖北联投) of the one group with that 字号 (湖北省联投集团)
        if target is None and len(same) == 1:
            target = entities[next(iter(same))]
        elif target is None and not same and not _registered(parsed):
            # a group is the parent, never a short name of a subsidiary (协鑫集团 / 苏州协鑫光伏科技有限公司);
            # a registered name is a legal person of its own, never a short name (拓金精密（泰国）有限公司)
            hits = [i for i in with_prefix.get(core, ()) if _abbreviates(core, entities[i])
                    and not (parsed.is_group and not entities[i].group)]
            if len(hits) == 1 and len(prefix_of) <= 1:
                target = entities[hits[0]]
        if target is None:
            target = _Entity(key=f"e{len(entities) + 1}", names=[c.name], cores={core}, group=parsed.is_group)
            index_of[id(target)] = len(entities)
            entities.append(target)
        else:
            target.names.append(c.name)
            target.cores.add(core)
        idx = index_of[id(target)]
        if idx not in with_core[core]:
            with_core[core].add(idx)
            for k in range(len(core)):
                with_prefix[core[:k]].add(idx)
        by_surface[c.name] = target
        for f in short_forms(parsed):
            forms[f].add(idx)
    return entities, by_surface


def _derived_aliases(entities: list[_Entity], by_surface: dict[str, _Entity]) -> dict[str, _Entity]:
    """Every surface form that names exactly one entity: its own names plus unambiguous short forms."""
    owners: dict[str, set[int]] = defaultdict(set)
    for i, e in enumerate(entities):
        for n in e.names:
            owners[n].add(i)
            for f in short_forms(parse_company_name(n)):
                owners[f].add(i)
    aliases = dict(by_surface)
    for form, idx in owners.items():
        if form in aliases or len(idx) != 1 or is_generic(form) or is_place(form):
            continue
        aliases[form] = entities[next(iter(idx))]
    return aliases


def _alias_automaton(aliases: dict[str, _Entity]) -> ahocorasick.Automaton:
    auto = ahocorasick.Automaton()
    for a in aliases:
        auto.add_word(a, (len(a) - 1, a))
    auto.make_automaton()
    return auto


def _search(text: str, auto: ahocorasick.Automaton, blocked: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping occurrences of the aliases (in `auto`), outside blocked spans."""
    if not len(auto):
        return []
    hits = sorted((end - n, -end - 1, a) for end, (n, a) in auto.iter(text))
    out, last = [], -1
    for s, e, a in hits:
        e = -e
        if s < last:
            continue
        k = bisect_right(blocked, (s, len(text) + 1)) - 1   # blocked spans are sorted and do not nest
        if k >= 0 and blocked[k][0] <= s and e <= blocked[k][1]:
            continue
        # a Latin alias must not cut a word (TCL in TCLX); a two-character alias only where a clause starts
        if a.isascii() and ((s > 0 and text[s - 1].isascii() and text[s - 1].isalnum())
                            or (e < len(text) and text[e].isascii() and text[e].isalnum())):
            continue
        if len(a) <= 2 and not is_clause_start(text, s, e):
            continue
        out.append((s, e, a))
        last = e
    return out


_RENAME = re.compile(r"[%s]{0,4}(?:%s)[“\"「]?" % (re.escape(NAMES["rename_adverb_chars"]),
                                                  "|".join(map(re.escape, NAMES["rename_verbs"]))))


_RENAME_HINTS = tuple({v[-2:] for v in NAMES["rename_verbs"]})


def _merge_renamed(rows: list[tuple], texts: dict[str, str]) -> list[tuple]:
    """"A（正式）更名为B": A and B are one company under its old and new name; B's entity takes A's names.

    `rows` are (entity, article_id, mention, start, end); returns them with every A replaced by its B."""
    if not any(w in t for t in texts.values() for w in _RENAME_HINTS):
        return rows
    by_art: dict[str, list[tuple]] = defaultdict(list)
    for r in rows:
        by_art[r[1]].append(r)
    renamed: dict[int, _Entity] = {}
    for art, rs in by_art.items():
        text = texts[art]
        rs.sort(key=lambda r: r[3])
        for (old, _a, _m, _s, e), (new, _a2, _m2, s2, _e2) in zip(rs, rs[1:]):
            m = _RENAME.fullmatch(text, e, s2) if s2 - e <= 12 else None
            if m and old is not new and id(new) not in renamed:
                renamed[id(old)] = new
    if not renamed:
        return rows
    def final(ent: _Entity) -> _Entity:
        seen = set()
        while id(ent) in renamed and id(ent) not in seen:
            seen.add(id(ent))
            ent = renamed[id(ent)]
        return ent
    merged: set[tuple[int, int]] = set()
    for r in rows:
        new = final(r[0])
        if new is not r[0] and (id(r[0]), id(new)) not in merged:
            merged.add((id(r[0]), id(new)))
            new.names.extend(n for n in r[0].names if n not in new.names)
            new.cores |= r[0].cores
            # the new name is canonical when it is registered; else the old registered name is the fullest
            if not _registered(parse_company_name(new.names[0])):
                new.names.sort(key=lambda n: not _registered(parse_company_name(n)))
    return [(final(ent), *rest) for ent, *rest in rows]


class _Spans:
    """Spans taken so far in one article; they never overlap each other, so sorted starts give sorted ends."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.spans: list[tuple[int, int]] = []
        self.degenerate = False      # an empty span breaks the sorted-ends invariant: fall back to a scan

    def overlaps(self, s: int, e: int) -> bool:
        if self.degenerate or s >= e:
            return any(ts < e and s < te for ts, te in self.spans)
        k = bisect_left(self.starts, e) - 1
        return k >= 0 and self.ends[k] > s

    def add(self, s: int, e: int) -> None:
        self.spans.append((s, e))
        self.degenerate |= s >= e
        k = bisect_left(self.starts, s)
        self.starts.insert(k, s)
        self.ends.insert(k, e)


def extract_enterprises(articles: list[ArticleContext]) -> EnterpriseExtraction:
    result = EnterpriseExtraction()
    per_article: list[tuple[ArticleContext, list[Candidate], list[dict]]] = []
    all_candidates: list[Candidate] = []
    for a in articles:
        orgs = find_organizations(a.text)
        cands = find_candidates(a.text, orgs)
        per_article.append((a, cands, orgs))
        all_candidates.extend(cands)
        for o in orgs:
            result.organizations.append(dict(name=o["name"], org_type=o["org_type"], article_id=a.article_id,
                                             mention=o["name"], start=o["start"], end=o["end"]))
    if not all_candidates:
        return result
    entities, by_surface = _cluster(all_candidates)
    aliases = _derived_aliases(entities, by_surface)
    alias_auto = _alias_automaton(aliases)
    seen_mentions: Counter = Counter()
    rows = []
    for a, cands, orgs in per_article:
        taken = _Spans()
        for c in sorted(cands, key=lambda c: (c.start, -c.end)):
            if taken.overlaps(c.start, c.end):
                continue
            taken.add(c.start, c.end)
            rows.append((by_surface[c.name], a.article_id, c.name, c.start, c.end))
        # derived forms inside an organisation's name do not count (地大 in 地大宝谷创新创业中心),
        # unless the organisation is named after the company (TCL空调武汉智能制造产业园)
        blocked = sorted((o["start"], o["end"]) for o in orgs)
        for s, e, alias in _search(a.text, alias_auto, blocked):
            if taken.overlaps(s, e):
                continue
            taken.add(s, e)
            rows.append((aliases[alias], a.article_id, alias, s, e))
    rows = _merge_renamed(rows, {a.article_id: a.text for a in articles})
    used = {id(r[0]) for r in rows}
    for ent, art, mention, s, e in sorted(rows, key=lambda r: (r[1], r[3])):
        result.mentions.append(dict(entity_key=ent.key, article_id=art, mention=mention, start=s, end=e, kind="name"))
        seen_mentions[(ent.key, mention)] += 1
    by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for m in result.mentions:
        by_article[m["article_id"]].append((m["start"], m["end"], m["entity_key"]))
    coref = [dict(entity_key=k, article_id=a.article_id, mention=w, start=s, end=e, kind="coreference")
             for a, _c, _o in per_article for s, e, w, k in _coreferences(a.text, by_article.get(a.article_id, []))]
    result.mentions = sorted(result.mentions + coref, key=lambda m: (m["article_id"], m["start"]))
    mentioned_as: dict[str, set[str]] = defaultdict(set)
    for k, m in seen_mentions:
        mentioned_as[k].add(m)
    for ent in entities:
        if id(ent) not in used:
            continue
        surfaces = sorted(mentioned_as[ent.key] | set(ent.names), key=lambda n: (-len(n), n))
        name = ent.name
        p = parse_company_name(name)
        shorter = [(seen_mentions[(ent.key, m)], -len(m), m) for m in surfaces if len(m) < len(name) and m != name]
        short = max(shorter)[2] if shorter else None
        result.entities.append(dict(entity_key=ent.key, name=name, short_name=short, region=p.region,
                                    industry=p.industry, org_form=p.org_form, aliases=surfaces))
    return result
