"""The files a plan is downloaded as, in the order offered: the tables (XLSX, zipped CSV),
the map layers (GeoJSON, GeoPackage), the report (PDF, DOCX). Each file is made only when
asked for (``make``), so a page can offer them all without building any."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planning.domain.public_plan import PublicPlan
from planning.io import exports, outline, report, report_docx


@dataclass(frozen=True)
class PlanFile:
    ext: str
    mime: str
    make: Callable[[], bytes | str]  # GeoJSON is text


def file_stem(name: str, number: int) -> str:
    """A plan file's name without extension: the scenario and its version, no spaces."""
    return f"{name}_v{number}".replace(" ", "_")


def plan_files(doc: exports.Plan | PublicPlan, *, lang: str, style: str,
               consultation: outline.Comments = None) -> list[PlanFile]:
    """Every file of ``doc`` in ``lang``; CSV in ``style`` (:data:`exports.CSV_STYLES`), the
    reports with the ``consultation`` record."""
    return [
        PlanFile("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 lambda: exports.plan_workbook(doc, lang=lang)),
        PlanFile("zip", "application/zip",
                 lambda: exports.plan_csv_zip(doc, lang=lang, style=style)),
        PlanFile("geojson", "application/geo+json",
                 lambda: exports.allocations_geojson(doc, lang=lang)),
        PlanFile("gpkg", "application/geopackage+sqlite3",
                 lambda: exports.plan_geopackage(doc, lang=lang)),
        PlanFile("pdf", "application/pdf",
                 lambda: report.plan_report(doc, lang=lang, consultation=consultation)),
        PlanFile("docx",
                 "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 lambda: report_docx.plan_docx(doc, lang=lang, consultation=consultation)),
    ]
