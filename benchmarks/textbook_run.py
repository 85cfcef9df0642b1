"""Textbook location problems solved by spopt and by our model, side by side (issue 14).

Runs every instance of ``benchmarks/textbook.py`` (p-median, capacitated p-median, MCLP,
LSCP at 43x43, 43x400 and 600x600) once with PySAL spopt and once with ``AllocationModel``,
both on HiGHS through PuLP, in one process, one after the other, and prints one row per
instance: both objectives, both wall times (building the model and solving it), the ratio
ours / spopt, and our status and gap.

spopt is an optional benchmark dependency (0.7 runs on Python 3.11, 0.8 needs 3.12). Put it
in a separate environment and give it this repository on the path::

    python -m venv /tmp/bench && /tmp/bench/bin/pip install spopt==0.7.0 highspy pulp==3.3.2
    PYTHONPATH=. /tmp/bench/bin/python benchmarks/textbook_run.py --sizes 43x43 43x400

Without spopt installed (or with ``--ours-only``) only our columns are filled.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import pulp  # noqa: E402

from benchmarks.textbook import (  # noqa: E402
    FAMILIES,
    SIZES,
    Instance,
    instance,
    textbook_objective,
    to_problem_input,
)
from optimizer.formulation import AllocationModel  # noqa: E402


def spopt_solve(inst: Instance, time_limit: float) -> tuple[float | None, float, str]:
    """spopt's objective (client-km, covered weight or facilities), seconds and status."""
    from spopt.locate import LSCP, MCLP, PMedian

    solver = pulp.HiGHS(msg=False, timeLimit=time_limit)
    weights = np.array(inst.weights, dtype=float)
    start = time.perf_counter()
    if inst.family == "pmedian":
        model = PMedian.from_cost_matrix(inst.km, weights, p_facilities=inst.p)
    elif inst.family == "cpmedian":
        caps = np.full(len(inst.sites), float(inst.capacity))
        model = PMedian.from_cost_matrix(inst.km, weights, p_facilities=inst.p,
                                         facility_capacities=caps)
        split_demand(model)
    elif inst.family == "mclp":
        model = MCLP.from_cost_matrix(inst.km, weights, service_radius=inst.radius,
                                      p_facilities=inst.p)
    else:
        model = LSCP.from_cost_matrix(inst.km, service_radius=inst.radius)
    model = model.solve(solver, results=False)
    seconds = time.perf_counter() - start
    status = pulp.LpStatus[model.problem.status]
    return float(pulp.value(model.problem.objective)), seconds, status


def split_demand(model) -> None:
    """spopt 0.7 assigns a demand point to one facility (binary ``z``); our model, like the
    textbook capacitated p-median, may split it, so the runner solves spopt's model with
    continuous assignments (the same problem; single sourcing is infeasible here when a
    point's weight exceeds one facility's capacity, e.g. Rīga at 43x43)."""
    for var in model.problem.variables():
        if var.name.startswith("z"):
            var.cat = pulp.LpContinuous


def ours_solve(inst: Instance, time_limit: float) -> tuple[float, float, str, float | None]:
    start = time.perf_counter()
    sol = AllocationModel.from_problem_input(to_problem_input(inst)).solve(
        "highs", time_limit=time_limit)
    seconds = time.perf_counter() - start
    return textbook_objective(inst, sol), seconds, sol.status, sol.gap


def instances(families: list[str], sizes: list[str], ps: list[int]) -> list[Instance]:
    out = []
    for size in sizes:
        for family in families:
            if family == "lscp":
                out.append(instance(family, size, None))
            else:
                out += [instance(family, size, p) for p in ps]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--families", nargs="+", default=list(FAMILIES), choices=FAMILIES)
    ap.add_argument("--sizes", nargs="+", default=list(SIZES), choices=SIZES)
    ap.add_argument("--p", nargs="+", type=int, default=[5])
    ap.add_argument("--time-limit", type=float, default=600.0)
    ap.add_argument("--ours-only", action="store_true")
    args = ap.parse_args(argv)
    try:
        import spopt  # noqa: F401
        with_spopt = not args.ours_only
    except ImportError:
        with_spopt = False
    print("| instance | spopt objective | spopt s | ours objective | ours s | ours / spopt "
          "| ours status | gap |")
    print("|---|---|---|---|---|---|---|---|")
    for inst in instances(args.families, args.sizes, args.p):
        ref, ref_s, ref_status = (spopt_solve(inst, args.time_limit) if with_spopt
                                  else (None, float("nan"), "-"))
        ours, ours_s, status, gap = ours_solve(inst, args.time_limit)
        ratio = f"{ours_s / ref_s:.2f}" if with_spopt else "-"
        ref_text = f"{ref:,.1f} ({ref_status})" if ref is not None else "-"
        gap_text = "-" if gap is None else f"{gap:.2%}"
        print(f"| {inst.name} | {ref_text} | {ref_s:.2f} | {ours:,.1f} | {ours_s:.2f} | "
              f"{ratio} | {status} | {gap_text} |", flush=True)


if __name__ == "__main__":
    main()
