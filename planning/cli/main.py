"""``di-plan``: the headless command line.

``di-plan solve`` runs the allocation optimizer on the embedded data (a planning region or
all of Latvia) or on a saved instance; other commands (``evaluate``, ``user``, ``import``,
``export``) are added to the same ``main`` group.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from optimizer.errors import OptimizerError
from optimizer.explain import explain
from optimizer.formulation import AllocationModel
from optimizer.greedy import greedy_solution
from optimizer.problem import ProblemInput
from optimizer.solvers import SOLVERS
from planning import i18n
from planning.cli.actuals import actuals
from planning.cli.demo import demo
from planning.cli.evaluate import evaluate
from planning.cli.io import export_group, import_group
from planning.cli.lang import TextCommand, TextGroup, TextOption, cli_lang, tr
from planning.cli.phasing import horizon_from_options, phasing_dict, phasing_lines
from planning.cli.summary import solution_lines
from planning.cli.sweep import robust, sweep
from planning.cli.users import users
from planning.domain import bounds
from planning.domain.errors import PlanningError, user_message
from planning.domain.horizon import Horizon
from planning.domain.inputs import PRIORITY_MODES, ScenarioInputs
from planning.domain.phasing import phase_plan
from planning.domain.results import ScenarioResult
from planning.views.plan_tables import explanation_lines

MAX_TIME_LIMIT = 86_400.0


@click.group(cls=TextGroup, text=i18n.msg("cli.main.help"))
@click.option("--lang", type=click.Choice(i18n.LANGS), is_eager=True, cls=TextOption,
              text=i18n.msg("cli.option.lang"))
def main(lang: str | None) -> None:
    """Regional deinstitutionalisation planning for Latvia."""


def _problem(region: str | None, budget: float | None, division: str,
             input_path: Path | None, settings: dict[str, Any] | None = None
             ) -> tuple[ProblemInput, ScenarioInputs | None]:
    """The instance to solve, and the scenario it comes from (none for a saved instance)."""
    if input_path is not None:
        if region or budget is not None or settings:
            raise click.UsageError(tr("cli.solve.input_whole"))
        return ProblemInput.from_json(input_path.read_text(encoding="utf-8")), None
    from planning.domain.optimizer_input import embedded_inputs, problem_from_inputs

    inputs = embedded_inputs(region, budget, division, settings=settings)
    return problem_from_inputs(inputs), inputs


def _names(value: str | None) -> tuple[str, ...] | None:
    """``a,b,c`` as a tuple (``none``: an empty one); ``None`` when not given."""
    if value is None:
        return None
    if value.strip().lower() == "none":
        return ()
    return tuple(part.strip() for part in value.split(",") if part.strip())


def scenario_settings(preset: str | None, contingency: float | None,
                      min_occupancy: float | None, priority: str | None,
                      priority_mode: str | None, goal_order: str | None,
                      weighted: bool) -> dict[str, Any]:
    """The scenario fields the command line sets, as ``ScenarioInputs`` names them (only
    those given; the scenario's checks name a bad value)."""
    given = {"preset": preset, "cost_contingency": contingency,
             "min_occupancy": min_occupancy, "priority_order": _names(priority) or None,
             "priority_mode": "none" if _names(priority) == () else priority_mode,
             "goal_order": _names(goal_order),
             "goal_kind": "weighted" if weighted else None}
    return {k: v for k, v in given.items() if v is not None}


def scenario_options(command: Any) -> Any:
    """The options that set the scenario's norms and rules, shared by the commands that
    solve the embedded data (as the app's Ievade sets them)."""
    options = [
        click.option("--preset", cls=TextOption, text=i18n.msg("cli.solve.preset")),
        click.option("--contingency", type=float, cls=TextOption,
                     text=i18n.msg("cli.solve.contingency")),
        click.option("--min-occupancy", type=float, cls=TextOption,
                     text=i18n.msg("cli.solve.min_occupancy")),
        click.option("--priority", cls=TextOption, text=i18n.msg("cli.solve.priority")),
        click.option("--priority-mode", type=click.Choice(PRIORITY_MODES),
                     cls=TextOption, text=i18n.msg("cli.solve.priority_mode")),
        click.option("--goal-order", cls=TextOption, text=i18n.msg("cli.solve.goal_order")),
        click.option("--weighted", is_flag=True, cls=TextOption,
                     text=i18n.msg("cli.solve.weighted")),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _seconds(value: float | None) -> float | None:
    """A time limit from the command line: finite, positive, at most a day."""
    if value is not None and (problem := bounds.problem(value, MAX_TIME_LIMIT, low=0.001)):
        raise click.BadParameter(tr("cli.solve.bad_seconds", value=value,
                                    problem=i18n.render(problem, cli_lang())),
                                 param_hint="--time-limit")
    return value


@main.command(cls=TextCommand, text=i18n.msg("cli.solve.help"))
@click.option("--region", cls=TextOption,
              text=i18n.msg("cli.solve.region"))
@click.option("--budget", type=float, cls=TextOption,
              text=i18n.msg("cli.solve.budget"))
@click.option("--division", default="2025", show_default=True,
              cls=TextOption,
              text=i18n.msg("cli.solve.division"))
@click.option("--solver", type=click.Choice(SOLVERS), default="highs", show_default=True,
              cls=TextOption, text=i18n.msg("cli.option.solver"))
@click.option("--time-limit", type=float, callback=lambda ctx, param, value: _seconds(value),
              cls=TextOption,
              text=i18n.msg("cli.solve.time_limit"))
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), cls=TextOption,
              text=i18n.msg("cli.solve.input"))
