"""Tables the planning pages draw: scenarios, versions, editable inputs, results, comparisons.

Pure functions (no Streamlit). Editable tables come in pairs: ``*_frame(inputs, ...)`` gives
what an editor shows, ``*_from_frame(inputs, frame, ...)`` returns new ``ScenarioInputs``
with the edited table applied, *without* validating it, so the page can call
``ScenarioInputs.problems()`` and name every bad cell (:func:`problem_lines`). Needs keep the
editor's row order until saving, so a problem's row number is the row the user sees.

>>> from planning.domain.inputs import default_inputs
>>> inputs = default_inputs("Kurzeme")
>>> frame = needs_frame(inputs, "lv")
>>> frame.loc[0, "count"] = -3
>>> [p.column for p in needs_from_frame(inputs, frame).problems()]
['count']
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import pandas as pd

from optimizer import explain
from optimizer.errors import OptimizerError
from optimizer.explain import Explanation
from optimizer.problem import ProblemInput
from optimizer.solution import Solution
from planning import i18n
from planning.domain import geo, priorities, results
from planning.domain.catalogue import SERVICE_NUMBERS, Catalogue, load_catalogue
from planning.domain.inputs import (
    InvalidValue,
    MunicipalityLimit,
    RegionBudget,
    ScenarioInputs,
    Suspicion,
)
from planning.domain.numbers import NotANumber, parse_entry
from planning.domain.privacy import WITHHELD
from planning.domain.public_plan import PublicPlan
from planning.domain.reference import NEED_COLUMNS
from planning.domain.roles import Action, Actor, can
from planning.store.scenario import Change, VersionDiff
from planning.store.tables import Scenario, ScenarioCreate, ScenarioVersion
from planning.views import home_tables
from planning.views.reference_views import column_label

NEEDS_COLUMNS = ["atvk_code", "municipality", "group", "care_level", "service", "count"]
BUDGET_COLUMNS = ["region", "erdf_quota_eur", "cofinancing_share", "running_budget_eur_per_year",
                  "total_investment_eur"]
LIMIT_COLUMNS = ["atvk_code", "municipality", "participating", "max_new_places",
                 "max_new_facilities"]
EXCLUDED_COLUMNS = ["atvk_code", "service"]


# ----------------------------------------------------------------------------- formats


def _yes_no(value: bool, lang: str) -> str:
    return i18n.t("common.yes", lang) if value else i18n.t("common.no", lang)


def _names(division: str, lang: str) -> dict[str, str]:
    facts = geo.municipalities(division)
    return dict(zip(facts["atvk_code"], facts["name_en" if lang == "en" else "name_lv"],
                    strict=True))


def _plain(value: Any) -> Any:
    """A cell as Python: NaN/None -> None, whole floats -> int, numpy -> Python."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _text(value: Any) -> str:
    value = _plain(value)
    return "" if value is None else str(value).strip()


ENTRY_DECIMALS = 6


def entry_text(value: Any, lang: str) -> str:
    """A stored number as an editor's text cell shows it: the language's grouping, at most
    six decimals and no trailing zeros, so floating noise is not shown as data
    (``442350.0000000001`` -> lv ``"442 350"``); empty for a missing value.

    >>> entry_text(1500000.5, "lv") == "1\u00a0500\u00a0000,5"
    True
    """
    value = _plain(value)
    if value is None or isinstance(value, str):
        return value or ""
    decimals = next(d for d in range(ENTRY_DECIMALS + 1)
                    if round(value, d) == round(value, ENTRY_DECIMALS))
    return i18n.fmt_number(value, lang, decimals)


def entry_frame(frame: pd.DataFrame, columns: Iterable[str], lang: str) -> pd.DataFrame:
    """``frame`` with ``columns`` as editable text (:func:`entry_text`), read back by the
    ``*_from_frame`` functions with :func:`planning.domain.numbers.parse_entry`."""
    shown = frame.copy()
    for col in columns:
        shown[col] = pd.Series([entry_text(v, lang) for v in frame[col]], index=frame.index,
                               dtype=object)
    return shown


def _entry(value: Any, lang: str) -> Any:
    """A cell as a number: typed text parsed the language's way (``"1 500 000,50"``),
    whole numbers as int; text that is not a number is kept as typed, so validation names
    it (never dropped or changed)."""
    value = _plain(value)
    if not isinstance(value, str):
        return value
    try:
        return _plain(parse_entry(value, lang))
    except NotANumber:
        return value.strip()


# ----------------------------------------------------------------------------- scenarios


def scenarios_frame(scenarios: Sequence[Scenario], lang: str) -> pd.DataFrame:
    """One row per scenario: id, name, region, division, version, status, updated."""
    rows = [{
        "id": s.id, "name": s.name, "region": i18n.region_name(s.region, lang),
        "division": s.division, "version": s.current_version,
        "status": status_label(s.status, lang), "updated": i18n.fmt_datetime(s.updated_at, lang),
    } for s in scenarios]
    return pd.DataFrame(rows, columns=["id", "name", "region", "division", "version", "status",
                                       "updated"])


def status_label(status: str, lang: str) -> str:
    key = f"scenario.status.{status}"
    return i18n.t(key, lang) if i18n.has(key) else status


def scenario_label(s: Scenario, lang: str) -> str:
    """``"Kurzeme 2026 — Kurzeme"``: what a scenario picker shows (no version number: a
    picker keeps the label it first showed for an option)."""
    return f"{s.name} — {i18n.region_name(s.region, lang)}"


def versions_frame(versions: Sequence[ScenarioVersion], with_result: Iterable[int],
                   lang: str) -> pd.DataFrame:
    """One row per version, newest first: number, saved, author, message, based_on, status,
    whether a result is stored."""
    ran = set(with_result)
    rows = [{
        "version": v.number, "saved": i18n.fmt_datetime(v.created_at, lang), "author": v.author,
        "message": v.message, "based_on": v.based_on, "status": status_label(v.status, lang),
        "result": _yes_no(v.number in ran, lang),
    } for v in versions]
    frame = pd.DataFrame(rows, columns=["version", "saved", "author", "message", "based_on",
                                        "status", "result"])
    frame["based_on"] = frame["based_on"].astype("Int64")
    return frame


