"""Imports: templates round-trip, and each class of bad input is refused with its place."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from planning.domain.catalogue import load_catalogue
from planning.io.imports import import_table
from planning.io.problems import ImportRejected
from planning.io.readers import MAX_BYTES
from planning.io.templates import current_rows, template_csv, template_xlsx

HEADER = "ATVK kods,Pašvaldība,Mērķa grupa,Aprūpes līmenis,Pakalpojums,Skaits\n"


def csv_bytes(*rows: str, header: str = HEADER) -> bytes:
    return (header + "\n".join(rows) + "\n").encode("utf-8")


# ---------------------------------------------------------------- round trips
@pytest.mark.parametrize("kind", ["needs", "persons", "norms", "institutions",
                                  "existing_services", "plan"])
@pytest.mark.parametrize("fmt,lang", [("xlsx", "lv"), ("csv", "en")])
def test_template_with_current_rows_imports_to_no_change(kurzeme, kind, fmt, lang):
    make = template_xlsx if fmt == "xlsx" else template_csv
    data = make(kind, lang, current_rows(kind, kurzeme))
    result = import_table(data, f"{kind}.{fmt}", kind, inputs=kurzeme)
    assert result.preview.is_empty, result.preview.summary()
    if result.inputs is not None:
        assert result.inputs == kurzeme


def test_needs_import_replaces_needs_and_previews_the_change(kurzeme):
    data = csv_bytes("0005000,,adults_grt,ii,group_home,7",
                     ",Talsu novads,Bērni ar funkcionāliem traucējumiem (FT),,respite_children,3")
    result = import_table(data, "needs.csv", "needs", inputs=kurzeme)
    assert result.inputs.needs == (
        ("0005000", "adults_grt", "II", "group_home", 7),
        ("0051000", "children_ft", "", "respite_children", 3),
    )
    old = {n[:4]: n[4] for n in kurzeme.needs}
    new = {n[:4]: n[4] for n in result.inputs.needs}
    preview = result.preview
    assert len(preview.added) == len(new.keys() - old.keys())
    assert len(preview.removed) == len(old.keys() - new.keys())
    assert len(preview.changed) == sum(old[k] != new[k] for k in old.keys() & new.keys())
    assert preview.summary().endswith(f"{len(preview.removed)} removed")
    assert result.report.by_name == [(3, "Talsu novads", "0051000", "Talsu novads")]


def test_semicolon_csv_with_bom_and_codes_without_leading_zeros(kurzeme):
    data = "\ufeffATVK code;Target group;Care level;Service;Count\n5000;adults_grt;I;workshop;4\n"
    result = import_table(data.encode("utf-8"), "needs.csv", "needs", inputs=kurzeme)
    assert result.inputs.needs == (("0005000", "adults_grt", "I", "workshop", 4),)


def test_norms_import_sets_only_changed_values(kurzeme):
    data = csv_bytes("group_home,investment_per_place,33000,ERDF-PROJ",
                     "group_home,max_places,16,", header="Pakalpojums,Normatīvs,Vērtība,Avots\n")
    result = import_table(data, "norms.csv", "norms", inputs=kurzeme)
    assert result.inputs.norm_overrides == {"group_home": {"investment_per_place": 33000.0}}
    assert result.preview.changed[["service", "norm", "after"]].values.tolist() == [
        ["group_home", "investment_per_place", 33000.0]]


def test_xlsx_template_has_help_sheet_with_codes():
    book = load_workbook(io.BytesIO(template_xlsx("needs", "lv")))
    assert book.sheetnames == ["Vajadzības", "Paskaidrojumi", "Saraksti"]
    assert [c.value for c in book["Vajadzības"][1]][:2] == ["ATVK kods", "Pašvaldība"]
    codes = [r[0] for r in book["Paskaidrojumi"].iter_rows(values_only=True)]
    assert "0048000" in codes and "group_home" in codes


def _validations(ws) -> dict[str, object]:
    """The sheet's drop-down lists by the header of the column they cover."""
    headers = {c.column_letter: c.value for c in ws[1]}
    return {headers[str(v.sqref).split(":")[0].rstrip("0123456789")]: v
            for v in ws.data_validations.dataValidation}


