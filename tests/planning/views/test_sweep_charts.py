"""planning.views.sweep_charts: the frontier and the tornado encode the frames' columns, titled
in the reader's language, numbers written as it writes them."""

from __future__ import annotations

import pandas as pd

from planning import i18n
from planning.views import sweep_charts
from planning.views.sweep_tables import axis_labels


def test_frontier_draws_budget_against_persons_served() -> None:
    front = pd.DataFrame({"Budžets, milj. EUR": [1.0, 2.0], "Apkalpotas personas": [10, 25],
                          "Neapkalpotas": [30, 15]})
    spec = sweep_charts.frontier_chart(front, "lv").to_dict()
    assert spec["mark"]["type"] == "line" and spec["mark"]["point"] is True
    assert spec["encoding"]["x"]["title"] == "Budžets, milj. EUR"
    assert spec["encoding"]["y"]["title"] == "Apkalpotas personas"
    assert spec["encoding"]["x"]["axis"]["labelExpr"] == axis_labels("lv")
    values = next(iter(spec["datasets"].values()))
    assert values == [{"x": 1.0, "y": 10}, {"x": 2.0, "y": 25}]


def test_tornado_bars_run_from_the_low_to_the_high_value_in_lever_order() -> None:
    torn = pd.DataFrame({"Lever": ["Budget", "Need"], "Low": [1, 0.8], "High": [2, 1.2],
                         "Served low": [10, 20], "Served high": [30, 22], "Swing": [20, 2]})
    spec = sweep_charts.tornado_chart(torn, "en").to_dict()
    assert spec["mark"]["type"] == "bar"
    assert spec["encoding"]["y"]["sort"] is None
    assert spec["encoding"]["x"]["title"] == i18n.t("sweep.col.served", "en")
    assert spec["encoding"]["x2"]["field"] == "high"
    rows = next(iter(spec["datasets"].values()))
    assert [(r["lever"], r["low"], r["high"]) for r in rows] == [("Budget", 10, 30),
                                                                 ("Need", 20, 22)]