def diff_frame(diff: VersionDiff, lang: str, catalogue: Catalogue) -> pd.DataFrame:
    """The changes of a diff with readable sections and keys (names, not codes); an added
    service by the name the diff gives it."""
    names = _names_any(lang)
    names.update({c.key[0]: str(c.after or c.before) for c in diff.inputs
                  if c.section == "services" and c.key[1:] == (f"name_{lang}",)})
    rows = []
    for change in diff.inputs + diff.results:
        key = " / ".join(_readable(part, names, catalogue, lang) for part in change.key)
        rows.append({"part": (i18n.t("diff.inputs", lang) if change in diff.inputs
                              else i18n.t("diff.results", lang)),
                     "section": i18n.t(f"diff.section.{change.section}", lang),
                     "key": key, "before": _shown(change.before, lang),
                     "after": _shown(change.after, lang)})
    return pd.DataFrame(rows, columns=["part", "section", "key", "before", "after"])


ALLOCATION_SECTIONS = ("places", "facilities", "investment")


def diff_summary(diff: VersionDiff, lang: str) -> str:
    """A diff as a reviewer counts it: the input cells the group changed, the allocations
    (municipality x service) whose places, facilities or investment changed, and the new
    places in total before and after; not every changed result cell (one changed need can
    move dozens of them)."""
    parts = [i18n.tn("diff.summary.inputs", len(diff.inputs), lang) if diff.inputs
             else i18n.t("diff.summary.same_inputs", lang)]
    moved = {c.key for c in diff.results if c.section in ALLOCATION_SECTIONS}
    if moved:
        parts.append(i18n.tn("diff.summary.allocations", len(moved), lang))
    total = next((c for c in diff.results if c.key == ("new_places",)), None)
    if total is not None:
        parts.append(i18n.t("diff.summary.places", lang, before=_shown(total.before, lang),
                            after=_shown(total.after, lang)))
    return "; ".join(parts)


def changes_frame(changes: Sequence[Change], lang: str, catalogue: Catalogue) -> pd.DataFrame:
    """Changed input cells (e.g. a consultation report's) with readable sections and keys."""
    diff = VersionDiff(scenario_id=0, a=0, b=0, inputs=list(changes))
    return diff_frame(diff, lang, catalogue).drop(columns=["part"])


def responses_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Municipal responses (``planning.store.review.ResponseSummary.frame``) for reading:
    the answer in ``lang``, 'no response' for those waiting."""
    shown = frame.drop(columns=["atvk_code", "service_id"])
    return shown.assign(response=[
        i18n.t(f"response.{r}" if isinstance(r, str) else "response.none", lang)
        for r in frame["response"]])


def _names_any(lang: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for division in geo.DIVISIONS:
        out.update(_names(division, lang))
    return out


def _readable(part: str, names: Mapping[str, str], catalogue: Catalogue, lang: str) -> str:
    if part in names:
        return names[part]
    if part in catalogue.services:
        return catalogue.services[part].name(lang)
    if part in (institutions := priorities.institutions()):
        return institutions[part][0]
    label = column_label(part, lang, catalogue)
    for key in (f"norm.{part}", f"meta.{part}"):
        if label == part and i18n.has(key):
            return i18n.t(key, lang)
    return label


def _shown(value: Any, lang: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return _yes_no(value, lang)
    if isinstance(value, int | float):
        decimals = 0 if float(value).is_integer() else 2
        return i18n.fmt_number(value, lang, decimals)
    return str(value)


# ----------------------------------------------------------------------------- needs


def needs_frame(inputs: ScenarioInputs, lang: str) -> pd.DataFrame:
    """Needs per municipality x group x care level x service, with the municipality's name."""
    frame = inputs.needs_frame()
    frame.insert(1, "municipality", frame["atvk_code"].map(_names(inputs.division, lang)))
    return frame[NEEDS_COLUMNS].reset_index(drop=True)


def persons_input_frame(inputs: ScenarioInputs, catalogue: Catalogue,
                        lang: str) -> pd.DataFrame:
    """The scenario's persons with packages, by names: municipality, group, care level,
    package, priority class (empty: the package's default), persons."""
    frame = inputs.persons_frame()
    groups = {gid: g.name(lang) for gid, g in catalogue.groups.items()}
    return pd.DataFrame({
        "municipality": frame["atvk_code"].map(_names(inputs.division, lang)),
        "group": frame["group"].map(lambda g: groups.get(g, g)),
        "care_level": frame["care_level"],
        "package": frame["package"].map(lambda p: package_name(p, catalogue, lang)),
        "priority_class": frame["priority"].map(
            lambda c: priority_name(c, catalogue, lang) if c else ""),
        "count": frame["count"],
    })


def needs_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame,
                     lang: str = "lv") -> ScenarioInputs:
    """``inputs`` with the edited needs, in the editor's row order; blank rows (new, never
    filled) are dropped, bad cells kept as they are so ``problems()`` names them (a count
    may be typed text, read with :func:`_entry`)."""
    rows = []
    for r in frame.itertuples(index=False):
        cells = [_text(getattr(r, c)) for c in NEED_COLUMNS[:-1]]
        count = _entry(r.count, lang)
        if not any(cells) and count is None:
            continue
        rows.append((*cells, count))
    return replace(inputs, needs=tuple(rows))


def need_total(inputs: ScenarioInputs) -> int:
    """Clients in the (edited) needs, counting the rows whose count is a whole number."""
    return sum(r[4] for r in inputs.needs if isinstance(r[4], int) and not isinstance(r[4], bool))


# ----------------------------------------------------------------------------- norms


