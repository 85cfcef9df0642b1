"""A robust plan as a workbook a planning region files: its facilities, its figures across the
need scenarios, each scenario, and what it was computed from ("Par").

Laid out by the plan workbook's writer (:func:`planning.io.exports.write_sheet`): a title row,
headers in the reader's language from the catalogue, numbers tidied (whole persons and euros,
no solver noise), and every text cell stored as text, so a scenario named
``=HYPERLINK(...)`` reads as typed and never runs (:mod:`planning.io.inert`).

The same file comes from the Jutīgums page (a stored run) and from ``di-plan robust --xlsx``
(a run of the command line): both pass a :class:`planning.store.sweeps.RobustView`.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openpyxl import Workbook

from optimizer.problem import ProblemInput
from planning import i18n
from planning.domain.catalogue import Catalogue
from planning.domain.config import local_today
from planning.io.exports import exported_date, write_sheet
from planning.store.sweeps import RobustView
from planning.views.reference_views import municipality_names
from planning.views.sweep_tables import frequency

SHEETS = ("robust_facilities", "robust_summary", "robust_draws", "robust_about")


@dataclass(frozen=True)
class RobustNames:
    """How the workbook names what the result holds by code: the scenario (as its author
    typed it), municipalities, their planning regions and services (by code; a code without a
    name is shown as is)."""

    scenario: str
    region: str | None = None
    municipalities: Mapping[str, str] = field(default_factory=dict)
    regions: Mapping[str, str] = field(default_factory=dict)
    services: Mapping[str, str] = field(default_factory=dict)
    exported: str = field(default_factory=lambda: local_today().isoformat())


def division_names(scenario: str, region: str | None, division: str, catalogue: Catalogue,
                   lang: str) -> RobustNames:
    """Names for a run of a stored scenario: the division's municipalities and regions, the
    catalogue's services."""
    facts = municipality_names(division, lang)
    return RobustNames(scenario, region,
                       dict(zip(facts["atvk_code"], facts["municipality"], strict=True)),
                       dict(zip(facts["atvk_code"], facts["planning_region"], strict=True)),
                       {s: v.name(lang) for s, v in catalogue.services.items()})


def problem_names(pi: ProblemInput, region: str | None, catalogue: Catalogue,
                  lang: str) -> RobustNames:
    """Names for a run of the command line: the instance's own municipalities and regions,
    the catalogue's service names where it has the service, else the instance's."""
    return RobustNames(pi.name, region, {m.code: m.name for m in pi.municipalities},
                       {m.code: m.region for m in pi.municipalities},
                       {s.id: catalogue.services[s.id].name(lang) if s.id in catalogue.services
                        else s.name for s in pi.services})


