"""The results map with candidate sites: places and flows drawn at the sites, every
candidate a point, filled where new places go."""

from __future__ import annotations

import pandas as pd

from planning.views import result_maps

CANDIDATES = pd.DataFrame({"id": ["S001", "S002"], "name": ["Sabile", "Stende"],
                           "atvk_code": ["0051000", "0051000"], "lat": [57.05, 57.14],
                           "lon": [22.57, 22.54], "services": ["", ""],
                           "risk": ["", "iedzīvotāju iebildumi"]})
SITES = pd.DataFrame({"municipality": ["0051000", "0033000"], "service": ["group_home"] * 2,
                      "new_places": [6, 4], "site_id": ["S001", ""]})
FLOWS = pd.DataFrame({"origin": ["0033000"], "site": ["0051000"], "service": ["group_home"],
                      "clients": [2.0], "km": [40.0], "site_id": ["S001"]})
POINTS = pd.DataFrame({"atvk_code": ["0051000", "0033000"], "lat": [57.24, 56.97],
                       "lon": [22.58, 21.97]})


def test_places_and_flows_move_to_the_sites_and_keep_municipalities_elsewhere():
    sites, flows, points, names = result_maps.at_sites(SITES, FLOWS, POINTS, {}, CANDIDATES)
    assert list(sites["municipality"]) == ["S001", "0033000"]
    assert list(flows["site"]) == ["S001"]
    assert points.set_index("atvk_code").at["S001", "lat"] == 57.05
    assert names["S002"] == "Stende"


def test_every_candidate_is_a_point_filled_where_places_go():
    group = result_maps.candidate_sites_group(CANDIDATES, SITES, names={},
                                              service_names={}, lang="lv")
    markers = list(group._children.values())
    assert [m.options["fill"] for m in markers] == [True, False]
    assert "iedzīvotāju iebildumi" in markers[1]._children[next(iter(
        markers[1]._children))].text
