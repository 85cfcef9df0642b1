"""Which CBC binary runs, and that each one solves to the same optimum as HiGHS."""

from __future__ import annotations

import os

import pytest

from optimizer import solvers
from tests.optimizer.conftest import assert_same_optimum, solve_checked
from tests.optimizer.instances import tolerance_trap


@pytest.fixture
def fresh_cbc_path(monkeypatch):
    """``cbc_path`` looked up anew, and again after the test (it is cached)."""
    monkeypatch.delenv("DI_CBC", raising=False)
    solvers.cbc_path.cache_clear()
    yield monkeypatch
    solvers.cbc_path.cache_clear()


def test_cbc_is_the_one_named_then_the_systems_then_cbcbox(fresh_cbc_path, tmp_path):
    named = tmp_path / "cbc"
    fresh_cbc_path.setenv("DI_CBC", str(named))
    assert solvers.cbc_path() == (str(named), [])
    solvers.cbc_path.cache_clear()
    fresh_cbc_path.delenv("DI_CBC")
    fresh_cbc_path.setattr(solvers, "SYSTEM_CBC", str(tmp_path / "missing"))
    path, options = solvers.cbc_path()
    assert "cbcbox" in path and options == ["boundPropLevel off", "preprocess off"]


@pytest.mark.skipif(not os.access(solvers.SYSTEM_CBC, os.X_OK),
                    reason="no system CBC (.ci/setup --test installs Debian's coinor-cbc)")
def test_the_system_cbc_runs_with_its_own_presolve(fresh_cbc_path):
    assert solvers.cbc_path() == (solvers.SYSTEM_CBC, [])


@pytest.mark.parametrize("binary", ["system", "cbcbox"])
def test_each_cbc_finds_the_optimum_highs_finds(binary, fresh_cbc_path, tmp_path):
    if binary == "cbcbox":
        fresh_cbc_path.setattr(solvers, "SYSTEM_CBC", str(tmp_path / "missing"))
    elif not os.access(solvers.SYSTEM_CBC, os.X_OK):
        pytest.skip("no system CBC (.ci/setup --test installs Debian's coinor-cbc)")
    pi = tolerance_trap()
    assert_same_optimum(solve_checked(pi, "cbc", mip_gap=1e-7),
                        solve_checked(pi, "highs", mip_gap=1e-7))
