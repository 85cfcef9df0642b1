"""What a scenario holds: needs, norm choices, budgets and limits (``ScenarioInputs``).

A plain, JSON-serialisable value. Scenario versions store it whole, so two versions can
be diffed and an earlier one restored. :func:`default_inputs` builds one from the embedded
data; :meth:`ScenarioInputs.problems` lists every invalid cell with its place, so the UI
can show the message next to the cell and imports can refuse a file before storing.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import pandas as pd

from planning.domain import bounds, geo, priorities, reference, user_services
from planning.domain.catalogue import SERVICE_NUMBERS, Catalogue, load_catalogue
from planning.domain.errors import InputError, listing, placed, where
from planning.domain.home_inputs import home_input_problems, service_groups
from planning.domain.horizon import Horizon, default_horizon, horizon_problems
from planning.i18n import Text, msg, msgn

MENTOR_NORMS = ("clients_per_mentor", "hourly_rate")
GIVEN_PLAN_COLUMNS = ("atvk_code", "service", "places", "facilities", "investment_eur")
# Persons with their packages (services joined by "+") and priority class ("": the default
# of their package); when given, they replace the needs per service.
PERSON_COLUMNS = ("atvk_code", "group", "care_level", "package", "priority", "count")
PACKAGE_SEPARATOR = "+"
GOALS = ("unmet", "distance", "cost")
PRIORITY_MODES = ("strict", "weighted", "none")  # none: every person alike, no classes
GOAL_KINDS = ("lexicographic", "weighted")


@dataclass(frozen=True)
class InvalidValue:
    """One invalid value: where it is and what is expected."""

    section: str
    row: int | None
    column: str | None
    value: Any
    message: Text

    def describe(self, lang: str = "en") -> str:
        """``needs, row 3, column 'count': ...`` in ``lang``."""
        section = msg(f"section.{self.section.replace(' ', '_').replace('-', '_')}")
        place = ", ".join([section.render(lang), where(lang, row=self.row, column=self.column)])
        return placed(place.rstrip(", "), self.message, lang)


@dataclass(frozen=True)
class RegionBudget:
    """Money for one planning region.

    ``erdf_quota_eur`` is the ERDF quota; the total investment available is the quota plus
    municipal co-financing: ``quota / (1 - cofinancing_share)``.
    """

    erdf_quota_eur: float
    cofinancing_share: float = 0.15
    running_budget_eur_per_year: float | None = None

    @property
    def total_investment_eur(self) -> float:
        return self.erdf_quota_eur / (1 - self.cofinancing_share)


@dataclass(frozen=True)
class MunicipalityLimit:
    max_new_places: int | None = None
    max_new_facilities: int | None = None


@dataclass(frozen=True)
class ScenarioInputs:
    """Everything a scenario's optimisation depends on."""

    division: str = geo.DEFAULT_DIVISION
    region: str | None = None
    preset: str = "expert_2015"
    norm_overrides: dict[str, dict[str, float]] = field(default_factory=dict)
    mentor_overrides: dict[str, float] = field(default_factory=dict)
    needs: tuple[tuple[str, str, str, str, int], ...] = ()
    persons: tuple[tuple[str, str, str, str, str, int], ...] = ()
    budgets: dict[str, RegionBudget] = field(default_factory=dict)
    municipal_limits: dict[str, MunicipalityLimit] = field(default_factory=dict)
    equity_floor: float = 0.0
    facility_caps: dict[str, int] = field(default_factory=dict)
    non_participating: tuple[str, ...] = ()
    excluded_sites: tuple[tuple[str, str], ...] = ()
    cost_contingency: float = 0.0
    group_priorities: dict[str, float] = field(default_factory=dict)
    given_plan: tuple[tuple[str, str, int, int, float | None], ...] = ()
    municipal_cofinancing: dict[str, float] = field(default_factory=dict)
    min_occupancy: float | None = None
    priority_mode: str | None = None
    priority_order: tuple[str, ...] = ()
    priority_weights: dict[str, float] = field(default_factory=dict)
    goal_order: tuple[str, ...] = GOALS
    goal_kind: str = "lexicographic"
    plan_years: tuple[int, int] | None = None
    year_shares: tuple[float, ...] = ()
    closure_years: dict[str, int] = field(default_factory=dict)
    admissions_per_year: dict[str, float] = field(default_factory=dict)
    running_funded_share: float | None = None
    running_funded_until: int | None = None
    # services the user added to this scenario's catalogue (``planning.domain.user_services``)
    user_services: dict[str, dict[str, Any]] = field(default_factory=dict)
    staff_available: tuple[tuple[str, str, float], ...] = ()
    dwellings: tuple[tuple[str, float], ...] = ()
    # candidate sites and travel matrix from the user's GIS (``planning.domain.sites``);
    # travel_minutes: a service's reach in minutes (0 or absent: none)
    candidate_sites: tuple[tuple[str, str, float, float, str, str], ...] = ()
    travel_matrix: tuple[tuple[str, str, float, float], ...] = ()
    travel_minutes: dict[str, float] = field(default_factory=dict)
    # an amendment of an approved plan (planning.domain.progress): the openings already
    # built (ATVK code, service, year, places, investment EUR) and the first remaining year
    built: tuple[tuple[str, str, int, int, float], ...] = ()
    remaining_from: int | None = None

    # ------------------------------------------------------------------ views
    def needs_frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.needs), columns=reference.NEED_COLUMNS)

    def with_needs(self, frame: pd.DataFrame) -> ScenarioInputs:
        rows = tuple(
            (str(r.atvk_code), str(r.group), str(r.care_level or ""), str(r.service), int(r.count))
            for r in frame[reference.NEED_COLUMNS].itertuples(index=False)
        )
        return replace(self, needs=tuple(sorted(rows)))

    def persons_frame(self) -> pd.DataFrame:
        return pd.DataFrame(list(self.persons), columns=list(PERSON_COLUMNS))

    def with_persons(self, frame: pd.DataFrame) -> ScenarioInputs:
        """The inputs with ``frame`` (``PERSON_COLUMNS``) as the persons; rows of no persons
        dropped."""
        rows = tuple(
            (str(r.atvk_code), str(r.group), str(r.care_level or ""), str(r.package),
             str(r.priority or ""), int(r.count))
            for r in frame[list(PERSON_COLUMNS)].itertuples(index=False) if r.count > 0
        )
        return replace(self, persons=tuple(sorted(rows)))

    def given_plan_frame(self) -> pd.DataFrame:
        """The plan entered or imported to be evaluated (``planning.domain.evaluation``):
        new places and facilities per municipality and service, with the plan's stated
        investment where known."""
        return pd.DataFrame(list(self.given_plan), columns=list(GIVEN_PLAN_COLUMNS))

    def with_given_plan(self, frame: pd.DataFrame) -> ScenarioInputs:
        """The inputs with ``frame`` (``GIVEN_PLAN_COLUMNS``) as the given plan; rows
        without places dropped."""
        rows = tuple(
            (str(r.atvk_code), str(r.service), int(r.places), int(r.facilities),
             None if pd.isna(r.investment_eur) else float(r.investment_eur))
            for r in frame[list(GIVEN_PLAN_COLUMNS)].itertuples(index=False) if r.places > 0
        )
        return replace(self, given_plan=tuple(sorted(rows)))

    def regions(self) -> list[str]:
        return [self.region] if self.region else list(geo.REGIONS)

    def horizon(self) -> Horizon:
        """The plan's years with its yearly money and fixed closures (five years from this
        one when the scenario sets none)."""
        default = default_horizon()
        first, last = self.plan_years or (default.first_year, default.last_year)
        return Horizon(first, last, budget_shares=self.year_shares,
                       closure_years=dict(self.closure_years),
                       admissions_per_year=dict(self.admissions_per_year),
                       running_funded_share=self.running_funded_share,
                       running_funded_until=self.running_funded_until)

    def catalogue(self, base: Catalogue | None = None) -> Catalogue:
        """The catalogue with this scenario's preset, its own services and norm overrides
        applied."""
        return self.with_own_services(base).with_preset(self.preset).with_overrides(
            self.norm_overrides)

    def with_own_services(self, base: Catalogue | None = None) -> Catalogue:
        """``base`` (the file's catalogue) with this scenario's valid user services, the
        norms as entered (no preset, no overrides): what editors name services by."""
        base = (base or load_catalogue()).without_user_services()
        return base.with_user_services(user_services.services(self.user_services, base),
                                       user_services.home_services(self.user_services, base),
                                       user_services.centres(self.user_services, base))

    # ------------------------------------------------------------------ JSON
    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["needs"] = [list(r) for r in self.needs]
        data["persons"] = [list(r) for r in self.persons]
        data["non_participating"] = list(self.non_participating)
        data["excluded_sites"] = [list(s) for s in self.excluded_sites]
        data["given_plan"] = [list(r) for r in self.given_plan]
        data["priority_order"] = list(self.priority_order)
        data["goal_order"] = list(self.goal_order)
        data["staff_available"] = [list(r) for r in self.staff_available]
        data["dwellings"] = [list(r) for r in self.dwellings]
        data["candidate_sites"] = [list(r) for r in self.candidate_sites]
        data["travel_matrix"] = [list(r) for r in self.travel_matrix]
        data["built"] = [list(r) for r in self.built]
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ScenarioInputs:
        known = set(cls.__dataclass_fields__)
        unknown = sorted(set(data) - known)
        if unknown:
            raise InputError(msg("inputs.unknown_keys", keys=", ".join(unknown)))
        try:
            return cls(
                division=str(data.get("division", geo.DEFAULT_DIVISION)),
                region=data.get("region"),
                preset=data.get("preset", "expert_2015"),
                norm_overrides={
                    s: {k: float(v) for k, v in n.items()}
                    for s, n in data.get("norm_overrides", {}).items()
                },
                mentor_overrides={
                    k: float(v) for k, v in data.get("mentor_overrides", {}).items()
                },
                needs=tuple(
                    (str(c), str(g), str(lv or ""), str(s), int(n))
                    for c, g, lv, s, n in data.get("needs", [])
                ),
                persons=tuple(
                    (str(c), str(g), str(lv or ""), str(pk), str(pr or ""), int(n))
                    for c, g, lv, pk, pr, n in data.get("persons", [])
                ),
                budgets={r: RegionBudget(**b) for r, b in data.get("budgets", {}).items()},
                municipal_limits={
                    c: MunicipalityLimit(**lim)
                    for c, lim in data.get("municipal_limits", {}).items()
                },
                equity_floor=float(data.get("equity_floor", 0.0)),
                facility_caps={s: int(n) for s, n in data.get("facility_caps", {}).items()},
                non_participating=tuple(data.get("non_participating", ())),
                excluded_sites=tuple(tuple(x) for x in data.get("excluded_sites", ())),
                cost_contingency=float(data.get("cost_contingency", 0.0)),
                group_priorities={
                    g: float(w) for g, w in data.get("group_priorities", {}).items()
                },
                given_plan=tuple(
                    (str(c), str(s), int(p), int(f), None if i is None else float(i))
                    for c, s, p, f, i in data.get("given_plan", [])
                ),
                municipal_cofinancing={
                    str(c): float(s) for c, s in data.get("municipal_cofinancing", {}).items()
                },
                min_occupancy=(None if data.get("min_occupancy") is None
                               else float(data["min_occupancy"])),
                priority_mode=data.get("priority_mode"),
                priority_order=tuple(str(c) for c in data.get("priority_order", ())),
                priority_weights={
                    str(c): float(w) for c, w in data.get("priority_weights", {}).items()
                },
                goal_order=tuple(str(g) for g in data.get("goal_order", GOALS)),
                goal_kind=str(data.get("goal_kind", "lexicographic")),
                plan_years=(None if data.get("plan_years") is None
                            else (int(data["plan_years"][0]), int(data["plan_years"][1]))),
                year_shares=tuple(float(v) for v in data.get("year_shares", ())),
                closure_years={str(b): int(y) for b, y in data.get("closure_years", {}).items()},
                admissions_per_year={
                    str(b): float(a) for b, a in data.get("admissions_per_year", {}).items()
                },
                running_funded_share=(None if data.get("running_funded_share") is None
                                      else float(data["running_funded_share"])),
                running_funded_until=(None if data.get("running_funded_until") is None
                                      else int(data["running_funded_until"])),
                user_services={str(sid): dict(e) for sid, e in
                               data.get("user_services", {}).items()},
                staff_available=tuple((str(r), str(q), float(n))
                                      for r, q, n in data.get("staff_available", ())),
                dwellings=tuple((str(c), float(n)) for c, n in data.get("dwellings", ())),
                candidate_sites=tuple(
                    (str(n), str(c), float(la), float(lo), str(s or ""), str(r or ""))
                    for n, c, la, lo, s, r in data.get("candidate_sites", [])),
                travel_matrix=tuple(
                    (str(o), str(s), float(k), float(m))
                    for o, s, k, m in data.get("travel_matrix", [])),
                travel_minutes={str(s): float(m)
                                for s, m in data.get("travel_minutes", {}).items()},
                built=tuple((str(c), str(s), int(y), int(p), float(i))
                            for c, s, y, p, i in data.get("built", [])),
                remaining_from=(None if data.get("remaining_from") is None
                                else int(data["remaining_from"])),
            )
        except (TypeError, ValueError, OverflowError) as exc:
            raise InputError(msg("inputs.malformed", error=str(exc))) from exc

    @classmethod
    def from_json(cls, text: str) -> ScenarioInputs:
        try:
            return cls.from_dict(json.loads(text))
        except json.JSONDecodeError as exc:
            raise InputError(msg("inputs.not_json", error=str(exc))) from exc

    # ------------------------------------------------------------------ validation
    def problems(self, catalogue: Catalogue | None = None) -> list[InvalidValue]:
        """Every invalid value, with its place; empty when the inputs are valid."""
        catalogue = catalogue or load_catalogue()
        found: list[InvalidValue] = []
        if self.division not in geo.DIVISIONS:
            found.append(InvalidValue("scenario", None, "division", self.division,
                                 msg("inputs.unknown_division", options=", ".join(geo.DIVISIONS))))
            return found
        munis = geo.municipalities(self.division).set_index("atvk_code")
        if self.region is not None and self.region not in geo.REGIONS:
            found.append(InvalidValue("scenario", None, "region", self.region,
                                 msg("inputs.unknown_region_of", options=", ".join(geo.REGIONS))))
        if self.preset not in catalogue.presets:
            found.append(InvalidValue("norms", None, "preset", self.preset, msg(
                "inputs.unknown_preset", options=", ".join(catalogue.presets))))
        found += _user_service_problems(self.user_services, catalogue)
        catalogue = self.with_own_services(catalogue)
        found += _need_problems(self.needs, munis, catalogue)
        found += _person_problems(self.persons, munis, catalogue, self.region)
        found += _norm_problems(self.norm_overrides, catalogue)
        found += _budget_problems(self.budgets)
        found += _limit_problems(self, munis, catalogue)
        found += _plan_problems(self, munis, catalogue)
        found += _mentor_problems(self.mentor_overrides)
        found += _rule_problems(self, munis, catalogue)
        found += _horizon_problems(self)
        found += home_input_problems(self, munis, catalogue, InvalidValue)
        from planning.domain.sites import site_problems  # sites builds on this module

        found += site_problems(self, munis, catalogue)
        return found

    def validate(self, catalogue: Catalogue | None = None) -> None:
        """Raise InputError listing every problem, or return quietly."""
        found = self.problems(catalogue)
        if found:
            raise InputError(listing("inputs.problems_in", found))


