"""Benchmarks of the allocation model (scripts, not timed tests).

Instances:

* ``national``: the embedded data of all of Latvia on the 2021 division (43 municipalities,
  every service and group), at the illustrative regional quotas and at a tight total
  budget (where the budget binds and the MILP has real choices to make);
* ``fine``: several hundred candidate sites: besides each municipality's centre,
  ``--sites-per-municipality`` - 1 synthetic places within ~12 km of it (344 sites in all);
  the need stays where it is known, per municipality (the data hold only aggregated counts
  per municipality), and travels to any site in reach;
* ``scattered``: a stress test beyond the data: the need itself scattered over those 344
  sites, so 344 origins as well.

For each instance and solver: build and solve time, status, gap, the three goal values,
and the greedy baseline's values and time. Run:

    .venv/bin/python benchmarks/run.py            # all, both solvers
    .venv/bin/python benchmarks/run.py --only national --solver highs
"""

from __future__ import annotations

import argparse
import math
import random
import time
from collections import defaultdict
from dataclasses import replace

import numpy as np

from optimizer.checker import check_solution
from optimizer.errors import SolverError
from optimizer.formulation import AllocationModel
from optimizer.greedy import greedy_solution
from optimizer.problem import Capacity, Municipality, ProblemInput
from planning.domain import geo
from planning.domain.optimizer_input import build_problem_input

TIGHT_BUDGET_EUR = 8_000_000.0


def national(budget_eur: float | None) -> ProblemInput:
    return build_problem_input(None, budget_eur, division="2021")


def _synthetic_points(base: ProblemInput, per_municipality: int, rng: random.Random):
    """(municipality, k, (lat, lon)) of ``per_municipality`` points per municipality: k = 0
    its centre, the others within ~12 km of it."""
    points = geo.site_points("2021").set_index("atvk_code")
    for m in base.municipalities:
        lat, lon = points.loc[m.code, ["lat", "lon"]]
        yield m, 0, (lat, lon)
        for k in range(1, per_municipality):
            yield m, k, (lat + rng.uniform(-0.1, 0.1), lon + rng.uniform(-0.17, 0.17))


def candidate_sites(base: ProblemInput, per_municipality: int, seed: int = 1) -> ProblemInput:
    """Add ``per_municipality - 1`` synthetic candidate sites around every municipality's
    centre; needs and existing places stay at the centres."""
    sites, coords = [], {}
    for m, k, point in _synthetic_points(base, per_municipality, random.Random(seed)):
        site = m if k == 0 else Municipality(f"{m.code}-{k}", f"{m.name} {k}", m.region,
                                             m.participating)
        sites.append(site)
        coords[site.code] = point
    return replace(base, municipalities=sites, distances=_distances(sites, coords),
                   name=f"candidates x{per_municipality}")


def fine_grained(base: ProblemInput, per_municipality: int, seed: int = 1) -> ProblemInput:
    """Scatter each municipality's need and existing places over synthetic sites."""
    rng = random.Random(seed)
    sites, coords, home_of = [], {}, defaultdict(list)
    for m, k, point in _synthetic_points(base, per_municipality, rng):
        code = f"{m.code}-{k}"
        coords[code] = point
        sites.append(Municipality(code, f"{m.name} {k}", m.region, m.participating))
        home_of[m.code].append(code)
    needs = []
    for n in base.needs:
        weights = [rng.random() for _ in home_of[n.municipality]]
        for code, part in zip(home_of[n.municipality], _split(int(n.clients), weights),
                              strict=True):
            if part:
                needs.append(replace(n, municipality=code, clients=float(part)))
    capacity = [Capacity(home_of[c.municipality][0], c.service, c.places)
                for c in base.capacity]
    return replace(base, municipalities=sites, needs=needs, capacity=capacity,
                   distances=_distances(sites, coords), name=f"fine x{per_municipality}")


def _split(total: int, weights: list[float]) -> list[int]:
    raw = [total * w / sum(weights) for w in weights]
    parts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda k: parts[k] - raw[k])
    for k in order[: total - sum(parts)]:
        parts[k] += 1
    return parts