def _listed(book, validation) -> list[str]:
    sheet, cells = validation.formula1.split("!")
    return [c.value for row in book[sheet.strip("'")][cells.replace("$", "")] for c in row]


def test_needs_template_names_municipalities_groups_and_services(kurzeme):
    rows = current_rows("needs", kurzeme)
    book = load_workbook(io.BytesIO(template_xlsx("needs", "en", rows)))
    ws = book["Needs"]
    headers = [c.value for c in ws[1]]
    body = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(body) == len(rows)
    first = dict(zip(headers, body[0], strict=True))
    assert first["ATVK code"] == rows.iloc[0]["atvk_code"]
    assert first["Municipality"] == "Liepāja"
    assert first["Target group"] == load_catalogue().groups[rows.iloc[0]["group"]].name_en
    assert first["Service"] == "Day care centre for adults"
    cat = load_catalogue()
    assert not {r[headers.index("Service")] for r in body} & set(cat.services)
    assert not {r[headers.index("Target group")] for r in body} & set(cat.groups)


def test_template_drop_downs_list_names_over_every_row(kurzeme):
    rows = current_rows("needs", kurzeme)
    book = load_workbook(io.BytesIO(template_xlsx("needs", "lv", rows)))
    ws = book["Vajadzības"]
    checks = _validations(ws)
    assert set(checks) == {"Pašvaldība", "Mērķa grupa", "Aprūpes līmenis", "Pakalpojums"}
    cat = load_catalogue()
    assert _listed(book, checks["Pakalpojums"]) == [  # place-based, then home-based
        s.name_lv for s in (*cat.services.values(), *cat.home_services.values())]
    assert _listed(book, checks["Mērķa grupa"]) == [g.name_lv for g in cat.groups.values()]
    assert "Liepāja" in _listed(book, checks["Pašvaldība"])
    assert _listed(book, checks["Aprūpes līmenis"])[:4] == ["I", "II", "III", "IV"]
    for check in checks.values():
        assert check.type == "list" and check.errorStyle == "warning"
        first, last = str(check.sqref).split(":")
        assert first.endswith("2") and int(last.lstrip("ABCDEFGHIJ")) > len(rows) + 1
    assert book["Saraksti"].sheet_state == "hidden"
    services = load_workbook(io.BytesIO(template_xlsx("existing_services", "en")))
    assert {"Municipality", "Service type", "Allocatable service"} <= set(
        _validations(services.worksheets[0]))


@pytest.mark.parametrize("kind", ["needs", "plan"])
def test_a_filled_in_named_template_imports(kurzeme, kind):
    """A user picks names from the lists (no codes): the import reads them back."""
    rows = current_rows(kind, kurzeme)
    book = load_workbook(io.BytesIO(template_xlsx(kind, "lv", rows)))
    ws = book.worksheets[0]
    headers = [c.value for c in ws[1]]
    for cell in ws[get_column_letter(headers.index("ATVK kods") + 1)][1:]:
        cell.value = None  # names only
    buf = io.BytesIO()
    book.save(buf)
    result = import_table(buf.getvalue(), f"{kind}.xlsx", kind, inputs=kurzeme)
    assert result.preview.is_empty, result.preview.summary()


# ---------------------------------------------------------------- bad input, one class each
def test_missing_column(refused):
    err = refused(csv_bytes("0005000,,adults_grt,I,group_home", header=HEADER.rsplit(",", 1)[0]
                            + "\n"), "needs.csv")
    assert err.problems[0].row == 1
    assert "missing column; expected a column headed 'Skaits' or 'Count'" in str(err)


