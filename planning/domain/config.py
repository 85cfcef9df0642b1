"""Settings from the environment, each with a working default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
LOCAL_TZ = ZoneInfo("Europe/Riga")  # stored moments are UTC; people read Riga time


def local_today(now: datetime | None = None) -> date:
    """Today in Riga, the day consultation periods and exports are dated by (a server on UTC
    is still on yesterday from midnight to 02:00 or 03:00 in Riga)."""
    return (now or datetime.now(UTC)).astimezone(LOCAL_TZ).date()


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    division: str
    boundaries: str
    sso: bool = False
    idle_minutes: float = 30.0
    client_header: str | None = None


def default_database_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'di_plan.db'}"


def get_settings() -> Settings:
    """Read settings: DATABASE_URL, DI_DATA_DIR, DI_DIVISION (2025|2021), DI_BOUNDARIES,
    DI_SSO (1: offer single sign-on through Streamlit's OIDC login besides passwords),
    DI_IDLE_MINUTES (a signed-in session ends after this long without an action),
    DI_CLIENT_HEADER (a per-client header a reverse proxy sets; sessions are bound to it)."""
    return Settings(
        database_url=os.environ.get("DATABASE_URL") or default_database_url(),
        data_dir=Path(os.environ.get("DI_DATA_DIR") or DATA_DIR),
        division=os.environ.get("DI_DIVISION", "2025"),
        boundaries=os.environ.get("DI_BOUNDARIES", "amcharts"),
        sso=os.environ.get("DI_SSO", "").strip().lower() in ("1", "true", "yes", "on"),
        idle_minutes=_positive(os.environ.get("DI_IDLE_MINUTES"), 30.0),
        client_header=os.environ.get("DI_CLIENT_HEADER", "").strip() or None,
    )


def _positive(text: str | None, default: float) -> float:
    """A positive finite number from the environment, else ``default``."""
    try:
        value = float(text) if text else default
    except ValueError:
        return default
    return value if 0 < value < float("inf") else default
