"""Greedy baseline: add one facility at a time where it serves most unmet need.

This is how scaling-up tools plan: fill existing places with the nearest clients, then
repeatedly open the facility that serves the most priority-weighted unmet need it can
afford, until nothing more fits. It obeys every constraint the MILP obeys (the checker
verifies it) except the equity floor, which it does not try to reach. Comparing it with the
MILP shows what the exact model gains.
"""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from optimizer.problem import ProblemInput, ServiceNorm
from optimizer.solution import Solution, build_solution

EPS = 1e-9


@dataclass
class _State:
    remaining: dict[tuple[str, str, str], float]
    flows: dict[tuple[str, str, str, str], float] = field(default_factory=lambda: defaultdict(
        float))
    places: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    facilities: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    invest: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    running: dict[str, float] = field(default_factory=lambda: defaultdict(float))


def greedy_solution(pi: ProblemInput) -> Solution:
    """The greedy plan for ``pi`` as a ``Solution`` (``method == "greedy"``)."""
    started = time.perf_counter()
    pi.validate()
    state = _State(remaining={k: v for k, v in pi.need_table().items() if v > 0})
    for (j, s), cap in sorted(pi.capacity_table().items()):
        _assign(pi, state, j, pi.service(s), cap * pi.service(s).clients_per_place)
    blocked: set[tuple[str, str]] = set()
    while True:
        best = _best_facility(pi, state, blocked)
        if best is None:
            break
        j, svc, places = best
        if not _open(pi, state, j, svc, places):
            blocked.add((j, svc.id))
    return build_solution(pi, state.places, state.facilities, state.flows, status="heuristic",
                          solver="greedy", method="greedy",
                          seconds=time.perf_counter() - started, gap=None)


def _origins(pi: ProblemInput, state: _State, j: str, svc: ServiceNorm
             ) -> list[tuple[str, str]]:
    """(origin, group) with remaining need for ``svc`` that may use site ``j``: highest
    priority first, then nearest."""
    keys = [(i, g) for (i, g, s), v in state.remaining.items()
            if s == svc.id and v > EPS and pi.may_serve(i, j, svc)]
    return sorted(keys, key=lambda k: (-pi.group_weight(k[1]), pi.distance(k[0], j), k))


def _assign(pi: ProblemInput, state: _State, j: str, svc: ServiceNorm, clients: float) -> None:
    for i, g in _origins(pi, state, j, svc):
        if clients <= EPS:
            return
        take = min(clients, state.remaining[(i, g, svc.id)])
        state.remaining[(i, g, svc.id)] -= take
        state.flows[(i, j, g, svc.id)] += take
        clients -= take


def _best_facility(pi: ProblemInput, state: _State, blocked: set[tuple[str, str]]
                   ) -> tuple[str, ServiceNorm, int] | None:
    """The affordable new facility serving the most weighted unmet need (None if none)."""
    best, best_key = None, None
    for m in pi.municipalities:
        for svc in pi.services:
            if (m.code, svc.id) in blocked or not pi.is_candidate_site(m.code, svc.id):
                continue
            places = _facility_size(pi, state, m.code, svc)
            if places is None:
                continue
            value, left = 0.0, places * svc.clients_per_place
            for i, g in _origins(pi, state, m.code, svc):
                take = min(left, state.remaining[(i, g, svc.id)])
                value += pi.group_weight(g) * take
                left -= take
            cost = _cost(pi, svc, places)
            key = (value, -cost / max(value, EPS), m.code, svc.id)
            if value > EPS and (best_key is None or key > best_key):
                best, best_key = (m.code, svc, places), key
    return best


def _facility_size(pi: ProblemInput, state: _State, j: str, svc: ServiceNorm) -> int | None:
    """Places of a new facility at ``j``: enough for the reachable unmet need, within the
    size norm, the budget left and the municipality's limits; None if below the minimum."""
    if svc.max_new_facilities is not None and sum(
            n for (_m, s), n in state.facilities.items() if s == svc.id) >= svc.max_new_facilities:
        return None
    reachable = sum(state.remaining[(i, g, svc.id)] for i, g in _origins(pi, state, j, svc))
    places = min(svc.max_places, max(svc.min_places, math.ceil(reachable / svc.clients_per_place
                                                                 - EPS)))
    region = pi.municipality(j).region
    budget = pi.budget_of(region)
    if budget.investment_eur is not None:
        left = budget.investment_eur - state.invest[region] - pi.investment_per_facility(svc)
        per_place = pi.investment_per_place(svc)
        if per_place > 0:
            places = min(places, math.floor(left / per_place + EPS))
        elif left < -EPS:
            return None
    places = min(places, _municipality_room(pi, state, j, svc))
    if places < max(svc.min_places, 1):
        return None
    return places


def _municipality_room(pi: ProblemInput, state: _State, j: str, svc: ServiceNorm) -> int:
    lim = pi.limit_of(j)
    room = svc.max_places
    if lim.max_new_facilities is not None and sum(
            n for (m, _s), n in state.facilities.items() if m == j) >= lim.max_new_facilities:
        return 0
    if lim.max_new_places is not None:
        room = min(room, lim.max_new_places - sum(
            y for (m, _s), y in state.places.items() if m == j))
    if lim.max_new_staff is not None:
        used = sum(pi.service(s).staff_per_facility * state.facilities[(m, s)]
                   + pi.service(s).staff_per_place * y for (m, s), y in state.places.items()
                   if m == j)
        free = lim.max_new_staff - used - svc.staff_per_facility
        if free < -EPS:
            return 0
        if svc.staff_per_place > 0:
            room = min(room, math.floor(free / svc.staff_per_place + EPS))
    return room


def _cost(pi: ProblemInput, svc: ServiceNorm, places: int) -> float:
    return pi.investment_per_facility(svc) + pi.investment_per_place(svc) * places


def _open(pi: ProblemInput, state: _State, j: str, svc: ServiceNorm, places: int) -> bool:
    """Open the facility and fill it, unless that breaks the region's running budget."""
    region = pi.municipality(j).region
    before = (dict(state.remaining), dict(state.flows))
    _assign(pi, state, j, svc, places * svc.clients_per_place)
    running = svc.running_cost_per_place_year * places
    budget = pi.budget_of(region).running_eur_per_year
    if budget is not None and (state.running[region] + running
                               + _mentor_eur(pi, state, region) > budget + EPS):
        state.remaining, state.flows = before[0], defaultdict(float, before[1])
        return False
    state.places[(j, svc.id)] += places
    state.facilities[(j, svc.id)] += 1
    state.invest[region] += _cost(pi, svc, places)
    state.running[region] += running
    return True


def _mentor_eur(pi: ProblemInput, state: _State, region: str) -> float:
    """Yearly mentor cost of the region's served residents (most-used service per group)."""
    if pi.mentor is None:
        return 0.0
    hours = pi.mentor_hours_per_month()
    most: dict[tuple[str, str], float] = defaultdict(float)
    served: dict[tuple[str, str, str], float] = defaultdict(float)
    for (i, _j, g, s), v in state.flows.items():
        if g in pi.mentor.groups and pi.municipality(i).region == region:
            served[(i, g, s)] += v
    for (i, g, _s), v in served.items():
        most[(i, g)] = max(most[(i, g)], v)
    return sum(v * hours[k] * 12 * pi.mentor.hourly_rate for k, v in most.items())
