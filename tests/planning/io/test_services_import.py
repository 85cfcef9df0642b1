"""The services file (issue 16): a template with names, not codes, read back to the same
services; every bad cell refused with file, row and column, nothing applied; a needs file
names an added service by its name."""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import pytest
from openpyxl import load_workbook

from planning.domain import user_services as us
from planning.domain.catalogue import SERVICE_NUMBERS, load_catalogue
from planning.io.imports import import_table
from planning.io.problems import ImportRejected
from planning.io.templates import current_rows, template_csv, template_xlsx
from tests.planning.domain.test_user_services import (
    KURZEME,
    halfway_house,
    social_mentor,
    with_centre,
    with_service,
)

CAT = load_catalogue()


def services_csv(lang: str = "lv", **changes: object) -> str:
    inputs = with_service(halfway_house(**changes))
    return template_csv("services", lang, current_rows("services", inputs, CAT), "2025",
                        CAT).decode("utf-8-sig")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_the_template_has_names_and_reads_back_to_the_same_service(lang):
    text = services_csv(lang)
    assert ("Pusceļa māja" in text) and ("halfway_house" not in text)
    group = CAT.groups["youth_leaving_care"].name(lang)
    assert group in text and "youth_leaving_care" not in text
    result = import_table(text.encode(), "services.csv", "services", inputs=KURZEME,
                          catalogue=CAT)
    assert result.inputs.user_services == with_service(halfway_house()).user_services
    assert list(result.preview.added["name_lv"]) == ["Pusceļa māja"]


def test_the_xlsx_template_offers_kinds_and_types_and_reads_back():
    inputs = with_service(halfway_house())
    data = template_xlsx("services", "lv", current_rows("services", inputs, CAT), "2025", CAT)
    book = load_workbook(io.BytesIO(data))
    lists = {str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row}
    assert {"dzīvesvietas pakalpojums", "Pusceļa māja", "Krīzes centrs"} <= lists
    result = import_table(data, "services.xlsx", "services", inputs=KURZEME, catalogue=CAT)
    assert result.inputs.user_services == inputs.user_services


def rejected(text: str) -> list:
    with pytest.raises(ImportRejected) as caught:
        import_table(text.encode(), "services.csv", "services", inputs=KURZEME, catalogue=CAT)
    return caught.value.problems


