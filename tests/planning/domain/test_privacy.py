"""Suppression of counts 1-4 in public views: no public output contains one."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.pandas import column, data_frames, range_indexes

from planning.domain import privacy
from planning.domain.privacy import SMALL, for_actor, public_total, suppress, suppress_value
from planning.domain.roles import PUBLIC
from tests.planning.actors import KURZEME, LIEPAJA, MINISTRY

counts = st.one_of(st.integers(-20, 20), st.floats(-20, 20, allow_nan=False))
frames = data_frames(
    columns=[column("atvk_code", elements=st.sampled_from(["0005000", "0007000", "0027000"])),
             column("new_places", elements=st.integers(0, 40)),
             column("unmet", elements=st.floats(0, 12, allow_nan=False)),
             column("investment_eur", elements=st.floats(0, 1e6, allow_nan=False))],
    index=range_indexes(max_size=30),
)


def _leaks(frame: pd.DataFrame) -> list:
    return [v for c in frame.columns if c in privacy.COUNT_COLUMNS
            for v in frame[c] if privacy.is_small(v)]


@given(counts)
def test_no_scalar_count_1_to_4_survives(value):
    shown = suppress_value(value)
    assert not privacy.is_small(shown)
    assert shown == value or shown == SMALL


@settings(max_examples=60, deadline=None)
@given(frames)
def test_no_public_frame_contains_a_count_1_to_4(frame):
    shown = for_actor(frame, PUBLIC)
    assert _leaks(shown) == []
    kept = ~frame["new_places"].map(privacy.is_small).astype(bool)
    assert (shown.loc[kept, "new_places"] == frame.loc[kept, "new_places"]).all()
    # Money is no count, but it is computed from the places: withheld where they are hidden.
    assert (shown.loc[kept, "investment_eur"] == frame.loc[kept, "investment_eur"]).all()
    assert (shown.loc[~kept, "investment_eur"] == privacy.WITHHELD).all()


def test_values_computed_from_a_hidden_count_are_withheld():
    frame = pd.DataFrame({"new_places": [3, 12], "new_facilities": [1, 1],
                          "investment_eur": [9000.0, 36000.0], "staff": [0.5, 2.0],
                          "mentor_clients": [10, 2], "mentors": [1, 1]})
    shown = for_actor(frame, PUBLIC)
    assert shown.to_dict("list") == {
        "new_places": [SMALL, 12], "new_facilities": [1, 1],
        "investment_eur": [privacy.WITHHELD, 36000.0], "staff": [privacy.WITHHELD, 2.0],
        "mentor_clients": [10, SMALL], "mentors": [1, privacy.WITHHELD]}
    assert public_total(shown["investment_eur"]) is None


@settings(max_examples=60, deadline=None)
@given(frames)
def test_a_municipality_sees_its_own_rows_whole_and_others_suppressed(frame):
    shown = for_actor(frame, LIEPAJA)
    own = frame["atvk_code"] == LIEPAJA.municipality_code
    pd.testing.assert_frame_equal(shown[own].astype(object), frame[own].astype(object))
    assert _leaks(shown[~own]) == []


def test_groups_and_the_ministry_see_details():
    frame = pd.DataFrame({"atvk_code": ["0005000"], "new_places": [3]})
    for actor in (KURZEME, MINISTRY):
        assert for_actor(frame, actor).equals(frame)
    assert privacy.value_for_actor(3, PUBLIC) == SMALL
    assert privacy.value_for_actor(3, MINISTRY) == 3


@pytest.mark.parametrize("value, shown", [
    (0, 0), (1, SMALL), (4, SMALL), (4.99, SMALL), (0.2, SMALL), (5, 5), (-2, SMALL),
    (True, True), ("3", "3"), (None, None)])
def test_suppress_value_cases(value, shown):
    assert suppress_value(value) == shown


def test_totals_are_withheld_when_a_cell_is_hidden():
    assert public_total([10, 20]) == 30
    assert public_total([10, 3]) is None
    assert public_total(suppress(pd.DataFrame({"count": [10, 3]}))["count"]) is None


def test_suppress_leaves_the_input_unchanged():
    frame = pd.DataFrame({"count": [1, 9]})
    suppress(frame)
    assert frame["count"].tolist() == [1, 9]
