"""planning.views.plan_tables: editor frames round-trip, problems name row and column, formats,
result tables, explanation sentences, comparisons."""

from __future__ import annotations

import json
from dataclasses import replace

import pandas as pd
import pytest

from optimizer.explain import (
    Binding,
    Explanation,
    FamilyCost,
    MoneyEffect,
    PlaceValue,
    StaffValue,
)
from optimizer.formulation import AllocationModel
from optimizer.solution import Solution
from planning import i18n
from planning.domain import results
from planning.domain.catalogue import load_catalogue
from planning.domain.inputs import default_inputs
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.roles import PUBLIC, Actor, Role
from planning.store.tables import Scenario
from planning.views import plan_tables as pv
from tests.budgets import with_total_budgets
from tests.optimizer.instances import instance

CAT = load_catalogue()


@pytest.fixture(scope="module")
def kurzeme() -> results.ScenarioResult:
    inputs = default_inputs("Kurzeme")
    sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve("highs")
    return results.ScenarioResult("K", inputs, sol)


@pytest.fixture(scope="module")
def kurzeme_poor() -> results.ScenarioResult:
    inputs = with_total_budgets(default_inputs("Kurzeme"), 0.3)
    sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve("highs")
    return results.ScenarioResult("K -70 %", inputs, sol)


def test_unchanged_editor_frames_give_the_same_inputs() -> None:
    inputs = default_inputs("Kurzeme")
    same = pv.needs_from_frame(inputs, pv.needs_frame(inputs, "lv"))
    shown = pv.norms_frame(same, CAT, "lv")
    same = pv.norms_from_frame(same, shown, shown.copy(), CAT)
    same = pv.budgets_from_frame(same, pv.budgets_frame(same, "lv"))
    same = pv.limits_from_frame(same, pv.limits_frame(same, "lv"))
    same = pv.excluded_from_frame(same, pv.excluded_frame(same))
    assert same == inputs


def test_negative_count_is_reported_at_the_editor_row() -> None:
    inputs = default_inputs("Kurzeme")
    frame = pv.needs_frame(inputs, "lv")
    frame.loc[4, "count"] = -1
    lines = pv.problem_lines(pv.needs_from_frame(inputs, frame).problems(), "lv", CAT)
    assert lines == {"needs": ["rinda 5, kolonna „Klienti”: jābūt veselam skaitlim ≥ 0 (-1)"]}


def test_blank_added_needs_row_is_dropped_but_a_half_filled_one_is_refused() -> None:
    inputs = default_inputs("Kurzeme")
    frame = pv.needs_frame(inputs, "lv")
    blank = pd.DataFrame([{c: None for c in frame.columns}])
    assert pv.needs_from_frame(inputs, pd.concat([frame, blank], ignore_index=True)) == \
        pv.needs_from_frame(inputs, frame)
    half = blank.assign(atvk_code="0005000", group="adults_grt", service="group_home")
    problems = pv.needs_from_frame(inputs, pd.concat([frame, half], ignore_index=True)
                                   ).problems()
    assert [(p.row, p.column) for p in problems] == [(len(frame) + 1, "count")]


def test_norm_edit_becomes_an_override_and_min_above_max_is_refused() -> None:
    inputs = default_inputs("Kurzeme")
    shown = pv.norms_frame(inputs, CAT, "en")
    edited = shown.copy()
    edited.loc["group_home", "investment_per_place"] = 20_000.0
    changed = pv.norms_from_frame(inputs, shown, edited, CAT)
    assert changed.norm_overrides == {"group_home": {"investment_per_place": 20_000}}
    edited.loc["workshop", "min_places"] = 99.0
    lines = pv.problem_lines(pv.norms_from_frame(inputs, shown, edited, CAT).problems(), "en")
    assert "min places 99 is larger than max places" in lines["norms"][0]


