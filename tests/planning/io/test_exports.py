"""Exports: the workbook, CSV, GeoJSON and whole-scenario round trip; public suppression."""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import pyogrio
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from optimizer.formulation import AllocationModel
from optimizer.solution import Solution
from planning.cli.io import solution_differences
from planning.cli.main import main
from planning.domain import geo as geo_facts
from planning.domain.catalogue import SERVICE_NUMBERS
from planning.domain.privacy import COUNT_COLUMNS
from planning.domain.public_plan import public_plan
from planning.domain.results import institution_places
from planning.i18n import column_label
from planning.io.bundle import read_bundle, scenario_bundle
from planning.io.exports import (
    allocations_geojson,
    plan_csv_zip,
    plan_geopackage,
    plan_tables,
    plan_workbook,
)
from planning.io.imports import import_table
from planning.io.templates import current_rows, template_xlsx


def _small_counts(values) -> list:
    return [v for v in values if isinstance(v, int | float) and not isinstance(v, bool)
            and 0 < v < 5]


def test_workbook_has_every_table_formatted_for_print(tight_plan):
    book = load_workbook(io.BytesIO(plan_workbook(tight_plan)))
    assert book.sheetnames == ["Kopsavilkums", "Personas pēc prioritātes",
                               "Pakalpojumu kopumi", "Jaunās vietas",
                               "Objekti pēc pakalpojuma", "Pašvaldības", "Budžets",
                               "Neapmierinātā vajadzība", "Institūcijas", "Vajadzības",
                               "Normatīvi", "Scenārijs", "Pa gadiem", "Objekti pa gadiem",
                               "Finansējuma beigas"]
    ws = book["Jaunās vietas"]
    assert ws["A1"].value.startswith("Jaunās vietas — Kurzeme: budžets −70 %, v4")
    assert ws.freeze_panes == "A3" and ws.print_title_rows == "$1:$2"
    assert ws.page_setup.orientation == "landscape"
    headers = [c.value for c in ws[2]]
    assert "Investīcijas, EUR" in headers and "Darbinieki" in headers
    total = [c.value for c in ws[ws.max_row]]
    assert total[0] == "Kopā"
    places = tight_plan.solution.sites["new_places"].sum()
    assert total[headers.index("Jaunas vietas")] == places


def test_the_workbook_phases_the_plan_over_the_scenarios_years(tight_plan):
    plan = replace(tight_plan, inputs=replace(tight_plan.inputs, plan_years=(2027, 2029)))
    book = load_workbook(io.BytesIO(plan_workbook(plan)))
    headers, rows = _data_rows(book["Pa gadiem"])
    assert [r[0] for r in rows] == [2027, 2028, 2029]
    assert headers[:2] == ["Gads", "Investīcijas, EUR"]
    headers, rows = _data_rows(book["Objekti pa gadiem"])
    assert len(rows) == tight_plan.solution.sites["new_facilities"].clip(lower=0).sum()
    opens = [r[headers.index("Atveras")] for r in rows]
    assert all(y is None or 2027 <= y <= 2029 for y in opens)


def test_the_workbook_and_csv_show_the_funding_cliff_per_municipality(tight_plan):
    plan = replace(tight_plan, inputs=replace(tight_plan.inputs, plan_years=(2026, 2030),
                                              running_funded_share=0.5,
                                              running_funded_until=2028))
    book = load_workbook(io.BytesIO(plan_workbook(plan)))
    headers, rows = _data_rows(book["Pa gadiem"])
    col = {h: headers.index(h) for h in headers}
    running, funded, municipal = (col["Uzturēšanas izmaksas, EUR/gadā"],
                                  col["Uzturēšana: projekta finansējums, EUR"],
                                  col["Uzturēšana: pašvaldības, EUR"])
    by_year = {r[0]: r for r in rows}
    assert by_year[2028][running] > 0
    assert by_year[2028][funded] == pytest.approx(by_year[2028][running] / 2, abs=1)
    assert by_year[2029][funded] == 0 and by_year[2029][municipal] == by_year[2029][running]
    headers, rows = _data_rows(book["Finansējuma beigas"])
    assert headers == ["Pašvaldība", "Uzturēšanas izmaksas, EUR/gadā",
                       "Pašvaldība pārņem, EUR/gadā", "Pārņem no gada"]
    taken = [r for r in rows if r[2]]
    assert taken and {r[3] for r in taken} == {2029}
    assert sum(r[2] for r in taken) == pytest.approx(by_year[2028][funded], abs=len(taken))
    with zipfile.ZipFile(io.BytesIO(plan_csv_zip(plan))) as zf:
        text = zf.read("funding_cliff.csv").decode("utf-8-sig")
    assert "Pārņem no gada" in text and "2029" in text


