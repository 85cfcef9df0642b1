"""pages/moderation.py: the region's group publishes, moderates, answers, submits, sees the
ministry's reason, downloads the report; a stale page gets the version-conflict message."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import timedelta

from openpyxl import load_workbook
from sqlmodel import Session

from planning import i18n
from planning.domain.roles import PUBLIC
from planning.store import consultation, lifecycle, scenario
from tests.pages.seeding import GROUP, LATGALE, MINISTRY, TODAY, published_plan, solved_plan

COMMENT = {"name": "=HYPERLINK(\"http://x\")", "organisation": "", "email": "a@example.lv",
           "text": "**Svarīgi:** <img src=x onerror=alert(1)>"}


def test_other_roles_and_other_regions_see_nothing_to_manage(db, page_test) -> None:
    solved_plan(db)
    at = page_test("moderation", actor=MINISTRY)
    assert not at.exception and at.warning and not at.button
    at = page_test("moderation", actor=LATGALE)
    assert [i.value for i in at.info] == [i18n.t("manage.none", "lv")]


def test_publish_with_dates_then_submit(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("moderation", actor=GROUP)
    assert not at.exception
    at.date_input(key="publish_end").set_value(TODAY + timedelta(days=14))
    at.button(key=f"FormSubmitter:publish_form-{i18n.t('manage.publish', 'lv')}").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        s = scenario.get_scenario(session=session, actor=PUBLIC, scenario_id=plan.id)
        assert (s.published_version, s.consultation_end) == (1, TODAY + timedelta(days=14))
    # the consultation runs: submitting it waits until the group agrees to close it
    assert at.warning[0].value == i18n.t("life.open_until", "lv",
                                         end=i18n.fmt_date(TODAY + timedelta(days=14)))
    assert ".." not in at.warning[0].value  # the Latvian date has its own point
    assert at.button(key="submit_plan").disabled
    at.checkbox(key=f"close_{plan.id}").check().run()
    at.button(key="submit_plan").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        s = scenario.get_scenario(session=session, actor=GROUP, scenario_id=plan.id)
        assert (s.submitted_version, s.consultation_end) == (1, TODAY)
        assert s.consultation_closed_at is not None



def test_after_publish_and_submit_the_same_plan_stays_chosen(db, page_test) -> None:
    """Issue 18: the selector jumped to another plan after a step (a second click acted on
    the wrong one); it is keyed by scenario id."""
    solved_plan(db, "A plāns")
    second = solved_plan(db, "B plāns")
    at = page_test("moderation", actor=GROUP)
    at.selectbox(key="manage_plan").set_value(second.id).run()
    at.button(key=f"FormSubmitter:publish_form-{i18n.t('manage.publish', 'lv')}").click().run()
    assert not at.exception
    assert at.selectbox(key="manage_plan").value == second.id
    published = i18n.t("plan.status.published", "lv")
    assert i18n.t("manage.current", "lv", n=1, status=published) in [c.value for c in at.caption]
    at.checkbox(key=f"close_{second.id}").check().run()
    at.button(key="submit_plan").click().run()
    assert not at.exception
    assert at.selectbox(key="manage_plan").value == second.id
    submitted = i18n.t("plan.status.submitted", "lv")
    assert i18n.t("manage.current", "lv", n=1, status=submitted) in [c.value for c in at.caption]

def test_a_version_changed_after_the_consultation_shows_its_changes(db, page_test) -> None:
    plan = published_plan(db)
    with Session(db, expire_on_commit=False) as session:
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=plan.id,
                             inputs=replace(inputs, cost_contingency=0.3), expected_version=1)
    at = page_test("moderation", actor=GROUP)
    assert not at.exception
    # version 2 was never computed: it cannot go to the ministry, and the page says why
    assert i18n.t("life.no_result", "lv", n=2) in [w.value for w in at.warning]
    at.checkbox(key=f"close_{plan.id}").check().run()
    at.checkbox(key=f"accept_{plan.id}_2").check().run()
    assert at.button(key="submit_plan").disabled
    with Session(db, expire_on_commit=False) as session:
        first = scenario.latest_result(session=session, actor=GROUP, scenario_id=plan.id,
                                       number=1)
        scenario.save_result(session=session, actor=GROUP, scenario_id=plan.id, number=2,
                             solution=first.solution_json, problem={}, solver="highs",
                             status="optimal", run_seconds=0.5)
    at = page_test("moderation", actor=GROUP)
    warnings = [w.value for w in at.warning]
    assert i18n.t("life.no_result", "lv", n=2) not in warnings
    assert i18n.t("life.unconsulted", "lv", n=2, consulted=1,
                  what="1 izmaiņa ievaddatos") in warnings
    assert at.button(key="submit_plan").disabled
    at.checkbox(key=f"close_{plan.id}").check().run()
    assert at.button(key="submit_plan").disabled  # the changes are not accepted yet
    at.checkbox(key=f"accept_{plan.id}_2").check().run()
    at.button(key="submit_plan").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        assert scenario.get_scenario(session=session, actor=GROUP,
                                     scenario_id=plan.id).submitted_version == 2


def test_a_stale_page_gets_the_conflict_message_and_a_reload_button(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("moderation", actor=GROUP)
    with Session(db, expire_on_commit=False) as session:  # someone else saves version 2 meanwhile
        inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
        scenario.save_inputs(session=session, actor=GROUP, scenario_id=plan.id, inputs=inputs,
                             expected_version=1, message="other tab")
    at.button(key=f"FormSubmitter:publish_form-{i18n.t('manage.publish', 'lv')}").click().run()
    assert not at.exception
    assert at.error[0].value.startswith(i18n.t("error.conflict", "lv", error=""))
    assert "version 2" in at.error[0].value
    at.button(key="reload_after_conflict").click().run()
    assert not at.exception and not at.error
    assert at.selectbox(key="manage_plan").value == plan.id
    assert i18n.t("manage.current", "lv", n=2, status=i18n.t("plan.status.draft", "lv")) in [
        c.value for c in at.caption]


def test_moderate_answer_and_download_the_report(db, page_test) -> None:
    plan = published_plan(db)
    with Session(db, expire_on_commit=False) as session:
        c = consultation.submit_comment(session=session, scenario_id=plan.id,
                                        comment_in=COMMENT)
    at = page_test("moderation", actor=GROUP)
    assert not at.exception
    assert COMMENT["text"] in [t.value for t in at.text]
    assert not [m for m in at.markdown if "onerror" in m.value and "\\<" not in m.value]
    at.button(key=f"publish_{c.id}").click().run()
    assert not at.exception
    assert f"answer_{c.id}" not in [t.key for t in at.text_area]  # left the pending list
    at.button_group(key="queue_filter").set_value("published").run()
    at.text_area(key=f"answer_{c.id}").input("Paldies, ņemsim vērā.")
    at.button(key=f"FormSubmitter:answer_form_{c.id}-"
                  f"{i18n.t('manage.save_answer', 'lv')}").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        [shown] = consultation.public_comments(session=session, actor=PUBLIC,
                                               scenario_id=plan.id)
    assert shown.answer == "Paldies, ņemsim vērā."
    [xlsx] = [b for b in at.get("download_button") if b.proto.label.endswith("(XLSX)")]
    assert xlsx is not None


def test_report_files_keep_text_inert_and_leave_out_e_mails(db) -> None:
    from planning.io import consultation as report_io

    plan = published_plan(db)
    with Session(db, expire_on_commit=False) as session:
        c = consultation.submit_comment(session=session, scenario_id=plan.id,
                                        comment_in=COMMENT)
        consultation.moderate_comment(session=session, actor=GROUP, comment_id=c.id,
                                      publish=True)
        data = consultation.consultation_report(session=session, actor=GROUP,
                                                scenario_id=plan.id)
    book = load_workbook(io.BytesIO(report_io.report_workbook(data, "lv")))
    cells = [v for row in book["Komentāri"].iter_rows(values_only=True) for v in row]
    assert "'=HYPERLINK(\"http://x\")" in cells and COMMENT["text"] in cells
    csv = report_io.report_csv(data, "en").decode("utf-8-sig")
    assert "a@example.lv" not in csv and "a@example.lv" not in str(cells)
    assert csv.splitlines()[0].startswith("No.,Submitted,Name")



def test_report_files_read_as_latvian_offices_do(db) -> None:
    """Riga time in the reader's format, moderation and decision by name, the CSV in Latvian
    Excel's dialect (';') for a Latvian reader."""
    import csv as csv_module

    from planning.domain.config import LOCAL_TZ
    from planning.io import consultation as report_io

    plan = published_plan(db)
    with Session(db, expire_on_commit=False) as session:
        c = consultation.submit_comment(session=session, scenario_id=plan.id,
                                        comment_in={**COMMENT, "name": "Anna"})
        consultation.moderate_comment(session=session, actor=GROUP, comment_id=c.id,
                                      publish=True)
        consultation.answer_comment(session=session, actor=GROUP, comment_id=c.id,
                                    answer="Jā", decision="partly")
        data = consultation.consultation_report(session=session, actor=GROUP,
                                                scenario_id=plan.id)
    stored = data.comments["created_at"].iloc[0].to_pydatetime()
    local = stored.astimezone(LOCAL_TZ)
    text = report_io.report_csv(data, "lv").decode("utf-8-sig")
    [header, row] = list(csv_module.reader(io.StringIO(text), delimiter=";"))
    assert header[:2] == ["Nr.", "Iesniegts"] and len(row) == len(header)
    assert row[1] == f"{i18n.fmt_date(local.date(), 'lv')} {local:%H:%M}"
    assert i18n.t("moderation.published", "lv") in row
    assert i18n.t("decision.partly", "lv") in row and "published" not in row
    book = load_workbook(io.BytesIO(report_io.report_workbook(data, "lv")))
    cell = book["Komentāri"]["B2"]
    assert cell.value.replace(microsecond=0) == local.replace(tzinfo=None, microsecond=0)
    assert cell.number_format == "DD.MM.YYYY HH:MM"
    assert book["Komentāri"]["F2"].value == i18n.t("moderation.published", "lv")

def test_the_group_sees_why_the_ministry_returned_the_plan(db, page_test) -> None:
    plan = published_plan(db)
    with Session(db, expire_on_commit=False) as session:
        lifecycle.submit(session=session, actor=GROUP, scenario_id=plan.id,
                         close_consultation=True)
        lifecycle.return_plan(session=session, actor=MINISTRY, scenario_id=plan.id,
                              reason="Pamatojiet **16** vietas Liepājā.")
    at = page_test("moderation", actor=GROUP)
    assert not at.exception
    [warning] = at.warning
    assert "Pamatojiet" in warning.value and "\\*\\*16\\*\\*" in warning.value
