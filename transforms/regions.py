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


def city_stem(city: str) -> str:
    """长沙市 -> 长沙: the form a paper uses inside names (长沙调查队, 长沙海关)."""
    for suffix in CITY_SUFFIXES:
        if city.endswith(suffix) and len(city) > len(suffix) + 1:
            return city[: -len(suffix)]
    return city


def province_of(city: str | None) -> str | None:
    """长沙市 -> 湖南省; None for a city the lexicon does not know (a county, a foreign city) or no city."""
    return _province_by_city().get(city_stem(city)) if city else None
