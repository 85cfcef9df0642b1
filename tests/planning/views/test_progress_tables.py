"""planning.views.progress_tables: slipping rows first with their label, the chart's two
series by year, and the openings an amendment moves."""

from __future__ import annotations

import pandas as pd

from optimizer.phasing import PhasedPlan
from planning import i18n
from planning.domain.catalogue import load_catalogue
from planning.domain.progress import planned_vs_actual
from planning.views import progress_tables as views
from tests.planning.domain.test_progress import PLAN, YEARS, _actuals

LIEPAJA, VENTSPILS = "0005000", "0007000"
HOME, DAY = "group_home", "day_care_adults"


def _plan():
    return PLAN.assign(municipality=PLAN["municipality"].map({"L": LIEPAJA, "V": VENTSPILS}),
                       service=PLAN["service"].map({"home": HOME, "day": DAY}))


def test_slipping_rows_come_first_with_their_label():
    actual = _actuals([(LIEPAJA, "opening", HOME, 2027, 8, 400_000.0, 0)])
    frame = views.openings_frame(planned_vs_actual(_plan(), actual, YEARS, 2029),
                                 load_catalogue(), "2025", "lv")
    assert frame[["municipality", "year", "slippage"]].values.tolist() == [
        ["Ventspils", "2027", i18n.t("progress.slip.none", "lv")],
        ["Liepāja", "2028", i18n.t("progress.slip.fewer", "lv")],
        ["Liepāja", "2027", ""]]


def test_the_chart_has_planned_and_actual_places_per_year():
    actual = _actuals([(LIEPAJA, "opening", HOME, 2027, 5, 250_000.0, 0)])
    chart = views.chart(planned_vs_actual(_plan(), actual, YEARS, 2027), "places", "en")
    assert list(chart.columns) == ["Planned", "Actual"]
    assert chart.loc["2027"].tolist() == [18, 5] and chart.loc["2028"].tolist() == [8, 0]


def _phased(rows) -> PhasedPlan:
    projects = pd.DataFrame(rows, columns=["municipality", "service", "places", "open_year",
                                           "built"]).astype({"open_year": "Int64"})
    return PhasedPlan(projects, pd.DataFrame(), pd.DataFrame(), "optimal")


def test_an_amendment_lists_the_openings_that_move_and_what_is_built():
    before = _phased([(LIEPAJA, HOME, 8, 2027, False), (LIEPAJA, HOME, 8, 2028, False),
                      (VENTSPILS, DAY, 10, 2027, False)])
    after = _phased([(LIEPAJA, HOME, 8, 2028, True), (LIEPAJA, HOME, 8, None, False),
                     (VENTSPILS, DAY, 10, 2027, False)])
    frame = views.phasing_changes(before, after, load_catalogue(), "2025", "lv")
    assert frame[["municipality", "year", "places_before", "places_after", "built"]
                 ].values.tolist() == [["Liepāja", "2027", 8, 0, False],
                                       ["Liepāja", "", 0, 8, False]]
