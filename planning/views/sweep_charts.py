"""The sensitivity page's charts (Altair, no Streamlit): the efficient frontier and the
tornado, drawn from :mod:`planning.views.sweep_tables`' frames, numbers as the language
writes them."""

from __future__ import annotations

import altair as alt
import pandas as pd

from planning import i18n
from planning.views.sweep_tables import axis_labels


def frontier_chart(front: pd.DataFrame, lang: str) -> alt.Chart:
    """The frontier's first column (the budget) against its second (persons served)."""
    x, y = front.columns[0], front.columns[1]
    axis = alt.Axis(labelExpr=axis_labels(lang))
    data = front.rename(columns={x: "x", y: "y"})[["x", "y"]]
    return alt.Chart(data).mark_line(point=True).encode(
        x=alt.X("x", title=x, axis=axis), y=alt.Y("y", title=y, axis=axis),
        tooltip=[alt.Tooltip("x", title=x), alt.Tooltip("y", title=y)])


def tornado_chart(torn: pd.DataFrame, lang: str) -> alt.Chart:
    """One bar per lever, from the persons served at its low value to those at its high."""
    lever, low, high = torn.columns[0], torn.columns[3], torn.columns[4]
    data = torn.rename(columns={lever: "lever", low: "low", high: "high"})
    return alt.Chart(data).mark_bar().encode(
        y=alt.Y("lever", sort=None, title=None),
        x=alt.X("low", title=i18n.t("sweep.col.served", lang),
                axis=alt.Axis(labelExpr=axis_labels(lang))),
        x2="high", tooltip=[alt.Tooltip("lever", title=lever),
                            alt.Tooltip("low", title=low), alt.Tooltip("high", title=high)])
