"""Downloadable templates for imports: XLSX and CSV, with Latvian or English headers.

A template has the schema's headers and, if given, the current rows (so users download
what the scenario holds, edit it and upload it again), by names, not codes: each row's
municipality name beside its ATVK code, groups, services and types of service in the
reader's language (the import reads names in either language, and codes). The XLSX adds
drop-down lists of those names (a hidden lists sheet; typing a code still passes, with a
warning) and a help sheet: what each column expects and the codes it accepts
(municipalities, groups, services, norms). CSV files are UTF-8 with a byte-order mark, so
Excel shows the Latvian letters.
"""

from __future__ import annotations

import csv
import io

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from planning import i18n
from planning.domain import geo, priorities, reference
from planning.domain import user_services as us
from planning.domain.catalogue import SERVICE_NUMBERS, Catalogue, load_catalogue
from planning.domain.inputs import GIVEN_PLAN_COLUMNS, PACKAGE_SEPARATOR, ScenarioInputs
from planning.domain.sites import SERVICE_SEPARATOR, TRAVEL_COLUMNS, sites_frame, travel_frame
from planning.io import inert
from planning.io.preview import norms_frame
from planning.io.schemas import GROUP_SEPARATOR, Schema, schema
from planning.io.sites import missing_pairs

HEADER_FILL = PatternFill("solid", fgColor="DDE6F0")
# Rows below the data that still get the drop-down lists, for rows users add.
SPARE_ROWS = 500


def current_rows(kind: str, inputs: ScenarioInputs,
                 catalogue: Catalogue | None = None, lang: str = "lv") -> pd.DataFrame:
    """What the scenario (or the embedded reference data) holds, in the schema's columns."""
    if kind == "needs":
        return inputs.needs_frame()
    if kind == "persons":
        return inputs.persons_frame()
    if kind == "plan":
        return plan_rows(inputs, catalogue, lang)
    if kind == "norms":
        return norms_frame(inputs, catalogue)
    if kind == "sites":
        return site_template_rows(inputs, catalogue, lang)
    if kind == "travel":
        return travel_template_rows(inputs)
    if kind == "services":
        return service_rows(inputs)
    if kind == "institutions":
        return reference.institutions(inputs.division)
    return reference.existing_services(inputs.division)


def service_rows(inputs: ScenarioInputs) -> pd.DataFrame:
    """The scenario's added services in the services file's columns (ids; the template
    writes names; a centre's own services by their Latvian names)."""
    own = {sid: e.get("name_lv", sid) for sid, e in inputs.user_services.items()}
    rows = [{"type": e.get("type", ""), "name_lv": e.get("name_lv"), "name_en": e.get("name_en"),
             "service_kind": e.get("kind"), "groups": e.get("groups", []),
             "profession": e.get("profession", ""),
             "hosted": [own.get(s, s) for s in e.get("services", [])],
             **{n: e.get(n) for n in us.numbers_of(e.get("kind"))},
             **{f"source_{n}": e.get("sources", {}).get(n, "")
                for n in us.numbers_of(e.get("kind"))}}
            for e in inputs.user_services.values()]
    return pd.DataFrame(rows, columns=[c.key for c in schema("services").columns])


def plan_rows(inputs: ScenarioInputs, catalogue: Catalogue | None = None, lang: str = "lv",
              plan: pd.DataFrame | None = None) -> pd.DataFrame:
    """A plan to fill in, by names (municipality, service in ``lang``), not codes.

    ``plan`` (columns ``GIVEN_PLAN_COLUMNS``, e.g. an optimizer result's new places) or the
    scenario's given plan; without either, every participating municipality of the scenario
    times every service with 0 places, so a user only types the numbers.
    """
    catalogue = inputs.catalogue(catalogue or load_catalogue())
    munis = geo.municipalities(inputs.division)
    if inputs.region:
        munis = munis[munis["planning_region"] == inputs.region]
    names = dict(zip(munis["atvk_code"], munis["name_lv"], strict=True))
    if plan is None:
        plan = inputs.given_plan_frame()
    if plan.empty:
        plan = pd.DataFrame(
            [(code, sid, 0, 0, None) for code in names if code not in inputs.non_participating
             for sid in catalogue.services], columns=list(GIVEN_PLAN_COLUMNS))
    return pd.DataFrame({
        "municipality": plan["atvk_code"].map(names),
        "atvk_code": None,
        "service": plan["service"].map(lambda sid: catalogue.services[sid].name(lang)),
        "places": plan["places"],
        "facilities": plan["facilities"],
        "investment_eur": plan["investment_eur"],
    })


