"""Public pages read together (issue 13): the map page and a published plan count the same
persons (the plan's need per municipality is the map's needs there, its clients of
institutions per region and group the sum of the map's institutions'), and two published
versions of one scenario count the same needs. The attacker (``tests.planning.attacker``)
reads them all into one linear program; no hidden count 1-4 may be pinned."""

from __future__ import annotations

from dataclasses import replace

import pytest

from optimizer.formulation import AllocationModel
from planning.domain import disclosure, geo, public_plan, public_reference, reference, results
from planning.domain.catalogue import load_catalogue
from planning.domain.inputs import default_inputs
from planning.domain.optimizer_input import problem_from_inputs
from planning.domain.privacy import SMALL
from planning.views import reference_views as views
from tests.planning import attacker
from tests.planning.domain.test_public_reference import DIVISION, _page


def _solved(inputs) -> results.ScenarioResult:
    sol = AllocationModel.from_problem_input(problem_from_inputs(inputs)).solve("highs")
    return results.ScenarioResult("Kurzeme", inputs, sol)


@pytest.fixture(scope="module")
def kurzeme() -> results.ScenarioResult:
    return _solved(default_inputs("Kurzeme", DIVISION))


@pytest.fixture(scope="module")
def approved(kurzeme) -> results.ScenarioResult:
    """The next version of the plan: the same needs, 60 % less ERDF money."""
    budgets = {r: replace(b, erdf_quota_eur=0.4 * b.erdf_quota_eur)
               for r, b in kurzeme.inputs.budgets.items()}
    return _solved(replace(kurzeme.inputs, budgets=budgets))


@pytest.fixture(scope="module")
def map_page():
    return _page(public_reference.protected_reference(DIVISION))


def _map_keys():
    region_of = geo.municipalities(DIVISION).set_index("atvk_code")["planning_region"]
    inst = reference.institutions(DIVISION)
    serv = reference.existing_services(DIVISION)
    services_of = {g: views.services_for_group(load_catalogue(), g)
                   for g in load_catalogue().groups}
    return (region_of.to_dict(),
            dict(zip(inst["institution_id"], inst["atvk_code"].map(region_of), strict=True)),
            dict(zip(serv["service_id"], serv["atvk_code"].map(region_of), strict=True)),
            services_of)


def attack(plans: dict[str, tuple[public_plan.PublicPlan, results.ScenarioResult]],
           map_page=None) -> tuple[attacker.Seen, dict[tuple, tuple]]:
    """Everything the public sees of ``plans`` (and the map page) in one LP: the pinned."""
    seen = attacker.Seen()
    prog = attacker.Program(seen)
    truth: dict[tuple, float] = {}
    for ns, (view, _) in plans.items():
        attacker.read_public_plan(view, seen, ns)
    if map_page is not None:
        attacker.read_map_page(map_page, seen, {})
        regions, institution_region, service_region, services_of = _map_keys()
        attacker.add_map(prog, regions, institution_region, service_region, services_of)
        truth.update({c.key: c.value for c in public_reference.linked_tables(DIVISION).cells
                      if c.key[0] in ("V", "c", "L", "Lu")})
    for ns, (_, result) in plans.items():
        truth.update(attacker.add_plan(prog, result, ns=ns))
        if map_page is not None:
            attacker.link_needs(prog, result, ns, _map_keys()[1])
    names = list(plans)
    for a, b in zip(names, names[1:], strict=False):
        attacker.link_versions(prog, plans[a][1], plans[b][1], (a, b))
    found = prog.bounds({k: v for k, v in truth.items()
                         if not (k[0] in plans and k[1] == "n")})  # facilities: published
    return seen, attacker.plan_pinned(found, seen, {ns: r for ns, (_, r) in plans.items()})


def test_the_map_and_the_plan_read_together_pin_nothing(kurzeme, map_page):
    view = public_plan.public_plan(kurzeme)
    seen, pinned = attack({"plan": (view, kurzeme)}, map_page)
    assert sum(1 for v in seen.values.values() if v == SMALL) > 50, "not vacuous"
    assert pinned == {}


