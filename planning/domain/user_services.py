"""Services a user adds to a scenario's catalogue (issue 16: a catalogue users extend).

A scenario keeps them in ``ScenarioInputs.user_services`` as plain JSON entries
``{id: {type, name_lv, name_en, kind, groups, <every SERVICE_NUMBERS>, sources}}``; they
join the catalogue's services for that scenario only (``ScenarioInputs.catalogue``), so the
optimizer sees them as ordinary service norms and needs can name them.

A service of kind ``home`` is given where the client lives, planned as staff and hours
like the file's ``[home_services]`` (``planning.domain.home_norms``): its entry holds the
:data:`HOME_FIELDS` instead of the place norms, and one ``profession`` whose staff give
it, by caseload (``clients_per_staff``) or by the clients' hours
(``hours_per_staff_month``). One profession per added service keeps it one row of a form
or a file; a service that needs two (Housing First) is in the file.

A ``centre`` is a multifunctional social service centre (DSPC) like the file's
``[centres]``: the day and support ``services`` it may host (the file's or the scenario's
own) and its shared :data:`CENTRE_NUMBERS`; its groups are its services' groups, and the
ages that never share a room are the file's centres' rule (children and adults).

A new service usually starts from one of the community service types of
``[existing_types]`` (its names and legal category), or from scratch. Every number needs a
source; a source starting with "illustrative" is allowed and labelled so wherever norms are
shown.

:func:`problems` checks an entry as the catalogue checks its own services, but says what
is wrong in the reader's language (``planning.i18n.Text``) and names the field.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from planning import i18n
from planning.domain import bounds
from planning.domain.catalogue import (
    CENTRE_NUMBERS,
    ILLUSTRATIVE,
    SERVICE_KINDS,
    SERVICE_NUMBERS,
    Catalogue,
    Centre,
    Service,
)
from planning.domain.home_norms import (
    HOME_NUMBERS,
    STAFF_NUMBERS,
    HomeService,
    StaffRule,
    professions,
)
from planning.i18n import Text, msg

HOME, CENTRE = "home", "centre"
USER_KINDS = (*SERVICE_KINDS, HOME, CENTRE)  # the kinds a user may give an added service
HOME_FIELDS = (*HOME_NUMBERS, *STAFF_NUMBERS)
WHOLE_NUMBERS = ("days_per_year", "min_places", "max_places", "lead_years")
TEXT_FIELDS = ("name_lv", "name_en")
MAX_NAME = 80
MAX_SOURCE = 500
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{1,47}$")
Problem = tuple[str, object, Text]  # field, value, message


@dataclass(frozen=True)
class Named:
    """A user service as a message names it: its name in the reader's language (its id
    while it has none)."""

    lv: str
    en: str

    @classmethod
    def of(cls, sid: str, entry: object) -> Named:
        names = entry if isinstance(entry, Mapping) else {}
        lv = str(names.get("name_lv") or "").strip() or sid
        return cls(lv, str(names.get("name_en") or "").strip() or lv)

    def describe(self, lang: str) -> str:
        return self.lv if lang == "lv" else self.en


def slug(text: str) -> str:
    """An id from a name: ``Pusceļa māja jauniešiem`` -> ``puscela_maja_jauniesiem``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", plain.lower())
    out = "_".join(words)[:48].strip("_")
    return out if out[:1].isalpha() else f"s_{out}"[:48]


def new_id(name_en: str, taken: set[str], type_id: str = "") -> str:
    """The id of a new service: its existing type's id, else a slug of its English name,
    with ``_2``, ``_3``... when that is taken."""
    first = type_id or slug(name_en or "service")
    candidate, k = first, 2
    while candidate in taken:
        candidate, k = f"{first}_{k}", k + 1
    return candidate


def numbers_of(kind: object) -> tuple[str, ...]:
    """The numbers an entry of ``kind`` holds: a home service's hours and staff, a
    centre's shared costs, else the place norms."""
    return {HOME: HOME_FIELDS, CENTRE: CENTRE_NUMBERS}.get(str(kind), SERVICE_NUMBERS)


