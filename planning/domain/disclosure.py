"""Statistical disclosure control for linked tables: primary and secondary cell suppression.

A published table set is modelled as **cells** (every figure a reader could see: a count, a
row or column total, a money figure computed from counts by public norms) and linear
**relations** between them (``total = sum of parts``; ``investment = 9,000 x places + ...``).
An attacker who knows the published cells, the relations and the public norms can solve a
linear program for each hidden cell: its smallest and largest value consistent with
everything published (:func:`intervals`). Official statistics call a count of 1-4 persons
*primary* sensitive; hiding it ("<5") is not enough when totals or derived figures give it
back, so further *secondary* (complementary) cells must be hidden too.

:func:`protect` chooses them. A hidden small count is protected when its feasible interval
contains the whole range 1-4 (for a fractional count: 0-5), i.e. the attacker learns no more
than "<5". The choice is the classic sequential MILP of cell suppression (Fischetti and
Salazar-González, *Models and algorithms for optimizing cell suppression in tabular data
with linear constraints*, JASA 2000; the "optimal" method of tau-argus): for each primary
cell ``p`` and each direction, find a perturbation ``d`` of the cell values with

    sum_k a_rk d_k = 0                 for every relation r   (the published totals still add up)
    d_p = 4 - x_p   (or 1 - x_p)       (p reaches the end of its range)
    d_k = 0                            for every cell k that stays published
    lb_k - x_k <= d_k <= ub_k - x_k    for every hidden cell (what the attacker knows of it)

that hides the cheapest set of extra cells (binary ``z_k``: ``|d_k| <= M_k z_k``). The
perturbed values are a table an attacker cannot tell from the true one, so the interval
reaches 1 and 4. Cells hidden for earlier primaries cost nothing for later ones. No library
fits here: sdcMicro (R) and tau-argus (Java) are not Python, and Python's ACRO checks research
outputs for primary suppression only, without linked tables. The MILPs are small (one per
unprotected primary and direction, over the cells linked to it) and solved by HiGHS.

Tables published elsewhere (another page over the same persons, e.g. the map page's needs
and a plan's need per municipality) enter as **given** cells (``fixed=True``): their
suppression was decided with their own table, so they are never chosen here, but they and
the relations to them are in every attacker's program, so what this table publishes cannot
undo theirs, nor theirs this one's (:func:`given`).

Insiders: a municipality sees its own rows in full. ``insiders`` names, per insider, the cells
it knows; protection then also holds for each insider (its cells fixed to their values),
except for the insider's own cells and the figures they alone give with the published zeros
(``own_figures``: a region's unmet need that is all one municipality's).

What an attacker knows of a hidden cell: a small count lies in [1, 4] (integers) or [0, 5];
a hidden cell that is not small (a secondary) is a count >= 5 or a money figure >= its
``lower``; a cell that is never published (``published=False``, e.g. a part of a total that
no table shows) is only bounded by ``lower``/``upper``. Zero counts are never chosen as
secondaries (a hidden zero would be read as ">= 5"), so they stay published.

>>> cells = [Cell("a", 3), Cell("b", 7), Cell("c", 9), Cell("d", 8),
...          *(Cell(k, v, cost=5) for k, v in [("ab", 10), ("cd", 17), ("ac", 12), ("bd", 15),
...                                             ("t", 27)])]
>>> rel = [Relation({"ab": 1, "a": -1, "b": -1}), Relation({"cd": 1, "c": -1, "d": -1}),
...        Relation({"ac": 1, "a": -1, "c": -1}), Relation({"bd": 1, "b": -1, "d": -1}),
...        Relation({"t": 1, "ab": -1, "cd": -1})]
>>> sorted(protect(LinkedTables(cells, rel)))
['a', 'b', 'c', 'd']
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field, replace

import highspy
import numpy as np

THRESHOLD = 5
LOW, HIGH = 1.0, 4.0          # the range a small count must keep
SECONDARY_MIN = float(THRESHOLD)
TOL = 1e-6


@dataclass(frozen=True)
class Cell:
    """One figure: ``value``; what anyone knows of it without the table (``lower``,
    ``upper``); whether it counts persons (``count``: only counts are primary); whether any
    table shows it (``published``); the price of hiding it (``cost``); whether another table
    decides if it is shown (``fixed``: never chosen here)."""

    key: Hashable
    value: float
    count: bool = True
    lower: float = 0.0
    upper: float = math.inf
    published: bool = True
    cost: float = 1.0
    fixed: bool = False

    @property
    def small(self) -> bool:
        return self.count and self.published and 0 < abs(self.value) < THRESHOLD

    @property
    def masked(self) -> bool:
        """A small count that what everyone knows (``lower`` >= 4, e.g. a facility's minimum
        size) would pin once labelled "<5": it is shown like a secondary cell instead."""
        return self.small and self.lower >= HIGH


@dataclass(frozen=True)
class Relation:
    """``sum_k coefficients[k] * x_k == constant`` (e.g. a total minus its parts == 0;
    investment - 9,000 x places == the facilities' fixed cost)."""

    coefficients: Mapping[Hashable, float]
    constant: float = 0.0


@dataclass
class LinkedTables:
    """Cells and the relations that link them (keys must be unique)."""

    cells: list[Cell]
    relations: list[Relation] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_key = {c.key: c for c in self.cells}
        if len(self.by_key) != len(self.cells):
            raise ValueError("cell keys must be unique")
        for r in self.relations:
            missing = [k for k in r.coefficients if k not in self.by_key]
            if missing:
                raise ValueError(f"relation names cells that do not exist: {missing[:3]}")
        self._touching: dict[Hashable, list[int]] = {}
        for i, r in enumerate(self.relations):
            for k in r.coefficients:
                self._touching.setdefault(k, []).append(i)

    def primaries(self) -> list[Hashable]:
        return [c.key for c in self.cells if c.small]

    def component(self, key: Hashable) -> tuple[list[Hashable], list[Relation]]:
        """The cells linked to ``key`` through relations, and those relations."""
        seen, rels, todo = {key}, set(), [key]
        while todo:
            k = todo.pop()
            for i in self._touching.get(k, ()):
                if i in rels:
                    continue
                rels.add(i)
                for other in self.relations[i].coefficients:
                    if other not in seen:
                        seen.add(other)
                        todo.append(other)
        return sorted(seen, key=str), [self.relations[i] for i in sorted(rels)]


def violated(tables: LinkedTables, tol: float = 1e-6) -> list[Relation]:
    """Relations the cells' own values break: with every published cell at its value, a
    relation of published cells only must hold (within ``tol`` relative to its terms), and
    the unpublished cells (between ``lower`` and ``upper``) must satisfy the others. Tables
    that pass are a feasible point of every attacker's and every complement's program; tables
    that fail describe figures that do not belong together (a result of other inputs)."""
    hidden = {c.key for c in tables.cells if not c.published}
    out = []
    for r in tables.relations:
        if any(k in hidden for k in r.coefficients):
            continue
        terms = [a * tables.by_key[k].value for k, a in r.coefficients.items()]
        if abs(sum(terms) - r.constant) > tol * (1.0 + sum(map(abs, terms)) + abs(r.constant)):
            out.append(r)
    linked = [r for r in tables.relations if any(k in hidden for k in r.coefficients)]
    if linked and not _feasible(Attacker(LinkedTables(tables.cells, linked), ())):
        out.extend(linked)
    return out


def _feasible(attacker: Attacker) -> bool:
    attacker.h.run()
    return attacker.h.getModelStatus() == highspy.HighsModelStatus.kOptimal


def bounds_when_hidden(cell: Cell) -> tuple[float, float]:
    """What an attacker knows of ``cell`` once it is hidden."""
    if not cell.published:
        return cell.lower, cell.upper
    if cell.masked:
        return cell.lower, cell.upper
    if cell.small:
        if float(cell.value).is_integer():
            return max(cell.lower, LOW), min(cell.upper, HIGH)
        return max(cell.lower, 0.0), min(cell.upper, float(THRESHOLD))
    if cell.count:
        return max(cell.lower, SECONDARY_MIN), cell.upper
    return cell.lower, cell.upper


def targets(cell: Cell) -> tuple[float, float]:
    """The interval a hidden small count must keep: [1, 4] (fractional counts: [0, 5]),
    narrowed by what everyone knows (``lower``); a masked count must reach one more."""
    if cell.masked:
        return cell.lower, cell.lower + 1.0
    if float(cell.value).is_integer():
        return max(LOW, cell.lower), HIGH
    return max(0.0, cell.lower), float(THRESHOLD)


def _highs() -> highspy.Highs:
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    return h


def _add_rows(h: highspy.Highs, index: Mapping[Hashable, int], relations: Iterable[Relation],
              rhs: Iterable[float]) -> None:
    for r, b in zip(relations, rhs, strict=True):
        cols = [(index[k], a) for k, a in r.coefficients.items() if k in index and a]
        if not cols:
            continue
        h.addRow(b, b, len(cols), np.array([c for c, _ in cols], dtype=np.int32),
                 np.array([a for _, a in cols], dtype=np.float64))


class Attacker:
    """The linear program of an attacker who sees every cell except ``hidden`` (and knows
    ``known`` ones, e.g. an insider's own): :meth:`interval` of any hidden cell."""

    def __init__(self, tables: LinkedTables, hidden: Iterable[Hashable],
                 known: Iterable[Hashable] = ()) -> None:
        known = set(known)
        free = [k for k in hidden if k not in known] + [
            c.key for c in tables.cells if not c.published and c.key not in known]
        self.free = list(dict.fromkeys(free))
        self.index = {k: i for i, k in enumerate(self.free)}
        self.h = _highs()
        n = len(self.free)
        bounds = [bounds_when_hidden(tables.by_key[k]) for k in self.free]
        self.h.addVars(n, np.array([lo for lo, _ in bounds], dtype=np.float64),
                       np.array([min(hi, highspy.kHighsInf) for _, hi in bounds],
                                dtype=np.float64))
        rhs = [r.constant - sum(a * tables.by_key[k].value for k, a in r.coefficients.items()
                                if k not in self.index) for r in tables.relations]
        _add_rows(self.h, self.index, tables.relations, rhs)

    def interval(self, key: Hashable) -> tuple[float, float]:
        col = self.index[key]
        low, high = (self._optimum({col: 1.0}, minimize=m) for m in (True, False))
        return (-math.inf if low is None else float(low[col]),
                math.inf if high is None else float(high[col]))

    def pinned(self, cells: Iterable[Cell]) -> dict[Hashable, tuple[float, float]]:
        """The ``cells`` (hidden small counts) this attacker narrows to less than their
        :func:`targets`, with their intervals: the same answer as :meth:`interval` per cell.

        Why not an interval per cell: in a protected table most cells cannot be narrowed,
        and any point of the attacker's program with a cell at the end of its range proves
        that side open. So one LP pushes every unsettled cell towards that end at once (its
        optimum usually settles most of them); only when it settles none does each cell get
        an LP of its own (whose optimum may settle others too). Measured in
        ``benchmarks/README.md`` (disclosure)."""
        cells = [c for c in cells if c.key in self.index]
        lows, highs = (self._open_side(cells, minimize=m) for m in (True, False))
        return {c.key: self.interval(c.key) for c in cells
                if c.key not in lows or c.key not in highs}

    def _open_side(self, cells: list[Cell], *, minimize: bool) -> set[Hashable]:
        """The keys of ``cells`` that reach the lower (``minimize``) or upper end of their
        :func:`targets` at some point of the program."""
        def reached(values: np.ndarray | None, pushed: list[Cell]) -> set[Hashable]:
            if values is None:  # unbounded: only a cell pushed alone is open for sure
                return {pushed[0].key} if len(pushed) == 1 else set()
            if minimize:
                return {c.key for c in todo if values[self.index[c.key]] <= targets(c)[0] + TOL}
            return {c.key for c in todo if values[self.index[c.key]] >= targets(c)[1] - TOL}

        todo, open_, together = list(cells), set(), True
        while todo:
            pushed = todo if together else todo[:1]
            got = reached(self._optimum({self.index[c.key]: 1.0 for c in pushed},
                                        minimize=minimize), pushed)
            open_ |= got
            if together and not got:
                together = False
                continue
            todo = [c for c in (todo if together else todo[1:]) if c.key not in got]
        return open_

    def _optimum(self, costs: Mapping[int, float], *, minimize: bool) -> np.ndarray | None:
        """The column values at an optimum of the sum of ``costs``; None if unbounded."""
        n = len(self.free)
        vector = np.zeros(n)
        vector[list(costs)] = list(costs.values())
        self.h.changeColsCost(n, np.arange(n, dtype=np.int32), vector)
        self.h.changeObjectiveSense(highspy.ObjSense.kMinimize if minimize
                                    else highspy.ObjSense.kMaximize)
        self.h.run()
        status = self.h.getModelStatus()
        if status == highspy.HighsModelStatus.kUnbounded:
            return None
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"attacker LP: {self.h.modelStatusToString(status)}")
        return np.asarray(self.h.getSolution().col_value, dtype=np.float64)


