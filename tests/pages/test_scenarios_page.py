"""pages/scenarios.py: list, create (embedded data, copy), rename, copy, delete with
confirmation, version history, diff of two versions, restore; permissions and errors."""

from __future__ import annotations

from sqlmodel import Session

from planning import i18n
from planning.domain.inputs import default_inputs
from planning.store import scenario
from tests.pages.planning_helpers import frame, save_budget_factor
from tests.pages.seeding import GROUP, LATGALE, MINISTRY, solved_plan


def names(engine) -> list[str]:
    with Session(engine) as session:
        return [s.name for s in scenario.list_scenarios(session=session, actor=GROUP)]


def test_public_sees_no_scenarios_and_cannot_create(db, page_test) -> None:
    at = page_test("scenarios")
    assert not at.exception
    assert at.title[0].value == i18n.t("scenarios.title", "lv")
    infos = " ".join(i.value for i in at.info)
    assert i18n.t("scenario.sign_in_to_create", "lv") in infos
    assert i18n.t("scenario.none", "lv") in infos


def test_create_from_embedded_data_selects_the_new_scenario(db, page_test) -> None:
    at = page_test("scenarios", actor=GROUP)
    assert at.selectbox(key="create_region").options == ["Kurzeme"]
    at.text_input(key="create_name").input("Kurzeme A")
    at.button[0].click().run()  # the form's submit button
    assert not at.exception, at.exception
    assert names(db) == ["Kurzeme A"]
    picked = at.selectbox(key="scenario")
    assert picked.value is not None and "Kurzeme A" in picked.format_func(picked.value)
    history = frame(at, "author")
    assert list(history["version"]) == [1]
    assert history.loc[0, "message"] == "izveidots"


def test_empty_name_is_refused_with_the_field_named(db, page_test) -> None:
    at = page_test("scenarios", actor=GROUP)
    at.button[0].click().run()
    assert not at.exception
    assert at.error and "„Nosaukums”" in at.error[0].value
    assert names(db) == []


def test_copy_existing_scenario_from_the_create_form(db, page_test) -> None:
    original = solved_plan(db, "Kurzeme base")
    at = page_test("scenarios", actor=GROUP)
    at.text_input(key="create_name").input("Kurzeme copy")
    at.selectbox(key="create_source").select(original.id)
    at.button[0].click().run()
    assert not at.exception
    assert sorted(names(db)) == ["Kurzeme base", "Kurzeme copy"]


def test_rename_copy_and_delete_with_confirmation(db, page_test) -> None:
    plan = solved_plan(db, "Kurzeme base")
    at = page_test("scenarios", actor=GROUP)
    at.text_input(key="rename_name").input("Kurzeme renamed")
    at.button(key="FormSubmitter:rename_scenario-" + i18n.t("scenario.rename_button", "lv")
              ).click().run()
    assert not at.exception
    assert names(db) == ["Kurzeme renamed"]
    at.text_input(key="copy_name").input("Kurzeme second")
    at.button(key="FormSubmitter:copy_scenario-" + i18n.t("scenario.copy_button", "lv")
              ).click().run()
    assert sorted(names(db)) == ["Kurzeme renamed", "Kurzeme second"]
    at.selectbox(key="scenario").select(plan.id).run()
    at.button(key="delete_button").click().run()
    assert any("Kurzeme renamed" in w.value for w in at.warning)
    assert names(db) == ["Kurzeme renamed", "Kurzeme second"]  # not yet: confirm first
    at.button(key="delete_no").click().run()
    assert names(db) == ["Kurzeme renamed", "Kurzeme second"]
    at.button(key="delete_button").click().run()
    at.button(key="delete_yes").click().run()
    assert not at.exception
    assert names(db) == ["Kurzeme second"]


def test_history_diff_and_restore(db, page_test) -> None:
    plan = solved_plan(db)
    save_budget_factor(db, plan.id, 0.5)
    at = page_test("scenarios", actor=GROUP)
    history = frame(at, "author")
    assert list(history["version"]) == [2, 1]
    assert list(history["author"]) == [GROUP.username, GROUP.username]
    assert history.loc[0, "message"] == "budget -50 %"
    assert history.loc[1, "result"] == "jā" and history.loc[0, "result"] == "nē"
    diff = frame(at, "section")
    assert set(diff["section"]) == {i18n.t("diff.section.budgets", "lv")}
    assert any("Kurzeme" in k for k in diff["key"])
    at.selectbox(key="restore_version").select(1)
    at.button(key="restore_button").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        versions = scenario.list_versions(session=session, actor=GROUP, scenario_id=plan.id)
        restored = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
    assert [v.number for v in versions] == [3, 2, 1]
    assert versions[0].message == "atjaunota versija 1"
    assert restored.budgets == default_inputs("Kurzeme").budgets


def test_reader_sees_no_edit_controls(db, page_test) -> None:
    solved_plan(db)
    at = page_test("scenarios", actor=MINISTRY)
    assert not at.exception
    keys = {w.key for w in at.button} | {t.key for t in at.text_input}
    assert "restore_button" not in keys and "delete_button" not in keys
    assert "rename_name" not in keys


def test_other_region_group_does_not_see_a_draft(db, page_test) -> None:
    solved_plan(db)
    at = page_test("scenarios", actor=LATGALE)
    assert not at.exception
    assert i18n.t("scenario.none", "lv") in " ".join(i.value for i in at.info)


def test_english(db, page_test) -> None:
    solved_plan(db)
    at = page_test("scenarios", actor=GROUP, lang="en")
    assert not at.exception
    assert at.title[0].value == "Scenarios"
    assert at.tabs[0].label == "Version history"


def test_the_public_sees_the_published_version_not_the_later_draft(db, page_test) -> None:
    from planning.domain.roles import PUBLIC
    from tests.pages.seeding import published_plan

    plan = published_plan(db)
    save_budget_factor(db, plan.id, 0.5)  # version 2, a draft
    with Session(db) as session:
        [seen] = scenario.list_scenarios(session=session, actor=PUBLIC)
        assert (seen.current_version, seen.status) == (1, "published")
        assert scenario.scenario_row(session, plan.id).current_version == 2  # not changed
    at = page_test("scenarios")
    assert not at.exception, at.exception
    table = frame(at, "updated")
    assert list(table["version"]) == [1]
    assert list(table["status"]) == [i18n.t("scenario.status.published", "lv")]
    assert list(frame(at, "based_on")["version"]) == [1]
    text = " ".join(str(v) for d in at.dataframe for c in d.value for v in d.value[c])
    assert i18n.t("scenario.status.draft", "lv") not in text
