"""``di-plan solve`` through click's CliRunner."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner

from optimizer.checker import check_solution
from optimizer.problem import ProblemInput
from optimizer.solution import Solution
from planning.cli.lang import env_lang
from planning.cli.main import main
from tests.optimizer.instances import instance


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "small.json"
    path.write_text(instance({"A": 3, "B": 5}, budget=5000).to_json(), encoding="utf-8")
    return path


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_solve_saved_instance_prints_json(saved, solver):
    result = CliRunner().invoke(main, ["solve", "--input", str(saved), "--json",
                                       "--solver", solver])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["totals"]["unmet_clients"] == pytest.approx(3)
    assert data["totals"]["investment_eur"] == pytest.approx(5000)
    pi = ProblemInput.from_json(saved.read_text(encoding="utf-8"))
    assert not check_solution(pi, Solution.from_dict(data))


def test_region_without_diacritics_and_save_input(tmp_path):
    out = tmp_path / "zemgale.json"
    result = CliRunner().invoke(main, ["--lang", "en", "solve", "--region", "zemgale",
                                       "--budget", "800000", "--save-input", str(out)])
    assert result.exit_code == 0, result.output
    assert "Status: optimal" in result.output
    pi = ProblemInput.from_json(out.read_text(encoding="utf-8"))
    assert {m.region for m in pi.municipalities} == {"Zemgale"}
    assert pi.budget_of("Zemgale").investment_eur == pytest.approx(800_000)


def test_riga_spellings_give_the_same_instance(tmp_path):
    paths = [tmp_path / "a.json", tmp_path / "b.json"]
    for name, path in zip(["Riga", "Rīga"], paths, strict=True):
        result = CliRunner().invoke(main, ["solve", "--region", name, "--budget", "1000000",
                                           "--greedy", "--save-input", str(path)])
        assert result.exit_code == 0, result.output
    assert paths[0].read_text(encoding="utf-8") == paths[1].read_text(encoding="utf-8")


def test_explain_adds_binding_budget_and_next_money(saved):
    result = CliRunner().invoke(main, ["--lang", "en", "solve", "--input", str(saved),
                                       "--explain"])
    assert result.exit_code == 0, result.output
    assert "- R: the investment budget binds — 5,000 of 5,000 EUR used." in result.output
    assert "- €100,000 more for R would add 3 places and serve 3 more persons." in result.output
    result = CliRunner().invoke(main, ["--lang", "lv", "solve", "--input", str(saved),
                                       "--explain"])
    assert "ļautu izveidot vēl 3 vietas un apkalpot vēl 3 personas." in result.output


def test_bad_input_and_unknown_region_are_clean_errors(tmp_path, saved):
    bad = tmp_path / "bad.json"
    bad.write_text('{"municipalities": []}', encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "solve", "--input", str(bad)])
    assert result.exit_code == 1
    assert "Error: The instance holds a value the model cannot use in 'groups': is required" \
        in result.output
    result = CliRunner().invoke(main, ["--lang", "lv", "solve", "--input", str(bad)])
    assert "nederīga vērtība laukā „groups”" in result.output
    result = CliRunner().invoke(main, ["solve", "--region", "Atlantis"])
    assert result.exit_code == 1
    assert "unknown planning region 'Atlantis'" in result.output
    result = CliRunner().invoke(main, ["solve", "--input", str(saved), "--region", "Riga"])
    assert result.exit_code == 2


def test_infeasible_equity_floor_is_explained(tmp_path):
    path = tmp_path / "floor.json"
    pi = instance({"A": 10, "B": 10}, budget=8000, equity_floor=0.5)
    path.write_text(pi.to_json(), encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "solve", "--input", str(path)])
    assert result.exit_code == 1
    assert "needs at least 10,000 EUR of investment in region R" in result.output


PLAN = ('Pašvaldība,Pakalpojums,Jaunas vietas,Jauni objekti,"Investīcijas, EUR"\n'
        "Liepāja,Grupu māja / dzīvoklis,16,1,650000\n"
        "Talsu novads,Dienas aprūpes centrs pieaugušajiem (DAC),20,1,\n")


def test_evaluate_a_plan_file_readable_and_json(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "evaluate", "--plan", str(path),
                                       "--region", "Kurzeme", "--more", "5"])
    assert result.exit_code == 0, result.output
    assert "Liepāja: Group home / group flat, 16 places in 1 facility" in result.output
    gained = re.search(r"Smallest change that serves (\d+) more persons: (\d+) places added",
                       result.output)
    assert gained and int(gained.group(1)) >= 5 and int(gained.group(2)) >= 1
    assert "stated €650,000" in result.output
    result = CliRunner().invoke(main, ["evaluate", "--plan", str(path), "--region", "Kurzeme",
                                       "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    figures = {f["figure"]: f for f in data["figures"]}
    assert figures["new_places"]["given"] == 36
    assert figures["served_persons"]["optimum"] >= figures["served_persons"]["given"]
    assert data["change"]["added"] > 0


def test_evaluate_refuses_a_plan_with_an_unknown_municipality(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(PLAN + "Atlantīda,Jauniešu māja,8,1,\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "en", "evaluate", "--plan", str(path),
                                       "--region", "Kurzeme"])
    assert result.exit_code == 1
    assert "plan.csv, row 4, column 'Pašvaldība'" in result.output
    assert "nothing was imported" in result.output


def test_evaluate_speaks_latvian_by_choice(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text(PLAN, encoding="utf-8")
    result = CliRunner().invoke(main, ["--lang", "lv", "evaluate", "--plan", str(path),
                                       "--region", "Kurzeme"])
    assert result.exit_code == 0, result.output
    assert "Liepāja: Grupu māja / dzīvoklis, 16 vietas 1 objektā" in result.output
    assert "Dotais plāns un optimizētājs ar tiem pašiem līdzekļiem" in result.output
    assert "norādīts 650\xa0000\xa0€" in result.output
    assert "places" not in result.output and "Budget" not in result.output


@pytest.mark.parametrize(("env", "lang"), [
    ({"DI_LANG": "en", "LANG": "lv_LV.UTF-8"}, "en"),
    ({"DI_LANG": "", "LANG": "en_GB.UTF-8"}, "en"),
    ({"DI_LANG": "", "LANG": "C.UTF-8"}, "lv"),
    ({}, "lv"),
])
def test_language_from_the_environment_latvian_when_unknown(env, lang):
    assert env_lang(env) == lang


@pytest.mark.parametrize(("args", "env", "expected", "other"), [
    (["solve", "--help"], {"DI_LANG": "", "LANG": "C.UTF-8"},
     "Izvietot jaunas pakalpojumu vietas", "Allocate new service places"),
    (["solve", "--help"], {"DI_LANG": "en"},
     "Allocate new service places", "Izvietot jaunas pakalpojumu vietas"),
    (["--lang", "lv", "solve", "--help"], {"DI_LANG": "en"},
     "Administratīvais iedalījums", "Administrative division"),
    (["--lang", "en", "solve", "--help"], {"DI_LANG": "lv"},
     "Administrative division", "Administratīvais iedalījums"),
])
def test_help_in_the_chosen_language(args, env, expected, other):
    result = CliRunner().invoke(main, args, env=env)
    assert result.exit_code == 0, result.output
    assert expected in result.output
    assert other not in result.output


COMMANDS = [[], ["solve"], ["evaluate"], ["sweep"], ["robust"], ["demo"], ["user"],
            ["user", "add"], ["import"], ["import", "table"], ["import", "boundaries"],
            ["export"], ["export", "scenario"], ["export", "report"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_helps_in_latvian_and_english(command):
    latvian = CliRunner().invoke(main, ["--lang", "lv", *command, "--help"])
    assert latvian.exit_code == 0, latvian.output
    assert latvian.output.startswith("Lietojums: ") and "\nOpcijas:\n" in latvian.output
    assert "Parādīt šo palīdzību un beigt." in latvian.output
    for english in ("Usage:", "Show this message", "default:", "required]", "The ", "the "):
        assert english not in latvian.output, english
    shown = CliRunner().invoke(main, ["--lang", "en", *command, "--help"]).output
    assert shown.startswith("Usage: ") and "Show this message and exit." in shown
    assert "Lietojums" not in shown and "Opcijas" not in shown


@pytest.mark.parametrize(("lang", "expected"), [
    ("lv", "--input ir pilns uzdevums: nenorādiet --region un --budget"),
    ("en", "--input is a whole instance: drop --region and --budget"),
])
def test_input_with_region_is_refused_in_the_chosen_language(saved, lang, expected):
    result = CliRunner().invoke(main, ["--lang", lang, "solve", "--input", str(saved),
                                       "--region", "Zemgale"])
    assert result.exit_code == 2
    assert expected in result.output


@pytest.mark.parametrize(("lang", "expected"), [
    ("lv", "par mazu"), ("en", "too small"),
])
def test_bad_time_limit_named_in_the_chosen_language(lang, expected):
    result = CliRunner().invoke(main, ["--lang", lang, "solve", "--time-limit", "-1"])
    assert result.exit_code == 2
    assert expected in result.output


@pytest.mark.parametrize(("lang", "expected"), [("lv", "Uzdevums: "), ("en", "Instance: ")])
def test_solve_prints_the_instance_line_in_the_chosen_language(saved, lang, expected):
    result = CliRunner().invoke(main, ["--lang", lang, "solve", "--input", str(saved),
                                       "--greedy"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(expected)


@pytest.mark.parametrize(("lang", "expected", "other"), [
    ("lv", ["Statuss: optimāls", "Vajadzība: ", "Investīcijas ", " vietas ", " objekt"],
     ["Status:", "Need ", "places", "EUR"]),
    ("en", ["Status: optimal", "Need ", "Investment €", " places in ", " facilit"],
     ["Statuss", "Vajadzība", "vietas"]),
])
def test_solve_prints_the_plan_in_the_chosen_language(lang, expected, other):
    result = CliRunner().invoke(main, ["--lang", lang, "solve", "--region", "Zemgale",
                                       "--budget", "800000"])
    assert result.exit_code == 0, result.output
    assert all(text in result.output for text in expected), result.output
    assert not any(text in result.output for text in other), result.output


def _solved(*args: str) -> dict:
    result = CliRunner().invoke(main, ["solve", "--region", "Kurzeme", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _served(data: dict, priority: str) -> float:
    return sum(p["served"] for p in data["persons"] if p["priority"] == priority)


def test_leavers_first_keeps_the_leavers_group_homes_at_a_low_budget():
    """The same money, leavers first (the default) or everyone alike: leavers first serves
    every leaver it can (their group home and day service), everyone alike serves more
    persons, mostly cheaper day services."""
    first = _solved("--budget", "1000000")
    alike = _solved("--budget", "1000000", "--priority", "none")
    assert [s["goal"] for s in first["stages"]][:3] == [
        "unmet:leavers", "unmet:waiting_list", "unmet:at_risk"]
    assert _served(first, "leavers") > _served(alike, "leavers")
    assert alike["totals"]["served_persons"] > first["totals"]["served_persons"]
    homes = [s for s in first["sites"] if s["service"] == "group_home" and s["new_places"]]
    assert homes


def test_the_goal_order_and_the_least_occupancy_from_the_command_line(tmp_path):
    saved = tmp_path / "kurzeme.json"
    data = _solved("--goal-order", "unmet,cost,distance", "--min-occupancy", "0.9",
                   "--save-input", str(saved))
    pi = ProblemInput.from_json(saved.read_text(encoding="utf-8"))
    assert pi.min_occupancy == 0.9 and pi.objective.order == ["unmet", "cost", "distance"]
    assert [s["goal"] for s in data["stages"]][-2:] == ["cost", "distance"]
    assert check_solution(pi, Solution.from_dict(data)) == []


def test_a_bad_scenario_setting_is_named():
    result = CliRunner().invoke(main, ["--lang", "lv", "solve", "--region", "Kurzeme",
                                       "--min-occupancy", "1.5"])
    assert result.exit_code == 1
    assert "„min_occupancy”: daļa no 0 līdz 1 (piemēram, 0,70" in result.output
    result = CliRunner().invoke(main, ["--lang", "en", "solve", "--region", "Kurzeme",
                                       "--preset", "cheap"])
    assert result.exit_code == 1 and "expert_2015" in result.output
