"""Sane bounds of every number a user can enter: one table, used by every entry point.

Pages, imports, the command line and scenario bundles all end in
``ScenarioInputs.problems`` (and imports check each cell with :func:`problem` first), so
``nan``, ``inf``, ``1e308`` or a count of ``1e30`` is refused with its place before it is
stored, instead of poisoning a plan or crashing a page later. The limits are far above
anything real (Latvia has 1.9 million inhabitants and a DI budget of about 10^8 EUR) and
far below what breaks arithmetic or a 64-bit integer.

>>> problem(float("nan"), MAX_COUNT)
'not a finite number'
>>> problem(1e30, MAX_COUNT)
'too large; at most 100 000'
>>> problem(5, MAX_COUNT) is None
True
"""

from __future__ import annotations

import math

from planning.i18n import Text, msg

MAX_COUNT = 100_000           # clients, places, staff or facilities in one cell
MAX_EUR = 100_000_000_000.0   # any amount in euro (10^11)
MAX_SHARE = 1.0
MAX_CONTINGENCY = 10.0        # +1000 % on costs
MAX_PRIORITY = 1_000_000.0    # weight of a target group in the first goal

NORM_MAX: dict[str, float] = {
    "investment_per_place": MAX_EUR,
    "investment_per_facility": MAX_EUR,
    "running_cost_per_facility_year": MAX_EUR,
    "running_cost_per_day": 1_000_000.0,
    "days_per_year": 366,
    "clients_per_place": 100,
    "min_places": MAX_COUNT,
    "max_places": MAX_COUNT,
    "staff_per_facility": MAX_COUNT,
    "staff_per_place": 100,
    "max_travel_km": 1_000,
    "lead_years": 10,
}
MENTOR_MAX: dict[str, float] = {"clients_per_mentor": 1_000, "hourly_rate": 10_000}
HOURS_IN_MONTH = 744  # 31 days x 24 h: no client or staff member has more hours in a month
HOME_MAX: dict[str, float] = {  # a home-based service a user adds (user_services)
    "hours_per_client_month": HOURS_IN_MONTH,
    "hourly_rate": 10_000,
    "dwellings_per_client": 10,
    "clients_per_staff": 1_000,
    "hours_per_staff_month": HOURS_IN_MONTH,
    "cost_per_staff_year": MAX_EUR,
}
CENTRE_MAX: dict[str, float] = {  # a multifunctional centre a user adds (user_services)
    "investment_per_centre": MAX_EUR,
    "running_cost_per_centre_year": MAX_EUR,
    "staff_per_centre": MAX_COUNT,
    "min_clients_per_centre": MAX_COUNT,
    "max_population_density": 100_000,  # residents per km2; Rīga has about 2,000
}


def problem(value: object, high: float, low: float = 0.0) -> Text | None:
    """What is wrong with ``value`` as a number from ``low`` to ``high``, or None (a text of
    the catalogue, shown in the reader's language)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return msg("bounds.not_number")
    if isinstance(value, float) and not math.isfinite(value):
        return msg("bounds.not_finite")
    if value < low:
        return msg("bounds.too_small", limit=_shown(low))
    if value > high:
        return msg("bounds.too_large", limit=_shown(high))
    return None


def _shown(limit: float) -> str:
    """100 000, 0.5: the limit as written in messages (a space between thousands)."""
    if float(limit).is_integer():
        return f"{int(limit):,}".replace(",", " ")
    return f"{limit:g}"