def _need_problems(needs, munis: pd.DataFrame, catalogue: Catalogue) -> list[InvalidValue]:
    found = []
    groups_of = service_groups(catalogue)
    seen: set[tuple[str, str, str, str]] = set()
    for i, (code, group, level, service, count) in enumerate(needs, start=1):
        place = ("needs", i)
        if code not in munis.index:
            found.append(InvalidValue(*place, "atvk_code", code,
                                 msg("inputs.unknown_code_atvk")))
        if group not in catalogue.groups:
            found.append(InvalidValue(*place, "group", group,
                                 msg("inputs.unknown_group", options=", ".join(catalogue.groups))))
        elif level and level not in catalogue.groups[group].care_levels:
            found.append(InvalidValue(*place, "care_level", level,
                                 msg("inputs.no_care_level", group=group, level=level)))
        if service not in groups_of:
            found.append(InvalidValue(*place, "service", service, msg("inputs.unknown_service")))
        elif group in catalogue.groups and group not in groups_of[service]:
            found.append(InvalidValue(*place, "service", service,
                                 msg("inputs.service_not_for", service=service, group=group)))
        if not isinstance(count, int) or count < 0:
            found.append(InvalidValue(*place, "count", count, msg("inputs.whole_number")))
        elif bad := bounds.problem(count, bounds.MAX_COUNT):
            found.append(InvalidValue(*place, "count", count,
                                      msg("inputs.clients_in_row", problem=bad)))
        key = (code, group, level, service)
        if key in seen:
            found.append(InvalidValue(*place, None, key, msg("inputs.duplicated_row")))
        seen.add(key)
    return found


