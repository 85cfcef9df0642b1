"""planning.views.result_maps: coverage classes, places and flows per municipality, the map."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from optimizer.formulation import AllocationModel
from planning.domain import geo, results
from planning.domain.inputs import default_inputs
from planning.domain.optimizer_input import problem_from_inputs
from planning.views import reference_views as views
from planning.views import result_maps as rm
from tests.budgets import with_total_budgets


@pytest.fixture(scope="module")
def poor() -> results.ScenarioResult:
    inputs = with_total_budgets(default_inputs("Kurzeme"), 0.3)
    return results.ScenarioResult(
        "x", inputs, AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve())


@pytest.mark.parametrize(("share", "color"), [
    (None, rm.maps.NO_NEED_FILL), (0.0, "#d73027"), (0.3, "#fc8d59"), (0.74, "#fee08b"),
    (0.9, "#91cf60"), (1.0, "#1a9850")])
def test_coverage_classes(share, color) -> None:
    assert rm.coverage_color(share) == color


def test_coverage_labels_local() -> None:
    assert rm.coverage_labels("lv")[0] == "0% – 25%"
    assert rm.coverage_labels("en")[-1] == "100%"


def test_places_and_flows_tables() -> None:
    sites = pd.DataFrame({"municipality": ["a", "a", "b"], "service": ["s", "t", "s"],
                          "new_places": [3, 0, 5]})
    wide = rm.places_per_municipality(sites)
    assert wide.loc["a", "total"] == 3 and wide.loc["b", "total"] == 5
    assert list(rm.places_per_municipality(sites, "t").index) == []
    flows = pd.DataFrame({"origin": ["a", "a", "b"], "site": ["a", "b", "b"],
                          "group": ["g"] * 3, "service": ["s"] * 3,
                          "clients": [2.0, 1.5, 4.0], "km": [0.0, 30.0, 0.0]})
    moving = rm.travelling_flows(flows)
    assert moving[["origin", "site", "clients"]].values.tolist() == [["a", "b", 1.5]]


def test_results_map_draws_coverage_places_and_attribution(poor) -> None:
    division = poor.inputs.division
    names = dict(zip(geo.municipalities(division)["atvk_code"],
                     geo.municipalities(division)["name_lv"], strict=True))
    m = rm.results_map(
        views.needs_layer(division, region="Kurzeme"), results.coverage(poor),
        poor.solution.sites, poor.solution.flows, geo.site_points(division),
        attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"], names=names,
        service_names={}, lang="en", bounds=views.region_bounds(division, "Kurzeme"))
    html = m.get_root().render()
    assert "Municipal boundaries: amCharts" in html
    assert "Share of need met" in html and "Data are illustrative" in html
    assert "#d73027" in html or "#fc8d59" in html  # some municipality is short of money
    assert html.count("circle_marker") >= 1


def test_results_overlays_follow_the_choices_with_no_layer_control(poor) -> None:
    division = poor.inputs.division
    args = (views.needs_layer(division, region="Kurzeme"), results.coverage(poor),
            poor.solution.sites, poor.solution.flows, geo.site_points(division))
    with_flows = rm.results_overlays(*args, names={}, service_names={}, lang="en")
    without = rm.results_overlays(*args, names={}, service_names={}, lang="en",
                                  show_flows=False, legend_collapsed=True)
    assert len(with_flows) == len(without) + 1  # the flows layer
    assert [g.layer_name for g in without][-1] == "legend"
    m = rm.results_map(*args, attribution=geo.BOUNDARY_ATTRIBUTION["amcharts"], names={},
                       service_names={}, lang="en", show_flows=False, legend_collapsed=True)
    html = m.get_root().render()
    assert "L.control.layers(" not in html
    assert "\\u003cdetails\\u003e" in html or "<details>" in html  # collapsed
    assert "\\u003cdetails open\\u003e" not in html and "<details open>" not in html
    assert "L.control.scale({imperial: false" in html


@pytest.mark.parametrize(("share", "color"), [
    (0.0, "#edf8e9"), (0.25, "#bae4b3"), (0.5, "#74c476"), (0.9, "#31a354"), (1.0, "#006d2c")])
def test_frequency_classes(share, color) -> None:
    assert rm.frequency_color(share) == color
    assert 5 <= rm.frequency_radius(share) <= 17


def test_frequency_map_marks_each_municipality_by_its_most_built_service() -> None:
    division = geo.DEFAULT_DIVISION
    freq = pd.DataFrame({"municipality": ["0001000", "0001000", "0002000"],
                         "service": ["group_home", "day_care_adults", "group_home"],
                         "share": [0.25, 1.0, 0.4], "places": [0.0, 6.0, 3.0]})
    m = rm.frequency_map(freq, geo.site_points(division), views.needs_layer(division),
                         attribution="A", names={"0001000": "Rīga"},
                         service_names={"group_home": "Grupu māja"}, lang="lv")
    html = m.get_root().render()
    assert html.count("L.circleMarker(") == 2
    assert '"fillColor": "#006d2c"' in html and '"fillColor": "#bae4b3"' in html
    assert "Rīga" in html and "100% scenāriju; izvēlētajā plānā 6 vietas" in html
    legend = rm.frequency_legend("lv")
    assert "vienmēr (100%)" in legend and "reti (mazāk nekā 25%)" in legend
    assert json.dumps("vienmēr (100%)")[1:-1] in html


def test_a_centre_has_a_ring_and_its_services_in_the_tooltip(poor) -> None:
    division = poor.inputs.division
    centres = pd.DataFrame({"municipality": ["0056000", "0056000"], "centre": ["c", "c"],
                            "service": ["respite_adults", "day_care_adults"],
                            "slot": ["adults_grt", "adults_grt"], "new_places": [1, 6],
                            "clients": [5.0, 6.0]})
    sites = pd.DataFrame({"municipality": ["0056000", "0052000"],
                          "service": ["respite_adults", "day_care_adults"],
                          "new_places": [7, 8]})
    places = rm.places_per_municipality(sites)
    notes = rm.centre_notes(centres, {"respite_adults": "Atelpa", "day_care_adults": "DAC"},
                            "lv")
    assert notes == {"0056000": "DSPC: DAC, Atelpa"}
    group = rm.new_places_group(places, geo.site_points(division), names={},
                                service_names={}, lang="lv", centres=notes)
    rings = [m.options.get("color") for m in group._children.values()]
    assert sorted(rings) == sorted([rm.CENTRE_RING, "#ffffff"])
    m = rm.maps.base_map(attribution="", bounds=None)
    group.add_to(m)
    assert m.get_root().render().count("DSPC: DAC, Atelpa") == 1
    assert "Daudzfunkcionālais centrs" in rm.legend("lv", flows=False, centres=True)
    assert "Daudzfunkcionālais centrs" not in rm.legend("lv", flows=False)


def _phased() -> tuple[pd.DataFrame, pd.DataFrame]:
    """A hand-made phased plan: in Liepāja a group home (8 places, built 2026, opens 2027)
    and a workshop (10, built 2027, opens 2028); in Ventspils a day centre started in 2028
    that opens after the plan; a branch of 20 residents closing in 2028."""
    projects = pd.DataFrame({
        "municipality": ["0005000", "0005000", "0007000"],
        "service": ["group_home", "workshop", "day_care_adults"],
        "places": [8.0, 10.0, 12.0],
        "start_year": [2026, 2027, 2028],
        "open_year": pd.array([2027, 2028, None], dtype="Int64")})
    branches = pd.DataFrame({
        "branch": ["vsac_kurzeme_ilgi"], "residents": [20.0], 2026: [20.0], 2027: [8.0],
        2028: [0.0], "closure_year": pd.array([2028], dtype="Int64")})
    return projects, branches


def test_places_in_a_year_are_running_opening_or_being_built():
    projects, _ = _phased()
    y2027 = rm.places_in_year(projects, 2027).set_index("service")
    assert y2027.loc["group_home", ["open", "opening", "building"]].tolist() == [8, 8, 0]
    assert y2027.loc["workshop", ["open", "opening", "building"]].tolist() == [0, 0, 10]
    assert "day_care_adults" not in y2027.index  # not started yet
    y2028 = rm.places_in_year(projects, 2028).set_index("service")
    assert y2028.loc["group_home", "opening"] == 0 and y2028.loc["workshop", "opening"] == 10
    assert y2028.loc["day_care_adults", ["open", "building"]].tolist() == [0, 12]
    assert rm.places_in_year(projects, 2025).empty


def test_a_branch_is_shown_with_its_residents_until_it_closes():
    _, branches = _phased()
    assert rm.branches_in_year(branches, 2027)[["residents", "closed"]].values.tolist() == [
        [8.0, False]]
    assert rm.branches_in_year(branches, 2028)["closed"].tolist() == [True]


def test_the_year_map_draws_places_and_branches_with_their_tooltips():
    from planning.domain import reference

    projects, branches = _phased()
    division = geo.DEFAULT_DIVISION
    outlines = views.needs_layer(division, views.ALL_GROUPS, views.ALL_SERVICES, "Kurzeme",
                                 "lv", "amcharts")
    m = rm.year_map(rm.places_in_year(projects, 2027), rm.branches_in_year(branches, 2027),
                    2027, geo.site_points(division), reference.institutions(division), outlines,
                    attribution="x", names={"0005000": "Liepāja"},
                    service_names={"group_home": "Grupu māja"}, lang="lv")
    html = m.get_root().render()
    assert "Liepāja" in html and "Grupu māja" in html and "darbojas 8, būvē 0" in html
    assert "Iļģi" in html and "Iedzīvotāji gada beigās" in html
    assert "Plāns 2027. gada beigās" in rm.year_legend(2027, "lv")
    closed = rm.year_map(rm.places_in_year(projects, 2028), rm.branches_in_year(branches, 2028),
                         2028, geo.site_points(division), reference.institutions(division),
                         outlines, attribution="x", names={}, service_names={}, lang="lv")
    assert rm.CLOSED_COLOR in closed.get_root().render()
