"""Cell suppression on linked tables: primaries, complements, weighted relations, insiders."""

from __future__ import annotations

import pytest

from planning.domain.disclosure import (
    Cell,
    LinkedTables,
    Relation,
    intervals,
    own_figures,
    protect,
    unprotected,
)


def table_2x2(a: float = 3, b: float = 7, c: float = 9, d: float = 8) -> LinkedTables:
    """a b | a+b ; c d | c+d ; column totals and the grand total, all published."""
    cells = [Cell("a", a), Cell("b", b), Cell("c", c), Cell("d", d),
             *(Cell(k, v, cost=5) for k, v in [("ab", a + b), ("cd", c + d), ("ac", a + c),
                                                ("bd", b + d), ("t", a + b + c + d)])]
    rel = [Relation({"ab": 1, "a": -1, "b": -1}), Relation({"cd": 1, "c": -1, "d": -1}),
           Relation({"ac": 1, "a": -1, "c": -1}), Relation({"bd": 1, "b": -1, "d": -1}),
           Relation({"t": 1, "ab": -1, "cd": -1})]
    return LinkedTables(cells, rel)


def test_hiding_the_small_cell_alone_is_undone_by_subtraction():
    tables = table_2x2()
    assert intervals(tables, ["a"])["a"] == (3.0, 3.0)
    assert [k for _, k, _ in unprotected(tables, ["a"])] == ["a"]


def test_the_four_cells_of_a_rectangle_protect_it():
    tables = table_2x2()
    hidden = protect(tables)
    assert hidden == {"a", "b", "c", "d"}
    lo, hi = intervals(tables, hidden)["a"]
    assert lo <= 1 and hi >= 4
    assert unprotected(tables, hidden) == []


def test_a_complement_that_would_fall_below_five_is_not_enough():
    """For a to fall from 3 to 1, d must fall by 2, to 4: but a hidden cell that is not small
    is known to be >= 5, so the rectangle is not enough and more cells are hidden."""
    tables = table_2x2(d=6)
    hidden = protect(tables)
    assert unprotected(tables, hidden) == []
    assert len(hidden) > 4


def test_a_weighted_total_is_protected_too():
    """Places a (3 per 9,000 EUR) and b (7 per 3,000 EUR) with their count total and their
    investment total: two relations pin two hidden cells unless more is hidden."""
    cells = [Cell("a", 3), Cell("b", 7), Cell("p", 10, cost=4),
             Cell("eur", 3 * 9000 + 7 * 3000, count=False, cost=4)]
    rel = [Relation({"p": 1, "a": -1, "b": -1}),
           Relation({"eur": 1, "a": -9000, "b": -3000})]
    tables = LinkedTables(cells, rel)
    assert intervals(tables, ["a", "b"])["a"] == pytest.approx((3.0, 3.0))
    hidden = protect(tables)
    assert unprotected(tables, hidden) == []
    assert {"a", "b"} <= hidden and hidden & {"p", "eur"}


def test_an_insider_knowing_its_own_cell_is_accounted_for():
    tables = table_2x2()
    public_only = protect(tables)
    insider = {"b"}  # e.g. a municipality that sees its own row
    assert unprotected(tables, public_only, {"row1": insider})
    hidden = protect(tables, insiders={"row1": insider})
    assert unprotected(tables, hidden, {"row1": insider}) == []


def test_a_small_count_pinned_by_what_everyone_knows_is_masked():
    """A lower bound of 4 (e.g. a facility's minimum size) would pin "<5" to exactly 4."""
    cell = Cell("a", 4, lower=4)
    assert cell.masked
    tables = LinkedTables([cell, Cell("b", 9), Cell("t", 13, cost=5)],
                          [Relation({"t": 1, "a": -1, "b": -1})])
    hidden = protect(tables)
    lo, hi = intervals(tables, hidden)["a"]
    assert lo == 4 and hi >= 5


def test_a_total_that_is_all_the_insiders_own_needs_no_protection_from_it():
    """Unmet 3 in municipality a, 0 in b (published): the region's 3 is a's own, so a
    learns nothing from it; the public and b still may not pin a."""
    cells = [Cell("a", 3), Cell("b", 0), Cell("r", 3, cost=5)]
    tables = LinkedTables(cells, [Relation({"r": 1, "a": -1, "b": -1})])
    assert own_figures(tables, {"a"}) == {"r"}
    assert own_figures(tables, {"b"}) == set()
    hidden = protect(tables, insiders={"a": {"a"}, "b": {"b"}})
    assert hidden == {"a", "r"}
    assert unprotected(tables, hidden, {"a": {"a"}, "b": {"b"}}) == []
    lo, hi = intervals(tables, hidden)["a"]
    assert lo <= 1 and hi >= 4