def _user_service_problems(entries: dict[str, dict[str, Any]],
                           catalogue: Catalogue) -> list[InvalidValue]:
    """Each user service (row = its place in the list), as the catalogue checks its own."""
    base = catalogue.without_user_services()
    return [InvalidValue("services", i, None, value,
                         msg("services.problem", service=user_services.Named.of(sid, entry),
                             problem=text))
            for i, (sid, entry) in enumerate(entries.items(), start=1)
            for _, value, text in user_services.problems(sid, entry, base, entries)]


def _norm_problems(overrides, catalogue: Catalogue) -> list[InvalidValue]:
    found = []
    for sid, norms in overrides.items():
        if sid not in catalogue.services:
            found.append(InvalidValue("norms", None, "service", sid, msg("inputs.unknown_service")))
            continue
        for norm, value in norms.items():
            if norm not in SERVICE_NUMBERS:
                found.append(InvalidValue("norms", None, norm, value,
                                          msg("inputs.unknown_norm", service=sid)))
            elif bad := bounds.problem(value, bounds.NORM_MAX[norm]):
                found.append(InvalidValue("norms", None, norm, value,
                                          msg("inputs.of", subject=sid, problem=bad)))
        if any(bounds.problem(v, bounds.NORM_MAX.get(n, 0)) for n, v in norms.items()):
            continue
        s = catalogue.services[sid]
        lo = norms.get("min_places", s.min_places)
        hi = norms.get("max_places", s.max_places)
        if lo > hi:
            found.append(InvalidValue("norms", None, "min_places", lo,
                                      msg("inputs.min_above_max", service=sid,
                                          low=f"{lo:g}", high=f"{hi:g}")))
    return found