def intervals(tables: LinkedTables, hidden: Iterable[Hashable],
              known: Iterable[Hashable] = ()) -> dict[Hashable, tuple[float, float]]:
    """For each hidden published cell, the smallest and largest value an attacker can derive
    from the published cells (and ``known`` ones), the relations and
    :func:`bounds_when_hidden` (a linear program per cell and direction)."""
    attacker = Attacker(tables, hidden, known)
    return {k: attacker.interval(k) for k in attacker.free if tables.by_key[k].published}


def own_figures(tables: LinkedTables, known: Iterable[Hashable]) -> set[Hashable]:
    """The small counts an insider pins from its own cells and the published zeros alone
    (e.g. a region's 3 unmet clients, all of them its own, the other municipalities' 0):
    they tell it nothing about anyone else, so they need no protection from it."""
    known = set(known)
    seen = [c.key for c in tables.cells if c.key not in known
            and not (c.published and c.count and abs(c.value) < TOL)]
    alone = Attacker(tables, seen, known)
    return set(alone.pinned(tables.by_key[key] for key in tables.primaries()
                            if key not in known))


def unprotected(tables: LinkedTables, hidden: Iterable[Hashable],
                insiders: Mapping[str, Iterable[Hashable]] | None = None
                ) -> list[tuple[str, Hashable, tuple[float, float]]]:
    """Small counts an attacker can pin tighter than their range: (attacker, cell,
    interval); attacker ``"public"`` or an insider's name."""
    hidden = set(hidden)
    out = []
    for who, known in {"public": (), **(insiders or {})}.items():
        known = set(known)
        attacker = Attacker(tables, hidden, known)
        own = own_figures(tables, known) if known else set()
        found = attacker.pinned(tables.by_key[key] for key in
                                _targets(tables, known, who == "public", hidden)
                                if key not in own)
        out.extend((who, key, interval) for key, interval in found.items())
    return out


