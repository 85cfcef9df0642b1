"""Tables of the services a user adds to a scenario (``planning.domain.user_services``):
the list the editor shows, the numbers-and-sources table a new service is entered in, and
reading that table back into an entry."""

from __future__ import annotations

from typing import Any

import pandas as pd

from planning import i18n
from planning.domain import user_services as us
from planning.domain.catalogue import CENTRE_NUMBERS, SERVICE_NUMBERS, Catalogue, Centre
from planning.domain.home_norms import HOME_NUMBERS, STAFF_NUMBERS, HomeService
from planning.domain.inputs import ScenarioInputs
from planning.domain.numbers import NotANumber, parse_entry
from planning.views.plan_tables import entry_text

NUMBER_COLUMNS = ("norm", "value", "source")


def kind_label(kind: str, lang: str) -> str:
    return i18n.t_or(f"service_kind.{kind}", lang, kind)


def legal_label(legal: str, lang: str) -> str:
    return i18n.t_or(f"legal.{legal}", lang, legal)


def services_frame(inputs: ScenarioInputs, catalogue: Catalogue, lang: str) -> pd.DataFrame:
    """One row per user service: name, kind, target groups, the existing type it comes
    from, and how many of its numbers are illustrative."""
    rows = []
    for entry in inputs.user_services.values():
        kind = entry.get("kind", "")
        type_id = entry.get("type", "")
        known = catalogue.existing_types.get(type_id)
        sources = entry.get("sources", {}) if isinstance(entry.get("sources"), dict) else {}
        rows.append({
            "service": entry.get(f"name_{lang}") or entry.get("name_lv", ""),
            "kind": kind_label(kind, lang),
            "groups": _hosted_names(entry, inputs, catalogue, lang) if kind == us.CENTRE
            else ", ".join(catalogue.groups[g].name(lang) if g in catalogue.groups
                           else str(g) for g in entry.get("groups", [])),
            "from_type": i18n.localized(known, lang) if known else "–",
            "illustrative": sum(str(sources.get(n, "")).lower().startswith(us.ILLUSTRATIVE)
                                for n in us.numbers_of(kind)),
        })
    return pd.DataFrame(rows, columns=["service", "kind", "groups", "from_type", "illustrative"])


def _hosted_names(entry: dict[str, Any], inputs: ScenarioInputs, catalogue: Catalogue,
                  lang: str) -> str:
    """A centre's services by name, the file's and the scenario's own."""
    own = {sid: e.get(f"name_{lang}") or e.get("name_lv", sid)
           for sid, e in inputs.user_services.items()}
    return ", ".join(catalogue.services[s].name(lang) if s in catalogue.services
                     else own.get(s, str(s)) for s in entry.get("services", []))


def hostable(catalogue: Catalogue, draft: dict[str, dict[str, Any]], lang: str
             ) -> dict[str, str]:
    """The services a new centre may host, id to name: the file's and the scenario's own day
    and support services that no other centre hosts."""
    hosted = us.hosts(catalogue, draft)
    options = {sid: s.name(lang) for sid, s in catalogue.services.items()
               if not s.user and s.kind != "residential"}
    options |= {sid: e.get(f"name_{lang}") or e.get("name_lv", sid) for sid, e in draft.items()
                if e.get("kind") in ("day", "support")}
    return {sid: name for sid, name in options.items() if sid not in hosted}


def numbers_frame(entry: dict[str, Any], lang: str, kind: str | None = None) -> pd.DataFrame:
    """One row per number a service of ``kind`` (default: the entry's) holds (index: the
    norm id): its label, the value as editable text and its source; a number the entry does
    not hold (another kind's) starts at 0 with no source."""
    sources, numbers = entry.get("sources", {}), us.numbers_of(kind or entry.get("kind"))
    return pd.DataFrame(
        [{"norm": i18n.t(f"norm.{n}", lang), "value": entry_text(entry.get(n, 0), lang),
          "source": sources.get(n, "")} for n in numbers],
        index=list(numbers), columns=list(NUMBER_COLUMNS))


def numbers_key(kind: str) -> str:
    """The numbers table's widget name for ``kind``: one for every place-based kind (a
    switch between them keeps what was typed), one for a home service's hours and staff,
    one for a centre's shared costs."""
    return {us.HOME: "home_numbers", us.CENTRE: "centre_numbers"}.get(kind, "place_numbers")


def start_entry(catalogue: Catalogue, type_id: str | None, like: str | None,
                lang: str) -> dict[str, Any]:
    """A new entry: names and legal category from the existing type ``type_id`` (or
    blank), numbers from the catalogue service ``like`` with its sources marked as borrowed
    (or 0 with no source, for the user to give)."""
    if type_id:
        entry = us.from_type(type_id, catalogue)
    else:
        entry = {"type": "", "name_lv": "", "name_en": "", "kind": "day", "groups": [],
                 **us.blank_numbers("day"), "sources": {}}
    if like in catalogue.home_services:
        entry = _like_home(entry, catalogue.home_services[like], lang)
    elif like in catalogue.centres:
        entry = _like_centre(entry, catalogue.centres[like], lang)
    elif like:
        model = catalogue.services[like]
        entry.update({n: getattr(model, n) for n in SERVICE_NUMBERS}, kind=model.kind,
                     groups=list(model.groups))
        entry["sources"] = {n: i18n.t("services.borrowed", lang, service=model.name(lang),
                                      source=model.sources.get(n, ""))
                            for n in SERVICE_NUMBERS}
    return entry


