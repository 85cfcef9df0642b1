"""Turn validated rows into new values, all or nothing; nothing here stores anything.

Needs and norms give a new ``ScenarioInputs`` (the scenario service saves it as a new
version); institutions and existing services give a DataFrame with the columns of the
embedded reference files. If the result would be invalid as a whole (e.g. a norm override
makes min places larger than max places), the import is refused and the old value is kept.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from planning.domain import user_services as us
from planning.domain.catalogue import Catalogue, load_catalogue
from planning.domain.geo import fold
from planning.domain.inputs import PERSON_COLUMNS, ScenarioInputs
from planning.domain.reference import NEED_COLUMNS
from planning.i18n import msg
from planning.io.problems import ImportProblem, ImportRejected
from planning.io.schemas import EXISTING_SERVICES, INSTITUTIONS, PLAN, SERVICES, Schema

IMPORTED = "imported"


def apply_needs(inputs: ScenarioInputs, frame: pd.DataFrame, file: str) -> ScenarioInputs:
    """The inputs with their needs replaced by the file's rows (rows with count 0 dropped)."""
    rows = frame.loc[frame["count"] > 0, NEED_COLUMNS]
    return _checked(inputs.with_needs(rows), file)


def apply_persons(inputs: ScenarioInputs, frame: pd.DataFrame, file: str) -> ScenarioInputs:
    """The inputs with their persons replaced by the file's rows (rows of 0 dropped); the
    needs per service stay stored but are not used while persons are given."""
    rows = frame.loc[frame["count"] > 0, list(PERSON_COLUMNS)]
    return _checked(inputs.with_persons(rows), file)


def apply_norms(inputs: ScenarioInputs, frame: pd.DataFrame, file: str,
                catalogue: Catalogue | None = None) -> ScenarioInputs:
    """The inputs with the file's norm values; a value equal to the preset's drops its override.

    Norms the file does not list keep their current value.
    """
    catalogue = catalogue or load_catalogue()
    base = catalogue.with_preset(inputs.preset)
    overrides = {sid: dict(n) for sid, n in inputs.norm_overrides.items()}
    for r in frame.itertuples(index=False):
        mine = overrides.setdefault(r.service, {})
        if float(getattr(base.services[r.service], r.norm)) == float(r.value):
            mine.pop(r.norm, None)
        else:
            mine[r.norm] = float(r.value)
    cleaned = {sid: n for sid, n in overrides.items() if n}
    return _checked(replace(inputs, norm_overrides=cleaned), file, catalogue)


def apply_plan(inputs: ScenarioInputs, frame: pd.DataFrame, file: str,
               headers: dict[str, str] | None = None) -> ScenarioInputs:
    """The inputs with the file's rows as the given plan (rows with 0 places dropped).

    A row where the scenario does not allow building (a municipality marked as not
    participating, an excluded site) is refused with its row: evaluating it would break the
    scenario's own rules. ``headers``: the file's column headers, for the messages.
    """
    headers = headers or {}
    problems = []
    for r in frame.itertuples(index=False):
        if r.places <= 0:
            continue
        if r.atvk_code in inputs.non_participating:
            problems.append(ImportProblem(
                file, msg("import.plan_not_participating"), row=r.row,
                column=headers.get("atvk_code", PLAN.column("municipality").header("lv")),
                value=r.atvk_code))
        elif (r.atvk_code, r.service) in inputs.excluded_sites:
            problems.append(ImportProblem(
                file, msg("import.plan_site_excluded"), row=r.row,
                column=headers.get("service", PLAN.column("service").header("lv")),
                value=r.service))
    if problems:
        raise ImportRejected(problems)
    return _checked(inputs.with_given_plan(frame), file)


