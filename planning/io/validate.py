"""Check a table read from an upload against its schema, cell by cell, before anything is stored.

:func:`validate_table` either returns the parsed rows (a DataFrame with the schema's keys and
the spreadsheet ``row``) and a report of what was matched by name, or raises
``ImportRejected`` listing every problem with file, sheet, row, column, value and what is
expected: missing column, unknown ATVK code or name, unknown group or service, negative or
non-integer count, value out of range, duplicated row.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

from planning import i18n
from planning.domain import bounds, geo, priorities
from planning.domain import user_services as us
from planning.domain.catalogue import SERVICE_NUMBERS, Catalogue
from planning.domain.geo import fold
from planning.domain.home_inputs import service_groups
from planning.domain.inputs import PACKAGE_SEPARATOR
from planning.domain.sites import MAX_KM, MAX_MINUTES
from planning.domain.sites import SERVICE_SEPARATOR as SITE_SERVICE_SEPARATOR
from planning.i18n import Text, msg, msgn
from planning.io.problems import MAX_PROBLEMS, ImportProblem, ImportRejected
from planning.io.readers import RawTable
from planning.io.schemas import GROUP_SEPARATOR, Column, Schema

LAT_RANGE = (55.6, 58.1)
LON_RANGE = (20.9, 28.3)
YEAR_RANGE = (1990, 2100)


@dataclass
class MatchReport:
    """What an import matched by name or mapped, and which columns it ignored."""

    by_name: list[tuple[int, str, str, str]] = field(default_factory=list)
    notes: list[Text] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    def lines(self, lang: str = "en") -> list[str]:
        out = [i18n.t("import.matched", lang, row=r, given=given, name=name, code=code)
               for r, given, code, name in self.by_name]
        out += [i18n.render(note, lang) for note in self.notes]
        if self.ignored_columns:
            out.append(i18n.t("import.ignored", lang, columns=", ".join(self.ignored_columns)))
        return out


@dataclass(frozen=True)
class Validated:
    frame: pd.DataFrame
    report: MatchReport
    headers: dict[str, str] = field(default_factory=dict)  # the file's header of each key


class Municipalities:
    """ATVK codes and names of one division, for matching what users typed."""

    def __init__(self, division: str) -> None:
        self.division = division
        df = geo.municipalities(division)
        self.names = dict(zip(df["atvk_code"], df["name_lv"], strict=True))
        self.regions = dict(zip(df["atvk_code"], df["planning_region"], strict=True))
        self.by_name: dict[str, str] = {}
        for r in df.itertuples():  # other spellings first, so official names win a clash
            for alias in name_aliases(r.name_lv, r.name_en, r.kind):
                self.by_name[fold(alias)] = r.atvk_code
        for r in df.itertuples():  # 'Jelgava' is the city, not 'Jelgava Municipality'
            self.by_name[fold(r.name_lv)] = self.by_name[fold(r.name_en)] = r.atvk_code
        if geo.VARAKLANI not in self.names:  # merged into Madona on 1 July 2025
            old = geo.municipalities("2021").set_index("atvk_code").loc[geo.VARAKLANI]
            for alias in (old["name_lv"], old["name_en"], *name_aliases(
                    old["name_lv"], old["name_en"], old["kind"])):
                self.by_name[fold(alias)] = geo.code_in_division(geo.VARAKLANI, division)

    def code(self, text: str) -> tuple[str | None, Text | str]:
        """(code, "") for a known code, else (None, what is expected)."""
        code = re.sub(r"\s", "", text)
        if code.isdigit() and len(code) < 7:
            code = code.zfill(7)
        if not re.fullmatch(r"\d{7}", code):
            return None, msg("import.code_digits")
        mapped = geo.code_in_division(code, self.division)
        if mapped in self.names:
            return mapped, ""
        return None, msg("import.unknown_code", division=self.division)

    def by_text(self, name: str) -> tuple[str | None, Text | str]:
        code = self.by_name.get(fold(name))
        if code:
            return code, ""
        close = difflib.get_close_matches(fold(name), list(self.by_name), n=1, cutoff=0.75)
        hint = msg("import.did_you_mean", name=self.names[self.by_name[close[0]]]) if close else ""
        return None, msg("import.unknown_name", division=self.division, hint=hint)


def name_aliases(name_lv: str, name_en: str, kind: str) -> list[str]:
    """Spellings found in official files: 'Siguldas novads', 'Sigulda', 'Rīgas valstspilsēta'."""
    out = [name_en.removesuffix(" Municipality")]
    if kind == "valstspilsēta":
        genitive = name_lv + "s" if name_lv[-1] in "ae" else name_lv
        out += [f"{genitive} valstspilsēta", f"{genitive} valstspilsētas pašvaldība",
                f"{name_en} State City"]
    else:
        out += [name_lv.replace(" novads", " novada pašvaldība")]
    return out


# ---------------------------------------------------------------- cell parsers
def parse_number(text: str) -> float | None:
    """'1 234,5' or '1234.5' -> 1234.5; None if it is not a number."""
    s = text.replace("\u00a0", "").replace(" ", "")
    if s.count(",") == 1 and "." not in s:
        s = s.replace(",", ".")
    try:
        return float(s)
    except ValueError:
        return None


def parse_cell(text: str, col: Column) -> tuple[object, Text | str]:
    """(value, "") or (None, what is expected) for one non-empty cell."""
    if col.type in ("text", "code"):
        return text, ""
    number = parse_number(text)
    if number is None:
        return None, msg("import.not_number", expected=expectation(col))
    high = {"int": bounds.MAX_COUNT, "number": bounds.MAX_EUR}.get(col.type, math.inf)
    if not math.isfinite(number) or number > high:
        return None, msg("import.expected", problem=bounds.problem(number, high),
                         expected=expectation(col))
    if col.type in ("int", "year", "number") and number < 0:
        return None, msg("import.negative", expected=expectation(col))
    if col.type in ("int", "year") and not number.is_integer():
        return None, msg("import.not_whole", expected=expectation(col))
    low_high = {"lat": LAT_RANGE, "lon": LON_RANGE, "year": YEAR_RANGE}.get(col.type)
    if low_high and not low_high[0] <= number <= low_high[1]:
        return None, msg("import.out_of_range", expected=expectation(col))
    return (int(number) if col.type in ("int", "year") else number), ""


def expectation(col: Column) -> Text:
    """What a cell of ``col`` must hold, as the message names it."""
    ranges = {"year": YEAR_RANGE, "lat": LAT_RANGE, "lon": LON_RANGE}
    low, high = ranges.get(col.type, (None, None))
    kind = col.type if col.type in ("int", "number", *ranges) else "value"
    return msg(f"import.expect.{kind}", low=low, high=high)


# ---------------------------------------------------------------- the table
class _Checker:
    def __init__(self, raw: RawTable, schema: Schema, region: str | None = None) -> None:
        self.raw = raw
        self.schema = schema
        self.region = region  # the scenario's: its institutions are the priority classes'
        self.problems: list[ImportProblem] = []
        self.report = MatchReport()
        self.positions: dict[str, int] = {}

    def add(self, message: Text | str, row: int | None = None, column: str | None = None,
            value: object = None) -> None:
        if not self.full:
            self.problems.append(ImportProblem(self.raw.file, message, self.raw.sheet, row,
                                               column, value))

    @property
    def full(self) -> bool:
        """Whether checking should stop (``MAX_PROBLEMS`` found)."""
        return len(self.problems) >= MAX_PROBLEMS

    def header(self, key: str) -> str:
        """The column's header as written in the file (Latvian header if it is missing)."""
        if key in self.positions:
            return self.raw.headers[self.positions[key]]
        return self.schema.column(key).header("lv")

    def map_headers(self) -> None:
        """Find each schema column in the file; problems for missing and repeated columns."""
        found = self.positions
        for i, header in enumerate(self.raw.headers):
            col = self.schema.match_header(header)
            if col is None:
                if header:
                    self.report.ignored_columns.append(header)
            elif col.key in found:
                self.add(msg("import.column_repeated", other=found[col.key] + 1), 1, header)
            else:
                found[col.key] = i
        needs_place = "atvk_code" in {c.key for c in self.schema.columns}
        if needs_place and not {"atvk_code", "municipality"} & set(found):
            self.add(msg("import.missing_place"), 1, self.schema.column("atvk_code").header("lv"))
        for col in self.schema.columns:
            if col.required and col.key not in found:
                self.add(msg("import.missing_column", lv=col.header("lv"), en=col.header("en")), 1,
                         col.header("lv"))


