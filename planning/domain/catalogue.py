"""The one catalogue of target groups, services and norms (``data/norms.toml``).

Loading validates the file and says what is wrong and where, e.g.
``norms.toml, [services.group_home] column 'min_places': 20 is larger than max_places 16``.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from optimizer.problem import SERVICE_KINDS as SERVICE_KINDS  # one list of kinds
from planning.domain.catalogue_checks import known_groups, require, sourced
from planning.domain.config import DATA_DIR
from planning.domain.cost_fit import CostFit, fit_costs
from planning.domain.errors import CatalogueError
from planning.domain.home_norms import (
    Adaptation,
    HomeService,
    parse_adaptations,
    parse_home_services,
)

SERVICE_NUMBERS = (
    "investment_per_place",
    "investment_per_facility",
    "running_cost_per_facility_year",
    "running_cost_per_day",
    "days_per_year",
    "clients_per_place",
    "min_places",
    "max_places",
    "staff_per_facility",
    "staff_per_place",
    "max_travel_km",
    "lead_years",
)
ILLUSTRATIVE = "illustrative"


@dataclass(frozen=True)
class Group:
    id: str
    name_lv: str
    name_en: str
    age: str
    care_levels: tuple[str, ...]

    def name(self, lang: str = "lv") -> str:
        return self.name_lv if lang == "lv" else self.name_en


@dataclass(frozen=True)
class Service:
    id: str
    name_lv: str
    name_en: str
    kind: str
    groups: tuple[str, ...]
    investment_per_place: float
    investment_per_facility: float
    running_cost_per_facility_year: float
    running_cost_per_day: float
    days_per_year: int
    clients_per_place: float
    min_places: int
    max_places: int
    staff_per_facility: float
    staff_per_place: float
    max_travel_km: float
    lead_years: int
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    user: bool = False  # added by a user to one scenario (``planning.domain.user_services``)

    @property
    def running_cost_per_place_year(self) -> float:
        return self.running_cost_per_day * self.days_per_year

    @property
    def cost_class(self) -> str:
        """The class whose fitted costs the observed preset gives this service."""
        return "residential" if self.kind == "residential" else "day_support"

    def name(self, lang: str = "lv") -> str:
        return self.name_lv if lang == "lv" else self.name_en

    def is_illustrative(self, norm: str) -> bool:
        return self.sources.get(norm, "").lower().startswith(ILLUSTRATIVE)


CENTRE_NUMBERS = ("investment_per_centre", "running_cost_per_centre_year", "staff_per_centre",
                  "min_clients_per_centre", "max_population_density")


@dataclass(frozen=True)
class Centre:
    """A multifunctional social service centre (``[centres.<id>]``): the day and support
    services it may host, its shared cost and the ages whose groups never share a room."""

    id: str
    name_lv: str
    name_en: str
    services: tuple[str, ...]
    investment_per_centre: float
    running_cost_per_centre_year: float
    staff_per_centre: float
    min_clients_per_centre: float
    max_population_density: float  # residents per km2 where a centre may be; 0: anywhere
    incompatible_ages: tuple[tuple[str, str], ...]
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    user: bool = False  # added by a scenario (planning.domain.user_services), not the file

    def name(self, lang: str = "lv") -> str:
        return self.name_lv if lang == "lv" else self.name_en

    def allowed_in(self, population: float, area_km2: float, kind: str) -> bool:
        """May a centre be in a municipality of this population, area and kind? Where the
        density is unknown, in a municipality (novads) but not a state city."""
        if self.max_population_density <= 0:
            return True
        if not population or not area_km2 or population != population or area_km2 != area_km2:
            return kind == "novads"
        return population / area_km2 <= self.max_population_density

    def incompatible_groups(self, groups: dict[str, Group]) -> list[list[str]]:
        """The pairs of groups whose ages are an incompatible pair."""
        pairs = {frozenset(p) for p in self.incompatible_ages}
        ids = sorted(groups)
        return [[a, b] for k, a in enumerate(ids) for b in ids[k + 1:]
                if frozenset((groups[a].age, groups[b].age)) in pairs]


@dataclass(frozen=True)
class Mentor:
    groups: tuple[str, ...]
    clients_per_mentor: int
    hourly_rate: float
    hours_per_month_with_family: float
    hours_per_month_other: float
    sources: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class BudgetDefaults:
    erdf_total: float
    erdf_share: float
    erdf_share_min: float
    cost_contingency: float
    eligible_share: float = 1.0
    sources: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Rules:
    """Planning rules every scenario starts from (``[rules]``)."""

    min_occupancy: float
    min_clients_per_facility: float
    day_with_residential: tuple[str, ...]
    sources: dict[str, str] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class PriorityClass:
    id: str
    name_lv: str
    name_en: str

    def name(self, lang: str = "lv") -> str:
        return self.name_lv if lang == "lv" else self.name_en


@dataclass(frozen=True)
class Priorities:
    """Who comes first (``[priorities]``): strict classes in ``order``, or ``weights``."""

    mode: str
    order: tuple[str, ...]
    weights: dict[str, float]
    classes: dict[str, PriorityClass]
    residential_default: str
    other_default: str
    by_institution: tuple[str, ...] = ()  # classes a user may narrow to one institution


PRIORITY_MODES = ("strict", "weighted")


@dataclass(frozen=True)
class DistanceSettings:
    detour_factor: float
    speed_kmh: float


@dataclass(frozen=True)
class Preset:
    id: str
    name_lv: str
    name_en: str
    description: str


@dataclass(frozen=True)
class ExistingType:
    id: str
    name_lv: str
    name_en: str
    legal: str


@dataclass(frozen=True)
class Catalogue:
    version: str
    groups: dict[str, Group]
    care_levels: dict[str, tuple[str, str]]
    services: dict[str, Service]
    mentor: Mentor
    budget: BudgetDefaults
    distance: DistanceSettings
    presets: dict[str, Preset]
    existing_types: dict[str, ExistingType]
    observed_projects: tuple[dict[str, Any], ...]
    other_services: dict[str, dict[str, Any]]
    rules: Rules
    priorities: Priorities
    preset: str = "expert_2015"
    preset_settings: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False)
    home_services: dict[str, HomeService] = field(default_factory=dict)
    adaptations: dict[str, Adaptation] = field(default_factory=dict)
    centres: dict[str, Centre] = field(default_factory=dict)

    def observed_fit(self) -> CostFit:
        """Investment per facility and per place by cost class, fitted to the observed ERDF
        9.3.1.1 projects (``planning.domain.cost_fit``)."""
        class_of = {sid: s.cost_class for sid, s in self.services.items()}
        return fit_costs(list(self.observed_projects), class_of)

    def with_preset(self, preset: str) -> Catalogue:
        """The catalogue with a norm preset applied (``expert_2015`` is the file as written)."""
        if preset not in self.presets:
            known = ", ".join(sorted(self.presets))
            raise CatalogueError(f"unknown norm preset '{preset}'; known presets: {known}")
        if preset == "expert_2015":
            return replace(self, preset=preset)
        fit = self.observed_fit()
        used = len(fit.residuals)
        services = {}
        for sid, s in self.services.items():
            if s.user:  # a user's own numbers and sources stay as entered
                services[sid] = s
                continue
            c = s.cost_class
            source = (f"ERDF-PROJ: non-negative least squares over {used} projects, class "
                      f"{c} (data/SOURCES.md)")
            services[sid] = replace(
                s,
                investment_per_facility=round(fit.per_facility[c], 0),
                investment_per_place=round(fit.per_place[c], 0),
                sources={**s.sources, "investment_per_place": source,
                         "investment_per_facility": source},
            )
        settings = self.preset_settings.get(preset, {})
        budget = self.budget
        if "eligible_share" in settings:
            budget = replace(budget, eligible_share=float(settings["eligible_share"]))
        return replace(self, services=services, budget=budget, preset=preset)

    def with_overrides(self, overrides: dict[str, dict[str, float]]) -> Catalogue:
        """The catalogue with per-scenario norm overrides ``{service: {norm: value}}``."""
        services = dict(self.services)
        for sid, norms in overrides.items():
            if sid not in services:
                raise CatalogueError(f"unknown service '{sid}' in norm overrides")
            values = {}
            for norm, value in norms.items():
                if norm not in SERVICE_NUMBERS:
                    raise CatalogueError(f"unknown norm '{norm}' for service '{sid}'")
                values[norm] = value
            candidate = replace(
                services[sid],
                **values,
                sources={
                    **services[sid].sources,
                    **{n: "scenario override" for n in values},
                },
            )
            _check_service_numbers(candidate, "scenario overrides")
            services[sid] = candidate
        return replace(self, services=services)

    def with_user_services(self, added: list[Service], home: Sequence[HomeService] = (),
                           centres: Sequence[Centre] = ()) -> Catalogue:
        """The catalogue with a scenario's own services (``planning.domain.user_services``),
        place-based (``added``), home-based (``home``) and multifunctional centres; one may
        replace an earlier user service of its id, never a service of the file."""
        services, home_services = dict(self.services), dict(self.home_services)
        own_centres = dict(self.centres)
        for c in centres:
            if c.id in own_centres and not own_centres[c.id].user:
                raise CatalogueError(f"user centre '{c.id}' has the id of a catalogue centre")
            own_centres[c.id] = c
        for s in added:
            if s.id in services and not services[s.id].user or s.id in home_services:
                raise CatalogueError(f"user service '{s.id}' has the id of a catalogue service")
            _check_service_numbers(s, "user services")
            services[s.id] = s
        for h in home:
            if h.id in services or h.id in home_services and not home_services[h.id].user:
                raise CatalogueError(f"user service '{h.id}' has the id of a catalogue service")
            home_services[h.id] = h
        return replace(self, services=services, home_services=home_services,
                       centres=own_centres)

    def without_user_services(self) -> Catalogue:
        return replace(self, services={k: s for k, s in self.services.items() if not s.user},
                       home_services={k: h for k, h in self.home_services.items()
                                      if not h.user},
                       centres={k: c for k, c in self.centres.items() if not c.user})

    def services_for_group(self, group: str) -> list[Service]:
        return [s for s in self.services.values() if group in s.groups]

    def illustrative_norms(self) -> list[tuple[str, str]]:
        return [
            (sid, norm)
            for sid, s in self.services.items()
            for norm in SERVICE_NUMBERS
            if s.is_illustrative(norm)
        ]


def load_catalogue(path: Path | str | None = None, preset: str = "expert_2015") -> Catalogue:
    """Load and validate the norms catalogue; raise CatalogueError naming the place and fix."""
    path = Path(path) if path else DATA_DIR / "norms.toml"
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise CatalogueError(
            "the file is not UTF-8 text; save it as UTF-8", file=path.name
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise CatalogueError(f"not valid TOML: {exc}", file=path.name) from exc
    return parse_catalogue(raw, source_name=path.name).with_preset(preset)


def parse_catalogue(raw: dict[str, Any], source_name: str = "norms.toml") -> Catalogue:
    groups = _parse_groups(raw, source_name)
    services = {
        sid: _parse_service(sid, body, groups, source_name)
        for sid, body in _section(raw, "services", source_name).items()
    }
    mentor = _parse_mentor(_section(raw, "mentor", source_name), groups, source_name)
    budget = _parse_budget(_section(raw, "budget", source_name), source_name)
    dist = _section(raw, "distance", source_name)
    presets = {
        pid: Preset(pid, p["name_lv"], p["name_en"], p.get("description", ""))
        for pid, p in _section(raw, "presets", source_name).items()
    }
    if "expert_2015" not in presets:
        raise CatalogueError("the preset [presets.expert_2015] is missing", file=source_name)
    existing = {
        tid: ExistingType(tid, entry["name_lv"], entry["name_en"], entry["legal"])
        for tid, entry in raw.get("existing_types", {}).items()
    }
    projects = tuple(raw.get("observed_projects", ()))
    _check_projects(projects, services, source_name)
    preset_settings = {
        pid: {k: v for k, v in p.items() if k not in ("name_lv", "name_en", "description")}
        for pid, p in raw["presets"].items()
    }
    return Catalogue(
        version=str(raw.get("version", "")),
        groups=groups,
        care_levels={
            k: (v["name_lv"], v["name_en"]) for k, v in raw.get("care_levels", {}).items()
        },
        services=services,
        mentor=mentor,
        budget=budget,
        distance=DistanceSettings(float(dist["detour_factor"]), float(dist["speed_kmh"])),
        presets=presets,
        existing_types=existing,
        observed_projects=projects,
        other_services=dict(raw.get("other_services", {})),
        rules=_parse_rules(_section(raw, "rules", source_name), groups, source_name),
        priorities=_parse_priorities(_section(raw, "priorities", source_name), source_name),
        preset_settings=preset_settings,
        **_parse_home(raw, groups, services, source_name),
        centres={cid: _parse_centre(cid, body, services, groups, source_name)
                 for cid, body in raw.get("centres", {}).items()},
    )


def _parse_home(raw: dict[str, Any], groups: dict[str, Group], services: dict[str, Service],
                source_name: str) -> dict[str, Any]:
    """``[home_services]`` and ``[adaptations]`` (``planning.domain.home_norms``)."""
    home = parse_home_services(raw, groups, source_name)
    residential = {sid for sid, s in services.items() if s.kind == "residential"}
    classes = raw.get("priorities", {}).get("classes", {})
    return {"home_services": home,
            "adaptations": parse_adaptations(raw, groups, residential, home, classes,
                                             source_name)}


def _check_projects(projects: tuple[dict[str, Any], ...], services: dict[str, Service],
                    source_name: str) -> None:
    for i, p in enumerate(projects, start=1):
        if p.get("total_eur", 0) <= 0:
            raise CatalogueError("total_eur must be positive", file=source_name, row=i,
                                 column="observed_projects.total_eur")
        for f in p.get("facilities", ()):
            if f.get("service") not in services:
                raise CatalogueError(
                    f"unknown service {f.get('service')!r}; known: {', '.join(services)}",
                    file=source_name, row=i, column="observed_projects.facilities.service",
                    value=f.get("service"))
            if f.get("places", 0) <= 0 or f.get("count", 1) < 1:
                raise CatalogueError("places must be positive and count at least 1",
                                     file=source_name, row=i,
                                     column="observed_projects.facilities.places")


def _parse_rules(body: dict[str, Any], groups: dict[str, Group], source_name: str) -> Rules:
    occupancy = float(body.get("min_occupancy", 0.0))
    if not 0 <= occupancy <= 1:
        raise CatalogueError("[rules] min_occupancy is a share from 0 to 1", file=source_name,
                             column="min_occupancy", value=occupancy)
    least = float(body.get("min_clients_per_facility", 0.0))
    if least < 0:
        raise CatalogueError("[rules] min_clients_per_facility must be >= 0",
                             file=source_name, column="min_clients_per_facility", value=least)
    day = tuple(body.get("day_with_residential", ()))
    for gid in day:
        if gid not in groups:
            raise CatalogueError(f"[rules] day_with_residential names unknown group {gid!r}",
                                 file=source_name, column="day_with_residential", value=gid)
    return Rules(occupancy, least, day, dict(body.get("sources", {})))


def _parse_priorities(body: dict[str, Any], source_name: str) -> Priorities:
    classes = {cid: PriorityClass(cid, c["name_lv"], c["name_en"])
               for cid, c in body.get("classes", {}).items()}
    mode = body.get("mode", "strict")
    if mode not in PRIORITY_MODES:
        raise CatalogueError(f"[priorities] mode {mode!r} is not one of "
                             f"{', '.join(PRIORITY_MODES)}", file=source_name, column="mode",
                             value=mode)
    order = tuple(body.get("order", ()))
    weights = {k: float(v) for k, v in body.get("weights", {}).items()}
    named = [*order, *weights, body.get("residential_default"), body.get("other_default")]
    for cid in named:
        if cid not in classes:
            raise CatalogueError(f"[priorities] names unknown class {cid!r}; add it under "
                                 "[priorities.classes]", file=source_name, value=cid)
    if sorted(order) != sorted(classes):
        raise CatalogueError("[priorities] order must list every class once",
                             file=source_name, column="order")
    by_institution = tuple(body.get("by_institution", ()))
    for cid in by_institution:
        if cid not in classes:
            raise CatalogueError(f"[priorities] by_institution names unknown class {cid!r}",
                                 file=source_name, column="by_institution", value=cid)
    return Priorities(mode, order, weights, classes, body["residential_default"],
                      body["other_default"], by_institution)


def _section(raw: dict[str, Any], name: str, source_name: str) -> dict[str, Any]:
    if name not in raw or not isinstance(raw[name], dict):
        raise CatalogueError(f"the section [{name}] is missing", file=source_name)
    return raw[name]


def _parse_groups(raw: dict[str, Any], source_name: str) -> dict[str, Group]:
    groups = {}
    for gid, body in _section(raw, "groups", source_name).items():
        levels = tuple(body.get("care_levels", ()))
        unknown = [lv for lv in levels if lv not in raw.get("care_levels", {})]
        if unknown:
            raise CatalogueError(
                f"unknown care level {unknown[0]!r}; add it under [care_levels]",
                file=source_name, column=f"groups.{gid}.care_levels",
            )
        groups[gid] = Group(gid, body["name_lv"], body["name_en"], body.get("age", ""), levels)
    return groups


def _parse_service(
    sid: str, body: dict[str, Any], groups: dict[str, Group], source_name: str
) -> Service:
    where = f"[services.{sid}]"
    required = (*SERVICE_NUMBERS, "kind", "groups", "name_lv", "name_en")
    require(body, required, where, source_name)
    if body["kind"] not in SERVICE_KINDS:
        raise CatalogueError(
            f"{where} kind {body['kind']!r} is not one of {', '.join(SERVICE_KINDS)}",
            file=source_name, column="kind", value=body["kind"],
        )
    known_groups(body["groups"], groups, where, source_name)
    sourced(body, SERVICE_NUMBERS, where, f"services.{sid}", source_name)
    sources = dict(body.get("sources", {}))
    service = Service(
        id=sid,
        name_lv=body["name_lv"],
        name_en=body["name_en"],
        kind=body["kind"],
        groups=tuple(body["groups"]),
        investment_per_place=float(body["investment_per_place"]),
        investment_per_facility=float(body["investment_per_facility"]),
        running_cost_per_facility_year=float(body["running_cost_per_facility_year"]),
        running_cost_per_day=float(body["running_cost_per_day"]),
        days_per_year=int(body["days_per_year"]),
        clients_per_place=float(body["clients_per_place"]),
        min_places=int(body["min_places"]),
        max_places=int(body["max_places"]),
        staff_per_facility=float(body["staff_per_facility"]),
        staff_per_place=float(body["staff_per_place"]),
        max_travel_km=float(body["max_travel_km"]),
        lead_years=int(body["lead_years"]),
        sources=sources,
    )
    _check_service_numbers(service, source_name)
    return service


def _check_service_numbers(s: Service, source_name: str) -> None:
    where = f"[services.{s.id}]"
    for norm in SERVICE_NUMBERS:
        value = getattr(s, norm)
        if value < 0:
            raise CatalogueError(
                f"{where} {norm} is negative ({value}); costs, sizes and ratios must be >= 0",
                file=source_name, column=norm, value=value,
            )
    if s.min_places > s.max_places:
        raise CatalogueError(
            f"{where} min_places {s.min_places} is larger than max_places {s.max_places}",
            file=source_name, column="min_places", value=s.min_places,
        )
    if s.max_places < 1:
        raise CatalogueError(f"{where} max_places must be at least 1", file=source_name,
                             column="max_places", value=s.max_places)
    if s.clients_per_place <= 0:
        raise CatalogueError(f"{where} clients_per_place must be positive", file=source_name,
                             column="clients_per_place", value=s.clients_per_place)
    if not 0 < s.days_per_year <= 366:
        raise CatalogueError(f"{where} days_per_year must be between 1 and 366",
                             file=source_name, column="days_per_year", value=s.days_per_year)


def _parse_centre(cid: str, body: dict[str, Any], services: dict[str, Service],
                  groups: dict[str, Group], source_name: str) -> Centre:
    """A centre's section, checked: its numbers present, sourced and not negative, its
    services known and not residential, its incompatible ages pairs of known ages."""
    where = f"[centres.{cid}]"
    missing = [n for n in (*CENTRE_NUMBERS, "services", "name_lv", "name_en") if n not in body]
    if missing:
        raise CatalogueError(f"{where} lacks {', '.join(missing)}", file=source_name,
                             column=missing[0])
    sources = dict(body.get("sources", {}))
    for norm in CENTRE_NUMBERS:
        value = body[norm]
        if not isinstance(value, int | float) or isinstance(value, bool) or value < 0:
            raise CatalogueError(f"{where} {norm} must be a number of at least 0",
                                 file=source_name, column=norm, value=value)
        if not str(sources.get(norm, "")).strip():
            raise CatalogueError(f"{where} has no source for {norm}; add it under "
                                 f"[centres.{cid}.sources] (or say 'illustrative: ...')",
                                 file=source_name, column=norm)
    for sid in body["services"]:
        if sid not in services:
            raise CatalogueError(f"{where} names unknown service {sid!r}; known: "
                                 f"{', '.join(services)}", file=source_name, column="services",
                                 value=sid)
        if services[sid].kind == "residential":
            raise CatalogueError(f"{where} service {sid!r} is residential; a centre hosts day "
                                 "and support services", file=source_name, column="services",
                                 value=sid)
    ages = {g.age for g in groups.values()}
    pairs = body.get("incompatible_ages", [])
    for pair in pairs:
        if not isinstance(pair, list) or len(pair) != 2 or any(a not in ages for a in pair):
            raise CatalogueError(f"{where} incompatible_ages {pair!r} must be a pair of the "
                                 f"groups' ages ({', '.join(sorted(ages))})", file=source_name,
                                 column="incompatible_ages", value=pair)
    return Centre(
        id=cid, name_lv=body["name_lv"], name_en=body["name_en"],
        services=tuple(body["services"]),
        investment_per_centre=float(body["investment_per_centre"]),
        running_cost_per_centre_year=float(body["running_cost_per_centre_year"]),
        staff_per_centre=float(body["staff_per_centre"]),
        min_clients_per_centre=float(body["min_clients_per_centre"]),
        max_population_density=float(body["max_population_density"]),
        incompatible_ages=tuple((a, b) for a, b in pairs), sources=sources)


def _parse_mentor(body: dict[str, Any], groups: dict[str, Group], source_name: str) -> Mentor:
    for gid in body.get("groups", ()):
        if gid not in groups:
            raise CatalogueError(f"[mentor] names unknown target group {gid!r}",
                                 file=source_name, column="groups", value=gid)
    if body["clients_per_mentor"] <= 0:
        raise CatalogueError("[mentor] clients_per_mentor must be positive", file=source_name,
                             column="clients_per_mentor", value=body["clients_per_mentor"])
    if body["hourly_rate"] < 0:
        raise CatalogueError("[mentor] hourly_rate is negative", file=source_name,
                             column="hourly_rate", value=body["hourly_rate"])
    return Mentor(
        groups=tuple(body["groups"]),
        clients_per_mentor=int(body["clients_per_mentor"]),
        hourly_rate=float(body["hourly_rate"]),
        hours_per_month_with_family=float(body["hours_per_month_with_family"]),
        hours_per_month_other=float(body["hours_per_month_other"]),
        sources=dict(body.get("sources", {})),
    )


def _parse_budget(body: dict[str, Any], source_name: str) -> BudgetDefaults:
    for key in ("erdf_share", "erdf_share_min"):
        if not 0 < float(body[key]) <= 1:
            raise CatalogueError(f"[budget] {key} must be a share between 0 and 1",
                                 file=source_name, column=key, value=body[key])
    if float(body["erdf_total"]) < 0 or float(body.get("cost_contingency", 0)) < 0:
        raise CatalogueError("[budget] amounts must not be negative", file=source_name)
    return BudgetDefaults(
        erdf_total=float(body["erdf_total"]),
        erdf_share=float(body["erdf_share"]),
        erdf_share_min=float(body["erdf_share_min"]),
        cost_contingency=float(body.get("cost_contingency", 0.0)),
        eligible_share=float(body.get("eligible_share", 1.0)),
        sources=dict(body.get("sources", {})),
    )
