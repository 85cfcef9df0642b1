"""Read an uploaded CSV or XLSX file into rows of text, refusing what cannot be read.

Checks before parsing: size (``MAX_BYTES``), that the content is what the name claims
(magic bytes), and for CSV that the text is UTF-8 (Excel's "CSV UTF-8"; a Windows-1257 or
Latin-1 file is refused with the line where it fails and how to re-save it). The delimiter
(comma, semicolon or tab) is detected from the header line. Row numbers are those a
spreadsheet shows: the header is row 1 of a CSV, data start on row 2.

Reading stops with a clear refusal at ``MAX_ROWS`` rows with data (``MAX_SCANNED`` rows in
all), so a huge file costs a bounded time and memory. An XLSX sheet is read to its last
row whatever its ``<dimension>`` tag declares (a stale tag would cut the data short), and
an XLSX whose XML is malformed or declares entities (an "entity expansion" bomb) is
refused naming the part that is wrong. A part with a document type declaration (where
entities are declared; spreadsheet programs never write one) is refused before any XML
parser sees it, so the defence holds whichever parser openpyxl uses (expat, or lxml when
installed).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import PurePath
from xml.etree.ElementTree import ParseError
from xml.parsers.expat import ExpatError

import pandas as pd

from planning.domain.geo import fold
from planning.i18n import Text, msg
from planning.io.problems import ImportRejected, reject

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000       # rows with data; a region's needs are a few thousand at most
MAX_SCANNED = 200_000   # rows in all, empty ones included
XML_HEAD = 64 * 1024    # a part's root element starts within this (a few hundred bytes in)
ROOT = re.compile(rb"<[A-Za-z_]")
DOCTYPE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)
MAGIC = {
    b"PK\x03\x04": msg("file.zip"),
    b"%PDF": msg("file.pdf"),
    b"\xd0\xcf\x11\xe0": msg("file.xls"),
    b"SQLite format 3\x00": msg("file.sqlite"),
    b"\x89PNG": msg("file.png"),
    b"\xff\xd8\xff": msg("file.jpeg"),
}


@dataclass(frozen=True)
class RawTable:
    """Cells as text ("" where empty) under the headers as written, with their row numbers."""

    file: str
    sheet: str | None
    headers: list[str]
    rows: list[list[str]]
    row_numbers: list[int]

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=self.headers, dtype=object)


def sniff(data: bytes) -> Text | None:
    """What the first bytes say the content is, or None for no known signature."""
    return next((what for magic, what in MAGIC.items() if data.startswith(magic)), None)


def check_size(data: bytes, file: str, limit: int = MAX_BYTES) -> None:
    if not data:
        raise reject(file, msg("file.empty"))
    if len(data) > limit:
        raise reject(file, msg("file.too_big", size=human_size(len(data)),
                               limit=human_size(limit)))


def human_size(n: int) -> str:
    """47 bytes, 12.3 KB, 20.0 MB."""
    if n < 1024:
        return f"{n} bytes"
    if n < 2**20:
        return f"{n / 1024:.1f} KB"
    return f"{n / 2**20:.1f} MB"


def read_table(
    data: bytes, file: str, sheet_names: tuple[str, ...] = (), limit: int = MAX_BYTES
) -> RawTable:
    """Read a CSV or XLSX upload; raise ImportRejected saying what is wrong with the file."""
    check_size(data, file, limit)
    suffix = PurePath(file).suffix.lower()
    if suffix in (".csv", ".txt"):
        return read_csv(data, file)
    if suffix == ".xlsx":
        return read_xlsx(data, file, sheet_names)
    if suffix == ".xls":
        raise reject(file, msg("file.old_xls"))
    raise reject(file, msg("file.unknown_type", suffix=suffix or "–"))


def read_csv(data: bytes, file: str) -> RawTable:
    what = sniff(data)
    if what or b"\x00" in data[:4096]:
        raise reject(file, msg("file.csv_not_text", what=what or msg("file.binary")))
    text = decode_utf8(data, file)
    lines = text.splitlines()
    delimiter = detect_delimiter(lines[0] if lines else "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    start = 1
    counter = _RowCounter(file, None)
    for record in reader:
        if counter.keep(any(cell.strip() for cell in record)):
            records.append((start, [cell.strip() for cell in record]))
        start = reader.line_num + 1
    return _table(file, None, records)


def decode_utf8(data: bytes, file: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        shown = data.splitlines()[line - 1].decode("cp1257", errors="replace")[:60]
        raise reject(
            file,
            msg("file.not_utf8", byte=f"0x{data[exc.start]:02X}", line=line,
                shown=repr(shown)),
            row=line,
        ) from exc


def detect_delimiter(header: str) -> str:
    """Comma, semicolon (Latvian Excel) or tab: whichever the header line has most of."""
    counts = {d: header.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_xlsx(data: bytes, file: str, sheet_names: tuple[str, ...] = ()) -> RawTable:
    from openpyxl import load_workbook

    if not data.startswith(b"PK\x03\x04"):
        what = sniff(data) or msg("file.not_spreadsheet")
        raise reject(file, msg("file.xlsx_not_xlsx", what=what))
    try:
        _refuse_doctype(data, file)
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        wanted = {fold(n) for n in sheet_names}
        ws = next((ws for ws in book.worksheets if fold(ws.title) in wanted),
                  book.worksheets[0])
        ws.reset_dimensions()  # read every row, not only those the <dimension> tag declares
        counter = _RowCounter(file, ws.title)
        records = []
        for i, values in enumerate(ws.iter_rows(values_only=True), start=1):
            cells = [cell_text(v) for v in values]
            if counter.keep(any(cells)):
                records.append((i, cells))
        book.close()
    except ImportRejected:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, IndexError) as exc:
        raise reject(file, msg("file.unreadable_xlsx", error=str(exc))) from exc
    except (ExpatError, ParseError) as exc:
        raise reject(file, msg("file.bad_xml", error=str(exc))) from exc
    return _table(file, ws.title, records)


def _refuse_doctype(data: bytes, file: str) -> None:
    """Refuse an XLSX with a part that declares a document type (or entities) before its
    root element, or whose root does not start within :data:`XML_HEAD` bytes."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            if not info.filename.endswith((".xml", ".rels", ".vml")):
                continue
            with zf.open(info) as part:
                head = part.read(XML_HEAD)
            root = ROOT.search(head)
            prologue = head if root is None else head[:root.start()]
            if DOCTYPE.search(prologue) or (root is None and len(head) == XML_HEAD):
                raise reject(file, msg("file.bad_xml",
                                       error=f"{info.filename}: <!DOCTYPE …>"))


