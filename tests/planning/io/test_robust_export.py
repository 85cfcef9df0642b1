"""planning.io.robust_export: the workbook of a real robust plan (two municipalities, a
binding budget, six need scenarios) read back with openpyxl — sheets, headers in Latvian and
English, the figures of the result, and a formula-like scenario name kept as text."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime

import openpyxl
import pytest

from optimizer.problem import Municipality, Need
from optimizer.robust import RobustPlan, Uncertainty, robust_plan
from planning.domain.catalogue import load_catalogue
from planning.io import robust_export
from planning.store.sweeps import RobustSpec, RobustView, robust_result
from tests.optimizer.instances import GROUP
from tests.optimizer.test_robust import region

EVIL = '=HYPERLINK("https://evil.example","click")'
DRAWS = 6


@pytest.fixture(scope="module")
def solved() -> tuple[RobustView, RobustPlan, object]:
    """Alpha (20 persons) and Beta (10) of test_robust's region, and Gamma with one person,
    whom some scenarios draw and some do not: Gamma is built in some scenarios' optima."""
    pi = region(25_000)
    pi = replace(pi, name=EVIL, municipalities=[*pi.municipalities,
                                                Municipality("C", "Gamma", "R")],
                 needs=[*pi.needs, Need("C", GROUP, "home", 1)],
                 distances={**pi.distances, ("A", "C"): 30.0, ("C", "A"): 30.0,
                            ("B", "C"): 40.0, ("C", "B"): 40.0})
    plan = robust_plan(pi, Uncertainty(scenarios=DRAWS, cv=0.3, seed=3), solver="highs")
    spec = RobustSpec(scenarios=DRAWS, cv=0.3, seed=3)
    run = RobustView(7, 2, "done", 1, 1, spec, robust_result(plan), None, "kurzeme.group",
                     datetime(2026, 11, 25, 12, 5, tzinfo=UTC))
    return run, plan, pi


def book(solved, lang: str) -> openpyxl.Workbook:
    run, _plan, pi = solved
    names = robust_export.problem_names(pi, None, load_catalogue(), lang)
    return openpyxl.load_workbook(io.BytesIO(robust_export.robust_workbook(run, names, lang)))


def items(sheet) -> dict[str, object]:
    return {r[0].value: r[1].value for r in sheet.iter_rows(min_row=3)}


def test_sheets_and_headers_in_latvian(solved) -> None:
    wb = book(solved, "lv")
    assert wb.sheetnames == ["Objekti", "Rādītāji", "Vajadzības scenāriji", "Par"]
    assert [c.value for c in wb["Objekti"][2]] == [
        "ATVK kods", "Pašvaldība", "Plānošanas reģions", "Pakalpojums", "Jaunas vietas",
        "Jauni infrastruktūras objekti", "Scenāriji, kuru labākais plāns to būvē",
        "Scenāriju daļa, %"]
    assert [c.value for c in wb["Vajadzības scenāriji"][2]] == [
        "Vajadzības scenārijs", "Vajadzība, personas", "Apkalpotas, personas",
        "Neapkalpotas, personas", "Neapkalpotas scenārija labākajā plānā, personas",
        "Nožēla, personas"]
    assert [c.value for c in wb["Par"][2]] == ["Rādītājs", "Vērtība"]
    assert wb["Objekti"].freeze_panes == "A3"


def test_sheets_and_headers_in_english(solved) -> None:
    wb = book(solved, "en")
    assert wb.sheetnames == ["Facilities", "Figures", "Need scenarios", "About"]
    headers = [c.value for c in wb["Facilities"][2]]
    assert headers[1] == "Municipality" and headers[-1] == "Share of scenarios, %"
    about = items(wb["About"])
    assert about["Number of need scenarios"] == "6"
    assert "lognormal" in about["Spread of the need"] and "30%" in about["Spread of the need"]