def site_template_rows(inputs: ScenarioInputs, catalogue: Catalogue | None = None,
                       lang: str = "lv") -> pd.DataFrame:
    """The stored candidate sites, services by their names in ``lang``."""
    services = inputs.catalogue(catalogue or load_catalogue()).services
    rows = sites_frame(inputs)
    rows["services"] = rows["services"].map(lambda v: f" {SERVICE_SEPARATOR} ".join(
        services[s].name(lang) if s in services else s for s in v.split(SERVICE_SEPARATOR))
        if v else "")
    return rows


def travel_template_rows(inputs: ScenarioInputs) -> pd.DataFrame:
    """The stored travel matrix; without one, every pair it needs with km and minutes
    empty, so a user (or a GIS join) only fills in the numbers."""
    rows = travel_frame(inputs)
    if not rows.empty or not inputs.candidate_sites:
        return rows
    pairs = missing_pairs(inputs, rows)
    munis = geo.municipalities(inputs.division)
    code = dict(zip(munis["name_lv"], munis["atvk_code"], strict=True))
    return pd.DataFrame([(code[o], s, None, None) for o, s in pairs],
                        columns=list(TRAVEL_COLUMNS))


def template_frame(kind: str, lang: str = "lv", rows: pd.DataFrame | None = None,
                   division: str = geo.DEFAULT_DIVISION, catalogue: Catalogue | None = None
                   ) -> pd.DataFrame:
    """The template's table: headers in ``lang``, rows (if any) in the schema's columns,
    by names (:func:`named_rows`)."""
    sch = schema(kind)
    keys = [c.key for c in sch.columns]
    if rows is None:
        body = pd.DataFrame(columns=keys)
    else:
        body = named_rows(rows, lang, division, catalogue or load_catalogue()).reindex(
            columns=keys)
    return body.rename(columns={c.key: c.header(lang) for c in sch.columns})


def named_rows(rows: pd.DataFrame, lang: str, division: str,
               catalogue: Catalogue) -> pd.DataFrame:
    """``rows`` with the municipality's name beside its ATVK code and groups, services and
    types of service by their names in ``lang``; values that are not ids stay as they are."""
    out = rows.copy()
    if "atvk_code" in out:
        munis = geo.municipalities(division)
        names = dict(zip(munis["atvk_code"], munis["name_lv"], strict=True))
        given = out["municipality"] if "municipality" in out else pd.Series(None, out.index)
        out["municipality"] = [g if isinstance(g, str) and g else names.get(c)
                               for g, c in zip(given, out["atvk_code"], strict=True)]
    lists = {"group": {g.id: g.name(lang) for g in catalogue.groups.values()},
             "service": {s.id: s.name(lang) for s in (*catalogue.services.values(),
                                                       *catalogue.home_services.values())},
             "type": {t.id: i18n.localized(t, lang) for t in catalogue.existing_types.values()},
             "priority": _class_names(catalogue, lang)}
    for col, by_id in lists.items():
        if col in out:
            out[col] = out[col].map(lambda v, b=by_id: b.get(v, v) if isinstance(v, str) else v)
    if "service_kind" in out:
        out["service_kind"] = out["service_kind"].map(
            lambda k: i18n.t_or(f"service_kind.{k}", lang, k) if isinstance(k, str) else k)
    for col, by_id in (("groups", lists["group"]), ("hosted", lists["service"])):
        if col in out:
            out[col] = out[col].map(lambda gs, b=by_id: f"{GROUP_SEPARATOR} ".join(
                b.get(g, g) for g in gs) if isinstance(gs, list | tuple) else gs)
    if "package" in out:
        out["package"] = out["package"].map(lambda v: f" {PACKAGE_SEPARATOR} ".join(
            lists["service"].get(p, p) for p in v.split(PACKAGE_SEPARATOR))
            if isinstance(v, str) else v)
    return out