def apply_services(inputs: ScenarioInputs, frame: pd.DataFrame, file: str,
                   headers: dict[str, str] | None = None,
                   catalogue: Catalogue | None = None) -> ScenarioInputs:
    """The inputs with the file's rows as the scenario's added services (a service keeps
    its id when its Latvian name is unchanged, so needs for it still name it). Each row is
    checked as the catalogue checks its services; a problem names the row and column."""
    catalogue = (catalogue or load_catalogue()).without_user_services()
    ids = {fold(str(e.get("name_lv", ""))): sid for sid, e in inputs.user_services.items()}
    entries: dict[str, dict] = {}
    rows: dict[str, int] = {}
    for r in frame.itertuples(index=False):
        entry = service_entry(r._asdict(), catalogue)
        sid = ids.get(fold(entry["name_lv"])) or us.new_id(
            entry["name_en"], set(catalogue.services) | set(catalogue.home_services)
            | set(entries), entry["type"])
        entries[sid], rows[sid] = entry, r.row
    _read_hosted(entries, catalogue)
    problems = [
        ImportProblem(file, text, row=rows[sid], column=_service_header(field, headers or {}),
                      value=value)
        for sid, entry in entries.items()
        for field, value, text in us.problems(sid, entry, catalogue, entries)]
    if problems:
        raise ImportRejected(problems)
    return _checked(replace(inputs, user_services=entries), file, catalogue)


def service_entry(values: dict, catalogue: Catalogue) -> dict:
    """A user service entry from one validated row of the services file."""
    numbers = us.numbers_of(values["service_kind"])
    entry = {"type": values["type"] or "", "name_lv": str(values["name_lv"] or "").strip(),
             "name_en": str(values["name_en"] or "").strip(), "kind": values["service_kind"],
             "groups": list(values["groups"] or []),
             **{n: values[n] for n in numbers},
             "sources": {n: str(values[f"source_{n}"]).strip() for n in numbers
                         if values[f"source_{n}"] and str(values[f"source_{n}"]).strip()}}
    if entry["kind"] == us.HOME:
        entry["profession"] = " ".join(str(values["profession"] or "").split())
    if entry["kind"] == us.CENTRE:
        entry["services"] = list(values["hosted"] or [])
        entry.pop("groups")
    if entry["type"] in catalogue.existing_types:
        entry["legal"] = catalogue.existing_types[entry["type"]].legal
    return entry


def _read_hosted(entries: dict[str, dict], catalogue: Catalogue) -> None:
    """A centre's services from their names (or ids): the catalogue's, or the file's own
    rows; a name that is neither stays as written, for the check to name."""
    by_name = {fold(n): sid for sid, s in catalogue.services.items()
               for n in (sid, s.name_lv, s.name_en)}
    by_name |= {fold(str(e.get(f) or "")): sid for sid, e in entries.items()
                for f in ("name_lv", "name_en")}
    for entry in entries.values():
        if entry.get("kind") == us.CENTRE:
            entry["services"] = [by_name.get(fold(p), p) for p in entry["services"]]


def _service_header(field: str, headers: dict[str, str]) -> str:
    """The file's header of the column a user service's field comes from."""
    key = {"id": "name_en", "kind": "service_kind", "services": "hosted"}.get(field, field)
    key = f"source_{key.removeprefix('sources.')}" if key.startswith("sources.") else key
    return headers.get(key) or SERVICES.column(key).header("lv")


def reference_frame(frame: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    """Institutions or existing services in the columns of the embedded reference files."""
    if schema not in (INSTITUTIONS, EXISTING_SERVICES):
        raise ValueError(f"{schema.kind} is not reference data")
    keep = [c.key for c in schema.columns if c.key != "municipality"]
    out = frame[keep].copy()
    out["data_status"] = out["data_status"].fillna(IMPORTED)
    return out.reset_index(drop=True)


def _checked(new: ScenarioInputs, file: str, catalogue: Catalogue | None = None
             ) -> ScenarioInputs:
    found = new.problems(catalogue)
    if found:
        raise ImportRejected([
            ImportProblem(file, p.message, sheet=p.section, row=p.row, column=p.column,
                          value=p.value)
            for p in found
        ])
    return new