def like_options(catalogue: Catalogue) -> list[str]:
    """The catalogue's services a new one may borrow its numbers from: place-based, then
    home-based (with one profession: what an added home service holds), then centres."""
    return [*catalogue.services, *(h for h, s in catalogue.home_services.items()
                                   if len(s.staff) == 1), *catalogue.centres]


def like_name(catalogue: Catalogue, sid: str, lang: str) -> str:
    for section in (catalogue.home_services, catalogue.centres, catalogue.services):
        if sid in section:
            return section[sid].name(lang)
    return sid


def _like_centre(entry: dict[str, Any], model: Centre, lang: str) -> dict[str, Any]:
    """``entry`` of kind centre with the shared costs of ``model`` (not its services: a
    service is hosted by one kind of centre)."""
    return {**{k: v for k, v in entry.items() if k not in SERVICE_NUMBERS},
            **{n: getattr(model, n) for n in CENTRE_NUMBERS}, "kind": us.CENTRE,
            "services": [], "sources": {n: i18n.t("services.borrowed", lang,
                                                  service=model.name(lang),
                                                  source=model.sources.get(n, ""))
                                        for n in CENTRE_NUMBERS}}


def _like_home(entry: dict[str, Any], model: HomeService, lang: str) -> dict[str, Any]:
    """``entry`` of kind home with the hours and the one staff rule of ``model``."""
    (staff,) = model.staff
    numbers = {**{n: getattr(model, n) for n in HOME_NUMBERS},
               **{n: getattr(staff, n) for n in STAFF_NUMBERS}}
    keys = {**{n: n for n in HOME_NUMBERS},
            **{n: f"staff.{staff.profession}.{n}" for n in STAFF_NUMBERS}}
    sources = {n: i18n.t("services.borrowed", lang, service=model.name(lang),
                         source=model.sources.get(keys[n], "")) for n in numbers}
    return {**{k: v for k, v in entry.items() if k not in SERVICE_NUMBERS}, **numbers,
            "kind": us.HOME, "groups": list(model.groups),
            "profession": i18n.t_or(f"profession.{staff.profession}", lang, staff.profession),
            "sources": sources}


def entry_from_form(start: dict[str, Any], names: tuple[str, str], kind: str,
                    groups: list[str], numbers: pd.DataFrame, lang: str,
                    profession: str = "") -> dict[str, Any]:
    """The entry the editor's fields describe: typed numbers read the language's way
    (text that is no number kept as typed, so the check names it), sources stripped; a
    home service's ``profession`` as typed; for a centre, ``groups`` are the services it
    hosts."""
    entry = {k: v for k, v in start.items() if k in ("type", "legal")}
    entry.update(name_lv=names[0].strip(), name_en=names[1].strip(), kind=kind)
    if kind == us.CENTRE:
        entry["services"] = list(groups)
    else:
        entry["groups"] = list(groups)
    fields = us.numbers_of(kind)
    entry.update({n: _number(numbers.at[n, "value"], lang) for n in fields})
    entry["sources"] = {n: str(numbers.at[n, "source"] or "").strip() for n in fields
                        if str(numbers.at[n, "source"] or "").strip()}
    if kind == us.HOME:
        entry["profession"] = " ".join(profession.split())
    return entry


def problem_lines(sid: str, entry: dict[str, Any], catalogue: Catalogue,
                  others: dict[str, dict[str, Any]], lang: str) -> list[str]:
    """What is wrong with a new entry, in ``lang``; empty when it may be added."""
    return [i18n.render(text, lang)
            for _, _, text in us.problems(sid, entry, catalogue, {**others, sid: entry})]


def _number(value: Any, lang: str) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    if not isinstance(value, str):
        return value
    try:
        parsed = parse_entry(value, lang)
    except NotANumber:
        return value.strip()
    return int(parsed) if parsed is not None and float(parsed).is_integer() else parsed


def sources_frame(inputs: ScenarioInputs, lang: str) -> pd.DataFrame:
    """Every number of the user services with its source, each marked as entered by the
    user, or as illustrative where its source says so."""
    rows = []
    for entry in inputs.user_services.values():
        sources = entry.get("sources", {}) if isinstance(entry.get("sources"), dict) else {}
        for n in us.numbers_of(entry.get("kind")):
            source = str(sources.get(n, ""))
            mark = "services.mark_illustrative" if source.lower().startswith(
                us.ILLUSTRATIVE) else "services.mark_user"
            rows.append({"service": entry.get(f"name_{lang}") or entry.get("name_lv", ""),
                         "norm": i18n.t(f"norm.{n}", lang),
                         "value": entry_text(entry.get(n), lang),
                         "status": i18n.t(mark, lang), "source": source})
    return pd.DataFrame(rows, columns=["service", "norm", "value", "status", "source"])