def test_two_published_versions_and_the_map_read_together_pin_nothing(kurzeme, approved,
                                                                     map_page):
    assert (kurzeme.solution.totals["new_places"]
            != approved.solution.totals["new_places"]), "the versions differ"
    plans = {"v1": (public_plan.public_plan(kurzeme), kurzeme),
             "v2": (public_plan.public_plan(approved), approved)}
    _, pinned = attack(plans, map_page)
    assert pinned == {}
    _, alone = attack(plans)
    assert alone == {}


def test_the_plan_takes_the_maps_suppression_as_given(kurzeme):
    """Every need per municipality and every clients-of-institutions cell of the plan is
    linked to its twin on the map, and hidden exactly where the twin is."""
    tables, _ = public_plan.linked_tables(kurzeme)
    joint, hidden = public_plan.joint_tables(tables, kurzeme)
    twins = [k for k in tables.by_key if k[0] in ("N", "Now") and len(k) > 1]
    linked = {k for r in joint.relations for k in r.coefficients if k in tables.by_key
              and any(o[0] in ("V", "c") for o in r.coefficients)}
    assert twins and set(twins) <= linked
    ref = public_reference.protected_reference(DIVISION).hidden
    assert {k for k in twins if k in hidden} == {
        k for k in twins if k[0] == "N" and ("V", k[1], "", "") in ref}


def _map_and_plan() -> tuple[disclosure.LinkedTables, disclosure.LinkedTables]:
    """A map page of two needs (3 and 7) and their total, and a plan whose need is the
    second one's persons (served 7, unmet 0)."""
    Cell, Relation = disclosure.Cell, disclosure.Relation
    page = disclosure.LinkedTables([Cell("a", 3), Cell("b", 7), Cell("t", 10, cost=5)],
                                   [Relation({"t": 1, "a": -1, "b": -1})])
    plan = disclosure.LinkedTables([Cell("N", 7), Cell("Sv", 7), Cell("U", 0)],
                                   [Relation({"N": 1, "Sv": -1, "U": -1})])
    return page, plan


def test_protected_apart_the_plan_gives_back_the_maps_hidden_count():
    page, plan = _map_and_plan()
    on_map = disclosure.protect(page)
    assert on_map == {"a", "b"}
    assert disclosure.protect(plan) == set()  # nothing small in the plan: all shown
    cells, hidden = disclosure.given(page, on_map)
    read_together = disclosure.LinkedTables(
        [*plan.cells, *cells], [*plan.relations, *page.relations,
                                disclosure.Relation({"N": 1, "b": -1})])
    assert disclosure.unprotected(read_together, hidden) == [("public", "a", (3.0, 3.0))]
    joint = disclosure.protect(read_together, hidden=hidden | {"N"})
    assert "N" in joint and disclosure.unprotected(read_together, joint) == []


def test_a_hidden_count_of_whole_persons_is_open_over_all_of_1_to_4(kurzeme):
    """Persons are whole where needs are, so "<5" unmet persons tells the public 1-4 (the
    legend says so): the attacker holding it to [1, 4] learns nothing, to [2, 4] it does; where
    needs are fractional the open range is 0-5 and [1, 4] is already narrower."""
    kuldiga = ("U", "0033000")
    seen = attacker.Seen()
    assert attacker.pinned({kuldiga: (1.0, 4.0)}, seen, kurzeme) == {}
    assert attacker.pinned({kuldiga: (2.0, 4.0)}, seen, kurzeme) == {kuldiga: (2.0, 4.0)}
    first, *rest = kurzeme.inputs.needs
    halves = replace(kurzeme.inputs, needs=((*first[:-1], first[-1] + 0.5), *rest))
    fractional = replace(kurzeme, inputs=halves)
    assert attacker.pinned({kuldiga: (1.0, 4.0)}, seen, fractional) == {kuldiga: (1.0, 4.0)}