def from_type(type_id: str, catalogue: Catalogue, kind: str = "day") -> dict[str, Any]:
    """A new entry prefilled from an existing community service type: its names and legal
    category; the numbers empty (0) with no source, for the user to fill in."""
    known = catalogue.existing_types[type_id]
    return {"type": type_id, "legal": known.legal, "name_lv": known.name_lv,
            "name_en": known.name_en, "kind": kind, **({} if kind == CENTRE else {"groups": []}),
            **blank_numbers(kind), "sources": {}}


def blank_numbers(kind: str) -> dict[str, Any]:
    """The numbers of a new entry of ``kind``, 0 (and no profession yet for a home one, no
    services yet for a centre)."""
    return {n: 0 for n in numbers_of(kind)} | {HOME: {"profession": ""},
                                               CENTRE: {"services": []}}.get(kind, {})


def profession_id(text: object, known: Iterable[str]) -> str:
    """The profession a user typed: one of the catalogue's ``known`` professions when it
    names one (its id, or its name in either language, so staff available count for both),
    else the text itself."""
    typed = " ".join(str(text or "").split())
    for profession in known:
        names = {profession, *(i18n.t_or(f"profession.{profession}", lang, profession)
                               for lang in i18n.LANGS)}
        if typed.casefold() in {n.casefold() for n in names}:
            return profession
    return typed


def to_service(sid: str, entry: Mapping[str, Any]) -> Service:
    """The catalogue service of a valid entry (check :func:`problems` first)."""
    whole = {n: int(entry[n]) for n in WHOLE_NUMBERS}
    return Service(
        id=sid, name_lv=str(entry["name_lv"]).strip(), name_en=str(entry["name_en"]).strip(),
        kind=str(entry["kind"]), groups=tuple(entry["groups"]),
        **{n: float(entry[n]) for n in SERVICE_NUMBERS if n not in WHOLE_NUMBERS}, **whole,
        sources={n: str(entry["sources"][n]).strip() for n in SERVICE_NUMBERS}, user=True)


def to_home_service(sid: str, entry: Mapping[str, Any], known: Iterable[str] = ()
                    ) -> HomeService:
    """The catalogue home service of a valid entry of kind ``home`` (``known``: the
    catalogue's professions, which its profession may name)."""
    staff = StaffRule(profession_id(entry["profession"], known),
                      **{n: float(entry[n]) for n in STAFF_NUMBERS})
    return HomeService(
        sid, str(entry["name_lv"]).strip(), str(entry["name_en"]).strip(),
        tuple(entry["groups"]), *(float(entry[n]) for n in HOME_NUMBERS), (staff,),
        sources={n: str(entry["sources"][n]).strip() for n in HOME_FIELDS}, user=True)


def to_centre(sid: str, entry: Mapping[str, Any], catalogue: Catalogue) -> Centre:
    """The catalogue centre of a valid entry of kind ``centre``."""
    ages = tuple(dict.fromkeys(p for c in catalogue.centres.values() if not c.user
                               for p in c.incompatible_ages))
    return Centre(sid, str(entry["name_lv"]).strip(), str(entry["name_en"]).strip(),
                  tuple(entry["services"]), *(float(entry[n]) for n in CENTRE_NUMBERS),
                  incompatible_ages=ages,
                  sources={n: str(entry["sources"][n]).strip() for n in CENTRE_NUMBERS},
                  user=True)


def services(entries: Mapping[str, Mapping[str, Any]], catalogue: Catalogue) -> list[Service]:
    """The valid place-based entries as catalogue services (invalid ones are left out; the
    scenario's problems name them)."""
    return [to_service(sid, e) for sid, e in entries.items()
            if e.get("kind") in SERVICE_KINDS and not problems(sid, e, catalogue, entries)]


def centres(entries: Mapping[str, Mapping[str, Any]], catalogue: Catalogue) -> list[Centre]:
    """The valid entries of kind ``centre`` as catalogue centres."""
    return [to_centre(sid, e, catalogue) for sid, e in entries.items()
            if e.get("kind") == CENTRE and not problems(sid, e, catalogue, entries)]


