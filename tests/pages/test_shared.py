"""pages/_shared.table_height: one formula for the height of every read-only table."""

from __future__ import annotations

from pathlib import Path

from pages import _shared as ui

PAGES = Path(__file__).resolve().parents[2] / "pages"


def test_a_table_is_as_high_as_its_rows_and_header_up_to_a_cap() -> None:
    assert ui.table_height(0) == ui.ROW_PX + 3  # the header alone
    assert ui.table_height(2) == 3 * ui.ROW_PX + 3 == 108
    assert ui.table_height(2, 460) == 108  # below the cap: no scroll bar
    assert ui.table_height(100, 460) == 460
    assert ui.table_height(100) == 101 * ui.ROW_PX + 3


def test_no_page_computes_a_table_height_of_its_own() -> None:
    own = [str(p.relative_to(PAGES)) for p in PAGES.rglob("*.py")
           if p.name != "_shared.py" and "ROW_PX" in p.read_text(encoding="utf-8")]
    assert own == [], "use pages._shared.table_height"
