"""planning.io.plan_files: every download of a plan, in order, made only when asked for."""

from __future__ import annotations

import io
import zipfile

from planning.domain.public_plan import public_plan
from planning.domain.results import ScenarioResult
from planning.io import plan_files


def test_file_stem_names_scenario_and_version_without_spaces() -> None:
    assert plan_files.file_stem("Kurzeme budžets −70 %", 4) == "Kurzeme_budžets_−70_%_v4"


def test_every_file_in_the_order_offered_each_made_on_request(tight_plan) -> None:
    files = plan_files.plan_files(tight_plan, lang="en", style="standard")
    assert [f.ext for f in files] == ["xlsx", "zip", "geojson", "gpkg", "pdf", "docx"]
    assert [f.mime for f in files][:2] == [
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"]
    by_ext = {f.ext: f for f in files}
    assert by_ext["xlsx"].make()[:2] == b"PK"
    with zipfile.ZipFile(io.BytesIO(by_ext["zip"].make())) as csvs:
        first = csvs.read(csvs.namelist()[0]).decode("utf-8-sig")
    assert "," in first.splitlines()[0] and ";" not in first.splitlines()[0]  # the style asked
    assert '"FeatureCollection"' in by_ext["geojson"].make()
    assert by_ext["pdf"].make()[:5] == b"%PDF-"


def test_a_public_view_gives_the_same_files(tight_plan) -> None:
    view = public_plan(ScenarioResult("K", tight_plan.inputs, tight_plan.solution))
    assert [f.ext for f in plan_files.plan_files(view, lang="lv", style="excel_lv")] == [
        "xlsx", "zip", "geojson", "gpkg", "pdf", "docx"]