def test_a_closure_the_plan_cannot_make_leaves_the_years_out_not_the_workbook(tight_plan):
    plan = replace(tight_plan, inputs=replace(
        tight_plan.inputs, closure_years={"vsac_kurzeme_dundaga": 2027}))
    book = load_workbook(io.BytesIO(plan_workbook(plan)))
    assert "Pa gadiem" not in book.sheetnames and "Jaunās vietas" in book.sheetnames


def _data_rows(ws) -> tuple[list, list[tuple]]:
    """Headers and the rows under them (a total row included)."""
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    return list(rows[0]), rows[1:]


def _with_solver_noise(plan):
    """The plan with the noise a solver's tolerances leave (issue 18 saw 9.999986 clients,
    21.3375 staff, 442350.0000000001 EUR) on every municipality's figures."""
    data = plan.solution.to_dict()
    munis = pd.DataFrame(data["municipalities"])
    munis["served"] = munis["served"] - 1.4e-5
    munis["unmet"] = munis["unmet"] + 1.4e-5
    munis["staff"] = munis["staff"] + 0.0375
    munis["investment_eur"] = munis["investment_eur"] + 1e-10
    data["municipalities"] = munis.to_dict(orient="records")
    return replace(plan, solution=Solution.from_dict(data))


def test_workbook_counts_are_whole_staff_has_one_decimal_euros_none(tight_plan):
    noisy = _with_solver_noise(tight_plan)
    munis = noisy.solution.municipalities
    assert not munis["served"].map(float.is_integer).any()  # the noise is there
    book = load_workbook(io.BytesIO(plan_workbook(noisy, lang="en")))
    headers, rows = _data_rows(book["Municipalities"])
    served = dict(zip((r[1] for r in rows), (r[headers.index("Met (clients)")] for r in rows),
                      strict=True))
    for r in munis.itertuples():
        assert served[r.name] == round(r.served) and isinstance(served[r.name], int)
    for ws in book.worksheets:
        headers, rows = _data_rows(ws)
        for i, header in enumerate(headers):
            values = [r[i] for r in rows if isinstance(r[i], int | float)]
            if header.endswith(("EUR", "EUR/year")):
                assert all(float(v).is_integer() for v in values), (ws.title, header)
            if header in ("Staff", "Need (clients)", "Met (clients)", "Unmet (clients)"):
                assert all(round(v, 1) == v for v in values), (ws.title, header)
        for row in ws.iter_rows(min_row=3):
            for cell in row:
                assert cell.number_format != "#,##0.##", (ws.title, cell.coordinate)
                if isinstance(cell.value, int) and cell.number_format.startswith("#"):
                    assert cell.number_format == "#,##0", (ws.title, cell.coordinate)


@pytest.mark.parametrize("public", [True, False])
def test_every_sheet_has_a_filter_and_a_frozen_header(tight_plan, public):
    doc = public_plan(tight_plan.result()) if public else tight_plan
    book = load_workbook(io.BytesIO(plan_workbook(doc, lang="en")))
    for ws in book.worksheets:
        headers, rows = _data_rows(ws)
        last = len(rows) + 2 - (rows[-1][0] == "Total" if rows else 0)
        assert ws.auto_filter.ref == f"A2:{get_column_letter(len(headers))}{last}", ws.title
        assert ws.freeze_panes == "A3", ws.title