def test_unknown_atvk_code(refused):
    err = refused(csv_bytes("0270000,,adults_grt,I,group_home,3"), "needs.csv")
    p = err.problems[0]
    assert (p.file, p.row, p.column, p.value) == ("needs.csv", 2, "ATVK kods", "0270000")
    assert "unknown ATVK code" in p.message and "pre-2021" in p.message


def test_unmatched_name_suggests_the_closest(refused):
    err = refused(csv_bytes(",Talsu novds,adults_grt,I,group_home,3"), "needs.csv")
    assert "did you mean 'Talsu novads'?" in err.problems[0].message


def test_municipality_outside_the_scenario_region(refused):
    err = refused(csv_bytes("0048000,,adults_grt,I,group_home,3"), "needs.csv")
    assert "Siguldas novads is in the Rīga planning region" in str(err)


@pytest.mark.parametrize("count,expected", [
    ("-2", "negative; expected a whole number >= 0"),
    ("2.5", "not a whole number; expected a whole number >= 0"),
    ("daudz", "not a number; expected a whole number >= 0"),
])
def test_bad_count(refused, count, expected):
    err = refused(csv_bytes(f"0005000,,adults_grt,I,group_home,{count}"), "needs.csv")
    p = err.problems[0]
    assert (p.row, p.column, p.value, p.message) == (2, "Skaits", count, expected)


def test_duplicated_row(refused):
    err = refused(csv_bytes("0005000,,adults_grt,I,group_home,3",
                            ",Liepāja,adults_grt,I,group_home,4"), "needs.csv")
    assert err.problems[0].row == 3
    assert "duplicated row: the same atvk_code + group + care_level + service as row 2" \
        in err.problems[0].message


def test_every_problem_is_listed_with_sheet(refused):
    data = template_xlsx("needs", "en", _two_bad_rows().needs_frame())
    err = refused(data, "needs.xlsx")
    assert [(p.sheet, p.row, p.column) for p in err.problems] == [
        ("Needs", 2, "Target group"), ("Needs", 3, "Count")]


def _two_bad_rows():
    from planning.domain.inputs import ScenarioInputs

    return ScenarioInputs(needs=(("0005000", "nobody", "", "group_home", 1),
                                 ("0005000", "adults_grt", "I", "group_home", -1)))


def test_file_too_large(refused):
    data = csv_bytes("0005000,,adults_grt,I,group_home,3")
    err = refused(data, "needs.csv", limit=10)
    assert f"the file is {len(data)} bytes; the limit is 10 bytes — split it" in str(err)


def test_default_size_limit_is_20_mb(refused):
    err = refused(b"," * (MAX_BYTES + 1), "needs.csv")
    assert "the file is 20.0 MB; the limit is 20.0 MB" in str(err)


def test_wrong_encoding(refused):
    header = "ATVK code,Municipality,Target group,Care level,Service,Count\n"
    data = csv_bytes(",Liepāja,adults_grt,I,group_home,3", header=header).decode()
    err = refused(data.encode("cp1257"), "needs.csv")
    p = err.problems[0]
    assert p.row == 2
    assert "not UTF-8" in p.message and "Windows-1257" in p.message and "Liepāja" in p.message


def test_xlsx_named_csv(refused):
    err = refused(template_xlsx("needs"), "needs.csv")
    assert "named .csv but is a ZIP archive" in str(err)


def test_pdf_named_xlsx(refused):
    err = refused(b"%PDF-1.7\n...", "needs.xlsx")
    assert "named .xlsx but is a PDF document" in str(err)


def test_unknown_file_type(refused):
    err = refused(b"x", "needs.ods")
    assert "unknown file type '.ods'" in str(err)


def test_norm_override_making_min_above_max(refused):
    data = csv_bytes("group_home,min_places,30,", header="Service,Norm,Value,Source\n")
    err = refused(data, "norms.csv", kind="norms")
    assert "min places 30 is larger than max places 16" in str(err)


