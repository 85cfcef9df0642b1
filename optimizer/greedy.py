"""Greedy baseline: add, one at a time, the facility that most reduces unmet need, then client-km.

This is how scaling-up tools plan: fill existing places with the nearest clients, then
repeatedly open the new facility that most reduces priority-weighted unmet need, and among
equals (or once every client in reach is served) the one that most reduces client-km, by
serving clients nearer than where they go now; a facility is sized for the clients it takes
(within its norm, the budget left and the municipality's limits). It stops when no facility
it can afford reduces either. It obeys every constraint the MILP obeys (the checker verifies
it) except the equity floor, which it does not try to reach. Comparing it with the MILP shows
what the exact model gains, and the MILP starts from its plan (``optimizer.solve``).

Evaluation is lazy: a candidate's gain never grows as facilities open (unmet need and every
client's trip only shrink, and so does the money left), so the candidate on top of a heap of
last-computed gains is recomputed and taken if it stays on top. On 600 demand points and 600
sites this evaluates a few thousand candidates instead of every site at every step.
"""

from __future__ import annotations

import heapq
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from optimizer.errors import InputError
from optimizer.problem import ProblemInput, ServiceNorm
from optimizer.solution import Solution, build_solution

EPS = 1e-9
Key = tuple[str, str, str]


@dataclass
class _State:
    remaining: dict[Key, float]
    flows: dict[tuple[str, str, str, str], float] = field(default_factory=lambda: defaultdict(
        float))
    at: dict[Key, dict[str, float]] = field(default_factory=lambda: defaultdict(dict))
    free: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    places: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    facilities: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))
    invest: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    running: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    existing: dict[tuple[str, str], float] = field(default_factory=dict)
    need: dict[Key, float] = field(default_factory=dict)
    layers: dict[Key, list[tuple[int, float, float]]] = field(default_factory=dict)
    classes: int = 1  # gains compared in order: one per class in the strict mode

    def next_rank(self, key: Key) -> int:
        """The priority rank of the next unserved client of ``key``."""
        taken = self.ranks(key, min(1.0, self.remaining[key]))
        return taken[0][0] if taken else len(self.layers[key])

    def ranks(self, key: Key, take: float) -> list[tuple[int, float, float]]:
        """(rank, clients, class weight) of the next ``take`` clients of ``key`` served: the
        persons of the higher classes first, as the solution counts them
        (``optimizer.solution.unserved_from_flows``)."""
        start = self.need[key] - self.remaining[key]
        out, edge = [], 0.0
        for rank, persons, weight in self.layers[key]:
            low, high = max(start, edge), min(start + take, edge + persons)
            if high > low + EPS:
                out.append((rank, high - low, weight))
            edge += persons
        return out

    def move(self, key: Key, j: str, amount: float, source: str | None) -> None:
        """``amount`` clients of ``key`` to site ``j``, from ``source`` (None: unmet)."""
        i, g, s = key
        if source is None:
            self.remaining[key] -= amount
        else:
            self.flows[(i, source, g, s)] -= amount
            self.at[key][source] -= amount
            self.free[(source, s)] += amount
        self.flows[(i, j, g, s)] += amount
        self.at[key][j] = self.at[key].get(j, 0.0) + amount
        self.free[(j, s)] -= amount


@dataclass
class _Plan:
    """A candidate facility and what opening it does."""

    j: str
    svc: ServiceNorm
    places: int
    unmet_gain: list[float]  # per priority class in rank order (one class unless strict)
    km_gain: float
    moves: list[tuple[Key, float, str | None]]

    @property
    def key(self) -> tuple[float, ...]:
        return (*(round(g, 9) for g in self.unmet_gain), round(self.km_gain, 9))


def greedy_solution(pi: ProblemInput) -> Solution:
    """The greedy plan for ``pi`` as a ``Solution`` (``method == "greedy"``)."""
    started = time.perf_counter()
    pi.validate()
    if pi.fixed_sites:
        raise InputError("fixed_sites", "the greedy baseline does not take given decisions; "
                         "evaluate a given plan with the MILP (optimizer.evaluate)")
    state = _State(remaining={k: v for k, v in pi.need_table().items() if v > 0})
    _class_layers(pi, state)
    reach = _reach(pi, state)
    state.existing = pi.capacity_table()
    for (j, s), cap in sorted(state.existing.items()):
        state.free[(j, s)] = cap * pi.service(s).clients_per_place
        _refill(pi, state, reach, j, s)
    unknown = tuple(-math.inf for _ in range(state.classes + 1))
    heap = [(unknown, j, s) for (j, s) in sorted(reach) if pi.is_candidate_site(j, s)]
    heapq.heapify(heap)
    while heap:
        _gain, j, s = heapq.heappop(heap)
        plan = _evaluate(pi, state, reach, j, pi.service(s))
        if plan is None or all(g <= 0.0 for g in plan.key):
            continue
        entry = (tuple(-g for g in plan.key), j, s)
        if heap and entry > heap[0]:
            heapq.heappush(heap, entry)
            continue
        if _open(pi, state, plan):
            heapq.heappush(heap, entry)
            for source in {src for _key, _v, src in plan.moves if src is not None}:
                _refill(pi, state, reach, source, s)
    return build_solution(pi, state.places, state.facilities, state.flows, status="heuristic",
                          solver="greedy", method="greedy",
                          seconds=time.perf_counter() - started, gap=None)


