"""The plan leaves the platform: workbook (XLSX), CSV tables, GeoJSON of allocations.

:func:`plan_tables` computes every table once (via ``planning.domain.results``); the writers only
lay them out. What the public may download is built from a
:class:`planning.domain.public_plan.PublicPlan` only (:func:`public_tables`): every writer
takes either a :class:`Plan` (for those who may see details) or a ``PublicPlan``, so a public
file can hold nothing the protected view does not. Headers are Latvian by default
(``lang="en"`` for English); tables keep their ids (``places``, ``budget``...) as sheet and
file names in the chosen language.

Every table goes through :func:`tidy` first: counts of persons, clients and places are whole
numbers (a solver's 215.999969 clients is 216), staff and km have one decimal, euros none,
so a file shows what the plan means, not the solver's floating noise.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import tempfile
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from optimizer.errors import OptimizerError
from optimizer.solution import Solution
from planning import i18n
from planning.domain import geo, results, sites
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.config import local_today
from planning.domain.errors import PlanningError
from planning.domain.inputs import ScenarioInputs
from planning.domain.phasing import phase_plan
from planning.domain.privacy import COUNT_COLUMNS, SMALL, WITHHELD
from planning.domain.public_plan import PublicPlan
from planning.io import inert, map_images
from planning.io.preview import norms_frame
from planning.views import home_tables, phasing_tables, site_views
from planning.views import plan_tables as views

# The rows of the summary sheet, in order: figures of the plan as a whole.
TOTALS = ("need_persons", "served_persons", "unserved_persons", "need_clients",
          "served_clients", "unmet_clients", "new_places", "new_facilities", "investment_eur",
          "erdf_eur", "cofinancing_eur", "running_eur_per_year", "staff", "mentors",
          "mean_km_per_client", "centres")
MONEY = "#,##0"
COUNT = "#,##0"
DECIMAL = "#,##0.0"
SHARE = "0%"
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TOTAL_FILL = PatternFill("solid", fgColor="E7EEF6")
THIN = Side(style="thin", color="B7C4D3")
TOTALLED = ("persons", "packages", "places", "services", "municipalities", "budget", "unmet")
NOT_SUMMED = ("cofinancing_share", "investment_share_used", "coverage")
SHARES = NOT_SUMMED
# Within this of a whole number a count is that number: the solver's tolerances (1e-5 per
# flow, optimizer.solution.UNMET_EPS) add up over the flows a municipality's sum holds.
WHOLE_TOL = 1e-3
COUNTS = COUNT_COLUMNS | {"new_facilities", "mentors", "moved_to_community",
                          "net_places_left", "admissions_per_year"}
ONE_DECIMAL = ("staff", "mean_km_per_client", "caseload", "hours_per_month", "available",
               "left", "fte")
# Quantities are formatted cell by cell, whole numbers without decimals (a fixed "#,##0.##"
# shows "510," in Excel): counts and staff have at most one decimal, a norm's value three.
QUANTITY_FORMATS = {"quantity": DECIMAL, "value": "#,##0.0##"}


@dataclass(frozen=True)
class PlanMetadata:
    """What identifies a plan document: scenario, version, status, who and when."""

    scenario: str
    version: int = 1
    status: str = "draft"
    author: str = ""
    exported: str = field(default_factory=lambda: local_today().isoformat())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Plan:
    """A scenario's inputs, its solution and metadata: everything an export needs."""

    inputs: ScenarioInputs
    solution: Solution
    metadata: PlanMetadata
    catalogue: Catalogue = field(default_factory=load_catalogue)

    def result(self) -> results.ScenarioResult:
        return results.ScenarioResult(self.metadata.scenario, self.inputs, self.solution)


# ---------------------------------------------------------------- tidy numbers
YEARS = frozenset({"year", "start_year", "open_year", "closure_year", "takeover_year"})
"""Columns of calendar years: printed as 2028, never as a quantity (2 028)."""


