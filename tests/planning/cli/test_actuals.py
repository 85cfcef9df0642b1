"""``di-plan actual ...``: a municipality records what it built and who moved against the
approved plan, as a stored user with that user's rights; the group lists every record."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from planning.cli.main import main
from planning.domain.inputs import ScenarioInputs
from planning.store import auth, lifecycle, scenario
from planning.store.db import get_engine, init_db, session_scope
from tests.planning.actors import ADMIN, KURZEME, MINISTRY

SOLUTION = {"sites": [
    {"municipality": "0005000", "service": "group_home", "new_places": 16, "new_facilities": 2},
    {"municipality": "0007000", "service": "day_care_adults", "new_places": 3,
     "new_facilities": 1}], "totals": {"new_places": 19}}


@pytest.fixture
def approved(db_url, monkeypatch) -> int:
    """An approved Kurzeme plan (2026-2030) and the users who act on it."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    engine = init_db(get_engine(db_url))
    today = date.today()
    with session_scope(engine) as session:
        s = scenario.create_scenario(session=session, actor=KURZEME,
                                     inputs=ScenarioInputs(region="Kurzeme",
                                                           plan_years=(2026, 2030)),
                                     scenario_in={"name": "Kurzeme plan", "region": "Kurzeme"})
        scenario.save_result(session=session, actor=KURZEME, scenario_id=s.id, number=1,
                             solution=SOLUTION, problem={}, solver="highs", status="optimal",
                             run_seconds=2.0)
        lifecycle.publish(session=session, actor=KURZEME, scenario_id=s.id, start=today,
                          end=today + timedelta(days=30))
        lifecycle.submit(session=session, actor=KURZEME, scenario_id=s.id,
                         close_consultation=True)
        lifecycle.approve(session=session, actor=MINISTRY, scenario_id=s.id)
        for name, role, place in (("liepaja", "municipality", {"municipality_code": "0005000"}),
                                  ("kurzeme.anna", "management_group", {"region": "Kurzeme"})):
            auth.create_user(session=session, actor=ADMIN, user_in={
                "username": name, "role": role, "password": "a long pass phrase 7", **place})
        scenario_id = s.id
    yield scenario_id
    get_engine(db_url).dispose()


def actual(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, "actual", *args])


def test_a_municipality_records_an_opening_and_persons_moved_and_the_group_lists_them(
        approved):
    opened = actual("opening", "--scenario", str(approved), "--as", "liepaja",
                    "--service", "Grupu māja / dzīvoklis", "--year", "2027", "--places", "8",
                    "--investment", "410000")
    assert opened.exit_code == 0, opened.output
    assert opened.output.strip() == "recorded: facility opened, 0005000, 2027 (revision 1)"
    moved = actual("moved", "--scenario", str(approved), "--as", "liepaja", "--year", "2027",
                   "--persons", "6", lang="lv")
    assert moved.exit_code == 0, moved.output
    assert "ierakstīts: pārcēlušās personas, 0005000, 2027" in moved.output
    listed = actual("list", "--scenario", str(approved), "--as", "kurzeme.anna")
    assert listed.exit_code == 0, listed.output
    assert listed.output.splitlines() == ["0005000\tmoved\t–\t2027\t0\t0.0\t6",
                                          "0005000\topening\tgroup_home\t2027\t8\t410000.0\t0"]
    records = json.loads(actual("list", "--scenario", str(approved), "--as", "liepaja",
                                "--json").output)
    assert [(r["kind"], r["recorded_by"]) for r in records] == [("moved", "liepaja"),
                                                                 ("opening", "liepaja")]


@pytest.mark.parametrize(("args", "expected"), [
    (("opening", "--as", "liepaja", "--service", "workshop", "--year", "2027", "--places", "4",
      "--investment", "1"), "workshop"),  # Liepāja's plan has group homes only
    (("opening", "--as", "liepaja", "--service", "group_home", "--year", "2040", "--places",
      "4", "--investment", "1"), "within the plan, 2026–2030"),
    (("moved", "--as", "liepaja", "--year", "2027", "--persons", "3", "--municipality",
      "0007000"), ""),  # another municipality's
    (("moved", "--as", "kurzeme.anna", "--year", "2027", "--persons", "3"), ""),
    (("moved", "--as", "nobody", "--year", "2027", "--persons", "3"), "no active user 'nobody'"),
])
def test_what_the_plan_or_the_role_does_not_allow_is_refused_and_nothing_stored(
        approved, args, expected):
    refused = actual(*args[:1], "--scenario", str(approved), *args[1:])
    assert refused.exit_code == 1, refused.output
    assert refused.output.startswith("Error: ") and expected in refused.output
    listed = actual("list", "--scenario", str(approved), "--as", "kurzeme.anna")
    assert listed.output == ""
