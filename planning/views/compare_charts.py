"""The comparison's charts as Vega-Lite specifications: one colour and one order per scenario.

A scenario's colour is fixed by its position in the comparison (the first is always blue,
the second orange, ...), in the cost chart, the coverage chart and the maps' titles alike;
bars follow the order the scenarios were picked in, not the alphabet. Axes and tooltips
use the reader's number format (Vega's ``config.locale``), so Latvian reads ``2 000 000``.

Pure functions (no Streamlit): the page passes the specification to ``st.vega_lite_chart``.

>>> [c.hex for c in scenario_colours(["A", "B"]).values()]
['#2f6fd6', '#e07b24']
>>> vega_locale("lv")["number"]["thousands"] == "\\u00a0"
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
from babel import numbers

from planning import i18n


@dataclass(frozen=True)
class Colour:
    """A scenario's colour: ``hex`` for charts, ``name`` for Streamlit Markdown (``:blue[]``)."""

    name: str
    hex: str


# the hues of Streamlit's Markdown colours, a little lighter for bars
PALETTE = (Colour("blue", "#2f6fd6"), Colour("orange", "#e07b24"),
           Colour("green", "#1f9e6e"), Colour("violet", "#7b3fc4"))
SCENARIO_FIELD = "scenario"


def scenario_colours(labels: Sequence[str]) -> dict[str, Colour]:
    """Each label's colour, by its position (at most ``len(PALETTE)`` scenarios)."""
    if len(labels) > len(PALETTE):
        raise ValueError(f"at most {len(PALETTE)} scenarios can be compared, got {len(labels)}")
    return dict(zip(labels, PALETTE, strict=False))


def vega_locale(lang: str) -> dict[str, Any]:
    """Vega's number locale (d3-format) for ``lang``: decimal and grouping symbols, euro."""
    locale = i18n.LOCALES[lang if lang in i18n.LOCALES else i18n.DEFAULT_LANG]
    decimal = numbers.get_decimal_symbol(locale)
    thousands = numbers.get_group_symbol(locale)
    euro = i18n.fmt_eur(0, lang).replace("0", "")
    currency = ["", euro] if euro.startswith("\u00a0") or euro.startswith(" ") else [euro, ""]
    return {"number": {"decimal": decimal, "thousands": thousands, "grouping": [3],
                       "currency": currency}}


def _grouped_bars(frame: pd.DataFrame, category: str, value: str, labels: Sequence[str],
                  value_format: str, lang: str) -> dict[str, Any]:
    """Bars of ``value`` per ``category``, one bar per scenario side by side, in the
    scenarios' order and colours."""
    colours = scenario_colours(labels)
    return {
        "data": {"values": frame.to_dict(orient="records")},
        "mark": {"type": "bar", "tooltip": True},
        "encoding": {
            "x": {"field": category, "type": "nominal", "title": None, "sort": None,
                  "axis": {"labelAngle": 0, "labelLimit": 220}},
            "xOffset": {"field": SCENARIO_FIELD, "type": "nominal", "sort": list(labels)},
            "y": {"field": value, "type": "quantitative", "title": None,
                  "axis": {"format": value_format}},
            "color": {"field": SCENARIO_FIELD, "type": "nominal", "title": None,
                      "sort": list(labels),
                      "scale": {"domain": list(labels),
                                "range": [c.hex for c in colours.values()]},
                      "legend": {"orient": "bottom", "direction": "vertical",
                                 "labelLimit": 360}},
            "tooltip": [{"field": SCENARIO_FIELD, "type": "nominal", "title": None},
                        {"field": category, "type": "nominal", "title": None},
                        {"field": value, "type": "quantitative", "title": None,
                         "format": value_format}],
        },
        "config": {"locale": vega_locale(lang)},
    }


def cost_chart(costs: pd.DataFrame, lang: str) -> dict[str, Any]:
    """``costs``: scenarios (rows, in order) x cost measures (columns, named), in euros."""
    labels = list(costs.index)
    long = costs.rename_axis(SCENARIO_FIELD).reset_index().melt(
        id_vars=SCENARIO_FIELD, var_name="measure", value_name="eur")
    return _grouped_bars(long, "measure", "eur", labels, ",.0f", lang)


def coverage_chart(coverage: pd.DataFrame, lang: str) -> dict[str, Any]:
    """``coverage``: regions (rows) x scenarios (columns, in order), per cent of need met."""
    labels = list(coverage.columns)
    long = coverage.rename_axis("region").reset_index().melt(
        id_vars="region", var_name=SCENARIO_FIELD, value_name="percent")
    return _grouped_bars(long, "region", "percent", labels, ",.0f", lang)
