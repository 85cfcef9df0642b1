"""The map page under concurrent users on one app process: p50/p95 of a page run.

``--users`` threads, each a session of its own (Streamlit's AppTest), open ``pages/map.py``
again and again for ``--seconds`` as the public does (no sign-in): the whole script — shared
state, the key figures, the folium map of the region and layer, the tables — on a planning
region taken in turn (all of Latvia among them), so the users do not all ask for the same
map. Between two opens a user waits ``--think`` seconds (0: back to back, the worst case; a
person reading a map takes longer). A Streamlit server runs every session's script in a
thread of its one process, as here; not measured: the browser's own work (the WebSocket
transfer, Leaflet drawing the map) and AppTest's set-up of a session (it scans the installed
packages for components once per session, which a server does once). First one user alone
gives the baseline. Prints the median and 95th percentile of a page run, the runs done and
the machine load. Target (issue 17): 20 concurrent users at p95 under 2 s.

    .venv/bin/python benchmarks/map_load.py [--users 20] [--seconds 60] [--think 0 5]
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REGIONS = ("", "Kurzeme", "Zemgale", "Vidzeme", "Latgale", "Riga")
TARGET_P95 = 2.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def session() -> Any:
    """A new public session of the map page, run once (its set-up is not timed)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "map.py"), default_timeout=600)
    open_map(at, REGIONS[0])
    return at


def open_map(at: Any, region: str) -> float:
    """Seconds of one run of the page in session ``at`` on ``region``."""
    at.session_state["region"] = region
    started = time.perf_counter()
    at.run()
    seconds = time.perf_counter() - started
    if at.exception:
        raise SystemExit(f"the map page failed: {at.exception}")
    return seconds


def load(users: int, seconds: float, think: float) -> list[float]:
    """Page runs of ``users`` threads opening the map until ``seconds`` have passed, each
    waiting ``think`` seconds after each open."""
    times: list[float] = []
    lock = threading.Lock()

    sessions = [session() for _ in range(users)]
    stop = time.monotonic() + seconds

    def user(k: int) -> None:
        n = k
        while time.monotonic() < stop:
            took = open_map(sessions[k], REGIONS[n % len(REGIONS)])
            n += users
            with lock:
                times.append(took)
            time.sleep(think)

    threads = [threading.Thread(target=user, args=(k,)) for k in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, nargs="+", default=[0.0, 5.0],
                        help="seconds a user waits between two opens (one load per value)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/bench.db"
        warm = session()
        for region in REGIONS:  # warm the process's caches, as a running server has them
            open_map(warm, region)
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} before")
        runs = [(1, 0.0)] + [(args.users, think) for think in args.think]
        for users, think in runs:
            times = load(users, args.seconds, think)
            p95 = percentile(times, 0.95)
            verdict = "" if users == 1 else \
                f"  ({'under' if p95 < TARGET_P95 else 'over'} the {TARGET_P95:.0f} s target)"
            print(f"{users:>3} users, think {think:.0f} s, {args.seconds:.0f} s: "
                  f"{len(times)} page runs, p50 {statistics.median(times):.2f} s, "
                  f"p95 {p95:.2f} s, max {max(times):.2f} s; "
                  f"load average {os.getloadavg()[0]:.2f}{verdict}")

if __name__ == "__main__":
    main()
