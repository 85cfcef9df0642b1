"""Candidate sites finer than municipalities and imported travel minutes, worked by hand."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.checker import check_solution
from optimizer.errors import InputError
from optimizer.greedy import greedy_solution
from optimizer.problem import (
    CandidateSite,
    Capacity,
    ExcludedSite,
    Municipality,
    MunicipalityLimit,
    Need,
    ProblemInput,
    RegionBudget,
)
from optimizer.solution import Solution
from tests.optimizer.conftest import solve_checked
from tests.optimizer.instances import GROUP, day, home


def two_towns(**kw) -> ProblemInput:
    """4 day-centre clients from A. Site a1 (in A, across a lake) is 8 km but 40 min away,
    site b1 (in B, on the main road) 12 km and 15 min; the day centre reaches 30 km and
    30 minutes. B has no need."""
    base = dict(
        municipalities=[Municipality("A", "Alpha", "R"), Municipality("B", "Beta", "R")],
        groups=[GROUP], services=[day(max_travel_minutes=30.0)],
        needs=[Need("A", GROUP, "day", 4)],
        distances={("A", "B"): 10.0, ("B", "A"): 10.0, ("A", "a1"): 8.0, ("A", "b1"): 12.0,
                   ("B", "a1"): 14.0, ("B", "b1"): 3.0},
        minutes={("A", "a1"): 40.0, ("A", "b1"): 15.0, ("B", "a1"): 45.0, ("B", "b1"): 5.0},
        budgets=[RegionBudget("R", investment_eur=None)],
        sites=[CandidateSite("a1", "Lake village", "A"), CandidateSite("b1", "Road town", "B")],
    )
    return ProblemInput(**{**base, **kw})


def built(sol: Solution) -> list[tuple[str, str, str, int]]:
    return [(r.site_id, r.municipality, r.service, int(r.new_places))
            for r in sol.sites.itertuples() if r.new_places > 0]


def test_imported_minutes_move_the_facility_to_the_site_farther_by_km():
    # Straight-line km alone: a1 is nearer (4 x 8 = 32 client-km against 48) and wins.
    # With the matrix's minutes a1 (40 min) is beyond the 30-minute reach: b1 serves all 4.
    by_km = solve_checked(two_towns(minutes={}))
    assert built(by_km) == [("a1", "A", "day", 4)]
    assert by_km.totals["distance_km_weighted"] == pytest.approx(32)
    by_minutes = solve_checked(two_towns())
    assert built(by_minutes) == [("b1", "B", "day", 4)]
    assert by_minutes.totals["distance_km_weighted"] == pytest.approx(48)
    flow = by_minutes.flows.iloc[0]
    assert (flow.origin, flow.site, flow.site_id, flow.km, flow.minutes) == \
        ("A", "B", "b1", 12.0, 15.0)


def test_greedy_honours_the_minutes_reach_too():
    pi = two_towns()
    greedy = greedy_solution(pi)
    assert not check_solution(pi, greedy)
    assert built(greedy) == [("b1", "B", "day", 4)]


def test_distance_inside_a_municipality_is_not_zero_at_a_finer_site():
    # Only a1 (6 km from A's centre, inside A): 4 clients x 6 km. At municipality level
    # the same clients would travel 0 km.
    pi = two_towns(minutes={}, distances={("A", "a1"): 6.0},
                   sites=[CandidateSite("a1", "Lake village", "A")])
    sol = solve_checked(pi)
    assert built(sol) == [("a1", "A", "day", 4)]
    assert sol.totals["distance_km_weighted"] == pytest.approx(24)
    flat = solve_checked(replace(pi, sites=[], distances={}))
    assert flat.totals["distance_km_weighted"] == pytest.approx(0)


def test_a_sites_services_restriction_is_honoured():
    # a1 allows only the group home; the day centre must go to b1 although a1 is nearer.
    pi = two_towns(minutes={}, services=[day(), home()],
                   needs=[Need("A", GROUP, "day", 4), Need("A", GROUP, "home", 3)],
                   sites=[CandidateSite("a1", "Lake village", "A", services=["home"]),
                          CandidateSite("b1", "Road town", "B")])
    sol = solve_checked(pi)
    assert sorted(built(sol)) == [("a1", "A", "home", 3), ("b1", "B", "day", 4)]


def test_with_sites_new_places_go_only_at_sites_and_existing_stay_at_the_municipality():
    # A municipality's own point gets no new places once sites are imported; B's existing
    # 2 places (at B itself) still serve.
    pi = two_towns(minutes={}, sites=[CandidateSite("b1", "Road town", "B")],
                   distances={("A", "B"): 10.0, ("A", "b1"): 12.0},
                   capacity=[Capacity("B", "day", 2)])
    sol = solve_checked(pi)
    assert built(sol) == [("b1", "B", "day", 2)]
    assert sorted(sol.flows["site_id"]) == ["", "b1"]
    assert sol.municipalities.set_index("municipality").at["B", "new_places"] == 2


def test_a_risky_site_is_used_and_an_excluded_one_is_not():
    risky = [CandidateSite("a1", "Lake village", "A", risk="residents object"),
             CandidateSite("b1", "Road town", "B")]
    assert built(solve_checked(two_towns(minutes={}, sites=risky))) == [("a1", "A", "day", 4)]
    excluded = two_towns(minutes={}, sites=risky, excluded_sites=[ExcludedSite("a1", "day")])
    assert built(solve_checked(excluded)) == [("b1", "B", "day", 4)]
    # excluding the municipality excludes its sites
    whole = two_towns(minutes={}, sites=risky, excluded_sites=[ExcludedSite("A", "day")])
    assert built(solve_checked(whole)) == [("b1", "B", "day", 4)]


def test_a_municipality_limit_counts_all_its_sites():
    # 4 clients from A and 4 from B; two sites in A, one facility allowed in A; B's own
    # site b1 is beyond 30 km of A. 8 clients at most 20 places: one facility in A for A's
    # four, b1 for B's four; the limit keeps a2 closed.
    pi = two_towns(
        minutes={}, needs=[Need("A", GROUP, "day", 4), Need("B", GROUP, "day", 4)],
        services=[day(max_places=4)],
        distances={("A", "a1"): 2.0, ("A", "a2"): 3.0, ("B", "a1"): 20.0, ("B", "a2"): 20.0,
                   ("B", "b1"): 1.0, ("A", "b1"): 40.0, ("A", "B"): 20.0, ("B", "A"): 20.0},
        sites=[CandidateSite("a1", "One", "A"), CandidateSite("a2", "Two", "A"),
               CandidateSite("b1", "Road town", "B")],
        municipality_limits=[MunicipalityLimit("A", max_new_facilities=1)])
    sol = solve_checked(pi)
    assert sorted(built(sol)) == [("a1", "A", "day", 4), ("b1", "B", "day", 4)]
    greedy = greedy_solution(pi)
    assert not check_solution(pi, greedy)
    assert sum(1 for r in built(greedy) if r[1] == "A") == 1


def test_the_checker_finds_a_flow_beyond_the_minutes_reach():
    pi = two_towns()
    sol = solve_checked(two_towns(minutes={}))  # a1: 40 min under the matrix
    problems = check_solution(pi, sol)
    assert any("40.0 min is beyond the 30.0 min reach" in p for p in problems)


def test_sites_and_minutes_round_trip_and_are_validated():
    pi = two_towns(sites=[CandidateSite("a1", "Lake village", "A", ["day"], "objections",
                                        56.5, 21.0), CandidateSite("b1", "Road town", "B")])
    assert ProblemInput.from_json(pi.to_json()) == pi
    with pytest.raises(InputError, match="unknown municipality 'Z'"):
        two_towns(sites=[CandidateSite("z1", "Nowhere", "Z")]).validate()
    with pytest.raises(InputError, match="unknown site 'q'"):
        two_towns(minutes={("A", "q"): 3.0}).validate()
    with pytest.raises(InputError, match="below the minimum"):
        two_towns(minutes={("A", "a1"): -1.0}).validate()