def test_workbook_names_things_in_the_readers_language(tight_plan):
    book = load_workbook(io.BytesIO(plan_workbook(tight_plan, lang="en")))
    headers, rows = _data_rows(book["Norms"])
    norms = {r[headers.index("Norm")] for r in rows}
    assert "Investment per place, EUR" in norms and not norms & set(SERVICE_NUMBERS)
    services = {r[headers.index("Service")] for r in rows}
    assert "Group home / group flat" in services
    assert not services & set(tight_plan.catalogue.services)
    headers, rows = _data_rows(book["Unmet need"])
    groups = {r[headers.index("Target group")] for r in rows}
    assert not groups & set(tight_plan.catalogue.groups)
    details = " ".join(str(r[headers.index("Explanation")]) for r in rows)
    assert "day_care_children" not in details and "Day care centre for children" in details
    scenario = {r[0]: r[1] for r in book["Scenario"].iter_rows(min_row=3, values_only=True)}
    assert scenario["Norm preset"] == tight_plan.catalogue.presets[
        tight_plan.inputs.preset].name_en
    assert scenario["Solution status"] == "optimal"
    lv = load_workbook(io.BytesIO(plan_workbook(tight_plan, lang="lv")))
    scenario = {r[0]: r[1] for r in lv["Scenārijs"].iter_rows(min_row=3, values_only=True)}
    assert scenario["Risinājuma statuss"] == "optimāls"
    assert scenario["Kataloga versija"] == "25.11.2026."  # a date read the Latvian way


def test_workbook_has_the_institutions_the_plan_empties(tight_plan):
    book = load_workbook(io.BytesIO(plan_workbook(tight_plan, lang="en")))
    headers, rows = _data_rows(book["Institutions"])
    assert headers == ["Planning region", "Target group", "Clients in institutions",
                       "Move to the community", "Admissions a year", "Net places left"]
    expected = institution_places(tight_plan.result())
    assert [r[2] for r in rows] == expected["current_clients"].tolist()
    assert [r[3] for r in rows] == [round(v) for v in expected["moved_to_community"]]
    assert "Adults with MD" in {r[1] for r in rows}


def test_workbook_counts_persons_by_class_and_package_and_facilities_by_service(tight_plan):
    book = load_workbook(io.BytesIO(plan_workbook(tight_plan, lang="en")))
    totals = tight_plan.solution.totals
    ws = book["Persons by priority"]
    headers = [c.value for c in ws[2]]
    assert headers == ["Priority class", "Need, persons", "Served, persons",
                       "Unserved, persons", "Share met"]
    assert ws["A3"].value == "Persons leaving an institution"
    total = [c.value for c in ws[ws.max_row]]
    assert total[:4] == ["Total", totals["need_persons"], totals["served_persons"],
                         totals["unserved_persons"]]
    assert total[4] is None and ws["E3"].number_format == "0%"  # a share is not summed
    ws = book["Packages of services"]
    headers = [c.value for c in ws[2]]
    rows = list(ws.iter_rows(min_row=3, max_row=ws.max_row - 1, values_only=True))
    causes = {r[headers.index("Cause")] for r in rows if r[headers.index("Unserved, persons")]}
    assert "investment budget" in causes
    ws = book["Facilities by service"]
    assert [c.value for c in ws[ws.max_row]][1] == totals["new_facilities"]
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=3, values_only=True)}
    assert summary["Need, persons"] == totals["need_persons"]
    scenario = {r[0]: r[1] for r in book["Scenario"].iter_rows(min_row=3, values_only=True)}
    assert scenario["Order of goals"] == (
        "Fewer persons unserved → Closer to family (fewer km) → Lower cost")
    assert scenario["Priorities"].startswith("Strict order: Persons leaving an institution → ")


def test_a_result_stored_before_persons_exports_its_person_figures_empty(tight_plan):
    data = tight_plan.solution.to_dict()
    data.pop("persons")
    data["totals"] = {k: v for k, v in data["totals"].items() if not k.endswith("_persons")}
    old = replace(tight_plan, solution=Solution.from_dict(data))
    tables = plan_tables(old, lang="en")
    summary = tables["summary"].set_index("item")["value"]
    assert summary[["Need, persons", "Served, persons", "Unserved, persons"]].isna().all()
    assert tables["persons"].empty and tables["packages"].empty
    book = load_workbook(io.BytesIO(plan_workbook(old, lang="en")))
    cells = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=3, values_only=True)}
    assert cells["Need, persons"] is None  # empty, not 0


def test_budget_sheet_splits_erdf_and_cofinancing(tight_plan):
    budget = plan_tables(tight_plan, lang="en")["budget"].iloc[0]
    assert budget["erdf_eur"] + budget["cofinancing_eur"] == pytest.approx(
        budget["investment_eur"])
    assert budget["investment_eur"] <= budget["investment_budget_eur"] + 1e-6
    assert budget["erdf_quota_eur"] == pytest.approx(
        tight_plan.inputs.budgets["Kurzeme"].erdf_quota_eur)


