"""Many solves in processes and on a real Dask cluster (LocalCluster): same results, progress,
cancellation that keeps what was solved."""

from __future__ import annotations

import pytest

from optimizer.distribute import SCHEDULER_ENV, run_tasks, scheduler_address
from optimizer.sweep import Axis, Lever, solve_point, sweep_tasks
from tests.optimizer.test_sweep import two_regions

BUDGETS = [2000, 4000, 6000, 8000, 10000, 12000]
# half of each budget per region at 1,000 EUR a place; B needs only 4 places
EXPECTED = [2, 4, 6, 8, 9, 10]


def tasks() -> list[dict]:
    return sweep_tasks(two_regions(), [Axis(Lever("budget"), BUDGETS)])


def served(results: list[dict | None]) -> list[float | None]:
    return [None if r is None else r["served"] for r in results]


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def test_process_pool_gives_what_a_loop_gives_in_task_order() -> None:
    seen: list[int] = []
    results = run_tasks(solve_point, tasks(), workers=2, on_result=lambda k, _r: seen.append(k))
    assert served(results) == served([solve_point(t) for t in tasks()])
    assert served(results) == EXPECTED
    assert sorted(seen) == list(range(len(BUDGETS)))


def test_stopping_keeps_what_was_solved() -> None:
    results = run_tasks(solve_point, tasks(), workers=1, should_stop=lambda: True)
    solved = [r for r in results if r is not None]
    assert 1 <= len(solved) < len(BUDGETS)
    for r in solved:
        assert r["served"] == EXPECTED[BUDGETS.index(r["point"]["budget"])]


def test_dask_cluster_gives_the_same_results(cluster) -> None:
    seen: list[int] = []
    results = run_tasks(solve_point, tasks(), scheduler=cluster.scheduler_address,
                        on_result=lambda k, _r: seen.append(k))
    assert served(results) == EXPECTED
    assert sorted(seen) == list(range(len(BUDGETS)))


def test_dask_scheduler_from_the_environment(cluster, monkeypatch) -> None:
    monkeypatch.setenv(SCHEDULER_ENV, cluster.scheduler_address)
    assert scheduler_address() == cluster.scheduler_address
    results = run_tasks(solve_point, tasks()[:2])
    assert served(results) == [2, 4]


def test_dask_stop_cancels_the_rest(cluster) -> None:
    results = run_tasks(solve_point, tasks(), scheduler=cluster.scheduler_address,
                        should_stop=lambda: True)
    assert 1 <= sum(r is not None for r in results) < len(BUDGETS)


def test_no_scheduler_means_local(monkeypatch) -> None:
    monkeypatch.delenv(SCHEDULER_ENV, raising=False)
    assert scheduler_address() is None
    assert run_tasks(solve_point, []) == []
