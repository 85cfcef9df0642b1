"""The regional DI plan report (PDF): the document a DI management group publishes.

Sections: situation summary, maps (needs, institutions, existing services, new places),
new places per municipality and service, budget, unmet need and its causes, the public
consultation (when comments are given), norms and data sources, scenario and version.
Latvian by default (``lang="en"`` for English); a ``PublicPlan`` gives the public report.
Text uses DejaVu Sans (Latvian letters), the copy matplotlib ships (a dependency), so no
system font is needed; without it the report falls back to Helvetica, warns, and says so
on the title page.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib
import pandas as pd
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from planning import i18n
from planning.domain import geo, results
from planning.domain.catalogue import load_catalogue
from planning.domain.public_plan import PublicPlan
from planning.io import map_images
from planning.io.exports import (
    SHARES,
    Plan,
    exported_date,
    plan_tables,
    status_name,
    title_of,
)
from planning.store.consultation import ConsultationReport
from planning.store.review import local_time
from planning.views.plan_tables import changes_frame, goal_order_text, priority_text

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
MAP_WIDTH = 16 * cm
TEXT_WIDTH = 17 * cm

DATA_SOURCES = ("report.source_1", "report.source_2", "report.source_3")


def _t(key: str, lang: str, **values: object) -> str:
    return i18n.t(f"report.{key}", lang, **values)


def register_fonts(font_dir: Path = FONT_DIR) -> tuple[str, str]:
    """(regular, bold) font names: DejaVu Sans, or Helvetica with a warning if missing."""
    regular, bold = font_dir / f"{FONT}.ttf", font_dir / f"{FONT_BOLD}.ttf"
    if not (regular.exists() and bold.exists()):
        warnings.warn(f"{regular} not found (reinstall matplotlib); the PDF uses "
                      "Helvetica and may not show Latvian letters", stacklevel=2)
        return "Helvetica", "Helvetica-Bold"
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(regular)))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
    return FONT, FONT_BOLD


class _Styles:
    def __init__(self, regular: str, bold: str) -> None:
        base = getSampleStyleSheet()
        self.body = ParagraphStyle("body", base["BodyText"], fontName=regular, fontSize=9.5,
                                   leading=12.5)
        self.small = ParagraphStyle("small", self.body, fontSize=7.5, leading=9)
        self.cell = ParagraphStyle("cell", self.body, fontSize=7.5, leading=9)
        self.title = ParagraphStyle("title", base["Title"], fontName=bold, fontSize=18,
                                    leading=22)
        self.h1 = ParagraphStyle("h1", base["Heading1"], fontName=bold, fontSize=13.5,
                                 spaceBefore=10)
        self.h2 = ParagraphStyle("h2", base["Heading2"], fontName=bold, fontSize=11)
        self.bold = bold
        self.regular = regular


def plan_report(
    plan: Plan | PublicPlan,
    *,
    lang: str = "lv",
    consultation: Sequence[Mapping[str, str]] | ConsultationReport | None = None,
    boundary_source: str = "amcharts",
    font_dir: Path = FONT_DIR,
) -> bytes:
    """The plan report as PDF bytes.

    ``consultation`` is the record of the plan's consultation
    (:class:`planning.store.consultation.ConsultationReport`: period, published comments with
    answers and decisions, what changed after it), or a plain list of comments, each a
    mapping with ``text`` and optionally ``organisation``, ``answer``, ``decision``.
    Commenters' names and e-mails are never printed.

    A :class:`PublicPlan` gives the public report: its protected tables only, without the
    situation summary and the maps (their figures and circle sizes are not protected).
    """
    regular, bold = register_fonts(font_dir)
    st = _Styles(regular, bold)
    tables = plan_tables(plan, lang=lang)
    public = isinstance(plan, PublicPlan)
    story = _title(plan, st, lang, regular != FONT)
    if not public:
        story += _situation(plan, st, lang)
        story += _maps(plan, st, lang, boundary_source)
    story += _places(tables, st, lang)
    story += _persons(plan, tables, st, lang)
    story += _section(st, "s4", lang, [_table(tables["budget"], st, lang),
                                        Spacer(1, 6), _table(tables["summary"], st, lang)])
    story += _unmet(tables, st, lang)
    if isinstance(consultation, ConsultationReport):
        story += _record(consultation, plan, st, lang)
    elif consultation:
        story += _consultation(consultation, st, lang)
    if not public:
        story += _sources(tables, st, lang)
    story += _section(st, "s8", lang, [_table(tables["scenario"], st, lang)])
    buf = io.BytesIO()
    footer = title_of(plan)
    name = plan.meta.get("scenario", plan.label) if public else plan.metadata.scenario
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=f"{_t('title', lang)}: {name}",
                            author="di-plan" if public else (plan.metadata.author or "di-plan"))
    doc.build(story, onFirstPage=_footer(footer, regular, lang),
              onLaterPages=_footer(footer, regular, lang))
    return buf.getvalue()


def _footer(text: str, font: str, lang: str):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(font, 7)
        canvas.setFillColor(colors.grey)
        canvas.drawString(2 * cm, 1.1 * cm, text)
        canvas.drawRightString(A4[0] - 2 * cm, 1.1 * cm, f"{_t('page', lang)} {doc.page}")
        canvas.restoreState()
    return draw


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _section(st: _Styles, key: str, lang: str, body: list) -> list:
    return [_p(_t(key, lang), st.h1), *body]


def _title(plan: Plan | PublicPlan, st: _Styles, lang: str, fallback_font: bool) -> list:
    if isinstance(plan, PublicPlan):
        m = plan.meta
        region = i18n.region_name(plan.region, lang)
        status = status_name(str(m.get("status", "")), lang)
        out = [_p(f"{_t('title', lang)}: {region}", st.title),
               _p(f"{m.get('scenario', plan.label)} — v{m.get('version', '')}"
                  + (f" ({status})" if status else ""), st.h2),
               _p(_t("public", lang), st.body)]
    else:
        m = plan.metadata
        region = i18n.region_name(plan.inputs.region, lang)
        out = [_p(f"{_t('title', lang)}: {region}", st.title),
               _p(f"{m.scenario} — v{m.version} ({status_name(m.status, lang)}), "
                  f"{exported_date(m.exported, lang)}", st.h2)]
    if fallback_font:
        out.append(_p(_t("font", lang), st.body))
    return out


def _situation(plan: Plan, st: _Styles, lang: str) -> list:
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
    return _section(st, "s1", lang, [_p(text, st.body), Spacer(1, 4),
                                     _table(by_group, st, lang)])


def _maps(plan: Plan, st: _Styles, lang: str, source: str) -> list:
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
    flow: list = [PageBreak(), _p(_t("s2", lang), st.h1),
                  _p(map_images.attribution(source), st.small)]  # once, for every map
    for png in images:
        flow.append(KeepTogether([_image(png), Spacer(1, 6)]))
    return flow


def _image(png: bytes) -> Image:
    img = Image(io.BytesIO(png))
    ratio = img.imageHeight / img.imageWidth
    img.drawWidth, img.drawHeight = MAP_WIDTH * 0.8, MAP_WIDTH * 0.8 * ratio
    return img


def _places(tables: dict[str, pd.DataFrame], st: _Styles, lang: str) -> list:
    munis = tables["municipalities"].drop(columns=["atvk_code", "region", "erdf_eur",
                                                   "cofinancing_eur"])
    places = tables["places"].drop(columns=["atvk_code", "region"])
    facilities = []
    if "services" in tables:
        facilities = [Spacer(1, 8), _p(_t("facilities", lang), st.h2),
                      _table(tables["services"], st, lang)]
    return [PageBreak(), *_section(st, "s3", lang, [
        _table(munis, st, lang), *facilities, Spacer(1, 8), _p(_t("by_service", lang), st.h2),
        _table(places, st, lang)])]


def _persons(plan: Plan | PublicPlan, tables: dict[str, pd.DataFrame], st: _Styles,
             lang: str) -> list:
    """Who is served: persons per priority class and per package, and the rules that ranked
    them (the public report has the classes only where the public view has them)."""
    rules = _rules(plan)
    if "persons" not in tables or rules is None:
        return []
    catalogue = plan.catalogue if isinstance(plan, Plan) else load_catalogue()
    note = _t("persons_note", lang, goals=goal_order_text(rules, lang),
              priorities=priority_text(rules, catalogue, lang))
    if tables["persons"].empty:
        return _section(st, "s_persons", lang, [_p(i18n.t("results.no_persons", lang),
                                                   st.body)])
    body = [_p(note, st.body), _p(_t("by_class", lang), st.h2),
            _table(tables["persons"], st, lang)]
    if "packages" in tables:
        body += [Spacer(1, 6), _p(_t("by_package", lang), st.h2),
                 _table(tables["packages"], st, lang)]
    return _section(st, "s_persons", lang, body)


def _rules(plan: Plan | PublicPlan) -> results.PlanRules | None:
    if isinstance(plan, PublicPlan):
        return plan.rules
    return results.plan_rules(plan.inputs, plan.catalogue)


def _unmet(tables: dict[str, pd.DataFrame], st: _Styles, lang: str) -> list:
    unmet = tables["unmet"]
    if unmet.empty:
        return _section(st, "s5", lang, [_p(_t("no_unmet", lang), st.body)])
    if "atvk_code" not in unmet:  # the public table: unmet need by cause only
        return _section(st, "s5", lang, [_p(_t("by_cause", lang), st.h2),
                                         _table(unmet, st, lang)])
    numeric = pd.to_numeric(unmet["unmet"], errors="coerce")
    by_cause = numeric.groupby(unmet["cause"]).sum().reset_index()
    detail = unmet.drop(columns=["atvk_code"])
    return _section(st, "s5", lang, [_p(_t("by_cause", lang), st.h2),
                                     _table(by_cause, st, lang), Spacer(1, 6),
                                     _table(detail, st, lang)])


def _consultation(comments: Sequence[Mapping[str, object]], st: _Styles, lang: str,
                  intro: Sequence[str] = (), after: Sequence = ()) -> list:
    answered = sum(bool(c.get("answer")) for c in comments)
    body: list = [_p(line, st.body) for line in intro]
    body.append(_p(i18n.tn("report.consult_summary", len(comments), lang, answered=answered),
                   st.body))
    for i, c in enumerate(comments, start=1):
        who = c.get("organisation") or _t("private", lang)
        when = f" ({_t('submitted', lang)} {c['when']})" if c.get("when") else ""
        body.append(_p(f"{i}. {_t('from', lang)}: {who}{when}", st.h2))
        body.append(_p(f"{_t('comment', lang)}: {c.get('text', '')}", st.body))
        if c.get("answer"):
            body.append(_p(f"{_t('answer', lang)}: {c['answer']}", st.body))
        if c.get("decision") in ("taken", "not_taken", "partly"):
            body.append(_p(f"{_t('decision', lang)}: {_t('decision_' + str(c['decision']), lang)}",
                           st.body))
    return _section(st, "s6", lang, [*body, *after])


def _record(record: ConsultationReport, plan: Plan, st: _Styles, lang: str) -> list:
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
    comments = [{"organisation": c.organisation, "text": c.text, "answer": c.answer,
                 "decision": c.decision, "when": local_time(c.created_at, lang)}
                for c in shown.itertuples()]
    after: list = []
    if record.followed_by is not None:
        after.append(_p(_t("changes", lang, n=record.followed_by), st.h2))
        if record.changes:
            frame = changes_frame(record.changes, lang, plan.catalogue)
            after.append(_table(frame, st, lang))
        elif not record.hidden_changes:
            after.append(_p(_t("no_changes", lang), st.body))
        if record.hidden_changes:
            after.append(_p(_t("hidden", lang, n=record.hidden_changes), st.body))
    return _consultation(comments, st, lang, intro, after)


def _sources(tables: dict[str, pd.DataFrame], st: _Styles, lang: str) -> list:
    notes = [i18n.t(key, lang) for key in DATA_SOURCES]
    return [PageBreak(), *_section(st, "s7", lang, [
        _table(tables["norms"], st, lang), Spacer(1, 8), _p(_t("sources", lang), st.h2),
        *[_p(f"• {n}", st.body) for n in notes]])]


def _table(frame: pd.DataFrame, st: _Styles, lang: str) -> Table | KeepTogether:
    """The table at widths where no header breaks inside a word and no number wraps; a table
    too wide for the page is split into several, each repeating its leading text columns."""
    texts = {c: [_cell_text(v, c, lang) for v in frame[c]] for c in frame.columns}
    fits = {c: _fit(i18n.column_label(c, lang), texts[c], _is_numeric(frame[c]), st)
            for c in frame.columns}
    parts = _column_parts(list(frame.columns), fits)
    if len(parts) == 1:
        return _one_table(frame, texts, fits, st, lang)
    flow: list = []
    for cols in parts:
        flow += [_one_table(frame[cols], texts, fits, st, lang), Spacer(1, 4)]
    return KeepTogether(flow[:-1])  # splits across pages where it must


def _one_table(frame: pd.DataFrame, texts: dict[str, list[str]],
               fits: dict[str, tuple[float, float, bool]], st: _Styles, lang: str) -> Table:
    head = ParagraphStyle("head", st.cell, fontName=st.bold, textColor=colors.white)
    num = ParagraphStyle("num", st.cell, alignment=2)
    header = [Paragraph(escape(i18n.column_label(c, lang)), head) for c in frame.columns]
    rows = [[Paragraph(escape(texts[c][i]), num if fits[c][2] else st.cell)
             for c in frame.columns] for i in range(len(frame))]
    table = Table([header, *rows], repeatRows=1, hAlign="LEFT",
                  colWidths=_widths([fits[c] for c in frame.columns]))
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1F4E79")),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F5F9")]),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#B7C4D3")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD / 2),
    ]))
    return table


PAD = 6  # a cell's left and right padding together, points
WIDEST_WORD = 5 * cm  # a longer word (a link, an id) may break
WIDEST_TEXT = 8 * cm


def _fit(header: str, texts: list[str], numeric: bool, st: _Styles
         ) -> tuple[float, float, bool]:
    """(narrowest, wanted width, numeric) of a column: its header's longest word and its
    numbers unbroken; text at most :data:`WIDEST_TEXT` wide."""
    size = st.cell.fontSize
    head = max((pdfmetrics.stringWidth(w, st.bold, size) for w in header.split()), default=0)
    if numeric:
        widest = max((pdfmetrics.stringWidth(t, st.regular, size) for t in texts), default=0)
        width = max(head, widest) + PAD
        return width, width, True
    words = max((pdfmetrics.stringWidth(w, st.regular, size) for t in texts
                 for w in t.split()), default=0)
    full = max((pdfmetrics.stringWidth(t, st.regular, size) for t in texts), default=0)
    narrowest = max(head, min(words, WIDEST_WORD)) + PAD
    return narrowest, max(narrowest, min(full + PAD, WIDEST_TEXT)), False


def _column_parts(columns: list[str], fits: dict[str, tuple[float, float, bool]]
                  ) -> list[list[str]]:
    """The columns in groups that fit the page: all together when they fit, else the
    leading text columns (the row's names) repeated before each group of the others."""
    if sum(fits[c][0] for c in columns) <= TEXT_WIDTH:
        return [columns]
    keys = []
    for c in columns:
        if fits[c][2]:
            break
        keys.append(c)
    room = TEXT_WIDTH - sum(fits[c][0] for c in keys)
    parts: list[list[str]] = [[]]
    for c in columns[len(keys):]:
        if parts[-1] and sum(fits[x][0] for x in parts[-1]) + fits[c][0] > room:
            parts.append([])
        parts[-1].append(c)
    return [keys + part for part in parts]


def _widths(fits: list[tuple[float, float, bool]]) -> list[float]:
    """Each column at its narrowest, then text columns widened toward what they want and
    then evenly, so the table spans the text width (a too-wide one is scaled down)."""
    widths = [f[0] for f in fits]
    spare = TEXT_WIDTH - sum(widths)
    if spare < 0:
        return [w * TEXT_WIDTH / sum(widths) for w in widths]
    wants = [f[1] - f[0] for f in fits]
    if sum(wants) > 0:
        share = min(1.0, spare / sum(wants))
        widths = [w + share * want for w, want in zip(widths, wants, strict=True)]
        spare = TEXT_WIDTH - sum(widths)
    text = [i for i, f in enumerate(fits) if not f[2]]
    for i in text:
        widths[i] += spare / len(text)
    return widths


def _is_numeric(values: pd.Series) -> bool:
    return len(values) > 0 and values.map(
        lambda v: (isinstance(v, int | float) and not isinstance(v, bool))
        or v in ("<5", "…") or v is None or (isinstance(v, float) and pd.isna(v))).all()


def _cell_text(value: object, column: str, lang: str) -> str:
    """A cell as the report prints it: whole numbers without decimals, others with one (the
    tables are tidied: staff and km have one, counts are whole), shares as per cent."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if not isinstance(value, int | float) or isinstance(value, bool):
        return str(value)
    if column in SHARES:
        return i18n.fmt_pct(value, lang)
    if column == "value":
        return i18n.fmt_number(value, lang, 2).rstrip("0").rstrip(",.")
    return i18n.fmt_number(value, lang, 0 if float(value).is_integer() else 1)