def _budget_problems(budgets: dict[str, RegionBudget]) -> list[InvalidValue]:
    found = []
    for region, b in budgets.items():
        if region not in geo.REGIONS:
            found.append(InvalidValue("budgets", None, "region", region,
                                      msg("inputs.unknown_region")))
        if bad := bounds.problem(b.erdf_quota_eur, bounds.MAX_EUR):
            found.append(InvalidValue("budgets", None, "erdf_quota_eur", b.erdf_quota_eur,
                                 msg("inputs.quota", region=region, problem=bad)))
        if bounds.problem(b.cofinancing_share, 1) or not 0 <= b.cofinancing_share < 1:
            found.append(InvalidValue("budgets", None, "cofinancing_share", b.cofinancing_share,
                                 msg("inputs.share_below_1", subject=region)))
        running = b.running_budget_eur_per_year
        if running is not None and (bad := bounds.problem(running, bounds.MAX_EUR)):
            found.append(InvalidValue("budgets", None, "running_budget_eur_per_year", running,
                                 msg("inputs.of", subject=region, problem=bad)))
    return found


def _limit_problems(inputs: ScenarioInputs, munis: pd.DataFrame, catalogue) -> list[InvalidValue]:
    found = []
    for code, lim in inputs.municipal_limits.items():
        if code not in munis.index:
            found.append(InvalidValue("limits", None, "atvk_code", code,
                                      msg("inputs.unknown_code")))
        for name in ("max_new_places", "max_new_facilities"):
            value = getattr(lim, name)
            if value is not None and (bad := bounds.problem(value, bounds.MAX_COUNT)):
                found.append(InvalidValue("limits", None, name, value,
                                          msg("inputs.of", subject=code, problem=bad)))
    for code in inputs.non_participating:
        if code not in munis.index:
            found.append(InvalidValue("participation", None, "atvk_code", code,
                                 msg("inputs.unknown_code")))
    for code, sid in inputs.excluded_sites:
        if code not in munis.index or sid not in catalogue.services:
            found.append(InvalidValue("excluded sites", None, "site", f"{code}/{sid}",
                                 msg("inputs.unknown_site")))
    if bounds.problem(inputs.equity_floor, bounds.MAX_SHARE):
        found.append(InvalidValue("scenario", None, "equity_floor", inputs.equity_floor,
                             msg("inputs.share")))
    if bad := bounds.problem(inputs.cost_contingency, bounds.MAX_CONTINGENCY):
        found.append(InvalidValue("scenario", None, "cost_contingency", inputs.cost_contingency,
                             msg("inputs.contingency_bound", problem=bad)))
    for sid, cap in inputs.facility_caps.items():
        if sid not in catalogue.services or bounds.problem(cap, bounds.MAX_COUNT):
            found.append(InvalidValue("limits", None, "facility_caps", f"{sid}={cap}",
                                 msg("inputs.facility_cap", limit=bounds.MAX_COUNT)))
    for group, weight in inputs.group_priorities.items():
        if group not in catalogue.groups or bounds.problem(weight, bounds.MAX_PRIORITY):
            found.append(InvalidValue("priorities", None, "group_priorities", f"{group}={weight}",
                                 msg("inputs.group_weight")))
    return found