def test_preset_switch_keeps_only_real_overrides() -> None:
    inputs = default_inputs("Kurzeme")
    shown = pv.norms_frame(inputs, CAT, "lv")
    observed = pv.norms_from_frame(inputs, shown, shown.copy(), CAT, "observed_2019_2022")
    assert observed.preset == "observed_2019_2022" and observed.norm_overrides == {}
    assert pv.norms_frame(observed, CAT, "lv").loc["group_home", "investment_per_place"] == \
        pytest.approx(round(CAT.observed_fit().per_place["residential"]))


def test_cleared_norm_cell_goes_back_to_the_preset() -> None:
    inputs = default_inputs("Kurzeme")
    shown = pv.norms_frame(inputs, CAT, "lv")
    edited = shown.copy()
    edited.loc["group_home", "max_places"] = 12.0
    with_override = pv.norms_from_frame(inputs, shown, edited, CAT)
    shown2 = pv.norms_frame(with_override, CAT, "lv")
    cleared = shown2.copy()
    cleared.loc["group_home", "max_places"] = None
    assert pv.norms_from_frame(with_override, shown2, cleared, CAT).norm_overrides == {}


def test_limits_and_participation_round_trip() -> None:
    inputs = default_inputs("Kurzeme")
    frame = pv.limits_frame(inputs, "lv")
    liepaja = frame.index[frame["atvk_code"] == "0005000"][0]
    frame.loc[liepaja, ["participating", "max_new_places"]] = [False, 12]
    changed = pv.limits_from_frame(inputs, frame)
    assert changed.non_participating == ("0005000",)
    assert changed.municipal_limits["0005000"].max_new_places == 12
    assert pv.limits_frame(changed, "lv").loc[liepaja, "participating"] == False  # noqa: E712


def test_budget_scale_and_negative_share_problem() -> None:
    inputs = default_inputs("Kurzeme")
    half = with_total_budgets(inputs, 0.5)
    assert half.budgets["Kurzeme"].erdf_quota_eur == pytest.approx(
        inputs.budgets["Kurzeme"].erdf_quota_eur / 2)
    frame = pv.budgets_frame(inputs, "lv")
    frame.loc["Kurzeme", "cofinancing_share"] = 1.5
    lines = pv.problem_lines(pv.budgets_from_frame(inputs, frame).problems(), "lv")
    assert list(lines) == ["budgets"]


def test_creatable_regions_follow_the_roles() -> None:
    assert pv.creatable_regions(PUBLIC) == []
    assert pv.creatable_regions(Actor("k", Role.MANAGEMENT_GROUP, region="Kurzeme")) == \
        ["Kurzeme"]
    assert pv.creatable_regions(Actor("m", Role.MINISTRY)) == [None]


def test_copy_sources_start_with_the_embedded_data_and_keep_only_creatable_regions() -> None:
    scenarios = [Scenario(id=4, name="a", region="Kurzeme"),
                 Scenario(id=2, name="b", region="Riga"),
                 Scenario(id=7, name="c", region=None),
                 Scenario(id=9, name="d", region="Kurzeme")]
    assert pv.copy_sources(scenarios, ["Kurzeme"]) == [0, 4, 9]
    assert pv.copy_sources(scenarios, [None]) == [0, 7]
    assert pv.copy_sources(scenarios, []) == [0]


def test_result_tables(kurzeme) -> None:
    places = pv.places_frame(kurzeme, CAT, "lv")
    assert places["new_places"].sum() == kurzeme.solution.totals["new_places"]
    munis = pv.municipalities_frame(kurzeme, "lv")
    assert len(munis) == 8 and munis["coverage"].between(0, 1).all()
    assert munis["mentors"].sum() == pytest.approx(kurzeme.solution.totals["mentors"], abs=1)
    totals = kurzeme.solution.totals
    assert (munis["need_persons"].sum(), munis["served_persons"].sum()) == (
        totals["need_persons"], totals["served_persons"])
    causes = pv.unmet_cause_frame(kurzeme, "lv")  # respite needs more clients than live near
    assert list(causes["cause"]) == [i18n.t("cause.too_few", "lv")]