def _class_layers(pi: ProblemInput, state: _State) -> None:
    """Each need's persons by priority rank and class weight. In the strict mode with
    classes, a facility's gain is one figure per class, compared in rank order, as the
    MILP's stages do (unranked: one figure weighing each class by its weight); without it
    the greedy plan served 11 of 161 leavers in Kurzeme on observed costs (now 161) and 119
    of 1,070 nationally (now 1,066, as the MILP)."""
    order = pi.priority.order
    rank = {c: k for k, c in enumerate(order)}
    if pi.priority.mode == "strict" and len(order) > 1:
        state.classes = len(order) + 1
    layers: dict[Key, dict[tuple[int, float], float]] = defaultdict(lambda: defaultdict(float))
    for p in pi.person_table():
        layer = (rank.get(p.priority, len(order)), pi.class_weight(p.priority))
        for s in p.package:
            layers[(p.municipality, p.group, s)][layer] += p.persons
    state.need = dict(state.remaining)
    state.layers = {k: [(r, v, w) for (r, w), v in sorted(layers[k].items())]
                    for k in state.remaining}


def _reach(pi: ProblemInput, state: _State) -> dict[tuple[str, str], list[tuple[float, Key]]]:
    """(site, service) -> (km, (origin, group, service)) of the needs that may use it, nearest
    first; sites that may have places of the service only."""
    cap = pi.capacity_table()
    out: dict[tuple[str, str], list[tuple[float, Key]]] = defaultdict(list)
    for j in pi.site_codes():
        for svc in pi.services:
            if (j, svc.id) not in cap and not pi.is_candidate_site(j, svc.id):
                continue
            keys = [(pi.distance(i, j) or 0.0, (i, g, s)) for (i, g, s) in state.remaining
                    if s == svc.id and pi.may_serve(i, j, svc)]
            if keys:
                out[(j, svc.id)] = sorted(keys)
    return out


def _unmet_order(pi: ProblemInput, state: _State, near: list[tuple[float, Key]]
                 ) -> list[tuple[float, Key]]:
    """Needs with unmet clients: the highest priority class first, then group weight, then
    nearest."""
    return sorted(((d, k) for d, k in near if state.remaining[k] > EPS),
                  key=lambda dk: (state.next_rank(dk[1]), -pi.group_weight(dk[1][1]), dk[0],
                                  dk[1]))


def _refill(pi: ProblemInput, state: _State, reach: dict, j: str, s: str) -> None:
    """Fill free places at ``j`` with unmet clients in reach (priority, then nearest)."""
    for _d, key in _unmet_order(pi, state, reach.get((j, s), [])):
        take = min(state.free[(j, s)], state.remaining[key])
        if take <= EPS:
            return
        state.move(key, j, take, None)


def _evaluate(pi: ProblemInput, state: _State, reach: dict, j: str, svc: ServiceNorm
              ) -> _Plan | None:
    """What a new facility of ``svc`` at ``j`` would do: unmet clients it serves (priority,
    then nearest), then clients who now travel farther (largest saving first)."""
    near = reach.get((j, svc.id), [])
    unmet = _unmet_order(pi, state, near)
    movers = []
    held = _held_sites(pi, state, svc)
    for d, key in near:
        for source, v in state.at[key].items():
            saving = (pi.distance(key[0], source) or 0.0) - d
            if v > EPS and saving > EPS and source != j and source not in held:
                movers.append((saving, key, source, v))
    movers.sort(key=lambda m: (-m[0], m[1], m[2]))
    wanted = sum(state.remaining[k] for _d, k in unmet) + sum(m[3] for m in movers)
    places = _facility_size(pi, state, j, svc, wanted)
    if places is not None:
        places = _viable_size(pi, state, j, svc, places, wanted)
    if places is None:
        return None
    left = places * svc.clients_per_place + max(state.free[(j, svc.id)], 0.0)
    moves, unmet_gain, km_gain = [], [0.0] * state.classes, 0.0
    for d, key in unmet:
        take = min(left, state.remaining[key])
        if take <= EPS:
            break
        moves.append((key, take, None))
        for rank, clients, weight in state.ranks(key, take):
            unmet_gain[rank if state.classes > 1 else 0] += \
                pi.group_weight(key[1]) * weight * clients
        km_gain -= d * take
        left -= take
    for saving, key, source, v in movers:
        take = min(left, v)
        if take <= EPS:
            break
        moves.append((key, take, source))
        km_gain += saving * take
        left -= take
    return _Plan(j, svc, places, unmet_gain, km_gain, moves)


