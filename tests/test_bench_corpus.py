"""The benchmark's synthetic corpus: deterministic, every page distinct, page-sized, in the raw layout the flow reads."""
from __future__ import annotations

import hashlib

from flows.bench_corpus import PAGE_CHARS, build_corpus, corpus_is_current
from flows.raw_files import discover_raw_files
from tests.conftest import RAW


def _digests(root) -> dict[str, str]:
    return {f.rel_path: hashlib.sha256(f.path.read_bytes()).hexdigest() for f in discover_raw_files(root)}


def test_corpus_is_deterministic_distinct_and_page_sized(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    pages, chars = build_corpus(RAW, first, 40)
    build_corpus(RAW, second, 40)
    files = discover_raw_files(first)
    assert pages == len(files) == 40
    assert _digests(first) == _digests(second)
    assert len(set(_digests(first).values())) == 40
    assert all(not f.problem and f.folder_date is not None for f in files)
    sizes = [len(f.path.read_text(encoding="utf-8")) for f in files]
    assert min(sizes) >= PAGE_CHARS and chars == sum(sizes)
    assert corpus_is_current(RAW, first, 40) and not corpus_is_current(RAW, first, 41)


def test_cli_quiet_run_prints_nothing(prefect_harness, tmp_path, capsys):
    from flows.cli import main
    assert main(["run", "--raw", str(RAW), "--db", str(tmp_path / "w.duckdb"), "--quiet"]) == 0
    out = capsys.readouterr()
    assert out.out == ""