def norms_frame(inputs: ScenarioInputs, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """One row per service (index: service id): its name and the norms the scenario uses
    (preset and overrides applied)."""
    cat = inputs.catalogue(catalogue)
    rows = {sid: {"service": s.name(lang), **{n: float(getattr(s, n)) for n in SERVICE_NUMBERS}}
            for sid, s in cat.services.items()}
    return pd.DataFrame.from_dict(rows, orient="index")


def norms_from_frame(inputs: ScenarioInputs, shown: pd.DataFrame, edited: pd.DataFrame,
                     catalogue: Catalogue, preset: str | None = None,
                     lang: str = "lv") -> ScenarioInputs:
    """``inputs`` with the cells changed from ``shown`` to ``edited`` as norm overrides and
    ``preset`` chosen; overrides equal to the preset's own value, or cleared, are dropped.
    Cells may be typed text (:func:`_entry`)."""
    preset = preset or inputs.preset
    overrides = {s: dict(n) for s, n in inputs.norm_overrides.items()}
    for sid in edited.index:
        for norm in SERVICE_NUMBERS:
            after = _entry(edited.at[sid, norm], lang)
            if after == _entry(shown.at[sid, norm], lang):
                continue
            if after is None:  # a cleared cell goes back to the preset's value
                overrides.get(str(sid), {}).pop(norm, None)
            else:
                overrides.setdefault(str(sid), {})[norm] = after
    base = catalogue.with_preset(preset) if preset in catalogue.presets else catalogue
    cleaned = {}
    for sid, norms in overrides.items():
        own = base.services.get(sid)
        kept = {n: v for n, v in norms.items()
                if own is None or n not in SERVICE_NUMBERS or v != getattr(own, n)}
        if kept:
            cleaned[sid] = kept
    return replace(inputs, preset=preset, norm_overrides=cleaned)


def mentor_values(inputs: ScenarioInputs, catalogue: Catalogue) -> dict[str, float]:
    """The mentor norms the scenario uses (catalogue values with its overrides)."""
    m = catalogue.mentor
    return {"clients_per_mentor": float(inputs.mentor_overrides.get("clients_per_mentor",
                                                                    m.clients_per_mentor)),
            "hourly_rate": float(inputs.mentor_overrides.get("hourly_rate", m.hourly_rate))}


def with_settings(inputs: ScenarioInputs, catalogue: Catalogue, *, equity_floor: float,
                  cost_contingency: float, clients_per_mentor: float,
                  hourly_rate: float) -> ScenarioInputs:
    """``inputs`` with the scalar settings; mentor values equal to the catalogue's are not
    stored as overrides."""
    m = catalogue.mentor
    mentor = {k: float(v) for k, v in (("clients_per_mentor", clients_per_mentor),
                                       ("hourly_rate", hourly_rate))
              if float(v) != float(getattr(m, k))}
    return replace(inputs, equity_floor=float(equity_floor),
                   cost_contingency=float(cost_contingency), mentor_overrides=mentor)


# ----------------------------------------------------------------------------- budgets


def budgets_frame(inputs: ScenarioInputs, lang: str) -> pd.DataFrame:
    """One row per planning region of the scenario (index: region)."""
    rows = {}
    for region in inputs.regions():
        b = inputs.budgets.get(region) or RegionBudget(erdf_quota_eur=0.0)
        rows[region] = {"region": i18n.region_name(region, lang),
                        "erdf_quota_eur": b.erdf_quota_eur,
                        "cofinancing_share": b.cofinancing_share,
                        "running_budget_eur_per_year": b.running_budget_eur_per_year,
                        "total_investment_eur": b.total_investment_eur}
    return pd.DataFrame.from_dict(rows, orient="index", columns=BUDGET_COLUMNS)


def budgets_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame,
                       lang: str = "lv") -> ScenarioInputs:
    """``inputs`` with the edited budgets; cells may be typed text (:func:`_entry`), and
    text that is not a number stays as typed so ``problems()`` names it. An emptied quota or
    share is 0, an emptied running budget no limit."""
    budgets = {}
    for region in frame.index:
        quota = _entry(frame.at[region, "erdf_quota_eur"], lang)
        share = _entry(frame.at[region, "cofinancing_share"], lang)
        running = _entry(frame.at[region, "running_budget_eur_per_year"], lang)
        budgets[str(region)] = RegionBudget(
            erdf_quota_eur=_number(0.0 if quota is None else quota),
            cofinancing_share=_number(0.0 if share is None else share),
            running_budget_eur_per_year=None if running is None else _number(running))
    return replace(inputs, budgets=budgets)


def _number(value: Any) -> Any:
    """A number as float; text (not a number) unchanged."""
    return value if isinstance(value, str) else float(value)


def budget_totals_frame(inputs: ScenarioInputs, lang: str) -> pd.DataFrame:
    """Per region of the (edited) inputs: ERDF quota, co-financing and the total investment
    available, recalculated from what is typed now; a region whose cells are not numbers yet
    shows dashes."""
    rows = []
    for region, b in inputs.budgets.items():
        valid = all(isinstance(v, int | float) for v in (b.erdf_quota_eur, b.cofinancing_share))
        valid = valid and 0 <= b.cofinancing_share < 1
        total = b.total_investment_eur if valid else None
        rows.append({"region": i18n.region_name(region, lang),
                     "erdf_quota_eur": i18n.fmt_eur(b.erdf_quota_eur if valid else None, lang),
                     "cofinancing_eur": i18n.fmt_eur(
                         None if total is None else total - b.erdf_quota_eur, lang),
                     "total_investment_eur": i18n.fmt_eur(total, lang)})
    return pd.DataFrame(rows, columns=["region", "erdf_quota_eur", "cofinancing_eur",
                                       "total_investment_eur"])


# ----------------------------------------------------------------------------- limits


def limits_frame(inputs: ScenarioInputs, lang: str) -> pd.DataFrame:
    """One row per municipality of the scenario's area: participation and limits."""
    facts = geo.municipalities(inputs.division)
    if inputs.region:
        facts = facts[facts["planning_region"] == inputs.region]
    names = _names(inputs.division, lang)
    rows = []
    for code in sorted(facts["atvk_code"], key=lambda c: geo.fold(names[c])):
        lim = inputs.municipal_limits.get(code, MunicipalityLimit())
        rows.append({"atvk_code": code, "municipality": names[code],
                     "participating": code not in inputs.non_participating,
                     "max_new_places": lim.max_new_places,
                     "max_new_facilities": lim.max_new_facilities})
    frame = pd.DataFrame(rows, columns=LIMIT_COLUMNS)
    for col in ("max_new_places", "max_new_facilities"):
        frame[col] = frame[col].astype("Int64")
    return frame


