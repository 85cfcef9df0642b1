"""``di-plan import ...`` and ``di-plan export ...``: the same imports and exports as the app.

They work on files: a scenario's inputs as JSON (``ScenarioInputs``; the embedded data of a
region when omitted) and whole scenarios as bundles (``di-plan export scenario``). Every
import validates the whole file first and writes nothing if any problem is found.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from pathlib import Path

import click

from optimizer.formulation import AllocationModel
from optimizer.solution import Solution
from planning import i18n
from planning.cli.lang import TextCommand, TextGroup, TextOption, cli_lang, tr
from planning.cli.summary import solution_lines
from planning.domain.errors import InputError, user_message
from planning.domain.inputs import ScenarioInputs, default_inputs
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.public_plan import public_plan
from planning.io import exports, templates
from planning.io.boundaries import BoundaryImport, read_boundaries
from planning.io.bundle import read_bundle, scenario_bundle
from planning.io.imports import KINDS, import_table
from planning.io.report import plan_report
from planning.io.report_docx import plan_docx

LANG = click.option("--lang", "doc_lang", type=click.Choice(i18n.LANGS), cls=TextOption,
                    text=i18n.msg("cli.io.lang"))
PUBLIC = click.option("--public", is_flag=True, cls=TextOption, text=i18n.msg("cli.io.public"))
OUTPUT = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                      required=True, cls=TextOption, text=i18n.msg("cli.io.output"))
INPUTS = click.option("--inputs", "inputs_path", type=click.Path(exists=True, path_type=Path),
                      cls=TextOption, text=i18n.msg("cli.option.inputs"))
SOLVER = click.option("--solver", type=click.Choice(["highs", "cbc"]), default="highs",
                      show_default=True, cls=TextOption, text=i18n.msg("cli.option.solver"))


def load_inputs(path: Path | None, region: str | None) -> ScenarioInputs:
    if path is None:
        return default_inputs(region)
    return ScenarioInputs.from_json(path.read_text(encoding="utf-8"))


def _fail_cleanly(func: Callable) -> Callable:
    """Turn domain errors into a click error message (exit code 1), no traceback."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            raise click.ClickException(user_message(exc, cli_lang())) from exc
    return wrapper


def _wrote(output: Path) -> None:
    click.echo(tr("cli.io.wrote", path=output))


@click.group("import", cls=TextGroup, text=i18n.msg("cli.import.help"))
def import_group() -> None:
    """Validate and import needs, norms, reference data, boundaries and scenarios."""


@import_group.command("table", cls=TextCommand, text=i18n.msg("cli.import.table"))
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@INPUTS
@click.option("--region", cls=TextOption, text=i18n.msg("cli.option.inputs_region"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              cls=TextOption, text=i18n.msg("cli.import.table_output"))
@_fail_cleanly
def import_table_cmd(kind: str, file: Path, inputs_path: Path | None, region: str | None,
                     output: Path | None) -> None:
    """Check FILE (CSV or XLSX) as KIND, show what it changes, optionally write the result."""
    inputs = load_inputs(inputs_path, region)
    result = import_table(file.read_bytes(), file.name, kind, inputs=inputs)
    preview = result.preview
    click.echo(tr("cli.import.valid", file=file.name, added=len(preview.added),
                  changed=len(preview.changed.drop_duplicates(list(preview.key))),
                  removed=len(preview.removed)))
    for line in result.report.lines(cli_lang()):
        click.echo(f"  {line}")
    if output is None:
        return
    if result.inputs is not None:
        output.write_text(result.inputs.to_json(), encoding="utf-8")
    else:
        output.write_bytes(result.frame.to_csv(index=False).encode("utf-8"))
    _wrote(output)


@import_group.command("boundaries", cls=TextCommand, text=i18n.msg("cli.import.boundaries"))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--division", type=click.Choice(["2025", "2021"]), default="2025",
              show_default=True, cls=TextOption, text=i18n.msg("cli.solve.division"))