def template_csv(kind: str, lang: str = "lv", rows: pd.DataFrame | None = None,
                 division: str = geo.DEFAULT_DIVISION, catalogue: Catalogue | None = None
                 ) -> bytes:
    frame = template_frame(kind, lang, rows, division, catalogue)
    buf = io.StringIO()
    inert.csv_frame(frame).to_csv(buf, index=False, quoting=csv.QUOTE_MINIMAL,
                                  lineterminator="\n")
    return buf.getvalue().encode("utf-8-sig")


def template_xlsx(kind: str, lang: str = "lv", rows: pd.DataFrame | None = None,
                  division: str = geo.DEFAULT_DIVISION,
                  catalogue: Catalogue | None = None) -> bytes:
    sch = schema(kind)
    catalogue = catalogue or load_catalogue()
    book = Workbook()
    ws = book.active
    ws.title = sch.sheet(lang)
    frame = template_frame(kind, lang, rows, division, catalogue)
    _write_table(ws, sch, frame, lang)
    _write_help(book.create_sheet(i18n.t("template.help", lang)), sch, lang, division,
                catalogue)
    lists = book.create_sheet(i18n.t("template.lists", lang))
    _drop_downs(ws, lists, sch, len(frame), _choices(sch, lang, division, catalogue), lang)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _class_names(catalogue: Catalogue, lang: str) -> dict[str, str]:
    """Priority class id -> name in ``lang``, institution classes of every region included
    (a template is not for one region; the scenario's checks refuse another region's)."""
    k = 0 if lang == "lv" else 1
    return {cid: names[k] for cid, names in priorities.class_names(catalogue).items()}


def _choices(sch: Schema, lang: str, division: str,
             catalogue: Catalogue) -> dict[str, list[str]]:
    """The names each column of ``sch`` offers in a drop-down list, by column key."""
    keys = {c.key for c in sch.columns}
    offered: dict[str, list[str]] = {}
    if "municipality" in keys:
        offered["municipality"] = sorted(geo.municipalities(division)["name_lv"], key=geo.fold)
    if "group" in keys:
        offered["group"] = [g.name(lang) for g in catalogue.groups.values()]
    if "care_level" in keys:
        offered["care_level"] = list(dict.fromkeys(
            lvl for g in catalogue.groups.values() for lvl in g.care_levels))
    if "priority" in keys:
        offered["priority"] = list(_class_names(catalogue, lang).values())
    if "service" in keys:
        offered["service"] = [s.name(lang) for s in (*catalogue.services.values(),
                                                      *catalogue.home_services.values())]
    if "type" in keys:
        offered["type"] = [i18n.localized(t, lang) for t in catalogue.existing_types.values()]
    if "service_kind" in keys:
        offered["service_kind"] = [i18n.t_or(f"service_kind.{k}", lang, k)
                                   for k in us.USER_KINDS]
    return offered


