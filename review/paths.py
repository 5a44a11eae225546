"""Where data lives: the database in the platform's app-data folder, resources beside the code."""
from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "review-desk"
DB_ENV = "REVIEW_DESK_DB"


def default_db_path() -> Path:
    """`$REVIEW_DESK_DB` if set, else the platform's per-user data folder."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    import platformdirs  # only here: it is not needed when --db is given

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "review-desk.sqlite3"


CONFIG_ENV = "REVIEW_DESK_CONFIG"


def config_dir() -> Path:
    """`$REVIEW_DESK_CONFIG` if set, else the platform's per-user config folder: what belongs
    to the person, not to a database (the sync server's password file)."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def data_dir(name: str) -> Path:
    """A shipped data folder (`resources`, `glossaries`), from a checkout or an installed copy."""
    beside_code = Path(__file__).resolve().parent.parent / name
    if beside_code.is_dir():
        return beside_code
    return Path(sys.prefix) / "share" / APP_NAME / name


def sample_batch_files() -> list[Path]:
    return sorted((data_dir("resources") / "sample").glob("*.csv"))
