"""planning/i18n.py and planning/locale: the one catalogue of texts, complete in both
languages, the ids the code asks for all present, plural forms, Babel's local formats."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from planning import i18n
from planning.domain import geo

ROOT = Path(__file__).resolve().parents[2]
# The functions that take a message id first: i18n.t / tn, the kept texts i18n.msg / msgn
# and the pages' tr / trn.
SINGULAR, PLURAL = ("t", "tr", "msg"), ("tn", "trn", "msgn")


def extracted(functions: tuple[str, ...]) -> dict[str, str]:
    """The message ids the code asks for by these functions (Babel's extraction, babel.cfg)."""
    with (ROOT / "babel.cfg").open() as fh:
        method_map, options = parse_mapping_cfg(fh)
    found = extract_from_dir(str(ROOT), method_map, options,
                             keywords={name: None for name in functions})
    return {message: f"{path}:{line}" for path, line, message, _, _ in found}


def placeholders(text: str | tuple[str, ...]) -> set[str]:
    forms = text if isinstance(text, tuple) else (text,)
    return {name for form in forms for name in re.findall(r"{(\w+)}", form)}


class TestCatalogue:
    def test_both_languages_have_the_same_ids(self) -> None:
        ids = {lang: {m.id for m in i18n.catalogue(lang) if m.id} for lang in i18n.LANGS}
        assert ids["lv"] - ids["en"] == set(), "ids without an English text"
        assert ids["en"] - ids["lv"] == set(), "ids without a Latvian text"

    def test_every_message_has_a_translation_in_every_language(self) -> None:
        for lang in i18n.LANGS:
            for message in i18n.catalogue(lang):
                if not message.id:
                    continue
                forms = message.string if message.pluralizable else (message.string,)
                assert all(f.strip() for f in forms), f"{lang}: {message.id} has no text"

    def test_plural_forms_latvian_three_english_two(self) -> None:
        assert i18n.catalogue("lv").num_plurals == 3
        assert i18n.catalogue("en").num_plurals == 2
        for lang in i18n.LANGS:
            for message in i18n.catalogue(lang):
                if message.pluralizable:
                    assert len(message.string) == i18n.catalogue(lang).num_plurals, message.id

    def test_placeholders_agree_between_languages(self) -> None:
        for message in i18n.catalogue("lv"):
            if message.id:
                english = i18n.catalogue("en").get(message.id)
                assert placeholders(message.string) == placeholders(english.string), message.id

    def test_every_id_the_code_asks_for_is_in_the_catalogue(self) -> None:
        used = extracted(SINGULAR)
        assert len(used) > 200, "the extraction finds too little: babel.cfg is wrong"
        missing = {key: where for key, where in used.items() if not i18n.has(key)}
        assert not missing
        plural = {key: where for key, where in used.items()
                  if i18n.catalogue("lv").get(key).pluralizable}
        assert not plural, "texts with plural forms asked for by t(): call tn()"

    def test_every_plural_id_the_code_asks_for_has_plural_forms(self) -> None:
        used = extracted(PLURAL)
        assert used, "no plural texts found: the extraction is wrong"
        for key, where in used.items():
            message = i18n.catalogue("lv").get(key)
            assert message is not None and message.pluralizable, f"{key} ({where})"

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
        assert i18n.t("data.attribution", "en", attribution="X").startswith("Municipal "
                                                                           "boundaries: X.")

    @pytest.mark.parametrize(("n", "expected"), [(0, "0 rindu"), (1, "1 rinda"),
                                                 (2, "2 rindas"), (11, "11 rindas"),
                                                 (21, "21 rinda"), (111, "111 rindas"),
                                                 (1001, "1\u00a0001 rinda")])
    def test_latvian_plurals(self, n: int, expected: str) -> None:
        assert i18n.tn("table.rows", n, "lv") == expected

    def test_english_plurals(self) -> None:
        assert [i18n.tn("table.rows", n, "en") for n in (0, 1, 2)] == ["0 rows", "1 row",
                                                                       "2 rows"]

    def test_singular_and_plural_calls_are_not_mixed(self) -> None:
        with pytest.raises(KeyError):
            i18n.t("table.rows", "lv")
        with pytest.raises(KeyError):
            i18n.tn("nav.map", 2, "lv")

    def test_all_of_latvia(self) -> None:
        assert i18n.region_name("", "lv") == "Visa Latvija"
        assert i18n.region_name(None, "en") == "All of Latvia"

    def test_status_names(self) -> None:
        assert i18n.status_name("illustrative", "lv") == "ilustratīvs"
        assert i18n.status_name("illustrative split of sourced total", "en").startswith(
            "illustrative"
        )
        assert i18n.status_name("something new", "lv") == "something new"


NBSP = "\u00a0"


class TestNumbers:
    @pytest.mark.parametrize(
        ("value", "lang", "expected"),
        [
            (1234567, "lv", f"1{NBSP}234{NBSP}567"),
            (1234567, "en", "1,234,567"),
            (999, "lv", "999"),
            (1000, "lv", f"1{NBSP}000"),
            (0, "lv", "0"),
            (-12345, "lv", f"-12{NBSP}345"),
            (1234.6, "lv", f"1{NBSP}235"),
            (None, "lv", "–"),
            (float("nan"), "en", "–"),
            ("<5", "lv", "<5"),
        ],
    )
    def test_fmt_int(self, value, lang: str, expected: str) -> None:
        assert i18n.fmt_int(value, lang) == expected

    def test_decimals_use_a_comma_in_latvian(self) -> None:
        assert i18n.fmt_number(14.94, "lv", 2) == "14,94"
        assert i18n.fmt_number(1234.5, "en", 1) == "1,234.5"
        assert i18n.fmt_number(-0.01, "lv", 1) == "0,0"

    def test_euros(self) -> None:
        assert i18n.fmt_eur(37775681, "lv") == f"37{NBSP}775{NBSP}681{NBSP}€"
        assert i18n.fmt_eur(37775681, "en") == "€37,775,681"
        assert i18n.fmt_eur(-9000, "en") == "-€9,000"
        assert i18n.fmt_eur(10.52, "lv", 2) == f"10,52{NBSP}€"

    def test_percent(self) -> None:
        assert i18n.fmt_pct(0.253, "lv") == "25%"
        assert i18n.fmt_pct(0.253, "lv", 1) == "25,3%"
        assert i18n.fmt_pct(0.253, "en", 1) == "25.3%"

    def test_dates(self) -> None:
        assert i18n.fmt_date(date(2025, 7, 1), "lv") == "1.07.2025."
        assert i18n.fmt_date(date(2025, 7, 1), "en") == "Jul 1, 2025"

    def test_millions_for_headline_figures(self) -> None:
        assert i18n.fmt_meur(2_949_000, "lv") == "2,95 milj. €"
        assert i18n.fmt_meur(2_949_000, "en") == "€2.95M"

    def test_datetime_in_riga_time_and_local_format(self) -> None:
        moment = datetime(2026, 11, 25, 12, 5, tzinfo=UTC)
        assert i18n.fmt_datetime(moment, "lv") == "25.11.2026. 14:05"
        assert i18n.fmt_datetime(moment, "en") == "Nov 25, 2026 14:05"

    @pytest.mark.parametrize(
        ("value", "lang", "expected"),
        [
            (12, "lv", "+12"),
            (-3, "lv", "\u22123"),
            (0, "lv", "0"),
            (-0.0, "en", "0"),
            (0.4, "lv", "0"),
            (-0.4, "en", "0"),
            (1234, "lv", f"+1{NBSP}234"),
            (-1234, "en", "\u22121,234"),
            ("…", "lv", "…"),
            (None, "lv", "–"),
        ],
    )
    def test_a_change_is_signed_only_when_not_zero(self, value, lang: str,
                                                   expected: str) -> None:
        assert i18n.fmt_change(value, lang) == expected

    def test_counts_hide_small_values_when_asked(self) -> None:
        assert i18n.fmt_count(3, "lv", hide_small=True) == "<5"
        assert i18n.fmt_count(3, "lv") == "3"
