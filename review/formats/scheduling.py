"""Bulk-upload CSVs of scheduling tools: approved posts go straight into a publishing calendar.

Two layouts, each as the tool's own help pages describe it (sources in the README, "Exports"):

- `hootsuite`: Hootsuite's bulk message upload (Publisher > Bulk Composer). No header row; three
  columns: date and time `DD/MM/YYYY HH:MM` (24-hour; choose "day/month/year" when uploading),
  message, link. One social profile per file, at most 350 messages.
- `highlevel`: the HighLevel Social Planner "Basic CSV" (Marketing > Social Planner > Bulk
  Schedule via CSV). Header `postAtSpecificTime,content,link,imageUrls,gifUrl,videoUrls`; time
  `YYYY-MM-DD HH:MM:SS` (24-hour); at most 90 posts per file.

Times are the post's scheduled time in the batch's time zone (a time imported with another
offset is converted), since both tools read them in the account's zone. A post without a
scheduled time (or with one outside 1970-2200, which imports refuse but an older database may
hold) cannot go into a bulk schedule, and neither tool can publish a YouTube video from a CSV row
without a video file: such posts are left out, counted, and stay approved (not marked exported). The text goes out exactly as approved: these files are read by the tool, not by a
person in a spreadsheet, and a leading `'` (the core CSV's guard) would be published with the
post — `@UNICEF …`, `+263 …` and `- …` are ordinary posts. A post that begins with `=` (or a
tab or carriage return) is the one a spreadsheet would run as a formula if someone opened the
file: it is left out and counted rather than changed; export it as CSV to see it.
"""
from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from typing import IO, Any
from zoneinfo import ZoneInfo

from ..errors import InvalidInput
from ..texts import Said, said
from .rows import in_time_range

_FORMULA = ("=", "\t", "\r")  # what a spreadsheet runs; "@", "+", "-" start ordinary posts

LAYOUTS: dict[str, dict[str, Any]] = {
    "hootsuite": {"tool": "Hootsuite bulk composer", "limit": 350, "one_platform": True,
                  "header": None, "time": "%d/%m/%Y %H:%M"},
    "highlevel": {"tool": "HighLevel Social Planner", "limit": 90, "one_platform": False,
                  "header": ("postAtSpecificTime", "content", "link", "imageUrls", "gifUrl",
                             "videoUrls"),
                  "time": "%Y-%m-%d %H:%M:%S"},
}


def skip_reason(row: dict[str, Any]) -> Said | None:
    """Why a post cannot go into a scheduling tool's CSV (it is left out and counted), or None."""
    if not row.get("scheduled_at"):
        return said("skip-no-time")
    if not _placeable(row["scheduled_at"]):
        return said("skip-time-range")
    if row["platform"] == "youtube":
        return said("skip-youtube")
    if any((row[key] or "").startswith(_FORMULA) for key in ("final_text", "link")):
        return said("skip-formula")
    return None


def check_posts(layout: str, rows: list[dict[str, Any]]) -> None:
    """Refuse what the tool would refuse as a whole: too many posts, several profiles."""
    spec = LAYOUTS[layout]
    if len(rows) > spec["limit"]:
        raise InvalidInput(said("schedule-too-many", tool=spec["tool"], limit=spec["limit"],
                                count=len(rows)))
    platforms = sorted({row["platform"] for row in rows})
    if spec["one_platform"] and len(platforms) > 1:
        raise InvalidInput(said("schedule-one-profile", tool=spec["tool"],
                                platforms=", ".join(platforms)))


def write_schedule(stream: IO[bytes], rows: list[dict[str, Any]], layout: str,
                   zone: str) -> None:
    spec = LAYOUTS[layout]
    text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
    try:
        writer = csv.writer(text, lineterminator="\r\n")
        if spec["header"]:
            writer.writerow(spec["header"])
        for row in rows:
            when = local_time(row["scheduled_at"], zone).strftime(spec["time"])
            cells = [when, row["final_text"], row["link"]]
            if spec["header"]:
                cells += [""] * (len(spec["header"]) - len(cells))
            writer.writerow(cells)
        text.flush()
    finally:
        text.detach()  # the caller owns `stream`


def _placeable(scheduled_at: str) -> bool:
    """Whether an export row's time (with an offset) can go into a calendar: a time stored
    before imports checked the years (9999, or year 1) would fail to convert to the batch's
    zone, and no tool schedules posts there anyway."""
    try:
        moment = datetime.fromisoformat(scheduled_at)
        utc = moment.astimezone(timezone.utc).replace(tzinfo=None)
    except (ValueError, OverflowError):
        return False
    return moment.tzinfo is not None and in_time_range(utc)


def local_time(scheduled_at: str, zone: str) -> datetime:
    """An export row's scheduled time (always with an offset) in the batch's time zone."""
    return datetime.fromisoformat(scheduled_at).astimezone(ZoneInfo(zone))


def with_offset(scheduled_at: str | None, zone: str) -> str:
    """A scheduled time without an offset is the batch's local time; scheduling tools need one."""
    if not scheduled_at:
        return ""
    try:
        moment = datetime.fromisoformat(scheduled_at)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=ZoneInfo(zone))
        return moment.isoformat()
    except (ValueError, OverflowError):  # stored before imports checked times: as it is
        return scheduled_at
