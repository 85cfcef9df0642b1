"""pages/inputs.py: editable tables, validation on the spot naming row and column, save as a
new version, version conflict with reload, read-only for readers, file upload."""

from __future__ import annotations

import json
import re

from sqlmodel import Session

from planning import i18n
from planning.domain.inputs import PRIORITY_MODES
from planning.domain.optimizer_input import problem_from_inputs
from planning.io import imports, templates
from planning.store import scenario
from tests.pages.planning_helpers import frame, save_budget_factor
from tests.pages.seeding import GROUP, MINISTRY, solved_plan


def editor_key(at, suffix: str) -> str:
    return next(e.key for e in at.data_editor if e.key.endswith(suffix))


def edit(at, suffix: str, edited_rows: dict) -> None:
    at.session_state[editor_key(at, suffix)] = {"edited_rows": edited_rows, "added_rows": [],
                                                "deleted_rows": []}


def errors(at) -> str:
    """The error texts as a reader sees them (user text in them is escaped Markdown)."""
    return re.sub(r"\\(.)", r"\1", "\n".join(e.value for e in at.error))


def versions(engine, scenario_id: int) -> list[int]:
    with Session(engine) as session:
        return [v.number for v in scenario.list_versions(session=session, actor=GROUP,
                                                         scenario_id=scenario_id)]


def test_opens_with_every_table_and_nothing_to_save(db, page_test) -> None:
    solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    assert not at.exception
    assert [t.label for t in at.tabs] == [i18n.t(f"inputs.tab.{t}", "lv") for t in
                                          ("needs", "services", "norms", "budgets", "limits",
                                           "sites", "rules", "settings")]
    # needs, a new service's numbers, norms, budgets, limits, excluded sites, home staff,
    # dwellings, reach in minutes; priority classes, goals, groups, caps
    assert len(at.data_editor) == 13
    assert at.button(key="save_button").disabled
    assert not at.error


def test_negative_home_staff_is_refused_and_named(db, page_test) -> None:
    solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    edit(at, "_staff", {0: {"fte": -2.0}})
    at.run()
    assert not at.exception
    assert "rinda 1, kolonna „Darbinieki (slodzes)”: par mazu" in errors(at)
    assert at.button(key="save_button").disabled