def test_facilities_are_the_plans_sites_and_how_often_the_optima_build_them(solved) -> None:
    _run, plan, _pi = solved
    rows = list(book(solved, "lv")["Objekti"].iter_rows(min_row=3, values_only=True))
    places = {(m, s): p for m, s, p, _f in plan.plan["sites"]}
    facilities = {(m, s): f for m, s, _p, f in plan.plan["sites"]}
    assert rows and {(r[0], r[3]) for r in rows} == {
        (m, "Home") for m, _s in places.keys() | plan.frequency.keys()}
    solved_optima = sum(o["status"] != "failed" for o in plan.scenario_optima)
    for code, name, region_name, _service, new_places, new_facilities, built, share in rows:
        key = (code, "home")
        assert name == {"A": "Alpha", "B": "Beta", "C": "Gamma"}[code] and region_name == "R"
        assert new_places == places.get(key, 0)
        assert new_facilities == facilities.get(key, 0)
        assert share == round(100 * plan.frequency.get(key, 0.0))
        assert built == round(plan.frequency.get(key, 0.0) * solved_optima)
    shares = [r[-1] for r in rows]
    assert shares == sorted(shares, reverse=True) and 0 < shares[-1] < 100
    assert sum(r[4] for r in rows) == plan.plan["new_places"] > 0


def test_figures_and_draws_match_the_result(solved) -> None:
    _run, plan, _pi = solved
    wb = book(solved, "lv")
    c = plan.chosen
    draws = list(wb["Vajadzības scenāriji"].iter_rows(min_row=3, values_only=True))
    assert [d[0] for d in draws] == list(range(1, DRAWS + 1))
    assert [d[2] for d in draws] == pytest.approx(plan.served[c], abs=0.05)
    assert [d[3] for d in draws] == pytest.approx(plan.unserved[c], abs=0.05)
    assert [d[5] for d in draws] == pytest.approx(plan.regret[c], abs=0.05)
    assert all(d[1] == pytest.approx(d[2] + d[3]) and d[4] == pytest.approx(d[3] - d[5])
               for d in draws)
    figures = items(wb["Rādītāji"])
    assert figures["Atrisinātie vajadzības scenāriji"] == DRAWS
    assert figures["Apkalpotās personas: mazākais skaits"] == pytest.approx(
        min(plan.served[c]), abs=0.05)
    assert figures["Apkalpotās personas: lielākais skaits"] == pytest.approx(
        max(plan.served[c]), abs=0.05)
    assert figures["Neapkalpotās personas: vidēji"] == pytest.approx(
        plan.expected_unserved(), abs=0.05)
    assert figures["Neapkalpotās personas: sliktākajā scenārijā"] == pytest.approx(
        plan.worst_unserved(), abs=0.05)
    assert figures["Lielākā nožēla, personas"] == pytest.approx(plan.max_regret(), abs=0.05)
    assert figures["Investīcijas, EUR"] == round(plan.plan["investment_eur"])
    assert figures["Investīcijas, EUR"] <= 25_000
    assert figures["Jaunas vietas"] == plan.plan["new_places"]


def test_about_names_the_run_and_keeps_a_formula_like_name_as_text(solved) -> None:
    wb = book(solved, "lv")
    about = wb["Par"]
    rows = {r[0].value: r[1] for r in about.iter_rows(min_row=3)}
    assert rows["Scenārijs"].value == EVIL and rows["Scenārijs"].data_type == "s"
    assert rows["Versija"].value == "2"
    assert rows["Vajadzības scenāriju skaits"].value == "6"
    assert rows["Variācijas koeficients"].value == "0,30"
    assert "Puasona" in rows["Vajadzības izkliede"].value
    assert rows["Aprēķināts"].value == "25.11.2026. 14:05"
    assert rows["Aprēķināja"].value == "kurzeme.group"
    for sheet in wb:
        assert EVIL in sheet["A1"].value and sheet["A1"].data_type == "s"
        assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_a_run_stored_before_the_draws_were_kept_has_no_draws_sheet(solved) -> None:
    run, _plan, pi = solved
    old = replace(run, result={k: v for k, v in run.result.items() if k != "draws"})
    names = robust_export.problem_names(pi, None, load_catalogue(), "lv")
    wb = openpyxl.load_workbook(io.BytesIO(robust_export.robust_workbook(old, names, "lv")))
    assert wb.sheetnames == ["Objekti", "Rādītāji", "Par"]
    figures = items(wb["Rādītāji"])
    assert figures["Neapkalpotās personas: vidēji"] == pytest.approx(
        run.result["expected_unserved"], abs=0.05)
    assert "Apkalpotās personas: vidēji" not in figures
