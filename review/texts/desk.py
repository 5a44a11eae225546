"""The domain's messages about the database, posts and batches, who acts, the workflow's refusals, conflicts (see review/texts/__init__.py)."""
from __future__ import annotations

from ._noop import QT_TRANSLATE_NOOP

MESSAGES = {
    # the database
    "busy": QT_TRANSLATE_NOOP(
        "Messages",
        "the database {path} is busy: another Review Desk window or command is writing to "
        "it; nothing was changed, try again in a moment"),
    "damaged": QT_TRANSLATE_NOOP(
        "Messages",
        "the database {path} is damaged ({detail}); it was not changed. Restore a backup: "
        "`review-desk backup list`, then `review-desk backup restore N` (the window offers the "
        "newest one)"),
    "no-backup": QT_TRANSLATE_NOOP(
        "Messages",
        "there is no backup {number} of {path} ({count} backups); `review-desk backup list` shows "
        "them"),
    "no-backup-one": QT_TRANSLATE_NOOP(
        "Messages",
        "there is no backup {number} of {path} (1 backup); `review-desk backup list` shows it"),
    "cannot-restore": QT_TRANSLATE_NOOP(
        "Messages",
        "could not copy the backup next to {path} ({detail}); nothing was changed: free some "
        "disk space and try again"),
    "restore-while-open": QT_TRANSLATE_NOOP(
        "Messages",
        "{path} is open in a Review Desk window (process {pid}); close it, then restore"),
    "cannot-open": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot open the database {path}: {detail}"),
    "newer-schema": QT_TRANSLATE_NOOP(
        "Messages",
        "{path} was written by a newer Review Desk (schema {version}); update Review Desk "
        "to open it"),
    "cannot-save": QT_TRANSLATE_NOOP(
        "Messages",
        "could not save to {path}: {detail}; nothing was changed. Free some disk space (or check "
        "the drive) and try again"),
    "backup-failed": QT_TRANSLATE_NOOP(
        "Messages",
        "could not make the backup {path} ({detail}); nothing was changed: free some disk space "
        "and try again"),
    "cancelled": QT_TRANSLATE_NOOP(
        "Messages",
        "{what} was cancelled; nothing was changed"),
    # posts, batches, undo
    "no-post": QT_TRANSLATE_NOOP(
        "Messages",
        "no post {key!r}: use an id that `review-desk posts` shows"),
    "no-batch": QT_TRANSLATE_NOOP(
        "Messages",
        "no batch {batch!r} (batches: {known})"),
    "no-batch-yet": QT_TRANSLATE_NOOP(
        "Messages",
        "no batch {batch!r}: this desk holds no batch yet (import one first)"),
    "undo-exported": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} was exported; exported posts cannot be changed"),
    "nothing-to-undo": QT_TRANSLATE_NOOP(
        "Messages",
        "nothing to undo on post {id}"),
    "undo-changed-since": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} changed since ({actor}: {kind}); that action can no longer be undone"),
    "undo-not-yours": QT_TRANSLATE_NOOP(
        "Messages",
        "the latest action on post {id} is {actor}'s ({kind}); only {actor} or a "
        "coordinator can take it back"),
    "rewrite-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "a rewrite cannot be empty; to drop the post, reject it with a reason"),
    "why-gloss-not-current": QT_TRANSLATE_NOOP(
        "Messages", "the revision it glosses is not the post's current one there"),
    "reason-needed": QT_TRANSLATE_NOOP(
        "Messages",
        "{decision} needs a reason (--reason TEXT): HQ reads it"),
    "approve-open-errors": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot approve post {id}: the checks found {count} open errors:\n{findings}\nfix the "
        "text, dismiss a finding that does not apply (`review-desk dismiss`), or approve anyway "
        "with --despite-findings (the findings are recorded with the approval)"),
    "approve-open-errors-one": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot approve post {id}: the checks found 1 open error:\n{findings}\nfix the text, "
        "dismiss the finding if it does not apply (`review-desk dismiss`), or approve anyway with "
        "--despite-findings (the finding is recorded with the approval)"),
    "dismiss-reason-needed": QT_TRANSLATE_NOOP(
        "Messages",
        "say why the check does not apply (--reason TEXT); HQ reads it"),
    "post-ambiguous": QT_TRANSLATE_NOOP(
        "Messages",
        "{key!r} matches {count} posts: {where}; use the post id"),
    "no-revision": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} has no revision {revision}"),
    "span-reversed": QT_TRANSLATE_NOOP(
        "Messages",
        "span {start}-{end} is empty or reversed: the end (the character after the span) must "
        "be greater than the start"),
    "span-outside": QT_TRANSLATE_NOOP(
        "Messages",
        "span {start}-{end} is outside revision {revision} of post {id} ({count} characters); "
        "give 0 <= start < end <= {count}"),
    "span-outside-one": QT_TRANSLATE_NOOP(
        "Messages",
        "span {start}-{end} is outside revision {revision} of post {id} (1 character); give "
        "0 <= start < end <= 1"),
    "no-annotation": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} has no annotation {annotation}"),
    "unknown-choice": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown {what} {value!r}; use one of: {allowed}"),
    "no-such-finding": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} has no finding {key!r} now; its findings: {findings}"),
    "no-finding-at-all": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} has no finding {key!r} now; its findings: none"),
    # who acts
    "actor-unnamed": QT_TRANSLATE_NOOP(
        "Messages",
        "say who you are: a name is needed (--as NAME)"),
    "actor-unusable-name": QT_TRANSLATE_NOOP(
        "Messages",
        "{name!r} is not a usable name: give up to 100 printable characters, no control "
        "characters or line breaks"),
    "unknown-role": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown role {role!r}; use one of: {roles}"),
    # the workflow's refusals (workflow.refuse_reason); {action} and {state} are words the
    # window translates
    "refused-in-state": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot {action} post {id}: it is {state}; {hint}"),
    "hint-pending": QT_TRANSLATE_NOOP(
        "Messages", "open it for review first"),
    "hint-in-review": QT_TRANSLATE_NOOP(
        "Messages", "decide it first"),
    "hint-reopen": QT_TRANSLATE_NOOP(
        "Messages", "reopen it first (with a reason)"),
    "hint-awaiting-signoff": QT_TRANSLATE_NOOP(
        "Messages", "a coordinator must sign it off, or reopen it"),
    "hint-exported": QT_TRANSLATE_NOOP(
        "Messages", "exported posts cannot be changed"),
    "hint-conflict": QT_TRANSLATE_NOOP(
        "Messages", "a coordinator must first keep one of its versions (review-desk conflicts)"),
    "coordinator-only-signoff": QT_TRANSLATE_NOOP(
        "Messages",
        "only a coordinator can sign off post {id}; {name} acts as {role}"),
    "coordinator-only-assign": QT_TRANSLATE_NOOP(
        "Messages",
        "only a coordinator can assign posts; {name} acts as {role}"),
    "coordinator-only-resolve": QT_TRANSLATE_NOOP(
        "Messages",
        "only a coordinator can resolve conflicts; {name} acts as {role}"),
    "no-signoff-needed": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} does not require sign-off"),
    "no-signoff-approved-draft": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is approved and needs no sign-off: HQ's draft was approved as it is, and only "
        "an approved rewrite waits for one"),
    "signed-off-already": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is approved; {name} signed it off already"),
    "signoff-second-person": QT_TRANSLATE_NOOP(
        "Messages",
        "sign-off needs a second person: {name} wrote or approved this rewrite of post {id}"),
    "nothing-decided": QT_TRANSLATE_NOOP(
        "Messages",
        "{refusals}\nnothing was decided ({count} refused)"),
    # the command line's option mistakes (review/cli/parsing.py): one line, what is accepted
    "option-not-a-choice": QT_TRANSLATE_NOOP(
        "Messages",
        "{where}'{value}' is not a {what}; accepted: {accepted}"),
    "option-not-a-choice-close": QT_TRANSLATE_NOOP(
        "Messages",
        "{where}'{value}' is not a {what}; accepted: {accepted}; did you mean {close}?"),
    "command-is-a-decision": QT_TRANSLATE_NOOP(
        "Messages",
        "'{value}' is not a command; did you mean `decide POST_ID {close}`? Commands: {accepted}"),
    "bad-window-size": QT_TRANSLATE_NOOP(
        "Messages",
        "'{text}' is not a window size; give WIDTHxHEIGHT, from 320x240 to 8000x8000, e.g. "
        "1024x700"),
    "not-a-whole-number": QT_TRANSLATE_NOOP(
        "Messages",
        "'{value}' is not a whole number"),
    "option-missing": QT_TRANSLATE_NOOP(
        "Messages",
        "{where}{missing} are required; see {help}"),
    "option-missing-one": QT_TRANSLATE_NOOP(
        "Messages",
        "{where}{missing} is required; see {help}"),
    "option-unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "{where}{value} is not an option here; see {help}"),
    "option-unknown-close": QT_TRANSLATE_NOOP(
        "Messages",
        "{where}{value} is not an option here; did you mean {close}?"),
    "argument-unexpected": QT_TRANSLATE_NOOP(
        "Messages",
        "{where}'{value}' was not expected here; see {help}"),
    "option-error": QT_TRANSLATE_NOOP(
        "Messages",
        "{where}{problem}; see {help}"),
    "assign-posts-or-split": QT_TRANSLATE_NOOP(
        "Messages",
        "assign: name the posts (assign POST_ID... --to REVIEWER), or share a batch out "
        "(assign --batch NAME --split A,B)"),
    "split-batch-only": QT_TRANSLATE_NOOP(
        "Messages",
        "assign --split shares a whole batch: give --batch NAME and no post ids"),
    "not-a-database": QT_TRANSLATE_NOOP(
        "Messages",
        "{path} is not a Review Desk database (not a SQLite database at all); it was not "
        "changed. Check the path given with --db"),
    "not-a-review-desk-database": QT_TRANSLATE_NOOP(
        "Messages",
        "{path} is not a Review Desk database (another program's SQLite database, with the "
        "tables {tables}); it was not changed. Check the path given with --db"),
    "db-folder-missing": QT_TRANSLATE_NOOP(
        "Messages",
        "--db {path}: the folder {folder} does not exist; nothing was created. Check the path, "
        "or make the folder first"),
    "split-needs-two": QT_TRANSLATE_NOOP(
        "Messages",
        "--split needs two or more reviewers' names separated by commas (given: {given}); "
        "to give posts to one reviewer use --to"),
    "split-coordinators": QT_TRANSLATE_NOOP(
        "Messages",
        "a batch is shared between reviewers by a coordinator; {actor} acts as reviewer"),
    "nothing-assigned": QT_TRANSLATE_NOOP(
        "Messages",
        "{refusals}\nnothing was assigned ({count} refused)"),
    "undo-in-conflict": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is in conflict: a coordinator must first keep one of its versions "
        "(review-desk conflicts)"),
    "cannot-redo": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot redo: {why}"),
    "redo-not-an-undo": QT_TRANSLATE_NOOP(
        "Messages",
        "event {event} is not an undo of this post"),
    "redo-done-already": QT_TRANSLATE_NOOP(
        "Messages",
        "that undo was already redone"),
    "redo-changed-since": QT_TRANSLATE_NOOP(
        "Messages",
        "the post has changed since that undo, so it can no longer be redone"),
    # conflicts (exchange.py)
    "not-in-conflict": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is not in conflict"),
    "nothing-to-resolve": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is not in conflict (it is {state}); there is nothing to resolve"),
    "conflict-other-exported": QT_TRANSLATE_NOOP(
        "Messages",
        "the other version of post {id} was exported already; only that version can be kept"),
    "conflict-no-such-side": QT_TRANSLATE_NOOP(
        "Messages",
        "{keep!r} is not an event of one side of post {id}'s conflict; keep one of: {sides}"),
    "conflict-keep-too-short": QT_TRANSLATE_NOOP(
        "Messages",
        "--keep {keep!r} has {count} characters; give at least the first {least} characters of "
        "an event id, one of: {sides}"),
    "conflict-keep-too-short-one": QT_TRANSLATE_NOOP(
        "Messages",
        "--keep {keep!r} has 1 character; give at least the first {least} characters of an "
        "event id, one of: {sides}"),
    "conflict-side": QT_TRANSLATE_NOOP(
        "Messages",
        "{tip} ({actor}'s side, {state})"),
}
