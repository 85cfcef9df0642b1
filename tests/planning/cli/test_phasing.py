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


FUNDED = ["--years", "2026-2030", "--funded-share", "0.8", "--funded-until", "2028"]


def test_the_funding_cliff_is_a_line_naming_the_year_and_municipalities():
    result = CliRunner().invoke(main, ["--lang", "lv", "solve", "--region", "Kurzeme", *FUNDED])
    assert result.exit_code == 0, result.output
    line = next(li for li in result.output.splitlines() if "Projekta finansējums" in li)
    assert "sedz 80% uzturēšanas izmaksu līdz 2028. gadam; no 2029. gada pašvaldības pārņem" \
        in line
    assert "Liepāja" in line
    plain = CliRunner().invoke(main, ["--lang", "lv", "solve", "--region", "Kurzeme",
                                      "--years", "2026-2030"])
    assert "Projekta finansējums" not in plain.output  # no funding: no line


def test_the_json_splits_each_years_running_cost_by_payer():
    result = CliRunner().invoke(main, ["solve", "--region", "Kurzeme", *FUNDED, "--json"])
    assert result.exit_code == 0, result.output
    phasing = json.loads(result.output)["phasing"]
    running = {y["year"]: y["running_eur"] for y in phasing["years"]}
    paid = {y["year"]: y for y in phasing["funding_years"]}
    for year in (2026, 2027, 2028):
        assert paid[year]["running_funded_eur"] == pytest.approx(0.8 * running[year])
    for year in (2029, 2030):
        assert paid[year]["running_funded_eur"] == 0
        assert paid[year]["running_municipal_eur"] == pytest.approx(running[year])
    taken = sum(m["takeover_eur_per_year"] for m in phasing["funding_cliff"])
    assert taken == pytest.approx(0.8 * running[2028])
    assert {m["takeover_year"] for m in phasing["funding_cliff"]} == {2029}


@pytest.mark.parametrize(("args", "code", "expected"), [
    (["--funded-share", "0.8"], 2, "tikai kopā ar --years"),
    (["--years", "2026-2030", "--funded-share", "1.5", "--funded-until", "2028"], 1,
     "„Projekta finansējuma daļa uzturēšanas izmaksās”: par lielu"),
    (["--years", "2026-2030", "--funded-share", "0.5", "--funded-until", "2020"], 1,
     "pirms plāna pirmā gada"),
    (["--years", "2026-2030", "--funded-share", "half"], 2, "--funded-share"),
])
def test_bad_funding_options_are_refused(args, code, expected):
    result = CliRunner().invoke(main, ["--lang", "lv", "solve", "--region", "Kurzeme", *args])
    assert result.exit_code == code, result.output
    assert expected in result.output


def test_funding_that_ends_after_the_plan_or_before_any_opening_is_said_so():
    from optimizer.phasing import PhasingInput, Project, phase
    from planning.cli.phasing import funding_lines
    from planning.domain.horizon import Horizon

    home = Project("talsi", "Kurzeme", "0051000", "group_home", 8, 100.0, 1000.0, 8)
    plan = phase(PhasingInput(2026, 2030, [home], lead_years={"group_home": 2}))
    assert plan.projects["open_year"].tolist() == [2028]

    def line(until: int) -> str:
        h = Horizon(2026, 2030, running_funded_share=0.5, running_funded_until=until)
        return funding_lines(plan, h, "lv")[0].replace("\xa0", " ")

    assert line(2032) == ("Projekta finansējums sedz 50% uzturēšanas izmaksu līdz 2032. gadam, "
                          "pēc plāna perioda; tad pašvaldības pārņem 500 € gadā.")
    assert "neviens jauns objekts neatveras" in line(2027)
    assert line(2028).endswith("no 2029. gada pašvaldības pārņem 500 € gadā: Talsu novads 500 €.")
    assert funding_lines(plan, Horizon(2026, 2030), "lv") == []
