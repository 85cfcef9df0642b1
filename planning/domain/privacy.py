"""Suppression of small counts for public views: counts 1-4 are shown as "<5".

Official statistics hide small counts of persons so nobody can be recognised; pages and
exports (``planning.io``) apply this one rule. Counts of clients and places (a place is a
client) are suppressed; facility counts and distances are not. A count counts as small when
``0 < |value| < 5``, so differences between versions are covered and fractional clients
(the model may split a municipality's clients between sites) too. Money, staff and mentors
are not counts of persons, but they are computed from counts (investment = places x cost
per place + facilities x cost per facility), so in a row whose count was suppressed they
are withheld too, shown as "…" (``DERIVED_FROM``).

Who sees what (:func:`for_actor`): the public sees every table suppressed; a municipality
sees its own rows in full and every other row suppressed; management groups, the ministry
and admins see everything.

Secondary suppression is partial: :func:`public_total` withholds a column total when a
cell of it was suppressed, so a single hidden cell cannot be recovered as total minus the
shown cells. Row totals and totals across separate tables are not checked; callers that
show both a per-row total and its parts must pass every part through :func:`suppress`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from numbers import Real

import pandas as pd

from planning.domain.roles import Action, Actor, Role, Target, can

SMALL = "<5"
WITHHELD = "…"
THRESHOLD = 5
COUNT_COLUMNS = frozenset({
    "count", "need", "served", "unmet", "clients", "mentor_clients", "existing_places",
    "new_places", "need_clients", "served_clients", "unmet_clients", "current_clients",
    "clients_adults_grt", "clients_children_orphans", "clients_children_ft", "clients_total",
    "places", "places_licensed", "places_in_use", "eligible", "needs_total",
    "need_persons", "served_persons", "unserved_persons",
})


# Columns computed from counts, and the counts each is computed from: where one of those
# counts is suppressed in a row, the derived value of that row is withheld.
DERIVED_FROM: dict[str, frozenset[str]] = {
    **dict.fromkeys(("investment_eur", "erdf_eur", "cofinancing_eur"),
                    frozenset({"new_places"})),
    **dict.fromkeys(("running_eur_per_year", "staff"),
                    frozenset({"new_places", "clients", "served"})),
    "mentors": frozenset({"mentor_clients"}),
}


def is_small(value: object) -> bool:
    """Whether ``value`` is a count that must be hidden: a number with 0 < |value| < 5."""
    if isinstance(value, bool) or not isinstance(value, Real):
        return False
    number = float(value)
    return not math.isnan(number) and 0 < abs(number) < THRESHOLD


def suppress_value(value: object) -> object:
    """'<5' for a small count, else the value unchanged.

    >>> [suppress_value(v) for v in (0, 1, 4.5, 5, -3, "x")]
    [0, '<5', '<5', 5, '<5', 'x']
    """
    return SMALL if is_small(value) else value


def suppress(frame: pd.DataFrame, columns: Iterable[str] = COUNT_COLUMNS,
             rows: pd.Series | None = None) -> pd.DataFrame:
    """A copy of ``frame`` with small counts in ``columns`` shown as '<5', and the values
    computed from them (``DERIVED_FROM``) in the same rows as '…'.

    ``rows`` (a boolean Series aligned with ``frame``) limits suppression to those rows;
    suppressed columns become ``object`` dtype.
    """
    out = frame.copy()
    targets = [c for c in out.columns if c in set(columns)]
    hidden_by: dict[str, pd.Series] = {}
    for col in targets:
        hidden = out[col].map(is_small).astype(bool)
        if rows is not None:
            hidden &= rows.reindex(out.index, fill_value=True).astype(bool)
        hidden_by[col] = hidden
        if hidden.any():
            out[col] = out[col].astype(object).mask(hidden, SMALL)
    for col, drivers in DERIVED_FROM.items():
        masks = [hidden_by[d] for d in drivers if d in hidden_by]
        if col not in out.columns or not masks:
            continue
        withheld = pd.concat(masks, axis=1).any(axis=1)
        if withheld.any():
            out[col] = out[col].astype(object).mask(withheld, WITHHELD)
    return out


def public_total(values: Iterable[object]) -> object:
    """The sum of ``values``, or None when any of them is a small count (or '<5', or a
    withheld '…'), so the total cannot reveal a hidden cell."""
    values = list(values)
    if any(v in (SMALL, WITHHELD) or is_small(v) for v in values):
        return None
    return sum(v for v in values if isinstance(v, Real) and not isinstance(v, bool))


def needs_suppression(actor: Actor, scenario: Target | None = None) -> bool:
    """Whether ``actor`` gets suppressed counts (everyone who may not see details)."""
    if actor.role in (Role.PUBLIC, Role.MUNICIPALITY):
        return True
    return scenario is not None and not can(actor, Action.VIEW_DETAIL, scenario)


def for_actor(frame: pd.DataFrame, actor: Actor, scenario: Target | None = None, *,
              code_column: str = "atvk_code",
              columns: Iterable[str] = COUNT_COLUMNS) -> pd.DataFrame:
    """``frame`` as ``actor`` may see it: suppressed for the public, suppressed except the
    municipality's own rows (matched on ``code_column``) for a municipality, whole for
    everyone allowed to see details of ``scenario``."""
    if not needs_suppression(actor, scenario):
        return frame.copy()
    rows = None
    if actor.role == Role.MUNICIPALITY and code_column in frame.columns:
        rows = frame[code_column].astype(str) != actor.municipality_code
    return suppress(frame, columns, rows)


def value_for_actor(value: object, actor: Actor, scenario: Target | None = None) -> object:
    """A single count (e.g. a map tooltip or a key figure) as ``actor`` may see it."""
    return suppress_value(value) if needs_suppression(actor, scenario) else value