def _person_problems(persons, munis: pd.DataFrame, catalogue: Catalogue,
                     region: str | None) -> list[InvalidValue]:
    """Persons: known municipality and group, a package of known services each open to the
    group, a priority class of the region (or none), whole counts, each record once."""
    found = []
    seen: set[tuple[str, str, str, str, str]] = set()
    for i, (code, group, level, package, priority, count) in enumerate(persons, start=1):
        place = ("persons", i)
        if code not in munis.index:
            found.append(InvalidValue(*place, "atvk_code", code, msg("inputs.unknown_code_atvk")))
        if group not in catalogue.groups:
            found.append(InvalidValue(*place, "group", group,
                                      msg("inputs.unknown_group",
                                          options=", ".join(catalogue.groups))))
        elif level and level not in catalogue.groups[group].care_levels:
            found.append(InvalidValue(*place, "care_level", level,
                                      msg("inputs.no_care_level", group=group, level=level)))
        found += _package_problems(place, group, package, catalogue)
        if priority and (bad := priorities.class_problem(priority, catalogue, region)):
            found.append(InvalidValue(*place, "priority", priority, bad))
        if not isinstance(count, int) or count < 0:
            found.append(InvalidValue(*place, "count", count, msg("inputs.whole_number")))
        elif bad := bounds.problem(count, bounds.MAX_COUNT):
            found.append(InvalidValue(*place, "count", count, bad))
        key = (code, group, level, package, priority)
        if key in seen:
            found.append(InvalidValue(*place, None, "/".join(key), msg("inputs.duplicated_row")))
        seen.add(key)
    return found


