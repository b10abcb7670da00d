"""Issue dates: from the raw layout's date folder, or inferred from the text when the file sits outside it."""
from __future__ import annotations

import re
from datetime import date

FOLDER_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
FULL_DATE = re.compile(r"(?<!\d)(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-/.](\d{1,2})[-/.](\d{1,2})(?!\d))")
WEEKDAY_MENTION = re.compile(r"(\d{1,2})\s*月\s*(\d{1,2})\s*日[，,\s]*(?:周|星期|礼拜)([一二三四五六日天])")
WEEKDAYS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}


def folder_issue_date(folder: str) -> tuple[date | None, str | None]:
    """(date, problem): a YYYY-MM-DD folder gives the date; a folder that looks like one but is impossible is a problem."""
    m = FOLDER_DATE.match(folder)
    if not m:
        return None, None
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), None
    except ValueError:
        return None, f"impossible date folder {folder!r}"


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def infer_issue_date(text: str) -> date | None:
    """The latest explicit date in the text; a weekday mention ("11月3日，周日") picks the year when none is written."""
    explicit = []
    for m in FULL_DATE.finditer(text[:200_000]):
        month, day = (m[2], m[3]) if m[2] else (m[4], m[5])
        found = _safe_date(int(m[1]), int(month), int(day))
        if found and 1900 < found.year < 2100:
            explicit.append(found)
    weekday_dates = []
    # a page dated by weekday alone is usually a few years after the latest year it mentions
    years = range(min(d.year for d in explicit), max(d.year for d in explicit) + 4) if explicit else []
    for m in WEEKDAY_MENTION.finditer(text[:200_000]):
        for year in years:
            found = _safe_date(year, int(m[1]), int(m[2]))
            if found and found.weekday() == WEEKDAYS[m[3]]:
                weekday_dates.append(found)
    candidates = explicit + weekday_dates
    return max(candidates) if candidates else None
