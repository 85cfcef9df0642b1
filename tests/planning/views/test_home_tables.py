"""Home-based support tables of a plan with a home service the user added: named by the
scenario's own catalogue, its profession offered for staff available."""

from __future__ import annotations

from dataclasses import replace

from optimizer import AllocationModel
from planning.domain import results
from planning.domain.catalogue import load_catalogue
from planning.domain.optimizer_input import problem_from_inputs
from planning.views import home_tables
from tests.planning.domain.test_user_services import KURZEME, LIEPAJA, social_mentor

CAT = load_catalogue()


def test_an_added_home_service_is_named_and_its_profession_can_be_limited():
    persons = ((LIEPAJA, "adults_grt", "I", "social_mentor", "waiting_list", 12),)
    inputs = replace(KURZEME, user_services={"social_mentor": social_mentor()},
                     persons=persons, staff_available=(("Kurzeme", "sociālais mentors", 2.0),))
    assert inputs.problems(CAT) == []
    sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve()
    result = results.ScenarioResult("x", inputs, sol)
    home = home_tables.home_frame(result, CAT, "lv")  # the file's catalogue, as pages pass it
    assert list(zip(home.home_service, home.profession, home.clients, home.staff,
                    strict=True)) == [("Sociālais mentors", "sociālais mentors", 10, 2)]
    use = home_tables.staff_use_frame(result, CAT, "lv").set_index("profession")
    assert use.loc["sociālais mentors", "binds"] == "personāls"
    offered = home_tables.staff_input_frame(inputs, CAT, "lv")
    assert "sociālais mentors" in set(offered.profession)
    assert "sociālais mentors" not in set(home_tables.staff_input_frame(KURZEME, CAT, "lv")
                                          .profession)
