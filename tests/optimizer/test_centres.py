"""Multifunctional centres (DSPC), worked by hand: chosen where separate facilities cost
more or cannot be viable, not where they are cheaper; incompatible groups never share a
room; the checker refuses a broken centre."""

from __future__ import annotations

from dataclasses import replace

import jsonschema
import pytest

from optimizer.checker import check_solution
from optimizer.problem import (
    CentreNorm,
    Municipality,
    Need,
    ProblemInput,
    RegionBudget,
    ServiceNorm,
)
from optimizer.solution import Solution
from tests.optimizer.conftest import solve_checked
from tests.optimizer.test_problem import SCHEMA

ADULTS, CHILDREN = "adults_grt", "children_ft"


def svc(sid: str, kind: str, group: str, **kw) -> ServiceNorm:
    """3,000 EUR a place; 20,000 EUR and 10,000 EUR a year per separate facility."""
    base = dict(id=sid, name=sid, kind=kind, groups=[group], investment_per_place=3000.0,
                investment_per_facility=20_000.0, running_cost_per_facility_year=10_000.0,
                max_travel_km=40.0)
    return ServiceNorm(**{**base, **kw})


SERVICES = [svc("day_a", "day", ADULTS, min_places=8, max_places=40),
            svc("resp_c", "support", CHILDREN, clients_per_place=12.0, min_places=2,
                max_places=10),
            svc("resp_a", "support", ADULTS, clients_per_place=12.0, min_places=2,
                max_places=10)]
CENTRE = CentreNorm("dspc", "DSPC", ["day_a", "resp_c", "resp_a"],
                    investment_per_centre=78_500.0, running_cost_per_centre_year=24_720.0,
                    staff_per_centre=2.0, min_clients=5.0,
                    incompatible=[[CHILDREN, ADULTS]])


def one_town(needs: dict[str, float], services=SERVICES, centre=CENTRE, **kw) -> ProblemInput:
    """One municipality A with ``needs`` {service: clients}; money enough for all."""
    groups = {s.id: s.groups[0] for s in services}
    return ProblemInput(
        municipalities=[Municipality("A", "Alpha", "R")], groups=[ADULTS, CHILDREN],
        services=services, needs=[Need("A", groups[s], s, v) for s, v in needs.items()],
        budgets=[RegionBudget("R", investment_eur=1e6)],
        centres=[centre] if centre else [], **kw)


SPARSE = {"day_a": 3, "resp_c": 3, "resp_a": 3}


def test_sparse_need_takes_a_centre_at_its_lower_cost():
    # separately: day 8 places (its least) 24,000 + resp 2 x 6,000 (2 places each)
    # + 3 x 20,000 facilities + 3 x 10,000 running = 126,000.
    # centre: 78,500 + 24,720 + places 3 + 1 + 1 = 5 x 3,000 = 118,220
    sol = solve_checked(one_town(SPARSE))
    assert sol.totals["unserved_persons"] == 0
    assert sol.totals["cost_eur"] == pytest.approx(118_220)
    assert sol.totals["centres"] == 1
    units = {r.service: (r.slot, r.new_places, r.clients) for r in sol.centres.itertuples()}
    assert units == {"day_a": (ADULTS, 3, 3), "resp_c": (CHILDREN, 1, 3),
                     "resp_a": (ADULTS, 1, 3)}
    assert sol.sites["new_facilities"].sum() == 0
    alone = solve_checked(one_town(SPARSE, centre=None))
    assert alone.totals["cost_eur"] == pytest.approx(126_000)
    assert alone.totals["centres"] == 0


def test_dense_need_keeps_separate_facilities():
    # the same places either way (30 day, 2 + 2 respite = 102,000); separate facilities
    # 3 x 30,000 = 90,000 against the centre's 103,220
    sol = solve_checked(one_town({"day_a": 30, "resp_c": 24, "resp_a": 24}))
    assert sol.totals["centres"] == 0 and sol.centres.empty
    assert sol.totals["cost_eur"] == pytest.approx(102_000 + 90_000)
    assert sol.totals["new_facilities"] == 3


def test_a_centre_serves_who_no_viable_facility_can():
    # norms without facility costs, 70 % least occupancy: 3 day clients cannot fill 70 % of
    # 8 places, nor 3 respite clients 70 % of 2 x 12; a centre's units may leave their last
    # place part-used, so it serves all nine
    free = [replace(s, investment_per_facility=0.0, running_cost_per_facility_year=0.0)
            for s in SERVICES]
    alone = solve_checked(one_town(SPARSE, services=free, centre=None, min_occupancy=0.7))
    assert alone.totals["served_clients"] == 0
    sol = solve_checked(one_town(SPARSE, services=free, min_occupancy=0.7))
    assert sol.totals["served_clients"] == 9 and sol.totals["centres"] == 1


