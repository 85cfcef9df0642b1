"""pages/inputs.py, the services tab: a user adds a halfway house from the existing types
with its norms and sources, enters a need for it and saves a new version; a service
without sources is refused with the field named and nothing is added."""

from __future__ import annotations

from sqlmodel import Session

from planning.domain.catalogue import SERVICE_NUMBERS
from planning.store import scenario
from tests.pages.seeding import GROUP, solved_plan
from tests.pages.test_inputs_page import edit, editor_key, errors, versions

VALUES = {"investment_per_place": "12 000", "investment_per_facility": "30 000",
          "running_cost_per_facility_year": "20 000", "running_cost_per_day": "20,5",
          "days_per_year": "365", "clients_per_place": "1", "min_places": "4",
          "max_places": "8", "staff_per_facility": "2", "staff_per_place": "0,1",
          "max_travel_km": "0", "lead_years": "1"}


def choose_halfway_house(at, sourced: bool = True) -> None:
    at.selectbox(key=next(s.key for s in at.selectbox if s.key.endswith("_services_type"))
                 ).set_value("halfway_house").run()
    tag = next(s.key for s in at.selectbox if s.key.endswith("_halfway_house__kind"))
    at.selectbox(key=tag).set_value("residential")
    at.multiselect(key=tag.replace("_kind", "_groups")).set_value(["youth_leaving_care"])
    rows = {i: {"value": VALUES[n], **({"source": "illustrative: a planner's estimate"}
                                       if sourced else {})}
            for i, n in enumerate(SERVICE_NUMBERS)}
    edit(at, "_halfway_house__place_numbers", rows)
    at.run()
    at.button(key=next(b.key for b in at.button if b.key.endswith("_services_add_button"))
              ).click().run()


def need_and_save(at, db, scenario_id: int, group: str, service: str, count: int):
    """Enter Liepāja's need of ``group`` for the added ``service``, save the new version and
    return the inputs stored."""
    at.session_state[editor_key(at, "_needs")] = {
        "edited_rows": {}, "deleted_rows": [], "added_rows": [
            {"atvk_code": "0005000", "group": group, "care_level": "", "service": service,
             "count": str(count)}]}
    at.run()
    assert not at.error, errors(at)
    at.button(key="save_button").click().run()
    assert not at.exception
    assert versions(db, scenario_id) == [2, 1]
    with Session(db, expire_on_commit=False) as session:
        return scenario.load_inputs(session=session, actor=GROUP, scenario_id=scenario_id)