def limits_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame) -> ScenarioInputs:
    limits, out = {}, []
    for r in frame.itertuples(index=False):
        places, facilities = _plain(r.max_new_places), _plain(r.max_new_facilities)
        if places is not None or facilities is not None:
            limits[str(r.atvk_code)] = MunicipalityLimit(places, facilities)
        if not bool(r.participating):
            out.append(str(r.atvk_code))
    return replace(inputs, municipal_limits=limits, non_participating=tuple(sorted(out)))


def excluded_frame(inputs: ScenarioInputs) -> pd.DataFrame:
    return pd.DataFrame([list(x) for x in inputs.excluded_sites], columns=EXCLUDED_COLUMNS,
                        dtype=object)


def excluded_from_frame(inputs: ScenarioInputs, frame: pd.DataFrame) -> ScenarioInputs:
    sites = {(_text(r.atvk_code), _text(r.service)) for r in frame.itertuples(index=False)}
    return replace(inputs, excluded_sites=tuple(sorted(s for s in sites if any(s))))


# ----------------------------------------------------------------------------- problems


PROBLEM_TABS = {"needs": "needs", "services": "services", "norms": "norms",
                "budgets": "budgets", "limits": "limits", "participation": "limits",
                "excluded sites": "limits", "scenario": "settings",
                "priorities": "rules", "goals": "rules", "staff": "limits",
                "dwellings": "limits", "candidate_sites": "sites", "travel_matrix": "sites"}
# values edited on the rules tab whatever their section
RULE_COLUMNS = ("min_occupancy", "facility_caps", "group_priorities")


def problem_lines(problems: Sequence[InvalidValue], lang: str,
                  catalogue: Catalogue | None = None) -> dict[str, list[str]]:
    """Problems as lines per editor tab (needs, norms, budgets, limits, settings), each
    naming the row and column the user sees: ``"Rinda 3, kolonna „Skaits”: ..."``."""
    out: dict[str, list[str]] = {}
    for p in problems:
        parts = []
        if p.row is not None:
            parts.append(i18n.t("problem.row", lang, row=p.row))
        if isinstance(p.column, str) and p.column:
            parts.append(i18n.t("problem.column", lang,
                                column=column_label(p.column, lang, catalogue)))
        where = ", ".join(parts)
        value = "" if p.value is None else f" ({p.value})"
        message = i18n.render(p.message, lang)
        line = f"{where}: {message}{value}" if where else f"{message}{value}"
        tab = "rules" if p.column in RULE_COLUMNS else PROBLEM_TABS.get(p.section, "settings")
        out.setdefault(tab, []).append(line)
    return out


def _eur(value: float | None, lang: str) -> str:
    """Euros as typed: cents only when there are any."""
    cents = value is not None and not float(value).is_integer()
    return i18n.fmt_eur(value, lang, 2 if cents else 0)


def suspicion_lines(found: Sequence[Suspicion], lang: str, catalogue: Catalogue) -> list[str]:
    """Each suspicious change (``planning.domain.inputs.suspicions``) as a sentence naming
    the place and both values, for the confirmation asked before saving."""
    names = _names_any(lang)
    lines = []
    for s in found:
        if s.kind in ("zero_budget", "halved_budget"):
            region, budget = s.key
            lines.append(i18n.t(f"suspect.{s.kind}", lang, region=i18n.region_name(region, lang),
                                budget=i18n.t(f"suspect.budget.{budget}", lang),
                                before=_eur(s.before, lang), after=_eur(s.after, lang)))
            continue
        place = ""
        if s.kind == "tenfold_need":
            code, group, level, service = s.key
            parts = [names.get(code, code), i18n.t(f"group.short.{group}", lang)
                     if i18n.has(f"group.short.{group}") else group, level,
                     catalogue.services[service].name(lang) if service in catalogue.services
                     else service]
            place = ", ".join(p for p in parts if p)
        lines.append(i18n.t(f"suspect.{s.kind}", lang, place=place,
                            before=i18n.fmt_int(s.before, lang),
                            after=i18n.fmt_int(s.after, lang)))
    return lines


# ----------------------------------------------------------------------------- results


def solution_from_json(text: str) -> Solution:
    """A stored ``solution_json`` as a :class:`Solution`."""
    return Solution.from_dict(json.loads(text))


def result_from_json(label: str, inputs_json: str, solution_json: str) -> results.ScenarioResult:
    """A stored version's inputs and a stored result as a
    ``planning.domain.results.ScenarioResult``."""
    return results.ScenarioResult(label, ScenarioInputs.from_json(inputs_json),
                                  solution_from_json(solution_json))


def binding_from_json(problem_json: str, solution_json: str) -> Explanation | None:
    """Which limits bind in a stored result; None for a result stored (or imported) without
    the instance it solved."""
    try:
        problem = ProblemInput.from_json(problem_json)
    except OptimizerError:
        return None
    return Explanation(binding=explain.binding_limits(problem, solution_from_json(solution_json)))


def explanation_from_json(problem_json: str, solution_json: str) -> Explanation:
    """The whole explanation of a stored result (what binds, what more money would buy)."""
    return explain.explain(ProblemInput.from_json(problem_json),
                           solution_from_json(solution_json))


