"""``di-plan sweep`` and ``di-plan robust``: many solves of one scenario, as JSON (and the
robust plan's workbook with ``--xlsx``).

``sweep`` solves every point of a grid of one or two inputs (``--vary budget=2e6,4e6,6e6``,
or a range ``--vary contingency=0:0.5:0.1``), or with ``--one-at-a-time`` each input's
values alone from the base (the tornado). ``robust`` samples need scenarios and chooses a
plan by minimax regret (``optimizer.robust``). Both run in a local process pool, or on the
Dask cluster of ``$DI_DASK_SCHEDULER`` (``optimizer.distribute``); progress goes to stderr.
"""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import click

from optimizer.distribute import run_tasks
from optimizer.errors import OptimizerError
from optimizer.formulation import AllocationModel
from optimizer.problem import ProblemInput
from optimizer.robust import RobustPlan, Uncertainty, robust_plan
from optimizer.solvers import SOLVERS
from optimizer.sweep import (
    MAX_POINTS,
    Axis,
    Lever,
    frontier,
    point_result,
    solve_point,
    sweep_tasks,
    tornado,
)
from planning import i18n
from planning.cli.lang import TextCommand, TextOption, cli_lang, tr
from planning.domain.catalogue import load_catalogue
from planning.domain.errors import PlanningError, user_message
from planning.io import robust_export
from planning.store.sweeps import RobustSpec, RobustView, robust_result


def parse_axis(text: str) -> Axis:
    """``lever=v1,v2,...`` or ``lever=start:stop:step`` (stop included)."""
    key, sep, values = text.partition("=")
    if not sep or not values:
        raise click.BadParameter(tr("cli.sweep.bad_axis", text=repr(text)), param_hint="--vary")
    try:
        lever = Lever.parse(key.strip())
        numbers = _range(values) if ":" in values else [float(v) for v in values.split(",")]
    except OptimizerError as exc:
        raise click.BadParameter(user_message(exc, cli_lang()), param_hint="--vary") from exc
    except ValueError as exc:
        raise click.BadParameter(tr("cli.sweep.not_numbers", values=repr(values)),
                                 param_hint="--vary") from exc
    return Axis(lever, numbers)


def _range(text: str) -> list[float]:
    start, stop, step = (float(v) for v in text.split(":"))
    if not all(math.isfinite(v) for v in (start, stop, step)) or step <= 0 or stop < start:
        raise ValueError(text)
    count = math.floor((stop - start) / step + 1e-9) + 1
    if count > MAX_POINTS:
        raise ValueError(text)
    return [round(start + k * step, 12) for k in range(count)]


def _problem(region: str | None, budget: float | None, input_path: Path | None) -> ProblemInput:
    if input_path is not None:
        return ProblemInput.from_json(input_path.read_text(encoding="utf-8"))
    from planning.domain.optimizer_input import build_problem_input

    return build_problem_input(region, budget)


def _progress(done: list[int], total: int) -> Any:
    def report(_k: int, _r: dict[str, Any]) -> None:
        done[0] += 1
        click.echo(f"{done[0]}/{total}", err=True)
    return report


def _emit(data: dict[str, Any], out: Path | None) -> None:
    text = json.dumps(data, indent=1, ensure_ascii=False)
    if out is None:
        click.echo(text)
    else:
        out.write_text(text, encoding="utf-8")
        click.echo(f"{out}", err=True)


common = [
    click.option("--region", cls=TextOption, text=i18n.msg("cli.sweep.region")),
    click.option("--budget", type=float, cls=TextOption, text=i18n.msg("cli.sweep.budget")),
    click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False,
                 path_type=Path), cls=TextOption, text=i18n.msg("cli.sweep.input")),
    click.option("--solver", type=click.Choice(SOLVERS), default="highs", show_default=True,
                 cls=TextOption, text=i18n.msg("cli.option.solver")),
    click.option("--time-limit", type=float, cls=TextOption,
                 text=i18n.msg("cli.option.seconds_per_solve")),
    click.option("--out", type=click.Path(dir_okay=False, path_type=Path), cls=TextOption,
                 text=i18n.msg("cli.sweep.out")),
]


def with_common(f: Any) -> Any:
    for option in reversed(common):
        f = option(f)
    return f


@click.command("sweep", cls=TextCommand, text=i18n.msg("cli.sweep.help"))
@click.option("--vary", "axes", multiple=True, required=True, cls=TextOption,
              text=i18n.msg("cli.sweep.vary"))
