"""Shared fixtures for end-to-end journeys in a real headless Chromium.

``app_url``  starts ``python app.py`` (Streamlit) once per session on a free port, with a
             throw-away ``DATABASE_URL``, waits until it answers, and stops it afterwards.
``demo_url`` the same on a throw-away SQLite database seeded by ``di-plan demo`` (every role
             and a Kurzeme plan in consultation), once per session.
``browser``  Debian's Chromium driven by Playwright's Python client (no downloaded build).
``page``     a fresh browser context and tab per test; page errors fail the test.
Helpers for journeys: :func:`open_app`, :func:`map_frame`, :func:`map_view`,
:func:`wait_for_map_view`, :func:`choose`.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

playwright_sync = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DI_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
START_TIMEOUT_S = 90
UI_TIMEOUT_MS = 45_000
SHOTS = os.environ.get("DI_SCREENSHOTS")  # a folder: journeys keep screenshots there
MAP_IFRAME = "iframe[title='streamlit_folium.st_folium']"
# expect() has its own 5 s default; the first map draw on a busy 2-core machine can take longer.
playwright_sync.expect.set_options(timeout=UI_TIMEOUT_MS)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"streamlit did not answer within {START_TIMEOUT_S} s:\n{log.read_text()}")


@contextmanager
def running_app(database_url: str, workdir: Path) -> Iterator[str]:
    """``python app.py`` (Streamlit in that process) on a free port with ``database_url``, in
    its own process group; yields its base URL once it answers, and stops it afterwards."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url,
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    log = workdir / "streamlit.log"
    cmd = [
        sys.executable, "app.py", "--server.headless=true",
        f"--server.port={port}", "--server.address=127.0.0.1",
        "--server.fileWatcherType=none", "--browser.gatherUsageStats=false",
    ]
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url, proc, log)
        yield url
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app on a throw-away database (one per test session)."""
    tmp = tmp_path_factory.mktemp("e2e_app")
    with running_app(f"sqlite:///{tmp / 'e2e.db'}", tmp) as url:
        yield url


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app on a throw-away SQLite database seeded by ``di-plan demo``."""
    from click.testing import CliRunner

    from planning.cli.main import main
    from planning.store.db import get_engine

    tmp = tmp_path_factory.mktemp("e2e_demo")
    database_url = f"sqlite:///{tmp / 'demo.db'}"
    seeded = CliRunner().invoke(main, ["--lang", "en", "demo"],
                                env={"DATABASE_URL": database_url})
    assert seeded.exit_code == 0, seeded.output
    get_engine(database_url).dispose()  # the app, another process, has the file to itself
    with running_app(database_url, tmp) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run '.ci/setup --test' (installs Debian's)")
    with playwright_sync.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh tab (own cookies and storage); JavaScript errors in the page fail the test."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    context.set_default_timeout(UI_TIMEOUT_MS)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors in the page: {errors}"


# ----------------------------------------------------------------------------- helpers


def open_app(page, app_url: str, query: str = "") -> None:
    """Open the app (optionally with ``?query``) and wait for the first script run to end."""
    page.goto(f"{app_url}/{query}")
    page.locator("[data-testid=stApp]").wait_for()
    wait_idle(page)


def shot(page, name: str) -> None:
    """A full-page screenshot ``name.png`` in ``$DI_SCREENSHOTS``, when it is set."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def wait_idle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=stStatusWidget]')",
        timeout=UI_TIMEOUT_MS,
    )


def map_frame(page):
    """The Leaflet document inside the streamlit-folium iframe."""
    return page.frame_locator(MAP_IFRAME)


def map_view(page) -> dict[str, float]:
    """Zoom and centre of the Leaflet map (streamlit-folium keeps it as ``window.map``)."""
    frame = next(f for f in page.frames if "st_folium" in f.url)
    return frame.evaluate(
        "() => window.map && window.map.getCenter ? {zoom: window.map.getZoom(),"
        " lat: window.map.getCenter().lat, lon: window.map.getCenter().lng} : null"
    )


def wait_for_map_view(
    page,
    changed_from: dict[str, float] | None = None,
    until: Callable[[dict[str, float]], bool] | None = None,
) -> dict[str, float]:
    """The map's view once it exists, differs from ``changed_from`` (if given) and satisfies
    ``until`` (if given) — Leaflet animates a zoom, so a view read too early is half-way."""
    deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
    view = None
    while time.monotonic() < deadline:
        try:
            view = map_view(page)
        except (StopIteration, playwright_sync.Error):
            view = None
        if view and view != changed_from and (until is None or until(view)):
            return view
        page.wait_for_timeout(250)
    raise AssertionError(f"the map view {view} did not change from {changed_from} as expected")


def choose(page, label: str, option: str, *, sidebar: bool = True) -> None:
    """Pick ``option`` in the selectbox labelled ``label``."""
    scope = page.locator("[data-testid=stSidebar]") if sidebar else page
    box = scope.locator("[data-testid=stSelectbox]").filter(has_text=label)
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    wait_idle(page)