def tidy_value(column: str, value: object) -> object:
    """``value`` as the file shows it in ``column``: a count whole (within
    :data:`WHOLE_TOL`) or to one decimal, staff and km to one decimal, euros whole.

    >>> tidy_value("served", 215.999969), tidy_value("staff", 40.2125)
    (216, 40.2)
    >>> tidy_value("investment_eur", 1995206.117647059), tidy_value("unmet", 2.5)
    (1995206, 2.5)
    """
    if not _is_number(value) or pd.isna(value):
        return value
    number = float(value)
    if column.endswith("_eur") or column.endswith("_per_year"):
        return int(round(number))
    if column in SHARES:
        return round(number, 4)
    if column in ONE_DECIMAL:
        return _whole_or(round(number, 1))
    if column in COUNTS:
        whole = round(number)
        return int(whole) if abs(number - whole) < WHOLE_TOL else round(number, 1)
    return value


def _whole_or(number: float) -> float | int:
    return int(number) if number.is_integer() else number


def tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Every numeric cell of ``frame`` through :func:`tidy_value` of its column; the
    summary's ``value`` column through the row's own figure (``key``)."""
    out = frame.copy()
    for col in out.columns:
        if (col in COUNTS or col in ONE_DECIMAL or col in SHARES
                or col.endswith(("_eur", "_per_year"))):
            out[col] = pd.Series([tidy_value(col, v) for v in out[col]], index=out.index,
                                 dtype=object)
    return out


def _summary_rows(totals: dict[str, Any], lang: str) -> pd.DataFrame:
    rows = [(i18n.t(f"total.{k}", lang), tidy_value(k, totals.get(k)))
            for k in TOTALS if k in totals]
    return pd.DataFrame(rows, columns=["item", "value"])


# ---------------------------------------------------------------- tables
def plan_tables(plan: Plan | PublicPlan, *, lang: str = "lv", years: bool = True
                ) -> dict[str, pd.DataFrame]:
    """Every exported table by id, with column ids (not labels): all of them for a
    :class:`Plan`, the protected ones (:func:`public_tables`) for a ``PublicPlan``.
    ``years``: with the plan by year over the scenario's years (:func:`by_year_tables`)."""
    if isinstance(plan, PublicPlan):
        return public_tables(plan, lang=lang)
    cat = plan.inputs.catalogue(plan.catalogue)
    result = plan.result()
    tables = {
        "summary": _summary_rows({k: plan.solution.totals.get(k) for k in TOTALS}, lang),
        "persons": views.persons_class_frame(result, cat, lang),
        "packages": views.persons_package_frame(result, cat, lang),
        "places": _places(plan, cat, lang),
        "services": views.facilities_frame(result, cat, lang),
        "municipalities": _municipalities(plan, lang),
        "budget": _budget(plan, lang),
        "unmet": _unmet(plan, cat, lang),
        "institutions": views.institutions_frame(result, lang),
        "needs": _needs(plan, cat, lang),
        "norms": _norms(plan, cat, lang),
        "scenario": _scenario(plan, lang, False),
        **({"sites": site_views.built_table(plan.inputs, plan.solution.sites, cat, lang)}
           if plan.inputs.candidate_sites else {}),
        **(by_year_tables(plan, cat, lang) if years else {}),
        **home_sheets(result, cat, lang),
    }
    centres = views.centres_frame(result, cat, lang)
    if not centres.empty:  # after the facilities per service
        at = list(tables).index("services") + 1
        items = list(tables.items())
        items[at:at] = [("centres", centres),
                        ("centre_units", views.centre_units_frame(result, cat, lang))]
        tables = dict(items)
    return {name: tidy(frame) for name, frame in tables.items()}


def home_sheets(result: results.ScenarioResult, catalogue: Catalogue, lang: str
                ) -> dict[str, pd.DataFrame]:
    """Home-based support (staff, hours, caseload; staff used against available; housing
    adaptations) where the plan has any; never in a public file (its clients are counts
    of persons, and hours and caseloads reveal them)."""
    if not home_tables.has_home(result.solution):
        return {}
    out = {"home": home_tables.home_frame(result, catalogue, lang),
           "staff_use": home_tables.staff_use_frame(result, catalogue, lang)}
    adapted = home_tables.adaptations_frame(result, catalogue, lang)
    return {**out, "adaptations": adapted} if not adapted.empty else out


