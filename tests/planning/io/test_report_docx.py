"""The plan report as DOCX: the PDF's sections in Word headings, its tables and maps, read
back with python-docx; the public report from the public plan only."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from click.testing import CliRunner
from docx import Document

from planning import i18n
from planning.cli.main import main
from planning.domain.config import local_today
from planning.domain.privacy import COUNT_COLUMNS
from planning.domain.public_plan import public_plan
from planning.io.bundle import scenario_bundle
from planning.io.report_docx import plan_docx

COMMENTS = [{"organisation": "Biedrība „Rūpju bērns”", "text": "Lūdzam grupu māju Kuldīgā.",
             "answer": "Iekļauts 2. kārtā.", "decision": "partly",
             "email": "secret@example.lv"}]
SECTIONS = ("1. Situācijas apraksts", "2. Kartes",
            "3. Jaunās vietas pa pašvaldībām un pakalpojumiem", "4. Kas tiek apkalpoti",
            "5. Budžets", "6. Neapmierinātā vajadzība un tās iemesli",
            "7. Sabiedriskā apspriešana", "8. Normatīvi un datu avoti",
            "9. Scenārijs un versija")


@pytest.fixture(scope="module")
def document(tight_plan):
    return Document(io.BytesIO(plan_docx(tight_plan, consultation=COMMENTS)))


def _text(doc) -> str:
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return " ".join([p.text for p in doc.paragraphs] + cells)


def test_docx_has_the_reports_sections_as_word_headings(document):
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == list(SECTIONS)
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == "Reģionālais deinstitucionalizācijas plāns: Kurzeme"
    assert document.core_properties.title.endswith("Kurzeme: budžets −70 %")
    assert document.core_properties.language == "lv-LV"
    assert len(document.inline_shapes) == 4  # the maps
    assert "Kurzeme: budžets −70 %, v4" in document.sections[0].footer.paragraphs[0].text


def test_docx_tables_name_columns_and_print_whole_counts(document, tight_plan):
    munis = next(t for t in document.tables if t.rows[0].cells[0].text == "Pašvaldība"
                 and t.rows[0].cells[1].text == "Vajadzība (klienti)")
    rows = {r.cells[0].text: [c.text for c in r.cells] for r in munis.rows[1:]}
    liepaja = tight_plan.solution.municipalities.set_index("name").loc["Liepāja"]
    assert rows["Liepāja"][1:4] == [i18n.fmt_int(round(liepaja[c]), "lv")
                                    for c in ("need", "served", "unmet")]
    assert len(rows) == len(tight_plan.solution.municipalities)
    header = munis.rows[0]._tr.trPr
    assert header is not None and "tblHeader" in header.xml  # repeats on every page
    text = _text(document)
    assert not re.search(r"\b\d+,0\b", text)
    assert i18n.fmt_date(local_today(), "lv") in text
    assert local_today().isoformat() not in text


def test_docx_keeps_the_consultation_but_not_the_commenters_email(document):
    text = _text(document)
    assert "Lūdzam grupu māju Kuldīgā." in text and "Iekļauts 2. kārtā." in text
    assert i18n.t("report.decision_partly", "lv") in text
    assert "secret@example.lv" not in text


def test_public_docx_is_the_public_plan_only(tight_plan):
    doc = Document(io.BytesIO(plan_docx(public_plan(tight_plan.result()), lang="en")))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "2. Maps" not in headings and "1. Situation" not in " ".join(headings)
    assert len(doc.inline_shapes) == 0
    assert "Public version: counts from 1 to 4 are shown as '<5'." in _text(doc)
    count_headers = {i18n.column_label(c, "en") for c in COUNT_COLUMNS}
    small = []
    for table in doc.tables:
        headers = [c.text for c in table.rows[0].cells]
        for row in table.rows[1:]:
            for header, cell in zip(headers, row.cells, strict=True):
                if header in count_headers and cell.text.isdigit() and 0 < int(cell.text) < 5:
                    small.append((header, cell.text))
    assert small == []


def test_cli_writes_the_report_as_docx_by_its_name(tight_plan, tmp_path):
    bundle = tmp_path / "s.json"
    bundle.write_bytes(scenario_bundle(tight_plan))
    out = tmp_path / "report.docx"
    result = CliRunner().invoke(main, ["--lang", "en", "export", "report", str(bundle),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    assert doc.paragraphs[0].text == "Regional deinstitutionalisation plan: Kurzeme"


def test_a_comment_not_yet_answered_is_not_counted_answered_nor_printed_nan(tight_plan):
    """The record read from the store (a frame) gives NaN for a missing answer; issue 18's
    demo report said 'atbildēts uz 2' of 2 and 'Atbilde: nan'."""
    import pandas as pd

    from planning.store.consultation import COMMENT_FIELDS, ConsultationReport

    moment = pd.Timestamp("2026-12-07 23:00", tz="UTC")
    frame = pd.DataFrame([
        {"id": 1, "created_at": moment, "name": "Anna", "organisation": "Rūpju bērns",
         "text": "Mazākas mājas.", "moderation": "published", "answer": "Jā.",
         "decision": "taken", "answered_by": "g", "answered_at": moment},
        {"id": 2, "created_at": moment, "name": "Jānis", "organisation": None,
         "text": "Vai būs DAC?", "moderation": "published", "answer": None,
         "decision": None, "answered_by": None, "answered_at": pd.NaT},
    ], columns=list(COMMENT_FIELDS)).astype({"answer": "str", "organisation": "str"})
    assert frame["answer"].isna().iloc[1]  # as the store's frame holds it
    record = ConsultationReport(scenario_id=1, scenario_name="p", region="Kurzeme",
                                version=1, start=dt.date(2026, 12, 1),
                                end=dt.date(2026, 12, 31), comments=frame)
    text = _text(Document(io.BytesIO(plan_docx(tight_plan, consultation=record))))
    assert i18n.tn("report.consult_summary", 2, "lv", answered=1) in text
    assert "nan" not in text.split()  # no 'Atbilde: nan', no 'No: nan'
    assert "(iesniegts 8.12.2026. 01:00)" in text  # Riga time
    assert text.count(i18n.t("report.answer", "lv") + ":") == 1