def protect(tables: LinkedTables, *, insiders: Mapping[str, Iterable[Hashable]] | None = None,
            hidden: Iterable[Hashable] = ()) -> frozenset[Hashable]:
    """Primary cells (small counts) plus the complementary cells that protect them, for the
    public and for every insider (module docstring). ``hidden`` are cells hidden anyway."""
    chosen = set(hidden) | set(tables.primaries())
    for who, known in {"public": (), **(insiders or {})}.items():
        known = set(known)
        attacker = Attacker(tables, chosen, known)
        own = own_figures(tables, known) if known else set()
        todo = [key for key in _targets(tables, known, who == "public", chosen)
                if key not in own]
        # Hiding more only widens intervals, so a cell open now stays open: only the cells
        # pinned now are looked at again, in order, as complements are added.
        pinned = attacker.pinned(tables.by_key[key] for key in todo)
        for key in (k for k in todo if k in pinned):
            for direction in (+1, -1):
                lo, hi = attacker.interval(key)
                want_lo, want_hi = targets(tables.by_key[key])
                if (hi >= want_hi - TOL) if direction > 0 else (lo <= want_lo + TOL):
                    continue
                extra = _complement(tables, key, direction, chosen, known)
                if extra - chosen:
                    chosen |= extra
                    attacker = Attacker(tables, chosen, known)
    return frozenset(chosen)


