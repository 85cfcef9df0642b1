"""The map page under concurrent users on real app servers: p50/p95 of a page open.

Starts the app (``app.py``, Streamlit's own server) on ``--replicas`` loopback ports (one
throw-away SQLite database: the map page reads embedded data only), opens the map once per
planning region on each to warm the process's caches, as a running server has them, then
lets ``--users`` simulated visitors open the map page for ``--seconds``, visitor k always on
replica k mod n (sticky). Each open is a new browser session — a WebSocket to
``/_stcore/stream`` and the "run the script" message a browser sends, ``?region=`` set to a
planning region taken in turn (all of Latvia among them) — timed from opening the WebSocket
until the server says the script finished (every element of the page, the folium map's
HTML with it, has been sent). Between two opens a visitor waits ``--think`` seconds (0: back
to back, the worst case; a person reading a map waits longer). Not measured: the browser's
own work (loading Streamlit's static files and the map component, Leaflet drawing the map).
First one visitor alone gives the baseline. Prints the median and 95th percentile, the
opens done, the servers' CPU time per open (user and system, from ``/proc``: what an
open costs whatever else the machine runs) and the machine load. Target (issue 17): 20
concurrent users at p95 under 2 s.

    .venv/bin/python benchmarks/map_load.py [--users 20] [--seconds 60] [--think 0 5]
                                            [--replicas 1]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REGIONS = ("", "Kurzeme", "Zemgale", "Vidzeme", "Latgale", "Rīga")
TARGET_P95 = 2.0


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


async def open_map(port: int, region: str) -> float:
    """Seconds from opening a new session's WebSocket to the server's "script finished"."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    message = BackMsg()
    message.rerun_script.query_string = urllib.parse.urlencode({"region": region}) \
        if region else ""
    started = time.perf_counter()
    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None,
                                  open_timeout=None, ping_interval=None) as ws:
        await ws.send(message.SerializeToString())
        while True:
            answer = ForwardMsg()
            answer.ParseFromString(await ws.recv())
            if answer.WhichOneof("type") == "script_finished":
                return time.perf_counter() - started


async def load(ports: list[int], users: int, seconds: float, think: float) -> list[float]:
    """Opens of ``users`` visitors until ``seconds`` have passed, each waiting ``think``
    seconds after each open; visitor k on ``ports[k % len(ports)]``."""
    stop = time.monotonic() + seconds
    times: list[float] = []

    async def visitor(k: int) -> None:
        n = k
        while time.monotonic() < stop:
            times.append(await open_map(ports[k % len(ports)], REGIONS[n % len(REGIONS)]))
            n += users
            await asyncio.sleep(think)

    await asyncio.gather(*(visitor(k) for k in range(users)))
    return times


def cpu_seconds(pids: list[int]) -> float:
    """User and system CPU seconds the processes have used so far (Linux ``/proc``)."""
    ticks = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / os.sysconf("SC_CLK_TCK")


def start_server(port: int, database: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen([sys.executable, "app.py", f"--server.port={port}",
                               "--server.headless=true"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health") as r:
                if r.status == 200:
                    return server
        except OSError:
            time.sleep(0.5)
    server.kill()
    raise SystemExit("the app server did not start within 120 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think", type=float, nargs="+", default=[0.0, 5.0],
                        help="seconds a visitor waits between two opens (a load per value)")
    parser.add_argument("--replicas", type=int, default=1, help="app servers, one process each")
    parser.add_argument("--port", type=int, default=8599, help="the first server's port")
    args = parser.parse_args()
    ports = [args.port + k for k in range(max(1, args.replicas))]
    with tempfile.TemporaryDirectory() as tmp:
        servers = [start_server(port, Path(tmp) / "bench.db") for port in ports]
        try:
            for port in ports:
                for region in REGIONS:
                    asyncio.run(open_map(port, region))
            print(f"{len(ports)} replica(s), {os.cpu_count()} cores, "
                  f"load average {os.getloadavg()[0]:.2f} before")
            pids = [server.pid for server in servers]
            for users, think in [(1, 0.0)] + [(args.users, t) for t in args.think]:
                used = cpu_seconds(pids)
                times = asyncio.run(load(ports, users, args.seconds, think))
                used = cpu_seconds(pids) - used
                p95 = percentile(times, 0.95)
                verdict = "" if users == 1 else \
                    f"  ({'under' if p95 < TARGET_P95 else 'over'} the {TARGET_P95:.0f} s target)"
                print(f"{users:>3} users, think {think:.0f} s, {args.seconds:.0f} s: "
                      f"{len(times)} opens, p50 {statistics.median(times):.2f} s, "
                      f"p95 {p95:.2f} s, max {max(times):.2f} s; "
                      f"server CPU {used / len(times):.2f} s per open; "
                      f"load average {os.getloadavg()[0]:.2f}{verdict}")
        finally:
            for server in servers:
                server.terminate()
                server.wait(30)

if __name__ == "__main__":
    main()
