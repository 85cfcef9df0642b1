"""Are the plans credible (issue 19)? Each region and all of Latvia, both norm presets, at the
embedded quotas and at half of them (a binding budget): persons served (and leavers), new
facilities and places, places per facility, facilities below their viable occupancy (must be
0), investment per place per service beside the observed ERDF projects, the solve time; then
what "closer to family" costs (the same plan with cost before distance).

    .venv/bin/python benchmarks/credible.py                 # the tables for benchmarks/README.md
    .venv/bin/python benchmarks/credible.py --time-limit 30
"""

from __future__ import annotations

import argparse
import time

from optimizer.checker import check_solution
from optimizer.formulation import AllocationModel
from optimizer.greedy import greedy_solution
from optimizer.problem import ProblemInput
from optimizer.solution import Solution
from planning.domain import geo
from planning.domain.evaluation import occupancy
from planning.domain.optimizer_input import build_problem_input

PRESETS = ("expert_2015", "observed_2019_2022")
SCOPES = (*geo.REGIONS, None)


def solved(region: str | None, preset: str, share: float, time_limit: float,
           **settings: object) -> tuple[ProblemInput, Solution, float]:
    pi = build_problem_input(region, settings={"preset": preset, **settings})
    if share != 1.0:
        total = sum(b.investment_eur or 0.0 for b in pi.budgets)
        pi = build_problem_input(region, total * share, settings={"preset": preset, **settings})
    started = time.perf_counter()
    sol = AllocationModel.from_problem_input(pi).solve("highs", time_limit=time_limit)
    return pi, sol, time.perf_counter() - started


def plan_row(region: str | None, preset: str, share: float, time_limit: float) -> str:
    pi, sol, seconds = solved(region, preset, share, time_limit)
    t, persons = sol.totals, sol.persons
    leavers = persons[persons["priority"] == "leavers"]
    below = int((~occupancy(pi, sol)["viable"]).sum())
    per_facility = t["new_places"] / t["new_facilities"] if t["new_facilities"] else 0.0
    return (f"| {region or 'Latvia'} | {preset} | {share:.0%} | "
            f"{t['served_persons']:,.0f} / {t['need_persons']:,.0f} | "
            f"{leavers['served'].sum():,.0f} / {leavers['persons'].sum():,.0f} | "
            f"{t['new_facilities']} | {t['new_places']:,} | {per_facility:.1f} | {below} | "
            f"{t['investment_eur'] / 1e6:,.2f} | {seconds:.1f} s {sol.status} |")


def cost_rows(region: str | None, preset: str, time_limit: float) -> list[str]:
    """Investment per place per service (the national plan, at the quotas)."""
    _pi, sol, _s = solved(region, preset, 1.0, time_limit)
    sites = sol.sites[sol.sites["new_places"] > 0]
    out = []
    for service, g in sites.groupby("service"):
        places, facilities = int(g["new_places"].sum()), int(g["new_facilities"].sum())
        out.append(f"| {preset} | {service} | {facilities} | {places:,} | "
                   f"{places / facilities:.1f} | {g['investment_eur'].sum() / places:,.0f} |")
    return out


def family_rows(region: str | None, time_limit: float) -> list[str]:
    out = []
    for order in ("unmet,distance,cost", "unmet,cost,distance"):
        _pi, sol, seconds = solved(region, "expert_2015", 1.0, time_limit,
                                   goal_order=tuple(order.split(",")))
        t = sol.totals
        out.append(f"| {region or 'Latvia'} | {order} | {t['served_persons']:,.0f} | "
                   f"{t['new_facilities']} | {t['new_places']:,} | "
                   f"{t['investment_eur']:,.0f} | {t['cost_eur']:,.0f} | "
                   f"{t['mean_km_per_client']:.1f} | {seconds:.1f} s |")
    return out


def greedy_row(region: str | None, preset: str) -> str:
    """The greedy baseline beside the MILP: the same figures, checked by the checker."""
    pi = build_problem_input(region, settings={"preset": preset})
    plan = greedy_solution(pi)
    problems = check_solution(pi, plan)
    t, persons = plan.totals, plan.persons
    leavers = persons[persons["priority"] == "leavers"]
    return (f"| {region or 'Latvia'} | {preset} | "
            f"{t['served_persons']:,.0f} / {t['need_persons']:,.0f} | "
            f"{leavers['served'].sum():,.0f} / {leavers['persons'].sum():,.0f} | "
            f"{t['new_facilities']} | {t['new_places']:,} | {t['investment_eur'] / 1e6:,.2f} | "
            f"{t['mean_km_per_client']:.1f} | {plan.seconds:.1f} s | "
            f"{'ok' if not problems else len(problems)} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--only", choices=("greedy",), help="only the greedy baseline's table")
    args = parser.parse_args()
    if args.only != "greedy":
        milp_tables(args.time_limit)
    print("\n| scope | preset | persons served | leavers served | facilities | places "
          "| investment M EUR | mean km | greedy | checker |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for preset in PRESETS:
        for region in SCOPES:
            print(greedy_row(region, preset), flush=True)


def milp_tables(time_limit: float) -> None:
    print("| scope | preset | budget | persons served | leavers served | facilities | places "
          "| places per facility | below viable | investment M EUR | solve |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for preset in PRESETS:
        for share in (1.0, 0.5):
            for region in SCOPES:
                print(plan_row(region, preset, share, time_limit), flush=True)
    print("\n| preset | service | facilities | places | places per facility | EUR per place |")
    print("|---|---|---|---|---|---|")
    for preset in PRESETS:
        for row in cost_rows(None, preset, time_limit):
            print(row, flush=True)
    print("\n| scope | goal order | persons served | facilities | places | investment EUR "
          "| cost EUR | mean km | solve |")
    print("|---|---|---|---|---|---|---|---|---|")
    for region in ("Kurzeme", None):
        for row in family_rows(region, time_limit):
            print(row, flush=True)


if __name__ == "__main__":
    main()
