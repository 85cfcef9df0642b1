"""How long choosing the public's suppression takes (issue 13): the map page's, and a
plan's read together with it, for Kurzeme and for all of Latvia on the embedded data (2015
expert norms, HiGHS), and how many attacker LPs it runs. This is what the first public
reader of a plan waited for before publication kept it (``planning.store.suppression``);
now the group's Publish pays it once.

    PYTHONPATH=. .venv/bin/python benchmarks/disclosure.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    import highspy

    from optimizer.formulation import AllocationModel
    from planning.domain import public_plan, public_reference, results
    from planning.domain.inputs import default_inputs
    from planning.domain.optimizer_input import problem_from_inputs

    runs = 0
    original = highspy.Highs.run

    def counted(self):  # counts the LPs and MILPs the suppression solves
        nonlocal runs
        runs += 1
        return original(self)

    highspy.Highs.run = counted
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    started = time.perf_counter()
    public_reference.protected_reference()
    print(f"map page: {time.perf_counter() - started:.1f} s, {runs} HiGHS runs")
    for region in ("Kurzeme", None):
        inputs = default_inputs(region)
        sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve("highs")
        result = results.ScenarioResult(region or "Latvia", inputs, sol)
        runs, started = 0, time.perf_counter()
        hidden = public_plan.suppression(result)
        print(f"plan {region or 'Latvia'}: {time.perf_counter() - started:.1f} s, {runs} "
              f"HiGHS runs, {len(hidden)} cells hidden")


if __name__ == "__main__":
    main()
