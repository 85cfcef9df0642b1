"""planning.views.sweep_tables: a robust plan's facilities, most often built first."""

from __future__ import annotations

from datetime import UTC, datetime

from planning.domain.catalogue import load_catalogue
from planning.store.sweeps import RobustSpec, RobustView
from planning.views import sweep_tables as tables


def run(result: dict | None) -> RobustView:
    return RobustView(1, 1, "done", 10, 10, RobustSpec(scenarios=4), result, None, "g",
                      datetime(2026, 12, 3, tzinfo=UTC))


RESULT = {"chosen": {"sites": [["0001000", "group_home", 8.0, 1.0],
                               ["0002000", "group_home", 0.0, 0.0],
                               ["0003000", "day_care_adults", 6.0, 1.0]]},
          "frequency": [{"municipality": "0001000", "service": "group_home", "share": 0.25},
                        {"municipality": "0002000", "service": "group_home", "share": 1.0}]}


def test_frequency_joins_shares_and_the_chosen_plan_most_often_first() -> None:
    got = tables.frequency(run(RESULT))
    assert got.to_dict("records") == [
        {"municipality": "0002000", "service": "group_home", "share": 1.0, "places": 0.0},
        {"municipality": "0001000", "service": "group_home", "share": 0.25, "places": 8.0},
        {"municipality": "0003000", "service": "day_care_adults", "share": 0.0, "places": 6.0},
    ]


def test_frequency_frame_names_and_per_cent() -> None:
    frame = tables.frequency_frame(run(RESULT), "lv", load_catalogue(),
                                   {"0002000": "Daugavpils"})
    assert list(frame.columns) == ["Pašvaldība", "Pakalpojums", "Scenāriju daļa, %",
                                   "Jaunas vietas izvēlētajā plānā"]
    assert frame.iloc[0].tolist()[0] == "Daugavpils"
    assert frame["Scenāriju daļa, %"].tolist() == [100, 25, 0]


def test_a_run_without_a_plan_has_no_rows() -> None:
    assert tables.frequency(run(None)).empty


def test_the_sweep_workbook_holds_an_error_text_inert() -> None:
    """A failed point's error may quote a name a user typed: it never runs as a formula."""
    import io

    import openpyxl

    from optimizer.sweep import Axis, Lever
    from planning.store.sweeps import SweepSpec, SweepView

    evil = '=HYPERLINK("http://x","y")'
    sweep = SweepView(1, 1, "done", 1, 1, SweepSpec([Axis(Lever.parse("budget"), [1e6])]),
                      None, [{"point": {"budget": 1e6}, "status": "failed", "error": evil}],
                      None, "g", datetime(2026, 12, 3, tzinfo=UTC))
    book = openpyxl.load_workbook(io.BytesIO(tables.sweep_workbook(sweep, "lv",
                                                                    load_catalogue())))
    cells = [c for ws in book for row in ws.iter_rows() for c in row if c.value == evil]
    assert cells, "the error is written as typed"
    assert all(c.data_type == "s" for c in cells)


def test_sweep_spec_parses_each_levers_values_and_names_the_bad_one() -> None:
    import pytest

    from planning.domain.errors import InputError

    cat = load_catalogue()
    spec = tables.sweep_spec([("budget", "1 000 000; 2 000 000"), ("need:Latgale", "0,8:1:0,2")],
                             one_at_a_time=True, lang="lv", catalogue=cat)
    assert [a.lever.key for a in spec.axes] == ["budget", "need:Latgale"]
    assert spec.axes[0].values == [1_000_000, 2_000_000]
    assert spec.axes[1].values == pytest.approx([0.8, 1.0])
    assert spec.one_at_a_time
    with pytest.raises(InputError) as caught:
        tables.sweep_spec([("budget", "1e6"), ("contingency", "abc")], one_at_a_time=False,
                          lang="en", catalogue=cat)
    assert caught.value.column == tables.lever_label("contingency", "en", cat)


def test_robust_figures_and_the_assessed_plans_in_the_readers_language() -> None:
    result = {"expected_unserved": 12.345, "worst_unserved": 20.0, "max_regret": 3.05,
              "candidates": 1234, "assessed": {"expected_unserved": 14.0,
                                               "worst_unserved": 1500.25, "max_regret": 0.0}}
    assert tables.robust_figures(result, "lv") == [
        ("robust.expected", "12,3"), ("robust.worst", "20,0"), ("robust.regret", "3,0")]
    assert tables.robust_assessed(result, "en") == {
        "expected": "14.0", "worst": "1,500.2", "regret": "0.0", "candidates": "1,234"}