def _package_problems(place: tuple[str, int], group: str, package: str,
                      catalogue: Catalogue) -> list[InvalidValue]:
    services = [s for s in package.split(PACKAGE_SEPARATOR) if s]
    if not services or len(set(services)) != len(services):
        return [InvalidValue(*place, "package", package, msg("inputs.bad_package"))]
    found = []
    groups_of = service_groups(catalogue)
    for sid in services:
        if sid not in groups_of:
            found.append(InvalidValue(*place, "package", sid, msg("inputs.unknown_service")))
        elif group in catalogue.groups and group not in groups_of[sid]:
            found.append(InvalidValue(*place, "package", sid,
                                      msg("inputs.service_not_for", service=sid, group=group)))
    return found


def _plan_problems(inputs: ScenarioInputs, munis: pd.DataFrame,
                   catalogue: Catalogue) -> list[InvalidValue]:
    """The given plan: known places and services, in the scenario's region, whole places in
    at least one facility each, only where the scenario allows building."""
    found = []
    seen: set[tuple[str, str]] = set()
    for i, (code, sid, places, facilities, investment) in enumerate(inputs.given_plan, start=1):
        place = ("plan", i)
        if code not in munis.index:
            found.append(InvalidValue(*place, "atvk_code", code, msg("inputs.unknown_code")))
        elif inputs.region and munis.loc[code, "planning_region"] != inputs.region:
            found.append(InvalidValue(*place, "atvk_code", code,
                                 msg("inputs.outside_region", region=inputs.region)))
        elif code in inputs.non_participating:
            found.append(InvalidValue(*place, "atvk_code", code,
                                 msg("inputs.not_participating")))
        if sid not in catalogue.services:
            found.append(InvalidValue(*place, "service", sid, msg("inputs.unknown_service")))
        elif (code, sid) in inputs.excluded_sites:
            found.append(InvalidValue(*place, "service", sid, msg("inputs.site_excluded")))
        if bad := bounds.problem(places, bounds.MAX_COUNT):
            found.append(InvalidValue(*place, "places", places, bad))
        elif places < 1 or not 1 <= facilities <= places:
            found.append(InvalidValue(*place, "facilities", facilities,
                                 msgn("inputs.facilities_for", places, most=max(places, 1))))
        if investment is not None and (bad := bounds.problem(investment, bounds.MAX_EUR)):
            found.append(InvalidValue(*place, "investment_eur", investment, bad))
        if (code, sid) in seen:
            found.append(InvalidValue(*place, None, f"{code}/{sid}", msg("inputs.duplicated_row")))
        seen.add((code, sid))
    return found