def _held_sites(pi: ProblemInput, state: _State, svc: ServiceNorm) -> set[str]:
    """Sites whose clients stay: where new places of ``svc`` were opened for them and the
    least occupancy or least clients would not survive their leaving."""
    if pi.occupancy_of(svc) <= 0 and pi.min_clients_per_facility <= 0:
        return set()
    return {j for (j, s), y in state.places.items() if s == svc.id and y > 0}


def _viable_size(pi: ProblemInput, state: _State, j: str, svc: ServiceNorm, places: int,
                 wanted: float) -> int | None:
    """The largest size up to ``places`` that the clients it would take fill to the least
    occupancy (after the site's existing places) and at least the least clients per
    facility, as the MILP's rows ask; None if no size in the norm does."""
    s, cpp = svc.id, svc.clients_per_place
    existing = state.existing.get((j, s), 0.0)
    built = state.places[(j, s)]
    held = cpp * (existing + built) - state.free[(j, s)]
    least = pi.occupancy_of(svc)
    for size in range(places, max(svc.min_places, 1) - 1, -1):
        after = held + min(size * cpp + max(state.free[(j, s)], 0.0), wanted)
        if (after - cpp * existing >= least * cpp * (built + size) - EPS
                and after >= pi.min_clients_per_facility * (state.facilities[(j, s)] + 1) - EPS):
            return size
    return None


def _facility_size(pi: ProblemInput, state: _State, j: str, svc: ServiceNorm,
                   wanted: float) -> int | None:
    """Places of a new facility at ``j``: enough for ``wanted`` clients, within the size
    norm, the budget left and the municipality's limits; None if below the minimum."""
    if svc.max_new_facilities is not None and sum(
            n for (_m, s), n in state.facilities.items() if s == svc.id) >= svc.max_new_facilities:
        return None
    places = min(svc.max_places, max(svc.min_places, math.ceil(wanted / svc.clients_per_place
                                                               - EPS)))
    region = pi.site_region(j)
    budget = pi.budget_of(region)
    if budget.investment_eur is not None:
        left = budget.investment_eur - state.invest[region] - pi.investment_per_facility(svc)
        per_place = pi.investment_per_place(svc)
        if per_place > 0:
            places = min(places, math.floor(left / per_place + EPS))
        elif left < -EPS:
            return None
    room = _municipality_room(pi, state, j, svc)
    if room < places:  # a limit of places may be given as 8.0: whole places all the same
        places = math.floor(room + EPS)
    if places < max(svc.min_places, 1):
        return None
    return places


def _municipality_room(pi: ProblemInput, state: _State, site: str, svc: ServiceNorm) -> int:
    """Room left under the limits of the site's municipality (all its sites together)."""
    j = pi.site_municipality(site)
    lim = pi.limit_of(j)
    room = svc.max_places
    if lim.max_new_facilities is not None and sum(
            n for (m, _s), n in state.facilities.items()
            if pi.site_municipality(m) == j) >= lim.max_new_facilities:
        return 0
    if lim.max_new_places is not None:
        room = min(room, lim.max_new_places - sum(
            y for (m, _s), y in state.places.items() if pi.site_municipality(m) == j))
    if lim.max_new_staff is not None:
        used = sum(pi.service(s).staff_per_facility * state.facilities[(m, s)]
                   + pi.service(s).staff_per_place * y for (m, s), y in state.places.items()
                   if pi.site_municipality(m) == j)
        free = lim.max_new_staff - used - svc.staff_per_facility
        if free < -EPS:
            return 0
        if svc.staff_per_place > 0:
            room = min(room, math.floor(free / svc.staff_per_place + EPS))
    return room


def _cost(pi: ProblemInput, svc: ServiceNorm, places: int) -> float:
    return pi.investment_per_facility(svc) + pi.investment_per_place(svc) * places


def _open(pi: ProblemInput, state: _State, plan: _Plan) -> bool:
    """Open the facility and make its moves, unless that breaks the region's running budget."""
    j, svc = plan.j, plan.svc
    region = pi.site_region(j)
    running = svc.running_cost_per_place_year * plan.places
    budget = pi.budget_of(region).running_eur_per_year
    state.free[(j, svc.id)] += plan.places * svc.clients_per_place
    for key, amount, source in plan.moves:
        state.move(key, j, amount, source)
    if budget is not None and (state.running[region] + running
                               + _mentor_eur(pi, state, region) > budget + EPS):
        for key, amount, source in reversed(plan.moves):
            _undo(state, key, j, amount, source)
        state.free[(j, svc.id)] -= plan.places * svc.clients_per_place
        return False
    state.places[(j, svc.id)] += plan.places
    state.facilities[(j, svc.id)] += 1
    state.invest[region] += _cost(pi, svc, plan.places)
    state.running[region] += running
    return True


def _undo(state: _State, key: Key, j: str, amount: float, source: str | None) -> None:
    i, g, s = key
    state.flows[(i, j, g, s)] -= amount
    state.at[key][j] -= amount
    state.free[(j, s)] += amount
    if source is None:
        state.remaining[key] += amount
    else:
        state.flows[(i, source, g, s)] += amount
        state.at[key][source] += amount
        state.free[(source, s)] -= amount


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