def test_csv_zip_has_the_same_tables(tight_plan):
    zf = zipfile.ZipFile(io.BytesIO(plan_csv_zip(tight_plan, lang="en")))
    assert sorted(zf.namelist()) == sorted(f"{t}.csv" for t in plan_tables(tight_plan))
    unmet = pd.read_csv(zf.open("unmet.csv"), encoding="utf-8-sig")
    assert unmet["Unmet (clients)"].sum() == pytest.approx(
        tight_plan.solution.totals["unmet_clients"])


def _latvian_number(text: str) -> float:
    return float(text.replace(",", "."))


def test_csv_for_latvian_excel_opens_in_columns_with_decimal_commas(tight_plan):
    zf = zipfile.ZipFile(io.BytesIO(plan_csv_zip(tight_plan, lang="lv")))
    raw = zf.read("municipalities.csv")
    assert raw.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    headers, body = rows[0], rows[1:]
    assert headers[:3] == ["ATVK kods", "Pašvaldība", "Plānošanas reģions"]
    assert "Investīcijas, EUR" in headers  # a comma inside a field stays in its column
    assert {len(r) for r in body} == {len(headers)}
    staff = [r[headers.index("Darbinieki")] for r in body]
    assert any("," in v for v in staff) and not any("." in v for v in staff)
    assert sum(_latvian_number(v) for v in staff) == pytest.approx(
        tight_plan.solution.totals["staff"], abs=0.05 * len(staff))
    served = [_latvian_number(r[headers.index("Apmierināta (klienti)")]) for r in body]
    assert sum(served) == round(tight_plan.solution.totals["served_clients"])
    assert {r[0] for r in body} == set(tight_plan.solution.municipalities["municipality"])


def test_csv_standard_style_is_comma_and_point_by_choice_or_for_english(tight_plan):
    for lang, style in (("en", None), ("lv", "standard")):
        zf = zipfile.ZipFile(io.BytesIO(plan_csv_zip(tight_plan, lang=lang, style=style)))
        rows = list(csv.reader(io.StringIO(zf.read("municipalities.csv").decode("utf-8-sig"))))
        staff = [r[rows[0].index(column_label("staff", lang))] for r in rows[1:]]
        assert {len(r) for r in rows} == {len(rows[0])}
        assert any("." in v for v in staff) and not any("," in v for v in staff)
    zf = zipfile.ZipFile(io.BytesIO(plan_csv_zip(tight_plan, lang="en", style="excel_lv")))
    assert zf.read("budget.csv").decode("utf-8-sig").splitlines()[0].count(";") >= 5


def test_geojson_has_municipality_polygons_with_places_per_service(tight_plan):
    data = json.loads(allocations_geojson(tight_plan))
    assert {f["geometry"]["type"] for f in data["features"]} <= {"Polygon", "MultiPolygon"}
    assert data["metadata"]["crs"] == "EPSG:4326"
    assert "Natural Earth" in data["metadata"]["boundaries"]
    props = {f["properties"]["atvk_code"]: f["properties"] for f in data["features"]}
    assert set(props) == set(tight_plan.solution.municipalities["municipality"])
    sites = tight_plan.solution.sites
    for r in sites[sites["new_places"] > 0].itertuples():
        assert props[r.municipality][f"new_places_{r.service}"] == r.new_places
    shapes = gpd.GeoDataFrame.from_features(data["features"], crs=4326)
    assert shapes.is_valid.all()


def _gpkg_layers(data: bytes, tmp_path) -> dict[str, gpd.GeoDataFrame]:
    path = tmp_path / "plan.gpkg"
    path.write_bytes(data)
    return {name: gpd.read_file(path, layer=name) for name, _ in pyogrio.list_layers(path)}


