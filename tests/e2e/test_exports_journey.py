"""Issue 18's proof for exports, in a real headless Chromium: the management group downloads
the results page's files in Latvian — the CSV tables open in columns with Latvian Excel's
dialect (``;``, decimal comma), the standard CSV when chosen, the workbook with filters and
an institutions sheet, the GeoPackage with its layers, the PDF's text and its map page as
rendered — and a public reader's CSV holds no persons per class.

Set ``DI_SCREENSHOTS=/some/dir`` to keep a screenshot of the downloads.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest
from openpyxl import load_workbook
from PIL import Image
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from planning import i18n
from tests.e2e.conftest import UI_TIMEOUT_MS, open_app, running_app, wait_idle
from tests.pages.seeding import GROUP, PASSWORD, published_plan, seeded_engine

pytestmark = pytest.mark.slow
SHOTS = os.environ.get("DI_SCREENSHOTS")


@pytest.fixture(scope="module")
def seeded_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app on a database with users and a solved Kurzeme plan out for consultation."""
    tmp = tmp_path_factory.mktemp("e2e_exports")
    url = f"sqlite:///{tmp / 'e2e.db'}"
    engine = seeded_engine(url)
    published_plan(engine)
    engine.dispose()
    with running_app(url, tmp) as base:
        yield base


def go(page, nav_key: str) -> None:
    page.locator("[data-testid=stSidebarNav]").get_by_text(
        i18n.t(nav_key, "lv"), exact=True).click()
    wait_idle(page)


def downloads(page) -> None:
    """Open the results page and scroll to its downloads."""
    go(page, "nav.results")
    heading = page.get_by_role("heading", name=i18n.t("results.downloads", "lv"))
    expect(heading).to_be_visible()
    heading.scroll_into_view_if_needed()


def download(page, label_key: str, tmp_path: Path, timeout_ms: float = UI_TIMEOUT_MS) -> bytes:
    button = page.locator("[data-testid=stDownloadButton]").filter(
        has_text=i18n.t(label_key, "lv"))
    with page.expect_download(timeout=timeout_ms) as got:
        button.click()
    path = tmp_path / got.value.suggested_filename
    got.value.save_as(path)
    return path.read_bytes()


def download_after_rerun(page, label_key: str, tmp_path: Path, before: bytes) -> bytes:
    """The button's ZIP once the rerun a widget started has given it other tables (the
    status widget may not have shown yet when the click returns; a click on a button the
    rerun is replacing starts no download, as a clean-clone CI run on a busy machine once
    waited 45 s for, so such a click is tried again)."""
    deadline = time.monotonic() + UI_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        wait_idle(page)
        try:
            data = download(page, label_key, tmp_path, timeout_ms=10_000)
        except PlaywrightTimeoutError:
            continue
        if _tables(data) != _tables(before):
            return data
        page.wait_for_timeout(250)
    raise AssertionError("the download did not change after the choice")


def _tables(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def csv_rows(data: bytes, name: str, delimiter: str) -> list[list[str]]:
    text = zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def test_the_group_downloads_files_latvian_excel_and_qgis_open(page, seeded_app,
                                                               tmp_path) -> None:
    open_app(page, seeded_app)
    go(page, "nav.signin")
    page.get_by_label(i18n.t("signin.username", "lv")).fill(GROUP.username)
    page.get_by_label(i18n.t("signin.password", "lv")).fill(PASSWORD)
    page.get_by_role("button", name=i18n.t("signin.submit", "lv")).click()
    expect(page.get_by_text(i18n.t("signin.as", "lv"))).to_be_visible()
    wait_idle(page)
    downloads(page)
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / "results_downloads.png"), full_page=True)

    latvian = download(page, "results.download.zip", tmp_path)
    rows = csv_rows(latvian, "municipalities.csv", ";")
    assert rows[0][:2] == ["ATVK kods", "Pašvaldība"]
    assert len(rows) == 1 + 8 and {len(r) for r in rows} == {len(rows[0])}  # Kurzeme
    staff = [r[rows[0].index("Darbinieki")] for r in rows[1:]]
    assert any("," in v for v in staff) and not any("." in v for v in staff)
    assert float(staff[0].replace(",", ".")) > 0

    page.get_by_text(i18n.t("results.csv_style.standard", "lv")).click()
    expect(page.get_by_role("radio", name=i18n.t("results.csv_style.standard", "lv"))
           ).to_be_checked()
    standard = download_after_rerun(page, "results.download.zip", tmp_path, latvian)
    rows = csv_rows(standard, "municipalities.csv", ",")
    assert len(rows) == 1 + 8 and {len(r) for r in rows} == {len(rows[0])}

    book = load_workbook(io.BytesIO(download(page, "results.download.xlsx", tmp_path)))
    assert i18n.t("sheet.institutions", "lv") in book.sheetnames
    assert all(ws.auto_filter.ref and ws.freeze_panes == "A3" for ws in book.worksheets)

    gpkg = tmp_path / "plan.gpkg"
    gpkg.write_bytes(download(page, "results.download.gpkg", tmp_path))
    munis = gpd.read_file(gpkg, layer="municipalities")
    assert len(munis) == 8 and munis.crs.to_epsg() == 4326 and munis.is_valid.all()

    if shutil.which("pdftotext"):  # poppler-utils, as .ci/setup installs
        pdf = tmp_path / "plan.pdf"
        pdf.write_bytes(download(page, "results.download.pdf", tmp_path))
        pdf_is_ready_for_a_latvian_office(pdf, tmp_path)


def pdf_is_ready_for_a_latvian_office(pdf: Path, tmp_path: Path) -> None:
    """The PDF's text as a reader copies it, and its map page as it prints (issue 18)."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    for section in ("s1", "s2", "s3", "s6"):  # the consultation's too: there was one
        assert i18n.t(f"report.{section}", "lv") in text, section
    assert i18n.tn("report.consult_summary", 0, "lv", answered=0) in text
    assert re.search(r"\d{1,2}\.\d{1,2}\.20\d\d\.", text)  # dates as 7.12.2026.
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text) and "nan" not in text.split()
    places = text.split(i18n.t("report.s3", "lv"))[1].splitlines()[:40]
    rows = [line.split() for line in places if line.strip().startswith("Liepāja")]
    assert rows and all("," not in cell for cell in rows[0][1:6])  # persons whole
    assert text.count("amCharts") == 1  # once in the text (each map image has its own)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "2", "-l", "2", str(pdf),
                    str(tmp_path / "page")], check=True)
    shown = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = shown.getcolors(maxcolors=1 << 20)
    coloured = sum(n for n, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 40)
    assert coloured / (shown.width * shown.height) > 0.02  # the maps, drawn
    if SHOTS:
        shown.save(Path(SHOTS) / "results_pdf_page2.png")


def test_a_public_readers_csv_opens_in_columns_without_persons(browser, seeded_app,
                                                               tmp_path) -> None:
    context = browser.new_context(viewport={"width": 1440, "height": 1000}, locale="lv-LV")
    page = context.new_page()
    open_app(page, seeded_app)
    downloads(page)
    expect(page.get_by_text(i18n.t("results.public_note", "lv"))).to_be_visible()
    data = download(page, "results.download.zip", tmp_path)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert "persons.csv" not in names and "packages.csv" not in names
    rows = csv_rows(data, "municipalities.csv", ";")
    assert len(rows) == 1 + 8 and {len(r) for r in rows} == {len(rows[0])}
    context.close()