def _targets(tables: LinkedTables, known: set[Hashable], public: bool,
             hidden: set[Hashable]) -> list[Hashable]:
    """The small counts to protect against one attacker: for an insider those of this table
    (``known`` are the insider's own); for the public also the given ones that this table's
    cells reach through hidden ones (a given cell's table protects it on its own, and a
    shown cell is a constant that links nothing)."""
    own = [k for k in tables.primaries() if k not in known and not tables.by_key[k].fixed]
    if not public:
        return own
    reached = _reached(tables, hidden)
    return [k for k in tables.primaries() if k in reached and tables.by_key[k].fixed] + own


def _reached(tables: LinkedTables, hidden: set[Hashable]) -> set[Hashable]:
    """Cells linked to a cell of this table (not given) through cells that are not given, or
    given and hidden or unpublished."""
    def open_(k: Hashable) -> bool:
        c = tables.by_key[k]
        return not c.fixed or k in hidden or not c.published

    todo = [c.key for c in tables.cells if not c.fixed]
    seen = set(todo)
    while todo:
        k = todo.pop()
        for i in tables._touching.get(k, ()):
            for other in tables.relations[i].coefficients:
                if other not in seen and open_(other):
                    seen.add(other)
                    todo.append(other)
    return seen


def given(tables: LinkedTables, hidden: Iterable[Hashable]) -> tuple[list[Cell], set[Hashable]]:
    """The cells of a table published elsewhere, as given cells of another, and which of them
    are hidden there."""
    return [replace(c, fixed=True) for c in tables.cells], set(hidden) & set(tables.by_key)


