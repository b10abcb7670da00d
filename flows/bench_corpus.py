"""A synthetic corpus for the benchmark: N distinct pages recombined, deterministically, from the real raw corpus.

Each page is built from runs of consecutive paragraphs ("articles") of real pages until it reaches about
`PAGE_CHARS` characters; numbers, dates and company-name places are varied so every page is distinct while it keeps
the shapes the extractors look for. Pages are written one at a time: the corpus is never held in memory.
"""
from __future__ import annotations

import hashlib
import random
import re
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from flows.raw_files import SOURCE_META, discover_raw_files

PAGE_CHARS = 8000
PAGES_PER_ISSUE = 8
FIRST_ISSUE = date(2015, 1, 1)
SEED = 20261127

_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-3]\d)(?=\s*年)")
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})(\s*月\s*)(\d{1,2})(?=\s*日)")
_NUMBER = re.compile(r"(?<![\d.])(\d+)(\.\d+)?(?![\d年])")
CITIES = ("武汉", "苏州", "宁德", "大庆", "天津", "合肥", "成都", "西安", "长沙", "南京", "杭州", "青岛", "厦门", "郑州",
          "济南", "无锡", "佛山", "东莞", "宁波", "昆明")
# the place a company name starts with (武汉长江国际贸易集团有限公司): swapped for another city
_COMPANY = re.compile(f"(?:{'|'.join(CITIES)})(?=[\u4e00-\u9fff]{{0,12}}?(?:有限|集团|股份))")


@dataclass(frozen=True)
class _Source:
    name: str          # the source folder
    paragraphs: list[str]


def _load_sources(raw_root: Path) -> tuple[list[_Source], dict[str, Path]]:
    pages, metas = [], {}
    for f in discover_raw_files(raw_root):
        if f.problem:
            continue
        text = f.path.read_bytes().decode("utf-8", errors="ignore").replace("\r\n", "\n")
        paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", text) if p.strip()]
        if paragraphs:
            pages.append(_Source(f.source, paragraphs))
        if f.source_dir and (f.source_dir / SOURCE_META).is_file():
            metas[f.source] = f.source_dir / SOURCE_META
    if not pages:
        raise ValueError(f"no readable pages under {raw_root} to build a corpus from")
    return pages, metas


def _vary(text: str, rng: random.Random, year_shift: int) -> str:
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + year_shift), text)
    text = _MONTH_DAY.sub(lambda m: f"{rng.randint(1, 12)}{m.group(2)}{rng.randint(1, 28)}", text)

    def number(m: re.Match) -> str:
        whole, frac = m.group(1), m.group(2) or ""
        if len(whole) == 4 and whole.startswith(("19", "20")):  # a year without 年 (2020-2022): leave it
            return m.group(0)
        value = max(1, round(int(whole) * rng.uniform(0.6, 1.4)))
        return str(value) + ("." + "".join(rng.choice("0123456789") for _ in frac[1:]) if frac else "")

    text = _NUMBER.sub(number, text)
    return _COMPANY.sub(lambda m: rng.choice(CITIES), text)


def page_text(sources: list[_Source], index: int) -> str:
    """Page `index` of the corpus: the same text for the same index and source corpus, every time."""
    rng = random.Random(SEED * 1_000_003 + index)
    year_shift = rng.randint(-8, 2)
    parts, size = [], 0
    while size < PAGE_CHARS:
        src = rng.choice(sources)
        start = rng.randrange(len(src.paragraphs))
        run = src.paragraphs[start:start + rng.randint(3, 12)]
        article = _vary("\n\n".join(run), rng, year_shift)
        parts.append(article)
        size += len(article)
    return "\n\n".join(parts) + "\n"


def page_path(root: Path, source_names: list[str], index: int) -> Path:
    """<source>/<YYYY-MM-DD>/<NNN>.txt: sources in turn, PAGES_PER_ISSUE pages per source per day."""
    source = source_names[index % len(source_names)]
    per_source = index // len(source_names)
    day = FIRST_ISSUE + timedelta(days=per_source // PAGES_PER_ISSUE)
    return root / source / day.isoformat() / f"{per_source % PAGES_PER_ISSUE + 1:03d}.txt"


_worker_sources: list[_Source] = []


def _init_worker(raw_root: str) -> None:
    _worker_sources[:] = _load_sources(Path(raw_root))[0]


def _page_job(index: int) -> tuple[int, str]:
    return index, page_text(_worker_sources, index)


def build_corpus(raw_root: Path, target: Path, pages: int, workers: int = 1) -> tuple[int, int]:
    """Write `pages` distinct pages under `target` (emptied first). Returns (pages, characters)."""
    sources, metas = _load_sources(raw_root)
    source_names = sorted({s.name for s in sources})
    if target.exists():
        shutil.rmtree(target)
    for name in source_names:
        (target / name).mkdir(parents=True)
        if name in metas:
            shutil.copyfile(metas[name], target / name / SOURCE_META)
    seen: set[bytes] = set()
    chars = 0

    def write(i: int, text: str) -> None:
        nonlocal chars
        attempt = 0
        while (digest := hashlib.blake2b(text.encode(), digest_size=8).digest()) in seen:
            attempt += 1  # practically never: a repeat gets the next variant
            text = page_text(sources, i + attempt * 10_000_019)
        seen.add(digest)
        path = page_path(target, source_names, i)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        chars += len(text)

    if workers <= 1:
        for i in range(pages):
            write(i, page_text(sources, i))
    else:
        import multiprocessing
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(workers, initializer=_init_worker, initargs=(str(raw_root),)) as pool:
            for i, text in pool.imap(_page_job, range(pages), chunksize=64):
                write(i, text)
    (target / STAMP).write_text(stamp(raw_root, pages), encoding="utf-8")
    return pages, chars


STAMP = ".bench-corpus"


def stamp(raw_root: Path, pages: int) -> str:
    """What a corpus folder was built from: reuse it only when this matches."""
    digest = hashlib.sha256()
    for f in discover_raw_files(raw_root):
        if not f.problem:
            digest.update(f.rel_path.encode() + f.path.read_bytes())
    return f"pages={pages} seed={SEED} page_chars={PAGE_CHARS} raw={digest.hexdigest()[:16]}\n"


def corpus_is_current(raw_root: Path, target: Path, pages: int) -> bool:
    marker = target / STAMP
    return marker.is_file() and marker.read_text(encoding="utf-8") == stamp(raw_root, pages)