def test_negative_count_is_refused_next_to_the_needs_table(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    edit(at, "_needs", {2: {"count": -4}})
    at.run()
    assert not at.exception
    assert "rinda 3" in errors(at) and "„Klienti”" in errors(at)
    assert "jābūt veselam skaitlim ≥ 0" in errors(at)
    assert at.button(key="save_button").disabled
    assert versions(db, plan.id) == [1]


def test_unknown_code_and_min_above_max_are_named(db, page_test) -> None:
    solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    edit(at, "_needs", {0: {"atvk_code": "9999999"}})
    edit(at, "_norms", {0: {"min_places": 30}})
    at.run()
    assert not at.exception
    assert "9999999" in errors(at) and "rinda 1" in errors(at)
    assert "mazākais vietu skaits 30 ir lielāks par lielāko" in errors(at)


def saved_inputs(engine, scenario_id: int):
    with Session(engine, expire_on_commit=False) as session:
        return scenario.load_inputs(session=session, actor=GROUP, scenario_id=scenario_id)


def quota(engine, scenario_id: int) -> float:
    return saved_inputs(engine, scenario_id).budgets["Kurzeme"].erdf_quota_eur


def test_budget_change_saves_a_new_version_and_clears_the_message(db, page_test) -> None:
    plan = solved_plan(db)
    mild = round(quota(db, plan.id) * 0.9)
    at = page_test("inputs", actor=GROUP)
    edit(at, "_budgets", {0: {"erdf_quota_eur": f"{mild:,}".replace(",", " ")}})
    at.run()
    assert not at.warning  # 10 % less asks nothing
    assert not at.button(key="save_button").disabled
    at.text_input(key="save_message").input("budget -10 %")
    at.button(key="save_button").click().run()
    assert not at.exception, at.exception
    assert versions(db, plan.id) == [2, 1]
    with Session(db, expire_on_commit=False) as session:
        version = scenario.get_version(session=session, actor=GROUP, scenario_id=plan.id)
    assert quota(db, plan.id) == mild
    assert version.message == "budget -10 %"
    assert at.text_input(key="save_message").value == ""
    assert i18n.t("inputs.based_on", "lv", number=2, current=2, area="Kurzeme",
                  division="2025") in [c.value for c in at.caption]


def test_typed_minus_five_and_letters_are_refused_at_their_cells(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    edit(at, "_needs", {0: {"count": "-5"}, 3: {"count": "abc"}})
    at.run()
    assert not at.exception
    shown = errors(at)
    assert "rinda 1, kolonna „Klienti”" in shown and "(-5)" in shown
    assert "rinda 4, kolonna „Klienti”" in shown and "(abc)" in shown
    assert at.button(key="save_button").disabled
    assert at.tabs[0].label.endswith(":red[:material/error: 2]")
    assert versions(db, plan.id) == [1]
    needs = saved_inputs(db, plan.id).needs
    assert needs[0][4] > 0  # nothing stored, nothing changed


def test_latvian_amounts_are_read_as_written_and_a_halved_budget_asks_first(
        db, page_test) -> None:
    plan = solved_plan(db)
    before = quota(db, plan.id)
    at = page_test("inputs", actor=GROUP)
    edit(at, "_budgets", {0: {"erdf_quota_eur": "1\u00a0500\u00a0000,50",
                              "running_budget_eur_per_year": "2 000 000"}})
    at.run()
    assert not at.exception and not at.error, errors(at)
    totals = frame(at, "cofinancing_eur")  # recalculated before saving: 1 500 000,50 / 0,85
    assert totals["total_investment_eur"].tolist() == [i18n.fmt_eur(1_500_000.5 / 0.85, "lv")]
    assert i18n.fmt_eur(before, "lv").replace("\u00a0", " ") in at.warning[0].value
    assert at.button(key="save_button").disabled
    confirm = next(c for c in at.checkbox if c.key.startswith("confirm_"))
    confirm.check().run()
    at.button(key="save_button").click().run()
    assert not at.exception
    budget = saved_inputs(db, plan.id).budgets["Kurzeme"]
    assert (budget.erdf_quota_eur, budget.running_budget_eur_per_year) == (1_500_000.5,
                                                                           2_000_000.0)


def test_a_zero_budget_asks_for_confirmation(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    edit(at, "_budgets", {0: {"erdf_quota_eur": "0"}})
    at.run()
    assert "Kurzeme\\: ERAF kvota — 0 €" in at.warning[0].value
    assert at.button(key="save_button").disabled
    assert versions(db, plan.id) == [1]


def test_a_need_ten_times_the_saved_one_asks_for_confirmation(db, page_test) -> None:
    plan = solved_plan(db)
    first = saved_inputs(db, plan.id).needs[0][4]
    at = page_test("inputs", actor=GROUP)
    edit(at, "_needs", {0: {"count": str(first * 10)}})
    at.run()
    assert not at.error
    assert "Liepāja" in at.warning[0].value and "desmitkārt" in at.warning[0].value
    total = sum(r[4] for r in saved_inputs(db, plan.id).needs) + first * 9
    assert i18n.t("inputs.needs_total", "lv", count=i18n.fmt_int(total, "lv")) in [
        c.value for c in at.caption]
    next(c for c in at.checkbox if c.key.startswith("confirm_")).check().run()
    at.button(key="save_button").click().run()
    assert versions(db, plan.id) == [2, 1]


def test_conflict_says_who_saved_and_offers_reload(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    save_budget_factor(db, plan.id, 0.8, message="someone else")  # version 2, behind our back
    edit(at, "_budgets", {0: {"erdf_quota_eur": 5_000_000.0}})
    at.run()
    at.button(key="save_button").click().run()
    assert not at.exception
    # the same account saved it (another tab): the page says so, not that someone else did
    assert "jūs citā lapā vai cilnē saglabājāt versiju 2" in errors(at)
    assert versions(db, plan.id) == [2, 1]  # ours was not written
    at.button(key="reload_button").click().run()
    assert not at.error
    assert any(c.value.startswith("Labojat versiju 2") for c in at.caption)


def test_ones_own_save_on_another_page_is_no_conflict(db, page_test) -> None:
    """Ievade opened at version 1, then the group saved version 2 elsewhere (a restore, an
    evaluation): back on Ievade no edits are left (Streamlit drops an editor's state when
    another page runs), so it opens version 2 and saves without a conflict."""
    plan = solved_plan(db)
    save_budget_factor(db, plan.id, 0.8, message="saved on another page")
    at = page_test("inputs", actor=GROUP, **{f"inputs_base_{plan.id}": 1})
    assert not at.exception
    assert any(c.value.startswith("Labojat versiju 2") for c in at.caption)
    assert i18n.t("inputs.newer", "lv", current=2) not in [w.value for w in at.warning]
    edit(at, "_budgets", {0: {"erdf_quota_eur": 5_000_000.0}})
    at.run()
    for box in at.checkbox:
        if box.key.startswith("confirm_"):
            box.check().run()
    at.button(key="save_button").click().run()
    assert not at.exception and not at.error
    assert versions(db, plan.id) == [3, 2, 1]


def test_non_participating_municipality_is_saved(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    edit(at, "_limits", {0: {"participating": False, "max_new_places": 10}})
    at.run()
    at.button(key="save_button").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        saved = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
    assert len(saved.non_participating) == 1
    assert next(iter(saved.municipal_limits.values())).max_new_places == 10


def test_ministry_reads_but_cannot_edit(db, page_test) -> None:
    solved_plan(db)
    at = page_test("inputs", actor=MINISTRY)
    assert not at.exception
    assert i18n.t("inputs.read_only", "lv") in [i.value for i in at.info]
    assert "save_button" not in {b.key for b in at.button}


def test_bad_upload_is_refused_with_row_and_column(db, page_test) -> None:
    solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    header = templates.template_csv("needs", "lv").decode("utf-8-sig").strip()
    bad = f"{header}\n0005000,Liepāja,adults_grt,II,group_home,-2\n".encode()
    at.file_uploader(key="upload_file").set_value(("needs.csv", bad, "text/csv")).run()
    assert not at.exception
    assert "needs.csv" in errors(at)
    problems = frame(at, "Kļūda un labojums")  # the problem table in Latvian, as the page is
    assert problems[["Rinda", "Kolonna"]].values.tolist() == [[2, "Skaits"]]
    assert problems["Kļūda un labojums"].tolist() == ["negatīvs; gaidīts vesels skaitlis ≥ 0"]
    assert "upload_apply" not in {b.key for b in at.button}


def test_good_upload_previews_then_saves(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    header = templates.template_csv("needs", "lv").decode("utf-8-sig").strip()
    good = f"{header}\n0005000,Liepāja,adults_grt,II,group_home,5\n".encode()
    at.file_uploader(key="upload_file").set_value(("needs.csv", good, "text/csv")).run()
    assert not at.exception
    assert versions(db, plan.id) == [1]  # preview only
    at.button(key="upload_apply").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        saved = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
    assert saved.needs == (("0005000", "adults_grt", "II", "group_home", 5),)
    assert versions(db, plan.id) == [2, 1]


def test_a_persons_file_with_packages_is_saved_and_said_to_replace_the_needs(db, page_test):
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    at.radio(key="upload_kind").set_value("persons").run()
    header = templates.template_csv("persons", "lv").decode("utf-8-sig").strip()
    good = (f"{header}\n0005000,Liepāja,adults_grt,II,group_home+day_care_adults,leavers,5\n"
            ).encode()
    at.file_uploader(key="upload_file").set_value(("persons.csv", good, "text/csv")).run()
    at.button(key="upload_apply").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        saved = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
    assert saved.persons == (
        ("0005000", "adults_grt", "II", "day_care_adults+group_home", "leavers", 5),)
    assert versions(db, plan.id) == [2, 1]
    assert i18n.tn("inputs.persons_replace_needs", 5, "lv", records=1) in [
        i.value for i in at.info]


def test_rules_leavers_last_goal_order_occupancy_groups_and_caps_are_saved(db, page_test):
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    edit(at, "_classes", {0: {"rank": 3}, 2: {"rank": 1}})  # at risk first, leavers last
    edit(at, "_goals", {0: {"rank": 2}, 1: {"rank": 1}})  # closer to family first
    edit(at, "_groups", {2: {"weight": 3.0}})
    edit(at, "_caps", {0: {"max_new_facilities": 4}})
    at.number_input(key=next(n.key for n in at.number_input
                             if n.key.endswith("_occupancy"))).set_value(0.8)
    at.run()
    assert not at.exception and not at.error, errors(at)
    at.button(key="save_button").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        saved = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
    assert saved.priority_order == ("at_risk", "waiting_list", "leavers")
    assert saved.goal_order == ("distance", "unmet", "cost")
    assert saved.group_priorities == {"adults_grt": 3.0}
    assert saved.facility_caps == {"group_home": 4}
    assert saved.min_occupancy == 0.8


def mode_radio(at):
    return at.radio(key=next(r.key for r in at.radio if r.key.endswith("_rules_mode")))


def editable_class_columns(at) -> set[str]:
    editor = at.data_editor(key=editor_key(at, "_classes"))
    columns = json.loads(editor.proto.columns)
    return {"rank", "weight"} - {c for c, config in columns.items() if config.get("disabled")}


def test_every_priority_mode_is_offered_with_what_it_does(db, page_test):
    solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    radio = mode_radio(at)
    assert radio.options == [i18n.t(f"rules.mode.{m}", "lv") for m in PRIORITY_MODES]
    assert list(radio.proto.captions) == [i18n.t(f"rules.mode_help.{m}", "lv")
                                          for m in PRIORITY_MODES]
    assert radio.value == "strict"
    assert editable_class_columns(at) == {"rank"}  # the strict order reads no weight
    radio.set_value("weighted").run()
    assert editable_class_columns(at) == {"weight"}


def test_everyone_alike_disables_the_classes_and_is_saved_reloaded_and_solved(db, page_test):
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    mode_radio(at).set_value("none").run()
    assert not at.exception and not at.error, errors(at)
    assert i18n.t("rules.classes_unused", "lv") in [c.value for c in at.caption]
    assert at.data_editor(key=editor_key(at, "_classes")).proto.disabled is True
    at.button(key="save_button").click().run()
    assert not at.exception
    saved = saved_inputs(db, plan.id)
    assert saved.priority_mode == "none"
    again = page_test("inputs", actor=GROUP)
    assert mode_radio(again).value == "none"
    problem = problem_from_inputs(saved)
    assert problem.priority.order == [] and problem.unmet_goals() == ["unmet"]


def test_bad_rules_are_named_on_the_rules_tab(db, page_test):
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    at.number_input(key=next(n.key for n in at.number_input
                             if n.key.endswith("_occupancy"))).set_value(1.5)
    edit(at, "_groups", {0: {"weight": -1.0}})
    at.run()
    assert not at.exception
    assert "min_occupancy" in errors(at) or "noslodze" in errors(at)
    assert "zināma mērķa grupa un svars ≥ 0" in errors(at)
    assert at.button(key="save_button").disabled
    assert versions(db, plan.id) == [1]


def test_a_header_only_needs_file_asks_before_removing_every_need(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    header = templates.template_csv("needs", "lv").decode("utf-8-sig").strip()
    at.file_uploader(key="upload_file").set_value(
        ("needs.csv", f"{header}\n".encode(), "text/csv")).run()
    assert not at.exception
    assert i18n.t("inputs.upload_empties", "lv") in [w.value for w in at.warning]
    assert "upload_apply" not in {b.key for b in at.button}
    at.checkbox(key="upload_empties_confirm").check().run()
    assert "upload_apply" in {b.key for b in at.button}
    assert versions(db, plan.id) == [1]


def test_an_upload_is_parsed_once_not_on_every_rerun(db, page_test, monkeypatch) -> None:
    solved_plan(db)
    calls = []
    real = imports.import_table
    monkeypatch.setattr(imports, "import_table",
                        lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    at = page_test("inputs", actor=GROUP)
    header = templates.template_csv("needs", "lv").decode("utf-8-sig").strip()
    bad = f"{header}\n0005000,Liepāja,adults_grt,II,group_home,-2\n".encode()
    at.file_uploader(key="upload_file").set_value(("needs.csv", bad, "text/csv")).run()
    at.run()
    at.run()
    assert calls == ["needs.csv"]
    assert frame(at, "Kļūda un labojums")[["Rinda", "Kolonna"]].values.tolist() == [[2, "Skaits"]]


def test_the_plans_years_are_saved_and_bad_ones_named(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    first = next(n for n in at.number_input if n.key.endswith("_first_year")).value
    last = next(n for n in at.number_input if n.key.endswith("_last_year"))
    last.set_value(first - 1).run()
    assert i18n.t("phasing.ends_before_start", "lv") in errors(at)
    assert at.button(key="save_button").disabled
    last = next(n for n in at.number_input if n.key.endswith("_last_year"))
    last.set_value(first + 6).run()
    at.button(key="save_button").click().run()
    assert not at.exception
    with Session(db, expire_on_commit=False) as session:
        saved = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
    assert saved.plan_years == (first, first + 6)


def number(at, suffix: str):
    return at.number_input(key=next(n.key for n in at.number_input if n.key.endswith(suffix)))


def test_project_funding_of_running_cost_is_saved_beside_the_years(db, page_test):
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    assert number(at, "_funded_share").value is None  # none: the municipalities pay all
    number(at, "_funded_share").set_value(0.6)
    number(at, "_funded_until").set_value(2028)
    at.run()
    assert not at.exception and not at.error, errors(at)
    assert not at.button(key="save_button").disabled  # the funding alone is a change
    at.button(key="save_button").click().run()
    assert not at.exception
    saved = saved_inputs(db, plan.id)
    assert (saved.running_funded_share, saved.running_funded_until) == (0.6, 2028)
    again = page_test("inputs", actor=GROUP)
    assert number(again, "_funded_share").value == 0.6
    assert number(again, "_funded_until").value == 2028


def test_a_funding_year_before_the_plan_and_a_bad_share_are_refused_by_name(db, page_test):
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    number(at, "_funded_share").set_value(1.5)
    number(at, "_funded_until").set_value(number(at, "_first_year").value - 1)
    at.run()
    assert not at.exception
    text = errors(at)
    assert "„Projekta finansējuma daļa uzturēšanas izmaksās”: par lielu; ne vairāk kā 1" in text
    assert "„Projekta finansējums līdz gadam”: projekta finansējuma pēdējais gads ir pirms " \
        "plāna pirmā gada" in text
    assert i18n.t("inputs.tab.settings", "lv") + " :red[:material/error: 2]" in [
        t.label for t in at.tabs]
    assert at.button(key="save_button").disabled
    assert versions(db, plan.id) == [1]
