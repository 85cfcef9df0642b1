"""Candidate sites and travel matrix imports: the good path on an illustrative Kurzeme
example (tests/planning/sites_example.py), and each class of bad input refused with file,
row and column, nothing stored."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.sites import distance_source
from planning.io.imports import import_table
from planning.io.templates import current_rows, template_csv, template_xlsx
from tests.planning.sites_example import (
    MATRIX_HEADERS,
    SITE_HEADERS,
    csv_of,
    example_matrix,
    example_sites,
)

SITE_HEADER = "Vietas nosaukums,Pašvaldība,Platums,Garums,Atļautie pakalpojumi,Riska piezīme\n"
MATRIX_HEADER = "origin,destination,distance_km,duration_min\n"


@pytest.fixture(scope="module")
def sites():
    return example_sites("Kurzeme")


@pytest.fixture(scope="module")
def with_sites(kurzeme, sites):
    return import_table(csv_of(sites, SITE_HEADERS), "sites.csv", "sites",
                        inputs=kurzeme).inputs


@pytest.fixture(scope="module")
def with_matrix(with_sites, sites):
    data = csv_of(example_matrix(sites, "Kurzeme"), MATRIX_HEADERS)
    return import_table(data, "matrix.csv", "travel", inputs=with_sites).inputs


def only(exc, lang: str = "lv") -> list[str]:
    return [p.describe(lang) for p in exc.problems]


# ---------------------------------------------------------------- good path
def test_sites_import_stores_sites_and_previews_them(kurzeme, sites):
    result = import_table(csv_of(sites, SITE_HEADERS), "sites.csv", "sites", inputs=kurzeme)
    assert len(result.preview.added) == len(sites) == len(result.inputs.candidate_sites)
    talsi = [r for r in result.inputs.candidate_sites if r[0] == "Talsu novads A"]
    assert talsi == [("Talsu novads A", "0051000", 57.3832, 22.64633, "", "")]
    assert distance_source(result.inputs) == "estimate"


def test_without_a_matrix_sites_get_the_estimate_and_are_not_at_zero_km(with_sites):
    pi = problem_from_inputs(with_sites)
    assert len(pi.sites) == len(with_sites.candidate_sites)
    talsi = {s.name: s.id for s in pi.sites}["Talsu novads A"]
    km = pi.distances[("0051000", talsi)]
    assert km > 0  # inside Talsu novads, not at its point
    assert pi.minutes == {}


def test_matrix_import_uses_gis_column_names_and_replaces_the_estimate(with_matrix, sites):
    assert distance_source(with_matrix) == "imported"
    assert len(with_matrix.travel_matrix) == 8 * len(sites)
    pi = problem_from_inputs(with_matrix)
    ids = {s.name: s.id for s in pi.sites}
    assert pi.minutes[("0051000", ids["Talsu novads A"])] == pytest.approx(
        pi.distances[("0051000", ids["Talsu novads A"])])


@pytest.mark.parametrize("kind", ["sites", "travel"])
@pytest.mark.parametrize("fmt,lang", [("xlsx", "lv"), ("csv", "en")])
def test_templates_with_current_rows_import_to_no_change(with_matrix, kind, fmt, lang):
    make = template_xlsx if fmt == "xlsx" else template_csv
    data = make(kind, lang, current_rows(kind, with_matrix, lang=lang))
    result = import_table(data, f"{kind}.{fmt}", kind, inputs=with_matrix)
    assert result.preview.is_empty, result.preview.summary()
    assert result.inputs == with_matrix


def test_travel_template_lists_every_pair_by_names(with_sites, sites):
    rows = current_rows("travel", with_sites)
    assert len(rows) == 8 * len(sites)
    frame = template_csv("travel", "lv", rows).decode("utf-8-sig")
    header, first = frame.splitlines()[:2]
    assert header == ('Izcelsmes ATVK kods,Izcelsmes pašvaldība,Vieta,"Attālums, km",'
                      '"Brauciena laiks, min"')
    assert first == "0005000,Liepāja,Liepāja A,,"


def test_services_by_name_and_a_risk_note_are_stored(kurzeme):
    data = (SITE_HEADER + "Sabile,Talsu novads,57.046,22.572,Grupu māja / dzīvoklis + "
            "day care centre for adults,iedzīvotāju iebildumi\n").encode()
    stored = import_table(data, "sites.csv", "sites", inputs=kurzeme).inputs.candidate_sites
    assert stored == (("Sabile", "0051000", 57.046, 22.572, "day_care_adults+group_home",
                       "iedzīvotāju iebildumi"),)


def test_new_sites_drop_a_matrix_for_other_sites_and_say_so(with_matrix):
    data = (SITE_HEADER + "Sabile,Talsu novads,57.046,22.572,,\n").encode()
    result = import_table(data, "sites.csv", "sites", inputs=with_matrix)
    assert result.inputs.travel_matrix == ()
    assert any("citām vietām" in line for line in result.report.lines("lv"))


# ---------------------------------------------------------------- bad input
def test_unknown_municipality(refused):
    exc = refused((SITE_HEADER + "Sabile,Talsu pagasts,57.046,22.572,,\n").encode(),
                  "sites.csv", "sites")
    assert exc.problems[0].row == 2 and exc.problems[0].column == "Pašvaldība"


def test_a_site_outside_its_municipality_names_where_it_lies(refused):
    # Kuldīga's coordinates given for a site of Talsu novads
    exc = refused((SITE_HEADER + "Kuldīga,Talsu novads,56.968,21.968,,\n").encode(),
                  "sites.csv", "sites")
    (problem,) = exc.problems
    assert (problem.row, problem.column) == (2, "Platums")
    assert "ārpus Talsu novads (Kuldīgas novads" in problem.describe("lv")
    assert "outside Talsu novads (Kuldīgas novads" in problem.describe("en")


def test_unknown_service_name(refused):
    exc = refused((SITE_HEADER + "Sabile,Talsu novads,57.046,22.572,Peldbaseins,\n").encode(),
                  "sites.csv", "sites")
    assert (exc.problems[0].row, exc.problems[0].column, exc.problems[0].value) == \
        (2, "Atļautie pakalpojumi", "Peldbaseins")


def test_coordinates_out_of_range_and_missing(refused):
    exc = refused((SITE_HEADER + "A,Talsu novads,22.5,57.0,,\nB,Talsu novads,,22.5,,\n")
                  .encode(), "sites.csv", "sites")
    assert {(p.row, p.column) for p in exc.problems} >= {(2, "Platums"), (2, "Garums"),
                                                         (3, "Platums")}


def test_duplicate_site_rows(refused):
    row = "Sabile,Talsu novads,57.046,22.572,,\n"
    exc = refused((SITE_HEADER + row + row).encode(), "sites.csv", "sites")
    assert exc.problems[0].row == 3


def test_wrong_encoding(refused):
    data = (SITE_HEADER + "Sabile,Talsu novads,57.046,22.572,,\n").encode("cp1257")
    exc = refused(data, "sites.csv", "sites")
    assert exc.problems[0].file == "sites.csv"
    assert "UTF-8" in exc.problems[0].describe("en")


def test_a_matrix_before_any_sites(refused):
    exc = refused((MATRIX_HEADER + "Talsu novads,Sabile,10,12\n").encode(), "m.csv", "travel")
    assert "vispirms importējiet kandidātvietas" in only(exc)[0]


def test_matrix_bad_rows_each_named(with_sites, sites):
    frame = example_matrix(sites, "Kurzeme")
    frame.loc[0, "minutes"] = -5
    frame.loc[1, "km"] = float("nan")
    frame.loc[2, "km"] = 45000  # metres, not km
    frame.loc[3, "site"] = "Nekurienes A"
    frame = frame.iloc[:-1]  # a missing pair
    before = with_sites.to_json()
    from planning.io.problems import ImportRejected
    with pytest.raises(ImportRejected) as info:
        import_table(csv_of(frame, MATRIX_HEADERS), "m.csv", "travel", inputs=with_sites)
    assert with_sites.to_json() == before
    places = {(p.row, p.column) for p in info.value.problems}
    assert {(2, "duration_min"), (3, "distance_km"), (4, "distance_km")} <= places
    # the cell errors come first; fixed, the unknown site and then the missing pair show
    frame = example_matrix(sites, "Kurzeme")
    frame.loc[3, "site"] = "Nekurienes A"
    with pytest.raises(ImportRejected) as info:
        import_table(csv_of(frame, MATRIX_HEADERS), "m.csv", "travel", inputs=with_sites)
    assert [(p.row, p.column, p.value) for p in info.value.problems] == \
        [(5, "destination", "Nekurienes A")]
    frame = example_matrix(sites, "Kurzeme").iloc[:-1]
    with pytest.raises(ImportRejected) as info:
        import_table(csv_of(frame, MATRIX_HEADERS), "m.csv", "travel", inputs=with_sites)
    text = info.value.problems[0].describe("lv")
    assert "1 izcelsmes un vietas pārim nav rindas" in text and "Ventspils novads →" in text


def test_duplicate_matrix_rows(with_sites, sites):
    frame = example_matrix(sites, "Kurzeme")
    frame = pd.concat([frame, frame.iloc[:1]])
    from planning.io.problems import ImportRejected
    with pytest.raises(ImportRejected) as info:
        import_table(csv_of(frame, MATRIX_HEADERS), "m.csv", "travel", inputs=with_sites)
    assert info.value.problems[0].row == len(frame) + 1


def test_stored_inputs_with_bad_sites_are_refused(kurzeme):
    bad = replace(kurzeme, candidate_sites=(("X", "9999999", 57.0, 22.0, "nope", ""),),
                  travel_matrix=(("0051000", "Y", -1.0, 5.0),))
    columns = {(p.section, p.column) for p in bad.problems()}
    assert {("candidate_sites", "atvk_code"), ("candidate_sites", "services"),
            ("travel_matrix", "site"), ("travel_matrix", "km")} <= columns
