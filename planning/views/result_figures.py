"""The key figures above a result, as (catalogue id of the label, text) pairs: a plan's own
figures for readers who may see details, and the figures of its public view."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from planning import i18n
from planning.domain import results
from planning.views.plan_tables import public_figure

# (catalogue id of the label, figure of the public view's totals), in the order shown
PUBLIC_FIGURES = (("results.need", "need_clients"), ("results.new_places", "new_places"),
                  ("results.facilities", "new_facilities"),
                  ("results.investment", "investment_eur"),
                  ("results.running", "running_eur_per_year"))


def headline_figures(totals: Mapping[str, float], lang: str) -> list[tuple[str, str]]:
    """Need (persons, or clients for a result stored before persons), coverage, new places
    and facilities, investment and running cost, mentors, mean distance."""
    need, served, label = results.headline_need(totals)
    return [
        (label, i18n.fmt_int(need, lang)),
        ("results.coverage", i18n.fmt_pct(served / need if need else None, lang)),
        ("results.new_places", i18n.fmt_int(totals["new_places"], lang)),
        ("results.facilities", i18n.fmt_int(totals["new_facilities"], lang)),
        ("results.investment", i18n.fmt_meur(totals["investment_eur"], lang)),
        ("results.running", i18n.fmt_meur(totals["running_eur_per_year"], lang)),
        ("results.mentors", i18n.fmt_int(totals["mentors"], lang)),
        ("results.distance", i18n.fmt_number(totals["mean_km_per_client"], lang, 1) + " km"),
    ]


def public_figures(totals: Mapping[str, Any], lang: str) -> list[tuple[str, str]]:
    """The public view's figures (:data:`PUBLIC_FIGURES`), its markers kept as they are."""
    return [(key, public_figure(figure, totals[figure], lang)) for key, figure in PUBLIC_FIGURES]
