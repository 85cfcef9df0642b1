"""Domain errors that carry where the problem is and how to fix it.

Their messages are texts of the catalogue (:class:`planning.i18n.Text`): ``str(error)`` is
the English form (logs, tests), :meth:`PlanningError.describe` gives it in the reader's
language. Pages show them with ``ui.guard``; the CLI turns them into
``click.ClickException``. :func:`user_message` is the one place any error a user can act on
(the optimizer's too) becomes a sentence in the reader's language.
"""

from __future__ import annotations

from optimizer import errors as optimizer_errors
from planning import i18n


def where(lang: str, *, file: str | None = None, sheet: str | None = None,
          row: int | None = None, column: object = None) -> str:
    """The place of a problem as a reader names it: ``needs.csv, rinda 3, kolonna „Skaits”``."""
    parts = [str(file)] if file else []
    if sheet:
        parts.append(i18n.t("problem.sheet", lang, sheet=i18n.t_or(f"section.{sheet}", lang,
                                                                     str(sheet))))
    if row is not None:
        parts.append(i18n.t("problem.row", lang, row=row))
    if isinstance(column, str) and column:
        parts.append(i18n.t("problem.column", lang, column=i18n.column_label(column, lang)))
    return ", ".join(parts)


def placed(place: str, message: object, lang: str) -> str:
    """``place: message`` (just the message when there is no place)."""
    text = i18n.render(message, lang)
    return f"{place}: {text}" if place else text


def listing(key: str, found: list, most: int = 20, **values: object) -> i18n.Text:
    """``key`` (a plural text with ``{lines}`` and ``{more}``) listing the first ``most``
    problems of ``found``, each described in the reader's language."""
    rest = len(found) - most
    more = i18n.msgn("problems.more", rest) if rest > 0 else ""
    return i18n.msgn(key, len(found), lines=tuple(found[:most]), more=more, **values)


class PlanningError(Exception):
    """Base class of every error a user can act on; ``message`` is a text of the catalogue
    (or, for a few errors still written in English, a plain string)."""

    def __init__(self, message: str = "") -> None:
        self.message = message
        super().__init__(self.describe("en"))

    def describe(self, lang: str = "en") -> str:
        return i18n.render(self.message, lang)


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
        self.file = file
        self.row = row
        self.column = column
        self.value = value
        super().__init__(message)

    def describe(self, lang: str = "en") -> str:
        place = where(lang, file=self.file, row=self.row, column=self.column)
        return placed(place, self.message, lang)


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


def user_message(exc: Exception, lang: str) -> str:
    """What a reader of ``lang`` is told about ``exc``, a domain or optimizer error.

    The optimizer is pure and writes English; its errors are translated here by their kind
    (and an infeasibility by its ``cause``): a sentence of the catalogue saying what cannot
    be done and what to change, followed by the optimizer's own figures.
    """
    if isinstance(exc, PlanningError):
        return exc.describe(lang)
    if isinstance(exc, optimizer_errors.InfeasibleError):
        lead = i18n.t_or(f"optimizer.infeasible.{exc.cause}", lang,
                         i18n.t("optimizer.infeasible", lang))
        return i18n.t("optimizer.detail", lang, lead=lead, detail=exc.message)
    if isinstance(exc, optimizer_errors.InputError):
        lead = i18n.t("optimizer.input", lang, field=exc.field)
        return i18n.t("optimizer.detail", lang, lead=lead, detail=exc.message)
    if isinstance(exc, optimizer_errors.SolverError):
        return i18n.t("optimizer.detail", lang, lead=i18n.t("optimizer.solver", lang),
                      detail=str(exc))
    return str(exc)
