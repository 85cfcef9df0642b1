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
