"""pages/_plan.cards: key figures in rows of a fixed width, the last row may be short."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _cards(n: int) -> None:
    from pages import _plan as plan

    plan.cards([("results.facilities", str(k)) for k in range(n)], per_row=4)


def test_five_figures_in_rows_of_four_are_all_drawn() -> None:
    at = AppTest.from_function(_cards, args=(5,), default_timeout=30)
    at.session_state["lang"] = "lv"
    at.run()
    assert not at.exception
    assert [m.value for m in at.metric] == ["0", "1", "2", "3", "4"]
