"""`newsware` command line: run, backfill (and the analyst and operator commands)."""
from __future__ import annotations

import argparse
import sys
from datetime import date

import flows.prefect_env  # noqa: F401  (settings before prefect)
from flows import reports, review, serve
from flows.config import load_settings


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _common(p: argparse.ArgumentParser, settings) -> None:
    p.add_argument("--db", default=settings.db_path, help=f"warehouse file (default {settings.db_path})")


def build_parser() -> argparse.ArgumentParser:
    settings = load_settings()
    parser = argparse.ArgumentParser(prog="newsware", description="Chinese newspaper pages to a DuckDB warehouse.")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="load new and changed pages from the raw root")
    _common(run, settings)
    run.add_argument("--raw", default=settings.raw_root, help=f"raw root (default {settings.raw_root})")
    run.add_argument("--force", action="store_true", help="reprocess every file, changed or not")
    run.add_argument("--strict", action="store_true", help="exit non-zero when any file is rejected")
    run.add_argument("--batch-size", type=int, default=settings.batch_size)
    run.add_argument("--quiet", action="store_true", help="print nothing but errors (for cron)")

    backfill = sub.add_parser("backfill", help="reprocess the pages whose issue date falls in a range")
    _common(backfill, settings)
    backfill.add_argument("--raw", default=settings.raw_root)
    backfill.add_argument("--from", dest="date_from", type=_date, required=True, metavar="YYYY-MM-DD")
    backfill.add_argument("--to", dest="date_to", type=_date, required=True, metavar="YYYY-MM-DD")
    backfill.add_argument("--source", help="only this source folder (e.g. changjiang-daily)")
    backfill.add_argument("--strict", action="store_true")
    backfill.add_argument("--batch-size", type=int, default=settings.batch_size)
    backfill.add_argument("--quiet", action="store_true")

    for module in (reports, review, serve):  # analyst and operator commands: report, review, serve
        module.add_parser(sub, lambda p: _common(p, settings))
    return parser


def _print_summary(summary) -> None:
    print(f"run {summary.run_id}: {summary.status} in {summary.seconds:.1f} s")
    print(f"  files: {summary.files_seen} seen, {summary.files_loaded} loaded, {summary.files_skipped} skipped "
          f"(unchanged), {summary.files_rejected} rejected; {summary.rows_quarantined} rows quarantined")
    if not summary.files_loaded and not summary.files_rejected:
        print("  nothing new to load: the warehouse is unchanged")
    for r in summary.rejects:
        print(f"  rejected {r['source_path']} at {r['stage']}: {r['reason']}")
    counts = ", ".join(f"{k} {v}" for k, v in summary.row_counts.items())
    print(f"  warehouse rows: {counts}")


def _ingest(args) -> int:
    from flows.ingest import ingest
    kwargs = dict(raw_root=args.raw, db_path=args.db, batch_size=args.batch_size, command=args.command,
                  lock_timeout=load_settings().lock_timeout)
    if args.command == "run":
        kwargs.update(force=args.force)
    else:
        if args.date_from > args.date_to:
            print(f"newsware: --from {args.date_from} is after --to {args.date_to}", file=sys.stderr)
            return 2
        kwargs.update(force=True, date_from=args.date_from, date_to=args.date_to, source=args.source)
    summary = ingest(**kwargs)
    if not args.quiet:
        _print_summary(summary)
    return 1 if args.strict and summary.files_rejected else 0


COMMANDS = {"run": _ingest, "backfill": _ingest, "report": reports.command, "review": review.command,
            "serve": serve.command}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("newsware: interrupted; the warehouse was left as it was before this run", file=sys.stderr)
        return 130
    except Exception as err:  # one line for the operator; the warehouse is untouched (working copy discarded)
        print(f"newsware: {args.command} failed: {err.__class__.__name__}: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