def test_existing_service_of_unknown_type(refused):
    header = "ID,Nosaukums,ATVK kods,Pakalpojuma veids,Licencētās vietas\n"
    err = refused(csv_bytes("x1,Jauns centrs,0005000,spaceship,5", header=header),
                  "existing.csv", kind="existing_services")
    p = err.problems[0]
    assert (p.row, p.column, p.value) == (2, "Pakalpojuma veids", "spaceship")
    assert p.message.startswith("unknown service type; use one of")


# ---------------------------------------------------------------- a given plan
# An earlier template's header ('Jauni objekti') is still read.
PLAN_HEADER = 'Pašvaldība,Pakalpojums,Jaunas vietas,Jauni objekti,"Investīcijas, EUR"\n'


def plan_csv(*rows: str) -> bytes:
    return csv_bytes(*rows, header=PLAN_HEADER)


def test_plan_template_has_names_not_codes_for_every_site(kurzeme):
    book = load_workbook(io.BytesIO(template_xlsx("plan", "lv", current_rows("plan", kurzeme))))
    rows = list(book["Plāns"].iter_rows(values_only=True))
    assert rows[0] == ("Pašvaldība", "ATVK kods", "Pakalpojums", "Jaunas vietas",
                       "Jauni infrastruktūras objekti", "Investīcijas, EUR")
    assert ("Liepāja", None, "Grupu māja / dzīvoklis", 0, 0, None) in rows
    assert len(rows) - 1 == 8 * 9  # Kurzeme's municipalities x services


def test_plan_import_by_names_sets_the_given_plan(kurzeme):
    data = plan_csv("Liepāja,Grupu māja / dzīvoklis,16,1,650000",
                    "Talsu novads,day_care_adults,20,1,", "Kuldīgas novads,Jauniešu māja,0,0,")
    result = import_table(data, "plan.csv", "plan", inputs=kurzeme)
    assert result.inputs.given_plan == (
        ("0005000", "group_home", 16, 1, 650000.0),
        ("0051000", "day_care_adults", 20, 1, None),
    )
    assert len(result.preview.added) == 2
    assert result.inputs.needs == kurzeme.needs


@pytest.mark.parametrize("row,column,message", [
    ("Atlantīda,group_home,16,1,", "Pašvaldība", "no municipality of the 2025 division"),
    ("Siguldas novads,group_home,16,1,", "Pašvaldība", "is in the Rīga planning region"),
    ("Liepāja,spa,16,1,", "Pakalpojums", "unknown service"),
    ("Liepāja,group_home,16,0,", "Jauni objekti", "16 places in no facility"),
    ("Liepāja,group_home,2,3,", "Jauni objekti", "more facilities than places"),
    ("Liepāja,group_home,-4,1,", "Jaunas vietas", "negative"),
    ("Liepāja,group_home,4,1,-5", "Investīcijas, EUR", "negative"),
])
def test_bad_plan_rows_are_refused_with_file_row_and_column(refused, row, column, message):
    err = refused(plan_csv("Talsu novads,group_home,8,1,", row), "plan.csv", kind="plan")
    p = err.problems[0]
    assert (p.file, p.row, p.column) == ("plan.csv", 3, column)
    assert message in p.message


def test_plan_row_where_the_scenario_forbids_building_is_refused(kurzeme):
    from dataclasses import replace

    from planning.io.problems import ImportRejected

    closed = replace(kurzeme, non_participating=("0005000",),
                     excluded_sites=(("0051000", "group_home"),))
    with pytest.raises(ImportRejected) as info:
        import_table(plan_csv("Liepāja,group_home,16,1,", "Talsu novads,group_home,8,1,"),
                     "plan.csv", "plan", inputs=closed)
    assert [(p.row, p.column) for p in info.value.problems] == [
        (2, "Pašvaldība"), (3, "Pakalpojums")]
    assert "not participating" in info.value.problems[0].message
    assert closed.given_plan == ()