def test_unmet_by_cause_in_latvian(kurzeme_poor) -> None:
    causes = pv.unmet_cause_frame(kurzeme_poor, "lv")
    assert causes.iloc[0]["cause"] == "investīciju budžets"
    detail = pv.unmet_frame(kurzeme_poor, CAT, "lv")
    assert detail["unmet"].sum() == pytest.approx(causes["unmet"].sum())


def test_explanation_sentences_in_both_languages() -> None:
    expl = Explanation(
        binding=[Binding("investment_budget", "Kurzeme", 1_234_567.0, 1_250_000.0, ""),
                 Binding("facility_cap", "group_home", 3, 3, "")],
        next_money=[MoneyEffect("Kurzeme", 100_000.0, 11, 21, True, ""),
                    MoneyEffect("Latgale", 100_000.0, 4, 2, False, "")],
        place_values=[PlaceValue("0051000", "group_home", 1, "")],
        staff_values=[StaffValue("0051000", 0, 0, True, "")],
        family=[FamilyCost(2_766_000, 2_655_000, 5_545_346, 5_312_672, 2.94, 3.6, 61, 57,
                           True, "")])
    lv = pv.explanation_lines(expl, "lv", CAT)
    assert lv[0] == ("Kurzeme: investīciju budžets izsmelts — izlietoti 1\u00a0234\u00a0567 no "
                     "1\u00a0250\u00a0000 EUR.")
    assert lv[1].startswith("Grupu māja / dzīvoklis: sasniegts")
    assert lv[2] == ("100\u00a0000\u00a0€ vairāk reģionam Kurzeme ļautu izveidot vēl 11 vietas "
                     "un apkalpot vēl 21 personu.")
    assert lv[3].endswith("ļautu izveidot vēl 4 vietas un apkalpot vēl vismaz 2 personas.")
    assert lv[4] == ("Viena vieta vairāk (Grupu māja / dzīvoklis) pašvaldībā Talsu novads ļautu "
                     "apkalpot vēl 1 personu.")
    assert lv[5] == "Viens darbinieks vairāk pašvaldībā Talsu novads neļautu apkalpot nevienu " \
        "personu vairāk."
    assert lv[6] == ("Tuvums ģimenei maksā 111\u00a0000\u00a0€ investīciju (232\u00a0674\u00a0€ "
                     "kopā ar gada uzturēšanu): klienti vidēji 2,9 km no mājām, lētākajā plānā "
                     "ar tiem pašiem apkalpotajiem — 3,6 km (61 pret 57 objektiem).")
    en = pv.explanation_lines(expl, "en", CAT)
    assert en[2] == "€100,000 more for Kurzeme would add 11 places and serve 21 more persons."
    assert en[3].endswith("serve at least 2 more persons.")
    assert en[4] == ("One more place of Group home / group flat in Talsi Municipality would "
                     "serve 1 more person.")


def test_comparison_tables(kurzeme, kurzeme_poor) -> None:
    figures = pv.key_figures_frame([kurzeme, kurzeme_poor], "lv")
    assert list(figures.columns) == ["K", "K -70 %"]
    assert figures.loc["Jaunas vietas", "K"] == f"{kurzeme.solution.totals['new_places']:,}" \
        .replace(",", "\u00a0")
    diff = pv.difference_frame([kurzeme, kurzeme_poor], CAT, "lv")
    assert (diff["Δ K -70 %"] == diff["K -70 %"] - diff["K"]).all()
    assert diff["Δ K -70 %"].sum() < 0
    cost = pv.cost_chart_frame([kurzeme, kurzeme_poor], "lv")
    assert cost.iloc[1, 0] < cost.iloc[0, 0]
    coverage = pv.coverage_chart_frame([kurzeme, kurzeme_poor], "lv")
    totals = kurzeme.solution.totals
    assert coverage.loc["Kurzeme", "K"] == pytest.approx(
        100 * totals["served_clients"] / totals["need_clients"])


def test_unique_labels() -> None:
    assert pv.unique_labels(["A", "B", "A"]) == ["A", "B", "A (2)"]