def _horizon_problems(inputs: ScenarioInputs) -> list[InvalidValue]:
    branches = set(priorities.institutions(inputs.region))
    return [InvalidValue("years", None, p.column, p.value, p.message)
            for p in horizon_problems(inputs.horizon(), branches)]


def _mentor_problems(overrides: dict[str, float]) -> list[InvalidValue]:
    found = []
    for name, value in overrides.items():
        if name not in MENTOR_NORMS:
            found.append(InvalidValue("mentor", None, name, value,
                                 msg("inputs.unknown_mentor", options=", ".join(MENTOR_NORMS))))
        elif name == "clients_per_mentor" and not value > 0:
            found.append(InvalidValue("mentor", None, name, value,
                                 msg("inputs.mentor_above_0")))
        elif bad := bounds.problem(value, bounds.MENTOR_MAX[name]):
            found.append(InvalidValue("mentor", None, name, value, bad))
    return found


def _rule_problems(inputs: ScenarioInputs, munis: pd.DataFrame,
                   catalogue: Catalogue) -> list[InvalidValue]:
    """Occupancy, co-financing per municipality, priority classes and the goal order."""
    found = []
    if inputs.min_occupancy is not None and not 0 <= inputs.min_occupancy <= 1:
        found.append(InvalidValue("scenario", None, "min_occupancy", inputs.min_occupancy,
                             msg("inputs.occupancy")))
    for code, share in inputs.municipal_cofinancing.items():
        if code not in munis.index:
            found.append(InvalidValue("co-financing", None, "atvk_code", code,
                                 msg("inputs.unknown_code")))
        if not 0 <= share < 1:
            found.append(InvalidValue("co-financing", None, "cofinancing_share", share,
                                 msg("inputs.share_below_1", subject=code)))
    classes = catalogue.priorities.classes
    if inputs.priority_mode is not None and inputs.priority_mode not in PRIORITY_MODES:
        found.append(InvalidValue("priorities", None, "mode", inputs.priority_mode,
                             msg("inputs.priority_mode")))
    for k, cid in enumerate(inputs.priority_order, start=1):
        if bad := priorities.class_problem(cid, catalogue, inputs.region):
            found.append(InvalidValue("priorities", k, "class", cid, bad))
    listed = [c for c in inputs.priority_order if c in classes]
    if inputs.priority_order and (sorted(listed) != sorted(classes)
                                  or len(set(inputs.priority_order)) < len(inputs.priority_order)):
        found.append(InvalidValue("priorities", None, "order", ", ".join(inputs.priority_order),
                             msg("inputs.each_class", options=", ".join(classes))))
    for cid, w in inputs.priority_weights.items():
        if priorities.class_problem(cid, catalogue, inputs.region) or \
                bounds.problem(w, bounds.MAX_PRIORITY):
            found.append(InvalidValue("priorities", None, "weights", f"{cid}={w}",
                                 msg("inputs.class_weight")))
    if sorted(inputs.goal_order) != sorted(GOALS):
        found.append(InvalidValue("goals", None, "order", ", ".join(inputs.goal_order),
                             msg("inputs.each_goal", options=", ".join(GOALS))))
    if inputs.goal_kind not in GOAL_KINDS:
        found.append(InvalidValue("goals", None, "kind", inputs.goal_kind,
                             msg("inputs.goal_kind", options=", ".join(GOAL_KINDS))))
    return found


