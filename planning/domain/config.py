"""Settings from the environment, each with a working default."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
LOCAL_TZ = ZoneInfo("Europe/Riga")  # stored moments are UTC; people read Riga time


@dataclass(frozen=True)
class Settings:
    database_url: str
    data_dir: Path
    division: str
    boundaries: str
    sso: bool = False


def default_database_url() -> str:
    return f"sqlite:///{PROJECT_ROOT / 'di_plan.db'}"


def get_settings() -> Settings:
    """Read settings: DATABASE_URL, DI_DATA_DIR, DI_DIVISION (2025|2021), DI_BOUNDARIES,
    DI_SSO (1: offer single sign-on through Streamlit's OIDC login besides passwords)."""
    return Settings(
        database_url=os.environ.get("DATABASE_URL") or default_database_url(),
        data_dir=Path(os.environ.get("DI_DATA_DIR") or DATA_DIR),
        division=os.environ.get("DI_DIVISION", "2025"),
        boundaries=os.environ.get("DI_BOUNDARIES", "amcharts"),
        sso=os.environ.get("DI_SSO", "").strip().lower() in ("1", "true", "yes", "on"),
    )
