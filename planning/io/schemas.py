"""The tables users import: their columns, headers in Latvian and English, and value types.

One schema per kind of file (needs, institutions, existing services, norms). Templates are
written from these schemas and uploads are read against them, so a header is typed once.
A column is recognised by its key, its Latvian or its English header, ignoring case and
diacritics (``Pašvaldība`` = ``pasvaldiba``).
"""

from __future__ import annotations

from dataclasses import dataclass

from planning.domain.errors import InputError
from planning.domain.geo import fold


@dataclass(frozen=True)
class Column:
    key: str
    header_lv: str
    header_en: str
    type: str = "text"  # code (ATVK), text, int (whole >= 0), number (>= 0), lat, lon, year
    required: bool = True
    help_lv: str = ""
    help_en: str = ""

    def header(self, lang: str) -> str:
        return self.header_lv if lang == "lv" else self.header_en

    def help(self, lang: str) -> str:
        return self.help_lv if lang == "lv" else self.help_en

    def names(self) -> set[str]:
        return {fold(self.key), fold(self.header_lv), fold(self.header_en)}


@dataclass(frozen=True)
class Schema:
    kind: str
    sheet_lv: str
    sheet_en: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]

    def sheet(self, lang: str) -> str:
        return self.sheet_lv if lang == "lv" else self.sheet_en

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)

    def match_header(self, header: str) -> Column | None:
        folded = fold(str(header))
        return next((c for c in self.columns if folded in c.names()), None)


_CODE = Column("atvk_code", "ATVK kods", "ATVK code", "code", required=False,
               help_lv="7 cipari, piem. 0048000; vai aizpildiet pašvaldības nosaukumu",
               help_en="7 digits, e.g. 0048000; or fill in the municipality's name")
_MUNI = Column("municipality", "Pašvaldība", "Municipality", required=False,
               help_lv="nosaukums, ja nav ATVK koda", help_en="name, if there is no ATVK code")
_LAT = Column("lat", "Platums", "Latitude", "lat", required=False,
              help_lv="WGS84 grādi; tukšs = pašvaldības punkts",
              help_en="WGS84 degrees; empty = the municipality's point")
_LON = Column("lon", "Garums", "Longitude", "lon", required=False,
              help_lv="WGS84 grādi", help_en="WGS84 degrees")
_STATUS = Column("data_status", "Datu statuss", "Data status", required=False)
_SOURCE = Column("source", "Avots", "Source", required=False)

NEEDS = Schema(
    "needs", "Vajadzības", "Needs",
    (
        _CODE, _MUNI,
        Column("group", "Mērķa grupa", "Target group",
               help_lv="grupas kods vai nosaukums", help_en="group id or name"),
        Column("care_level", "Aprūpes līmenis", "Care level", required=False,
               help_lv="I-IV pieaugušajiem ar GRT, citādi tukšs",
               help_en="I-IV for adults with mental disorders, else empty"),
        Column("service", "Pakalpojums", "Service",
               help_lv="pakalpojuma kods vai nosaukums", help_en="service id or name"),
        Column("count", "Skaits", "Count", "int",
               help_lv="klientu skaits, vesels skaitlis >= 0",
               help_en="number of clients, a whole number >= 0"),
    ),
    key=("atvk_code", "group", "care_level", "service"),
)

INSTITUTIONS = Schema(
    "institutions", "Institūcijas", "Institutions",
    (
        Column("institution_id", "ID", "ID", help_lv="unikāls", help_en="unique"),
        Column("name", "Nosaukums", "Name"),
        Column("operator", "Uzturētājs", "Operator", required=False),
        Column("kind", "Veids", "Kind", required=False),
        _CODE, _MUNI,
        Column("settlement", "Apdzīvota vieta", "Settlement", required=False),
        _LAT, _LON,
        Column("clients_adults_grt", "Klienti: pieaugušie ar GRT", "Clients: adults GRT", "int"),
        Column("clients_children_orphans", "Klienti: bāreņi", "Clients: orphans", "int"),
        Column("clients_children_ft", "Klienti: bērni ar FT", "Clients: children FT", "int"),
        Column("places", "Vietas", "Places", "int", required=False),
        Column("planned_closure_year", "Plānotais slēgšanas gads", "Planned closure year",
               "year", required=False),
        Column("admissions_per_year", "Uzņemšana gadā", "Admissions per year", "int",
               required=False),
        _STATUS, _SOURCE,
    ),
    key=("institution_id",),
)

EXISTING_SERVICES = Schema(
    "existing_services", "Esošie pakalpojumi", "Existing services",
    (
        Column("service_id", "ID", "ID", help_lv="unikāls", help_en="unique"),
        Column("name", "Nosaukums", "Name"),
        Column("provider", "Sniedzējs", "Provider", required=False),
        _CODE, _MUNI,
        Column("settlement", "Apdzīvota vieta", "Settlement", required=False),
        _LAT, _LON,
        Column("type", "Pakalpojuma veids", "Service type",
               help_lv="viens no 22 sabiedrībā balstīto pakalpojumu veidiem",
               help_en="one of the 22 community service types"),
        Column("service", "Plānojamais pakalpojums", "Allocatable service", required=False,
               help_lv="pakalpojums, ko plāno optimizētājs; tukšs, ja nav",
               help_en="the service the optimizer allocates; empty if none"),
        Column("places_licensed", "Licencētās vietas", "Licensed places", "int"),
        Column("places_in_use", "Izmantotās vietas", "Places in use", "int", required=False),
        _STATUS, _SOURCE,
    ),
    key=("service_id",),
)

NORMS = Schema(
    "norms", "Normatīvi", "Norms",
    (
        Column("service", "Pakalpojums", "Service"),
        Column("norm", "Normatīvs", "Norm"),
        Column("value", "Vērtība", "Value", "number", help_lv=">= 0", help_en=">= 0"),
        Column("source", "Avots", "Source", required=False,
               help_lv="tikai informācijai", help_en="for information only"),
    ),
    key=("service", "norm"),
)

PLAN = Schema(
    "plan", "Plāns", "Plan",
    (
        _MUNI, _CODE,
        Column("service", "Pakalpojums", "Service",
               help_lv="pakalpojuma nosaukums (vai kods)", help_en="service name (or id)"),
        Column("places", "Jaunas vietas", "New places", "int",
               help_lv="plānā izveidotās vietas, vesels skaitlis >= 0",
               help_en="places the plan creates, a whole number >= 0"),
        Column("facilities", "Jauni objekti", "New facilities", "int",
               help_lv="ēkas vai dzīvokļi, kuros šīs vietas ir; >= 1, ja ir vietas",
               help_en="buildings or flats holding these places; >= 1 if there are places"),
        Column("investment_eur", "Investīcijas, EUR", "Investment, EUR", "number",
               required=False,
               help_lv="plānā norādītā summa (ja zināma); salīdzina ar normatīviem",
               help_en="the plan's stated amount (if known); compared with the norms"),
    ),
    key=("atvk_code", "service"),
)

SCHEMAS = {s.kind: s for s in (NEEDS, INSTITUTIONS, EXISTING_SERVICES, NORMS, PLAN)}


def schema(kind: str) -> Schema:
    """The schema of a kind of import file; unknown kinds name the known ones."""
    if kind not in SCHEMAS:
        raise InputError(f"unknown kind of file '{kind}'; use one of {', '.join(SCHEMAS)}")
    return SCHEMAS[kind]