@click.option("--crs", "assume_crs", cls=TextOption, text=i18n.msg("cli.import.crs"))
@click.option("--repair", is_flag=True, cls=TextOption, text=i18n.msg("cli.import.repair"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              cls=TextOption, text=i18n.msg("cli.import.boundaries_output"))
@_fail_cleanly
def import_boundaries_cmd(file: Path, division: str, assume_crs: str | None, repair: bool,
                          output: Path | None) -> None:
    """Check a GeoJSON, GeoPackage or zipped Shapefile of municipal boundaries."""
    result = read_boundaries(file.read_bytes(), file.name, division, assume_crs=assume_crs,
                             repair=repair)
    for line in boundary_lines(result):
        click.echo(line)
    if output is not None:
        output.write_text(result.boundaries.to_json(drop_id=True), encoding="utf-8")
        _wrote(output)


def boundary_lines(result: BoundaryImport) -> list[str]:
    """What a boundary import read, matched by name, left out and repaired."""
    lines = [tr("cli.boundaries.read", count=len(result.boundaries), crs=result.source_crs)]
    for key, names in (("matched", result.matched_by_name),
                       ("unmatched", result.unmatched_features),
                       ("missing", result.missing_municipalities),
                       ("repaired", result.repaired)):
        lines += [tr(f"cli.boundaries.{key}", name=name) for name in names]
    return lines


@import_group.command("scenario", cls=TextCommand, text=i18n.msg("cli.import.scenario"))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--solve", is_flag=True, cls=TextOption, text=i18n.msg("cli.import.solve"))
@SOLVER
@_fail_cleanly
def import_scenario_cmd(file: Path, solve: bool, solver: str) -> None:
    """Check a whole-scenario file; with --solve, check that it gives the same results."""
    bundle = read_bundle(file.read_bytes(), file.name)
    meta = bundle.plan.metadata
    click.echo(tr("cli.import.scenario_valid", scenario=meta.scenario, version=meta.version,
                  status=meta.status))
    for note in bundle.notes:
        click.echo("  " + tr("cli.import.note", note=note))
    if solve:
        again = AllocationModel.from_problem_input(bundle.problem).solve(solver)
        differences = solution_differences(bundle.plan.solution, again)
        if differences:
            raise click.ClickException(tr("cli.import.different",
                                          differences="; ".join(differences)))
        click.echo(tr("cli.import.same"))


def solution_differences(a: Solution, b: Solution) -> list[str]:
    """Tables and totals that differ (run time and solver stages aside)."""
    da, db = a.to_dict(), b.to_dict()
    return [key for key in da if key not in ("seconds", "stages", "solver") and da[key] != db[key]]


@click.group("export", cls=TextGroup, text=i18n.msg("cli.export.help"))
def export_group() -> None:
    """Templates, the plan workbook, CSV, GeoJSON, the PDF report and whole scenarios."""


@export_group.command("template", cls=TextCommand, text=i18n.msg("cli.export.template"))
@click.argument("kind", type=click.Choice(KINDS))
@LANG
@click.option("--inputs", "inputs_path", type=click.Path(exists=True, path_type=Path),
              cls=TextOption, text=i18n.msg("cli.export.template_inputs"))
@click.option("--region", cls=TextOption, text=i18n.msg("cli.export.template_region"))
@OUTPUT
@_fail_cleanly
def export_template_cmd(kind: str, doc_lang: str | None, inputs_path: Path | None,
                        region: str | None, output: Path) -> None:
    """Write an import template; .xlsx or .csv by the output's name."""
    lang = doc_lang or cli_lang()
    rows = None
    if inputs_path or region:
        inputs = load_inputs(inputs_path, region)
        rows = templates.current_rows(kind, inputs, lang=lang)
    make = templates.template_csv if output.suffix.lower() == ".csv" else templates.template_xlsx
    output.write_bytes(make(kind, lang, rows))
    _wrote(output)


@export_group.command("scenario", cls=TextCommand, text=i18n.msg("cli.export.scenario"))
@INPUTS
@click.option("--region", cls=TextOption, text=i18n.msg("cli.option.inputs_region"))
@click.option("--name", default="", cls=TextOption, text=i18n.msg("cli.export.name"))
@click.option("--version", "version", type=int, default=1, show_default=True, cls=TextOption,
              text=i18n.msg("cli.export.version"))
@SOLVER
@OUTPUT
@_fail_cleanly
def export_scenario_cmd(inputs_path: Path | None, region: str | None, name: str, version: int,
                        solver: str, output: Path) -> None:
    """Solve a scenario's inputs and write the whole scenario as one JSON file."""
    inputs = load_inputs(inputs_path, region)
    problem = problem_from_inputs(inputs)
    solution = AllocationModel.from_problem_input(problem).solve(solver)
    meta = exports.PlanMetadata(name or inputs.region or "Latvija", version)
    output.write_bytes(scenario_bundle(exports.Plan(inputs, solution, meta), problem))
    click.echo("\n".join(solution_lines(solution, problem, cli_lang())))
    _wrote(output)


def _document(kind: str, text: i18n.Text) -> None:
    @export_group.command(kind, cls=TextCommand, text=text)
    @click.argument("scenario", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @LANG
    @PUBLIC
    @click.option("--consultation", type=click.Path(exists=True, path_type=Path),
                  cls=TextOption, text=i18n.msg("cli.export.consultation"))
    @OUTPUT
    @_fail_cleanly
    def command(scenario: Path, doc_lang: str | None, public: bool, consultation: Path | None,
                output: Path) -> None:
        lang = doc_lang or cli_lang()
        plan = read_bundle(scenario.read_bytes(), scenario.name).plan
        if public:
            m = plan.metadata
            plan = public_plan(plan.result(), plan.catalogue, meta={
                "scenario": m.scenario, "version": m.version, "status": m.status})
        comments = json.loads(consultation.read_text("utf-8")) if consultation else None
        report = plan_docx if output.suffix.lower() == ".docx" else plan_report
        writers = {
            "workbook": lambda: exports.plan_workbook(plan, lang=lang),
            "csv": lambda: exports.plan_csv_zip(plan, lang=lang),
            "geojson": lambda: exports.allocations_geojson(plan, lang=lang).encode(),
            "geopackage": lambda: exports.plan_geopackage(plan, lang=lang),
            "report": lambda: report(plan, lang=lang, consultation=comments),
        }
        output.write_bytes(writers[kind]())
        _wrote(output)


_document("workbook", i18n.msg("cli.export.workbook"))
_document("csv", i18n.msg("cli.export.csv"))
_document("geojson", i18n.msg("cli.export.geojson"))
_document("geopackage", i18n.msg("cli.export.geopackage"))
_document("report", i18n.msg("cli.export.report"))
