"""The consultation report leaves the platform: XLSX (comments, changes) and CSV (comments).

Moments are Riga time (the workbook's as date cells shown ``DD.MM.YYYY HH:MM``, the CSV's as
text in the reader's format, ``08.12.2026. 01:00``); moderation and decision by their names;
the CSV in the reader's style (Latvian Excel's ``;`` for Latvian, see
:data:`planning.io.exports.CSV_STYLES`).

Takes a :class:`planning.store.consultation.ConsultationReport` (every comment on the consulted
version with its answer, and what changed in the inputs afterwards; no e-mail addresses).
Text from the public is written as plain cell values: a leading ``=``, ``+``, ``-`` or ``@``
is prefixed with an apostrophe so no spreadsheet runs it as a formula.
"""

from __future__ import annotations

import io
from datetime import datetime

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from planning import i18n
from planning.domain.config import LOCAL_TZ
from planning.io.exports import CSV_STYLES, default_csv_style
from planning.io.inert import csv_text
from planning.store.consultation import ConsultationReport


def _safe(value: object) -> object:
    if isinstance(value, str):
        return csv_text(value)
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return value.astimezone(LOCAL_TZ).replace(tzinfo=None)  # Riga time, as people read it
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _headed(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    return frame.rename(columns={c: i18n.t(f"consultation.col.{c}", lang) for c in frame})


def _named(prefix: str, lang: str):
    return lambda v: i18n.t(f"{prefix}.{v}", lang) if isinstance(v, str) else None


def _comments(report: ConsultationReport, lang: str) -> pd.DataFrame:
    comments = report.comments.assign(
        decision=report.comments["decision"].map(_named("decision", lang)),
        moderation=report.comments["moderation"].map(_named("moderation", lang)))
    return _headed(comments, lang)


def _csv_cell(value: object, lang: str) -> object:
    value = _safe(value)
    if value is pd.NaT:
        return None
    if isinstance(value, datetime):
        return f"{i18n.fmt_date(value.date(), lang)} {value:%H:%M}"
    return value


def report_csv(report: ConsultationReport, lang: str = "lv", style: str | None = None
               ) -> bytes:
    """The comments as CSV in ``style`` (by default the reader's: Latvian Excel's ``;`` for
    Latvian), UTF-8 with BOM so spreadsheet programs read ā, č, ē..."""
    chosen = CSV_STYLES[style or default_csv_style(lang)]
    frame = _comments(report, lang).astype(object).map(lambda v: _csv_cell(v, lang))
    return frame.to_csv(index=False, sep=chosen.delimiter,
                        lineterminator="\n").encode("utf-8-sig")


def report_workbook(report: ConsultationReport, lang: str = "lv") -> bytes:
    """The report as a workbook: a sheet of comments and answers, a sheet of changes."""
    book = Workbook()
    sheets = (i18n.t("sheet.comments", lang), i18n.t("sheet.changes", lang))
    for i, frame in enumerate((_comments(report, lang),
                               _headed(report.changes_frame(), lang))):
        ws = book.active if i == 0 else book.create_sheet()
        ws.title = sheets[i]
        ws.append(list(frame.columns))
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in frame.itertuples(index=False):
            ws.append([_safe(v if not isinstance(v, (dict, list)) else str(v)) for v in row])
        for column in ws.columns:
            ws.column_dimensions[column[0].column_letter].width = 40
            for cell in column[1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if isinstance(cell.value, datetime):
                    cell.number_format = "DD.MM.YYYY HH:MM"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
