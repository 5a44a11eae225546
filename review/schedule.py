"""`schedule-passed`: an approval that comes too late to publish in the post's slot.

A post is marked when it became publishable after its scheduled time (approved, or signed off
in a batch that needs sign-off, after that time), or when it still waits for sign-off and its
time has passed. So an approval that arrived by USB after the slot is never published as if
it were on time. Times without an offset are the batch's local time, as everywhere else.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .model import APPROVED, AWAITING_SIGNOFF, EXPORTED

SCHEDULE_PASSED = "schedule-passed"


def schedule_passed(post: Mapping[str, Any] | Any, zone: str | None,
                    now: datetime | None = None) -> bool:
    """Whether `post` (a posts row, or a PostState) is `schedule-passed` at `now` (default:
    this moment); `zone`: its batch's time zone."""
    get = post.get if isinstance(post, Mapping) else lambda name: getattr(post, name)
    slot = _moment(get("scheduled_at"), zone)
    if slot is None:
        return False
    state = get("state")
    if state == AWAITING_SIGNOFF:
        return (now or datetime.now(timezone.utc)) > slot
    if state in (APPROVED, EXPORTED):
        ready = _moment(get("signed_off_at") or get("approved_at"), "UTC")
        return ready is not None and ready > slot
    return False


def _moment(iso: str | None, zone: str | None) -> datetime | None:
    """An aware datetime, or None for no time or one that cannot be read (such a post is not
    marked: nothing says it is late)."""
    if not iso:
        return None
    try:
        moment = datetime.fromisoformat(iso.replace("Z", "+00:00"))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(zone or "UTC"))
    except (ValueError, OverflowError, ZoneInfoNotFoundError):
        return None
    return moment
