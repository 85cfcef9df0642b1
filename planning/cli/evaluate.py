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
from planning.cli.lang import TextCommand, TextOption, cli_lang
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.errors import PlanningError, user_message
from planning.domain.evaluation import PlanEvaluation, evaluate_given
from planning.io.imports import import_table


@click.command("evaluate", cls=TextCommand, text=i18n.msg("cli.evaluate.help"))
@click.option("--plan", "plan_path", required=True,
              type=click.Path(exists=True, dir_okay=False, path_type=Path), cls=TextOption,
              text=i18n.msg("cli.evaluate.plan"))
@click.option("--inputs", "inputs_path", type=click.Path(exists=True, path_type=Path),
              cls=TextOption, text=i18n.msg("cli.option.inputs"))
@click.option("--region", cls=TextOption, text=i18n.msg("cli.option.inputs_region"))
@click.option("--solver", type=click.Choice(SOLVERS), default="highs", show_default=True,
              cls=TextOption, text=i18n.msg("cli.option.solver"))
@click.option("--time-limit", type=float, cls=TextOption,
              text=i18n.msg("cli.option.seconds_per_solve"))
@click.option("--more", type=int, cls=TextOption, text=i18n.msg("cli.evaluate.more"))
@click.option("--json", "as_json", is_flag=True, cls=TextOption,
              text=i18n.msg("cli.evaluate.json"))
def evaluate(plan_path: Path, inputs_path: Path | None, region: str | None, solver: str,
             time_limit: float | None, more: int | None, as_json: bool) -> None:
    """Evaluate a given plan with the model, beside the optimizer with the same money."""
    catalogue = load_catalogue()
    lang = cli_lang()
    try:
        inputs = load_inputs(inputs_path, region)
        result = import_table(plan_path.read_bytes(), plan_path.name, "plan", inputs=inputs,
                              catalogue=catalogue)
        evaluation = evaluate_given(result.inputs, catalogue, solver=solver,
                                    time_limit=time_limit, more=more)
    except (OptimizerError, PlanningError) as exc:
        raise click.ClickException(user_message(exc, lang)) from exc
    if as_json:
        click.echo(json.dumps(evaluation.to_dict(), indent=1, ensure_ascii=False))
        return
    for line in readable(evaluation, catalogue, lang):
        click.echo(line)


def readable(ev: PlanEvaluation, catalogue: Catalogue, lang: str) -> list[str]:
    """The evaluation as lines of text in ``lang`` (service and municipality names, not
    ids)."""
    names = {m.code: m.name for m in ev.problem.municipalities}
    service = {sid: s.name(lang) for sid, s in catalogue.services.items()}
    return [*_figure_lines(ev, lang), *_budget_lines(ev, lang),
            *_site_lines(ev, names, service, lang), *_unmet_lines(ev, lang),
            *_change_lines(ev, names, service, lang)]


def _figure_lines(ev: PlanEvaluation, lang: str) -> list[str]:
    figures = ev.figures()
    columns = ["cli.evaluate.given", "cli.evaluate.optimum", "cli.evaluate.changed"]
    head = "".ljust(36) + "".join(i18n.t(c, lang).rjust(14) for c in columns[:figures.shape[1]])
    lines = [i18n.t("cli.evaluate.title", lang), head]
    for name, row in figures.iterrows():
        digits = 1 if name == "mean_km_per_client" else 0
        lines.append(i18n.t(f"total.{name}", lang).ljust(36) + "".join(
            i18n.fmt_number(value, lang, digits).rjust(14) for value in row.to_numpy()))
    return lines


def _budget_lines(ev: PlanEvaluation, lang: str) -> list[str]:
    lines = [i18n.t("cli.evaluate.budget", lang)]
    for r in ev.budget.itertuples():
        share = (i18n.t("cli.evaluate.no_limit", lang) if r.share_used is None
                 else i18n.t("cli.evaluate.used", lang, share=i18n.fmt_pct(r.share_used, lang)))
        budget = (i18n.t("cli.evaluate.no_budget", lang) if r.budget_eur is None
                  else i18n.fmt_eur(r.budget_eur, lang))
        stated = ("" if r.plan_stated_eur is None else
                  i18n.t("cli.evaluate.stated", lang, eur=i18n.fmt_eur(r.plan_stated_eur, lang)))
        lines.append("  " + i18n.t("cli.evaluate.budget_line", lang, region=r.region,
                                   budget=budget, cost=i18n.fmt_eur(r.plan_norm_eur, lang),
                                   stated=stated, share=share))
    return lines


def _site_lines(ev: PlanEvaluation, names: dict[str, str], service: dict[str, str],
                lang: str) -> list[str]:
    lines = [i18n.t("cli.evaluate.sites", lang)]
    for s in ev.sites.itertuples():
        notes = []
        if not s.size_ok:
            notes.append(i18n.t("cli.evaluate.size", lang, low=s.min_places, high=s.max_places))
        if not s.viable:
            notes.append(i18n.t("cli.evaluate.below_viable", lang))
        line = i18n.t("cli.evaluate.site", lang, municipality=names[s.municipality],
                      service=service[s.service],
                      places=i18n.tn("cli.evaluate.places", s.places, lang),
                      facilities=i18n.tn("cli.evaluate.facilities", s.facilities, lang),
                      clients=i18n.fmt_number(s.clients, lang, 1),
                      occupancy=i18n.fmt_pct(s.occupancy, lang))
        lines.append(f"  {line}" + (f" - {'; '.join(notes)}" if notes else ""))
    return lines


def _unmet_lines(ev: PlanEvaluation, lang: str) -> list[str]:
    unmet = ev.given.unmet
    if not len(unmet):
        return []
    lines = [i18n.t("cli.evaluate.unmet", lang)]
    for cause, value in unmet.groupby("cause")["unmet"].sum().items():
        lines.append("  " + i18n.t("cli.evaluate.unmet_line", lang,
                                   cause=i18n.t_or(f"cause.{cause}", lang, cause),
                                   clients=i18n.fmt_number(value, lang, 1)))
    return lines


def _change_lines(ev: PlanEvaluation, names: dict[str, str], service: dict[str, str],
                  lang: str) -> list[str]:
    if ev.change is None:
        return [i18n.t("cli.evaluate.no_change", lang)]
    c = ev.change
    gained = ev.given.totals["unserved_persons"] - c.solution.totals["unserved_persons"]
    out = [i18n.t("cli.evaluate.change", lang, persons=i18n.fmt_int(gained, lang),
                  added=c.added, removed=c.removed, moved=c.moved)]
    for r in c.changes.itertuples():
        out.append("  " + i18n.t("cli.evaluate.change_line", lang,
                                 municipality=names[r.municipality], service=service[r.service],
                                 places_before=r.places_before, places_after=r.places_after,
                                 facilities_before=r.facilities_before,
                                 facilities_after=r.facilities_after))
    return out
