"""Services a user adds to a scenario (issue 16): validation, the scenario's catalogue, a
solve that plans them, JSON and the version diff."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.checker import check_solution
from optimizer.formulation import AllocationModel
from planning import i18n
from planning.domain import geo
from planning.domain import user_services as us
from planning.domain.catalogue import SERVICE_NUMBERS, load_catalogue
from planning.domain.errors import InputError
from planning.domain.inputs import ScenarioInputs, default_inputs
from planning.domain.optimizer_input import problem_from_inputs
from planning.store.scenario import diff_inputs

CAT = load_catalogue()
KURZEME = default_inputs("Kurzeme")
NUMBERS = dict(investment_per_place=12000.0, investment_per_facility=30000.0,
               running_cost_per_facility_year=20000.0, running_cost_per_day=20.0,
               days_per_year=365, clients_per_place=1.0, min_places=4, max_places=8,
               staff_per_facility=2.0, staff_per_place=0.1, max_travel_km=0.0, lead_years=1)


def halfway_house(**changes: object) -> dict:
    """A halfway house for youth leaving care, from the existing type, every number
    illustrative."""
    entry = us.from_type("halfway_house", CAT, kind="residential")
    entry.update(groups=["youth_leaving_care"], **NUMBERS,
                 sources={n: "illustrative: test norm" for n in SERVICE_NUMBERS})
    entry.update(changes)
    return entry


def with_service(entry: dict, sid: str = "halfway_house", **more: object) -> ScenarioInputs:
    return replace(KURZEME, user_services={sid: entry}, **more)


def test_a_valid_service_joins_the_scenarios_catalogue_only():
    inputs = with_service(halfway_house())
    assert inputs.problems(CAT) == []
    service = inputs.catalogue(CAT).services["halfway_house"]
    assert (service.name_lv, service.kind, service.groups) == (
        "Pusceļa māja", "residential", ("youth_leaving_care",))
    assert service.user and service.is_illustrative("min_places")
    assert "halfway_house" not in KURZEME.catalogue(CAT).services


def test_the_observed_preset_keeps_the_users_own_costs():
    inputs = with_service(halfway_house(), preset="observed_2019_2022")
    service = inputs.catalogue(CAT).services["halfway_house"]
    assert service.investment_per_place == NUMBERS["investment_per_place"]
    assert service.sources["investment_per_place"] == "illustrative: test norm"
    fitted = inputs.catalogue(CAT).services["group_home"]
    assert fitted.sources["investment_per_place"].startswith("ERDF-PROJ")


def test_norm_overrides_apply_to_a_user_service_too():
    inputs = with_service(halfway_house(), norm_overrides={"halfway_house": {"max_places": 10}})
    assert inputs.problems(CAT) == []
    assert inputs.catalogue(CAT).services["halfway_house"].max_places == 10


BAD = [
    ("unknown kind", dict(kind="castle"), "unknown kind of service"),
    ("unknown group", dict(groups=["pensioners"]), "unknown target group 'pensioners'"),
    ("no group", dict(groups=[]), "choose at least one"),
    ("min above max", dict(min_places=9, max_places=8), "least places 9 is more than most"),
    ("negative", dict(running_cost_per_day=-1.0), "Running, EUR/day: too small"),
    ("nan", dict(investment_per_place=float("nan")), "not a finite number"),
    ("inf", dict(staff_per_place=float("inf")), "not a finite number"),
    ("absurd", dict(investment_per_facility=1e300), "too large"),
    ("text", dict(max_places="many"), "not a number"),
    ("fractional places", dict(min_places=4.5), "whole number"),
    ("no clients", dict(clients_per_place=0.0), "must be more than 0"),
    ("missing source", dict(sources={n: "x" for n in SERVICE_NUMBERS[1:]}),
     "give its source"),
    ("missing name", dict(name_en=" "), "name in English: required"),
    ("name of a catalogue service", dict(name_lv="Grupu māja / dzīvoklis"),
     "is already another service's"),
]


@pytest.mark.parametrize(("case", "changes", "expected"), BAD, ids=[b[0] for b in BAD])
def test_each_bad_entry_is_refused_naming_the_service_and_field(case, changes, expected):
    inputs = with_service(halfway_house(**changes))
    problems = inputs.problems(CAT)
    assert problems, case
    assert all(p.section == "services" and p.row == 1 for p in problems)
    text = " | ".join(p.describe("en") for p in problems)
    assert expected in text
    assert ("Pusceļa māja" if case == "missing name" else "Halfway house") in text
    with pytest.raises(InputError):
        inputs.validate(CAT)
    assert "halfway_house" not in inputs.catalogue(CAT).services


def test_a_message_is_in_the_users_language():
    problems = with_service(halfway_house(min_places=-2)).problems(CAT)
    assert "pakalpojumi, rinda 1: Pusceļa māja: Min. vietas: par mazu" in problems[0].describe(
        "lv")


@pytest.mark.parametrize("sid", ["group_home", "Bad Id", "x", "9lives"])
def test_an_id_of_the_catalogue_or_malformed_is_refused(sid):
    problems = with_service(halfway_house(name_lv="Cits", name_en="Other"), sid=sid).problems(CAT)
    assert [p.section for p in problems] == ["services"]


def test_two_user_services_may_not_share_a_name():
    inputs = replace(KURZEME, user_services={
        "halfway_house": halfway_house(), "halfway_house_2": halfway_house(name_lv="Cita")})
    problems = inputs.problems(CAT)
    assert {p.row for p in problems} == {1, 2}
    assert all("Halfway house" in p.describe("en") for p in problems)


def test_needs_may_name_a_user_service_for_its_groups_only():
    inputs = with_service(halfway_house())
    code = inputs.needs[0][0]
    fine = replace(inputs, needs=(*inputs.needs, (code, "youth_leaving_care", "",
                                                  "halfway_house", 5)))
    assert fine.problems(CAT) == []
    wrong = replace(inputs, needs=(*inputs.needs, (code, "adults_grt", "", "halfway_house", 5)))
    assert [p.column for p in wrong.problems(CAT)] == ["service"]
    gone = replace(fine, user_services={})
    assert [p.column for p in gone.problems(CAT)] == ["service"]


def test_a_user_service_with_need_gets_places_and_none_without():
    """A halfway house for youth leaving care in Kurzeme: with need in two municipalities
    the plan builds its places (at least the need, in facilities of 4-8); without need, none."""
    base = with_service(halfway_house())
    codes = sorted(geo.municipalities().query("planning_region == 'Kurzeme'")["atvk_code"])[:2]
    needs = tuple((c, "youth_leaving_care", "", "halfway_house", 6) for c in codes)
    pi = problem_from_inputs(replace(base, needs=needs), CAT)
    assert "halfway_house" in [s.id for s in pi.services]
    sol = AllocationModel.from_problem_input(pi).solve()
    assert not check_solution(pi, sol)
    built = sol.sites[sol.sites["service"] == "halfway_house"]
    assert built["new_places"].sum() >= 12
    assert built["new_facilities"].sum() >= 2
    other = (base.needs[0][0], base.needs[0][1], "", base.needs[0][3], base.needs[0][4])
    empty = problem_from_inputs(replace(base, needs=(other,)), CAT)
    sol = AllocationModel.from_problem_input(empty).solve()
    assert sol.sites.query("service == 'halfway_house'")["new_places"].sum() == 0


def test_user_services_survive_json_and_show_in_the_version_diff():
    inputs = with_service(halfway_house())
    assert ScenarioInputs.from_json(inputs.to_json()) == inputs
    added = diff_inputs(KURZEME, inputs)
    assert {c.section for c in added} == {"services"}
    keys = {c.key: c.after for c in added}
    assert keys[("halfway_house", "name_lv")] == "Pusceļa māja"
    assert keys[("halfway_house", "groups")] == "youth_leaving_care"
    assert keys[("halfway_house", "source", "min_places")] == "illustrative: test norm"
    bigger = with_service(halfway_house(max_places=10))
    assert [(c.key, c.before, c.after) for c in diff_inputs(inputs, bigger)] == [
        (("halfway_house", "max_places"), 8, 10)]


def test_a_new_id_comes_from_the_type_or_the_name():
    assert us.new_id("Halfway house", set(), "halfway_house") == "halfway_house"
    assert us.new_id("Halfway house", {"halfway_house"}, "halfway_house") == "halfway_house_2"
    assert us.new_id("Jauniešu māja – Liepāja", set()) == "jauniesu_maja_liepaja"


def test_the_version_diff_names_an_added_service():
    from planning.store.scenario import VersionDiff
    from planning.views.plan_tables import diff_frame

    changes = diff_inputs(KURZEME, with_service(halfway_house()))
    frame = diff_frame(VersionDiff(0, 1, 2, inputs=changes), "lv", CAT)
    assert set(frame["section"]) == {"pievienotie pakalpojumi"}
    assert "Pusceļa māja / nosaukums latviski" in set(frame["key"])
    assert "Pusceļa māja / Min. vietas" in set(frame["key"])


LIEPAJA = "0005000"


def social_mentor(**changes: object) -> dict:
    """A social mentor for adults living at home: a home-based service by caseload (at most
    5 clients per mentor, DOMAIN.md), every number illustrative."""
    entry = us.from_type("assistant", CAT, kind=us.HOME)
    entry.update(name_lv="Sociālais mentors", name_en="Social mentor", groups=["adults_grt"],
                 hours_per_client_month=20.0, hourly_rate=0.0, dwellings_per_client=0.0,
                 profession="sociālais mentors", clients_per_staff=5,
                 hours_per_staff_month=0.0, cost_per_staff_year=12360.0,
                 sources={n: "illustrative: test norm" for n in us.HOME_FIELDS})
    entry.update(changes)
    return entry


def test_a_home_based_service_joins_the_home_services_and_is_planned_by_caseload():
    persons = ((LIEPAJA, "adults_grt", "I", "social_mentor", "waiting_list", 12),)
    inputs = replace(KURZEME, user_services={"social_mentor": social_mentor()}, persons=persons)
    assert inputs.problems(CAT) == []
    cat = inputs.catalogue(CAT)
    home = cat.home_services["social_mentor"]
    assert "social_mentor" not in cat.services and home.user
    assert [(s.profession, s.clients_per_staff) for s in home.staff] == [
        ("sociālais mentors", 5.0)]
    assert "social_mentor" not in cat.without_user_services().home_services
    pi = problem_from_inputs(inputs)
    sol = AllocationModel.from_problem_input(pi).solve()
    assert check_solution(pi, sol) == []
    staff = sol.home_staff.set_index("service").loc["social_mentor"]
    assert (staff["clients"], staff["staff"]) == (12, 3)  # 12 clients at 5 per mentor


def test_a_home_service_may_name_a_profession_of_the_catalogue_in_either_language():
    for typed in ("mentors", "Mentor", "mentor"):
        inputs = with_service(social_mentor(profession=typed), sid="social_mentor",
                              staff_available=(("Kurzeme", "mentor", 2.0),))
        assert inputs.problems(CAT) == []
        assert inputs.catalogue(CAT).home_services["social_mentor"].staff[0].profession == (
            "mentor")


@pytest.mark.parametrize(("changes", "field", "text"), [
    ({"profession": " "}, "profession", "profession: required"),
    ({"clients_per_staff": 0}, "clients_per_staff", "one of them, above 0"),
    ({"hours_per_staff_month": 160.0}, "clients_per_staff", "one of them, above 0"),
    ({"clients_per_staff": 0, "hours_per_staff_month": 160.0, "hours_per_client_month": 0},
     "hours_per_client_month", "must be more than 0"),
    ({"hours_per_client_month": 800.0}, "hours_per_client_month", ""),
    ({"cost_per_staff_year": float("nan")}, "cost_per_staff_year", ""),
    ({"sources": {}}, "sources.hourly_rate", "source"),
])
def test_a_wrong_home_service_is_refused_naming_the_field(changes, field, text):
    found = us.problems("social_mentor", social_mentor(**changes), CAT)
    assert field in [f for f, _, _ in found]
    assert any(text in i18n.render(t, "en") for _, _, t in found)
    inputs = with_service(social_mentor(**changes), sid="social_mentor")
    assert inputs.problems(CAT) and "social_mentor" not in inputs.catalogue(CAT).home_services


def test_a_home_service_may_not_take_the_id_or_name_of_one_in_the_file():
    found = us.problems("home_care", social_mentor(), CAT)
    assert [f for f, _, _ in found] == ["id"]
    found = us.problems("x_care", social_mentor(name_en="Home care"), CAT)
    assert [f for f, _, _ in found] == ["name_en"]


def community_centre(**changes: object) -> dict:
    """A community centre hosting two day services the scenario adds, under one roof, its
    shared costs illustrative and low (a room in the municipality's own building)."""
    entry = us.from_type("community_centre", CAT, kind=us.CENTRE)
    entry.update(services=["day_club", "support_group"], investment_per_centre=5000.0,
                 running_cost_per_centre_year=1000.0, staff_per_centre=0.5,
                 min_clients_per_centre=6, max_population_density=0.0,
                 sources={n: "illustrative: test norm" for n in us.numbers_of(us.CENTRE)})
    entry.update(changes)
    return entry


def day_service(name_lv: str, name_en: str) -> dict:
    return halfway_house(kind="day", name_lv=name_lv, name_en=name_en, groups=["adults_grt"],
                         min_places=2, max_places=12, investment_per_facility=60000.0)


def with_centre(**changes: object) -> ScenarioInputs:
    """Kurzeme with a day club and a support group and the centre that may host both; the
    needs of Liepāja's adults for them."""
    entries = {"day_club": day_service("Dienas klubs", "Day club"),
               "support_group": day_service("Atbalsta grupa", "Support group"),
               "community_centre": community_centre(**changes)}
    needs = (*KURZEME.needs, (LIEPAJA, "adults_grt", "II", "day_club", 5),
             (LIEPAJA, "adults_grt", "II", "support_group", 4))
    return replace(KURZEME, user_services=entries, needs=needs)


def test_a_centre_joins_the_scenarios_centres_with_the_files_room_rule():
    inputs = with_centre()
    assert inputs.problems(CAT) == []
    cat = inputs.catalogue(CAT)
    centre = cat.centres["community_centre"]
    assert centre.user and centre.services == ("day_club", "support_group")
    assert centre.incompatible_ages == CAT.centres["multifunctional_centre"].incompatible_ages
    assert "community_centre" not in cat.services and "community_centre" not in (
        cat.without_user_services().centres)


def test_the_model_builds_the_users_centre_where_it_pays():
    pi = problem_from_inputs(with_centre())
    assert "community_centre" in {c.id for c in pi.centres}
    sol = AllocationModel.from_problem_input(pi).solve()
    assert check_solution(pi, sol) == []
    used = sol.centres[sol.centres["centre"] == "community_centre"]
    assert set(used["service"]) == {"day_club", "support_group"}
    assert set(used["municipality"]) == {LIEPAJA}


@pytest.mark.parametrize(("changes", "field", "text"), [
    ({"services": []}, "services", "at least one day or support service"),
    ({"services": ["group_home"]}, "services", "is a residential service"),
    ({"services": ["sauna"]}, "services", "unknown service “sauna”"),
    ({"services": ["workshop"]}, "services", "hosted by the centre “Daudzfunkcionālais"),
    ({"investment_per_centre": -1.0}, "investment_per_centre", ""),
    ({"max_population_density": 1e9}, "max_population_density", ""),
    ({"sources": {}}, "sources.staff_per_centre", "source"),
])
def test_a_wrong_centre_is_refused_naming_the_field(changes, field, text):
    inputs = with_centre(**changes)
    found = us.problems("community_centre", inputs.user_services["community_centre"], CAT,
                        inputs.user_services)
    assert field in [f for f, _, _ in found]
    assert any(text in i18n.render(t, "en") for _, _, t in found)
    assert inputs.problems(CAT) and "community_centre" not in inputs.catalogue(CAT).centres


def test_a_centre_may_not_take_the_id_of_the_files_centre():
    days = {k: e for k, e in with_centre().user_services.items() if k != "community_centre"}
    found = us.problems("multifunctional_centre", community_centre(), CAT, days)
    assert [f for f, _, _ in found] == ["id"]
