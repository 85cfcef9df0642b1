"""How long a scenario's results page takes to open: a planning region's and the national one.

Seeds a throw-away SQLite database with a solved Kurzeme scenario and a solved all-of-Latvia
scenario, then runs ``pages/results.py`` with Streamlit's AppTest (the whole script: load the
stored result, metrics, the folium map with coverage, places and flows, every table) and
prints the wall time of the first open (cold caches) and the median of the next ones.
Targets: region < 2 s, national < 4 s.

    .venv/bin/python benchmarks/page_open.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGETS = {"Kurzeme": 2.0, "Latvia": 4.0}


def seed(url: str) -> dict[str, int]:
    from sqlmodel import Session

    from optimizer.formulation import AllocationModel
    from planning.domain import optimizer_input as problem
    from planning.domain.roles import Actor, Role
    from planning.store import scenario
    from planning.store.db import init_db, make_engine

    engine = init_db(make_engine(url))
    owners = {"Kurzeme": Actor("kurzeme", Role.MANAGEMENT_GROUP, region="Kurzeme"),
              "Latvia": Actor("ministry", Role.MINISTRY)}
    ids = {}
    with Session(engine, expire_on_commit=False) as session:
        for label, who in owners.items():
            s = scenario.create_scenario(session=session, actor=who, scenario_in={
                "name": f"Benchmark {label}", "region": who.region})
            inputs = scenario.load_inputs(session=session, actor=who, scenario_id=s.id)
            pi = problem.problem_from_inputs(inputs)
            sol = AllocationModel.from_problem_input(pi).solve("highs")
            scenario.save_result(session=session, actor=who, scenario_id=s.id, number=1,
                                 solution=sol.to_dict(), problem=pi.to_dict(), solver="highs",
                                 status=sol.status, run_seconds=sol.seconds)
            ids[label] = s.id
    engine.dispose()
    return ids


def open_results(scenario_id: int, region: str) -> float:
    from streamlit.testing.v1 import AppTest

    from planning.domain.roles import Actor, Role

    at = AppTest.from_file(str(ROOT / "pages" / "results.py"), default_timeout=120)
    at.session_state["actor"] = Actor("ministry", Role.MINISTRY)
    at.session_state["region"] = "" if region == "Latvia" else region
    at.session_state["scenario"] = scenario_id
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    if at.exception or not at.metric:
        raise SystemExit(f"the results page did not open: {at.exception}")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/bench.db"
        os.environ["DATABASE_URL"] = url
        ids = seed(url)
        print(f"{'scenario':<10} {'first open':>11} {'median next':>12} {'target':>7}")
        for label, sid in ids.items():
            first = open_results(sid, label)
            rest = [open_results(sid, label) for _ in range(args.repeat)]
            median = statistics.median(rest)
            ok = "ok" if first < TARGETS[label] else "SLOW"
            print(f"{label:<10} {first:>10.2f}s {median:>11.2f}s {TARGETS[label]:>6.1f}s {ok}")


if __name__ == "__main__":
    main()
