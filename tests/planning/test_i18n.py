"""planning/i18n.py: every string in both languages, placeholders agree, local formats."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from planning import i18n
from planning.domain import geo

ROOT = Path(__file__).resolve().parents[2]
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")),
            ROOT / "planning" / "views" / "maps.py",
            ROOT / "planning" / "views" / "reference_views.py"]


class TestCatalogueOfStrings:
    def test_every_key_has_latvian_and_english(self) -> None:
        for key, entry in i18n.STRINGS.items():
            assert set(entry) == set(i18n.LANGS), key
            assert all(text.strip() for text in entry.values()), key

    def test_placeholders_agree_between_languages(self) -> None:
        for key, entry in i18n.STRINGS.items():
            names = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
            assert names["lv"] == names["en"], key

    def test_every_literal_key_used_in_the_ui_exists(self) -> None:
        used = set()
        for path in UI_FILES:
            used |= set(re.findall(r"""\bi18n\.t\(\s*["']([\w.]+)["']""", path.read_text()))
            used |= set(re.findall(r"""\btr\(\s*["']([\w.]+)["']""", path.read_text()))
        assert used, "no keys found: the pattern is wrong"
        missing = sorted(k for k in used if k not in i18n.STRINGS)
        assert not missing

    def test_every_region_and_division_has_a_name(self) -> None:
        for region in geo.REGIONS:
            assert i18n.region_name(region, "lv") == region
        assert "42" in i18n.t("division.help", "lv") and "43" in i18n.t("division.help", "en")


class TestLookup:
    def test_english_and_latvian(self) -> None:
        assert i18n.t("nav.map", "lv") == "Karte"
        assert i18n.t("nav.map", "en") == "Map"

    def test_unknown_language_falls_back_to_latvian(self) -> None:
        assert i18n.t("nav.map", "de") == "Karte"

    def test_unknown_key_raises(self) -> None:
        with pytest.raises(KeyError):
            i18n.t("no.such.key", "lv")

    def test_placeholders_are_filled(self) -> None:
        assert i18n.t("table.rows", "en", n=5) == "5 rows"

    def test_all_of_latvia(self) -> None:
        assert i18n.region_name("", "lv") == "Visa Latvija"
        assert i18n.region_name(None, "en") == "All of Latvia"

    def test_status_names(self) -> None:
        assert i18n.status_name("illustrative", "lv") == "ilustratīvs"
        assert i18n.status_name("illustrative split of sourced total", "en").startswith(
            "illustrative"
        )
        assert i18n.status_name("something new", "lv") == "something new"


class TestNumbers:
    @pytest.mark.parametrize(
        ("value", "lang", "expected"),
        [
            (1234567, "lv", "1 234 567"),
            (1234567, "en", "1,234,567"),
            (999, "lv", "999"),
            (1000, "lv", "1 000"),
            (0, "lv", "0"),
            (-12345, "lv", "-12 345"),
            (1234.6, "lv", "1 235"),
            (None, "lv", "–"),
            (float("nan"), "en", "–"),
        ],
    )
    def test_fmt_int(self, value, lang: str, expected: str) -> None:
        assert i18n.fmt_int(value, lang) == expected

    def test_decimals_use_a_comma_in_latvian(self) -> None:
        assert i18n.fmt_number(14.94, "lv", 2) == "14,94"
        assert i18n.fmt_number(1234.5, "en", 1) == "1,234.5"
        assert i18n.fmt_number(-0.01, "lv", 1) == "0,0"

    def test_euros(self) -> None:
        assert i18n.fmt_eur(37775681, "lv") == "37 775 681 €"
        assert i18n.fmt_eur(37775681, "en") == "€37,775,681"
        assert i18n.fmt_eur(-9000, "en") == "-€9,000"
        assert i18n.fmt_eur(10.52, "lv", 2) == "10,52 €"

    def test_percent(self) -> None:
        assert i18n.fmt_pct(0.253, "lv") == "25 %"
        assert i18n.fmt_pct(0.253, "en", 1) == "25.3%"

    def test_dates(self) -> None:
        assert i18n.fmt_date(date(2025, 7, 1), "lv") == "01.07.2025."
        assert i18n.fmt_date(date(2025, 7, 1), "en") == "1 Jul 2025"
