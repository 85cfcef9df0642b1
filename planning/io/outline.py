"""What the plan report says, once, for every format it is written in (PDF, DOCX).

:func:`plan_outline` lays the report out as plain blocks — headings, paragraphs, tables
(column ids; the renderer labels them), map images, page breaks — in the reader's
language; :mod:`planning.io.report` renders them with ReportLab, :mod:`planning.io.docx`
as a Word document a DI management group edits before the council.

Sections: situation summary, maps (needs, institutions, existing services, new places),
new places per municipality and service, who is served, budget, unmet need and its causes,
the public consultation (when there was one), norms and data sources, scenario and
version. A ``PublicPlan`` gives the public report: its protected tables only, without the
situation summary and the maps (their figures and circle sizes are not protected).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from planning import i18n
from planning.domain import geo, results
from planning.domain.catalogue import load_catalogue
from planning.domain.public_plan import PublicPlan
from planning.io import map_images
from planning.io.exports import (
    SHARES,
    YEARS,
    Plan,
    exported_date,
    plan_tables,
    status_name,
)
from planning.store.consultation import ConsultationReport
from planning.store.review import local_time
from planning.views.plan_tables import changes_frame, goal_order_text, priority_text

DATA_SOURCES = ("report.source_1", "report.source_2", "report.source_3")
Comments = Sequence[Mapping[str, object]] | ConsultationReport | None


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 0 the title, 1 a section, 2 a part of one


@dataclass(frozen=True)
class Text:
    text: str
    small: bool = False


@dataclass(frozen=True)
class Table:
    frame: pd.DataFrame = field(compare=False)


@dataclass(frozen=True)
class Picture:
    png: bytes = field(repr=False)


@dataclass(frozen=True)
class NewPage:
    pass


@dataclass(frozen=True)
class Gap:
    points: float = 6


Block = Heading | Text | Table | Picture | NewPage | Gap


def _t(key: str, lang: str, **values: object) -> str:
    return i18n.t(f"report.{key}", lang, **values)


def plan_outline(plan: Plan | PublicPlan, *, lang: str = "lv", consultation: Comments = None,
                 boundary_source: str = "amcharts") -> list[Block]:
    """The report's blocks, in order.

    ``consultation`` is the record of the plan's consultation
    (:class:`planning.store.consultation.ConsultationReport`: period, published comments with
    answers and decisions, what changed after it), or a plain list of comments, each a
    mapping with ``text`` and optionally ``organisation``, ``answer``, ``decision``.
    Commenters' names and e-mails are never printed.
    """
    tables = plan_tables(plan, lang=lang)
    public = isinstance(plan, PublicPlan)
    blocks = _title(plan, lang)
    if not public:
        blocks += _situation(plan, lang)
        blocks += _maps(plan, lang, boundary_source)
    blocks += _places(tables, lang)
    blocks += _persons(plan, tables, lang)
    blocks += _section("s4", lang, [Table(tables["budget"]), Gap(), Table(tables["summary"]),
                                    *_by_year(tables, lang)])
    blocks += _unmet(tables, lang)
    if isinstance(consultation, ConsultationReport):
        blocks += _record(consultation, plan, lang)
    elif consultation:
        blocks += _consultation(consultation, lang)
    if not public:
        blocks += _sources(tables, lang)
    blocks += _section("s8", lang, [Table(tables["scenario"])])
    return blocks


def document_title(plan: Plan | PublicPlan, lang: str) -> str:
    """'Regional DI plan: scenario' of a file's properties."""
    name = plan.meta.get("scenario", plan.label) if isinstance(plan, PublicPlan) \
        else plan.metadata.scenario
    return f"{_t('title', lang)}: {name}"