def by_year_tables(plan: Plan, catalogue: Catalogue, lang: str) -> dict[str, pd.DataFrame]:
    """The plan by year, its facilities by opening year and what each municipality takes
    over when project funding of the running cost ends, over the scenario's years;
    none when the plan builds nothing or its years cannot be used (the results page says
    why: a fixed closure the plan cannot make)."""
    if not (plan.solution.sites["new_places"] > 0).any():
        return {}
    horizon = plan.inputs.horizon()
    try:
        phased = phase_plan(plan.result(), horizon, catalogue=plan.catalogue)
    except (PlanningError, OptimizerError):
        return {}
    return {"years": phasing_tables.years_frame(phased, lang, horizon),
            "facilities_by_year": phasing_tables.projects_frame(
                phased, catalogue, plan.inputs.division, lang),
            "funding_cliff": phasing_tables.takeover_frame(phased, horizon,
                                                           plan.inputs.division, lang)}


def public_tables(plan: PublicPlan, *, lang: str = "lv",
                  catalogue: Catalogue | None = None) -> dict[str, pd.DataFrame]:
    """The tables of a public file: summary, places, facilities per service, municipalities,
    budget, unmet need by cause and the scenario's identity with the rules it followed,
    every figure as the ``PublicPlan`` shows it (no persons per class or package: see
    :mod:`planning.domain.public_plan`)."""
    cat = plan.with_services(catalogue or load_catalogue())
    names = _names(plan.division)
    summary = _summary_rows(plan.totals, lang)
    pl = plan.places
    places = pd.DataFrame({
        "atvk_code": pl["atvk_code"], "municipality": pl["atvk_code"].map(names),
        "region": _region_names(pl["atvk_code"].map(_regions(plan.division)), lang),
        "service": pl["service"].map(lambda s: cat.services[s].name(lang)),
        "new_places": pl["new_places"], "new_facilities": pl["new_facilities"],
        "in_centre": (pl["in_centre"] if "in_centre" in pl else pd.Series(False, pl.index)).map(
            lambda v: i18n.t("common.yes", lang) if v else "")})
    mu = plan.municipalities
    municipalities = pd.DataFrame({
        "atvk_code": mu["atvk_code"], "municipality": mu["atvk_code"].map(names),
        "region": _region_names(mu["region"], lang), **{c: mu[c] for c in (
            "need", "served", "unmet", "new_places", "new_facilities", "investment_eur",
            "erdf_eur", "cofinancing_eur")}})
    budget = plan.region_table[["region", "investment_budget_eur", "investment_eur",
                                "erdf_eur", "cofinancing_eur", "investment_share_used",
                                "running_eur_per_year", "running_budget_eur_per_year"]]
    budget = budget.assign(region=_region_names(budget["region"], lang))
    institutions = plan.institutions.assign(
        region=_region_names(plan.institutions["region"], lang),
        group=plan.institutions["group"].map(lambda g: i18n.t(f"group.short.{g}", lang)))
    unmet = plan.unmet_causes.assign(
        cause=plan.unmet_causes["cause"].map(lambda c: i18n.t_or(f"cause.{c}", lang, c)))
    m = plan.meta
    values = {"scenario": m.get("scenario", plan.label), "version": m.get("version", ""),
              "status": status_name(m.get("status", ""), lang),
              "region": i18n.region_name(plan.region, lang),
              "division": plan.division, "preset": _preset_name(m.get("preset", ""), cat, lang),
              "solver_status": _solver_status(m.get("solver_status", ""), lang),
              "exported": i18n.fmt_date(local_today(), lang),
              "public": i18n.t("common.yes", lang)}
    if plan.rules is not None:
        values = {**values, **rules_rows(plan.rules, cat, lang)}
    scenario = pd.DataFrame([(i18n.t(f"meta.{k}", lang), str(v))
                             for k, v in values.items()], columns=["item", "value"])
    tables = {"summary": summary,
              "places": places.sort_values(["region", "municipality", "service"],
                                           ignore_index=True),
              "services": _public_facilities(plan, cat, lang),
              "municipalities": municipalities.sort_values(["region", "municipality"],
                                                           ignore_index=True),
              "budget": budget, "unmet": unmet, "institutions": institutions,
              "scenario": scenario}
    return {name: tidy(frame) for name, frame in tables.items()}


