"""Errors the optimizer raises, each carrying where the problem is and the numbers behind it.

The CLI turns them into ``click.ClickException``; pages show them with ``st.error``.
"""

from __future__ import annotations


class OptimizerError(Exception):
    """Base class of every error a user can act on."""


class InputError(OptimizerError):
    """A ``ProblemInput`` field holds a value the model cannot use.

    ``field`` is a dotted path into the input (``services[2].min_places``,
    ``needs[17].clients``), ``place`` optionally names the municipality, service or region.
    """

    def __init__(self, field: str, message: str, *, place: str | None = None) -> None:
        self.field = field
        self.place = place
        self.message = message
        where = f"{field} ({place})" if place else field
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple:
        """Rebuilt from its parts, so it crosses a process pool (a sweep's or robust run's
        worker) as itself, not as a broken pool."""
        return (_input_error, (self.field, self.message, self.place))


def _input_error(field: str, message: str, place: str | None) -> InputError:
    return InputError(field, message, place=place)


class InfeasibleError(OptimizerError):
    """No plan satisfies the constraints; ``cause`` names the input that makes it impossible."""

    def __init__(self, cause: str, message: str) -> None:
        self.cause = cause
        self.message = message
        super().__init__(message)

    def __reduce__(self) -> tuple:
        return (InfeasibleError, (self.cause, self.message))


class SolverError(OptimizerError):
    """The solver stopped without a usable solution (status named in the message)."""