class _RowCounter:
    """Refuses a file once it has more than ``MAX_ROWS`` rows with data or ``MAX_SCANNED``
    rows in all; ``keep(has_data)`` says whether to keep a row."""

    def __init__(self, file: str, sheet: str | None) -> None:
        self.file, self.sheet, self.rows, self.scanned = file, sheet, 0, 0

    def keep(self, has_data: bool) -> bool:
        self.scanned += 1
        self.rows += has_data
        if self.rows > MAX_ROWS + 1:  # + the header row
            raise reject(self.file, msg("file.too_many_rows", most=f"{MAX_ROWS:,}"),
                         sheet=self.sheet, row=self.scanned)
        if self.scanned > MAX_SCANNED:
            raise reject(self.file, msg("file.too_many_empty", most=f"{MAX_SCANNED:,}"),
                         sheet=self.sheet, row=self.scanned)
        return has_data


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: whole floats without '.0', dates as ISO."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value).strip()


def _table(file: str, sheet: str | None, records: list[tuple[int, list[str]]]) -> RawTable:
    if not records:
        raise reject(file, msg("file.no_header"), sheet=sheet)
    (_, headers), body = records[0], records[1:]
    width = len(headers)
    while width and not headers[width - 1]:
        width -= 1
    rows = [(cells + [""] * width)[:width] for _, cells in body]
    return RawTable(file, sheet, headers[:width], rows, [n for n, _ in body])