def _public_facilities(plan: PublicPlan, cat: Catalogue, lang: str) -> pd.DataFrame:
    """New facilities per service: sums of the public places table's facilities, which are
    published whole (not counts of persons); no places per service (a sum the suppression
    does not protect)."""
    sums = plan.places.groupby("service", as_index=False)["new_facilities"].sum()
    sums = sums[sums["new_facilities"] > 0]
    return pd.DataFrame({"service": sums["service"].map(lambda s: cat.services[s].name(lang)),
                         "new_facilities": sums["new_facilities"].astype(int)}
                        ).reset_index(drop=True)


def _regions(division: str) -> pd.Series:
    return geo.municipalities(division).set_index("atvk_code")["planning_region"]


def _region_names(regions: pd.Series, lang: str) -> pd.Series:
    return regions.map(lambda r: i18n.region_name(r, lang))


def status_name(status: str, lang: str) -> str:
    """A version's status in ``lang`` (the code when the catalogue has no name)."""
    return i18n.t_or(f"plan.status.{status}", lang, status)


def _solver_status(status: str, lang: str) -> str:
    return i18n.t_or(f"run.status.{status}", lang, status)


def _preset_name(preset: str, catalogue: Catalogue, lang: str) -> str:
    found = catalogue.presets.get(preset)
    return preset if found is None else i18n.localized(found, lang)


def exported_date(iso: str, lang: str) -> str:
    """The export date of the metadata (ISO) in the reader's format."""
    try:
        return i18n.fmt_date(dt.date.fromisoformat(iso), lang)
    except ValueError:
        return iso


def title_of(plan: Plan | PublicPlan) -> str:
    """'Scenario, v2' of a file's title and footer."""
    if isinstance(plan, PublicPlan):
        return f"{plan.meta.get('scenario', plan.label)}, v{plan.meta.get('version', '')}"
    return f"{plan.metadata.scenario}, v{plan.metadata.version}"


def _names(division: str) -> pd.Series:
    return geo.municipalities(division).set_index("atvk_code")["name_lv"]


def _places(plan: Plan, cat: Catalogue, lang: str) -> pd.DataFrame:
    df = results.places_by_municipality_service(plan.result())
    out = pd.DataFrame({
        "atvk_code": df["atvk_code"], "municipality": df["name_lv"],
        "region": _region_names(df["planning_region"], lang),
        "service": df["service"].map(lambda s: cat.services[s].name(lang)),
    })
    for col in ("existing_places", *results.PLACE_COLUMNS):
        out[col] = df[col]
    return out.sort_values(["region", "municipality", "service"], ignore_index=True)


def _municipalities(plan: Plan, lang: str = "lv") -> pd.DataFrame:
    cols = ["municipality", "name", "region", "need", "served", "unmet", "new_places",
            "new_facilities", "investment_eur", "erdf_eur", "cofinancing_eur",
            "running_eur_per_year", "staff", "mentor_clients", "mentors"]
    df = plan.solution.municipalities[cols].rename(columns={"municipality": "atvk_code",
                                                            "name": "municipality"})
    df = df.assign(region=_region_names(df["region"], lang))
    return df.sort_values(["region", "municipality"], ignore_index=True)


def _budget(plan: Plan, lang: str) -> pd.DataFrame:
    use = results.budget_use(plan.result())
    quota = {r: b.erdf_quota_eur for r, b in plan.inputs.budgets.items()}
    share = {r: b.cofinancing_share for r, b in plan.inputs.budgets.items()}
    out = pd.DataFrame({
        "region": _region_names(use["region"], lang),
        "erdf_quota_eur": use["region"].map(quota),
        "cofinancing_share": use["region"].map(share),
        "investment_budget_eur": use["investment_budget_eur"],
        "investment_eur": use["investment_eur"],
        "erdf_eur": use["erdf_eur"],
        "cofinancing_eur": use["cofinancing_eur"],
        "investment_share_used": use["investment_share_used"],
        "running_eur_per_year": use["running_eur_per_year"],
        "running_budget_eur_per_year": use["running_budget_eur_per_year"],
    })
    return out


