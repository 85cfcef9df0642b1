"""The key figures a ministry reviewer decides on, as text (no Streamlit).

>>> [key for key, _ in figure_texts(dict.fromkeys(FIGURES), "lv")][:2]
['review.need', 'review.served']
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from planning import i18n

# (figure of planning.store.review.key_figures, its label's text key, how it is written)
FIGURES: dict[str, tuple[str, Callable[[object, str], str]]] = {
    "need_clients": ("review.need", i18n.fmt_int),
    "served_clients": ("review.served", i18n.fmt_int),
    "unmet_clients": ("review.unmet", i18n.fmt_int),
    "coverage": ("review.coverage", i18n.fmt_pct),
    "new_places": ("plan.new_places", i18n.fmt_int),
    "investment_eur": ("review.investment", i18n.fmt_meur),
    "budget_used": ("review.budget_used", i18n.fmt_pct),
    "running_eur_per_year": ("results.running", i18n.fmt_meur),
}


def figure_texts(figures: Mapping[str, float | None], lang: str) -> list[tuple[str, str]]:
    """(label text key, value written in ``lang``) for each key figure, in display order;
    a figure without a value (no result) is a dash."""
    return [(label, write(figures[name], lang)) for name, (label, write) in FIGURES.items()]
