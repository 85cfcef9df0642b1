"""The plan report: expected sections in its text, real map images on its pages."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace

import pytest
import shapely
from PIL import Image

from optimizer.solution import Solution
from planning import i18n
from planning.domain.config import local_today
from planning.domain.public_plan import public_plan
from planning.i18n import column_label
from planning.io import map_images
from planning.io.exports import plan_tables
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
    first = tight_plan.inputs.horizon().first_year
    assert "Plāns pa gadiem" in text and f"{first} " in text  # under the budget, by year


def _noisy(plan):
    """The plan with solver noise on its municipalities' counts (9.999986 clients)."""
    data = plan.solution.to_dict()
    for row in data["municipalities"]:
        row["served"] -= 1.4e-5
        row["unmet"] += 1.4e-5
    return replace(plan, solution=Solution.from_dict(data))


@pytest.fixture(scope="module")
def noisy_report(tight_plan, tmp_path_factory):
    path = tmp_path_factory.mktemp("noisy") / "plan.pdf"
    path.write_bytes(plan_report(_noisy(tight_plan)))
    return path


def test_report_headers_keep_whole_words_and_numbers_stay_on_one_line(noisy_report,
                                                                      tight_plan):
    words = set(pdf_text(noisy_report).split())
    tables = plan_tables(tight_plan, lang="lv")
    left_out = {"atvk_code", "erdf_eur", "cofinancing_eur"}  # the report's own choice
    for name in ("municipalities", "places", "budget", "persons", "unmet"):
        for column in set(tables[name].columns) - left_out:
            for word in column_label(column, "lv").split():
                assert word in words, (name, column, word)
    layout = subprocess.run(["pdftotext", "-layout", str(noisy_report), "-"],
                            capture_output=True, text=True, check=True).stdout
    assert re.search(r"\b1 995 000\b", layout)  # a budget figure not wrapped mid-number
    assert "1 995 00\n" not in layout


def test_report_counts_persons_whole_dates_locally_and_credits_boundaries_once(
        noisy_report, tight_plan):
    text = pdf_text(noisy_report)
    assert not re.search(r"\b\d+,0\b", text)  # no 216,0 clients, no 2,0 staff
    assert not re.search(r"\d+,99\d", text)
    liepaja = tight_plan.solution.municipalities.set_index("name").loc["Liepāja"]
    whole = [i18n.fmt_int(round(liepaja[c]), "lv") for c in ("need", "served", "unmet")]
    assert f"Liepāja {' '.join(whole)}" in " ".join(text.replace("\u00a0", " ").split())
    assert i18n.fmt_date(local_today(), "lv") in text
    assert local_today().isoformat() not in text
    assert text.count("Municipal boundaries: amCharts") == 1


def test_maps_name_the_municipalities():
    inside, _ = map_images.area("2025", "Kurzeme")
    names = map_images.labels(inside)
    assert len(names) == len(inside)
    assert {"Liepāja", "Ventspils", "Ventspils novads", "Kuldīgas"} <= set(names["name"])
    polygons = inside.geometry.to_numpy()
    for shape, r in zip(polygons, names.itertuples(), strict=True):
        assert shape.contains(shapely.Point(r.x, r.y)), r.name


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
