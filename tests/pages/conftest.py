"""Fixtures for Streamlit AppTests of the app and its pages."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 60


@pytest.fixture(autouse=True)
def main_module_restored() -> Iterator[None]:
    """An AppTest runs its script as ``__main__`` in this process and leaves it there; a
    process pool a later test starts ("spawn") would then run that script again in each
    worker (a ``from_function`` script fails there: its arguments are missing), so every
    solve of ``tests/planning/store`` failed after ``test_untrusted_text``. Put the real
    ``__main__`` back after each page test."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture
def app() -> AppTest:
    """The whole app (app.py routes to the map page by default), run once."""
    return AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT).run()


@pytest.fixture
def page_test():
    """Run one page file alone, with session state seeded: ``page_test("map", lang="en")``."""

    def run(name: str, **state: object) -> AppTest:
        at = AppTest.from_file(str(ROOT / "pages" / f"{name}.py"), default_timeout=TIMEOUT)
        for key, value in state.items():
            at.session_state[key] = value
        return at.run()

    return run


def metric_values(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A fresh SQLite database with the users of ``tests.pages.seeding`` as the app's
    ``DATABASE_URL``; yields its engine (seed plans with ``seeding.published_plan``...)."""
    from tests.pages.seeding import seeded_engine

    url = f"sqlite:///{tmp_path / 'pages.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = seeded_engine(url)
    yield engine
    engine.dispose()
