"""pages/about.py: the data and sources page renders in both languages."""

from __future__ import annotations

import pytest

from planning import i18n


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_renders_with_its_tables(page_test, lang: str) -> None:
    at = page_test("about", lang=lang)
    assert not at.exception
    assert at.title[0].value == i18n.t("about.title", lang)
    assert len(at.dataframe) == 3
    assert any("amCharts" in c.value for c in at.caption)


def test_datasets_table_lists_illustrative_status(page_test) -> None:
    at = page_test("about", division="2021")
    frame = at.dataframe[0].value
    assert "ilustratīvs" in " ".join(frame["status"].astype(str))
    assert frame.loc[frame["dataset"] == "Pašvaldības", "rows"].item() == 43