def test_a_service_is_added_needed_and_saved_as_a_new_version(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    choose_halfway_house(at)
    assert not at.exception
    assert not at.error, errors(at)
    assert "Pusceļa māja" in at.selectbox(key=next(
        s.key for s in at.selectbox if s.key.endswith("_services_remove"))).format_func(
        "halfway_house")
    saved = need_and_save(at, db, plan.id, "youth_leaving_care", "halfway_house", 6)
    entry = saved.user_services["halfway_house"]
    assert (entry["name_lv"], entry["kind"], entry["groups"]) == (
        "Pusceļa māja", "residential", ["youth_leaving_care"])
    assert (entry["running_cost_per_day"], entry["staff_per_place"]) == (20.5, 0.1)
    assert ("0005000", "youth_leaving_care", "", "halfway_house", 6) in saved.needs


def test_a_service_without_sources_is_refused_naming_the_field(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    choose_halfway_house(at, sourced=False)
    assert not at.exception
    assert "Pakalpojums nav pievienots" in errors(at)
    assert "Investīcijas uz vietu, EUR: norādiet avotu" in errors(at)
    assert not any(s.key.endswith("_services_remove") for s in at.selectbox)
    assert at.button(key="save_button").disabled
    assert versions(db, plan.id) == [1]


HOME_VALUES = {"hours_per_client_month": "20", "hourly_rate": "0", "dwellings_per_client": "0",
               "clients_per_staff": "5", "hours_per_staff_month": "0",
               "cost_per_staff_year": "12 360"}


def test_a_home_based_service_is_added_with_its_profession_and_caseload(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    at.selectbox(key=next(s.key for s in at.selectbox if s.key.endswith("_services_type"))
                 ).set_value("assistant").run()
    tag = next(s.key for s in at.selectbox if s.key.endswith("_assistant__kind"))
    at.selectbox(key=tag).set_value("home").run()
    assert [n.label for n in at.text_input if n.key.endswith("_profession")] == ["Profesija"]
    at.multiselect(key=tag.replace("_kind", "_groups")).set_value(["adults_grt"])
    at.text_input(key=tag.replace("_kind", "_profession")).input("sociālais mentors")
    edit(at, "_assistant__home_numbers", {
        i: {"value": HOME_VALUES[n], "source": "illustrative: at most 5 clients per mentor"}
        for i, n in enumerate(HOME_VALUES)})
    at.run()
    at.button(key=next(b.key for b in at.button if b.key.endswith("_services_add_button"))
              ).click().run()
    assert not at.exception
    assert not at.error, errors(at)
    saved = need_and_save(at, db, plan.id, "adults_grt", "assistant", 12)
    entry = saved.user_services["assistant"]
    assert (entry["kind"], entry["profession"], entry["clients_per_staff"]) == (
        "home", "sociālais mentors", 5)
    assert "running_cost_per_day" not in entry
    home = saved.catalogue().home_services["assistant"]
    assert (home.name_lv, home.staff[0].profession) == ("Pavadonis / asistents",
                                                        "sociālais mentors")


def test_a_home_service_needs_one_staff_rule(db, page_test) -> None:
    solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    at.selectbox(key=next(s.key for s in at.selectbox if s.key.endswith("_services_like"))
                 ).set_value("home_care").run()
    tag = next(s.key for s in at.selectbox if s.key.endswith("__home_care_kind"))
    assert at.selectbox(key=tag).value == "home"
    assert at.text_input(key=tag.replace("_kind", "_profession")).value == "aprūpētājs"
    at.text_input(key=tag.replace("_kind", "_lv")).input("Aprūpe mājās naktī")
    at.text_input(key=tag.replace("_kind", "_en")).input("Night home care")
    edit(at, "__home_care_home_numbers", {3: {"value": "8"}})  # a caseload beside the hours
    at.run()
    at.button(key=next(b.key for b in at.button if b.key.endswith("_services_add_button"))
              ).click().run()
    assert not at.exception
    assert "vai nu „Klienti uz darbinieku (slodze)”, vai „Darbinieka stundas mēnesī”" in (
        errors(at))
    assert not any(s.key.endswith("_services_remove") for s in at.selectbox)


def add_button(at):
    return at.button(key=next(b.key for b in at.button if b.key.endswith("_services_add_button")))


def test_a_centre_is_added_hosting_a_day_service_the_scenario_adds(db, page_test) -> None:
    plan = solved_plan(db)
    at = page_test("inputs", actor=GROUP)
    at.selectbox(key=next(s.key for s in at.selectbox if s.key.endswith("_services_type"))
                 ).set_value("support_groups").run()
    tag = next(s.key for s in at.selectbox if s.key.endswith("_support_groups__kind"))
    at.selectbox(key=tag).set_value("day")
    at.multiselect(key=tag.replace("_kind", "_groups")).set_value(["adults_grt"])
    edit(at, "_support_groups__place_numbers", {
        i: {"value": VALUES[n], "source": "illustrative: a planner's estimate"}
        for i, n in enumerate(SERVICE_NUMBERS)})
    at.run()
    add_button(at).click().run()
    assert not at.error, errors(at)
    at.selectbox(key=next(s.key for s in at.selectbox if s.key.endswith("_services_type"))
                 ).set_value("community_centre")
    at.selectbox(key=next(s.key for s in at.selectbox if s.key.endswith("_services_like"))
                 ).set_value("multifunctional_centre").run()
    tag = next(s.key for s in at.selectbox if s.key.endswith(
        "_community_centre_multifunctional_centre_kind"))
    assert at.selectbox(key=tag).value == "centre"
    hosted = at.multiselect(key=tag.replace("_kind", "_hosted"))
    assert hosted.options == ["Atbalsta un pašpalīdzības grupas"]  # the file's are all hosted
    hosted.set_value(["support_groups"]).run()
    add_button(at).click().run()
    assert not at.exception
    assert not at.error, errors(at)
    at.button(key="save_button").click().run()
    assert not at.exception
    assert versions(db, plan.id) == [2, 1]
    with Session(db, expire_on_commit=False) as session:
        saved = scenario.load_inputs(session=session, actor=GROUP, scenario_id=plan.id)
    centre = saved.catalogue().centres["community_centre"]
    assert (centre.name_lv, centre.services, centre.investment_per_centre) == (
        "Kopienas centrs", ("support_groups",), 78500.0)
    assert centre.sources["investment_per_centre"].startswith("kā „Daudzfunkcionālais")