def validate_table(
    raw: RawTable,
    schema: Schema,
    *,
    division: str,
    catalogue: Catalogue,
    region: str | None = None,
) -> Validated:
    """Parse every cell of ``raw`` by ``schema``; raise ImportRejected listing all problems."""
    ch = _Checker(raw, schema, region)
    ch.map_headers()
    if ch.problems:
        raise ImportRejected(ch.problems)
    munis = Municipalities(division)
    rows = []
    for number, cells in zip(raw.row_numbers, raw.rows, strict=True):
        values = _parse_row(ch, number, cells)
        if "atvk_code" in {c.key for c in schema.columns}:
            values["atvk_code"] = _place(ch, number, values, munis, region)
        if schema.kind in _KIND_CHECKS:
            _KIND_CHECKS[schema.kind](ch, number, values, catalogue)
        values["row"] = number
        rows.append(values)
        if ch.full:
            raise ImportRejected(ch.problems, stopped_at_row=number)
    frame = pd.DataFrame(rows, columns=[*[c.key for c in schema.columns], "row"])
    _duplicates(ch, frame, schema)
    if ch.problems:
        raise ImportRejected(ch.problems)
    return Validated(frame, ch.report, {k: raw.headers[i] for k, i in ch.positions.items()})


def _parse_row(ch: _Checker, number: int, cells: list[str]) -> dict:
    values: dict[str, object] = {}
    for col in ch.schema.columns:
        text = cells[ch.positions[col.key]] if col.key in ch.positions else ""
        header = ch.header(col.key)
        if not text:
            values[col.key] = None
            if col.required:
                ch.add(msg("import.empty", expected=expectation(col)), number, header)
            continue
        value, problem = parse_cell(text, col)
        if problem:
            ch.add(problem, number, header, text)
        values[col.key] = value
    return values