def _unmet(plan: Plan, cat: Catalogue, lang: str) -> pd.DataFrame:
    df = plan.solution.unmet
    names = _names(plan.inputs.division)
    return pd.DataFrame({
        "atvk_code": df["municipality"], "municipality": df["municipality"].map(names),
        "group": df["group"].map(lambda g: cat.groups[g].name(lang)),
        "service": df["service"].map(lambda s: home_tables.service_name(s, cat, lang)),
        "need": df["need"], "served": df["served"], "unmet": df["unmet"],
        "cause": df["cause"].map(lambda c: i18n.t_or(f"cause.{c}", lang, c)),
        "cause_detail": df["cause_detail"].map(lambda t: _ids_named(t, cat, lang)),
    })


def _ids_named(text: object, cat: Catalogue, lang: str) -> object:
    """The optimizer's explanation with the services and groups it names by id named in
    ``lang`` (its sentence stays as the optimizer writes it)."""
    if not isinstance(text, str):
        return text
    names = {**{g.id: g.name(lang) for g in cat.groups.values()},
             **{s.id: s.name(lang) for s in cat.services.values()},
             **{h.id: h.name(lang) for h in cat.home_services.values()}}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(names, key=len,
                                                                     reverse=True))) + r")\b")
    return pattern.sub(lambda m: names[m.group(1)], text)


def _needs(plan: Plan, cat: Catalogue, lang: str) -> pd.DataFrame:
    df = plan.inputs.needs_frame()
    names = _names(plan.inputs.division)
    return pd.DataFrame({
        "atvk_code": df["atvk_code"], "municipality": df["atvk_code"].map(names),
        "group": df["group"].map(lambda g: cat.groups[g].name(lang)),
        "care_level": df["care_level"],
        "service": df["service"].map(lambda s: cat.services[s].name(lang)),
        "count": df["count"],
    })


def _norms(plan: Plan, cat: Catalogue, lang: str) -> pd.DataFrame:
    df = norms_frame(plan.inputs, plan.catalogue)
    return df.assign(service=df["service"].map(lambda s: cat.services[s].name(lang)),
                     norm=df["norm"].map(lambda n: i18n.t_or(f"norm.{n}", lang, n)))


def _scenario(plan: Plan, lang: str, public: bool) -> pd.DataFrame:
    m, i, s = plan.metadata, plan.inputs, plan.solution
    values = {
        "scenario": m.scenario, "version": m.version, "status": status_name(m.status, lang),
        "region": i18n.region_name(i.region, lang),
        "division": i.division, "preset": _preset_name(i.preset, plan.catalogue, lang),
        "catalogue_version": exported_date(plan.catalogue.version, lang),  # a date: 25.11.2026.
        "cost_contingency": i18n.fmt_pct(i.cost_contingency, lang),
        **rules_rows(results.plan_rules(i, plan.catalogue), plan.catalogue, lang),
        "distances": sites.distance_label(i, plan.catalogue.distance.detour_factor, lang),
        "solver": f"{s.solver} ({s.method})", "solver_status": _solver_status(s.status, lang),
        "gap": "" if s.gap is None else i18n.fmt_pct(s.gap, lang, 2),
        "exported": exported_date(m.exported, lang),
        "public": i18n.t("common.yes", lang) if public else i18n.t("common.no", lang),
    }
    rows = [(i18n.t(f"meta.{k}", lang), str(v)) for k, v in values.items()]
    return pd.DataFrame(rows, columns=["item", "value"])


def rules_rows(rules: results.PlanRules, catalogue: Catalogue, lang: str) -> dict[str, str]:
    """The scenario sheet's rows on the rules the result followed."""
    return {"goal_order": views.goal_order_text(rules, lang),
            "priorities": views.priority_text(rules, catalogue, lang)}


