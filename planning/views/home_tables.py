"""Home-based support in a result, for display and export: staff, hours and caseload per
municipality and service, staff used against staff available per region and profession,
housing adaptations, and what binds (staff or money).

A result stored before home services existed has none of these tables: every frame is then
empty and :func:`has_home` is False.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from optimizer.solution import Solution
from planning import i18n
from planning.domain import geo, results
from planning.domain.catalogue import Catalogue
from planning.domain.home_norms import professions
from planning.domain.inputs import ScenarioInputs

HOME_COLUMNS = ["municipality", "home_service", "profession", "clients", "hours_per_month",
                "staff", "caseload"]
STAFF_USE_COLUMNS = ["region", "profession", "staff", "available", "left",
                     "unserved_for_staff", "binds"]


def has_home(sol: Solution) -> bool:
    """Does the plan hold home support, a staff limit or home need left short?"""
    return not (sol.home.empty and sol.home_staff.empty and sol.staff_use.empty)


def service_name(sid: str, catalogue: Catalogue, lang: str) -> str:
    if sid in catalogue.home_services:
        return catalogue.home_services[sid].name(lang)
    if sid in catalogue.services:
        return catalogue.services[sid].name(lang)
    return sid


def profession_name(profession: str, lang: str) -> str:
    return i18n.t_or(f"profession.{profession}", lang, profession)


def home_frame(result: results.ScenarioResult, catalogue: Catalogue, lang: str
               ) -> pd.DataFrame:
    """One row per municipality, home service and profession: clients, hours a month,
    whole staff and caseload (clients per staff member)."""
    catalogue = result.inputs.with_own_services(catalogue)  # names its added services
    sol = result.solution
    hours = sol.home.groupby(["municipality", "service"])["hours_per_month"].sum()
    names = dict(zip(sol.municipalities["municipality"], sol.municipalities["name"],
                     strict=True))
    frame = pd.DataFrame({
        "municipality": sol.home_staff["municipality"].map(names),
        "home_service": sol.home_staff["service"].map(
            lambda s: service_name(s, catalogue, lang)),
        "profession": sol.home_staff["profession"].map(lambda q: profession_name(q, lang)),
        "clients": sol.home_staff["clients"],
        "hours_per_month": [float(hours.get((m, s), 0.0)) for m, s in
                            zip(sol.home_staff["municipality"], sol.home_staff["service"],
                                strict=True)],
        "staff": sol.home_staff["staff"],
        "caseload": sol.home_staff["caseload"],
    }, columns=HOME_COLUMNS)
    return frame.sort_values(["municipality", "home_service"],
                             key=lambda s: s.map(geo.fold)).reset_index(drop=True)


def staff_use_frame(result: results.ScenarioResult, catalogue: Catalogue, lang: str
                    ) -> pd.DataFrame:
    """Per region and profession: staff the plan employs, staff available, left, clients
    short of a home service because this profession ran out, and what binds: staff (the
    limit is used up and clients wait for it), money (clients wait, staff is left) or
    nothing."""
    catalogue = result.inputs.with_own_services(catalogue)  # names its added services
    sol = result.solution
    short_money = _short_for_money(sol, catalogue)
    rows = []
    for r in sol.staff_use.itertuples():
        if r.binding > 0:
            binds = i18n.t("home.binds.staff", lang)
        elif short_money.get(r.region, 0.0) > 0:
            binds = i18n.t("home.binds.money", lang)
        else:
            binds = i18n.t("home.binds.none", lang)
        rows.append({"region": i18n.region_name(r.region, lang),
                     "profession": profession_name(r.profession, lang), "staff": r.staff,
                     "available": _limit_text(r.available, lang),
                     "left": _limit_text(r.left, lang),
                     "unserved_for_staff": r.binding, "binds": binds})
    return pd.DataFrame(rows, columns=STAFF_USE_COLUMNS)


def _limit_text(value: float | None, lang: str) -> str:
    """A staff figure of a limit, or 'no limit' where the scenario gives none."""
    if value is None or pd.isna(value):
        return i18n.t("home.no_limit", lang)
    return i18n.fmt_number(value, lang, 1 if not float(value).is_integer() else 0)


def _short_for_money(sol: Solution, catalogue: Catalogue) -> dict[str, float]:
    """Clients short of a home service because the running budget is used up, per region."""
    region = dict(zip(sol.municipalities["municipality"], sol.municipalities["region"],
                      strict=True))
    out: dict[str, float] = {}
    for r in sol.unmet.itertuples():
        if r.cause == "running_budget" and r.service in catalogue.home_services:
            out[region[r.municipality]] = out.get(region[r.municipality], 0.0) + r.unmet
    return out


def adaptations_frame(result: results.ScenarioResult, catalogue: Catalogue, lang: str
                      ) -> pd.DataFrame:
    """Housing adaptations per municipality: the residential service they replace, the
    home service the persons get instead, dwellings and investment."""
    catalogue = result.inputs.with_own_services(catalogue)  # names its added services
    sol = result.solution
    names = dict(zip(sol.municipalities["municipality"], sol.municipalities["name"],
                     strict=True))
    return pd.DataFrame({
        "municipality": sol.adaptations["municipality"].map(names),
        "service": sol.adaptations["service"].map(lambda s: service_name(s, catalogue, lang)),
        "home_service": sol.adaptations["home_service"].map(
            lambda s: service_name(s, catalogue, lang)),
        "dwellings": sol.adaptations["dwellings"],
        "investment_eur": sol.adaptations["investment_eur"],
    })


def binding_lines(result: results.ScenarioResult, lang: str) -> list[str]:
    """One sentence per region and profession whose staff ran out while clients wait."""
    lines = []
    for r in result.solution.staff_use.itertuples():
        if r.binding > 0:
            lines.append(i18n.tn("home.staff_binds", r.binding, lang,
                                 region=i18n.region_name(r.region, lang),
                                 profession=profession_name(r.profession, lang),
                                 staff=i18n.fmt_int(r.staff, lang)))
    return lines


# ----------------------------------------------------------------------------- inputs
STAFF_INPUT_COLUMNS = ["region", "profession", "profession_name", "fte"]
DWELLING_INPUT_COLUMNS = ["atvk_code", "municipality", "dwellings"]


def staff_input_frame(inputs: ScenarioInputs, catalogue: Catalogue, lang: str
                      ) -> pd.DataFrame:
    """One row per region of the scenario and profession of a home service: the staff
    available (empty: no limit)."""
    catalogue = inputs.with_own_services(catalogue)  # professions of its added services
    given = {(r, q): n for r, q, n in inputs.staff_available}
    regions = [inputs.region] if inputs.region else list(geo.REGIONS)
    rows = [{"region": r, "profession": q, "profession_name": profession_name(q, lang),
             "fte": given.get((r, q))}
            for r in regions for q in professions(catalogue.home_services)]
    rows += [{"region": r, "profession": q, "profession_name": profession_name(q, lang),
              "fte": n} for (r, q), n in given.items() if r not in regions
             or q not in professions(catalogue.home_services)]
    return pd.DataFrame(rows, columns=STAFF_INPUT_COLUMNS).astype({"fte": "Float64"})


def staff_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame) -> ScenarioInputs:
    """The inputs with the staff the table gives (an empty cell: no limit)."""
    rows = tuple((str(r.region), str(r.profession), float(r.fte))
                 for r in frame.itertuples(index=False) if not pd.isna(r.fte))
    return replace(inputs, staff_available=rows)


def dwellings_input_frame(inputs: ScenarioInputs, lang: str) -> pd.DataFrame:
    """One row per municipality of the scenario's area: dwellings available for home
    services that need them (empty: no limit)."""
    facts = geo.municipalities(inputs.division)
    if inputs.region:
        facts = facts[facts["planning_region"] == inputs.region]
    given = dict(inputs.dwellings)
    names = dict(zip(facts["atvk_code"], facts["name_lv"], strict=True))
    rows = [{"atvk_code": c, "municipality": names[c], "dwellings": given.get(c)}
            for c in sorted(names, key=lambda c: geo.fold(names[c]))]
    rows += [{"atvk_code": c, "municipality": c, "dwellings": n} for c, n in given.items()
             if c not in names]
    return pd.DataFrame(rows, columns=DWELLING_INPUT_COLUMNS).astype({"dwellings": "Float64"})


def dwellings_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame) -> ScenarioInputs:
    rows = tuple((str(r.atvk_code), float(r.dwellings)) for r in frame.itertuples(index=False)
                 if not pd.isna(r.dwellings))
    return replace(inputs, dwellings=rows)
