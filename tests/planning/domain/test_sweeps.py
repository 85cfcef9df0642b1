"""planning.domain.sweeps: values typed the Latvian or English way; levers of a scenario."""

from __future__ import annotations

import pytest

from planning.domain.catalogue import load_catalogue
from planning.domain.errors import InputError
from planning.domain.geo import REGIONS
from planning.domain.sweeps import levers, parse_values


@pytest.mark.parametrize("text, lang, expected", [
    ("1 500 000; 2\u00a0000\u00a0000,5", "lv", [1_500_000, 2_000_000.5]),
    ("0,3; 0,15", "lv", [0.3, 0.15]),
    ("1,500,000; 2,000,000.5", "en", [1_500_000, 2_000_000.5]),
    ("0:0,3:0,1", "lv", [0, 0.1, 0.2, 0.3]),
    ("1\u202f000:3\u202f000:1\u202f000", "lv", [1000, 2000, 3000]),
])
def test_values_typed_as_people_type_them(text, lang, expected):
    assert parse_values(text, lang) == pytest.approx(expected)


@pytest.mark.parametrize("text, fragment", [
    ("", "vismaz vienu"), ("abc", "„abc” nav skaitlis"), ("-5", "ne negatīvām"),
    ("1:2", "sākums:beigas:solis"), ("5:1:1", "soli"), ("0:1000:1", "ne vairāk kā 100"),
    ("nan", "ne negatīvām"),
])
def test_bad_values_are_named_in_latvian(text, fragment):
    with pytest.raises(InputError) as caught:
        parse_values(text, "lv", column="Vērtības")
    assert fragment in caught.value.describe("lv")


def test_levers_of_a_regional_and_a_national_scenario():
    cat = load_catalogue()
    regional = [lv.key for lv in levers(cat, "Kurzeme", list(REGIONS))]
    assert regional[:5] == ["budget", "contingency", "min_occupancy", "mentor_ratio", "need"]
    assert f"need:{next(iter(cat.groups))}" in regional
    assert "need:Latgale" not in regional
    national = [lv.key for lv in levers(cat, None, list(REGIONS))]
    assert "need:Latgale" in national
