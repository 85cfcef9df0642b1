"""Kept suppressions (issue 13): the cells the public may not see of a published plan and
of the map page.

Choosing them (:mod:`planning.domain.disclosure`) takes seconds for a region and longer for
all of Latvia, is the same for every reader, and depends only on figures that never change
under one key (:func:`planning.domain.public_plan.suppression_key`,
:func:`map_key`). So it is chosen once — when a plan is published or approved, or else at
its first public open — and kept in the database, where every app process and every
replica finds it. A kept entry is derived data: losing it costs only the time to choose it
again.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Hashable

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from planning.domain import geo, public_plan, public_reference
from planning.store.tables import SuppressionCache


def _encoded(hidden: frozenset[Hashable]) -> str:
    return json.dumps(sorted((list(k) if isinstance(k, tuple) else k for k in hidden),
                             key=json.dumps))


def _decoded(text: str) -> frozenset[Hashable]:
    return frozenset(tuple(k) if isinstance(k, list) else k for k in json.loads(text))


def kept(session: Session, key: str, choose: Callable[[], frozenset[Hashable]]
         ) -> frozenset[Hashable]:
    """The hidden cells kept under ``key``, or those ``choose`` returns, then kept (where
    another process kept the same key first, its entry stands: both chose the same)."""
    row = session.get(SuppressionCache, key)
    if row is not None:
        return _decoded(row.hidden_json)
    started = time.perf_counter()
    hidden = frozenset(choose())
    session.add(SuppressionCache(key=key, hidden_json=_encoded(hidden),
                                 seconds=round(time.perf_counter() - started, 3)))
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
    return hidden


def map_key(division: str) -> str:
    """A key of the map page's figures and of the code that protects them."""
    return hashlib.sha256(f"map\0{public_reference.fingerprint(division)}\0"
                          f"{public_plan.code_fingerprint()}".encode()).hexdigest()


def protected_map(session: Session, division: str = geo.DEFAULT_DIVISION
                  ) -> public_reference.ProtectedReference:
    """The map page's protection (:func:`public_reference.protected_reference`), kept."""
    hidden = kept(session, map_key(division),
                  lambda: public_reference.protected_reference(division).hidden)
    return public_reference.keep(division, hidden)