def test_too_few_clients_for_a_centre():
    sol = solve_checked(one_town(SPARSE, centre=replace(CENTRE, min_clients=10.0)))
    assert sol.totals["centres"] == 0
    assert sol.totals["cost_eur"] == pytest.approx(126_000)


MIXED = ServiceNorm("resp_m", "Respite, mixed", "support", [ADULTS, CHILDREN],
                    investment_per_place=3000.0, investment_per_facility=20_000.0,
                    clients_per_place=12.0, min_places=2, max_places=10, max_travel_km=40.0)


def mixed_town(incompatible: list[list[str]]) -> ProblemInput:
    """3 adults and 2 children need one respite service that takes both groups; a centre
    of 5,000 EUR against a separate facility's 20,000."""
    centre = replace(CENTRE, services=["resp_m"], min_clients=1.0, incompatible=incompatible,
                     investment_per_centre=5000.0, running_cost_per_centre_year=0.0)
    return ProblemInput(
        municipalities=[Municipality("A", "Alpha", "R")], groups=[ADULTS, CHILDREN],
        services=[MIXED], needs=[Need("A", ADULTS, "resp_m", 3), Need("A", CHILDREN, "resp_m", 2)],
        budgets=[RegionBudget("R", investment_eur=1e6)], centres=[centre])


def test_incompatible_groups_get_rooms_of_their_own():
    # five clients fit one respite place (12 a year); adults and children may not share it,
    # so the centre has two units of one place each
    sol = solve_checked(mixed_town([[CHILDREN, ADULTS]]))
    units = {r.slot: (r.new_places, r.clients) for r in sol.centres.itertuples()}
    assert units == {ADULTS: (1, 3), CHILDREN: (1, 2)}
    shared = solve_checked(mixed_town([]))
    assert {r.slot: r.new_places for r in shared.centres.itertuples()} == {
        f"{ADULTS}+{CHILDREN}": 1}
    assert sol.totals["investment_eur"] - shared.totals["investment_eur"] == pytest.approx(3000)


def _tampered(sol: Solution, change) -> Solution:
    data = sol.to_dict()
    change(data)
    return Solution.from_dict(data)


def test_checker_refuses_a_broken_centre():
    pi = mixed_town([[CHILDREN, ADULTS]])
    sol = solve_checked(pi)

    def merge(data):
        data["centres"] = [{**data["centres"][0], "slot": f"{ADULTS}+{CHILDREN}"}]
    assert any("share one room" in p for p in check_solution(pi, _tampered(sol, merge)))

    def no_room(data):
        data["centres"] = [r for r in data["centres"] if r["slot"] != CHILDREN]
    problems = check_solution(pi, _tampered(sol, no_room))
    assert any("no room of its own" in p for p in problems)
    stricter = replace(pi, centres=[replace(pi.centres[0], min_clients=6.0)])
    assert any("fewer than the least" in p for p in check_solution(stricter, sol))
    sparse = one_town(SPARSE)
    good = solve_checked(sparse)

    def uncounted(data):
        data["totals"]["investment_eur"] -= 78_500
    assert any("total investment" in p for p in check_solution(sparse, _tampered(good,
                                                                                 uncounted)))


def test_centres_round_trip_and_refuse_residential():
    pi = one_town(SPARSE)
    assert ProblemInput.from_json(pi.to_json()) == pi
    jsonschema.validate(pi.to_dict(), SCHEMA)
    home = ServiceNorm("home", "Home", "residential", [ADULTS])
    bad = replace(pi, services=[*SERVICES, home],
                  centres=[replace(CENTRE, services=["day_a", "home"])])
    with pytest.raises(Exception, match=r"centres\[0\]\.services.*residential"):
        bad.validate()


def test_a_centre_at_a_candidate_site_of_an_allowed_municipality():
    from optimizer.problem import CandidateSite
    site = CandidateSite("A.p", "Parish", "A")
    allowed = one_town(SPARSE, centre=replace(CENTRE, municipalities=["A"]), sites=[site],
                       distances={("A", "A.p"): 5.0})
    sol = solve_checked(allowed)
    assert sol.totals["centres"] == 1 and set(sol.centres["site_id"]) == {"A.p"}
    elsewhere = one_town(SPARSE, centre=replace(CENTRE, municipalities=[]), sites=[site],
                         distances={("A", "A.p"): 5.0})
    assert solve_checked(elsewhere).totals["centres"] == 0