def _place(ch: _Checker, number: int, values: dict, munis: Municipalities,
           region: str | None) -> str | None:
    code_text, name = values.get("atvk_code"), values.get("municipality")
    code_header = ch.header("atvk_code")
    if not code_text and not name:
        ch.add(msg("import.no_place"), number, code_header)
        return None
    if code_text:
        code, problem = munis.code(str(code_text))
        if problem:
            ch.add(problem, number, code_header, code_text)
            return None
        if code == geo.MADONA and str(code_text).strip().zfill(7) == geo.VARAKLANI:
            ch.report.notes.append(msg("import.varaklani", row=number, given=code_text,
                                       name=munis.names[code], code=code))
        if name and munis.by_name.get(fold(str(name)), code) != code:
            ch.add(msg("import.code_name_differ", name=munis.names[code]),
                   number, ch.header("municipality"), name)
    else:
        code, problem = munis.by_text(str(name))
        if problem:
            ch.add(problem, number, ch.header("municipality"), name)
            return None
        ch.report.by_name.append((number, str(name), code, munis.names[code]))
    if region and munis.regions[code] != region:
        ch.add(msg("import.other_region", name=munis.names[code], region=munis.regions[code],
                   scenario_region=region), number,
               code_header if code_text else ch.header("municipality"), code_text or name)
    return code


def _resolve(text: object, options: dict[str, tuple[str, str]]) -> str | None:
    """An id for an id or a Latvian/English name (case and diacritics ignored)."""
    folded = fold(str(text))
    for oid, (lv, en) in options.items():
        if folded in (fold(oid), fold(lv), fold(en)):
            return oid
    return None


def _lookup(ch: _Checker, number: int, values: dict, key: str,
            options: dict[str, tuple[str, str]], what: str) -> str | None:
    text = values.get(key)
    if text is None:
        return None
    found = _resolve(text, options)
    if found is None:
        names = {fold(n): n for pair in options.values() for n in pair}
        close = difflib.get_close_matches(fold(str(text)), list(names), n=1, cutoff=0.6)
        hint = msg("import.did_you_mean_or", name=names[close[0]]) if close else ""
        ch.add(msg(f"import.unknown.{what}", hint=hint, options=", ".join(options)), number,
               ch.header(key), text)
    values[key] = found
    return found