def _complement(tables: LinkedTables, key: Hashable, direction: int, hidden: set[Hashable],
                known: set[Hashable]) -> set[Hashable]:
    """The cheapest cells to hide so that ``key`` can reach the end of its range."""
    cells, relations = tables.component(key)
    cell = tables.by_key[key]
    want_lo, want_hi = targets(cell)
    shift = (want_hi if direction > 0 else want_lo) - cell.value
    free = [k for k in cells if k not in known and (
        k in hidden or not tables.by_key[k].published or _may_hide(tables.by_key[k]))]
    n = len(free)
    index = {k: i for i, k in enumerate(free)}
    candidates = [k for k in free if k not in hidden and tables.by_key[k].published]
    h = _highs()
    lower, upper = np.zeros(n), np.zeros(n)
    for k, i in index.items():
        c = tables.by_key[k]
        lo, hi = bounds_when_hidden(c)
        lower[i], upper[i] = lo - c.value, min(hi, c.value + _big_m(c)) - c.value
    lower[index[key]] = upper[index[key]] = shift
    h.addVars(n, lower, upper)
    _add_rows(h, index, relations, [0.0] * len(relations))
    z0 = n
    if candidates:
        h.addVars(len(candidates), np.zeros(len(candidates)), np.ones(len(candidates)))
        h.changeColsIntegrality(len(candidates), np.arange(z0, z0 + len(candidates),
                                                           dtype=np.int32),
                                np.array([highspy.HighsVarType.kInteger] * len(candidates)))
        h.changeColsCost(len(candidates), np.arange(z0, z0 + len(candidates), dtype=np.int32),
                         np.array([tables.by_key[k].cost for k in candidates]))
        for j, k in enumerate(candidates):
            i = index[k]
            # lower_i * z <= d_i <= upper_i * z
            h.addRow(0.0, highspy.kHighsInf, 2, np.array([i, z0 + j], dtype=np.int32),
                     np.array([1.0, -lower[i]]))
            h.addRow(-highspy.kHighsInf, 0.0, 2, np.array([i, z0 + j], dtype=np.int32),
                     np.array([1.0, -upper[i]]))
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        # Nothing the relations allow protects it: hide every cell linked to it.
        return set(candidates)
    z = h.getSolution().col_value[z0:]
    return {k for k, v in zip(candidates, z, strict=True) if v > 0.5}


def _may_hide(cell: Cell) -> bool:
    """Zero counts stay published (a hidden zero would read as '>= 5'); so do given cells."""
    return not cell.fixed and not (cell.count and abs(cell.value) < TOL)


def _big_m(cell: Cell) -> float:
    """How far a hidden cell may move in a perturbation: generous for any table here."""
    return 10.0 * max(abs(cell.value), 10.0) + 100.0
