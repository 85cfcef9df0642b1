"""The regional DI plan report (PDF): the document a DI management group publishes.

What it says is :func:`planning.io.outline.plan_outline` (sections, tables, maps); this
module lays it out on A4 with ReportLab. Latvian by default (``lang="en"`` for English); a
``PublicPlan`` gives the public report. Text uses DejaVu Sans (Latvian letters), the copy
matplotlib ships (a dependency), so no system font is needed; without it the report falls
back to Helvetica, warns, and says so on the title page. Tables get widths from their text,
so a header breaks only between words and a number never wraps.
"""

from __future__ import annotations

import io
import warnings
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
from planning.domain.public_plan import PublicPlan
from planning.io import outline
from planning.io.exports import Plan, title_of

FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
MAP_WIDTH = 16 * cm
TEXT_WIDTH = 17 * cm


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
    consultation: outline.Comments = None,
    boundary_source: str = "amcharts",
    font_dir: Path = FONT_DIR,
) -> bytes:
    """The plan report as PDF bytes (``consultation`` and the public report: see
    :func:`planning.io.outline.plan_outline`)."""
    regular, bold = register_fonts(font_dir)
    st = _Styles(regular, bold)
    blocks = outline.plan_outline(plan, lang=lang, consultation=consultation,
                                  boundary_source=boundary_source)
    if regular != FONT:
        blocks.insert(_title_end(blocks), outline.Text(_t("font", lang)))
    story = [_flowable(block, st, lang) for block in blocks]
    buf = io.BytesIO()
    public = isinstance(plan, PublicPlan)
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=1.8 * cm, bottomMargin=1.8 * cm,
                            title=outline.document_title(plan, lang),
                            author="di-plan" if public else (plan.metadata.author or "di-plan"))
    footer = _footer(title_of(plan), regular, lang)
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()


def _title_end(blocks: list[outline.Block]) -> int:
    """Where the title's blocks end: at the first section or page break."""
    return next(i for i, b in enumerate(blocks) if isinstance(b, outline.NewPage)
                or (isinstance(b, outline.Heading) and b.level == 1))


def _flowable(block: outline.Block, st: _Styles, lang: str):
    match block:
        case outline.Heading(text, level):
            return _p(text, (st.title, st.h1, st.h2)[level])
        case outline.Text(text, small):
            return _p(text, st.small if small else st.body)
        case outline.Table(frame):
            return _table(frame, st, lang)
        case outline.Picture(png):
            return KeepTogether([_image(png)])
        case outline.NewPage():
            return PageBreak()
        case outline.Gap(points):
            return Spacer(1, points)
    raise TypeError(f"not a block of the report: {block!r}")


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


def _image(png: bytes) -> Image:
    img = Image(io.BytesIO(png))
    ratio = img.imageHeight / img.imageWidth
    img.drawWidth, img.drawHeight = MAP_WIDTH * 0.8, MAP_WIDTH * 0.8 * ratio
    return img


def _table(frame: pd.DataFrame, st: _Styles, lang: str) -> Table | KeepTogether:
    """The table at widths where no header breaks inside a word and no number wraps; a table
    too wide for the page is split into several, each repeating its leading text columns."""
    texts, fits = _measure(frame, st, lang)
    parts = _column_parts(list(frame.columns), fits)
    if len(parts) == 1:
        return _one_table(frame, texts, fits, st, lang)
    flow: list = []
    for cols in parts:
        flow += [_one_table(frame[cols], texts, fits, st, lang), Spacer(1, 4)]
    return KeepTogether(flow[:-1])  # splits across pages where it must


def table_parts(frame: pd.DataFrame, lang: str) -> list[tuple[pd.DataFrame, list[float]]]:
    """``frame`` in the groups of columns that fit a portrait A4 page, each with its column
    widths in points, as the PDF prints them (the DOCX uses the same measure)."""
    st = _Styles(*register_fonts())
    _, fits = _measure(frame, st, lang)
    return [(frame[cols], _widths([fits[c] for c in cols]))
            for cols in _column_parts(list(frame.columns), fits)]


def _measure(frame: pd.DataFrame, st: _Styles, lang: str
             ) -> tuple[dict[str, list[str]], dict[str, tuple[float, float, bool]]]:
    texts = {c: [outline.cell_text(v, c, lang) for v in frame[c]] for c in frame.columns}
    fits = {c: _fit(i18n.column_label(c, lang), texts[c], outline.is_numeric(frame[c]), st)
            for c in frame.columns}
    return texts, fits


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
