"""planning/views.py: tables and layers agree with the reference data they come from."""

from __future__ import annotations

import pandas as pd
import pytest

from planning import i18n
from planning.domain import geo, reference
from planning.domain.catalogue import SERVICE_NUMBERS, load_catalogue
from planning.domain.errors import InputError
from planning.views import reference_views as views

CATALOGUE = load_catalogue()
GROUPS = list(CATALOGUE.groups)


class TestMunicipalityTable:
    @pytest.mark.parametrize(("division", "rows"), [("2025", 42), ("2021", 43)])
    def test_one_row_per_local_government(self, division: str, rows: int) -> None:
        table = views.municipality_table(division)
        assert len(table) == rows
        assert table["atvk_code"].is_unique

    @pytest.mark.parametrize("division", ["2025", "2021"])
    def test_needs_add_up_to_the_reference_totals(self, division: str) -> None:
        table = views.municipality_table(division)
        needs = reference.illustrative_needs(division)
        assert table["needs_total"].sum() == needs["count"].sum()
        for group, total in needs.groupby("group")["count"].sum().items():
            assert table[group].sum() == total
        assert (table[GROUPS].sum(axis=1) == table["needs_total"]).all()

    def test_region_keeps_only_its_members(self) -> None:
        table = views.municipality_table("2025", "Kurzeme")
        facts = geo.municipalities("2025")
        expected = set(facts.loc[facts["planning_region"] == "Kurzeme", "atvk_code"])
        assert set(table["atvk_code"]) == expected
        assert set(table["region"]) == {"Kurzeme"}

    def test_varaklani_is_in_madona_and_vidzeme_since_2025(self) -> None:
        t2021 = views.municipality_table("2021", "Latgale")
        t2025 = views.municipality_table("2025", "Latgale")
        assert geo.VARAKLANI in set(t2021["atvk_code"])
        assert geo.VARAKLANI not in set(t2025["atvk_code"])

    def test_names_and_kinds_follow_the_language(self) -> None:
        lv = views.municipality_table("2025", lang="lv").set_index("atvk_code")
        en = views.municipality_table("2025", lang="en").set_index("atvk_code")
        assert lv.loc["0001000", "kind"] == "valstspilsēta"
        assert en.loc["0001000", "kind"] == "state city"
        assert en.loc["0023000", "name"] == "Adazi Municipality"

    def test_per_10k_is_needs_over_population(self) -> None:
        row = views.municipality_table("2025").iloc[0]
        expected = row["needs_total"] / row["population"] * 1e4
        assert row["per_10k"] == pytest.approx(expected, abs=0.05)

    def test_every_row_is_labelled_illustrative(self) -> None:
        assert views.any_illustrative(views.municipality_table("2025")["data_status"])


class TestNeedsLayer:
    def test_value_is_the_chosen_group_and_service(self) -> None:
        needs = reference.illustrative_needs("2025")
        gdf = views.needs_layer("2025", group="adults_grt", service="group_home")
        rows = needs[(needs["group"] == "adults_grt") & (needs["service"] == "group_home")]
        assert gdf["value"].sum() == rows["count"].sum()

    def test_all_groups_is_the_total(self) -> None:
        gdf = views.needs_layer("2025")
        assert (gdf["value"] == gdf["needs_total"]).all()

    def test_outside_the_region_is_flagged(self) -> None:
        gdf = views.needs_layer("2025", region="Zemgale")
        assert gdf["in_region"].sum() == 6
        assert set(gdf.loc[gdf["in_region"], "planning_region"]) == {"Zemgale"}

    def test_simplified_geometry_stays_valid(self) -> None:
        gdf = views.needs_layer("2025")
        assert gdf.geometry.is_valid.all() and not gdf.geometry.is_empty.any()
        assert gdf.crs.to_epsg() == 4326


class TestPoints:
    def test_institutions_in_a_region(self) -> None:
        table = views.institutions_table("2025", "Latgale")
        assert len(table) > 0 and set(table["region"]) == {"Latgale"}
        assert table["clients_total"].is_monotonic_decreasing

    def test_institution_clients_match_the_reference(self) -> None:
        assert views.institutions_table("2021")["clients_total"].sum() == (
            reference.institutions("2021")["clients_total"].sum()
        )

    def test_services_get_type_and_service_names(self) -> None:
        table = views.services_table("2025", lang="en")
        row = table[table["service_id"] == "sigulda_group_house"].iloc[0]
        assert row["service"] == CATALOGUE.services["group_home"].name_en
        assert row["type"] == CATALOGUE.existing_types["group_flat"].name_en
        assert not table[["lat", "lon"]].isna().any().any()


class TestHelpers:
    def test_filter_ignores_case_and_diacritics(self) -> None:
        df = pd.DataFrame({"name": ["Rēzekne", "Rīga", "Liepāja"]})
        assert views.filter_by_text(df, "REZ", ("name",))["name"].tolist() == ["Rēzekne"]
        assert views.filter_by_text(df, "liepaja", ("name",))["name"].tolist() == ["Liepāja"]
        assert len(views.filter_by_text(df, "", ("name",))) == 3

    def test_region_bounds_lie_inside_latvia(self) -> None:
        (south, west), (north, east) = views.region_bounds("2025")
        (rs, rw), (rn, re_) = views.region_bounds("2025", "Latgale")
        assert south <= rs < rn <= north and west <= rw < re_ <= east
        assert rw > 25.5  # Latgale is the east of the country

    def test_unknown_region_is_a_clear_error(self) -> None:
        with pytest.raises(InputError, match="unknown planning region 'Atlantis'"):
            views.region_bounds("2025", "Atlantis")

    def test_summary(self) -> None:
        munis = views.municipality_table("2025", "Rīga")
        inst = views.institutions_table("2025", "Rīga")
        serv = views.services_table("2025", "Rīga")
        s = views.summarize(munis, inst, serv)
        assert s.municipalities == 10
        assert s.population == munis["population"].sum()
        assert s.service_places == serv["places_licensed"].sum()

    def test_column_labels_cover_the_page_columns(self) -> None:
        table = views.municipality_table("2025")
        labels = views.column_labels(list(table.columns), "lv")
        assert labels["population"] == "Iedzīvotāji"
        assert labels["adults_grt"] == "Pieaugušie ar GRT"

    def test_any_illustrative(self) -> None:
        assert views.any_illustrative(pd.Series(["sourced", "illustrative split of sourced total"]))
        assert not views.any_illustrative(pd.Series(["sourced"]))


class TestDataPage:
    def test_datasets_overview(self) -> None:
        df = views.datasets_overview("2025", "en")
        assert len(df) == 6 and df["rows"].gt(0).all()

    def test_needs_method_totals(self) -> None:
        df = views.needs_method_table("en")
        adults = df["group"] == CATALOGUE.groups["adults_grt"].name_en
        assert df.loc[adults, "assessed"].item() == 2100

    def test_norms_table_has_every_norm_with_a_source(self) -> None:
        df = views.norms_table("lv")
        assert len(df) == len(CATALOGUE.services) * len(SERVICE_NUMBERS)
        assert df["source"].str.strip().ne("").all()

    def test_norms_table_names_norms_not_ids(self) -> None:
        for lang in ("lv", "en"):
            names = set(views.norms_table(lang)["norm"])
            assert not names & set(SERVICE_NUMBERS)
            assert i18n.t("norm.investment_per_place", lang) in names
