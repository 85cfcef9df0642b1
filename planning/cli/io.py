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
from planning.domain.errors import InputError
from planning.domain.inputs import ScenarioInputs, default_inputs
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.public_plan import public_plan
from planning.io import exports, templates
from planning.io.boundaries import read_boundaries
from planning.io.bundle import read_bundle, scenario_bundle
from planning.io.imports import KINDS, import_table
from planning.io.report import plan_report

LANG = click.option("--lang", type=click.Choice(["lv", "en"]), default="lv", show_default=True)
PUBLIC = click.option("--public", is_flag=True, help="Suppress counts 1-4 as '<5'.")
OUTPUT = click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
                      required=True)


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
            raise click.ClickException(exc.describe()) from exc
    return wrapper


@click.group("import")
def import_group() -> None:
    """Validate and import needs, norms, reference data, boundaries and scenarios."""


@import_group.command("table")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--inputs", "inputs_path", type=click.Path(exists=True, path_type=Path),
              help="The scenario's inputs (JSON); default: the embedded data of --region.")
@click.option("--region", help="Planning region of the default inputs.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the new inputs (JSON) or the validated table (CSV); "
                   "without it the file is only checked.")
@_fail_cleanly
def import_table_cmd(kind: str, file: Path, inputs_path: Path | None, region: str | None,
                     output: Path | None) -> None:
    """Check FILE (CSV or XLSX) as KIND, show what it changes, optionally write the result."""
    inputs = load_inputs(inputs_path, region)
    result = import_table(file.read_bytes(), file.name, kind, inputs=inputs)
    click.echo(f"{file.name}: valid. {result.preview.summary()}")
    for line in result.report.lines():
        click.echo(f"  {line}")
    if output is None:
        return
    if result.inputs is not None:
        output.write_text(result.inputs.to_json(), encoding="utf-8")
    else:
        output.write_bytes(result.frame.to_csv(index=False).encode("utf-8"))
    click.echo(f"wrote {output}")


@import_group.command("boundaries")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--division", type=click.Choice(["2025", "2021"]), default="2025",
              show_default=True)
@click.option("--crs", "assume_crs", help="CRS of a file that declares none, e.g. EPSG:3059.")
@click.option("--repair", is_flag=True, help="Repair invalid geometry (make_valid), reported.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the matched boundaries as GeoJSON (EPSG:4326).")
@_fail_cleanly
def import_boundaries_cmd(file: Path, division: str, assume_crs: str | None, repair: bool,
                          output: Path | None) -> None:
    """Check a GeoJSON, GeoPackage or zipped Shapefile of municipal boundaries."""
    result = read_boundaries(file.read_bytes(), file.name, division, assume_crs=assume_crs,
                             repair=repair)
    for line in result.lines():
        click.echo(line)
    if output is not None:
        output.write_text(result.boundaries.to_json(drop_id=True), encoding="utf-8")
        click.echo(f"wrote {output}")


@import_group.command("scenario")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--solve", is_flag=True, help="Re-solve and compare with the file's results.")
@click.option("--solver", type=click.Choice(["highs", "cbc"]), default="highs")
@_fail_cleanly
def import_scenario_cmd(file: Path, solve: bool, solver: str) -> None:
    """Check a whole-scenario file; with --solve, check that it gives the same results."""
    bundle = read_bundle(file.read_bytes(), file.name)
    meta = bundle.plan.metadata
    click.echo(f"{meta.scenario} v{meta.version} ({meta.status}): valid")
    for note in bundle.notes:
        click.echo(f"  note: {note}")
    if solve:
        again = AllocationModel.from_problem_input(bundle.problem).solve(solver)
        differences = solution_differences(bundle.plan.solution, again)
        if differences:
            raise click.ClickException("different results: " + "; ".join(differences))
        click.echo("re-solved: the same results")


def solution_differences(a: Solution, b: Solution) -> list[str]:
    """Tables and totals that differ (run time and solver stages aside)."""
    da, db = a.to_dict(), b.to_dict()
    return [key for key in da if key not in ("seconds", "stages", "solver") and da[key] != db[key]]


@click.group("export")
def export_group() -> None:
    """Templates, the plan workbook, CSV, GeoJSON, the PDF report and whole scenarios."""


@export_group.command("template")
@click.argument("kind", type=click.Choice(KINDS))
@LANG
@click.option("--inputs", "inputs_path", type=click.Path(exists=True, path_type=Path),
              help="Fill the template with this scenario's rows (JSON).")
@click.option("--region", help="Fill it with the embedded data of this planning region.")
@OUTPUT
@_fail_cleanly
def export_template_cmd(kind: str, lang: str, inputs_path: Path | None, region: str | None,
                        output: Path) -> None:
    """Write an import template; .xlsx or .csv by the output's name."""
    rows = None
    if inputs_path or region:
        inputs = load_inputs(inputs_path, region)
        rows = templates.current_rows(kind, inputs, lang=lang)
    make = templates.template_csv if output.suffix.lower() == ".csv" else templates.template_xlsx
    output.write_bytes(make(kind, lang, rows))
    click.echo(f"wrote {output}")


@export_group.command("scenario")
@click.option("--inputs", "inputs_path", type=click.Path(exists=True, path_type=Path))
@click.option("--region", help="Use the embedded data of this planning region.")
@click.option("--name", default="", help="Scenario name (default: the region).")
@click.option("--version", "version", type=int, default=1, show_default=True)
@click.option("--solver", type=click.Choice(["highs", "cbc"]), default="highs")
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
    click.echo(solution.summary())
    click.echo(f"wrote {output}")


def _document(kind: str, help_text: str) -> None:
    @export_group.command(kind, help=help_text)
    @click.argument("scenario", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    @LANG
    @PUBLIC
    @click.option("--consultation", type=click.Path(exists=True, path_type=Path),
                  help="Report only: comments as a JSON list of {organisation, text, answer}.")
    @OUTPUT
    @_fail_cleanly
    def command(scenario: Path, lang: str, public: bool, consultation: Path | None,
                output: Path) -> None:
        plan = read_bundle(scenario.read_bytes(), scenario.name).plan
        if public:
            m = plan.metadata
            plan = public_plan(plan.result(), plan.catalogue, meta={
                "scenario": m.scenario, "version": m.version, "status": m.status})
        comments = json.loads(consultation.read_text("utf-8")) if consultation else None
        writers = {
            "workbook": lambda: exports.plan_workbook(plan, lang=lang),
            "csv": lambda: exports.plan_csv_zip(plan, lang=lang),
            "geojson": lambda: exports.allocations_geojson(plan).encode(),
            "report": lambda: plan_report(plan, lang=lang, consultation=comments),
        }
        output.write_bytes(writers[kind]())
        click.echo(f"wrote {output}")


_document("workbook", "The plan workbook (XLSX) of a scenario file.")
_document("csv", "Every plan table as CSV, in one ZIP.")
_document("geojson", "New places per municipality as GeoJSON points (EPSG:4326).")
_document("report", "The regional DI plan report (PDF).")