def places_frame(result: results.ScenarioResult, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """New places per municipality and service: places, facilities, investment, running
    cost, staff; sorted by municipality then service."""
    catalogue = result.inputs.with_own_services(catalogue)
    out = results.places_by_municipality_service(result)
    names = _names(result.inputs.division, lang)
    frame = pd.DataFrame({
        "municipality": out["atvk_code"].map(names),
        "service": out["service"].map(lambda s: catalogue.services[s].name(lang)
                                      if s in catalogue.services else s),
        "existing_places": out["existing_places"].round().astype(int),
        "new_places": out["new_places"].round().astype(int),
        "new_facilities": out["new_facilities"].round().astype(int),
        "investment_eur": out["investment_eur"],
        "running_eur_per_year": out["running_eur_per_year"],
        "staff": out["staff"],
    })
    return frame.sort_values(["municipality", "service"],
                             key=lambda s: s.map(geo.fold)).reset_index(drop=True)


def municipalities_frame(result: results.ScenarioResult, lang: str) -> pd.DataFrame:
    """Per municipality: persons in need and served (empty for a result stored before whole
    persons), clients' need, served, unmet per service summed, coverage (of need and of the
    whole eligible population), places, facilities, money, staff and social mentors."""
    cov = results.coverage(result).set_index("atvk_code")
    munis = result.solution.municipalities.set_index("municipality")
    persons = results.persons_by_municipality(result).reindex(munis.index)
    names = _names(result.inputs.division, lang)
    frame = pd.DataFrame({
        "municipality": [names.get(c, c) for c in munis.index],
        "participating": munis["participating"].astype(bool).to_numpy(),
        "need_persons": persons["persons"].to_numpy(),
        "served_persons": persons["served"].to_numpy(),
        "need": munis["need"].to_numpy(),
        "served": munis["served"].to_numpy(),
        "unmet": munis["unmet"].to_numpy(),
        "coverage": cov["coverage"].reindex(munis.index).to_numpy(),
        "eligible": cov["eligible"].reindex(munis.index).to_numpy(),
        "coverage_of_eligible": cov["coverage_of_eligible"].reindex(munis.index).to_numpy(),
        "new_places": munis["new_places"].round().astype(int).to_numpy(),
        "new_facilities": munis["new_facilities"].round().astype(int).to_numpy(),
        "investment_eur": munis["investment_eur"].to_numpy(),
        "running_eur_per_year": munis["running_eur_per_year"].to_numpy(),
        "staff": munis["staff"].to_numpy(),
        "mentors": munis["mentors"].to_numpy(),
    })
    return frame.sort_values("municipality", key=lambda s: s.map(geo.fold)).reset_index(
        drop=True)


def budget_frame(result: results.ScenarioResult, lang: str) -> pd.DataFrame:
    use = results.budget_use(result)
    return pd.DataFrame({
        "region": use["region"].map(lambda r: i18n.region_name(r, lang)),
        "investment_eur": use["investment_eur"],
        "investment_budget_eur": use["investment_budget_eur"],
        "investment_share_used": use["investment_share_used"],
        "erdf_eur": use["erdf_eur"],
        "cofinancing_eur": use["cofinancing_eur"],
        "running_eur_per_year": use["running_eur_per_year"],
        "running_budget_eur_per_year": use["running_budget_eur_per_year"],
    })


def unmet_frame(result: results.ScenarioResult, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """Unmet need per municipality, group and service with its cause, largest first."""
    catalogue = result.inputs.with_own_services(catalogue)
    unmet = result.solution.unmet
    unmet = unmet[unmet["unmet"] > 0]
    names = _names(result.inputs.division, lang)
    frame = pd.DataFrame({
        "municipality": unmet["municipality"].map(names),
        "group": unmet["group"].map(lambda g: i18n.t(f"group.short.{g}", lang)),
        "service": unmet["service"].map(lambda s: _service_name(s, catalogue, lang)),
        "need": unmet["need"], "unmet": unmet["unmet"],
        "cause": unmet["cause"].map(lambda c: i18n.t_or(f"cause.{c}", lang, c)),
    })
    return frame.sort_values("unmet", ascending=False, ignore_index=True)


def unmet_cause_frame(result: results.ScenarioResult, lang: str) -> pd.DataFrame:
    out = results.unmet_by_cause(result)
    return pd.DataFrame({"cause": out["cause"].map(lambda c: i18n.t_or(f"cause.{c}", lang, c)),
                         "unmet": out["unmet"]})


def institutions_frame(result: results.ScenarioResult, lang: str) -> pd.DataFrame:
    out = results.institution_places(result)
    out["region"] = out["region"].map(lambda r: i18n.region_name(r, lang))
    out["group"] = out["group"].map(lambda g: i18n.t(f"group.short.{g}", lang))
    return out


def _service_name(sid: str, catalogue: Catalogue, lang: str) -> str:
    return home_tables.service_name(sid, catalogue, lang)


def package_name(package: str, catalogue: Catalogue, lang: str) -> str:
    """A package (service ids joined by ``+``) as its services' names in ``lang``."""
    return " + ".join(_service_name(s, catalogue, lang) for s in package.split("+") if s)


def priority_name(cid: str, catalogue: Catalogue, lang: str) -> str:
    """A priority class by its name in ``lang``; the persons of no class as 'everyone'."""
    if not cid:
        return i18n.t("persons.no_class", lang)
    return priorities.class_name(cid, catalogue, lang)


def _person_columns(table: pd.DataFrame) -> dict[str, pd.Series]:
    return {"need_persons": table["persons"], "served_persons": table["served"],
            "unserved_persons": table["unserved"],
            "coverage": (table["served"] / table["persons"]).where(table["persons"] > 0)}


def persons_class_frame(result: results.ScenarioResult, catalogue: Catalogue,
                        lang: str) -> pd.DataFrame:
    """Persons in need, served and unserved, and the share served, per priority class in
    the order the scenario ranks them."""
    table = results.persons_by_priority(result, catalogue)
    return pd.DataFrame({"priority_class": table["priority"].map(
        lambda c: priority_name(c, catalogue, lang)), **_person_columns(table)})


def persons_package_frame(result: results.ScenarioResult, catalogue: Catalogue,
                          lang: str) -> pd.DataFrame:
    """Persons per package of services (names in ``lang``), served and unserved, with the
    cause that leaves most of them unserved."""
    catalogue = result.inputs.with_own_services(catalogue)
    table = results.persons_by_package(result)
    return pd.DataFrame({
        "package": table["package"].map(lambda p: package_name(p, catalogue, lang)),
        **{k: v for k, v in _person_columns(table).items() if k != "coverage"},
        "cause": table["cause"].map(lambda c: i18n.t_or(f"cause.{c}", lang, c) if c else ""),
    })


def unserved_cause_frame(result: results.ScenarioResult, lang: str) -> pd.DataFrame:
    """Unserved persons per cause, largest first."""
    out = results.unserved_by_cause(result)
    return pd.DataFrame({"cause": out["cause"].map(lambda c: i18n.t_or(f"cause.{c}", lang, c)),
                         "unserved_persons": out["unserved"]})


def facilities_frame(result: results.ScenarioResult, catalogue: Catalogue,
                     lang: str) -> pd.DataFrame:
    """New facilities, places and investment per service (names in ``lang``)."""
    catalogue = result.inputs.with_own_services(catalogue)
    table = results.facilities_by_service(result)
    return pd.DataFrame({
        "service": table["service"].map(lambda s: _service_name(s, catalogue, lang)),
        "new_facilities": table["new_facilities"].round().astype(int),
        "new_places": table["new_places"].round().astype(int),
        "investment_eur": table["investment_eur"],
    })


def _group_names(slot: str, lang: str) -> str:
    return " + ".join(i18n.t(f"group.short.{g}", lang) for g in slot.split("+") if g)


def centre_why(row: Any, catalogue: Catalogue, lang: str) -> str:
    """Why a centre was chosen: services that could not fill a separate facility, else
    what it saves against separate facilities (one year of cost)."""
    if row.not_viable_alone:
        names = ", ".join(_service_name(s, catalogue, lang) for s in row.not_viable_alone)
        return i18n.t("centres.why.not_viable", lang, services=names)
    saved = i18n.fmt_eur(row.separate_cost_eur - row.centre_cost_eur, lang)
    return i18n.t("centres.why.cheaper", lang, eur=saved)


def centres_frame(result: results.ScenarioResult, catalogue: Catalogue,
                  lang: str) -> pd.DataFrame:
    """Each multifunctional centre: places and clients, its cost for a year (places,
    shared investment and running cost; whole euros) against the same places as separate
    facilities, why it was chosen, and its services (last: the longest text)."""
    table = results.centres(result, catalogue)
    names = _names(result.inputs.division, lang)
    return pd.DataFrame({
        "municipality": table["atvk_code"].map(names),
        "new_places": table["new_places"].astype(int),
        "clients": table["clients"],
        "centre_cost_eur": table["centre_cost_eur"].round(0),
        "separate_cost_eur": table["separate_cost_eur"].round(0),
        "why": [centre_why(r, catalogue, lang) for r in table.itertuples()],
        "services": table["services"].map(
            lambda ids: ", ".join(_service_name(s, catalogue, lang) for s in ids)),
    })


def centre_units_frame(result: results.ScenarioResult, catalogue: Catalogue,
                       lang: str) -> pd.DataFrame:
    """The units of the centres: service, the groups that share its rooms (incompatible
    groups have units of their own), places and clients."""
    units = results.centre_units(result)
    names = _names(result.inputs.division, lang)
    return pd.DataFrame({
        "municipality": units["atvk_code"].map(names),
        "service": units["service"].map(lambda s: _service_name(s, catalogue, lang)),
        "slot": units["slot"].map(lambda g: _group_names(g, lang)),
        "new_places": units["new_places"].astype(int),
        "clients": units["clients"],
    })


def goal_order_text(rules: results.PlanRules, lang: str) -> str:
    """The goals the result pursued: in order (``A → B → C``), or weighted into one."""
    goals = [i18n.t(f"rules.goal.{g}", lang) for g in rules.goal_order]
    if rules.goal_kind == "weighted":
        return f"{i18n.t('rules.goal_kind.weighted', lang)}: {', '.join(goals)}"
    return " → ".join(goals)


def priority_text(rules: results.PlanRules, catalogue: Catalogue, lang: str) -> str:
    """Who came first: the mode and the classes in order (weights in the weighted mode),
    or that everyone was alike."""
    order = rules.priority_order
    if rules.priority_mode == "none" or not order:
        return i18n.t("persons.everyone_alike", lang)
    if rules.priority_mode == "weighted":
        classes = ", ".join(f"{priority_name(c, catalogue, lang)} "
                            f"{entry_text(rules.priority_weights.get(c, 0.0), lang)}"
                            for c in order)
    else:
        classes = " → ".join(priority_name(c, catalogue, lang) for c in order)
    return f"{i18n.t(f'rules.mode.{rules.priority_mode}', lang)}: {classes}"


def explanation_lines(expl: Explanation, lang: str,
                      catalogue: Catalogue | None = None) -> list[str]:
    """The optimizer's explanation in plain language, in ``lang``: places and services by
    name, persons counted whole, "at least" where a re-solve stopped short of optimal."""
    catalogue = catalogue or load_catalogue()
    return [*(_binding_line(b, lang, catalogue) for b in expl.binding),
            *(_money_line(m, lang) for m in expl.next_money),
            *(i18n.tn("explain.place", p.persons_served, lang,
                      service=_service_name(p.service, catalogue, lang),
                      municipality=_place(p.municipality, lang)) for p in expl.place_values),
            *(_staff_line(s, lang) for s in expl.staff_values),
            *(_family_line(f, lang) for f in expl.family)]


def beyond_binding_lines(expl: Explanation, lang: str,
                         catalogue: Catalogue | None = None) -> list[str]:
    """:func:`explanation_lines` without what binds (shown on its own): what more money, one
    more place or member of staff would buy, and what closeness to family costs."""
    return explanation_lines(replace(expl, binding=[]), lang, catalogue)


def _family_line(f: explain.FamilyCost, lang: str) -> str:
    return i18n.t("explain.family", lang,
                  bound="" if f.exact else i18n.t("explain.at_least", lang),
                  eur=i18n.fmt_eur(f.investment_eur - f.cheaper_investment_eur, lang),
                  cost=i18n.fmt_eur(f.cost_eur - f.cheaper_cost_eur, lang),
                  km=i18n.fmt_number(f.mean_km, lang, 1),
                  km_cheaper=i18n.fmt_number(f.cheaper_mean_km, lang, 1),
                  facilities=i18n.fmt_int(f.facilities, lang),
                  facilities_cheaper=i18n.fmt_int(f.cheaper_facilities, lang))


def _binding_line(b: explain.Binding, lang: str, catalogue: Catalogue) -> str:
    place = _service_name(b.place, catalogue, lang) if b.kind == "facility_cap" \
        else _place(b.place, lang)
    return i18n.t(f"explain.{b.kind}", lang, place=place, used=i18n.fmt_number(b.used, lang),
                  limit=i18n.fmt_number(b.limit, lang))


def _gain(places: int, persons: float, exact: bool, lang: str) -> dict[str, str]:
    return {"places": i18n.tn("explain.places", places, lang),
            "bound": "" if exact else i18n.t("explain.at_least", lang)}


def _money_line(m: explain.MoneyEffect, lang: str) -> str:
    values = {"eur": i18n.fmt_eur(m.extra_eur, lang), "region": _place(m.region, lang)}
    if m.persons_served <= explain.EPS:
        return i18n.t("explain.money_none", lang, **values)
    return i18n.tn("explain.money", m.persons_served, lang, **values,
                   **_gain(m.places_added, m.persons_served, m.exact, lang))


def _staff_line(s: explain.StaffValue, lang: str) -> str:
    municipality = _place(s.municipality, lang)
    if s.persons_served <= explain.EPS:
        return i18n.t("explain.staff_none", lang, municipality=municipality)
    return i18n.tn("explain.staff", s.persons_served, lang, municipality=municipality,
                   **_gain(s.places_added, s.persons_served, s.exact, lang))


def _place(code: str, lang: str) -> str:
    if code in geo.REGIONS:
        return i18n.region_name(code, lang)
    return _names_any(lang).get(code, code)


# ----------------------------------------------------------------------------- compare


def key_figures_frame(compared: Sequence[results.ScenarioResult], lang: str,
                      catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Key figures (rows, labelled) of each scenario (columns), formatted for reading, then
    the order of goals and the priorities each result followed. A figure of a later
    scenario that differs from the first's carries the change, ``"428 (Δ −37)"``, so the
    differences read without arithmetic. A result stored before whole persons shows its
    person figures as "–"."""
    catalogue = catalogue or load_catalogue()
    table = results.key_figures(list(compared))
    rows = [i18n.t(f"total.{k}", lang) for k in table.index]
    shown = pd.DataFrame(index=[*rows, i18n.t("meta.goal_order", lang),
                                i18n.t("meta.priorities", lang)])
    base = table.columns[0]
    for col, r in zip(table.columns, compared, strict=True):
        shown[col] = [*(_figure_with_change(k, v, table.at[k, base], lang)
                        for k, v in table[col].items()),
                      *_rules_texts(results.plan_rules(r.inputs, catalogue), catalogue, lang)]
    return shown


def _figure_with_change(key: str, value: Any, base: Any, lang: str) -> str:
    """A key figure and, when it differs visibly from ``base``, the change: ``"428 (Δ −37)"``."""
    shown = _figure(key, value, lang)
    if _missing(value) or _missing(base):
        return shown
    change = _figure(key, float(value) - float(base), lang)
    if change in (_figure(key, 0.0, lang), _figure(key, -0.0, lang)):
        return shown
    sign = "+" if float(value) > float(base) else ""
    return f"{shown} (Δ {sign}{change.replace('-', '−')})"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _rules_texts(rules: results.PlanRules, catalogue: Catalogue, lang: str) -> list[str]:
    return [goal_order_text(rules, lang), priority_text(rules, catalogue, lang)]


def _figure(key: str, value: Any, lang: str) -> str:
    if _missing(value):
        return "–"
    if key.endswith("_eur") or key.endswith("_per_year"):
        return i18n.fmt_eur(value, lang)
    decimals = 1 if key in ("staff", "mean_km_per_client") else 0  # persons whole: 869
    return i18n.fmt_number(value, lang, decimals)


def difference_frame(compared: Sequence[results.ScenarioResult], catalogue: Catalogue,
                     lang: str, *, only_changes: bool = False) -> pd.DataFrame:
    """New places per municipality and service in each scenario and the change from the
    first (columns: municipality, service, one per scenario, one ``Δ`` per other); with
    ``only_changes`` just the rows where some scenario differs from the first."""
    table = results.places_difference(list(compared))
    for result in compared:  # the services each scenario adds, named too
        catalogue = catalogue.with_user_services(
            [s for s in result.inputs.with_own_services(catalogue).services.values() if s.user])
    if table.empty:
        return table
    if only_changes:
        changes = [c for c in table.columns if str(c).startswith("Δ ")]
        table = table[(table[changes] != 0).any(axis=1)]
    return _named_by_place(table.reset_index(drop=True), catalogue, lang)


def _named_by_place(table: pd.DataFrame, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """``table`` by ``atvk_code`` and ``service`` with their names in ``lang`` (the
    municipality first), in the order a reader looks them up."""
    names = _names_any(lang)
    table.insert(0, "municipality", table.pop("atvk_code").map(names))
    table["service"] = table["service"].map(lambda s: catalogue.services[s].name(lang)
                                            if s in catalogue.services else s)
    return table.sort_values(["municipality", "service"],
                             key=lambda s: s.map(geo.fold)).reset_index(drop=True)


def cost_chart_frame(compared: Sequence[results.ScenarioResult], lang: str) -> pd.DataFrame:
    """Investment and yearly running cost per scenario (rows), for a bar chart."""
    rows = {r.label: {i18n.t(f"total.{k}", lang): float(r.solution.totals.get(k, 0))
                      for k in ("investment_eur", "running_eur_per_year")}
            for r in compared}
    return pd.DataFrame.from_dict(rows, orient="index")


def coverage_chart_frame(compared: Sequence[results.ScenarioResult], lang: str) -> pd.DataFrame:
    """Share of assessed need met per planning region (rows), one column per scenario."""
    table = results.coverage_by_region({r.label: r for r in compared})
    table.index = [i18n.region_name(r, lang) for r in table.index]
    return table.fillna(0.0) * 100


def unique_labels(names: Sequence[str]) -> list[str]:
    """Scenario names made unique for column headers (``"A"``, ``"A (2)"``)."""
    seen: dict[str, int] = {}
    out = []
    for name in names:
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return out


def version_label(label: str, number: object) -> str:
    """A compared scenario's label with the version its figures are of: ``"A (v3)"``."""
    return f"{label} (v{number})"


def picked_ids(texts: Iterable[str], visible: Iterable[int], limit: int) -> list[int]:
    """Scenario ids from texts (e.g. a link's ``?compare=``), in their order: each once, only
    those in ``visible``, at most ``limit``; a text that is no id is dropped."""
    shown, picked = set(visible), []
    for text in texts:
        value = int(text) if text.strip().isdigit() else None
        if value in shown and value not in picked:
            picked.append(value)
    return picked[:limit]


def creatable_regions(actor: Actor) -> list[str | None]:
    """Areas ``actor`` may create scenarios for (None: all of Latvia), in menu order."""
    return [r for r in (None, *geo.REGIONS)
            if can(actor, Action.CREATE, ScenarioCreate(name="-", region=r))]


def copy_sources(scenarios: Sequence[Scenario], regions: Sequence[str | None]) -> list[int]:
    """What a new scenario may start from: 0 (the embedded data), then the ids of the
    scenarios of ``regions`` (those :func:`creatable_regions` gives), in list order."""
    return [0, *[s.id for s in scenarios if s.region in regions]]


# ----------------------------------------------------------------------------- public view


def public_frames(plan: PublicPlan, catalogue: Catalogue, lang: str) -> dict[str, pd.DataFrame]:
    """The tables of a plan's public view (:mod:`planning.domain.public_plan`) for display:
    municipalities, places, budget, unmet need by cause, institutions; names instead of
    codes, hidden cells as their markers."""
    catalogue = plan.with_services(catalogue)
    names = _names(plan.division, lang)
    mu = plan.municipalities
    munis = pd.DataFrame({"municipality": mu["atvk_code"].map(names),
                          **{c: mu[c] for c in ("participating", "need", "served", "unmet",
                                                "coverage", "new_places", "new_facilities",
                                                "investment_eur")}})
    pl = plan.places
    places = pd.DataFrame({
        "municipality": pl["atvk_code"].map(names),
        "service": pl["service"].map(lambda s: catalogue.services[s].name(lang)
                                     if s in catalogue.services else s),
        "new_places": pl["new_places"], "new_facilities": pl["new_facilities"],
        "in_centre": pl["in_centre"] if "in_centre" in pl else False})
    budget = plan.region_table.drop(columns=["need", "served", "unmet"]).assign(
        region=plan.region_table["region"].map(lambda r: i18n.region_name(r, lang)))
    causes = plan.unmet_causes.assign(
        cause=plan.unmet_causes["cause"].map(lambda c: i18n.t_or(f"cause.{c}", lang, c)))
    inst = plan.institutions.assign(
        region=plan.institutions["region"].map(lambda r: i18n.region_name(r, lang)),
        group=plan.institutions["group"].map(lambda g: i18n.t(f"group.short.{g}", lang)))
    by_name = ["municipality", "service"]
    return {
        "municipalities": munis.sort_values("municipality", key=lambda s: s.map(geo.fold),
                                            ignore_index=True),
        "places": places.sort_values(by_name, key=lambda s: s.map(geo.fold),
                                     ignore_index=True),
        "budget": budget, "unmet": causes, "institutions": inst,
    }


def public_figure(key: str, value: Any, lang: str) -> str:
    """A key figure of the public view as text: markers as they are, money in millions."""
    if isinstance(value, str):
        return value
    if key.endswith("_eur") or key.endswith("_per_year"):
        return i18n.fmt_meur(value, lang)
    return _figure(key, value, lang)


def public_key_figures_frame(plans: Sequence[PublicPlan], lang: str,
                             catalogue: Catalogue | None = None) -> pd.DataFrame:
    """Key figures (rows) of public views (columns), as text, later plans' with their change
    from the first where both are shown, then the order of goals and the priorities each
    plan followed ("–" for a view without them)."""
    catalogue = catalogue or load_catalogue()
    keys = [k for k in results.KEY_FIGURES if any(k in p.totals for p in plans)]
    shown = pd.DataFrame(index=[*(i18n.t(f"total.{k}", lang) for k in keys),
                                i18n.t("meta.goal_order", lang), i18n.t("meta.priorities", lang)])
    first = plans[0].totals if plans else {}
    for p in plans:
        rules = (_rules_texts(p.rules, catalogue, lang) if p.rules is not None
                 else [i18n.MISSING, i18n.MISSING])
        shown[p.label] = [*(_public_text(k, p.totals.get(k), first.get(k), lang) for k in keys),
                          *rules]
    return shown


def _public_text(key: str, value: Any, base: Any, lang: str) -> str:
    """A public key figure; with its change from the first plan's only where both are
    shown (the change of two figures the reader sees tells nothing new)."""
    if isinstance(value, str):
        return value
    if isinstance(base, str):
        return _figure(key, value, lang)
    return _figure_with_change(key, value, base, lang)


def public_difference_frame(plans: Sequence[PublicPlan], catalogue: Catalogue,
                            lang: str, *, only_changes: bool = False) -> pd.DataFrame:
    """New places per municipality and service in each public view and the change from the
    first; a change is shown only where both figures are. With ``only_changes`` the rows
    whose every change is a shown zero are left out (a hidden change stays: it may not be
    zero); leaving out a row tells no more than its zeros would."""
    if not plans:
        return pd.DataFrame()
    for plan in plans:  # the services each scenario adds, named too
        catalogue = catalogue.with_user_services(
            [s for s in plan.with_services(catalogue).services.values() if s.user])
    frames = [p.places.set_index(["atvk_code", "service"])["new_places"].rename(p.label)
              for p in plans]
    table = pd.concat(frames, axis=1).astype(object)
    table = table.where(table.notna(), 0)
    base = plans[0].label
    for p in plans[1:]:
        table[f"Δ {p.label}"] = [b - a if not isinstance(a, str) and not isinstance(b, str)
                                 else WITHHELD for a, b in zip(table[base], table[p.label],
                                                               strict=True)]
    if only_changes and len(plans) > 1:
        changes = table[[f"Δ {p.label}" for p in plans[1:]]]
        table = table[changes.apply(lambda row: any(isinstance(v, str) or v != 0
                                                    for v in row), axis=1)]
    return _named_by_place(table.reset_index(), catalogue, lang)
