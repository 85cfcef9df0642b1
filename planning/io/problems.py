"""What is wrong with an uploaded file, cell by cell, and the error that refuses it.

Messages are texts of the catalogue (``i18n.msg``): English in logs and ``str()``, shown
in the reader's language by ``describe(lang)`` and ``table(lang)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planning import i18n
from planning.domain.errors import InputError, listing, placed, where

MAX_LISTED = 30
MAX_PROBLEMS = 200  # checking a file stops after this many problems
TABLE_COLUMNS = ("file", "sheet", "row", "column", "value", "problem")


@dataclass(frozen=True)
class ImportProblem:
    """One problem: where it is (file, sheet, row, column), the value, what is expected."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None

    def describe(self, lang: str = "en") -> str:
        place = where(lang, file=self.file, sheet=self.sheet, row=self.row, column=self.column)
        shown = "" if self.value is None else i18n.t("problem.value", lang,
                                                       value=repr(self.value))
        return placed(place, self.message, lang) + shown


class ImportRejected(InputError):
    """The file was refused; nothing was changed. ``problems`` lists every problem found;
    ``stopped_at_row`` is the row where checking stopped after ``MAX_PROBLEMS`` problems
    (None: the whole file was checked)."""

    def __init__(self, problems: list[ImportProblem], stopped_at_row: int | None = None) -> None:
        self.problems = list(problems)
        self.stopped_at_row = stopped_at_row
        first = self.problems[0]
        if stopped_at_row is None:
            message = listing("import.rejected", self.problems, MAX_LISTED)
        else:
            message = listing("import.rejected_stopped", self.problems, MAX_LISTED,
                              row=stopped_at_row)
        super().__init__(message, file=first.file, row=first.row, column=first.column,
                         value=first.value)

    def describe(self, lang: str = "en") -> str:
        return i18n.render(self.message, lang)

    def table(self, lang: str = "en") -> list[dict[str, Any]]:
        """The problems as rows, for a table next to the upload widget (headers and problems
        in ``lang``)."""
        header = {key: i18n.t(f"import.col.{key}", lang) for key in TABLE_COLUMNS}
        return [
            {header["file"]: p.file, header["sheet"]: p.sheet, header["row"]: p.row,
             header["column"]: p.column, header["value"]: p.value,
             header["problem"]: i18n.render(p.message, lang)}
            for p in self.problems
        ]


def reject(file: str, message: str, **where: Any) -> ImportRejected:
    """An ImportRejected with one problem."""
    return ImportRejected([ImportProblem(file, message, **where)])
