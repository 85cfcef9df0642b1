"""Untrusted text leaves the platform inert: no spreadsheet formula runs from a name.

Scenario names, file names, comments and imported labels are typed by users. A spreadsheet
program runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and some also after a
tab or carriage return) as a formula — ``=HYPERLINK("https://evil", "click")`` becomes a
live link (OWASP "CSV injection"). CSV cells get a leading apostrophe, the OWASP advice;
workbook cells are stored as text (openpyxl would otherwise store such a string as a
formula), so the name reads exactly as typed.

>>> csv_text("=HYPERLINK(\\"http://x\\")")
'\\'=HYPERLINK("http://x")'
>>> csv_text("Kurzeme") == "Kurzeme" and csv_text(5) == 5
True
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd
from openpyxl.cell import Cell

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_text(value: object) -> object:
    """``value`` with a leading apostrophe if it is a string a spreadsheet would run."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Every text cell of ``frame`` (and its headers) through :func:`csv_text`."""
    out = frame.rename(columns={c: csv_text(c) for c in frame.columns})
    text = [c for c in out.columns
            if pd.api.types.is_object_dtype(out[c]) or pd.api.types.is_string_dtype(out[c])]
    if text:
        out[text] = out[text].map(csv_text)
    return out


def as_text(cells: Iterable[Cell]) -> None:
    """Store each string cell of a written workbook row as text, never as a formula."""
    for cell in cells:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"
