"""Helpers for the AppTests of the planning pages (scenarios, inputs, run, results, compare)."""

from __future__ import annotations

import pandas as pd
from sqlmodel import Session
from streamlit.testing.v1 import AppTest

from planning.store import scenario
from tests.budgets import with_total_budgets
from tests.pages.seeding import GROUP


def frame(at: AppTest, column: str, *others: str) -> pd.DataFrame:
    """The first table on the page that has ``column`` (and ``others``; read-only tables
    carry no key)."""
    for df in at.dataframe:
        if {column, *others} <= set(df.value.columns):
            return df.value
    raise AssertionError(f"no table with the columns {[column, *others]!r}")


def shown(at: AppTest, column: str) -> pd.DataFrame:
    """The texts a reader sees in the first table with ``column``: the table's display
    values when the page formats cells itself (a Styler), else its values as they are."""
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    for df in at.dataframe:
        if column in df.value.columns:
            styler = df.proto.arrow_data.styler
            if styler.display_values:
                return convert_arrow_bytes_to_pandas_df(styler.display_values)
            return df.value
    raise AssertionError(f"no table with the column {column!r}")


def column_settings(at: AppTest, column: str) -> dict:
    """The column configuration of ``column`` in the first table that has it."""
    import json

    for df in at.dataframe:
        if column in df.value.columns:
            return json.loads(df.proto.columns)[column]
    raise AssertionError(f"no table with the column {column!r}")


def save_budget_factor(engine, scenario_id: int, factor: float, expected: int = 1,
                       message: str = "budget -50 %") -> None:
    """Save a new version with every budget scaled by ``factor`` (as the group)."""
    with Session(engine, expire_on_commit=False) as session:
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=scenario_id)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=scenario_id,
                             inputs=with_total_budgets(inputs, factor),
                             expected_version=expected, message=message)
