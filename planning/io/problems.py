"""What is wrong with an uploaded file, cell by cell, and the error that refuses it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from planning.domain.errors import InputError

MAX_LISTED = 30
MAX_PROBLEMS = 200  # checking a file stops after this many problems


@dataclass(frozen=True)
class ImportProblem:
    """One problem: where it is (file, sheet, row, column), the value, what is expected."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    value: Any = None

    def describe(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        shown = "" if self.value is None else f" (value: {self.value!r})"
        return f"{', '.join(where)}: {self.message}{shown}"


class ImportRejected(InputError):
    """The file was refused; nothing was changed. ``problems`` lists every problem found;
    ``stopped_at_row`` is the row where checking stopped after ``MAX_PROBLEMS`` problems
    (None: the whole file was checked)."""

    def __init__(self, problems: list[ImportProblem], stopped_at_row: int | None = None) -> None:
        self.problems = list(problems)
        self.stopped_at_row = stopped_at_row
        first = self.problems[0]
        lines = "\n".join(f"- {p.describe()}" for p in self.problems[:MAX_LISTED])
        more = len(self.problems) - MAX_LISTED
        tail = f"\n... and {more} more" if more > 0 else ""
        count = f"{len(self.problems)} problem(s)"
        if stopped_at_row is not None:
            count = (f"{len(self.problems)} problems in the rows up to row {stopped_at_row}; "
                     "checking stopped there, so fix these first")
        super().__init__(
            f"{count}; nothing was imported:\n{lines}{tail}",
            file=first.file,
            row=first.row,
            column=first.column,
            value=first.value,
        )

    def describe(self) -> str:
        return self.message

    def table(self) -> list[dict[str, Any]]:
        """The problems as rows, for a table next to the upload widget."""
        return [
            {"file": p.file, "sheet": p.sheet, "row": p.row, "column": p.column,
             "value": p.value, "problem": p.message}
            for p in self.problems
        ]


def reject(file: str, message: str, **where: Any) -> ImportRejected:
    """An ImportRejected with one problem."""
    return ImportRejected([ImportProblem(file, message, **where)])
