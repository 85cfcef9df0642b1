"""``di-plan solve --years``: the plan by year, as lines and JSON, and its bad options."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from planning.cli.main import main
from planning.domain.catalogue import load_catalogue


@pytest.fixture(scope="module")
def kurzeme_by_year() -> dict:
    result = CliRunner().invoke(main, ["solve", "--region", "Kurzeme", "--years", "2026-2030",
                                       "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_each_facility_opens_its_lead_time_after_it_starts(kurzeme_by_year):
    leads = {sid: s.lead_years for sid, s in load_catalogue().services.items()}
    projects = kurzeme_by_year["phasing"]["projects"]
    assert projects and all(p["open_year"] - p["start_year"] == leads[p["service"]]
                            for p in projects if p["open_year"] is not None)
    homes = [p["open_year"] for p in projects if p["service"] == "group_home"]
    assert homes and min(homes) >= 2028


def test_the_years_spend_what_the_plan_invests(kurzeme_by_year):
    years = kurzeme_by_year["phasing"]["years"]
    assert [y["year"] for y in years] == [2026, 2027, 2028, 2029, 2030]
    invested = sum(s["investment_eur"] for s in kurzeme_by_year["sites"])
    opened = [p for p in kurzeme_by_year["phasing"]["projects"] if p["open_year"] is not None]
    assert sum(y["investment_eur"] for y in years) == pytest.approx(
        sum(p["investment_eur"] for p in opened))
    assert sum(p["investment_eur"] for p in kurzeme_by_year["phasing"]["projects"]) == \
        pytest.approx(invested)
    assert years[-1]["places_open"] == pytest.approx(sum(p["places"] for p in opened))


def test_the_plan_by_year_reads_in_latvian():
    result = CliRunner().invoke(main, ["--lang", "lv", "solve", "--region", "Kurzeme",
                                       "--years", "2026-2028"])
    assert result.exit_code == 0, result.output
    assert "Plāns pa gadiem, 2026–2028:" in result.output
    assert "2028: atveras" in result.output
    assert "iestādēm plāna personas nav piesaistītas" in result.output


@pytest.mark.parametrize(("args", "expected"), [
    (["--years", "2026-30"], "gaidīts GGGG-GGGG"),
    (["--closure", "vsac_kurzeme_dundaga=2028"], "tikai kopā ar --years"),
    (["--years", "2026-2030", "--closure", "dundaga"], "gaidīts FILIĀLE=GADS"),
    (["--years", "2026-2030", "--year-shares", "0.5;0.5"], "gaidīti skaitļi"),
])
def test_a_malformed_option_is_refused_before_solving(args, expected):
    result = CliRunner().invoke(main, ["--lang", "lv", "solve", "--region", "Kurzeme", *args])
    assert result.exit_code == 2
    assert expected in result.output


def test_a_closure_the_plan_cannot_make_is_refused_with_the_reason():
    result = CliRunner().invoke(main, ["--lang", "lv", "solve", "--region", "Kurzeme",
                                       "--years", "2026-2030",
                                       "--closure", "vsac_kurzeme_dundaga=2028"])
    assert result.exit_code == 1
    assert "nevar slēgt 2028. gadā: plāns izvieto 0 no 85 iemītniekiem" in result.output