def labelled(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table with its column ids replaced by headers in ``lang``."""
    return frame.rename(columns={c: i18n.column_label(c, lang) for c in frame})


# ---------------------------------------------------------------- CSV
@dataclass(frozen=True)
class CsvStyle:
    """How a CSV file separates fields and writes decimals.

    Excel opens a CSV by the computer's regional settings: with Latvian ones it expects ``;``
    between fields and a decimal comma, and a comma-separated file lands in one column.
    Both styles are UTF-8 with a byte-order mark, so Excel shows the Latvian letters.
    """

    name: str
    delimiter: str
    decimal: str


CSV_STYLES = {"excel_lv": CsvStyle("excel_lv", ";", ","),
              "standard": CsvStyle("standard", ",", ".")}


def default_csv_style(lang: str) -> str:
    """Latvian Excel's style for Latvian readers, the standard one for English."""
    return "excel_lv" if lang == "lv" else "standard"


def _csv_number(value: object, decimal: str) -> object:
    if isinstance(value, float) and not pd.isna(value) and not value.is_integer():
        return repr(value).replace(".", decimal)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def table_csv(frame: pd.DataFrame, lang: str = "lv", style: str | None = None) -> bytes:
    """One table as CSV in ``style`` (:data:`CSV_STYLES`; by default
    :func:`default_csv_style` of ``lang``), text cells inert (:mod:`planning.io.inert`)."""
    chosen = CSV_STYLES[style or default_csv_style(lang)]
    safe = inert.csv_frame(labelled(frame, lang))
    cells = safe.astype(object).map(lambda v: _csv_number(_cell(v), chosen.decimal))
    return cells.to_csv(index=False, sep=chosen.delimiter,
                        lineterminator="\n").encode("utf-8-sig")


def plan_csv_zip(plan: Plan | PublicPlan, *, lang: str = "lv", style: str | None = None
                 ) -> bytes:
    """A ZIP of every table as CSV, one file per table, in ``style`` (see :func:`table_csv`)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, frame in plan_tables(plan, lang=lang).items():
            zf.writestr(f"{name}.csv", table_csv(frame, lang, style))
    return buf.getvalue()


# ---------------------------------------------------------------- XLSX
def plan_workbook(plan: Plan | PublicPlan, *, lang: str = "lv") -> bytes:
    """The plan workbook: one formatted sheet per table, ready to read and print."""
    book = Workbook()
    book.remove(book.active)
    title = title_of(plan)
    public = isinstance(plan, PublicPlan)
    for name, frame in plan_tables(plan, lang=lang).items():
        sheet = i18n.t(f"sheet.{name}", lang)
        ws = book.create_sheet(sheet[:31])
        write_sheet(ws, frame, lang, f"{sheet} — {title}",
                    total=name in TOTALLED, public=public)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def write_sheet(ws: Worksheet, frame: pd.DataFrame, lang: str, title: str,
                total: bool, public: bool) -> None:
    """One table (column ids, tidied) on ``ws`` as every workbook of the platform lays it
    out: a title row, headers in ``lang``, text cells inert, number formats by column id, a
    total row if ``total``, filter, frozen headers and A4 landscape print setup."""
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append(list(labelled(frame, lang).columns))
    inert.as_text([ws["A1"], *ws[2]])
    for cell in ws[2]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in frame.itertuples(index=False):
        ws.append([_cell(v) for v in row])
        inert.as_text(ws[ws.max_row])
    if total and len(frame):
        _total_row(ws, frame, lang, public)
    _format_columns(ws, frame)
    ws.auto_filter.ref = f"A2:{get_column_letter(max(len(frame.columns), 1))}{len(frame) + 2}"
    ws.freeze_panes = "A3"
    ws.print_title_rows = "1:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = title.replace("&", "&&") + " — &P / &N"
    ws.oddFooter.center.size = 8


def _cell(value: object) -> object:
    if isinstance(value, float) and pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value


def _total_row(ws: Worksheet, frame: pd.DataFrame, lang: str, public: bool) -> None:
    """Sums of numeric columns; a column with suppressed cells gets no total (differencing)."""
    row: list[object] = [i18n.t("common.total", lang)]
    for col in frame.columns[1:]:
        values = frame[col]
        if col in NOT_SUMMED or not values.map(_is_number).all():
            row.append(None)
            continue
        row.append(values.sum())
    ws.append([_cell(v) for v in row])
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.fill = TOTAL_FILL
        cell.border = Border(top=THIN)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _format_columns(ws: Worksheet, frame: pd.DataFrame) -> None:
    for i, col in enumerate(frame.columns, start=1):
        letter = get_column_letter(i)
        fmt = _number_format(col)
        for cell in ws[letter][2:]:
            if fmt:
                cell.number_format = _cell_format(fmt, cell.value)
            if cell.value in (SMALL, WITHHELD):
                cell.alignment = Alignment(horizontal="right")
        longest = max([len(str(c.value or "")) for c in ws[letter][1:]] + [8])
        ws.column_dimensions[letter].width = min(longest + 2, 60 if col.endswith("detail")
                                                 or col == "source" else 40)
        if col in ("cause_detail", "source"):
            for cell in ws[letter][2:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")


def _cell_format(fmt: str, value: object) -> str:
    """A quantity's format by its cell: whole numbers with no decimals."""
    if fmt not in QUANTITY_FORMATS:
        return fmt
    whole = not _is_number(value) or float(value).is_integer()
    return COUNT if whole else QUANTITY_FORMATS[fmt]


def _number_format(col: str) -> str | None:
    if col.endswith("_eur") or col.endswith("_per_year"):
        return MONEY
    if col in SHARES:
        return SHARE
    if col == "value":
        return "value"
    if col in COUNTS or col in ONE_DECIMAL:
        return "quantity"
    return None


# ---------------------------------------------------------------- GeoJSON, GeoPackage
# Exported polygons are Natural Earth's (public domain) by default: a downloaded file may be
# passed on, and the amCharts boundaries the maps draw must not be published as a dataset
# (data/SOURCES.md). Imported official boundaries can be passed instead.
EXPORT_BOUNDARIES = "naturalearth"
GEO_CRS = "EPSG:4326"


def _plan_division(plan: Plan | PublicPlan) -> str:
    return plan.division if isinstance(plan, PublicPlan) else plan.inputs.division


def _plan_meta(plan: Plan | PublicPlan) -> dict[str, Any]:
    public = isinstance(plan, PublicPlan)
    meta = dict(plan.meta) if public else plan.metadata.to_dict()
    return {**meta, "public": public}


def municipality_layer(plan: Plan | PublicPlan, *, lang: str = "lv",
                       polygons: gpd.GeoDataFrame | None = None,
                       source: str = EXPORT_BOUNDARIES) -> gpd.GeoDataFrame:
    """The plan's municipalities as polygons (EPSG:4326) with its figures per municipality
    and new places per service (``new_places_<service id>``), tidied like every table.

    A ``PublicPlan`` gives its protected figures only. ``polygons`` (columns ``atvk_code``
    and geometry, any CRS, e.g. imported official boundaries) replace the embedded ones.
    """
    division = _plan_division(plan)
    munis = plan_tables(plan, lang=lang, years=False)["municipalities"]
    sites = _site_places(plan)
    props = munis.copy()
    for sid, rows in sites.groupby("service", sort=False):
        by_code = dict(zip(rows["atvk_code"], rows["new_places"], strict=True))
        props[f"new_places_{sid}"] = props["atvk_code"].map(lambda c, b=by_code: b.get(c, 0))
    if polygons is None:
        polygons = geo.boundaries(division, source)
    shapes = polygons[["atvk_code", "geometry"]].to_crs(GEO_CRS)
    shapes = shapes.assign(geometry=shapes.geometry.make_valid())
    return gpd.GeoDataFrame(shapes.merge(props, on="atvk_code", how="inner"),
                            geometry="geometry", crs=GEO_CRS)


def _site_places(plan: Plan | PublicPlan) -> pd.DataFrame:
    """New places and facilities per municipality and service id, tidied (a public plan's
    as it publishes them)."""
    if isinstance(plan, PublicPlan):
        raw = plan.places
    else:
        raw = plan.solution.sites.rename(columns={"municipality": "atvk_code"})
    return tidy(raw[["atvk_code", "service", "new_places", "new_facilities"]])


def sites_layer(plan: Plan | PublicPlan, *, lang: str = "lv") -> gpd.GeoDataFrame:
    """New places and facilities per municipality and service at the municipality's site
    point (where the model puts new services), EPSG:4326, service names in ``lang``."""
    cat = load_catalogue() if isinstance(plan, PublicPlan) else plan.inputs.catalogue(
        plan.catalogue)
    sites = _site_places(plan)
    sites = sites[(sites["new_places"] != 0) | (sites["new_facilities"] != 0)]
    names = _names(_plan_division(plan))
    table = pd.DataFrame({
        "atvk_code": sites["atvk_code"], "municipality": sites["atvk_code"].map(names),
        "service_id": sites["service"],
        "service": sites["service"].map(lambda s: cat.services[s].name(lang)
                                        if s in cat.services else s),
        "new_places": sites["new_places"], "new_facilities": sites["new_facilities"]})
    pts = geo.site_points(_plan_division(plan))
    points = gpd.GeoDataFrame(pts[["atvk_code"]], crs=GEO_CRS,
                              geometry=gpd.points_from_xy(pts["lon"], pts["lat"]))
    return gpd.GeoDataFrame(points.merge(table, on="atvk_code", how="inner"),
                            geometry="geometry", crs=GEO_CRS)


def allocations_geojson(plan: Plan | PublicPlan, *, lang: str = "lv",
                        polygons: gpd.GeoDataFrame | None = None,
                        source: str = EXPORT_BOUNDARIES) -> str:
    """The plan's municipalities (:func:`municipality_layer`) as GeoJSON polygons, with the
    plan's metadata, the CRS and the boundaries' attribution under ``metadata``."""
    layer = municipality_layer(plan, lang=lang, polygons=polygons, source=source)
    data = json.loads(layer.to_json(drop_id=True))
    data["metadata"] = {**_plan_meta(plan), "crs": GEO_CRS,
                        "boundaries": _boundary_note(polygons, source)}
    return json.dumps(data, ensure_ascii=False)


def _boundary_note(polygons: gpd.GeoDataFrame | None, source: str) -> str:
    if polygons is not None:
        return "imported boundaries"
    return map_images.attribution(source)


def plan_geopackage(plan: Plan | PublicPlan, *, lang: str = "lv",
                    polygons: gpd.GeoDataFrame | None = None,
                    source: str = EXPORT_BOUNDARIES) -> bytes:
    """A GeoPackage for QGIS: layers ``municipalities`` (polygons with the plan's figures),
    ``sites`` (points with places per service) and ``metadata`` (no geometry: the scenario
    and the boundaries' source), all in EPSG:4326. Field names are the column ids."""
    about = plan_tables(plan, lang=lang, years=False)["scenario"]
    about = pd.concat([about, pd.DataFrame(
        [(i18n.t("meta.boundaries", lang), _boundary_note(polygons, source)),
         ("CRS", GEO_CRS)], columns=["item", "value"])], ignore_index=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.gpkg"
        for name, layer in (("municipalities", municipality_layer(
                plan, lang=lang, polygons=polygons, source=source)),
                            ("sites", sites_layer(plan, lang=lang))):
            _gpkg_safe(layer).to_file(path, layer=name, driver="GPKG", engine="pyogrio")
        pyogrio.write_dataframe(about, path, layer="metadata", driver="GPKG")
        return path.read_bytes()


def _gpkg_safe(layer: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Columns of mixed numbers and suppressed text ("<5", "…") as text, numbers as numbers."""
    out = layer.copy()
    for col in out.columns.drop("geometry"):
        values = out[col]
        if values.dtype == object:
            if values.map(lambda v: isinstance(v, str)).any():
                out[col] = values.map(lambda v: None if v is None else str(v))
            else:
                out[col] = pd.to_numeric(values)
    return out
