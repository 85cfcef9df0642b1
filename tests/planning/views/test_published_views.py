"""planning.views.published_views: counts as text, a municipality's own allocations for
reading, and the answers an allocation admits."""

from __future__ import annotations

import pandas as pd
import pytest

from planning import i18n
from planning.domain import privacy
from planning.views.published_views import answer_options, count_text, own_frame


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_counts_read_in_the_locale_and_hidden_cells_stay_as_they_are(lang) -> None:
    assert count_text(1234, lang) == i18n.fmt_int(1234, lang)
    assert count_text(1234, "lv") == "1\u00a0234" and count_text(1234, "en") == "1,234"
    assert count_text(privacy.SMALL, lang) == privacy.SMALL
    assert count_text(None, lang) == i18n.t("plan.withheld", lang)
    assert count_text(None, "lv") != count_text(None, "en")


def test_own_allocations_read_with_answers_in_the_language_and_counts_as_text() -> None:
    own = pd.DataFrame({"service": ["Grupu māja", "Dienas centrs"], "new_places": [12, 0],
                        "need": [1500, 3], "unmet": [0, 3],
                        "response": ["disputed", None], "comment": ["Nav ēkas", ""]})
    before = own.copy()
    shown = own_frame(own, "en")
    assert list(shown["response"]) == [i18n.t("response.disputed", "en"),
                                       i18n.t("response.none", "en")]
    assert list(shown["need"]) == ["1,500", "3"] and list(shown["unmet"]) == ["0", "3"]
    assert list(shown["new_places"]) == [12, 0], "place counts are the table's to format"
    pd.testing.assert_frame_equal(own, before)  # the input frame is left as it was


def test_an_allocation_with_places_may_be_confirmed_or_disputed() -> None:
    assert answer_options(5, None) == (["confirmed", "disputed"], None)
    assert answer_options(5, "confirmed") == (["confirmed", "disputed"], 0)
    assert answer_options(privacy.SMALL, "disputed") == (["confirmed", "disputed"], 1)


def test_a_need_given_no_places_can_only_be_disputed() -> None:
    assert answer_options(0, None) == (["disputed"], None)
    assert answer_options(0, "disputed") == (["disputed"], 0)
    # a confirmation saved when the plan had places is not preselected once it has none
    assert answer_options(0, "confirmed") == (["disputed"], None)