def test_stored_result_explained_from_its_json_or_none_without_its_instance():
    pi = instance({"A": 3, "B": 5}, budget=5000)
    solution_json = json.dumps(AllocationModel.from_problem_input(pi).solve("highs").to_dict())
    binds = pv.binding_from_json(pi.to_json(), solution_json)
    assert binds is not None
    assert any(b.kind == "investment_budget" for b in binds.binding)
    assert pv.binding_from_json("", solution_json) is None


def test_persons_tables_name_classes_packages_and_causes(kurzeme) -> None:
    by_class = pv.persons_class_frame(kurzeme, CAT, "lv")
    assert list(by_class["priority_class"]) == [
        CAT.priorities.classes[c].name_lv for c in ("leavers", "waiting_list", "at_risk")]
    assert by_class["need_persons"].sum() == kurzeme.solution.totals["need_persons"]
    assert by_class["coverage"].iloc[0] == 1.0  # leavers first, all served
    assert pd.isna(by_class["coverage"].iloc[1])  # no one on the waiting list
    packages = pv.persons_package_frame(kurzeme, CAT, "en")
    assert "Day care centre for adults + Respite / short-term care for adults" in set(
        packages["package"])
    short = packages[packages["unserved_persons"] > 0]
    assert set(short["cause"]) >= {i18n.t("cause.too_few", "en")}
    causes = pv.unserved_cause_frame(kurzeme, "lv")
    assert causes["unserved_persons"].sum() == kurzeme.solution.totals["unserved_persons"]
    facilities = pv.facilities_frame(kurzeme, CAT, "lv")
    assert facilities["new_facilities"].sum() == kurzeme.solution.totals["new_facilities"]


def test_the_rules_a_result_followed_in_words(kurzeme) -> None:
    inputs = kurzeme.inputs
    assert pv.goal_order_text(results.plan_rules(inputs, CAT), "en") == (
        "Fewer persons unserved → Closer to family (fewer km) → Lower cost")
    assert pv.priority_text(results.plan_rules(inputs, CAT), CAT, "en") == (
        "Strict order: Persons leaving an institution → Persons on a waiting list for "
        "institutional care → Persons at risk of institutional care")
    weighted = results.plan_rules(replace(
        inputs, priority_mode="weighted", priority_weights={"at_risk": 0.5},
        goal_kind="weighted"), CAT)
    assert pv.priority_text(weighted, CAT, "en").startswith(
        "Weighted: Persons leaving an institution 100, ")
    assert pv.priority_text(weighted, CAT, "en").endswith("care 0.5")
    assert pv.goal_order_text(weighted, "lv").startswith("Ar svariem: ")
    alike = results.plan_rules(replace(inputs, priority_mode="none"), CAT)
    assert pv.priority_text(alike, CAT, "lv") == i18n.t("persons.everyone_alike", "lv")


def test_key_figures_in_persons_with_the_rules_and_dashes_before_persons(kurzeme) -> None:
    data = kurzeme.solution.to_dict()
    data.pop("persons")
    data["totals"] = {k: v for k, v in data["totals"].items() if not k.endswith("_persons")}
    old = results.ScenarioResult("old", kurzeme.inputs, Solution.from_dict(data))
    figures = pv.key_figures_frame([kurzeme, old], "lv", CAT)
    need = i18n.t("total.need_persons", "lv")
    assert figures.loc[need, "K"] == i18n.fmt_number(kurzeme.solution.totals["need_persons"],
                                                     "lv", 0)
    assert figures.loc[need, "old"] == "–"
    assert figures.loc[i18n.t("meta.goal_order", "lv"), "old"] == pv.goal_order_text(
        results.plan_rules(kurzeme.inputs, CAT), "lv")
    assert figures.loc[i18n.t("meta.priorities", "lv"), "K"].startswith("Stingrā secībā: ")


