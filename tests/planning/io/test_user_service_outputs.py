"""A service a user added (a halfway house for youth leaving care) appears by its name in
the results tables, the XLSX workbook and the DOCX report, in Latvian and English."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pytest
from openpyxl import load_workbook

from optimizer.formulation import AllocationModel
from planning.domain import geo
from planning.domain.catalogue import load_catalogue
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.public_plan import public_plan
from planning.io.exports import Plan, PlanMetadata, plan_tables, plan_workbook, public_tables
from planning.io.report_docx import plan_docx
from planning.views import plan_tables as plan_views
from tests.planning.domain.test_user_services import halfway_house, with_service

NAMES = {"lv": "Pusceļa māja", "en": "Halfway house"}


@pytest.fixture(scope="module")
def plan() -> Plan:
    base = with_service(halfway_house())
    codes = sorted(geo.municipalities().query("planning_region == 'Kurzeme'")["atvk_code"])[:2]
    inputs = replace(base, needs=tuple((c, "youth_leaving_care", "", "halfway_house", 6)
                                       for c in codes))
    solution = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve()
    return Plan(inputs, solution, PlanMetadata("Kurzeme: pusceļa māja", 2, "draft"))


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_result_views_name_the_users_service(plan, lang):
    cat = load_catalogue()  # the file's: the views add the scenario's own services
    result = plan.result()
    assert NAMES[lang] in set(plan_views.places_frame(result, cat, lang)["service"])
    assert NAMES[lang] in set(plan_views.facilities_frame(result, cat, lang)["service"])
    other = replace(result, label="B")
    assert NAMES[lang] in set(plan_views.difference_frame([result, other], cat,
                                                          lang)["service"])


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_exports_name_the_users_service(plan, lang):
    tables = plan_tables(plan, lang=lang, years=False)
    shown = {str(v) for frame in tables.values() for v in frame.astype(str).to_numpy().ravel()}
    assert NAMES[lang] in shown
    assert "halfway_house" not in shown
    book = load_workbook(io.BytesIO(plan_workbook(plan, lang=lang)))
    cells = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert NAMES[lang] in cells
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(plan_docx(plan, lang=lang))
                                                   ).paragraphs)
    tables_text = {c.text for t in docx.Document(io.BytesIO(plan_docx(plan, lang=lang))).tables
                   for row in t.rows for c in row.cells}
    assert NAMES[lang] in text or NAMES[lang] in tables_text


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_public_view_and_its_exports_name_the_users_service(plan, lang):
    cat = load_catalogue()
    shown = public_plan(plan.result(), cat)
    assert set(shown.places["service"]) == {"halfway_house"}  # ids inside, names outside
    assert NAMES[lang] in set(plan_views.public_frames(shown, cat, lang)["places"]["service"])
    tables = public_tables(shown, lang=lang, catalogue=cat)
    assert NAMES[lang] in {str(v) for f in tables.values() for v in f.to_numpy().ravel()}
    other = replace(shown, label="B")
    assert NAMES[lang] in set(plan_views.public_difference_frame([shown, other], cat,
                                                                 lang)["service"])