def one_cell(header: str, value: str, template: str | None = None) -> str:
    """The template's (default: the halfway house's) single row with the cell under
    ``header`` replaced."""
    cols, cells = list(csv.reader(io.StringIO(template or services_csv())))
    cells[cols.index(header)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([cols, cells])
    return out.getvalue()


BAD = [
    ("Pakalpojuma veids", "pils", "nezināms pakalpojuma veids"),
    ("Mērķa grupas", "Pensionāri", "nezināma mērķa grupa"),
    ("Min. vietas", "-3", "negatīvs"),
    ("Maks. vietas", "daudz", "nav skaitlis"),
    ("Uzturēšana, EUR/dienā", "inf", "nav galīgs skaitlis"),
    ("Uzturēšana, EUR/dienā", "5000000", "par lielu; ne vairāk kā 1 000 000"),
    ("Min. vietas", "12", "mazākais vietu skaits 12 ir lielāks par lielāko 8"),
    ("Avots: Min. vietas", "", "norādiet avotu"),
    ("Nosaukums latviski", "Grupu māja / dzīvoklis", "jau ir citam pakalpojumam"),
    ("Nosaukums angliski", "", "tukšs"),
]


@pytest.mark.parametrize(("header", "value", "expected"), BAD,
                         ids=[f"{b[0]}={b[1]}" for b in BAD])
def test_a_bad_cell_is_refused_with_row_and_column(header, value, expected):
    problems = rejected(one_cell(header, value))
    described = [p.describe("lv") for p in problems]
    assert any(expected in d for d in described), described
    hit = next(p for p in problems if expected in p.describe("lv"))
    assert (hit.file, hit.row, hit.column) == ("services.csv", 2, header)


def test_two_rows_of_one_name_are_refused():
    head, row = services_csv().strip().split("\n")
    problems = rejected(f"{head}\n{row}\n{row}\n")
    assert {p.row for p in problems} >= {3}


def test_a_needs_file_names_an_added_service_by_its_name():
    inputs = with_service(halfway_house())
    code = KURZEME.needs[0][0]
    text = (f"ATVK kods,Mērķa grupa,Aprūpes līmenis,Pakalpojums,Skaits\n"
            f"{code},Jaunieši pēc ārpusģimenes aprūpes,,Pusceļa māja,7\n")
    group_lv = CAT.groups["youth_leaving_care"].name_lv
    text = text.replace("Jaunieši pēc ārpusģimenes aprūpes", group_lv)
    result = import_table(text.encode(), "needs.csv", "needs", inputs=inputs,
                          catalogue=inputs.with_own_services(CAT))
    assert result.inputs.needs == ((code, "youth_leaving_care", "", "halfway_house", 7),)
    with pytest.raises(ImportRejected):
        import_table(text.encode(), "needs.csv", "needs", inputs=replace(inputs, user_services={}),
                     catalogue=CAT)


def test_every_number_has_a_source_column():
    headers = next(csv.reader(io.StringIO(services_csv())))
    assert sum(h.startswith("Avots: ") for h in headers) == len(SERVICE_NUMBERS) + len(
        us.HOME_FIELDS) + len(us.numbers_of(us.CENTRE))


def home_csv(lang: str = "lv", **changes: object) -> str:
    inputs = with_service(social_mentor(**changes), sid="assistant")
    return template_csv("services", lang, current_rows("services", inputs, CAT), "2025",
                        CAT).decode("utf-8-sig")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_home_based_service_reads_back_with_its_profession_and_no_place_norms(lang):
    text = home_csv(lang)
    assert "sociālais mentors" in text and CAT.groups["adults_grt"].name(lang) in text
    result = import_table(text.encode(), "services.csv", "services", inputs=KURZEME,
                          catalogue=CAT)
    assert result.inputs.user_services == with_service(
        social_mentor(), sid="assistant").user_services
    home = result.inputs.catalogue(CAT).home_services["assistant"]
    assert (home.staff[0].profession, home.staff[0].clients_per_staff) == (
        "sociālais mentors", 5.0)


HOME_BAD = [
    ("Profesija", "", "profesija: jānorāda"),
    ("Klienti uz darbinieku (slodze)", "0", "vienu no tiem, lielāku par 0"),
    ("Stundas klientam mēnesī", "900", "par lielu"),
    ("Avots: Darbinieka izmaksas, EUR gadā", "", "norādiet avotu"),
    ("Pakalpojuma veids", "dienas pakalpojums", "Investīcijas uz vietu, EUR"),
]


@pytest.mark.parametrize(("header", "value", "expected"), HOME_BAD,
                         ids=[f"{b[0]}={b[1]}" for b in HOME_BAD])
def test_a_bad_home_service_cell_is_refused_with_row_and_column(header, value, expected):
    problems = rejected(one_cell(header, value, home_csv()))
    described = [p.describe("lv") for p in problems]
    assert any(expected in d for d in described), described
    assert all((p.file, p.row) == ("services.csv", 2) for p in problems)


def test_a_needs_file_names_home_services_by_their_names_and_checks_their_groups():
    inputs = with_service(social_mentor(), sid="assistant")
    code, adults = KURZEME.needs[0][0], CAT.groups["adults_grt"].name_lv
    youth = CAT.groups["youth_leaving_care"].name_lv
    text = (f"ATVK kods,Mērķa grupa,Aprūpes līmenis,Pakalpojums,Skaits\n"
            f"{code},{adults},I,Sociālais mentors,12\n{code},{youth},,Ģimenes asistents,3\n")
    result = import_table(text.encode(), "needs.csv", "needs", inputs=inputs,
                          catalogue=inputs.with_own_services(CAT))
    assert set(result.inputs.needs) == {(code, "adults_grt", "I", "assistant", 12),
                                        (code, "youth_leaving_care", "", "family_assistant", 3)}
    with pytest.raises(ImportRejected) as caught:
        import_table(text.replace(f"{adults},I,Sociālais", f"{youth},,Sociālais").encode(),
                     "needs.csv", "needs", inputs=inputs,
                     catalogue=inputs.with_own_services(CAT))
    (problem,) = caught.value.problems
    assert (problem.row, problem.column) == (2, "Pakalpojums")



def centre_csv(lang: str = "lv") -> str:
    return template_csv("services", lang, current_rows("services", with_centre(), CAT), "2025",
                        CAT).decode("utf-8-sig")


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_a_centre_and_the_day_services_it_hosts_read_back_by_their_names(lang):
    text = centre_csv(lang)
    assert "Dienas klubs; Atbalsta grupa" in text and "day_club" not in text
    result = import_table(text.encode(), "services.csv", "services", inputs=KURZEME,
                          catalogue=CAT)
    by_name = {e["name_lv"]: e for e in result.inputs.user_services.values()}
    assert by_name == {e["name_lv"]: e for e in with_centre().user_services.values()
                       if e["kind"] != "centre"} | {"Kopienas centrs": by_name["Kopienas centrs"]}
    ids = {e["name_lv"]: sid for sid, e in result.inputs.user_services.items()}
    centre = result.inputs.catalogue(CAT).centres[ids["Kopienas centrs"]]
    assert centre.services == (ids["Dienas klubs"], ids["Atbalsta grupa"])
    assert {k: v for k, v in by_name["Kopienas centrs"].items() if k != "services"} == {
        k: v for k, v in with_centre().user_services["community_centre"].items()
        if k != "services"}


def test_a_centre_hosting_an_unknown_or_residential_service_is_refused_at_its_cell():
    cols, *rows = list(csv.reader(io.StringIO(centre_csv())))
    at = cols.index("Centra pakalpojumi")
    row = next(k for k, r in enumerate(rows) if r[at])
    rows[row][at] = "Dienas klubs; Pirts; Grupu māja / dzīvoklis"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([cols, *rows])
    problems = rejected(out.getvalue())
    assert [(p.row, p.column) for p in problems] == [(row + 2, "Centra pakalpojumi")] * 2
    described = " ".join(p.describe("lv") for p in problems)
    assert "nezināms pakalpojums „Pirts”" in described
    assert "ir dzīvesvietas pakalpojums" in described