def test_key_figures_of_later_scenarios_carry_the_change(kurzeme, kurzeme_poor) -> None:
    figures = pv.key_figures_frame([kurzeme, kurzeme_poor], "lv", CAT)
    places = i18n.t("total.new_places", "lv")
    first, later = kurzeme.solution.totals["new_places"], kurzeme_poor.solution.totals[
        "new_places"]
    assert figures.loc[places, "K -70 %"] == (
        f"{i18n.fmt_int(later, 'lv')} (Δ −{i18n.fmt_int(first - later, 'lv')})")
    assert "Δ" not in figures.loc[places, "K"]
    same = pv.key_figures_frame([kurzeme, replace(kurzeme, label="K2")], "lv", CAT)
    assert not same.loc[places, "K2"].count("Δ")



def test_compared_persons_are_whole_staff_and_km_keep_a_decimal(kurzeme, kurzeme_poor):
    """Issue 18: the comparison showed '869,0' served and '47,0' unmet clients."""
    figures = pv.key_figures_frame([kurzeme, kurzeme_poor], "lv", CAT)
    for key in ("served_clients", "unmet_clients"):
        for plan in (kurzeme, kurzeme_poor):
            value = figures.loc[i18n.t(f"total.{key}", "lv"), plan.label]
            assert value.split(" (Δ")[0] == i18n.fmt_int(plan.solution.totals[key], "lv")
    staff = figures.loc[i18n.t("total.staff", "lv"), "K"]
    assert staff == i18n.fmt_number(kurzeme.solution.totals["staff"], "lv", 1)

def test_difference_only_changes_drops_rows_every_scenario_agrees_on(kurzeme,
                                                                     kurzeme_poor) -> None:
    twin = replace(kurzeme, label="K2")
    assert pv.difference_frame([kurzeme, twin], CAT, "lv", only_changes=True).empty
    every = pv.difference_frame([kurzeme, kurzeme_poor], CAT, "lv")
    changed = pv.difference_frame([kurzeme, kurzeme_poor], CAT, "lv", only_changes=True)
    assert (changed["Δ K -70 %"] != 0).all()
    assert len(changed) == (every["Δ K -70 %"] != 0).sum()


def test_persons_of_a_scenario_by_names() -> None:
    from dataclasses import replace

    inputs = replace(default_inputs("Kurzeme"), persons=(
        ("0005000", "adults_grt", "II", "day_care_adults+group_home", "leavers", 5),
        ("0005000", "adults_grt", "", "workshop", "", 2)))
    frame = pv.persons_input_frame(inputs, CAT, "lv")
    first = frame.iloc[0]
    assert (first["municipality"], first["package"], first["priority_class"], first["count"]) \
        == ("Liepāja", "Dienas aprūpes centrs pieaugušajiem (DAC) + Grupu māja / dzīvoklis",
            "Personas, kas atstāj institūciju", 5)
    assert frame.iloc[1]["priority_class"] == ""


def test_public_key_figures_carry_a_change_only_between_shown_figures(kurzeme,
                                                                      kurzeme_poor) -> None:
    from planning.domain.privacy import WITHHELD
    from planning.domain.public_plan import public_plan

    first, later = public_plan(kurzeme, CAT), public_plan(kurzeme_poor, CAT)
    figures = pv.public_key_figures_frame([first, later], "lv", CAT)
    places = i18n.t("total.new_places", "lv")
    a, b = first.totals["new_places"], later.totals["new_places"]
    if isinstance(a, str) or isinstance(b, str):
        assert "Δ" not in figures.loc[places, later.label]
    else:
        assert figures.loc[places, later.label].endswith(
            f"(Δ −{i18n.fmt_int(a - b, 'lv')})")
    hidden = replace(first, totals={**first.totals, "new_places": WITHHELD})
    figures = pv.public_key_figures_frame([hidden, later], "lv", CAT)
    assert "Δ" not in figures.loc[places, later.label]
    assert figures.loc[places, hidden.label] == WITHHELD