def test_geopackage_holds_the_plan_for_qgis(tight_plan, tmp_path):
    layers = _gpkg_layers(plan_geopackage(tight_plan, lang="en"), tmp_path)
    assert list(layers) == ["municipalities", "sites", "metadata"]
    munis, sites = layers["municipalities"], layers["sites"]
    for layer in (munis, sites):
        assert layer.crs.to_epsg() == 4326
        assert layer.is_valid.all() and not layer.geometry.is_empty.any()
    assert set(munis.geom_type) <= {"Polygon", "MultiPolygon"}
    assert len(munis) == len(tight_plan.solution.municipalities)
    totals = tight_plan.solution.totals
    assert munis["new_places"].sum() == totals["new_places"]
    assert munis["served"].sum() == round(totals["served_clients"])
    assert munis["staff"].map(lambda v: round(v, 1) == v).all()
    placed = tight_plan.solution.sites
    placed = placed[(placed["new_places"] > 0) | (placed["new_facilities"] > 0)]
    assert set(sites.geom_type) == {"Point"} and len(sites) == len(placed)
    assert sites["new_places"].sum() == totals["new_places"]
    assert "Group home / group flat" in set(sites["service"])
    about = dict(zip(layers["metadata"]["item"], layers["metadata"]["value"], strict=True))
    assert about["CRS"] == "EPSG:4326" and "Natural Earth" in about["Boundaries"]


def test_public_geopackage_is_built_from_the_public_plan(tight_plan, tmp_path):
    view = public_plan(tight_plan.result())
    layers = _gpkg_layers(plan_geopackage(view), tmp_path)
    munis, sites = layers["municipalities"], layers["sites"]
    assert "staff" not in munis.columns and "mentors" not in munis.columns
    shown = {(r.atvk_code, r.service): str(r.new_places) for r in view.places.itertuples()}
    for r in sites.itertuples():
        assert str(r.new_places) == shown[(r.atvk_code, r.service_id)]
    found = [v for layer in (munis, sites) for c in layer.columns
             if c in COUNT_COLUMNS or c.startswith("new_places_")
             for v in _small_counts(pd.to_numeric(layer[c], errors="coerce").dropna())]
    assert found == []


@pytest.mark.parametrize("public", [True, False])
def test_public_exports_never_show_counts_1_to_4(tight_plan, public):
    doc = public_plan(tight_plan.result()) if public else tight_plan
    found = []
    for name, frame in plan_tables(doc).items():
        for col in frame.columns.intersection(list(COUNT_COLUMNS)):
            found += [(name, col, v) for v in _small_counts(frame[col])]
    book = load_workbook(io.BytesIO(plan_workbook(doc)))
    count_headers = {"Klienti", "Vajadzība (klienti)", "Apmierināta (klienti)",
                     "Neapmierināta (klienti)", "Esošās vietas", "Jaunas vietas",
                     "Mentora klienti", "Vajadzība, personas", "Apkalpotas, personas",
                     "Neapkalpotas, personas"}
    for ws in book.worksheets:
        rows = list(ws.iter_rows(min_row=2, values_only=True))
        for i, header in enumerate(rows[0] if rows else ()):
            if header in count_headers:
                found += [(ws.title, header, v) for v in _small_counts(r[i] for r in rows[1:])]
    geo = json.loads(allocations_geojson(doc))
    for f in geo["features"]:
        found += [("geojson", k, v) for k, v in f["properties"].items()
                  if (k in COUNT_COLUMNS or k.startswith("new_places_"))
                  and _small_counts([v])]
    if public:
        assert found == []
    else:
        assert found, "the plan has small counts, so the public test is not vacuous"


def test_scenario_round_trip_gives_same_inputs_and_same_solution(tight_plan):
    bundle = read_bundle(scenario_bundle(tight_plan), "kurzeme.json")
    assert bundle.plan.inputs == tight_plan.inputs
    assert bundle.plan.metadata == tight_plan.metadata
    assert bundle.notes == []
    again = AllocationModel.from_problem_input(bundle.problem).solve()
    assert solution_differences(tight_plan.solution, again) == []
    assert solution_differences(tight_plan.solution, bundle.plan.solution) == []


def test_exported_needs_import_back_to_the_same_inputs(tight_plan):
    data = template_xlsx("needs", "lv", current_rows("needs", tight_plan.inputs))
    result = import_table(data, "needs.xlsx", "needs", inputs=tight_plan.inputs)
    assert result.inputs == tight_plan.inputs


def test_bundle_with_a_broken_part_is_refused_naming_it(tight_plan):
    raw = json.loads(scenario_bundle(tight_plan))
    raw["inputs"]["needs"][0][4] = "many"
    with pytest.raises(Exception) as info:
        read_bundle(json.dumps(raw).encode(), "broken.json")
    assert "broken.json, column 'inputs': the 'inputs' part is malformed" in str(info.value)


