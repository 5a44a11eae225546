"""The review report as one self-contained HTML file a coordinator can e-mail to HQ.

Inline CSS, inline SVG charts (charts.py), no script, no link, no image file: it opens the same
offline, in a mail client's preview or a browser. Every piece of user data goes through
`escape()`: a post that says `<script>` shows the word, it never runs. Texts carry their `lang`
so browsers pick CJK fonts. The report's own words are English (HQ reads English reports).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from . import mqm
from .errors import ReviewError, stop_if
from .formats.atomic import check_output, write_atomically
from .report import PostFigures, ReportData, gather
from .textdiff import diff_segments
from .texts import counted, said


@dataclass(frozen=True)
class ReportResult:
    path: Path
    posts: int
    scored: int
    quality: float | None  # the batch's MQM quality, None when nothing was scored


def write_report(desk, batch: str | None, out: str | os.PathLike, should_stop=None) -> ReportResult:
    """Gather the figures and write the report to `out` atomically (whole or not at all)."""
    out = check_output(out)  # before the work: a name that cannot be written is said at once
    data = gather(desk, batch, should_stop)
    page = render(data, should_stop).encode("utf-8")
    try:
        write_atomically(out, lambda stream: stream.write(page))
    except OSError as err:
        raise ReviewError(said("cannot-write-report", path=out,
                               detail=err.strerror or str(err))) from None
    score = data.score
    return ReportResult(out, len(data.posts), len(data.scored), score.quality if score else None)


CSS = """
body { font-family: 'Noto Sans', 'DejaVu Sans', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif;
       color: #212529; background: #f8f9fa; margin: 0; padding: 24px; line-height: 1.45; }
main { max-width: 1100px; margin: auto; }
h1 { font-size: 26px; margin: 0 0 4px; } h2 { font-size: 20px; margin: 32px 0 8px; }
.meta { color: #6c757d; margin: 0 0 16px; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; }
.figure { background: #fff; border: 1px solid #dee2e6; border-radius: 6px; padding: 10px 14px; min-width: 140px; }
.figure b { display: block; font-size: 22px; }
.charts { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.charts svg { border: 1px solid #dee2e6; border-radius: 6px; max-width: 100%; height: auto; }
table { border-collapse: collapse; background: #fff; }
th, td { border: 1px solid #dee2e6; padding: 4px 8px; text-align: left; vertical-align: top; }
td.n { text-align: right; }
article { background: #fff; border: 1px solid #dee2e6; border-radius: 6px; padding: 12px 16px; margin: 12px 0; }
article h3 { font-size: 16px; margin: 0 0 6px; }
.texts { display: grid; grid-template-columns: repeat(3, 1fr); gap: 8px; }
.texts div { border: 1px solid #e9ecef; border-radius: 4px; padding: 6px 8px; white-space: pre-wrap; }
.texts h4, article h4 { font-size: 12px; text-transform: uppercase; color: #6c757d; margin: 0 0 4px; }
.changes { white-space: pre-wrap; border: 1px solid #e9ecef; border-radius: 4px; padding: 6px 8px; margin-top: 8px; }
del { color: #c92a2a; background: #fff0f0; } ins { color: #2b8a3e; background: #ebfbee; }
.state { display: inline-block; border-radius: 10px; padding: 0 8px; background: #e9ecef; }
.state.approved, .state.exported { background: #d3f9d8; } .state.rejected { background: #ffe3e3; }
.state.changes_requested, .state.awaiting_signoff { background: #fff3bf; }
.sev-minor { color: #a36a00; } .sev-major { color: #d9480f; } .sev-critical { color: #b91c1c; font-weight: bold; }
.quiet { color: #6c757d; }
@media (max-width: 720px) { .texts { grid-template-columns: 1fr; } }
"""


def render(data: ReportData, should_stop=None) -> str:
    parts = [_head(data), _summary(data), _charts(data), _reviewers(data), _method()]
    parts.append(f"<h2>Posts ({len(data.posts)})</h2>")
    for index, post in enumerate(data.posts):
        if index % 500 == 0:
            stop_if(should_stop, "the report")
        parts.append(_post(post, data.time_zone))
    parts.append("</main></body></html>\n")
    return "".join(parts)


def e(value: Any) -> str:
    """User data as HTML text: nothing in it can become markup."""
    return escape("" if value is None else str(value), quote=True)


def _head(data: ReportData) -> str:
    title = f"Review report: {data.title}"
    batch = data.batch
    details = [f"generated {e(data.generated_at)} by Review Desk", f"times in {e(data.time_zone)}"]
    if batch:
        details += [f"title: {e(batch['title'])}" if batch["title"] else "",
                    f"from {e(batch['origin'])}", f"time zone {e(batch['timezone'])}",
                    f"due {e(batch['due'])}" if batch.get("due") else "",
                    "rewrites need a coordinator's sign-off" if batch["require_signoff"] else ""]
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title><style>{CSS}</style></head><body><main>"
            f"<h1>{e(title)}</h1><p class=\"meta\">{' · '.join(d for d in details if d)}</p>")


def _figure(label: str, value: str) -> str:
    return f'<div class="figure"><b>{value}</b>{label}</div>'


def _summary(data: ReportData) -> str:
    score = data.score
    states = data.states
    figures = [_figure("posts", str(len(data.posts)))]
    figures += [_figure(e(state.replace("_", " ")), str(n)) for state, n in sorted(states.items())]
    if score is None:
        figures.append(_figure("MQM quality (no post decided yet)", "–"))
    else:
        figures += [_figure(f"MQM quality over {len(data.scored)} decided posts", f"{score.quality:.1f}"),
                    _figure("penalty points per 100 words/characters", f"{score.per_100:.2f}"),
                    _figure(f"errors counted ({score.points:g} points)", str(data.counted_errors))]
    figures.append(_figure("rewrites", str(data.rewrites)))
    return f'<h2>Summary</h2><div class="figures">{"".join(figures)}</div>'


def _charts(data: ReportData) -> str:
    charts = data.charts(width=540)
    return '<h2>Charts</h2><div class="charts">' + "".join(charts.values()) + "</div>"


def _reviewers(data: ReportData) -> str:
    if not data.reviewers:
        return "<h2>Reviewers</h2><p class=\"quiet\">Nobody has decided, rewritten or annotated a post yet.</p>"
    kinds = ("approved", "changes requested", "rejected", "signed off", "reopened")
    head = "".join(f"<th>{k}</th>" for k in ("reviewer", "posts decided") + kinds + ("rewrites", "annotations"))
    rows = []
    for r in data.reviewers:
        cells = [r.decided] + [r.decisions[k] for k in kinds] + [r.rewrites, r.annotations]
        rows.append(f"<tr><td>{e(r.name)}</td>" + "".join(f'<td class="n">{c}</td>' for c in cells) + "</tr>")
    return f"<h2>Reviewers</h2><table><tr>{head}</tr>{''.join(rows)}</table>"


def _method() -> str:
    w = mqm.WEIGHTS
    return (
        "<h2>How the MQM score is computed</h2><p>Each error annotated on HQ's latest draft of a "
        f"decided post costs penalty points by severity: neutral {w['neutral']:g}, minor {w['minor']:g}, "
        f"major {w['major']:g}, critical {w['critical']:g}; a minor punctuation error "
        f"{mqm.MINOR_PUNCTUATION_WEIGHT:g}. Open and resolved annotations count; deleted and undone "
        "ones do not. Points are divided by the draft's length per 100 words (per 100 characters "
        "for Chinese and Japanese): quality = 100 − points per 100, never below 0. The batch "
        "score is its total points over its total length, not the mean of the posts' scores. "
        "Annotations on reviewers' rewrites are listed with their post but not scored.</p>")


def _post(post: PostFigures, zone: str) -> str:
    row = post.row
    src, tgt = e(row["source_lang"]), e(row["target_lang"])
    head = (f'<article id="post-{e(row["id"])}"><h3>{e(row["external_id"])} '
            f'<span class="state {e(row["state"])}">{e(row["state"].replace("_", " "))}</span> '
            f'<span class="quiet">{e(row["platform"])} · {src} → {tgt} · id {e(row["id"])}'
            f'{" · scheduled " + e(row["scheduled_at"]) if row["scheduled_at"] else ""}</span></h3>')
    parts = [head, _decision_line(post, zone)]
    if row["notes"]:
        parts.append(f"<p><b>HQ notes:</b> {e(row['notes'])}</p>")
    final = post.final
    final_label = (f"Final text (rewrite {final['number']} by {e(final['author'])})"
                   if final["kind"] != "draft" else "Final text (HQ's draft, unchanged)")
    parts.append(
        '<div class="texts">'
        f'<div lang="{src}"><h4>Source</h4>{e(row["source_text"])}</div>'
        f'<div lang="{tgt}"><h4>HQ draft</h4>{e(post.draft["text"])}</div>'
        f'<div lang="{tgt}"><h4>{final_label}</h4>{e(final["text"])}</div></div>')
    if final["id"] != post.draft["id"]:
        parts.append(f'<div class="changes" lang="{tgt}"><h4>Changes to the draft</h4>'
                     f'{_diff_html(post.draft["text"], final["text"])}</div>')
    parts += [_back_translations(post), _annotations(post), "</article>"]
    return "".join(parts)


def local_time(at: str, zone: str) -> str:
    """An event's UTC time as a person reads it, in the report's time zone."""
    return datetime.fromisoformat(at).astimezone(ZoneInfo(zone)).strftime("%Y-%m-%d %H:%M")


def _decision_line(post: PostFigures, zone: str) -> str:
    bits = []
    decision = post.decision
    if decision:
        bits.append(f"<b>{e(decision.kind.capitalize())}</b> by {e(decision.actor)} on "
                    f"{e(local_time(decision.at, zone))}")
        if decision.reason:
            bits.append(f"reason: {e(decision.reason)}")
    if post.approved_despite:
        bits.append(f"approved despite {counted(len(post.approved_despite), 'open error')}: "
                    + "; ".join(e(item) for item in post.approved_despite))
    if post.row["signed_off_by"] and (not decision or decision.kind != "signed off"):
        bits.append(f"signed off by {e(post.row['signed_off_by'])}")
    if post.score is not None:
        s = post.score
        points = "1 point" if s.points == 1 else f"{s.points:g} points"
        bits.append(f"MQM quality <b>{s.quality:.1f}</b> ({points} over {s.length} {post.unit})")
    else:
        bits.append('<span class="quiet">not scored: not decided yet</span>')
    return "<p>" + " · ".join(bits) + "</p>"


def _diff_html(old: str, new: str) -> str:
    tags = {"equal": "{}", "delete": "<del>{}</del>", "insert": "<ins>{}</ins>"}
    return "".join(tags[op].format(e(text)) for op, text in diff_segments(old, new))


def _back_translations(post: PostFigures) -> str:
    glosses = [r for r in post.revisions if r["back_translation"]]
    if not glosses:
        return ""
    items = "".join(f"<li>rewrite {r['number']} ({e(r['author'])}): {e(r['back_translation'])}</li>"
                    for r in glosses)
    return f"<h4>Back-translations for HQ</h4><ul>{items}</ul>"


def _annotations(post: PostFigures) -> str:
    if not post.annotations:
        return ""
    texts = {r["id"]: r for r in post.revisions}
    rows = []
    for a in post.annotations:
        revision = texts.get(a["revision_id"])
        where = (f"{'draft' if revision['kind'] == 'draft' else 'rewrite'} {revision['number']}"
                 if revision else "?")
        excerpt = revision["text"][a["start"]:a["end"]] if revision else ""
        if a.get("picture"):  # an annotation of a picture as a whole
            excerpt, where = f"[{a['picture']}]", "picture"
        category = e(a["category"]) + (f" / {e(a['subcategory'])}" if a["subcategory"] else "")
        points = f"{mqm.penalty(a['severity'], a['subcategory']):g}" if post.counted(a) else "–"
        rows.append(
            f'<tr><td lang="{e(post.row["target_lang"])}">{e(excerpt)}</td><td>{where}</td>'
            f'<td>{category}</td><td class="sev-{e(a["severity"])}">{e(a["severity"])}</td>'
            f'<td class="n">{points}</td><td>{e(a["comment"])}</td><td>{e(a["author"])}</td>'
            f'<td>{e(a["status"])}</td></tr>')
    head = "".join(f"<th>{h}</th>" for h in ("text", "on", "category", "severity", "points",
                                            "comment", "by", "status"))
    return f"<h4>Annotations</h4><table><tr>{head}</tr>{''.join(rows)}</table>"
