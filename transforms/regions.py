"""Administrative geography from lexicons/city_provinces.toml: which province a city belongs to."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

LEXICON = Path(__file__).parent / "lexicons" / "city_provinces.toml"
CITY_SUFFIXES = ("市", "地区", "自治州", "盟")


@lru_cache(maxsize=1)
def _province_by_city() -> dict[str, str]:
    table = tomllib.loads(LEXICON.read_text(encoding="utf-8"))
    return {city: province for province, cities in table.items() for city in cities}


def province_of(city: str | None) -> str | None:
    """长沙市 -> 湖南省; None for a city the lexicon does not know (a county, a foreign city) or no city."""
    if not city:
        return None
    stem = city
    for suffix in CITY_SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix) + 1:
            stem = stem[: -len(suffix)]
            break
    return _province_by_city().get(stem)