def _persons(value: object) -> object:
    """Persons to one decimal, whole without decimals (a mean of draws may be 12.5)."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    number = round(float(value), 1)
    return int(number) if number.is_integer() else number


def _region(code: str | None, lang: str) -> str:
    if not code:
        return i18n.region_name(None, lang)
    return i18n.t_or(f"region.{code}", lang, code)


def facilities_table(run: RobustView, names: RobustNames, lang: str) -> pd.DataFrame:
    """Per (municipality, service) that the robust plan or a scenario's optimum builds: the
    plan's new places and facilities, and in how many of the scenarios' own optima (and what
    share, whole per cent) it is built; most often built first, as on the page."""
    result = run.result or {}
    rows = frequency(run)
    facilities = {(m, s): f for m, s, _p, f in result.get("chosen", {}).get("sites", [])}
    solved = int(result.get("optima", 0))
    return pd.DataFrame({
        "atvk_code": rows["municipality"],
        "municipality": [names.municipalities.get(m, m) for m in rows["municipality"]],
        "region": [_region(names.regions.get(m), lang) for m in rows["municipality"]],
        "service": [names.services.get(s, s) for s in rows["service"]],
        "new_places": [int(round(v)) for v in rows["places"]],
        "new_facilities": [int(facilities.get(k, 0))
                           for k in zip(rows["municipality"], rows["service"], strict=True)],
        "robust_built": [int(round(v * solved)) for v in rows["share"]],
        "robust_share": [int(round(100 * v)) for v in rows["share"]],
    })


def draws_table(run: RobustView) -> pd.DataFrame:
    """The robust plan in each need scenario: the scenario's need, persons the plan serves
    and leaves unserved, what the scenario's own best plan leaves unserved, and the regret
    (the difference). Empty for a run stored before the draws were kept."""
    draws = (run.result or {}).get("draws", [])
    rows = []
    for k, d in enumerate(draws, start=1):
        served, unserved, regret = d.get("served"), d.get("unserved"), d.get("regret")
        need = None if served is None or unserved is None else served + unserved
        best = None if unserved is None or regret is None else unserved - regret
        rows.append({"robust_draw": k, "need_persons": _persons(need),
                     "served_persons": _persons(served), "unserved_persons": _persons(unserved),
                     "robust_best_unserved": _persons(best), "robust_regret": _persons(regret)})
    return pd.DataFrame(rows, columns=["robust_draw", "need_persons", "served_persons",
                                       "unserved_persons", "robust_best_unserved",
                                       "robust_regret"])


def summary_table(run: RobustView, lang: str) -> pd.DataFrame:
    """The plan's figures across the scenarios: persons served (least, mean, most where the
    run kept each scenario), unserved (mean and worst), the largest regret, the plan for the
    assessed need beside it, and what the plan builds and costs."""
    result = run.result or {}
    chosen = result.get("chosen", {})
    draws = draws_table(run)
    rows: list[tuple[str, object]] = [
        ("solved", result.get("optima")), ("candidates", result.get("candidates"))]
    for column, key in (("need_persons", "need"), ("served_persons", "served"),
                        ("unserved_persons", "unserved")):
        values = draws[column].dropna().astype(float) if len(draws) else pd.Series([])
        if len(values):
            rows += [(f"{key}_min", _persons(values.min())),
                     (f"{key}_mean", _persons(values.mean())),
                     (f"{key}_max", _persons(values.max()))]
    if draws.empty:
        rows += [("unserved_mean", _persons(result.get("expected_unserved"))),
                 ("unserved_max", _persons(result.get("worst_unserved")))]
    assessed = result.get("assessed", {})
    rows += [("max_regret", _persons(result.get("max_regret"))),
             ("assessed_unserved_mean", _persons(assessed.get("expected_unserved"))),
             ("assessed_unserved_max", _persons(assessed.get("worst_unserved"))),
             ("assessed_max_regret", _persons(assessed.get("max_regret"))),
             ("new_places", chosen.get("new_places")),
             ("new_facilities", chosen.get("new_facilities")),
             ("investment_eur", _euros(chosen.get("investment_eur"))),
             ("running_eur_per_year", _euros(chosen.get("running_eur_per_year")))]
    return pd.DataFrame([(i18n.t(f"robust.figure.{k}", lang), v) for k, v in rows
                         if v is not None], columns=["item", "value"])


def _euros(value: object) -> int | None:
    return None if value is None else int(round(float(value)))


def about_table(run: RobustView, names: RobustNames, lang: str) -> pd.DataFrame:
    """What the plan was computed from: the scenario and version, the method, the number of
    need scenarios and the spread of the need, the seed, the solver, who ran it and when."""
    spec = run.spec
    values = {
        "meta.scenario": names.scenario,
        "meta.version": run.version,
        "meta.region": _region(names.region, lang),
        "robust.about.method": i18n.t("robust.about.method_text", lang),
        "robust.about.scenarios": i18n.fmt_int(spec.scenarios, lang),
        "robust.about.cv": i18n.fmt_number(spec.cv, lang, 2),
        "robust.about.distribution": i18n.t("robust.about.distribution_text", lang,
                                            cv=i18n.fmt_pct(spec.cv, lang)),
        "robust.about.seed": spec.seed,
        "meta.solver": spec.solver,
        "robust.about.computed": i18n.fmt_datetime(run.created_at, lang),
        "robust.about.author": run.created_by,
        "meta.exported": exported_date(names.exported, lang),
    }
    return pd.DataFrame([(i18n.t(k, lang), str(v)) for k, v in values.items()],
                        columns=["item", "value"])


def robust_tables(run: RobustView, names: RobustNames, lang: str = "lv"
                  ) -> dict[str, pd.DataFrame]:
    """Every sheet's table by id (:data:`SHEETS`), with column ids; the scenarios' sheet only
    when the run kept them."""
    tables = {"robust_facilities": facilities_table(run, names, lang),
              "robust_summary": summary_table(run, lang),
              "robust_draws": draws_table(run),
              "robust_about": about_table(run, names, lang)}
    return {k: v for k, v in tables.items() if k != "robust_draws" or not v.empty}


def robust_workbook(run: RobustView, names: RobustNames, lang: str = "lv") -> bytes:
    """The robust plan's workbook: one sheet per table of :func:`robust_tables`."""
    book = Workbook()
    book.remove(book.active)
    title = f"{i18n.t('robust.title', lang)}: {names.scenario}, v{run.version}"
    for name, frame in robust_tables(run, names, lang).items():
        sheet = i18n.t(f"sheet.{name}", lang)
        write_sheet(book.create_sheet(sheet[:31]), frame, lang, f"{sheet} — {title}",
                    total=False, public=False)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()
