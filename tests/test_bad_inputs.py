"""Bad input: every file gets a clear, recorded outcome, the run goes on, and nothing already loaded is lost."""
from __future__ import annotations

import codecs
import hashlib
import os
from pathlib import Path

import duckdb
import pytest

from flows.cli import main
from tests.conftest import seed_text

SEED = seed_text()
SALAD = ("数字沙拉：1,2,3,4亿元，..亿元，亿元亿元，同比增长%，１２０亿，（未闭合的括号“引号。"
         "99999999999999999999999亿元，0.0.0%，增长-%。\n") * 20

# relative path -> (content, expected status, what the reason must mention)
CASES: dict[str, tuple[bytes | None, str, str]] = {
    "adv/2024-11-04/empty.txt": (b"", "rejected", "empty"),
    "adv/2024-11-04/blank.txt": (b" \n\t \r\n\n", "rejected", "empty"),
    "adv/2024-11-04/image.png": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, "rejected", "not UTF-8"),
    "adv/2024-11-04/nul.txt": (SEED[:500].encode() + b"\x00" + SEED[500:1000].encode(), "rejected", "NUL"),
    "adv/2024-11-04/gbk.txt": (SEED.encode("gb18030"), "loaded", ""),
    "adv/2024-11-04/utf16.txt": (codecs.BOM_UTF16_LE + SEED.encode("utf-16-le"), "loaded", ""),
    "adv/2024-11-04/utf8bom.txt": (codecs.BOM_UTF8 + SEED.encode(), "loaded", ""),
    "adv/2024-11-04/truncated.txt": (SEED.rstrip().encode()[:-1], "loaded", ""),  # cut inside 。
    "adv/2024-11-04/undecodable.txt": (bytes([0x80, 0xFF]) * 500, "rejected", "not UTF-8"),
    "adv/2024-11-04/huge.txt": (b"1" * (50 * 1024 * 1024), "rejected", "page limit"),
    "adv/2024-11-04/digits.txt": (b"1" * 1_000_000, "loaded", ""),
    "adv/2024-11-04/salad.txt": (SALAD.encode(), "loaded", ""),
    "adv/2024-11-04/名字 with spaces.txt": (SEED.encode(), "loaded", ""),
    "adv/2024-13-45/impossible.txt": (SEED.encode(), "rejected", "impossible date folder"),
    "badtoml/2024-11-04/page.txt": (SEED.encode(), "rejected", "malformed"),
    "notoml/2024-11-04/page.txt": (SEED.encode(), "loaded", ""),
    "adv/2024-11-04/outside-link.txt": (None, "rejected", "outside the raw root"),
    "adv/2024-11-04/loop-link.txt": (None, "rejected", "symlink"),
}


def _write_bad_inputs(raw: Path, outside: Path) -> None:
    (raw / "adv").mkdir()
    (raw / "adv" / "source.toml").write_text('name = "对抗报"\ncity = "武汉市"\n', encoding="utf-8")
    (raw / "badtoml").mkdir()
    (raw / "badtoml" / "source.toml").write_text('name = "未闭合\ncity = \n', encoding="utf-8")
    for rel, (content, _status, _reason) in CASES.items():
        path = raw / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if content is not None:
            path.write_bytes(content)
    outside.write_text(SEED, encoding="utf-8")
    os.symlink(outside, raw / "adv/2024-11-04/outside-link.txt")
    os.symlink(raw / "adv/2024-11-04/loop-link.txt", raw / "adv/2024-11-04/loop-link.txt")
    os.symlink(outside.parent, raw / "adv" / "linked-folder")  # a symlinked folder is never descended


