"""The domain's vocabulary: states, roles, MQM categories, and the records derived from events."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Post states. `exported` is final; `awaiting_signoff` exists only in batches that require sign-off.
# `conflict`: merged work from two laptops disagrees; a coordinator keeps one version (exchange.py).
PENDING = "pending"
IN_REVIEW = "in_review"
APPROVED = "approved"
AWAITING_SIGNOFF = "awaiting_signoff"
CHANGES_REQUESTED = "changes_requested"
REJECTED = "rejected"
EXPORTED = "exported"
CONFLICT = "conflict"
STATES = (PENDING, IN_REVIEW, APPROVED, AWAITING_SIGNOFF, CHANGES_REQUESTED, REJECTED, EXPORTED,
          CONFLICT)

REVIEWER = "reviewer"
COORDINATOR = "coordinator"
ROLES = (REVIEWER, COORDINATOR)
# What `decide` takes (reviewing.decide; the command line offers them by name).
DECISIONS = ("approve", "reject", "request-changes", "reopen", "signoff")

# MQM core typology, as the review pane offers it. "audience-appropriateness" is the cultural one.
CATEGORIES = (
    "accuracy",
    "fluency",
    "terminology",
    "style",
    "locale-convention",
    "audience-appropriateness",
    "design",
    "other",
)
SEVERITIES = ("neutral", "minor", "major", "critical")
# The subcategory that says an error is one of punctuation: a minor one weighs 0.1 MQM points
# instead of 1 (see mqm.py). Subcategories are free text; this one is matched ignoring case.
PUNCTUATION_SUBCATEGORY = "punctuation"

# HQ's fields of a post: set by its import, changed only by a re-import of HQ's file.
HQ_FIELDS = ("platform", "source_lang", "source_text", "target_lang", "link", "media_note",
             "scheduled_at", "notes", "extra", "codes", "tool_notes", "media")
# HQ's fields an import records only when they hold something (events written before they
# existed have none): `codes` is a CAT file's inline codes (see formats/inline_codes.py).
# `tool_notes`: the notes other tools wrote in a CAT file ({"from", "category", "text"} each:
# Angular's description and meaning, Xcode's comments...), written back on export.
# `media`: the pictures HQ sent with the post (review/media.py), one record each.
HQ_FIELD_DEFAULTS = {"codes": {}, "tool_notes": [], "media": []}
# Other tools' notes one post may carry, and the characters of each (an import refuses a file
# beyond them, as event_rules refuses a package).
MAX_TOOL_NOTES, MAX_TOOL_NOTE = 200, 100_000

# Revision kinds: HQ's drafts (revision 0 and any re-imported draft) and reviewers' rewrites.
DRAFT = "draft"
REWRITE = "rewrite"


@dataclass(frozen=True)
class Actor:
    """Who does something. Roles are a workflow aid on a shared laptop, not access control."""

    name: str
    role: str = REVIEWER


@dataclass(frozen=True)
class Event:
    """One entry of the append-only log. `parent` is the post's previous event, if any."""

    id: str
    kind: str
    batch: str
    post_id: str | None
    actor: str
    role: str
    at: str
    parent: str | None
    payload: dict[str, Any]


@dataclass(frozen=True)
class Revision:
    id: str  # the id of the event that created it
    number: int  # 0 is HQ's first draft; numbers count the live revisions in order
    kind: str  # DRAFT or REWRITE
    text: str
    author: str
    at: str
    back_translation: str | None = None


@dataclass(frozen=True)
class Annotation:
    id: str  # the id of the event that created it
    revision_id: str
    start: int
    end: int
    category: str
    subcategory: str | None
    severity: str
    comment: str
    author: str
    at: str
    status: str = "open"  # open, resolved, deleted
    # The picture (its name in the post's media) the annotation marks as a whole; its span is
    # then empty (0-0): it says nothing about the text.
    picture: str | None = None


@dataclass
class PostState:
    """A post as the event log says it is now: HQ's fields, the workflow state, live revisions."""

    id: str
    batch: str
    external_id: str
    platform: str
    source_lang: str
    source_text: str
    target_lang: str
    link: str | None
    media_note: str | None
    scheduled_at: str | None
    notes: str | None
    extra: dict[str, Any]
    codes: dict[str, dict[str, str]] = field(default_factory=dict)  # placeholder -> its markup
    tool_notes: list[dict[str, str]] = field(default_factory=list)  # other tools' notes
    state: str = PENDING
    revisions: list[Revision] = field(default_factory=list)
    annotations: dict[str, Annotation] = field(default_factory=dict)
    head: str | None = None  # the post's latest event, live or not: the parent of the next one
    last_actor: str | None = None
    updated_at: str | None = None
    reason: str | None = None  # of the latest reject / request-changes / reopen
    approved_by: str | None = None
    approved_at: str | None = None
    signed_off_by: str | None = None
    signed_off_at: str | None = None  # when it was signed off: when it became publishable
    assignee: str | None = None  # the reviewer a coordinator gave the post to
    # check key -> {text_sha256, reason, by, at}: a dismissal holds while the text is unchanged
    dismissals: dict[str, dict[str, str]] = field(default_factory=dict)
    # HQ's pictures: {name, sha256, type, width, height, bytes} each (review/media.py)
    media: list[dict[str, Any]] = field(default_factory=list)

    @property
    def current_revision(self) -> Revision:
        return self.revisions[-1]

    @property
    def current_text(self) -> str:
        return self.revisions[-1].text

    @property
    def draft(self) -> Revision:
        """HQ's latest draft (a re-import can bring a newer one than revision 0)."""
        return next(r for r in reversed(self.revisions) if r.kind == DRAFT)

    @property
    def has_rewrite(self) -> bool:
        """Whether the text that would go out is a reviewer's rewrite rather than HQ's draft."""
        return self.current_revision.kind == REWRITE

    def revision(self, number: int) -> Revision | None:
        return next((r for r in self.revisions if r.number == number), None)


# -- glossaries and translation memory ---------------------------------------------------------

TERM_STATUSES = ("preferred", "allowed", "deprecated", "forbidden")


@dataclass(frozen=True)
class GlossaryEntry:
    """One rendering of a source term. A term with a preferred and a forbidden rendering is two
    entries sharing `term`. `dnt`: do not translate (names, brands): the term itself is kept."""

    term: str
    translation: str
    status: str = "preferred"  # one of TERM_STATUSES
    note: str = ""  # the cultural note: why, what to say instead, what readers will read into it
    pos: str | None = None
    case_sensitive: bool = False
    domain: str | None = None
    region: str | None = None
    dnt: bool = False


@dataclass(frozen=True)
class MemoryUnit:
    """A source/target pair of the translation memory (from TMX, or from an approved post)."""

    source_lang: str
    target_lang: str
    source_text: str
    target_text: str
    origin: str = ""  # the file it came from, or "post:ID"
    created: str | None = None  # when the pair was made, if the file says
    # A TMX segment with inline codes (bpt, ept, ph, it, ut, hi): the <seg> as the file had it,
    # so a memory export writes it back; the texts above are what matching reads.
    source_seg: str | None = None
    target_seg: str | None = None

    @property
    def post_id(self) -> str | None:
        """The approved post this unit was made from, as its origin says ("post:ID"), else None."""
        if self.origin.startswith(POST_ORIGIN) and len(self.origin) > len(POST_ORIGIN):
            return self.origin[len(POST_ORIGIN):]
        return None


POST_ORIGIN = "post:"  # a memory unit made from an approved post: "post:" and the post's id
