"""The tables users import: their columns, headers in Latvian and English, and value types.

One schema per kind of file (needs, persons with packages, institutions, existing services,
norms, plan).
Templates are written from these schemas and uploads are read against them, so a header is
typed once — in the catalogue of texts: a column's header is the text ``schema.<key>``
(``schema.<kind>.<key>`` where a kind heads it otherwise), its help ``….help``, a sheet's
name ``schema.<kind>``. A column is recognised by its key, its Latvian or its English
header or an earlier header (``aliases``), ignoring case and diacritics (``Pašvaldība`` =
``pasvaldiba``).
"""

from __future__ import annotations

from dataclasses import dataclass

from planning import i18n
from planning.domain.catalogue import CENTRE_NUMBERS, SERVICE_NUMBERS
from planning.domain.errors import InputError
from planning.domain.geo import fold
from planning.domain.user_services import HOME_FIELDS


@dataclass(frozen=True)
class Column:
    key: str
    type: str = "text"  # code (ATVK), text, int (whole >= 0), number (>= 0), lat, lon, year
    required: bool = True
    text: str = ""  # the id of its header in the catalogue; "schema.<key>" when empty
    aliases: tuple[str, ...] = ()  # headers of earlier templates, still read

    @property
    def text_id(self) -> str:
        return self.text or f"schema.{self.key}"

    def header(self, lang: str) -> str:
        return i18n.t(self.text_id, lang)

    def help(self, lang: str) -> str:
        return i18n.t_or(f"{self.text_id}.help", lang, "")

    def names(self) -> set[str]:
        headers = (self.key, *(self.header(lang) for lang in i18n.LANGS), *self.aliases)
        return {fold(h) for h in headers}


@dataclass(frozen=True)
class Schema:
    kind: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def sheet(self, lang: str) -> str:
        return i18n.t(f"schema.{self.kind}", lang)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def match_header(self, header: str) -> Column | None:
        folded = fold(str(header))
        return next((c for c in self.columns if folded in c.names()), None)


_CODE = Column("atvk_code", "code", required=False)
_MUNI = Column("municipality", required=False)
_LAT = Column("lat", "lat", required=False)
_LON = Column("lon", "lon", required=False)
_STATUS = Column("data_status", required=False)
_SOURCE = Column("source", required=False)

NEEDS = Schema(
    "needs",
    (
        _CODE, _MUNI,
        Column("group"),
        Column("care_level", required=False),
        Column("service"),
        Column("count", "int"),
    ),
    key=("atvk_code", "group", "care_level", "service"),
)

PERSONS = Schema(
    "persons",
    (
        _CODE, _MUNI,
        Column("group"),
        Column("care_level", required=False),
        Column("package"),
        Column("priority", required=False),
        Column("count", "int"),
    ),
    key=("atvk_code", "group", "care_level", "package", "priority"),
)

INSTITUTIONS = Schema(
    "institutions",
    (
        Column("institution_id"),
        Column("name"),
        Column("operator", required=False),
        Column("kind", required=False),
        _CODE, _MUNI,
        Column("settlement", required=False),
        _LAT, _LON,
        Column("clients_adults_grt", "int"),
        Column("clients_children_orphans", "int",
               aliases=("Klienti: bāreņi", "Clients: orphans")),
        Column("clients_children_ft", "int"),
        Column("places", "int", required=False),
        Column("planned_closure_year", "year", required=False),
        Column("admissions_per_year", "int", required=False),
        _STATUS, _SOURCE,
    ),
    key=("institution_id",),
)

EXISTING_SERVICES = Schema(
    "existing_services",
    (
        Column("service_id"),
        Column("name"),
        Column("provider", required=False),
        _CODE, _MUNI,
        Column("settlement", required=False),
        _LAT, _LON,
        Column("type"),
        Column("service", required=False, text="schema.existing_services.service"),
        Column("places_licensed", "int"),
        Column("places_in_use", "int", required=False),
        _STATUS, _SOURCE,
    ),
    key=("service_id",),
)

