"""Who runs a background job, and how any app process tells that its owner has died.

Optimizer runs (``planning.store.runs``) and sweeps (``planning.store.sweeps``) run in the
app process that started them. Their rows name that process, the **owner**
(:func:`owner_name`: the replica, then the process id), and carry a **heartbeat** the owner
renews every ``lease / 8`` seconds while the job is unfinished (:class:`Heartbeat`). Any app
process on the same database — the one restarted, or another replica — marks an
unfinished job of another owner ``interrupted`` (:func:`mark_dead`) when

- the owner is a process of this replica that is gone (a restart after the app was
  killed: at once), or
- its heartbeat (before the first one: its submission) is older than the lease
  (``DI_RUN_LEASE_SECONDS``, default 120 s): a replica that died, was stopped, or lost
  its database for longer than that.

The marking is a compare-and-set on the heartbeat it read, so a job whose owner renewed it
meanwhile is left alone. A replica is named by ``DI_REPLICA`` if set, else by the host name
and its PID namespace (two containers sharing a host name do not read each other's process
ids as their own).

>>> is_dead("elsewhere/pid:[1]:7", last=None, now=utcnow(), lease=120.0)
True
"""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from functools import cache

from sqlalchemy import Engine, update
from sqlmodel import Session, SQLModel, col, select

from planning.store.db import transaction
from planning.store.tables import utcnow

LEASE_ENV = "DI_RUN_LEASE_SECONDS"
REPLICA_ENV = "DI_REPLICA"
DEFAULT_LEASE_SECONDS = 120.0
BEATS_PER_LEASE = 8
INTERRUPTED = "interrupted"

log = logging.getLogger(__name__)


def lease_seconds() -> float:
    """``DI_RUN_LEASE_SECONDS`` if a positive number, else 120."""
    try:
        value = float(os.environ.get(LEASE_ENV) or DEFAULT_LEASE_SECONDS)
    except ValueError:
        return DEFAULT_LEASE_SECONDS
    return value if 0 < value < float("inf") else DEFAULT_LEASE_SECONDS


@cache
def _pid_namespace() -> str:
    try:
        return os.readlink("/proc/self/ns/pid")
    except OSError:
        return ""


def replica_name() -> str:
    """``DI_REPLICA``, else ``<host name>/<PID namespace>``."""
    return os.environ.get(REPLICA_ENV) or f"{socket.gethostname()}/{_pid_namespace()}"


def owner_name() -> str:
    """This process as a job's owner: ``<replica>:<pid>``."""
    return f"{replica_name()}:{os.getpid()}"


def alive(pid: int) -> bool:
    """Whether process ``pid`` of this PID namespace runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def is_dead(owner: str, *, last: datetime | None, now: datetime, lease: float) -> bool:
    """Whether the owner of an unfinished job is gone: a process of this replica that no
    longer runs, or a heartbeat (``last``) older than ``lease`` seconds (or none at all)."""
    if owner == owner_name():
        return False
    name, _, pid = owner.rpartition(":")
    if name == replica_name() and pid.isdigit() and not alive(int(pid)):
        return True
    return last is None or now - last > timedelta(seconds=lease)


def renew(engine: Engine, model: type[SQLModel], *, state: str,
          unfinished: Sequence[str]) -> int:
    """Set the heartbeat of this process's unfinished rows of ``model`` to now."""
    with Session(engine) as session, transaction(session):
        return session.execute(
            update(model)
            .where(col(model.owner) == owner_name(),  # type: ignore[attr-defined]
                   col(getattr(model, state)).in_(unfinished))
            .values(heartbeat_at=utcnow())).rowcount


def mark_dead(engine: Engine, model: type[SQLModel], *, state: str,
              unfinished: Sequence[str], since: str, error: str,
              lease: float | None = None) -> int:
    """Mark ``interrupted`` (with ``error``) the unfinished rows of ``model`` whose owner
    :func:`is_dead`; ``since`` names the column read when a row has no heartbeat yet.
    Returns how many rows were marked."""
    lease = lease_seconds() if lease is None else lease
    state_col = col(getattr(model, state))
    beat_col = col(model.heartbeat_at)  # type: ignore[attr-defined]
    id_col = col(model.id)  # type: ignore[attr-defined]
    now = utcnow()
    marked = 0
    with Session(engine) as session, transaction(session):
        rows = session.execute(
            select(id_col, col(model.owner), beat_col,  # type: ignore[attr-defined]
                   col(getattr(model, since)))
            .where(state_col.in_(unfinished))).all()
        for row_id, owner, beat, started in rows:
            if not is_dead(owner, last=beat or started, now=now, lease=lease):
                continue
            same_beat = beat_col.is_(None) if beat is None else beat_col == beat
            marked += session.execute(
                update(model).where(id_col == row_id, state_col.in_(unfinished), same_beat)
                .values({state: INTERRUPTED, "error": error, "finished_at": now})).rowcount
    return marked


class Heartbeat:
    """A daemon thread calling ``beat()`` every ``every`` seconds until :meth:`stop`; a
    failing beat (the database away) is logged and tried again at the next one."""

    def __init__(self, beat: Callable[[], object], every: float, name: str) -> None:
        self._beat = beat
        self._every = every
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stopped.wait(self._every):
            try:
                self._beat()
            except Exception:  # the next beat tries again; the thread must not end
                log.exception("heartbeat %s failed", self._thread.name)

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(self._every + 5)
