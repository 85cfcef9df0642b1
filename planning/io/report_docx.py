"""The plan report as a Word document (DOCX), for groups that edit it before the council.

It says what the PDF says (:func:`planning.io.outline.plan_outline`): the same sections,
tables, maps and consultation record, in Word's own headings (so the navigation pane and
a table of contents work), tables whose header row repeats on every page (split into
column groups where the PDF splits them, so headers keep whole words), numbers right
aligned, and the scenario and version in the footer. A ``PublicPlan`` gives the public
report, as for the PDF.
"""

from __future__ import annotations

import io

import pandas as pd
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from planning import i18n
from planning.domain.public_plan import PublicPlan
from planning.io import outline
from planning.io.exports import Plan, title_of
from planning.io.report import table_parts

MAP_WIDTH = Cm(13)
TABLE_FONT = Pt(7.5)  # the size the PDF is measured at
SMALL_FONT = Pt(8)


def plan_docx(plan: Plan | PublicPlan, *, lang: str = "lv",
              consultation: outline.Comments = None,
              boundary_source: str = "amcharts") -> bytes:
    """The plan report as DOCX bytes (``consultation`` and the public report: see
    :func:`planning.io.outline.plan_outline`)."""
    doc = Document()
    _page(doc, plan, lang)
    for block in outline.plan_outline(plan, lang=lang, consultation=consultation,
                                      boundary_source=boundary_source):
        _write(doc, block, lang)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _page(doc: DocxDocument, plan: Plan | PublicPlan, lang: str) -> None:
    """A4 portrait, 2 cm margins, the document's title and language, the footer."""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    section.footer.paragraphs[0].text = title_of(plan)
    props = doc.core_properties
    props.title = outline.document_title(plan, lang)
    props.author = "di-plan" if isinstance(plan, PublicPlan) else (
        plan.metadata.author or "di-plan")
    props.language = i18n.LOCALES[lang].replace("_", "-")
    doc.styles["Normal"].font.size = Pt(10)


def _write(doc: DocxDocument, block: outline.Block, lang: str) -> None:
    match block:
        case outline.Heading(text, level):
            doc.add_heading(text, level)
        case outline.Text(text, small):
            paragraph = doc.add_paragraph(text)
            if small:
                for run in paragraph.runs:
                    run.font.size = SMALL_FONT
        case outline.Table(frame):
            for part, widths in table_parts(frame, lang):  # a too wide table, split
                _table(doc, part, widths, lang)
                doc.add_paragraph()
        case outline.Picture(png):
            doc.add_picture(io.BytesIO(png), width=MAP_WIDTH)
        case outline.NewPage():
            doc.add_page_break()
        case outline.Gap():
            pass  # Word's paragraph spacing does it
        case _:
            raise TypeError(f"not a block of the report: {block!r}")


def _table(doc: DocxDocument, frame: pd.DataFrame, widths: list[float], lang: str) -> None:
    numeric = [outline.is_numeric(frame[c]) for c in frame.columns]
    table = doc.add_table(rows=1, cols=len(frame.columns))
    table.style = "Table Grid"
    table.autofit = False
    header = table.rows[0]
    _repeat_header(header)
    for cell, column, right in zip(header.cells, frame.columns, numeric, strict=True):
        _fill(cell, i18n.column_label(column, lang), bold=True, right=right)
    for values in frame.itertuples(index=False):
        cells = table.add_row().cells
        for cell, column, value, right in zip(cells, frame.columns, values, numeric,
                                              strict=True):
            _fill(cell, outline.cell_text(value, column, lang), right=right)
    for column, width in zip(table.columns, widths, strict=True):
        for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
            cell.width = Pt(width)
        column.width = Pt(width)


def _fill(cell, text: str, *, bold: bool = False, right: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(text)
    run.font.size, run.bold = TABLE_FONT, bold
    if right:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_header(row) -> None:
    """Mark ``row`` as the table's header, repeated at the top of every page."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)
