"""The one catalogue of target groups, services and norms (``data/norms.toml``).

Loading validates the file and says what is wrong and where, e.g.
``norms.toml, [services.group_home] column 'min_places': 20 is larger than max_places 16``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from planning.domain.config import DATA_DIR
from planning.domain.errors import CatalogueError

SERVICE_KINDS = ("residential", "day", "support")
SERVICE_NUMBERS = (
    "investment_per_place",
    "investment_per_facility",
    "running_cost_per_day",
    "days_per_year",
    "clients_per_place",
    "min_places",
    "max_places",
    "staff_per_facility",
    "staff_per_place",
    "max_travel_km",
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
    running_cost_per_day: float
    days_per_year: int
    clients_per_place: float
    min_places: int
    max_places: int
    staff_per_facility: float
    staff_per_place: float
    max_travel_km: float
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def running_cost_per_place_year(self) -> float:
        return self.running_cost_per_day * self.days_per_year

    def name(self, lang: str = "lv") -> str:
        return self.name_lv if lang == "lv" else self.name_en

    def is_illustrative(self, norm: str) -> bool:
        return self.sources.get(norm, "").lower().startswith(ILLUSTRATIVE)


@dataclass(frozen=True)
class Mentor:
    groups: tuple[str, ...]
    clients_per_mentor: int
    hourly_rate: float
    hours_per_month_with_family: float
    hours_per_month_other: float
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def cost_per_client_year_other(self) -> float:
        return self.hourly_rate * self.hours_per_month_other * 12


@dataclass(frozen=True)
class BudgetDefaults:
    erdf_total: float
    erdf_share: float
    erdf_share_min: float
    cost_contingency: float
    sources: dict[str, str] = field(default_factory=dict, compare=False)


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
    preset: str = "expert_2015"

    def observed_cost_per_place(self) -> float:
        """Pooled investment per place of the observed ERDF 9.3.1.1 projects."""
        places = sum(p["places"] for p in self.observed_projects)
        return sum(p["total_eur"] for p in self.observed_projects) / places

    def with_preset(self, preset: str) -> Catalogue:
        """The catalogue with a norm preset applied (``expert_2015`` is the file as written)."""
        if preset not in self.presets:
            known = ", ".join(sorted(self.presets))
            raise CatalogueError(f"unknown norm preset '{preset}'; known presets: {known}")
        if preset == "expert_2015":
            return replace(self, preset=preset)
        per_place = round(self.observed_cost_per_place(), 2)
        source = f"ERDF-PROJ: pooled cost per place of {len(self.observed_projects)} projects"
        services = {
            sid: replace(
                s,
                investment_per_place=per_place,
                sources={**s.sources, "investment_per_place": source},
            )
            for sid, s in self.services.items()
        }
        return replace(self, services=services, preset=preset)

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
    for i, p in enumerate(projects, start=1):
        if p.get("places", 0) <= 0 or p.get("total_eur", 0) <= 0:
            raise CatalogueError(
                "places and total_eur must be positive", file=source_name, row=i,
                column="observed_projects",
            )
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
    )


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
    missing = [n for n in required if n not in body]
    if missing:
        raise CatalogueError(f"{where} lacks {', '.join(missing)}", file=source_name)
    if body["kind"] not in SERVICE_KINDS:
        raise CatalogueError(
            f"{where} kind {body['kind']!r} is not one of {', '.join(SERVICE_KINDS)}",
            file=source_name, column="kind", value=body["kind"],
        )
    for gid in body["groups"]:
        if gid not in groups:
            raise CatalogueError(
                f"{where} names unknown target group {gid!r}; known: {', '.join(groups)}",
                file=source_name, column="groups", value=gid,
            )
    sources = dict(body.get("sources", {}))
    unsourced = [n for n in SERVICE_NUMBERS if not str(sources.get(n, "")).strip()]
    if unsourced:
        raise CatalogueError(
            f"{where} has no source for {', '.join(unsourced)}; add it under "
            f"[services.{sid}.sources] (or say 'illustrative: ...')",
            file=source_name,
        )
    service = Service(
        id=sid,
        name_lv=body["name_lv"],
        name_en=body["name_en"],
        kind=body["kind"],
        groups=tuple(body["groups"]),
        investment_per_place=float(body["investment_per_place"]),
        investment_per_facility=float(body["investment_per_facility"]),
        running_cost_per_day=float(body["running_cost_per_day"]),
        days_per_year=int(body["days_per_year"]),
        clients_per_place=float(body["clients_per_place"]),
        min_places=int(body["min_places"]),
        max_places=int(body["max_places"]),
        staff_per_facility=float(body["staff_per_facility"]),
        staff_per_place=float(body["staff_per_place"]),
        max_travel_km=float(body["max_travel_km"]),
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
        sources=dict(body.get("sources", {})),
    )