def _services(catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    return {sid: (s.name_lv, s.name_en) for sid, s in catalogue.services.items()}


def _needable(catalogue: Catalogue) -> dict[str, tuple[str, str]]:
    """The services a need or a package may name: place-based and home-based."""
    return {**_services(catalogue),
            **{hid: (h.name_lv, h.name_en) for hid, h in catalogue.home_services.items()}}


def _check_group_level(ch: _Checker, number: int, values: dict,
                       catalogue: Catalogue) -> str | None:
    groups = {gid: (g.name_lv, g.name_en) for gid, g in catalogue.groups.items()}
    group = _lookup(ch, number, values, "group", groups, "group")
    level = values.get("care_level") or ""
    values["care_level"] = level.upper() if group == "adults_grt" else level
    if group and values["care_level"] not in ("", *catalogue.groups[group].care_levels):
        levels = ", ".join(catalogue.groups[group].care_levels) or msg("import.no_levels")
        ch.add(msg("import.no_such_level", levels=levels), number,
               ch.header("care_level"), level)
    return group


def _check_need(ch: _Checker, number: int, values: dict, catalogue: Catalogue) -> None:
    group = _check_group_level(ch, number, values, catalogue)
    service = _lookup(ch, number, values, "service", _needable(catalogue), "service")
    groups = service_groups(catalogue)
    if group and service and group not in groups[service]:
        ch.add(msg("import.service_not_for", service=service, group=group,
                   groups=", ".join(groups[service])), number, ch.header("service"), service)


def _check_persons(ch: _Checker, number: int, values: dict, catalogue: Catalogue) -> None:
    """A package's services by id or name, joined by '+', each open to the group; the
    priority class by id or name, or empty for the default of the package."""
    group = _check_group_level(ch, number, values, catalogue)
    text = values.get("package")
    if text is not None:
        parts = [p.strip() for p in str(text).split(PACKAGE_SEPARATOR) if p.strip()]
        found = [_resolve(p, _needable(catalogue)) for p in parts]
        groups = service_groups(catalogue)
        for part, sid in zip(parts, found, strict=True):
            if sid is None:
                ch.add(msg("import.unknown.service", hint="",
                           options=", ".join(groups)), number, ch.header("package"), part)
            elif group and group not in groups[sid]:
                ch.add(msg("import.service_not_for", service=sid, group=group,
                           groups=", ".join(groups[sid])), number, ch.header("package"), part)
        if not parts or len(set(found)) != len(found):
            ch.add(msg("inputs.bad_package"), number, ch.header("package"), text)
        values["package"] = PACKAGE_SEPARATOR.join(sorted(s for s in found if s)) \
            if all(found) else None
    classes = priorities.class_names(catalogue, ch.region)
    if values.get("priority"):
        _lookup(ch, number, values, "priority", classes, "priority")
    else:
        values["priority"] = ""


def _check_existing(ch: _Checker, number: int, values: dict, catalogue: Catalogue) -> None:
    types = {tid: (t.name_lv, t.name_en) for tid, t in catalogue.existing_types.items()}
    _lookup(ch, number, values, "type", types, "type")
    _lookup(ch, number, values, "service", _services(catalogue), "allocatable")
    licensed, in_use = values.get("places_licensed"), values.get("places_in_use")
    if isinstance(licensed, int) and isinstance(in_use, int) and in_use > licensed:
        ch.add(msg("import.in_use_above_licensed", licensed=licensed), number,
               ch.header("places_in_use"), in_use)


def _check_norm(ch: _Checker, number: int, values: dict, catalogue: Catalogue) -> None:
    _lookup(ch, number, values, "service", _services(catalogue), "service")
    norm = values.get("norm")
    if norm is not None and norm not in SERVICE_NUMBERS:
        ch.add(msg("import.unknown_norm", options=", ".join(SERVICE_NUMBERS)), number,
               ch.header("norm"), norm)
        values["norm"] = None


def _check_plan(ch: _Checker, number: int, values: dict, catalogue: Catalogue) -> None:
    service = _lookup(ch, number, values, "service", _services(catalogue), "service")
    places, facilities = values.get("places"), values.get("facilities")
    if not isinstance(places, int) or not isinstance(facilities, int):
        return
    if places > 0 and facilities == 0:
        ch.add(msgn("import.no_facility", places), number, ch.header("facilities"),
               facilities)
    elif facilities > places:
        ch.add(msg("import.facilities_above_places", places=places),
               number, ch.header("facilities"), facilities)
    elif service and facilities:
        svc = catalogue.services[service]
        size = places / facilities
        if not svc.min_places <= size <= svc.max_places:
            ch.report.notes.append(msg(
                "import.unusual_size", row=number, size=f"{size:g}", service=service,
                low=svc.min_places, high=svc.max_places))


def _check_site(ch: _Checker, number: int, values: dict, catalogue: Catalogue) -> None:
    """The services allowed at a site: ids or names joined by '+' or ',' (empty: all)."""
    text = values.get("services")
    if not text:
        values["services"] = ""
        return
    parts = [p.strip() for p in re.split(r"[+,;]", str(text)) if p.strip()]
    found = [_resolve(p, _services(catalogue)) for p in parts]
    for part, sid in zip(parts, found, strict=True):
        if sid is None:
            ch.add(msg("import.unknown.service", hint="", options=", ".join(catalogue.services)),
                   number, ch.header("services"), part)
    values["services"] = SITE_SERVICE_SEPARATOR.join(sorted({s for s in found if s}))


def _check_travel(ch: _Checker, number: int, values: dict, catalogue: Catalogue) -> None:
    """Road km and minutes of one trip within the plausibility limits."""
    for key, high in (("km", MAX_KM), ("minutes", MAX_MINUTES)):
        value = values.get(key)
        if isinstance(value, float) and value > high:
            ch.add(msg("import.travel_absurd", high=f"{high:g}"), number, ch.header(key), value)
            values[key] = None


def _check_service(ch: _Checker, number: int, values: dict, catalogue: Catalogue) -> None:
    """A user service's type (optional), kind and target groups by id or name; its
    numbers and sources are checked as a whole when applied (``apply_services``)."""
    types = {tid: (t.name_lv, t.name_en) for tid, t in catalogue.existing_types.items()}
    if values.get("type"):
        _lookup(ch, number, values, "type", types, "type")
    values["type"] = values.get("type") or ""
    kinds = {k: (i18n.t_or(f"service_kind.{k}", "lv", k), i18n.t_or(f"service_kind.{k}", "en", k))
             for k in us.USER_KINDS}
    _lookup(ch, number, values, "service_kind", kinds, "kind")
    groups = {gid: (g.name_lv, g.name_en) for gid, g in catalogue.groups.items()}
    found = []
    for part in [p.strip() for p in str(values.get("groups") or "").split(GROUP_SEPARATOR)]:
        if not part:
            continue
        gid = _resolve(part, groups)
        if gid is None:
            ch.add(msg("import.unknown.group", hint="", options=", ".join(groups)), number,
                   ch.header("groups"), part)
        found.append(gid)
    values["groups"] = [g for g in found if g]
    values["hosted"] = [p.strip() for p in str(values.get("hosted") or "").split(
        GROUP_SEPARATOR) if p.strip()]  # names; read when the file's services are known


_KIND_CHECKS: dict[str, Callable[[_Checker, int, dict, Catalogue], None]] = {
    "services": _check_service,
    "needs": _check_need,
    "persons": _check_persons,
    "existing_services": _check_existing,
    "norms": _check_norm,
    "plan": _check_plan,
    "sites": _check_site,
    "travel": _check_travel,
}


def _duplicates(ch: _Checker, frame: pd.DataFrame, schema: Schema) -> None:
    key = list(schema.key)
    first: dict[tuple, int] = {}
    for r in frame.dropna(subset=key).itertuples(index=False):
        k = tuple(getattr(r, c) for c in key)
        if k in first:
            shown = ", ".join(str(v) for v in k if v)
            ch.add(msg("import.duplicated", key=" + ".join(key), first=first[k]), r.row,
                   ch.header(key[0]), shown)
        else:
            first[k] = r.row