NORMS = Schema(
    "norms",
    (
        Column("service", text="schema.norms.service"),
        Column("norm"),
        Column("value", "number"),
        Column("source", required=False, text="schema.norms.source"),
    ),
    key=("service", "norm"),
)

PLAN = Schema(
    "plan",
    (
        _MUNI, _CODE,
        Column("service", text="schema.plan.service"),
        Column("places", "int", text="schema.plan.places"),
        Column("facilities", "int", aliases=("Jauni objekti",)),
        Column("investment_eur", "number", required=False),
    ),
    key=("atvk_code", "service"),
)

# Candidate sites and the travel matrix from the user's GIS (``planning.io.sites``); the
# aliases are the column names ArcGIS (OD cost matrix), QGIS (QNEAT3) and OSRM tables use.
SITES = Schema(
    "sites",
    (
        Column("name", text="schema.sites.name", aliases=("site", "vieta")),
        _CODE, _MUNI,
        Column("lat", "lat", text="schema.sites.lat", aliases=("latitude", "y")),
        Column("lon", "lon", text="schema.sites.lon", aliases=("longitude", "x")),
        Column("services", required=False, text="schema.sites.services"),
        Column("risk", required=False, text="schema.sites.risk"),
    ),
    key=("name",),
)

TRAVEL = Schema(
    "travel",
    (
        Column("atvk_code", "code", required=False, text="schema.travel.origin_code",
               aliases=("origin_id", "originid")),
        Column("municipality", required=False, text="schema.travel.origin",
               aliases=("origin", "from", "originname", "origin_name")),
        Column("site", text="schema.travel.site",
               aliases=("destination", "to", "destinationname", "destination_name",
                        "destination_id")),
        Column("km", "number", text="schema.travel.km",
               aliases=("distance_km", "total_kilometers", "total_km", "length_km")),
        Column("minutes", "number", text="schema.travel.minutes",
               aliases=("duration_min", "total_minutes", "total_time", "travel_time",
                        "total_traveltime")),
    ),
    key=("atvk_code", "site"),
)

# Services a user adds to a scenario (planning.domain.user_services): one row each, its
# type of the catalogue (optional), names, kind, target groups (names joined by ";"), every
# number of its kind and its source: the place norms for a residential, day or support
# service, a profession and the hours and staff numbers (HOME_FIELDS) for a home-based one,
# the services it hosts (names joined by ";", instead of groups) and its shared costs
# (CENTRE_NUMBERS) for a centre; the other kinds' cells stay empty.
GROUP_SEPARATOR = ";"
SERVICES = Schema(
    "services",
    (
        Column("type", required=False, text="schema.services.type"),
        Column("name_lv", text="schema.services.name_lv"),
        Column("name_en", text="schema.services.name_en"),
        Column("service_kind", text="schema.services.service_kind"),
        Column("groups", required=False, text="schema.services.groups"),
        Column("hosted", required=False, text="schema.services.hosted"),
        *(Column(n, "number", required=False, text=f"norm.{n}") for n in SERVICE_NUMBERS),
        *(Column(f"source_{n}", required=False, text=f"schema.services.source_{n}")
          for n in SERVICE_NUMBERS),
        Column("profession", required=False, text="schema.services.profession"),
        *(Column(n, "number", required=False, text=f"norm.{n}") for n in HOME_FIELDS),
        *(Column(f"source_{n}", required=False, text=f"schema.services.source_{n}")
          for n in HOME_FIELDS),
        *(Column(n, "number", required=False, text=f"norm.{n}") for n in CENTRE_NUMBERS),
        *(Column(f"source_{n}", required=False, text=f"schema.services.source_{n}")
          for n in CENTRE_NUMBERS),
    ),
    key=("name_lv",),
)

SCHEMAS = {s.kind: s for s in (NEEDS, PERSONS, INSTITUTIONS, EXISTING_SERVICES, NORMS, PLAN,
                               SITES, TRAVEL, SERVICES)}


def schema(kind: str) -> Schema:
    """The schema of a kind of import file; unknown kinds name the known ones."""
    if kind not in SCHEMAS:
        raise InputError(i18n.msg("import.unknown_kind", kind=kind, options=", ".join(SCHEMAS)))
    return SCHEMAS[kind]
