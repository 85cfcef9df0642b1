"""Benchmark of many solves on a real Dask cluster (issue 17): 64 regional solves on 1 and
2 workers of a ``LocalCluster`` on this machine, the speed-up, and an estimate on paper for
1,000 national points on a 32-worker cluster.

The 64 points are a budget sweep of each of the five regions (13 points from half to twice
the region's embedded budget; 65 solves, the last dropped). Each worker is one process with
one thread, so one solver runs per core. Run (quiet machine):

    .venv/bin/python benchmarks/sweep.py            # 64 solves on 1 and 2 workers
    .venv/bin/python benchmarks/sweep.py --points 16
"""

from __future__ import annotations

import argparse
import statistics
import time

from distributed import LocalCluster

from optimizer.distribute import run_tasks
from optimizer.formulation import AllocationModel
from optimizer.sweep import Axis, Lever, solve_point, sweep_tasks, total_budget
from planning.domain import geo
from planning.domain.optimizer_input import build_problem_input

NATIONAL_POINTS = 1000
CLUSTER_WORKERS = 32


def regional_tasks(points: int) -> list[dict]:
    tasks: list[dict] = []
    per_region = -(-points // len(geo.REGIONS))
    for region in geo.REGIONS:
        pi = build_problem_input(region)
        base = total_budget(pi)
        values = [base * (0.5 + 1.5 * k / max(per_region - 1, 1)) for k in range(per_region)]
        tasks += sweep_tasks(pi, [Axis(Lever("budget"), values)])
    return tasks[:points]


def on_cluster(tasks: list[dict], workers: int) -> tuple[float, list[float]]:
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:
        run_tasks(solve_point, tasks[:workers], scheduler=cluster.scheduler_address)  # warm
        started = time.perf_counter()
        results = run_tasks(solve_point, tasks, scheduler=cluster.scheduler_address)
        wall = time.perf_counter() - started
    return wall, [r["seconds"] for r in results if r is not None and "seconds" in r]


def national_seconds() -> float:
    pi = build_problem_input(None)
    started = time.perf_counter()
    AllocationModel.from_problem_input(pi).solve("highs")
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=int, default=64)
    args = parser.parse_args()
    tasks = regional_tasks(args.points)
    print(f"{len(tasks)} regional solves (budget sweeps of {', '.join(geo.REGIONS)})")
    walls = {}
    for workers in (1, 2):
        wall, solves = on_cluster(tasks, workers)
        walls[workers] = wall
        print(f"  {workers} worker(s): {wall:6.1f} s wall, solve median "
              f"{statistics.median(solves):.2f} s, sum {sum(solves):.1f} s")
    print(f"  speed-up 2 vs 1 worker: {walls[1] / walls[2]:.2f}x")
    one = national_seconds()
    estimate = NATIONAL_POINTS * one / CLUSTER_WORKERS
    print(f"national solve here: {one:.1f} s; {NATIONAL_POINTS} national points on "
          f"{CLUSTER_WORKERS} workers ~ {NATIONAL_POINTS} x {one:.1f} s / {CLUSTER_WORKERS} "
          f"= {estimate / 60:.1f} min (at this machine's speed per core, perfect scaling: "
          "tasks are independent and a task's data is ~1 MB)")


if __name__ == "__main__":
    main()
