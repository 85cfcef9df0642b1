"""The two solvers the model runs on, through PuLP, and what they report back.

HiGHS (``highspy``) is the default; CBC runs through ``COIN_CMD`` (``PULP_CBC_CMD`` is
deprecated in PuLP 3.3 and gone in 4.0) with the binary :func:`cbc_path` finds. A solver may
start from the values the variables hold (``warm_start``); the model asks for it in its
first stage, which starts from the plan that builds nothing, so a time limit never ends
without a plan (the cbcbox CBC declared models infeasible and broke rows with such starts,
so it gets none). CBC's model and solution files go to a private temporary directory, never
the working one.
"""

from __future__ import annotations

import functools
import math
import os
import re
import shlex
import sys
import tempfile
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import pulp

from optimizer.errors import SolverError

SOLVERS = ("highs", "cbc")


class NoSolutionError(SolverError):
    """The solver stopped (time limit) before it found any solution."""
_GAP = re.compile(r"Gap:\s*([0-9.eE+-]+)\s*(%?)")


@dataclass
class SolveReport:
    """Status of one ``prob.solve``: ``optimal`` or ``time_limit`` (feasible, maybe not optimal)."""

    status: str
    objective: float
    gap: float | None
    seconds: float


SYSTEM_CBC = "/usr/bin/cbc"


@functools.cache
def cbc_path() -> tuple[str, list[str]]:
    """Path of the CBC binary and the options it needs: ``$DI_CBC`` if set, else the system's
    CBC (Debian's ``coinor-cbc``, CBC 2.10.8, which ``.ci/setup`` installs), else the
    ``cbcbox`` build that ``pulp[cbc]`` installs. Looked up once per process.

    The cbcbox build (CBC devel 2.935) has two pre-solve bugs we hit on small allocation
    models: its bound propagation declares feasible models infeasible ("FBBT divergence
    detected"), and its integer preprocessing returns solutions that break capacity rows.
    ``boundPropLevel off`` and ``preprocess off`` switch both off, which makes it slow on
    the larger models (the national 8 M EUR instance: its unmet stage alone does not close
    in 60 s, against 1 s for CBC 2.10.8 with its pre-solve).
    """
    chosen = os.environ.get("DI_CBC") or (SYSTEM_CBC if os.access(SYSTEM_CBC, os.X_OK) else None)
    if chosen:
        return chosen, []
    try:
        import cbcbox
    except ImportError as e:
        raise SolverError("CBC is not installed: apt install coinor-cbc or pip install "
                          "'pulp[cbc]' (or use --solver highs)") from e
    return cbcbox.cbc_bin_path(), ["boundPropLevel off", "preprocess off"]


def run(prob: pulp.LpProblem, solver: str, time_limit: float | None, *, mip: bool = True,
        mip_gap: float = 1e-6, warm_start: bool = False, threads: int | None = None,
        restarts: bool = True, interior: bool = False) -> SolveReport:
    """Solve ``prob`` and report; raise ``SolverError`` when there is no usable solution.

    ``warm_start``: offer the variables' current values as a first solution (the solver
    checks it and ignores it if it breaks a row; not to the cbcbox CBC). ``threads``: HiGHS's
    thread count, set the same on every call from one thread (HiGHS keeps one scheduler per
    calling thread and refuses a different count later); ``None`` leaves HiGHS's default.
    ``restarts``: may HiGHS restart its search at the root after fixing many columns (CBC
    ignores it). ``interior``: HiGHS solves the MIP's LPs by its interior point method (CBC
    ignores it; see ``optimizer.solve.IPM_FROM_COLUMNS``). Infeasibility is reported as
    status ``infeasible`` (the caller diagnoses it).
    """
    if solver not in SOLVERS:
        raise SolverError(f"unknown solver {solver!r}; choose one of {SOLVERS}")
    if time_limit is not None:
        time_limit = max(time_limit, 0.1)
    if solver == "highs":
        return _run_highs(prob, time_limit, mip, mip_gap, warm_start, threads, restarts,
                          interior)
    return _run_cbc(prob, time_limit, mip, mip_gap, warm_start)


