"""Results of a scenario version: the map (coverage, new places, flows home -> site), tables
per municipality and service, budget use, unmet need by cause, institutions, the
optimizer's explanation, progress against the approved plan (planned against actual, the
amendment), and downloads (workbook, CSV, GeoJSON, PDF report).

Thin: the sections are drawn by ``pages._results``; a reader without detail rights sees the
plan's public view only (``pages._results.public``)."""

from __future__ import annotations

from pages import _plan as plan
from pages import _shared as ui
from pages._results import (
    downloads,
    heading,
    home,
    persons,
    progress,
    public,
    responses,
    tables,
    version,
    why,
    years,
)
from planning.domain.roles import Action, can
from planning.io import exports
from planning.views import result_figures


def main() -> None:
    lang = ui.lang()
    chosen = plan.open_scenario("results.title")
    if chosen is None:
        return
    with ui.guard() as attempt:
        if not can(plan.actor(), Action.VIEW_DETAIL, chosen):
            public.section(chosen, lang)
            return
        shown, row = version.pick(chosen, lang)
        if row is None:
            return
        result = plan.stored(row.id, chosen.name, shown.inputs_json, row.solution_json)
    if attempt.failed:
        return
    ui.illustrative_notice()
    heading.caption(result, shown.number, row.solver, lang)
    plan.cards(result_figures.headline_figures(result.solution.totals, lang), per_row=4)
    plan.draw_map(result, lang, "results_map", result_id=row.id)
    ui.attribution_line("amcharts")
    persons.section(result, lang)
    tables.section(result, lang)
    home.section(result, lang)
    years.section(result, row.id, lang)
    progress.section(chosen, lang)
    responses.section(chosen, shown)
    why.section(row, lang)
    downloads.section(chosen, shown.number, exports.Plan(
        result.inputs, result.solution, exports.PlanMetadata(
            scenario=chosen.name, version=shown.number, status=shown.status,
            author=shown.author), ui.catalogue()), lang)


main()
