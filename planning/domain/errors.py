"""Domain errors that carry where the problem is and how to fix it.

Pages show them with ``st.error``; the CLI turns them into ``click.ClickException``.
"""

from __future__ import annotations


class PlanningError(Exception):
    """Base class of every error a user can act on."""


class InputError(PlanningError):
    """Bad input: names the file, row, column (or key), the value and what was expected."""

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        value: object = None,
    ) -> None:
        self.message = message
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class CatalogueError(InputError):
    """The norms catalogue is invalid."""


class NotFoundError(PlanningError):
    """A scenario, municipality, user or other record does not exist."""


class PermissionDenied(PlanningError):
    """The signed-in role may not do this."""


class ConflictError(PlanningError):
    """Someone else saved first; reload and re-apply."""


class FiguresOutdated(PlanningError):
    """A stored result does not match the inputs or norms its public view is built from
    (e.g. a result of an older catalogue): its figures cannot be published until the plan
    is computed again. Pages say that the plan's figures are being updated."""