def _good_rows(db: Path) -> str:
    con = duckdb.connect(str(db), read_only=True)
    rows = []
    for table in ("documents", "articles", "indicators", "events", "enterprise_mentions"):
        rows += [repr(r) for r in con.sql(
            f"SELECT * EXCLUDE (run_id{', loaded_at' if table == 'documents' else ''}) FROM {table} "
            f"WHERE doc_id NOT LIKE 'adv/%' AND doc_id NOT LIKE 'notoml/%'"
            if table != "enterprise_mentions" else
            "SELECT * FROM enterprise_mentions WHERE doc_id NOT LIKE 'adv/%' AND doc_id NOT LIKE 'notoml/%'").fetchall()]
    con.close()
    return hashlib.sha256("\n".join(sorted(rows)).encode()).hexdigest()


def test_bad_inputs_are_recorded_and_lose_nothing(prefect_harness, raw_copy, tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    assert main(["run", "--raw", str(raw_copy), "--db", str(db)]) == 0
    before = _good_rows(db)

    _write_bad_inputs(raw_copy, tmp_path / "outside.txt")
    capsys.readouterr()
    assert main(["run", "--raw", str(raw_copy), "--db", str(db)]) == 0  # rejects do not fail a run…
    printed = capsys.readouterr().out
    assert main(["run", "--raw", str(raw_copy), "--db", str(db), "--strict"]) == 1  # …unless --strict

    con = duckdb.connect(str(db), read_only=True)
    run_id = con.execute("SELECT run_id FROM etl_runs WHERE status = 'completed_with_rejects' "
                         "ORDER BY started_at LIMIT 1").fetchone()[0]
    outcome = {p: (s, r or "") for p, s, r in con.execute(
        "SELECT source_path, status, coalesce(stage || ': ' || reason, warnings) FROM file_status WHERE run_id = ?",
        [run_id]).fetchall()}
    quarantined = con.execute("SELECT count(*) FROM quarantine WHERE run_id = ?", [run_id]).fetchone()[0]
    salad_values = [r[0] for r in con.execute(
        "SELECT value_norm FROM indicators WHERE doc_id = 'adv/2024-11-04/salad'").fetchall()]
    warnings = con.execute("SELECT warnings FROM file_status WHERE run_id = ? AND source_path LIKE '%truncated%'",
                           [run_id]).fetchone()[0]
    con.close()

    wrong = {rel: (outcome.get(rel), status, reason) for rel, (_c, status, reason) in CASES.items()
             if outcome.get(rel, ("missing", ""))[0] != status or reason not in outcome[rel][1]}
    assert not wrong
    assert "truncated" in warnings
    assert not any(p.startswith("adv/linked-folder") for p in outcome)
    rejected = [rel for rel, (_c, status, _r) in CASES.items() if status == "rejected"]
    assert all(rel in printed for rel in rejected)
    assert all(abs(v) < 1e16 for v in salad_values) and quarantined >= 1  # 99999…亿元 went to quarantine
    lost = before != _good_rows(db)
    assert not lost
    print(f"\nbad inputs tried: {len(CASES)}, rejected with a reason: {len(rejected)}, "
          f"loaded: {len(CASES) - len(rejected)}, rows quarantined: {quarantined}, good rows lost: {int(lost)}")


def test_a_failing_run_exits_nonzero_with_one_line_and_changes_nothing(prefect_harness, raw_copy, tmp_path, capsys,
                                                                      monkeypatch):
    from flows.warehouse import writer_lock
    db = tmp_path / "w.duckdb"
    assert main(["run", "--raw", str(raw_copy), "--db", str(db)]) == 0
    before = db.read_bytes()
    monkeypatch.setenv("NEWSWARE_LOCK_TIMEOUT", "0.5")
    capsys.readouterr()
    with writer_lock(db, timeout=1):  # another writer holds the warehouse
        assert main(["run", "--raw", str(raw_copy), "--db", str(db), "--force"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "another newsware run is writing" in err[0]
    assert db.read_bytes() == before


@pytest.mark.parametrize("args", [["backfill", "--from", "2024-11-05", "--to", "2024-11-01"],
                                  ["backfill", "--from", "2024-13-01", "--to", "2024-11-01"]])
def test_backfill_rejects_a_bad_range(args, capsys):
    with pytest.raises(SystemExit) if "2024-13-01" in args else _nothing():
        assert main(args) == 2


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