@click.option("--save-input", type=click.Path(dir_okay=False, path_type=Path),
              cls=TextOption,
              text=i18n.msg("cli.solve.save_input"))
@click.option("--greedy", is_flag=True, cls=TextOption,
              text=i18n.msg("cli.solve.greedy"))
@click.option("--explain", "with_explanation", is_flag=True,
              cls=TextOption,
              text=i18n.msg("cli.solve.explain"))
@click.option("--json", "as_json", is_flag=True, cls=TextOption,
              text=i18n.msg("cli.solve.json"))
@click.option("--years", cls=TextOption, text=i18n.msg("cli.solve.years"))
@click.option("--closure", "closures", multiple=True, cls=TextOption,
              text=i18n.msg("cli.solve.closure"))
@click.option("--year-shares", cls=TextOption, text=i18n.msg("cli.solve.year_shares"))
@click.option("--funded-share", type=float, cls=TextOption,
              text=i18n.msg("cli.solve.funded_share"))
@click.option("--funded-until", type=int, cls=TextOption,
              text=i18n.msg("cli.solve.funded_until"))
@scenario_options
def solve(region: str | None, budget: float | None, division: str, solver: str,
          time_limit: float | None, input_path: Path | None, save_input: Path | None,
          greedy: bool, with_explanation: bool, as_json: bool, years: str | None,
          closures: tuple[str, ...], year_shares: str | None, funded_share: float | None,
          funded_until: int | None, preset: str | None,
          contingency: float | None, min_occupancy: float | None, priority: str | None,
          priority_mode: str | None, goal_order: str | None, weighted: bool) -> None:
    """Allocate new service places within the budget and print the plan."""
    settings = scenario_settings(preset, contingency, min_occupancy, priority, priority_mode,
                                 goal_order, weighted)
    horizon = _horizon(years, closures, year_shares, input_path, (funded_share, funded_until))
    try:
        pi, inputs = _problem(region, budget, division, input_path, settings)
        if save_input is not None:
            save_input.write_text(pi.to_json(), encoding="utf-8")
        if greedy:
            sol = greedy_solution(pi)
        else:
            sol = AllocationModel.from_problem_input(pi).solve(solver, time_limit=time_limit)
        why = explain(pi, sol, solver=solver) if with_explanation else None
        phased = (None if horizon is None or inputs is None else
                  phase_plan(ScenarioResult(pi.name, inputs, sol), horizon, solver=solver))
    except (OptimizerError, PlanningError) as exc:
        raise click.ClickException(user_message(exc, cli_lang())) from exc
    if as_json:
        data = sol.to_dict()
        if why is not None:
            data["explanation"] = why.to_dict()
        if phased is not None:
            data["phasing"] = phasing_dict(phased, horizon)
        click.echo(json.dumps(data, indent=1, ensure_ascii=False))
        return
    click.echo(tr("cli.solve.instance", name=pi.name or tr("cli.solve.saved_input")))
    click.echo("\n".join(solution_lines(sol, pi, cli_lang())))
    if why is not None:
        for line in explanation_lines(why, cli_lang()):
            click.echo(f"- {line}")
    if phased is not None and horizon is not None and inputs is not None:
        click.echo("\n".join(phasing_lines(phased, horizon, cli_lang(), inputs.division)))


def _horizon(years: str | None, closures: tuple[str, ...], shares: str | None,
             input_path: Path | None, funded: tuple[float | None, int | None]
             ) -> Horizon | None:
    if years is None:
        if closures or shares is not None or funded != (None, None):
            raise click.UsageError(tr("cli.solve.years_only"))
        return None
    if input_path is not None:
        raise click.UsageError(tr("cli.solve.years_input"))
    return horizon_from_options(years, closures, shares, *funded)


main.add_command(evaluate)
main.add_command(users)
main.add_command(demo)
main.add_command(import_group)
main.add_command(export_group)
main.add_command(sweep)
main.add_command(robust)
main.add_command(actuals)
