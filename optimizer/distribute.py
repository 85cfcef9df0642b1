"""Run many independent solves: in a local process pool, or on a Dask cluster.

A sweep or a robust plan is tens to thousands of solves of one ``ProblemInput`` with one
input changed. They share nothing, so they are spread over processes. The same code path
serves both back-ends: a task is plain data (a JSON-ready ``dict``), the function that solves
it is a module-level function (picklable by reference), and its result is plain data again.

* Locally (the default) a ``ProcessPoolExecutor`` of one process per core, started with
  ``forkserver`` (a Streamlit server is multi-threaded, and forking a threaded process can
  deadlock).
* On a Dask distributed cluster when ``scheduler`` is given or ``DI_DASK_SCHEDULER`` is set
  (``tcp://host:8786``): ``Client.map`` with ``pure=False``. Each worker should run one task
  per thread and one thread per core (``dask worker --nthreads 1``); the solver of a task then
  uses one core.

``on_result(index, result)`` is called in the caller's thread as each task ends (progress,
storing as it goes); ``should_stop()`` is asked between results and, when true, cancels what
has not started: the results so far are returned (``None`` for tasks not solved).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from typing import Any

Task = dict[str, Any]
Result = dict[str, Any]
SCHEDULER_ENV = "DI_DASK_SCHEDULER"


def scheduler_address(scheduler: str | None = None) -> str | None:
    """The Dask scheduler to use: the one given, else ``$DI_DASK_SCHEDULER``, else none."""
    return scheduler or os.environ.get(SCHEDULER_ENV) or None


def local_workers() -> int:
    """Processes of the local pool: one per core this process may use."""
    return max(1, len(os.sched_getaffinity(0)))


def run_tasks(fn: Callable[[Task], Result], tasks: Sequence[Task], *,
              workers: int | None = None, scheduler: str | None = None,
              on_result: Callable[[int, Result], None] | None = None,
              should_stop: Callable[[], bool] | None = None) -> list[Result | None]:
    """``[fn(t) for t in tasks]``, spread over processes or a Dask cluster (see the module)."""
    if not tasks:
        return []
    address = scheduler_address(scheduler)
    if address is not None:
        return _run_on_dask(fn, tasks, address, on_result, should_stop)
    return _run_locally(fn, tasks, workers or local_workers(), on_result, should_stop)


def _run_locally(fn: Callable[[Task], Result], tasks: Sequence[Task], workers: int,
                 on_result: Callable[[int, Result], None] | None,
                 should_stop: Callable[[], bool] | None) -> list[Result | None]:
    results: list[Result | None] = [None] * len(tasks)
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(min(workers, len(tasks)), mp_context=context) as pool:
        pending: dict[Future[Result], int] = {pool.submit(fn, t): k for k, t in enumerate(tasks)}
        while pending:
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                k = pending.pop(future)
                results[k] = future.result()
                if on_result is not None:
                    on_result(k, results[k])
            if should_stop is not None and should_stop():
                for future in pending:
                    future.cancel()
                break
    return results


def _run_on_dask(fn: Callable[[Task], Result], tasks: Sequence[Task], address: str,
                 on_result: Callable[[int, Result], None] | None,
                 should_stop: Callable[[], bool] | None) -> list[Result | None]:
    from distributed import Client, as_completed

    results: list[Result | None] = [None] * len(tasks)
    with Client(address, set_as_default=False) as client:
        futures = client.map(fn, list(tasks), pure=False)
        position = {f.key: k for k, f in enumerate(futures)}
        finished = as_completed(futures, loop=client.loop, with_results=True)
        for future, result in finished:
            k = position[future.key]
            results[k] = result
            if on_result is not None:
                on_result(k, result)
            if should_stop is not None and should_stop():
                client.cancel([f for f in futures if not f.done()])
                break
    return results
