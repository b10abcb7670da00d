"""SQL reports (warehouse/reports/*.sql) run read-only against the warehouse, printed as a table, CSV, JSON or Markdown.

A report file starts with `--` comment lines: the first says what question it answers; `-- @param NAME[ = DEFAULT]:
description` lines declare its parameters, used in the SQL as `$NAME` and always bound, never pasted into the text.
A parameter without a default is NULL unless given, which the reports read as "no filter".
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb

REPORTS_DIR = Path(__file__).resolve().parent.parent / "warehouse" / "reports"
FORMATS = ("table", "csv", "json", "md")
_PARAM = re.compile(r"^--\s*@param\s+(?P<name>\w+)\s*(?:=\s*(?P<default>[^:]*?))?\s*:\s*(?P<doc>.*)$")


class ReportError(ValueError):
    """A problem the user can fix: an unknown report or parameter, a missing warehouse."""


@dataclass
class Param:
    name: str
    default: str | None
    doc: str


@dataclass
class Report:
    name: str
    path: Path
    question: str
    description: str
    params: list[Param] = field(default_factory=list)

    @property
    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def parse_report(path: Path) -> Report:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("--"):
            break
        lines.append(line)
    if not lines:
        raise ReportError(f"{path}: a report must start with a comment saying what question it answers")
    params: list[Param] = []
    text: list[str] = []
    for line in lines:
        m = _PARAM.match(line)
        if m:
            params.append(Param(m["name"], m["default"], m["doc"].strip()))
        elif params and line.startswith("--   "):  # continuation of the previous parameter's description
            params[-1].doc += " " + line[2:].strip()
        else:
            text.append(line[2:].strip())
    ends = next((i for i, t in enumerate(text) if "?" in t), 0)  # the question may wrap over several lines
    return Report(path.stem, path, " ".join(text[:ends + 1]), " ".join(text[ends + 1:]), params)


def list_reports(reports_dir: Path = REPORTS_DIR) -> list[Report]:
    return [parse_report(p) for p in sorted(reports_dir.glob("*.sql"))]


def get_report(name: str, reports_dir: Path = REPORTS_DIR) -> Report:
    path = reports_dir / f"{name}.sql"
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        known = ", ".join(r.name for r in list_reports(reports_dir))
        raise ReportError(f"no report named {name!r}; known: {known}")
    return parse_report(path)


def bind_params(report: Report, given: dict[str, str]) -> dict[str, str | None]:
    known = {p.name for p in report.params}
    unknown = sorted(set(given) - known)
    if unknown:
        raise ReportError(f"report {report.name} has no parameter {', '.join(unknown)}; "
                          f"its parameters: {', '.join(sorted(known)) or 'none'}")
    return {p.name: given.get(p.name, p.default) for p in report.params}


def parse_param_args(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise ReportError(f"--param wants NAME=VALUE, got {pair!r}")
        params[key.strip()] = value
    return params


def connect_read_only(db_path: str | Path) -> duckdb.DuckDBPyConnection:
    path = Path(db_path)
    if not path.is_file():
        raise ReportError(f"no warehouse at {path}: run `newsware run` first, or pass --db PATH")
    return duckdb.connect(str(path), read_only=True)


def run_report(con: duckdb.DuckDBPyConnection, report: Report, given: dict[str, str] | None = None
               ) -> tuple[list[str], list[tuple]]:
    """(column names, rows) of the report with its parameters bound."""
    rel = con.sql(report.sql, params=bind_params(report, given or {}))
    return list(rel.columns), rel.fetchall()


# ---------------------------------------------------------------------------------------------------- formatting

def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_plain(v) for v in value)
    if isinstance(value, float):
        return f"{value:.15g}"
    return str(value)


def _json_value(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def to_json(columns: list[str], rows: list[tuple]) -> str:
    return json.dumps([{c: _json_value(v) for c, v in zip(columns, row)} for row in rows],
                      ensure_ascii=False, indent=2)


def to_csv(columns: list[str], rows: list[tuple]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([_plain(v) for v in row] for row in rows)
    return out.getvalue()


def to_markdown(columns: list[str], rows: list[tuple]) -> str:
    def cell(value) -> str:
        return _plain(value).replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    lines = ["| " + " | ".join(cell(c) for c in columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def print_table(report: Report, columns: list[str], rows: list[tuple], file=None) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from rich.measure import Measurement

    console = Console(file=file or sys.stdout)
    title = Text(f"{report.name}: {report.question}", style="bold")
    table = Table(title=title, title_justify="left")
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(Text(_plain(v)) for v in row))  # Text: no rich markup from the data
    if Measurement.get(console, console.options.update_width(10**6), table).maximum <= console.width:
        console.print(table)
    else:  # too wide to read as a grid: one block per row, like psql's \x
        console.print(title)
        for n, row in enumerate(rows, start=1):
            record = Table(title=f"row {n}", title_justify="left", show_header=False, box=None, padding=(0, 1))
            record.add_column(style="cyan", no_wrap=True)
            record.add_column(overflow="fold")
            for c, v in zip(columns, row):
                record.add_row(c, Text(_plain(v)))
            console.print(record)
    console.print(f"{len(rows)} rows")


def render(fmt: str, report: Report, columns: list[str], rows: list[tuple]) -> str | None:
    """The text for a machine format; None for `table`, which prints itself."""
    if fmt == "json":
        return to_json(columns, rows) + "\n"
    if fmt == "csv":
        return to_csv(columns, rows)
    if fmt == "md":
        return to_markdown(columns, rows)
    if fmt == "table":
        return None
    raise ReportError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def describe(reports: list[Report]) -> str:
    out = []
    for r in reports:
        out.append(f"{r.name}\n    {r.question}")
        for p in r.params:
            default = f" (default {p.default})" if p.default is not None else ""
            out.append(f"    --param {p.name}=…{default}: {p.doc}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------------------------------- command

def add_parser(sub, common) -> None:
    """Register `newsware report` on the CLI's subparsers; `common` adds the shared --db option."""
    p = sub.add_parser("report", help="run a SQL report on the warehouse (read-only)",
                       description="Run one of the SQL reports in warehouse/reports/ against the warehouse, opened "
                                   "read-only. `newsware report --list` shows them with their parameters.")
    common(p)
    p.add_argument("name", nargs="?", help="report name (see --list)")
    p.add_argument("--list", action="store_true", help="list the reports, the question each answers and its parameters")
    p.add_argument("--param", "-p", action="append", default=[], metavar="NAME=VALUE",
                   help="set a report parameter (repeatable)")
    p.add_argument("--format", "-f", choices=FORMATS, default="table",
                   help="table (readable, default), csv, json (a list of row objects) or md (Markdown)")


def command(args) -> int:
    if args.list or not args.name:
        sys.stdout.write(describe(list_reports()))
        return 0 if args.list else 2
    try:
        report = get_report(args.name)
        params = parse_param_args(args.param)
        bind_params(report, params)
        with connect_read_only(args.db) as con:
            columns, rows = run_report(con, report, params)
    except (ReportError, duckdb.Error) as err:
        print(f"newsware report: {err}", file=sys.stderr)
        return 2
    text = render(args.format, report, columns, rows)
    if text is None:
        print_table(report, columns, rows)
    else:
        sys.stdout.write(text)
    return 0