def home_services(entries: Mapping[str, Mapping[str, Any]], catalogue: Catalogue
                  ) -> list[HomeService]:
    """The valid entries of kind ``home`` as catalogue home services."""
    known = professions({k: h for k, h in catalogue.home_services.items() if not h.user})
    return [to_home_service(sid, e, known) for sid, e in entries.items()
            if e.get("kind") == HOME and not problems(sid, e, catalogue, entries)]


def problems(sid: str, entry: Mapping[str, Any], catalogue: Catalogue,
             others: Mapping[str, Mapping[str, Any]] | None = None) -> list[Problem]:
    """What is wrong with one entry, as ``(field, value, message)``; empty when valid.

    ``catalogue`` holds the file's services (user services in it are ignored); ``others``
    the scenario's user services, whose names a new one may not repeat."""
    if not isinstance(entry, Mapping):
        return [("service", sid, msg("services.not_entry"))]
    found = _identity_problems(sid, entry, catalogue, others or {})
    found += _number_problems(entry)
    if not found:
        found += {HOME: _home_problems, CENTRE: lambda e: []}.get(
            entry["kind"], _rule_problems)(entry)
    return found


def _identity_problems(sid: str, entry: Mapping[str, Any], catalogue: Catalogue,
                       others: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    found: list[Problem] = []
    fixed = {k: s for k, s in (*catalogue.services.items(), *catalogue.home_services.items(),
                               *catalogue.centres.items()) if not s.user}
    if not ID_PATTERN.match(str(sid)):
        found.append(("id", sid, msg("services.bad_id")))
    elif sid in fixed:
        found.append(("id", sid, msg("services.id_taken", name=fixed[sid].name_lv)))
    taken = {str(getattr(s, f)).casefold(): s.id for s in fixed.values() for f in TEXT_FIELDS}
    taken.update({str(o.get(f, "")).strip().casefold(): oid for oid, o in others.items()
                  if oid != sid and isinstance(o, Mapping) for f in TEXT_FIELDS})
    for f in TEXT_FIELDS:
        name = str(entry.get(f) or "").strip()
        if not name:
            found.append((f, "", msg("services.name_missing", field=msg(f"services.{f}"))))
        elif len(name) > MAX_NAME:
            found.append((f, name, msg("services.name_long", most=MAX_NAME)))
        elif name.casefold() in taken:
            found.append((f, name, msg("services.name_taken", name=name)))
    kind = entry.get("kind")
    if kind not in USER_KINDS:
        found.append(("kind", kind, msg("services.unknown_kind",
                                        options=", ".join(USER_KINDS))))
    if kind == CENTRE:
        return found + _hosted_problems(sid, entry, catalogue, others)
    groups = entry.get("groups")
    if not isinstance(groups, list | tuple) or not groups:
        found.append(("groups", groups, msg("services.no_groups")))
    else:
        for g in groups:
            if g not in catalogue.groups:
                found.append(("groups", g, msg("services.unknown_group", group=g,
                                               options=", ".join(catalogue.groups))))
    return found


def _number_problems(entry: Mapping[str, Any]) -> list[Problem]:
    """Each number present, finite, from 0 to its bound (whole where it counts), with a
    source."""
    found: list[Problem] = []
    sources = entry.get("sources")
    sources = sources if isinstance(sources, Mapping) else {}
    highest = {**bounds.NORM_MAX, **bounds.HOME_MAX, **bounds.CENTRE_MAX}
    for n in numbers_of(entry.get("kind")):
        value = entry.get(n)
        field = msg(f"norm.{n}")
        if bad := bounds.problem(value, highest[n]):
            found.append((n, value, msg("services.field", field=field, problem=bad)))
        elif n in WHOLE_NUMBERS and float(value) != int(value):
            found.append((n, value, msg("services.field", field=field,
                                        problem=msg("inputs.whole_number"))))
        source = str(sources.get(n) or "").strip()
        if not source:
            found.append((f"sources.{n}", "", msg("services.no_source", field=field,
                                                  illustrative=ILLUSTRATIVE)))
        elif len(source) > MAX_SOURCE:
            found.append((f"sources.{n}", source[:40], msg("services.source_long",
                                                           most=MAX_SOURCE)))
    return found


def _rule_problems(entry: Mapping[str, Any]) -> list[Problem]:
    """The catalogue's own rules on sizes (``catalogue._check_service_numbers``)."""
    lo, hi = entry["min_places"], entry["max_places"]
    found: list[Problem] = []
    if lo > hi:
        found.append(("min_places", lo, msg("services.min_above_max", low=f"{lo:g}",
                                            high=f"{hi:g}")))
    if hi < 1:
        found.append(("max_places", hi, msg("services.at_least", field=msg("norm.max_places"),
                                            least=1)))
    if entry["clients_per_place"] <= 0:
        found.append(("clients_per_place", entry["clients_per_place"],
                      msg("services.positive", field=msg("norm.clients_per_place"))))
    if entry["days_per_year"] < 1:
        found.append(("days_per_year", entry["days_per_year"],
                      msg("services.at_least", field=msg("norm.days_per_year"), least=1)))
    return found


def _home_problems(entry: Mapping[str, Any]) -> list[Problem]:
    """A home service's staff rule, as the file's are checked (``home_norms._parse_home``):
    a profession, and its staff by caseload or by hours, one of them."""
    found: list[Problem] = []
    profession = " ".join(str(entry.get("profession") or "").split())
    if not profession:
        found.append(("profession", "", msg("services.name_missing",
                                            field=msg("services.profession"))))
    elif len(profession) > MAX_NAME:
        found.append(("profession", profession, msg("services.name_long", most=MAX_NAME)))
    if (entry["clients_per_staff"] > 0) == (entry["hours_per_staff_month"] > 0):
        found.append(("clients_per_staff", entry["clients_per_staff"],
                      msg("services.one_staff_rule", clients=msg("norm.clients_per_staff"),
                          hours=msg("norm.hours_per_staff_month"))))
    elif entry["hours_per_staff_month"] > 0 and entry["hours_per_client_month"] <= 0:
        found.append(("hours_per_client_month", entry["hours_per_client_month"],
                      msg("services.positive", field=msg("norm.hours_per_client_month"))))
    return found


def hosts(catalogue: Catalogue, entries: Mapping[str, Mapping[str, Any]], but: str = ""
          ) -> dict[str, str]:
    """Each service a centre hosts, to that centre's Latvian name: the file's centres and
    the scenario's own (``entries``; the one of id ``but`` left out)."""
    host = {s: c.name_lv for c in catalogue.centres.values() if not c.user for s in c.services}
    host |= {s: str(o.get("name_lv") or oid) for oid, o in entries.items() if oid != but
             and isinstance(o, Mapping) and o.get("kind") == CENTRE
             for s in o.get("services") or ()}
    return host


def _hosted_problems(sid: str, entry: Mapping[str, Any], catalogue: Catalogue,
                     others: Mapping[str, Mapping[str, Any]]) -> list[Problem]:
    """A centre's services: at least one, each a day or support service of the file or of
    the scenario's own (never residential: a centre hosts no beds), and none that another
    centre hosts (the model gives each service one kind of centre)."""
    hosted = entry.get("services")
    if not isinstance(hosted, list | tuple) or not hosted:
        return [("services", hosted, msg("services.no_hosted"))]
    kinds = {k: s.kind for k, s in catalogue.services.items() if not s.user}
    kinds |= {oid: o.get("kind") for oid, o in others.items() if isinstance(o, Mapping)
              and o.get("kind") in SERVICE_KINDS}
    host = hosts(catalogue, others, but=sid)
    found: list[Problem] = []
    for service in hosted:
        if service not in kinds:
            found.append(("services", service, msg("services.unknown_hosted", service=service)))
        elif kinds[service] == "residential":
            found.append(("services", service, msg("services.residential_hosted",
                                                   service=service)))
        elif service in host:
            found.append(("services", service, msg("services.hosted_elsewhere",
                                                   service=service, centre=host[service])))
    return found