def test_plan_size_outside_the_norm_is_a_note_not_an_error(kurzeme):
    result = import_table(plan_csv("Liepāja,group_home,30,1,"), "plan.csv", "plan",
                          inputs=kurzeme)
    assert result.inputs.given_plan == (("0005000", "group_home", 30, 1, None),)
    assert any("30 places per facility of group_home is outside" in line
               for line in result.report.lines())


# ---------------------------------------------------------------- persons with packages
PERSONS = "Pašvaldība,Mērķa grupa,Pakalpojumu pakete,Prioritātes klase,Skaits\n"


def test_persons_with_packages_import_by_names_and_round_trip(kurzeme):
    data = csv_bytes(
        'Liepāja,adults_grt,Grupu māja / dzīvoklis + Dienas aprūpes centrs pieaugušajiem '
        '(DAC),"Personas, kas atstāj institūciju",5',
        "Liepāja,adults_grt,group_home,,3", header=PERSONS)
    result = import_table(data, "persons.csv", "persons", inputs=kurzeme)
    assert result.inputs.persons == (
        ("0005000", "adults_grt", "", "day_care_adults+group_home", "leavers", 5),
        ("0005000", "adults_grt", "", "group_home", "", 3))
    assert len(result.preview.added) == 2
    again = template_xlsx("persons", "lv", current_rows("persons", result.inputs))
    assert import_table(again, "persons.xlsx", "persons",
                        inputs=result.inputs).preview.is_empty


def test_a_persons_file_names_the_row_and_column_of_each_bad_cell(kurzeme):
    data = csv_bytes("Liepāja,adults_grt,group_home+spa,leavers,5",
                     "Liepāja,adults_grt,group_home,nobody,3",
                     "Liepāja,children_ft,group_home,,2",
                     "Liepāja,adults_grt,group_home+group_home,,2", header=PERSONS)
    with pytest.raises(ImportRejected) as refused:
        import_table(data, "persons.csv", "persons", inputs=kurzeme)
    found = {(p.row, p.column, str(p.value)) for p in refused.value.problems}
    assert found == {(2, "Pakalpojumu pakete", "spa"), (3, "Prioritātes klase", "nobody"),
                     (4, "Pakalpojumu pakete", "group_home"),
                     (5, "Pakalpojumu pakete", "group_home+group_home")}
    assert kurzeme.persons == ()


def test_a_persons_file_ranks_the_leavers_of_one_institution_by_its_name(kurzeme):
    data = csv_bytes('Talsu novads,adults_grt,group_home,"Personas, kas atstāj institūciju: '
                     'VSAC ""Kurzeme"" filiāle ""Dundaga""",4',
                     "Talsu novads,adults_grt,group_home,leavers.vsac_kurzeme_ilgi,2",
                     header=PERSONS)
    result = import_table(data, "persons.csv", "persons", inputs=kurzeme)
    assert [p[4] for p in result.inputs.persons] == ["leavers.vsac_kurzeme_dundaga",
                                                     "leavers.vsac_kurzeme_ilgi"]
    again = template_xlsx("persons", "lv", current_rows("persons", result.inputs))
    assert import_table(again, "persons.xlsx", "persons",
                        inputs=result.inputs).preview.is_empty


def test_a_persons_file_naming_another_regions_institution_is_refused(kurzeme):
    data = csv_bytes("Talsu novads,adults_grt,group_home,leavers.vsac_latgale_kalkuni,4",
                     "Talsu novads,adults_grt,group_home,leavers.nowhere,2", header=PERSONS)
    with pytest.raises(ImportRejected) as refused:
        import_table(data, "persons.csv", "persons", inputs=kurzeme)
    found = {(p.row, p.column, str(p.value)) for p in refused.value.problems}
    assert found == {(2, "Prioritātes klase", "leavers.vsac_latgale_kalkuni"),
                     (3, "Prioritātes klase", "leavers.nowhere")}
    assert kurzeme.persons == ()
