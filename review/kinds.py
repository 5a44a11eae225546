"""The kinds of event in a post's log, and what each kind is (decisive, undoable). Import and
export are events too, so the log is the whole history of a post."""
from __future__ import annotations

__all__ = [
    "IMPORTED", "DRAFT_UPDATED", "DETAILS_UPDATED", "OPENED", "REWRITTEN", "GLOSSED",
    "ANNOTATED", "ANNOTATION_RESOLVED", "ANNOTATION_DELETED", "APPROVED_EV", "REJECTED_EV",
    "CHANGES_REQUESTED_EV", "REOPENED", "SIGNED_OFF", "EXPORTED_EV", "CHECK_DISMISSED",
    "ASSIGNED", "UNDONE", "BATCH_CREATED", "FILE_IMPORTED", "CONFLICT_RESOLVED",
    "BATCH_EXPORTED", "KINDS", "DECISIVE", "UNDOABLE",
]

IMPORTED = "post.imported"
DRAFT_UPDATED = "post.draft_updated"
DETAILS_UPDATED = "post.details_updated"
OPENED = "post.opened"
REWRITTEN = "post.rewritten"
GLOSSED = "post.glossed"  # the back-translation of the current revision, set or changed alone
ANNOTATED = "post.annotated"
ANNOTATION_RESOLVED = "annotation.resolved"
ANNOTATION_DELETED = "annotation.deleted"
APPROVED_EV = "post.approved"
REJECTED_EV = "post.rejected"
CHANGES_REQUESTED_EV = "post.changes_requested"
REOPENED = "post.reopened"
SIGNED_OFF = "post.signed_off"
EXPORTED_EV = "post.exported"
CHECK_DISMISSED = "check.dismissed"
ASSIGNED = "post.assigned"
UNDONE = "event.undone"
BATCH_CREATED = "batch.created"
FILE_IMPORTED = "batch.file_imported"
CONFLICT_RESOLVED = "post.conflict_resolved"
BATCH_EXPORTED = "batch.exported"  # one per export: its manifest, beside the posts' events

# Every kind this version writes; a package with another kind was made by a newer Review Desk.
KINDS = frozenset({IMPORTED, DRAFT_UPDATED, DETAILS_UPDATED, OPENED, REWRITTEN, GLOSSED, ANNOTATED,
                   ANNOTATION_RESOLVED, ANNOTATION_DELETED, APPROVED_EV, REJECTED_EV,
                   CHANGES_REQUESTED_EV, REOPENED, SIGNED_OFF, EXPORTED_EV, CHECK_DISMISSED,
                   ASSIGNED, UNDONE, BATCH_CREATED, FILE_IMPORTED, CONFLICT_RESOLVED,
                   BATCH_EXPORTED})

# Changes that decide what a post says or where it stands. Two of them made apart (on two
# laptops) from the same starting point, with different outcomes, are a conflict; everything
# else (opening, annotations, dismissals, assignments, HQ's details) merges by union.
DECISIVE = frozenset({REWRITTEN, APPROVED_EV, REJECTED_EV, CHANGES_REQUESTED_EV, REOPENED, SIGNED_OFF,
                      EXPORTED_EV, DRAFT_UPDATED})

# What a person did on purpose and may take back; opening and importing are not undone.
UNDOABLE = frozenset(
    {
        REWRITTEN,
        GLOSSED,
        ANNOTATED,
        ANNOTATION_RESOLVED,
        ANNOTATION_DELETED,
        APPROVED_EV,
        REJECTED_EV,
        CHANGES_REQUESTED_EV,
        REOPENED,
        SIGNED_OFF,
        CHECK_DISMISSED,
    }
)
