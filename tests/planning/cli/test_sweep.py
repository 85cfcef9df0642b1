"""``di-plan sweep`` and ``di-plan robust`` through click's CliRunner, on a saved instance."""

from __future__ import annotations

import json

import openpyxl
import pytest
from click.testing import CliRunner

from planning.cli.main import main
from planning.cli.sweep import parse_axis
from tests.optimizer.test_sweep import two_regions


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "two.json"
    path.write_text(two_regions().to_json(), encoding="utf-8")
    return path


def run(*args: str, lang: str = "en"):
    return CliRunner().invoke(main, ["--lang", lang, *args])


def test_budget_sweep_prints_results_and_frontier(saved, tmp_path):
    out = tmp_path / "sweep.json"
    result = run("sweep", "--input", str(saved), "--vary", "budget=2000:6000:2000",
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert [r["served"] for r in data["results"]] == [2, 4, 6]
    assert [r["served_per_extra_million"] for r in data["frontier"]] == [None, 1000, 1000]
    assert data["base"]["served"] == 8
    assert "3/3" in result.output   # progress on stderr (mixed in by the runner)


def test_one_at_a_time_gives_the_tornado(saved):
    result = run("sweep", "--input", str(saved), "--one-at-a-time",
                 "--vary", "budget=2000,12000", "--vary", "need=0.5,1.5")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])
    assert [r["lever"] for r in data["tornado"]] == ["budget", "need"]
    assert data["tornado"][0]["swing"] == 8            # 2 -> 10 persons
    assert data["tornado"][1]["served_low"] == 6      # half the need: 4 + 2


@pytest.mark.parametrize("vary, message", [
    ("budget", "LEVER=V1"), ("weather=1,2", "unknown lever"), ("budget=1,x", "not numbers"),
    ("budget=5:1:1", "not numbers"), ("need:Nowhere=1", "neither a region nor a group"),
])
def test_bad_axes_are_refused_with_the_fix(saved, vary, message):
    result = run("sweep", "--input", str(saved), "--vary", vary)
    assert result.exit_code != 0
    assert message in result.output


def test_a_bad_axis_and_the_help_in_latvian(saved):
    result = run("sweep", "--input", str(saved), "--vary", "budget=1,x", lang="lv")
    assert result.exit_code != 0 and "'1,x': nav skaitļi" in result.output
    shown = run("robust", "--help", lang="lv").output
    assert "Cik vajadzību scenāriju izlozēt." in shown and "Need scenarios" not in shown


def test_parse_axis_range_includes_its_stop():
    assert parse_axis("contingency=0:0.3:0.1").values == [0.0, 0.1, 0.2, 0.3]


def test_robust_prints_the_chosen_plan_and_its_risk(saved):
    result = run("robust", "--input", str(saved), "--scenarios", "3", "--seed", "4")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])
    assert data["method"] == "minimax regret over candidate plans"
    assert data["max_regret"] <= data["assessed_plan"]["max_regret"]
    assert data["worst_unserved"] >= data["expected_unserved"]
    assert all(0 < f["share"] <= 1 for f in data["frequency"])
    refused = run("robust", "--input", str(saved), "--scenarios", "0")
    assert refused.exit_code != 0 and "between 1 and" in refused.output


def test_robust_writes_the_workbook_of_the_page(saved, tmp_path):
    book = tmp_path / "robust.xlsx"
    result = run("robust", "--input", str(saved), "--scenarios", "3", "--seed", "4",
                 "--xlsx", str(book))
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):result.output.rindex("}") + 1])
    workbook = openpyxl.load_workbook(book)
    assert workbook.sheetnames == ["Facilities", "Figures", "Need scenarios", "About"]
    rows = list(workbook["Facilities"].iter_rows(min_row=3, values_only=True))
    assert {(r[1], r[3], r[4]) for r in rows if r[4]} == {
        ({"A": "Alpha", "B": "Beta"}[m], "Home", places)
        for m, _s, places, _f in data["chosen"]["sites"]}
    about = {r[0]: r[1] for r in workbook["About"].iter_rows(min_row=3, values_only=True)}
    assert about["Scenario"] == "two.json" and about["Number of need scenarios"] == "3"
    assert len(list(workbook["Need scenarios"].iter_rows(min_row=3))) == 3
