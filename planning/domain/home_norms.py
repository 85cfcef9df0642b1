"""Home-based support in the catalogue: ``[home_services.*]`` and ``[adaptations.*]`` of
``data/norms.toml``, validated like the services (section and column named in the message).

A home service is planned as staff and hours, not places (``optimizer.problem.HomeServiceNorm``);
a housing adaptation lets a person stay at home instead of taking a residential place
(``optimizer.problem.AdaptationNorm``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from planning.domain.catalogue_checks import known_groups, number, require, sourced
from planning.domain.errors import CatalogueError

HOME_NUMBERS = ("hours_per_client_month", "hourly_rate", "dwellings_per_client")
STAFF_NUMBERS = ("clients_per_staff", "hours_per_staff_month", "cost_per_staff_year")


@dataclass(frozen=True)
class StaffRule:
    profession: str
    clients_per_staff: float = 0.0
    hours_per_staff_month: float = 0.0
    cost_per_staff_year: float = 0.0


@dataclass(frozen=True)
class HomeService:
    id: str
    name_lv: str
    name_en: str
    groups: tuple[str, ...]
    hours_per_client_month: float
    hourly_rate: float
    dwellings_per_client: float
    staff: tuple[StaffRule, ...]
    sources: dict[str, str] = field(default_factory=dict, compare=False)
    user: bool = False  # added by a scenario (planning.domain.user_services), not the file

    def name(self, lang: str = "lv") -> str:
        return self.name_lv if lang == "lv" else self.name_en


@dataclass(frozen=True)
class Adaptation:
    id: str
    name_lv: str
    name_en: str
    investment_per_dwelling: float
    replaces: tuple[str, ...]
    home_service: str
    groups: tuple[str, ...]
    care_levels: tuple[str, ...] = ()
    priority_classes: tuple[str, ...] = ()
    sources: dict[str, str] = field(default_factory=dict, compare=False)

    def name(self, lang: str = "lv") -> str:
        return self.name_lv if lang == "lv" else self.name_en


def professions(home: dict[str, HomeService]) -> list[str]:
    """Every profession a home service needs, in catalogue order."""
    return list(dict.fromkeys(st.profession for h in home.values() for st in h.staff))


def parse_home_services(raw: dict[str, Any], groups: Any, source_name: str
                        ) -> dict[str, HomeService]:
    return {hid: _parse_home(hid, body, groups, source_name)
            for hid, body in raw.get("home_services", {}).items()}


def parse_adaptations(raw: dict[str, Any], groups: Any, residential: set[str],
                      home: dict[str, HomeService], classes: Any, source_name: str
                      ) -> dict[str, Adaptation]:
    out = {}
    for aid, body in raw.get("adaptations", {}).items():
        where = f"[adaptations.{aid}]"
        require(body, ("name_lv", "name_en", "investment_per_dwelling", "replaces",
                        "home_service", "groups"), where, source_name)
        number(body, "investment_per_dwelling", where, source_name)
        sourced(body, ("investment_per_dwelling",), where, f"adaptations.{aid}", source_name)
        for sid in body["replaces"]:
            if sid not in residential:
                raise CatalogueError(f"{where} replaces {sid!r}, not a residential service",
                                     file=source_name, column="replaces", value=sid)
        if body["home_service"] not in home:
            raise CatalogueError(f"{where} home_service {body['home_service']!r} is not under "
                                 "[home_services]", file=source_name, column="home_service",
                                 value=body["home_service"])
        known_groups(body["groups"], groups, where, source_name)
        for gid in body["groups"]:
            if gid not in home[body["home_service"]].groups:
                raise CatalogueError(f"{where} group {gid!r} may not use "
                                     f"{body['home_service']!r}", file=source_name,
                                     column="groups", value=gid)
        for c in body.get("priority_classes", ()):
            if c not in classes:
                raise CatalogueError(f"{where} names unknown priority class {c!r}",
                                     file=source_name, column="priority_classes", value=c)
        out[aid] = Adaptation(
            aid, body["name_lv"], body["name_en"], float(body["investment_per_dwelling"]),
            tuple(body["replaces"]), body["home_service"], tuple(body["groups"]),
            tuple(body.get("care_levels", ())), tuple(body.get("priority_classes", ())),
            dict(body.get("sources", {})))
    return out


def _parse_home(hid: str, body: dict[str, Any], groups: Any, source_name: str) -> HomeService:
    where = f"[home_services.{hid}]"
    require(body, ("name_lv", "name_en", "groups", *HOME_NUMBERS), where, source_name)
    known_groups(body["groups"], groups, where, source_name)
    for norm in HOME_NUMBERS:
        number(body, norm, where, source_name)
    staff = []
    for prof, rule in body.get("staff", {}).items():
        at = f"[home_services.{hid}.staff.{prof}]"
        for norm in STAFF_NUMBERS:
            if norm in rule:
                number(rule, norm, at, source_name)
        values = {n: float(rule.get(n, 0.0)) for n in STAFF_NUMBERS}
        if (values["clients_per_staff"] > 0) == (values["hours_per_staff_month"] > 0):
            raise CatalogueError(f"{at} gives clients_per_staff or hours_per_staff_month, "
                                 "one of them and above 0", file=source_name,
                                 column="clients_per_staff")
        if values["hours_per_staff_month"] > 0 and float(body["hours_per_client_month"]) <= 0:
            raise CatalogueError(f"{where} staff by hours need hours_per_client_month above 0",
                                 file=source_name, column="hours_per_client_month")
        staff.append(StaffRule(prof, **values))
    numbers = (*HOME_NUMBERS, *(f"staff.{st.profession}.{n}" for st in staff
                                for n in STAFF_NUMBERS if n in body["staff"][st.profession]))
    sourced(body, numbers, where, f"home_services.{hid}", source_name)
    return HomeService(hid, body["name_lv"], body["name_en"], tuple(body["groups"]),
                       float(body["hours_per_client_month"]), float(body["hourly_rate"]),
                       float(body["dwellings_per_client"]), tuple(staff),
                       dict(body.get("sources", {})))
