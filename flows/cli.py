"""`newsware` command line: run, backfill (and the analyst and operator commands)."""
from __future__ import annotations

import argparse
import sys
from datetime import date

import flows.prefect_env  # noqa: F401  (settings before prefect)
from flows.config import load_settings


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _common(p: argparse.ArgumentParser, settings) -> None:
    p.add_argument("--db", default=settings.db_path, help=f"warehouse file (default {settings.db_path})")


def _runner_args(p: argparse.ArgumentParser, settings) -> None:
    p.add_argument("--runner", choices=("default", "process", "dask"), default=settings.runner,
                   help="where extract batches run: this process (default), a local process pool, or Dask "
                        f"(default {settings.runner})")
    p.add_argument("--dask-address", default=settings.dask_address, metavar="tcp://HOST:PORT",
                   help="an existing Dask scheduler (with --runner dask; default: a LocalCluster)")
    p.add_argument("--workers", type=int, default=None, help="local worker processes (default: one per core)")


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
    _runner_args(run, settings)

    backfill = sub.add_parser("backfill", help="reprocess the pages whose issue date falls in a range")
    _common(backfill, settings)
    backfill.add_argument("--raw", default=settings.raw_root)
    backfill.add_argument("--from", dest="date_from", type=_date, required=True, metavar="YYYY-MM-DD")
    backfill.add_argument("--to", dest="date_to", type=_date, required=True, metavar="YYYY-MM-DD")
    backfill.add_argument("--source", help="only this source folder (e.g. changjiang-daily)")
    backfill.add_argument("--strict", action="store_true")
    backfill.add_argument("--batch-size", type=int, default=settings.batch_size)
    backfill.add_argument("--quiet", action="store_true")
    _runner_args(backfill, settings)

    bench = sub.add_parser("bench", help="measure throughput and memory on a synthetic corpus (see README, Performance)")
    bench.add_argument("--pages", type=int, default=2000, help="pages in the synthetic corpus (default 2000)")
    bench.add_argument("--raw", default=settings.raw_root, help="the real corpus to recombine")
    bench.add_argument("--corpus", help="keep the synthetic corpus in this folder and reuse it when current")
    bench.add_argument("--batch-size", type=int, default=settings.batch_size)
    bench.add_argument("--jionlp-pages", type=int, default=100, help="pages the JioNLP reference runs on")
    bench.add_argument("--runner", choices=("default", "process", "dask"), default="process")
    bench.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")

    for module in _other_command_modules().values():
        module.add_parser(sub, lambda p: _common(p, settings))
    return parser


def _print_summary(summary) -> None:
    from rich.console import Console
    from rich.table import Table
    console = Console(highlight=False, soft_wrap=True)
    rate = f", {summary.files_loaded / summary.seconds:.1f} pages/s" if summary.files_loaded and summary.seconds else ""
    console.print(f"run {summary.run_id}: {summary.status} in {summary.seconds:.1f} s{rate}")
    console.print(f"  files: {summary.files_seen} seen, {summary.files_loaded} loaded, {summary.files_skipped} skipped "
                  f"(unchanged), {summary.files_rejected} rejected; {summary.rows_quarantined} rows quarantined")
    if summary.files_reextracted:
        console.print(f"  {summary.files_reextracted} of the loaded files were re-extracted: the extractor changed "
                      "since their rows were made")
    if not summary.files_loaded and not summary.files_rejected:
        console.print("  nothing new to load: the warehouse is unchanged")
    for r in summary.rejects:
        console.print(f"  rejected {r['source_path']} at {r['stage']}: {r['reason']}", markup=False)
    table = Table(title="warehouse rows", title_justify="left", box=None, pad_edge=False)
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in summary.row_counts.items():
        table.add_row(name, f"{count:,}")
    console.print(table)
    stages = {k: v for k, v in getattr(summary, "stages", {}).items() if k not in ("extract_wall", "extract_cpu")}
    if stages:
        console.print("  stage seconds: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))


def _ingest(args) -> int:
    from flows.progress import RichBars, Silent, reporting
    from flows.runners import RunnerChoice, run_ingest
    kwargs = dict(raw_root=args.raw, db_path=args.db, batch_size=args.batch_size, command=args.command,
                  lock_timeout=load_settings().lock_timeout)
    if args.command == "run":
        kwargs.update(force=args.force)
    else:
        if args.date_from > args.date_to:
            print(f"newsware: --from {args.date_from} is after --to {args.date_to}", file=sys.stderr)
            return 2
        kwargs.update(force=True, date_from=args.date_from, date_to=args.date_to, source=args.source)
    choice = RunnerChoice(args.runner, args.dask_address, args.workers)
    show = not args.quiet and sys.stderr.isatty()
    with reporting(RichBars() if show else Silent()):
        summary = run_ingest(choice, **kwargs)
    if not args.quiet:
        _print_summary(summary)
    return 1 if args.strict and summary.files_rejected else 0


def _bench(args) -> int:
    from flows.bench import run_bench
    run_bench(args.pages, runner=args.runner, workers=args.workers, corpus=args.corpus, raw_root=args.raw,
              batch_size=args.batch_size, jionlp_pages=args.jionlp_pages)
    return 0


COMMANDS = {"run": _ingest, "backfill": _ingest, "bench": _bench}


def _other_command_modules() -> dict:
    """The analyst and operator commands, imported here, not at the top: the `process` runner's spawned workers
    import this module again (as the main module of `newsware`) and need none of them (DuckDB alone is ~25 MB)."""
    from flows import reports, review, serve
    return {"report": reports, "review": review, "serve": serve}


def _failures_in_one_line() -> None:
    """Prefect logs a failed flow run's traceback; the CLI reports the cause itself, in one line."""
    import logging
    for name in ("prefect.flow_runs", "prefect.task_runs"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("run", "backfill"):
        flows.prefect_env.start_embedded_server()  # first: its start overlaps the imports below
        import prefect  # noqa: F401  (configures Prefect's loggers, which the next line then quiets)
        _failures_in_one_line()
    try:
        if args.command in COMMANDS:
            return COMMANDS[args.command](args)
        return _other_command_modules()[args.command].command(args)
    except KeyboardInterrupt:
        print("newsware: interrupted; the warehouse was left as it was before this run", file=sys.stderr)
        return 130
    except Exception as err:  # one line for the operator; the warehouse is untouched (working copy discarded)
        print(f"newsware: {args.command} failed: {err.__class__.__name__}: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