_banner_silenced = False
_banner_lock = threading.Lock()


def _silence_highs_banner() -> None:
    """HiGHS prints a copyright banner to file descriptor 1 the first time a ``Highs`` object
    is made, which would corrupt ``di-plan solve --json``; make that first one with stdout
    pointed at /dev/null."""
    global _banner_silenced
    with _banner_lock:
        if _banner_silenced:
            return
        import highspy

        sys.stdout.flush()
        saved = os.dup(1)
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, 1)
            highspy.Highs()
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            os.close(devnull)
        _banner_silenced = True


class _HiGHS(pulp.HiGHS):
    """``pulp.HiGHS`` that can pass the variables' values to HiGHS as a MIP start (PuLP 3.3
    offers ``warmStart`` only for its command-line solvers)."""

    def __init__(self, warm_start: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.warm_start = warm_start

    def callSolver(self, lp: pulp.LpProblem) -> None:
        if self.warm_start:
            columns = lp.variables()
            lp.solverModel.setSolution(
                len(columns), np.array([v.index for v in columns], dtype=np.int32),
                np.array([v.varValue or 0.0 for v in columns], dtype=np.float64))
        super().callSolver(lp)
        if self.warm_start and _returns_the_start(lp.solverModel):
            lp.solverModel.clearSolver()
            super().callSolver(lp)


def _returns_the_start(highs: Any) -> bool:
    """HiGHS 1.16 sometimes reports an optimum better than the start it was given but
    returns the start's columns (seen when presolve solves a small model with whole unserved
    persons: objective 1, columns of the start's 2); such a solve is run again without the
    start (``tests/optimizer/test_solvers.py``)."""
    info = highs.getInfo()
    import highspy

    if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        return False
    lp = highs.getLp()
    columns = np.asarray(highs.getSolution().col_value)
    value = float(np.dot(np.asarray(lp.col_cost_), columns)) + lp.offset_
    return abs(value - info.objective_function_value) > 1e-6 * max(1.0, abs(value))


def _run_highs(prob: pulp.LpProblem, time_limit: float | None, mip: bool, mip_gap: float,
               warm_start: bool, threads: int | None, restarts: bool, interior: bool
               ) -> SolveReport:
    _silence_highs_banner()
    engine = _HiGHS(warm_start and mip, msg=False, mip=mip, timeLimit=time_limit,
                    gapRel=mip_gap, threads=threads, mip_allow_restart=restarts,
                    **({"mip_lp_solver": "ipm"} if interior else {}))
    prob.solve(engine)
    gap = None
    if mip and prob.isMIP():
        gap = float(prob.solverModel.getInfo().mip_gap)
    return _report(prob, gap)


# CBC 2.10.8's integer preprocessing sometimes loses the model ("Postprocessed model is
# infeasible - possible tolerance issue - try without preprocessing") and still reports an
# optimum, with columns that break need rows (without this second run, 35 of the
# CBC-against-HiGHS property test's 269 failing examples under four seeds still fail;
# ``cbc_preprocess_trap``); such a solve is run again without it, as CBC itself advises.
_CBC_LOST_MODEL = "Postprocessed model is infeasible"


def _run_cbc(prob: pulp.LpProblem, time_limit: float | None, mip: bool, mip_gap: float,
             warm_start: bool) -> SolveReport:
    path, workarounds = cbc_path()
    takes_start = warm_start and mip and not workarounds  # the cbcbox build breaks rows
    log = _cbc_solve(prob, path, workarounds, time_limit, mip, mip_gap, takes_start)
    if _CBC_LOST_MODEL in log and "preprocess off" not in workarounds:
        log = _cbc_solve(prob, path, [*workarounds, "preprocess off"], time_limit, mip,
                         mip_gap, takes_start)
    return _report(prob, _cbc_gap(log))


def _cbc_solve(prob: pulp.LpProblem, path: str, options: list[str], time_limit: float | None,
               mip: bool, mip_gap: float, warm_start: bool) -> str:
    """One CBC run on ``prob`` (its values set from CBC's solution); returns CBC's log."""
    with tempfile.TemporaryDirectory(prefix="di_plan_cbc_") as tmp:
        log_path = os.path.join(tmp, "cbc.log")
        engine = pulp.COIN_CMD(path=_dying_with_caller(path, tmp), options=options,
                               msg=False, mip=mip,
                               timeLimit=time_limit, gapRel=mip_gap, logPath=log_path,
                               keepFiles=False, warmStart=warm_start)
        engine.tmpDir = tmp
        prob.solve(engine)
        with open(log_path, encoding="utf-8", errors="replace") as fh:
            return fh.read()


SETPRIV = "/usr/bin/setpriv"


def _dying_with_caller(path: str, folder: str) -> str:
    """``path`` wrapped so CBC is killed when the thread that started it dies (Linux: a
    killed app or run process leaves no CBC behind); ``path`` itself where ``setpriv``
    (util-linux) is missing. The wrapper script is written to ``folder``."""
    if not os.access(SETPRIV, os.X_OK):
        return path
    wrapper = os.path.join(folder, "cbc")
    with open(wrapper, "w", encoding="utf-8") as fh:
        fh.write(f"#!/bin/sh\nexec {SETPRIV} --pdeathsig KILL -- {shlex.quote(path)} \"$@\"\n")
    os.chmod(wrapper, 0o700)
    return wrapper


def _cbc_gap(log: str) -> float | None:
    """Last relative gap in a CBC log ("Gap: 1.25%" or the classic "Gap: 0.0125")."""
    matches = _GAP.findall(log)
    if not matches:
        return None
    value, percent = matches[-1]
    try:
        gap = float(value)
    except ValueError:
        return None
    return gap / 100 if percent else gap


def _report(prob: pulp.LpProblem, gap: float | None) -> SolveReport:
    seconds = float(prob.solutionTime or 0.0)
    if prob.status == pulp.LpStatusInfeasible:
        return SolveReport("infeasible", float("nan"), None, seconds)
    if prob.status != pulp.LpStatusOptimal:
        raise NoSolutionError(
            f"solver stopped with status {pulp.LpStatus[prob.status]!r} and no usable solution "
            "(raise the time limit?)"
        )
    _check_rows(prob)
    objective = float(pulp.value(prob.objective) or 0.0)
    if gap is not None and not math.isfinite(gap):
        gap = None  # HiGHS's relative gap of an objective of 0
    if prob.sol_status == pulp.LpSolutionOptimal:
        return SolveReport("optimal", objective, 0.0 if gap is None else gap, seconds)
    return SolveReport("time_limit", objective, gap, seconds)


def _check_rows(prob: pulp.LpProblem, tol: float = 1e-5) -> None:
    """Refuse a solution that breaks a row: a solver bug must never reach a plan."""
    if any(math.isnan(v.varValue) for v in prob.variables() if v.varValue is not None):
        raise SolverError("the solver returned a solution with undefined values; "
                          "try the other solver")
    for c in prob.constraints():
        value = c.value()
        if value is None:
            continue
        # relative to the row's largest term: 1e-4 EUR off a 14 M EUR cost row is rounding
        terms = (abs(a * (v.varValue or 0.0)) for v, a in c.items())
        scale = tol * max(1.0, abs(c.constant), *terms)
        if (c.sense <= 0 and value > scale) or (c.sense >= 0 and value < -scale):
            raise SolverError(f"the solver returned a solution that breaks {c.name} "
                              f"(by {abs(value):.3g}); try the other solver")