@click.option("--one-at-a-time", is_flag=True, cls=TextOption,
              text=i18n.msg("cli.sweep.one_at_a_time"))
@with_common
def sweep(axes: tuple[str, ...], one_at_a_time: bool, region: str | None,
          budget: float | None, input_path: Path | None, solver: str,
          time_limit: float | None, out: Path | None) -> None:
    """Solve the scenario at every point of a grid of one or two inputs."""
    parsed = [parse_axis(a) for a in axes]
    try:
        pi = _problem(region, budget, input_path)
        grids = [[a] for a in parsed] if one_at_a_time else [parsed]
        tasks = [t for g in grids for t in sweep_tasks(pi, g, solver, time_limit)]
        base = point_result({}, AllocationModel.from_problem_input(pi).solve(
            solver, time_limit=time_limit))
    except (OptimizerError, PlanningError) as exc:
        raise click.ClickException(user_message(exc, cli_lang())) from exc
    results = run_tasks(solve_point, tasks, on_result=_progress([0], len(tasks)))
    solved = [r for r in results if r is not None]
    data: dict[str, Any] = {"instance": pi.name, "base": base, "results": solved,
                            "axes": [{"lever": a.lever.key, "values": a.values} for a in parsed]}
    if one_at_a_time or [a.lever.key for a in parsed] == ["budget"]:
        data["frontier"] = frontier(solved)
    if one_at_a_time:
        data["tornado"] = tornado(base, solved)
    _emit(data, out)


@click.command("robust", cls=TextCommand, text=i18n.msg("cli.robust.help"))
@click.option("--scenarios", type=int, default=20, show_default=True, cls=TextOption,
              text=i18n.msg("cli.robust.scenarios"))
@click.option("--cv", type=float, default=0.2, show_default=True, cls=TextOption,
              text=i18n.msg("cli.robust.cv"))
@click.option("--seed", type=int, default=0, show_default=True, cls=TextOption,
              text=i18n.msg("cli.robust.seed"))
@click.option("--xlsx", type=click.Path(dir_okay=False, path_type=Path), cls=TextOption,
              text=i18n.msg("cli.robust.xlsx"))
@with_common
def robust(scenarios: int, cv: float, seed: int, xlsx: Path | None, region: str | None,
           budget: float | None, input_path: Path | None, solver: str,
           time_limit: float | None, out: Path | None) -> None:
    """Choose what to build so the plan holds across sampled need scenarios."""
    started = datetime.now(UTC)
    try:
        pi = _problem(region, budget, input_path)
        plan = robust_plan(pi, Uncertainty(scenarios, cv, seed), solver, time_limit,
                           on_progress=lambda d, n: click.echo(f"{d}/{n}", err=True))
    except (OptimizerError, PlanningError) as exc:
        raise click.ClickException(user_message(exc, cli_lang())) from exc
    _emit(robust_json(pi, plan), out)
    if xlsx is not None:
        lang = cli_lang()
        scenario = pi.name or (input_path.name if input_path else i18n.region_name(region, lang))
        spec = RobustSpec(scenarios, cv, seed, solver, time_limit or 0.0)
        xlsx.write_bytes(robust_xlsx(replace(pi, name=scenario), plan, spec, region, started,
                                     lang))
        click.echo(tr("cli.io.wrote", path=xlsx), err=True)


def robust_xlsx(pi: ProblemInput, plan: RobustPlan, spec: RobustSpec, region: str | None,
                started: datetime, lang: str) -> bytes:
    """The workbook of the page (``planning.io.robust_export``) for a run of the command
    line: version 1 of the instance (named by ``pi.name``), computed by the command line."""
    run = RobustView(0, 1, "done", 1, 1, spec, robust_result(plan), None, "di-plan", started)
    names = robust_export.problem_names(pi, region, load_catalogue(), lang)
    return robust_export.robust_workbook(run, names, lang)


def robust_json(pi: ProblemInput, plan: RobustPlan) -> dict[str, Any]:
    return {
        "instance": pi.name, "method": "minimax regret over candidate plans",
        "chosen": plan.plan,
        "expected_unserved": plan.expected_unserved(), "worst_unserved": plan.worst_unserved(),
        "max_regret": plan.max_regret(),
        "assessed_plan": {"expected_unserved": plan.expected_unserved(0),
                          "worst_unserved": plan.worst_unserved(0),
                          "max_regret": plan.max_regret(0)},
        "frequency": [{"municipality": m, "service": s, "share": f}
                      for (m, s), f in sorted(plan.frequency.items())],
        "candidates": len(plan.candidates),
        "regret": plan.regret,
    }
