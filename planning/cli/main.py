"""``di-plan``: the headless command line.

``di-plan solve`` runs the allocation optimizer on the embedded data (a planning region or
all of Latvia) or on a saved instance; other commands (``evaluate``, ``user``, ``import``,
``export``) are added to the same ``main`` group.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from optimizer.errors import OptimizerError
from optimizer.explain import explain
from optimizer.formulation import AllocationModel
from optimizer.greedy import greedy_solution
from optimizer.problem import ProblemInput
from optimizer.solvers import SOLVERS
from planning.cli.demo import demo
from planning.cli.evaluate import evaluate
from planning.cli.io import export_group, import_group
from planning.cli.sweep import robust, sweep
from planning.cli.users import users
from planning.domain import bounds
from planning.domain.errors import PlanningError

MAX_TIME_LIMIT = 86_400.0


@click.group()
def main() -> None:
    """Regional deinstitutionalisation planning for Latvia."""


def _problem(region: str | None, budget: float | None, division: str,
             input_path: Path | None) -> ProblemInput:
    if input_path is not None:
        if region or budget is not None:
            raise click.UsageError("--input is a whole instance: drop --region and --budget")
        return ProblemInput.from_json(input_path.read_text(encoding="utf-8"))
    from planning.domain.optimizer_input import build_problem_input

    return build_problem_input(region, budget, division)


def _seconds(value: float | None) -> float | None:
    """A time limit from the command line: finite, positive, at most a day."""
    if value is not None and (problem := bounds.problem(value, MAX_TIME_LIMIT, low=0.001)):
        raise click.BadParameter(f"{value}: {problem} (seconds)", param_hint="--time-limit")
    return value


@main.command()
@click.option("--region", help="Planning region, with or without diacritics (Rīga/Riga, "
              "Kurzeme, Zemgale, Vidzeme, Latgale); all of Latvia when omitted.")
@click.option("--budget", type=float, help="Total investment available in EUR (ERDF quota "
              "plus co-financing); split among regions by their quotas when national.")
@click.option("--division", default="2025", show_default=True,
              help="Administrative division: 2025 (42 municipalities) or 2021 (43).")
@click.option("--solver", type=click.Choice(SOLVERS), default="highs", show_default=True)
@click.option("--time-limit", type=float, callback=lambda ctx, param, value: _seconds(value),
              help="Seconds (at most a day); the best plan found and its gap are reported "
              "when it is hit.")
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False,
              path_type=Path), help="Solve a saved instance (JSON) instead.")
@click.option("--save-input", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the instance that is solved to this JSON file.")
@click.option("--greedy", is_flag=True, help="Use the greedy baseline instead of the MILP.")
@click.option("--explain", "with_explanation", is_flag=True,
              help="Add which limits bind and what 100,000 EUR more would buy.")
@click.option("--json", "as_json", is_flag=True, help="Print the Solution as JSON.")
def solve(region: str | None, budget: float | None, division: str, solver: str,
          time_limit: float | None, input_path: Path | None, save_input: Path | None,
          greedy: bool, with_explanation: bool, as_json: bool) -> None:
    """Allocate new service places within the budget and print the plan."""
    try:
        pi = _problem(region, budget, division, input_path)
        if save_input is not None:
            save_input.write_text(pi.to_json(), encoding="utf-8")
        if greedy:
            sol = greedy_solution(pi)
        else:
            sol = AllocationModel.from_problem_input(pi).solve(solver, time_limit=time_limit)
        why = explain(pi, sol, solver=solver) if with_explanation else None
    except (OptimizerError, PlanningError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        data = sol.to_dict()
        if why is not None:
            data["explanation"] = why.to_dict()
        click.echo(json.dumps(data, indent=1, ensure_ascii=False))
        return
    click.echo(f"Instance: {pi.name or 'saved input'}")
    click.echo(sol.summary())
    if why is not None:
        for sentence in why.sentences():
            click.echo(f"- {sentence}")


main.add_command(evaluate)
main.add_command(users)
main.add_command(demo)
main.add_command(import_group)
main.add_command(export_group)
main.add_command(sweep)
main.add_command(robust)