def test_beyond_binding_lines_leave_out_what_binds_only() -> None:
    expl = Explanation(
        binding=[Binding("investment_budget", "Kurzeme", 1_234_567.0, 1_250_000.0, "")],
        next_money=[MoneyEffect("Kurzeme", 100_000.0, 11, 21, True, "")],
        place_values=[PlaceValue("0051000", "group_home", 1, "")])
    every = pv.explanation_lines(expl, "en", CAT)
    assert pv.beyond_binding_lines(expl, "en", CAT) == every[1:]
    assert pv.beyond_binding_lines(Explanation(binding=expl.binding), "en", CAT) == []


def test_picked_ids_keep_order_drop_unknown_repeated_and_non_ids_up_to_the_limit() -> None:
    texts = ["5", "abc", "3", "5", " 7 ", "99", "-3", "8", "9"]
    assert pv.picked_ids(texts, {3, 5, 7, 8, 9}, 4) == [5, 3, 7, 8]
    assert pv.picked_ids(texts, {3}, 4) == [3]
    assert pv.picked_ids([], {3}, 4) == []


def test_version_label() -> None:
    assert pv.version_label("Kurzeme (2)", 3) == "Kurzeme (2) (v3)"


def test_a_diff_is_summed_up_as_a_reviewer_counts_it():
    """One changed need that moves two allocations (places, facilities and investment of
    each: six result cells, plus two totals) reads as 1 input change, 2 allocations and the
    places before and after, not as 9 changes."""
    from planning.store.scenario import Change, VersionDiff, diff_results

    def site(code, service, places, facilities, eur):
        return {"municipality": code, "service": service, "new_places": places,
                "new_facilities": facilities, "investment_eur": eur}

    a = {"sites": [site("0005000", "group_home", 16, 2, 480_000.0),
                   site("0007000", "day_care_adults", 10, 1, 90_000.0),
                   site("0009000", "respite_adults", 4, 1, 40_000.0)],
         "totals": {"new_places": 30, "investment_eur": 610_000.0}}
    b = {"sites": [site("0005000", "group_home", 18, 3, 540_000.0),
                   site("0007000", "day_care_adults", 12, 2, 110_000.0),
                   site("0009000", "respite_adults", 4, 1, 40_000.0)],
         "totals": {"new_places": 34, "investment_eur": 690_000.0}}
    need = Change("needs", ("0005000", "adults", "", "group_home"), 16, 20)
    diff = VersionDiff(1, 1, 2, inputs=[need], results=diff_results(a, b),
                       results_compared=True)
    assert len(diff.results) == 8
    assert pv.diff_summary(diff, "lv") == (
        "1 izmaiņa ievaddatos; mainīti 2 piešķīrumi (pašvaldība un pakalpojums); "
        "jaunu vietu kopā 30 → 34")
    assert pv.diff_summary(diff, "en") == (
        "1 change in the inputs; 2 allocations (municipality and service) changed; "
        "new places in total 30 → 34")
    rerun = VersionDiff(1, 1, 2, results=diff_results(a, b), results_compared=True)
    assert pv.diff_summary(rerun, "lv").startswith("ievaddati tie paši; ")


def test_centres_frame_says_why_in_latvian_and_units_keep_groups_apart(kurzeme):
    frame = pv.centres_frame(kurzeme, load_catalogue(), "lv")
    assert len(frame) == kurzeme.solution.totals["centres"] > 0
    assert frame["why"].str.contains("minimālo noslodzi|lētāk nekā atsevišķi").all()
    assert frame["municipality"].str.contains("novads").all()
    money = frame[["centre_cost_eur", "separate_cost_eur"]].to_numpy()
    assert (money == money.round(0)).all() and (money > 0).all()  # whole euros
    units = pv.centre_units_frame(kurzeme, load_catalogue(), "lv")
    assert units["new_places"].sum() == frame["new_places"].sum()
    assert not units["slot"].str.contains(r"\+").any()  # no room of children and adults
    english = pv.centre_units_frame(kurzeme, load_catalogue(), "en")
    assert english["service"].str.contains("Respite").any()