def _distances(sites: list[Municipality], coords: dict) -> dict[tuple[str, str], float]:
    """Great circle x 1.3 between sites of the same region (flows stay in the region)."""
    out = {}
    by_region = defaultdict(list)
    for s in sites:
        by_region[s.region].append(s.code)
    for codes in by_region.values():
        lat = np.array([coords[c][0] for c in codes])
        lon = np.array([coords[c][1] for c in codes])
        km = geo.great_circle_km(lat[:, None], lon[:, None], lat[None, :], lon[None, :]) * 1.3
        for a, i in enumerate(codes):
            for b, j in enumerate(codes):
                if a != b:
                    out[(i, j)] = round(float(km[a, b]), 1)
    return out


def _row(label: str, sol, seconds: float) -> str:
    o = sol.objective
    gap = "-" if sol.gap is None else f"{sol.gap:.2%}"
    return (f"| {label} | {seconds:.2f} | {sol.status} | {gap} | {o['unmet_weighted']:,.1f} | "
            f"{o['distance_km_weighted']:,.0f} | {o['cost_eur']:,.0f} |")


def _stage(st: dict) -> str:
    gap = "gap ?" if st["gap"] is None else f"gap {st['gap']:.2%}"
    return (f"{st['goal']} {st['status']} {gap}, {st['seconds']:.1f} s of solver time in "
            f"{st['parts']} parts")


def bench(name: str, pi: ProblemInput, solvers: list[str], time_limit: float) -> None:
    n_sites = len(pi.municipalities)
    print(f"\n### {name}: {n_sites} sites, {len(pi.needs)} need rows, "
          f"{sum(n.clients for n in pi.needs):,.0f} clients")
    started = time.perf_counter()
    model = AllocationModel.from_problem_input(pi)
    built = time.perf_counter() - started
    print(f"model: {len(model.prob.variables())} variables, "
          f"{len(model.prob.constraints())} rows, built in {built:.2f} s\n")
    print("| method | seconds | status | gap | unmet (weighted) | client-km | cost EUR |")
    print("|---|---|---|---|---|---|---|")
    best, notes = None, []
    for solver in solvers:
        started = time.perf_counter()
        try:
            sol = AllocationModel.from_problem_input(pi).solve(solver, time_limit=time_limit)
        except SolverError as e:
            print(f"| MILP {solver} | {time.perf_counter() - started:.2f} | no solution "
                  f"({e}) | - | - | - | - |")
            continue
        seconds = time.perf_counter() - started
        assert not check_solution(pi, sol), check_solution(pi, sol)[:3]
        print(_row(f"MILP {solver}", sol, seconds))
        notes.append(f"{solver} stages: " + "; ".join(_stage(st) for st in sol.stages))
        best = best or sol
    started = time.perf_counter()
    greedy = greedy_solution(pi)
    seconds = time.perf_counter() - started
    assert not check_solution(pi, greedy)
    print(_row("greedy", greedy, seconds))
    print("\n" + "\n".join(notes))
    if best is not None:
        extra = greedy.totals["unmet_clients"] - best.totals["unmet_clients"]
        km = greedy.objective["distance_km_weighted"] - best.objective["distance_km_weighted"]
        print(f"\ngreedy leaves {extra:,.1f} more clients unmet and adds {km:,.0f} client-km "
              "to the MILP's plan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["national", "fine", "scattered"])
    parser.add_argument("--solver", choices=["highs", "cbc"], action="append")
    parser.add_argument("--sites-per-municipality", type=int, default=8)
    parser.add_argument("--time-limit", type=float, default=60.0)
    args = parser.parse_args()
    solvers = args.solver or ["highs", "cbc"]
    if args.only in (None, "national"):
        bench("national, illustrative quotas", national(None), solvers, args.time_limit)
        bench(f"national, {TIGHT_BUDGET_EUR:,.0f} EUR", national(TIGHT_BUDGET_EUR), solvers,
              args.time_limit)
    if args.only in (None, "fine"):
        pi = candidate_sites(national(TIGHT_BUDGET_EUR), args.sites_per_municipality)
        bench(f"fine-grained (candidate sites), {TIGHT_BUDGET_EUR:,.0f} EUR", pi, solvers,
              args.time_limit)
    if args.only in (None, "scattered"):
        pi = fine_grained(national(TIGHT_BUDGET_EUR), args.sites_per_municipality)
        bench(f"scattered need, {TIGHT_BUDGET_EUR:,.0f} EUR", pi, solvers, args.time_limit)


if __name__ == "__main__":
    main()
