"""Review Desk's domain: pure Python, no Qt. The UI and the command line talk to `Desk`."""
from .desk import Desk
from .errors import (
    Cancelled,
    DamagedDatabase,
    DeskBusy,
    ImportFailed,
    InvalidInput,
    NotFound,
    Problem,
    ReviewError,
    TransitionRefused,
)
from .model import Actor

__all__ = [
    "Actor", "Cancelled", "Desk", "DamagedDatabase", "DeskBusy", "ImportFailed", "InvalidInput", "NotFound",
    "Problem", "ReviewError", "TransitionRefused",
]
