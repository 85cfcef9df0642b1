"""Suppression of small counts in public exports: counts 1-4 are shown as "<5".

Official statistics suppress small counts of persons so nobody can be recognised; the
platform does the same in every public export. Counts of clients and of places (a place
is a client) are suppressed; money, staff and facility counts are not. (Written here until
``planning/privacy.py`` offers the same rule for pages.)
"""

from __future__ import annotations

import pandas as pd

SMALL = "<5"
THRESHOLD = 5
COUNT_COLUMNS = frozenset({
    "count", "need", "served", "unmet", "clients", "mentor_clients", "existing_places",
    "new_places", "need_clients", "served_clients", "unmet_clients", "current_clients",
    "clients_adults_grt", "clients_children_orphans", "clients_children_ft", "clients_total",
})


def suppress_value(value: object) -> object:
    """'<5' for a count above 0 and below 5 (fractional clients included), else the value."""
    if isinstance(value, int | float) and not isinstance(value, bool) and 0 < value < THRESHOLD:
        return SMALL
    return value


def suppress(frame: pd.DataFrame, columns: frozenset[str] = COUNT_COLUMNS) -> pd.DataFrame:
    """A copy of ``frame`` with small counts in ``columns`` replaced by '<5'."""
    out = frame.copy()
    for col in out.columns.intersection(list(columns)):
        out[col] = out[col].astype(object).map(suppress_value)
    return out