def test_cli_exports_and_checks_a_scenario(tmp_path):
    runner = CliRunner()
    path = tmp_path / "s.json"
    result = runner.invoke(main, ["--lang", "en", "export", "scenario", "--region", "Zemgale",
                                  "-o", str(path)])
    assert result.exit_code == 0, result.output
    result = runner.invoke(main, ["--lang", "en", "import", "scenario", str(path), "--solve"])
    assert result.exit_code == 0, result.output
    assert "re-solved: the same results" in result.output
    xlsx = tmp_path / "w.xlsx"
    result = runner.invoke(main, ["--lang", "lv", "export", "workbook", str(path), "--public",
                                  "-o", str(xlsx)])
    assert result.output.strip() == f"ierakstīts {xlsx}"
    assert result.exit_code == 0, result.output
    assert load_workbook(xlsx).sheetnames[0] == "Kopsavilkums"
    gpkg = tmp_path / "p.gpkg"
    result = runner.invoke(main, ["--lang", "en", "export", "geopackage", str(path), "--public",
                                  "-o", str(gpkg)])
    assert result.exit_code == 0, result.output
    assert [name for name, _ in pyogrio.list_layers(gpkg)] == ["municipalities", "sites",
                                                               "metadata"]
    zemgale = geo_facts.municipalities("2025").query("planning_region == 'Zemgale'")
    assert len(gpd.read_file(gpkg, layer="municipalities")) == len(zemgale)


def test_cli_import_refuses_a_bad_file_and_writes_nothing(tmp_path):
    bad = tmp_path / "needs.csv"
    bad.write_text("ATVK kods,Mērķa grupa,Pakalpojums,Skaits\n0005000,adults_grt,group_home,-1\n")
    out = tmp_path / "new.json"
    result = CliRunner().invoke(main, ["--lang", "en", "import", "table", "needs", str(bad),
                                       "--region", "Kurzeme", "-o", str(out)])
    assert result.exit_code == 1
    assert "needs.csv, row 2, column 'Skaits': negative; expected a whole number >= 0" \
        in result.output
    assert not out.exists()


def test_public_files_hold_facilities_per_service_and_the_rules_but_no_persons(tight_plan):
    view = public_plan(tight_plan.result())
    tables = plan_tables(view, lang="en")
    assert "persons" not in tables and "packages" not in tables
    person_columns = {"need_persons", "served_persons", "unserved_persons", "package",
                      "priority_class"}
    assert not [(n, c) for n, t in tables.items() for c in t.columns if c in person_columns]
    assert not [k for k in view.totals if k.endswith("_persons")]
    services = tables["services"]
    assert list(services.columns) == ["service", "new_facilities"]
    assert services["new_facilities"].sum() == tight_plan.solution.totals["new_facilities"]
    scenario = dict(zip(tables["scenario"]["item"], tables["scenario"]["value"], strict=True))
    assert scenario["Order of goals"].startswith("Fewer persons unserved → ")
    assert scenario["Priorities"].startswith("Strict order: ")
    book = load_workbook(io.BytesIO(plan_workbook(view, lang="en")))
    assert "Persons by priority" not in book.sheetnames
    assert "Facilities by service" in book.sheetnames


def test_workbook_and_report_show_the_centres_and_why(kurzeme):
    from optimizer.formulation import AllocationModel
    from planning.domain.optimizer_input import problem_from_inputs
    from planning.io.exports import Plan, PlanMetadata
    from planning.io.outline import Heading, plan_outline

    solution = AllocationModel.from_problem_input(problem_from_inputs(kurzeme)).solve()
    plan = Plan(kurzeme, solution, PlanMetadata("Kurzeme", 1, "draft"))
    book = load_workbook(io.BytesIO(plan_workbook(plan)))
    at = book.sheetnames.index("Objekti pēc pakalpojuma")
    assert book.sheetnames[at + 1: at + 3] == ["DSPC", "DSPC vienības"]
    ws = book["DSPC"]
    headers = [c.value for c in ws[2]]
    assert "Kāpēc centrs" in headers
    assert "Atsevišķi, EUR (ieguldījums un gada uzturēšana)" in headers
    assert ws.max_row - 2 == solution.totals["centres"]
    blocks = plan_outline(plan, lang="en")
    assert any(isinstance(b, Heading) and b.text.startswith("Multifunctional") for b in blocks)
