"""Score the extractors on the held-out articles in tests/fixtures/unseen (invented companies, styles the corpus lacks).

    .venv/bin/python tests/unseen_score.py [--json] [--keep DIR]

Each fixture <name>.txt is laid out as a raw source (<tmp>/raw/<name>/<issue date>/<name>.txt with a source.toml
taken from the key's document block), the pipeline is run into a temporary warehouse with the newsware CLI, and
/work/shared/eval/score.py (or $NEWSWARE_SCORER) scores it against <name>.json.

The sets, by how much they have been looked at: ent_*, ie_*, fa_*, fb_* were tuned against (their scores are optimistic);
fc_* and fd_* were only summarised into general causes for one round of fixes; fe_* has never been looked at by anyone
tuning an extractor (the honest estimate; write a fresh set before it is used for tuning).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "unseen"
SCORER = Path(os.environ.get("NEWSWARE_SCORER", ROOT.parent / "shared" / "eval" / "score.py"))


def _toml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def build_raw(raw: Path, pattern: str = "*.json") -> list[Path]:
    keys = sorted(FIXTURES.glob(pattern))
    for key in keys:
        doc = json.loads(key.read_text(encoding="utf-8"))["document"]
        src = raw / key.stem
        day = src / (doc["issue_date"] or "undated")
        day.mkdir(parents=True)
        lines = [f"name = {_toml_str(doc['publication'])}"] + ([f"city = {_toml_str(doc['city'])}"] if doc["city"] else [])
        (src / "source.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        shutil.copyfile(key.with_suffix(".txt"), day / f"{key.stem}.txt")
    return keys


def score_unseen(workdir: Path, pattern: str = "*.json") -> dict:
    keys = build_raw(workdir / "raw", pattern)
    db = workdir / "unseen.duckdb"
    exe = Path(sys.executable).with_name("newsware")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "flows.cli"]
    subprocess.run(cmd + ["run", "--raw", str(workdir / "raw"), "--db", str(db), "--force", "--quiet"],
                   cwd=ROOT, check=True)
    spec = importlib.util.spec_from_file_location("newsware_score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer.score(str(db), [str(k) for k in keys])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--pattern", default="*.json", help="which keys, e.g. 'ent_*.json' (the enterprise set)")
    ap.add_argument("--keep", help="build the raw root and warehouse in this directory and keep them")
    a = ap.parse_args()
    if a.keep:
        work = Path(a.keep)
        shutil.rmtree(work, ignore_errors=True)
        work.mkdir(parents=True)
        res = score_unseen(work, a.pattern)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            res = score_unseen(Path(tmp), a.pattern)
    if a.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
        return 0
    for doc, r in res.items():
        if doc == "ALL":
            continue
        t = r["enterprises"]
        print(f"{doc:20s} P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}")
        for m in t["missed"]:
            print(f"      missed {m}")
        for fp in t["false_positives"]:
            print(f"      false positive {fp}")
        for s in t["split_entities"]:
            print(f"      split {s}")
    t = res["ALL"]["enterprises"]
    print(f"ALL enterprises micro P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}; "
          f"mean document F1={t['mean_document_f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