def cell_text(value: object, column: str, lang: str) -> str:
    """A cell as the report prints it: whole numbers without decimals, others with one (the
    tables are tidied: staff and km have one, counts are whole), shares as per cent."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    if column in YEARS:
        return str(int(value))
    if column in SHARES:
        return i18n.fmt_pct(value, lang)
    if column == "value":
        return i18n.fmt_number(value, lang, 2).rstrip("0").rstrip(",.")
    return i18n.fmt_number(value, lang, 0 if float(value).is_integer() else 1)


def is_numeric(values: pd.Series) -> bool:
    """A column of numbers (suppressed ones, "<5" and "…", and blanks included)."""
    return len(values) > 0 and values.map(
        lambda v: (isinstance(v, int | float) and not isinstance(v, bool))
        or v in ("<5", "…") or v is None or (isinstance(v, float) and pd.isna(v))).all()


def _by_year(tables: dict, lang: str) -> list[Block]:
    """The plan by year under the budget (a plan that builds nothing has none)."""
    if "years" not in tables:
        return []
    blocks: list[Block] = [Gap(), Heading(_t("years", lang), 2), Text(_t("years_note", lang)),
                           Table(tables["years"])]
    if "funding_cliff" in tables and not tables["funding_cliff"].empty:
        blocks += [Gap(), Heading(_t("funding_cliff", lang), 2), Table(tables["funding_cliff"])]
    return blocks


def _section(key: str, lang: str, body: list[Block]) -> list[Block]:
    return [Heading(_t(key, lang), 1), *body]


def _title(plan: Plan | PublicPlan, lang: str) -> list[Block]:
    if isinstance(plan, PublicPlan):
        m = plan.meta
        region = i18n.region_name(plan.region, lang)
        status = status_name(str(m.get("status", "")), lang)
        return [Heading(f"{_t('title', lang)}: {region}", 0),
                Heading(f"{m.get('scenario', plan.label)} — v{m.get('version', '')}"
                        + (f" ({status})" if status else ""), 2),
                Text(_t("public", lang))]
    m = plan.metadata
    region = i18n.region_name(plan.inputs.region, lang)
    return [Heading(f"{_t('title', lang)}: {region}", 0),
            Heading(f"{m.scenario} — v{m.version} ({status_name(m.status, lang)}), "
                    f"{exported_date(m.exported, lang)}", 2)]


def _situation(plan: Plan, lang: str) -> list[Block]:
    inputs, cat = plan.inputs, plan.inputs.catalogue(plan.catalogue)
    munis = geo.municipalities(inputs.division)
    if inputs.region:
        munis = munis[munis["planning_region"] == inputs.region]
    inst = map_images.situation_points("institutions", inputs.division, inputs.region)
    services = map_images.situation_points("existing_services", inputs.division, inputs.region)
    needs = inputs.needs_frame()
    text = _t("situation", lang, munis=len(munis),
              pop=i18n.fmt_number(munis["population"].sum(), lang),
              need=i18n.fmt_number(int(needs["count"].sum()), lang),
              inst=i18n.fmt_number(int(inst["clients_total"].sum()), lang),
              n_inst=len(inst),
              places=i18n.fmt_number(int(services["places_licensed"].sum()), lang))
    by_group = needs.groupby("group", as_index=False)["count"].sum()
    by_group["group"] = by_group["group"].map(lambda g: cat.groups[g].name(lang))
    return _section("s1", lang, [Text(text), Gap(4), Table(by_group)])


def _maps(plan: Plan, lang: str, source: str) -> list[Block]:
    inputs = plan.inputs
    div, region = inputs.division, inputs.region
    need = inputs.needs_frame().groupby("atvk_code")["count"].sum()
    new = plan.solution.sites.groupby("municipality")["new_places"].sum()
    points = geo.site_points(div).set_index("atvk_code")
    new_points = pd.DataFrame({"new_places": new[new > 0]}).join(points).dropna()
    images = [
        map_images.choropleth(need, div, region, _t("map_needs", lang),
                              _t("map_needs_legend", lang), source),
        map_images.circles(map_images.situation_points("institutions", div, region),
                           "clients_total", div, region, _t("map_inst", lang),
                           _t("largest", lang), "#c0392b", source),
        map_images.circles(map_images.situation_points("existing_services", div, region),
                           "places_licensed", div, region, _t("map_services", lang),
                           _t("largest", lang), "#2874a6", source),
        map_images.circles(new_points, "new_places", div, region, _t("map_new", lang),
                           _t("map_new_legend", lang), "#1e8449", source),
    ]
    # The attribution once in the text; each image carries its own, as the licence asks.
    blocks: list[Block] = [NewPage(), Heading(_t("s2", lang), 1),
                           Text(map_images.attribution(source), small=True)]
    for png in images:
        blocks += [Picture(png), Gap()]
    return blocks


def _places(tables: dict[str, pd.DataFrame], lang: str) -> list[Block]:
    munis = tables["municipalities"].drop(columns=["atvk_code", "region", "erdf_eur",
                                                   "cofinancing_eur"])
    places = tables["places"].drop(columns=["atvk_code", "region"])
    facilities: list[Block] = []
    if "services" in tables:
        facilities = [Gap(8), Heading(_t("facilities", lang), 2), Table(tables["services"])]
    if "centres" in tables and not tables["centres"].empty:
        facilities += [Gap(8), Heading(_t("centres", lang), 2),
                       Text(i18n.t("centres.note", lang)), Gap(4), Table(tables["centres"]),
                       Gap(4), Table(tables["centre_units"])]
    return [NewPage(), *_section("s3", lang, [
        Table(munis), *facilities, Gap(8), Heading(_t("by_service", lang), 2),
        Table(places), *_home(tables, lang)])]


def _home(tables: dict[str, pd.DataFrame], lang: str) -> list[Block]:
    """Home-based support: staff, hours and caseload, and staff used against available."""
    if "home" not in tables:
        return []
    blocks: list[Block] = [Gap(8), Heading(i18n.t("home.title", lang), 2),
                           Table(tables["home"]), Gap(), Table(tables["staff_use"])]
    if "adaptations" in tables:
        blocks += [Gap(), Table(tables["adaptations"])]
    return blocks


def _persons(plan: Plan | PublicPlan, tables: dict[str, pd.DataFrame],
             lang: str) -> list[Block]:
    """Who is served: persons per priority class and per package, and the rules that ranked
    them (the public report has the classes only where the public view has them)."""
    rules = plan.rules if isinstance(plan, PublicPlan) else results.plan_rules(
        plan.inputs, plan.catalogue)
    if "persons" not in tables or rules is None:
        return []
    catalogue = plan.catalogue if isinstance(plan, Plan) else load_catalogue()
    if tables["persons"].empty:
        return _section("s_persons", lang, [Text(i18n.t("results.no_persons", lang))])
    note = _t("persons_note", lang, goals=goal_order_text(rules, lang),
              priorities=priority_text(rules, catalogue, lang))
    body: list[Block] = [Text(note), Heading(_t("by_class", lang), 2),
                         Table(tables["persons"])]
    if "packages" in tables:
        body += [Gap(), Heading(_t("by_package", lang), 2), Table(tables["packages"])]
    return _section("s_persons", lang, body)


def _unmet(tables: dict[str, pd.DataFrame], lang: str) -> list[Block]:
    unmet = tables["unmet"]
    if unmet.empty:
        return _section("s5", lang, [Text(_t("no_unmet", lang))])
    if "atvk_code" not in unmet:  # the public table: unmet need by cause only
        return _section("s5", lang, [Heading(_t("by_cause", lang), 2), Table(unmet)])
    numeric = pd.to_numeric(unmet["unmet"], errors="coerce")
    by_cause = numeric.groupby(unmet["cause"]).sum().reset_index()
    detail = unmet.drop(columns=["atvk_code"])
    return _section("s5", lang, [Heading(_t("by_cause", lang), 2), Table(by_cause), Gap(),
                                 Table(detail)])


def _consultation(comments: Sequence[Mapping[str, object]], lang: str,
                  intro: Sequence[str] = (), after: Sequence[Block] = ()) -> list[Block]:
    answered = sum(bool(c.get("answer")) for c in comments)
    body: list[Block] = [Text(line) for line in intro]
    body.append(Text(i18n.tn("report.consult_summary", len(comments), lang,
                             answered=answered)))
    for i, c in enumerate(comments, start=1):
        who = c.get("organisation") or _t("private", lang)
        when = f" ({_t('submitted', lang)} {c['when']})" if c.get("when") else ""
        body.append(Heading(f"{i}. {_t('from', lang)}: {who}{when}", 2))
        body.append(Text(f"{_t('comment', lang)}: {c.get('text', '')}"))
        if c.get("answer"):
            body.append(Text(f"{_t('answer', lang)}: {c['answer']}"))
        if c.get("decision") in ("taken", "not_taken", "partly"):
            body.append(Text(f"{_t('decision', lang)}: "
                             f"{_t('decision_' + str(c['decision']), lang)}"))
    return _section("s6", lang, [*body, *after])


def _given(value: object) -> object:
    """A cell of the record's frame, '' where it is missing (pandas reads a comment not
    answered as NaN, which is truthy and printed 'nan')."""
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value


def _record(record: ConsultationReport, plan: Plan | PublicPlan, lang: str) -> list[Block]:
    """The consultation record (izziņa): period, comments with answers and decisions, and
    what changed after the consultation; times in Riga time."""
    intro = []
    if record.start and record.end:
        intro.append(_t("consulted", lang, n=record.version,
                        start=i18n.fmt_date(record.start, lang),
                        end=i18n.fmt_date(record.end, lang)))
    if record.closed_at is not None:
        intro.append(_t("closed", lang, when=local_time(record.closed_at, lang)))
    shown = record.comments[record.comments["moderation"] == "published"]
    comments = [{"organisation": _given(c.organisation), "text": _given(c.text),
                 "answer": _given(c.answer), "decision": _given(c.decision),
                 "when": local_time(c.created_at, lang)}
                for c in shown.itertuples()]
    after: list[Block] = []
    if record.followed_by is not None:
        after.append(Heading(_t("changes", lang, n=record.followed_by), 2))
        if record.changes:
            catalogue = plan.catalogue if isinstance(plan, Plan) else load_catalogue()
            after.append(Table(changes_frame(record.changes, lang, catalogue)))
        elif not record.hidden_changes:
            after.append(Text(_t("no_changes", lang)))
        if record.hidden_changes:
            after.append(Text(_t("hidden", lang, n=record.hidden_changes)))
    return _consultation(comments, lang, intro, after)


def _sources(tables: dict[str, pd.DataFrame], lang: str) -> list[Block]:
    notes = [i18n.t(key, lang) for key in DATA_SOURCES]
    return [NewPage(), *_section("s7", lang, [
        Table(tables["norms"]), Gap(8), Heading(_t("sources", lang), 2),
        *[Text(f"• {n}") for n in notes]])]
