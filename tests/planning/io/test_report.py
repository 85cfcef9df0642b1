"""The plan report: expected sections in its text, real map images on its pages."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PIL import Image

from planning.domain.public_plan import public_plan
from planning.io.report import plan_report

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"),
                                reason="poppler-utils (pdftotext, pdftoppm) not installed")
COMMENTS = [{"organisation": "Biedrība „Rūpju bērns”", "text": "Lūdzam grupu māju Kuldīgā.",
             "answer": "Iekļauts 2. kārtā.", "email": "secret@example.lv"}]


@pytest.fixture(scope="module")
def report_lv(tight_plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "plan.pdf"
    path.write_bytes(plan_report(tight_plan, consultation=COMMENTS))
    return path


def pdf_text(path) -> str:
    """The PDF's text with runs of white space (line breaks of wrapped titles) as one space."""
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return " ".join(out.split())


def test_latvian_report_has_every_section(report_lv, tight_plan):
    text = pdf_text(report_lv)
    for heading in ("Reģionālais deinstitucionalizācijas plāns: Kurzeme",
                    "1. Situācijas apraksts", "2. Kartes",
                    "3. Jaunās vietas pa pašvaldībām un pakalpojumiem",
                    "4. Kas tiek apkalpoti", "5. Budžets",
                    "6. Neapmierinātā vajadzība un tās iemesli", "7. Sabiedriskā apspriešana",
                    "8. Normatīvi un datu avoti", "9. Scenārijs un versija"):
        assert heading in text
    assert "Jauni objekti pa pakalpojumiem" in text
    assert "Pēc prioritātes klases" in text and "Pēc pakalpojumu kopuma" in text
    assert "Personas, kas atstāj institūciju" in text
    assert ("Mērķu secība: Mazāk neapkalpotu personu → Tuvāk ģimenei (mazāk km) → Mazākas "
            "izmaksas") in text
    assert "Kurzeme: budžets −70 %" in text and "v4" in text
    assert "Municipal boundaries: amCharts" in text
    assert "investīciju budžets" in text  # the cause of unmet need, in Latvian
    assert "Iekļauts 2. kārtā." in text and "secret@example.lv" not in text


def test_english_public_report(tight_plan, tmp_path):
    path = tmp_path / "en.pdf"
    path.write_bytes(plan_report(public_plan(tight_plan.result()), lang="en"))
    text = pdf_text(path)
    assert "Regional deinstitutionalisation plan: Kurzeme" in text
    assert "6. Unmet need and its causes" in text
    assert "Public version: counts from 1 to 4 are shown as '<5'." in text
    assert "7. Public consultation" not in text  # no comments given
    assert "Order of goals Fewer persons unserved → " in text  # the scenario section


def test_map_page_is_a_real_image(report_lv, tmp_path):
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "2", "-l", "2", str(report_lv),
                    str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = page.getcolors(maxcolors=1 << 20)
    coloured = sum(n for n, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 40)
    assert len(colours) > 200
    assert coloured / (page.width * page.height) > 0.02
    images = subprocess.run(["pdfimages", "-list", str(report_lv)], capture_output=True,
                            text=True, check=True).stdout.splitlines()[2:]
    assert len(images) >= 4