def default_inputs(
    region: str | None = None,
    division: str = geo.DEFAULT_DIVISION,
    catalogue: Catalogue | None = None,
) -> ScenarioInputs:
    """A scenario on the embedded (illustrative) data, for a region or all of Latvia."""
    catalogue = catalogue or load_catalogue()
    if region is not None:
        region = geo.resolve_region(region)
    munis = geo.municipalities(division)
    needs = reference.illustrative_needs(division, catalogue)
    if region:
        codes = set(munis.loc[munis["planning_region"] == region, "atvk_code"])
        needs = needs[needs["atvk_code"].isin(codes)]
    quotas = reference.illustrative_region_quotas(division, catalogue).set_index(
        "planning_region"
    )
    cof = round(1 - catalogue.budget.erdf_share, 4)
    regions = [region] if region else list(geo.REGIONS)
    budgets = {
        r: RegionBudget(erdf_quota_eur=float(quotas.loc[r, "erdf_quota_eur"]),
                        cofinancing_share=cof)
        for r in regions
    }
    base = ScenarioInputs(division=division, region=region, budgets=budgets,
                          cost_contingency=catalogue.budget.cost_contingency)
    return base.with_needs(needs)


TENFOLD = 10


@dataclass(frozen=True)
class Suspicion:
    """A valid but suspicious change that asks for an explicit confirmation before it is
    saved: ``kind`` is ``zero_budget`` or ``halved_budget`` (``key``: region and budget,
    ``erdf_quota_eur`` or ``running_budget_eur_per_year``), ``tenfold_need`` (``key``: the
    need row) or ``tenfold_needs`` (the total)."""

    kind: str
    key: tuple[str, ...]
    before: float | None
    after: float


def suspicions(before: ScenarioInputs, after: ScenarioInputs) -> list[Suspicion]:
    """What in ``after`` (valid inputs) looks like a slip against ``before`` (the version
    it is based on): a budget set to 0 or cut to half or less, a need row or the total need
    ten times what it was.

    >>> inputs = default_inputs("Kurzeme")
    >>> region = next(iter(inputs.budgets))
    >>> cut = replace(inputs, budgets={region: RegionBudget(erdf_quota_eur=0.0)})
    >>> [s.kind for s in suspicions(inputs, cut)]
    ['zero_budget']
    """
    found: list[Suspicion] = []
    for region, budget in after.budgets.items():
        old = before.budgets.get(region)
        for name in ("erdf_quota_eur", "running_budget_eur_per_year"):
            was = None if old is None else getattr(old, name)
            now = getattr(budget, name)
            if now is None or now == was:
                continue
            if now == 0:
                found.append(Suspicion("zero_budget", (region, name), was, now))
            elif was and now <= was / 2:
                found.append(Suspicion("halved_budget", (region, name), was, now))
    old_needs = {row[:4]: row[4] for row in before.needs}
    for *key, count in after.needs:
        was = old_needs.get(tuple(key))
        if was and count >= TENFOLD * was:
            found.append(Suspicion("tenfold_need", tuple(key), was, count))
    total_before = sum(old_needs.values())
    total_after = sum(row[4] for row in after.needs)
    if total_before and total_after >= TENFOLD * total_before:
        found.append(Suspicion("tenfold_needs", (), total_before, total_after))
    return found


def zero_budgets(inputs: ScenarioInputs) -> list[str]:
    """The regions whose ERDF quota is 0: a run of them opens no facility that needs
    investment, so the run page says so before it starts.

    >>> inputs = default_inputs("Kurzeme")
    >>> region = next(iter(inputs.budgets))
    >>> zero_budgets(replace(inputs, budgets={region: RegionBudget(erdf_quota_eur=0.0)}))
    ['Kurzeme']
    """
    return sorted(r for r, b in inputs.budgets.items() if b.erdf_quota_eur == 0)