def _drop_downs(ws: Worksheet, lists: Worksheet, sch: Schema, rows: int,
                offered: dict[str, list[str]], lang: str) -> None:
    """One list per column on the hidden ``lists`` sheet and a drop-down on its column of
    ``ws`` (a value not in the list warns but is kept: the import also reads codes)."""
    lists.sheet_state = "hidden"
    last_row = rows + 1 + SPARE_ROWS
    for i, (key, names) in enumerate(offered.items(), start=1):
        letter = get_column_letter(i)
        lists.cell(row=1, column=i, value=sch.column(key).header(lang))
        for r, name in enumerate(names, start=2):
            lists.cell(row=r, column=i, value=name)
        inert.as_text(lists[letter])
        target = get_column_letter([c.key for c in sch.columns].index(key) + 1)
        check = DataValidation(type="list", allow_blank=True, errorStyle="warning",
                               formula1=f"'{lists.title}'!${letter}$2:${letter}${len(names) + 1}",
                               showErrorMessage=True,
                               error=i18n.t("template.not_in_list", lang),
                               errorTitle=sch.column(key).header(lang))
        check.add(f"{target}2:{target}{last_row}")
        ws.add_data_validation(check)


def _write_table(ws, sch: Schema, frame: pd.DataFrame, lang: str) -> None:
    ws.append(list(frame.columns))
    for i, (cell, col) in enumerate(zip(ws[1], sch.columns, strict=True)):
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if col.help(lang):
            cell.comment = Comment(col.help(lang), "di-plan")
        texts = [len(v) + 2 for v in frame.iloc[:, i] if isinstance(v, str)]
        width = max([len(col.header(lang)) + 4, 12, *texts])
        ws.column_dimensions[cell.column_letter].width = min(width, 60)
    for values in frame.itertuples(index=False):
        ws.append([None if _missing(v) else v for v in values])
        inert.as_text(ws[ws.max_row])
    for col, cells in zip(sch.columns, ws.iter_cols(), strict=True):
        if col.type in ("code", "text"):  # keep leading zeros of codes typed later
            ws.column_dimensions[cells[0].column_letter].number_format = "@"
            for cell in cells[1:]:
                cell.number_format = "@"
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(sch.columns))}{max(len(frame) + 1, 2)}"


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and pd.isna(value))


def _write_help(ws, sch: Schema, lang: str, division: str, catalogue: Catalogue) -> None:
    ws.append([i18n.t(f"template.help.{part}", lang) for part in ("column", "required", "what")])
    yes, no = i18n.t("template.yes", lang), i18n.t("template.no", lang)
    for col in sch.columns:
        ws.append([col.header(lang), yes if col.required else no, col.help(lang)])
    for title, pairs in _code_lists(sch, lang, division, catalogue):
        ws.append([])
        ws.append([title])
        for pair in pairs:
            ws.append(list(pair))
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABC", (34, 60, 60), strict=True):
        ws.column_dimensions[letter].width = width


def _code_lists(sch: Schema, lang: str, division: str, catalogue: Catalogue):
    keys = {c.key for c in sch.columns}
    lists = []
    title = {key: sch.column(key).header(lang) for key in keys}
    if "atvk_code" in keys:
        munis = geo.municipalities(division)
        lists.append((title["atvk_code"],
                      list(zip(munis["atvk_code"], munis["name_lv"], strict=True))))
    if sch.kind in ("needs", "persons"):
        lists.append((title["group"], [(g.id, g.name(lang), ", ".join(g.care_levels))
                                       for g in catalogue.groups.values()]))
    if "priority" in keys:
        lists.append((title["priority"], list(_class_names(catalogue, lang).items())))
    if keys & {"service", "package"}:
        lists.append((title["service" if "service" in keys else "package"],
                      [(s.id, s.name(lang), ", ".join(s.groups))
                       for s in (*catalogue.services.values(),
                                 *catalogue.home_services.values())]))
    if sch.kind == "services":
        lists.append((title["groups"], [(g.id, g.name(lang)) for g in catalogue.groups.values()]))
    if sch.kind in ("existing_services", "services"):
        lists.append((title["type"], [(t.id, i18n.localized(t, lang))
                                      for t in catalogue.existing_types.values()]))
    if sch.kind == "norms":
        lists.append((title["norm"], [(n, i18n.column_label(n, lang))
                                      for n in SERVICE_NUMBERS]))
    return lists
