"""``di-plan evaluate --plan FILE``: how good is a plan that already exists?

The plan file (CSV or XLSX: municipality, service, new places, new facilities, investment;
``di-plan export template plan`` writes one) is validated like every import, then evaluated
by the same model as ``di-plan solve`` (``planning.domain.evaluation``): persons served and
unserved with the cause, cost, km from home, budget use, facilities below their viable
occupancy, what the optimizer does with the same money, and the smallest change to the
plan that serves more.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from optimizer.errors import OptimizerError
from optimizer.solvers import SOLVERS
from planning import i18n
from planning.cli.io import load_inputs
from planning.domain.catalogue import load_catalogue
from planning.domain.errors import InputError, PlanningError
from planning.domain.evaluation import PlanEvaluation, evaluate_given
from planning.io.imports import import_table


@click.command("evaluate")
@click.option("--plan", "plan_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The plan (CSV or XLSX), e.g. from 'di-plan export template plan'.")
@click.option("--inputs", "inputs_path", type=click.Path(exists=True, path_type=Path),
              help="The scenario's inputs (JSON); default: the embedded data of --region.")
@click.option("--region", help="Planning region of the default inputs.")
@click.option("--solver", type=click.Choice(SOLVERS), default="highs", show_default=True)
@click.option("--time-limit", type=float, help="Seconds per solve.")
@click.option("--more", type=int, help="The change should serve this many persons more "
              "than the plan (default: as many as the optimizer with the same money).")
@click.option("--json", "as_json", is_flag=True, help="Print the evaluation as JSON.")
def evaluate(plan_path: Path, inputs_path: Path | None, region: str | None, solver: str,
             time_limit: float | None, more: int | None, as_json: bool) -> None:
    """Evaluate a given plan with the model, beside the optimizer with the same money."""
    catalogue = load_catalogue()
    try:
        inputs = load_inputs(inputs_path, region)
        result = import_table(plan_path.read_bytes(), plan_path.name, "plan", inputs=inputs,
                              catalogue=catalogue)
        evaluation = evaluate_given(result.inputs, catalogue, solver=solver,
                                    time_limit=time_limit, more=more)
    except InputError as exc:
        raise click.ClickException(exc.describe()) from exc
    except (OptimizerError, PlanningError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(evaluation.to_dict(), indent=1, ensure_ascii=False))
        return
    for line in readable(evaluation, catalogue):
        click.echo(line)


def readable(ev: PlanEvaluation, catalogue) -> list[str]:
    """The evaluation as lines of text (service and municipality names, not ids)."""
    names = {m.code: m.name for m in ev.problem.municipalities}
    service = {sid: s.name_en for sid, s in catalogue.services.items()}
    figures = ev.figures()
    head = f"{'':<36}{'given plan':>14}{'optimizer':>14}"
    if "change" in figures:
        head += f"{'changed plan':>14}"
    lines = ["Given plan and the optimizer with the same money and rules", head]
    for name, row in figures.iterrows():
        digits = 1 if name == "mean_km_per_client" else 0
        lines.append(f"{i18n.t('total.' + name, 'en'):<36}" + "".join(
            f"{value:>14,.{digits}f}" for value in row.to_numpy()))
    lines.append("Budget:")
    for r in ev.budget.itertuples():
        share = "no limit" if r.share_used is None else f"{r.share_used:.0%} used"
        budget = "none" if r.budget_eur is None else f"{r.budget_eur:,.0f}"
        stated = "" if r.plan_stated_eur is None else f", stated {r.plan_stated_eur:,.0f}"
        lines.append(f"  {r.region}: budget {budget} EUR; the plan costs "
                     f"{r.plan_norm_eur:,.0f} by the norms{stated} ({share})")
    lines.append("Sites of the given plan:")
    for s in ev.sites.itertuples():
        notes = []
        if not s.size_ok:
            notes.append(f"size outside {s.min_places}-{s.max_places}")
        if not s.viable:
            notes.append("below viable occupancy")
        facilities = "1 facility" if s.facilities == 1 else f"{s.facilities} facilities"
        lines.append(f"  {names[s.municipality]}: {service[s.service]}, {s.places} places in "
                     f"{facilities}, {s.clients:,.1f} clients ({s.occupancy:.0%} of new places)"
                     + (f" - {'; '.join(notes)}" if notes else ""))
    unmet = ev.given.unmet
    if len(unmet):
        lines.append("Unmet need of the given plan, by cause:")
        for cause, value in unmet.groupby("cause")["unmet"].sum().items():
            lines.append(f"  {i18n.t_or(f'cause.{cause}', 'en', cause)}: {value:,.1f} clients")
    lines += _change_lines(ev, names, service)
    return lines


def _change_lines(ev: PlanEvaluation, names: dict[str, str], service: dict[str, str]
                  ) -> list[str]:
    if ev.change is None:
        return ["The optimizer serves no more persons with the same money: no change needed."]
    c = ev.change
    gained = ev.given.totals["unserved_persons"] - c.solution.totals["unserved_persons"]
    out = [f"Smallest change that serves {gained:,.0f} more persons: {c.added} places added, "
           f"{c.removed} removed ({c.moved} moved):"]
    for r in c.changes.itertuples():
        out.append(f"  {names[r.municipality]}: {service[r.service]} {r.places_before} -> "
                   f"{r.places_after} places, {r.facilities_before} -> {r.facilities_after} "
                   "facilities")
    return out
