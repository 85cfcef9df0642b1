"""The attacker test of issue 13: everything the public can download or see of a published
plan, solved as one linear program (``tests.planning.attacker``); no hidden count 1-4 may
be pinned to less than its whole range."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from planning.domain import geo, privacy
from planning.domain.catalogue import load_catalogue
from planning.domain.roles import PUBLIC
from planning.io import exports, report
from planning.store import published, scenario
from planning.views import plan_tables
from tests.pages.seeding import GROUP, published_plan, seeded_engine
from tests.planning import attacker


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    engine = seeded_engine(f"sqlite:///{tmp_path_factory.mktemp('attack') / 'a.db'}")
    s = published_plan(engine)
    with Session(engine, expire_on_commit=False) as session:
        view = published.public_plan(session=session, actor=PUBLIC, scenario_id=s.id)
        table = published.allocations(session=session, actor=PUBLIC, scenario_id=s.id)
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=s.id)
        row = scenario.latest_result(session=session, actor=GROUP, scenario_id=s.id)
    result = plan_tables.result_from_json("x", inputs.to_json(), row.solution_json)
    return view, table, result


def public_parts(view, table) -> list[tuple[str, object]]:
    """Every file and table a public reader gets: workbook, CSV, GeoJSON, map tooltips and
    the results page's tables."""
    layer = published.allocation_layer(table, division=view.division, region=view.region)
    names = geo.municipalities(view.division)
    codes = dict(zip(names["name_lv"], names["atvk_code"], strict=True))
    return [("xlsx", exports.plan_workbook(view)), ("csv", exports.plan_csv_zip(view)),
            ("csv", exports.plan_csv_zip(view, style="standard")),
            ("geojson", exports.allocations_geojson(view)),
            ("tooltips", dict(zip(layer["atvk_code"], layer["tip"], strict=True))),
            ("frames", (plan_tables.public_frames(view, load_catalogue(), "lv"), codes))]


def test_no_hidden_small_count_can_be_worked_out(plan):
    view, table, result = plan
    seen, pinned = attacker.everything(public_parts(view, table), result)
    hidden = [k for k, v in seen.values.items() if v == privacy.SMALL]
    assert len(hidden) >= 5, "the plan has small counts, so the test is not vacuous"
    assert pinned == {}


def test_the_attacker_undoes_suppression_of_the_small_counts_alone(plan):
    """The same attacker against "<5" alone (as before issue 13): places per service with
    investment, and the municipalities' totals: it pins hidden cells exactly."""
    _, _, result = plan
    doc = exports.Plan(result.inputs, result.solution, exports.PlanMetadata("x"))
    tables = {k: privacy.suppress(t) for k, t in exports.plan_tables(doc).items()}
    names = geo.municipalities(result.inputs.division)
    codes = dict(zip(names["name_lv"], names["atvk_code"], strict=True))
    frames = {"places": tables["places"], "budget": tables["budget"],
              "municipalities": tables["municipalities"]}
    seen, pinned = attacker.everything([("frames", (frames, codes))], result)
    exact = [k for k, (lo, hi) in pinned.items() if hi - lo < 1e-6]
    assert len(exact) >= 10


def test_the_public_report_draws_the_protected_tables(plan, tmp_path):
    """The PDF is laid out from the same public tables: every "<5" and "…" of them is there,
    and no map (circle sizes would give the places away)."""
    import subprocess

    view, _, _ = plan
    path = tmp_path / "public.pdf"
    path.write_bytes(report.plan_report(view))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    cells = [v for t in exports.public_tables(view).values() for c in t for v in t[c]]
    assert text.count(privacy.SMALL) >= cells.count(privacy.SMALL) > 0  # + the notes
    assert text.count(privacy.WITHHELD) >= cells.count(privacy.WITHHELD) > 0
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    assert images == []
