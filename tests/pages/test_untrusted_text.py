"""Names typed by users are shown as typed: a Markdown link or image in a scenario name or a
file name is never rendered (no live link, no image the browser fetches)."""

from __future__ import annotations

import csv
import io
import re

from planning.io import inert
from tests.pages.seeding import GROUP, solved_plan

EVIL = "[Atvērt](https://evil.example/x) ![p](https://evil.example/p.png) <img src=x>"
LIVE = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(|(?<!\\)<img")  # [text]( or <img unescaped


def test_a_scenario_name_with_a_link_and_an_image_is_shown_inert(db, page_test) -> None:
    solved_plan(db, EVIL)
    at = page_test("scenarios", actor=GROUP)
    at.button(key="delete_button").click().run()
    assert not at.exception
    shown = [w.value for w in at.warning if "evil" in w.value]
    assert shown, [w.value for w in at.warning]
    assert not any(LIVE.search(text) for text in shown)
    assert r"\[Atvērt\]\(https\:" in shown[0]


def test_an_error_naming_a_file_is_shown_inert(page_test) -> None:
    from streamlit.testing.v1 import AppTest

    script = ("from pages import _shared as ui\n"
              "from planning.domain.errors import InputError\n"
              f"ui.planning_error(InputError('bad cell', file={EVIL + '.csv'!r}, row=2))\n")
    at = AppTest.from_string(script).run()
    assert not at.exception
    text = at.error[0].value
    assert "evil" in text and not LIVE.search(text)


def test_a_tables_csv_download_holds_names_inert() -> None:
    """The CSV under a table (map tables, robust plans) never carries a live formula."""
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        import pandas as pd
        import streamlit as st

        from pages import _shared as ui

        class Where:
            def download_button(self, label, data, **kwargs):
                st.code(data.decode("utf-8-sig"), language=None)

        frame = pd.DataFrame({"municipality": ['=HYPERLINK("http://x","y")', "Talsu novads"],
                              "places": [12, 6]})
        ui.csv_button(frame, "x.csv", key="evil", where=Where())

    at = AppTest.from_function(script).run()
    assert not at.exception
    rows = list(csv.reader(io.StringIO(at.code[0].value)))
    assert rows[1] == ['\'=HYPERLINK("http://x","y")', "12"]
    assert rows[2] == ["Talsu novads", "6"]
    assert not any(cell.startswith(inert.FORMULA_START) for row in rows for cell in row)
