"""Kept suppressions (``planning.store.suppression``): a plan's public protection is chosen
when it is published and kept in the database, where any app process finds it; a kept
choice is keyed by the figures and the code, so it is never used for other figures."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlmodel import Session, select

from planning.domain import public_plan as public_view
from planning.domain import public_reference
from planning.domain.privacy import SMALL, WITHHELD
from planning.domain.roles import PUBLIC
from planning.store import published, scenario, suppression
from planning.store.tables import SuppressionCache
from planning.views import plan_tables
from tests.pages.seeding import GROUP, published_plan, seeded_engine


def _forget_in_process() -> None:
    """What a second app process starts with: nothing chosen in memory."""
    published._figures.cache_clear()
    published._protected.cache_clear()
    public_reference._PROTECTED.clear()


@pytest.fixture(scope="module")
def plan(tmp_path_factory):
    engine = seeded_engine(f"sqlite:///{tmp_path_factory.mktemp('kept') / 'k.db'}")
    return engine, published_plan(engine)


def _result(session: Session, scenario_id: int):
    inputs = scenario.load_inputs(session=session, actor=GROUP, scenario_id=scenario_id)
    row = scenario.latest_result(session=session, actor=GROUP, scenario_id=scenario_id)
    return plan_tables.result_from_json("x", inputs.to_json(), row.solution_json)


def test_publishing_keeps_the_plans_and_the_maps_suppression(plan):
    engine, s = plan
    with Session(engine) as session:
        keys = set(session.exec(select(SuppressionCache.key)).all())
        result = _result(session, s.id)
    assert keys == {public_view.suppression_key(result),
                    suppression.map_key(result.inputs.division)}


def test_the_public_view_is_drawn_from_the_kept_choice(plan):
    """A cell added to the kept choice is hidden in a fresh process: the view reads it (and
    chooses nothing itself); the kept choice is the one chosen from scratch."""
    engine, s = plan
    with Session(engine) as session:
        result = _result(session, s.id)
        key = public_view.suppression_key(result)
        row = session.get(SuppressionCache, key)
        kept = suppression._decoded(row.hidden_json)
        assert kept == public_view.suppression(result)
        shown = next(r for r in public_view.public_plan(result).places.itertuples()
                     if r.new_places not in (SMALL, WITHHELD))
        row.hidden_json = suppression._encoded(kept | {("y", shown.atvk_code, shown.service)})
        session.add(row)
        session.commit()
        _forget_in_process()
        view = published.public_plan(session=session, actor=PUBLIC, scenario_id=s.id)
    cell = view.places[(view.places["atvk_code"] == shown.atvk_code)
                       & (view.places["service"] == shown.service)]
    assert cell["new_places"].tolist() == [WITHHELD]


def test_a_kept_choice_reads_back_as_chosen_and_is_not_chosen_again(engine):
    hidden = frozenset({("y", "0033000", "group_home"), ("NT",), ("c", 3, "adults_grt"), "a"})
    with Session(engine) as session:
        assert suppression.kept(session, "k" * 64, lambda: hidden) == hidden

        def never() -> frozenset:
            raise AssertionError("chosen again")
        assert suppression.kept(session, "k" * 64, never) == hidden


def test_other_figures_are_another_key(plan):
    engine, s = plan
    with Session(engine) as session:
        result = _result(session, s.id)
    key = public_view.suppression_key(result)
    assert public_view.suppression_key(result) == key
    more_money = replace(result, inputs=replace(result.inputs, cost_contingency=0.1))
    assert public_view.suppression_key(more_money) != key
    sites = result.solution.sites.copy()
    sites.loc[sites.index[0], "new_places"] += 1
    other = replace(result, solution=replace(result.solution, sites=sites))
    assert public_view.suppression_key(other) != key
