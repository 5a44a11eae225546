"""Times as people read them in the window: this computer's time zone, unambiguous in any locale."""
from __future__ import annotations

from datetime import datetime, timezone


def event_time(at: str | None, now: datetime | None = None) -> str:
    """When something was done (an ISO UTC stamp): "12:03" today, "2026-12-01 09:30" before."""
    try:
        moment = datetime.fromisoformat(at or "")
    except ValueError:
        return at or ""
    if moment.tzinfo is None:  # our stamps are UTC
        moment = moment.replace(tzinfo=timezone.utc)
    local = moment.astimezone()
    today = (now or datetime.now().astimezone()).date()
    return local.strftime("%H:%M" if local.date() == today else "%Y-%m-%d %H:%M")
