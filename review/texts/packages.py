"""The domain's messages about review packages: the file, what it holds, who signed it, what its events may do (see review/texts/__init__.py)."""
from __future__ import annotations

from ._noop import QT_TRANSLATE_NOOP

MESSAGES = {
    # review packages (.rdpack): refused before anything is read into the database
    "size-bytes": QT_TRANSLATE_NOOP("Messages", "{count:,} bytes"),
    "package-cannot-read": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot read the file: {detail}"),
    "package-file-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "the file is {size}, more than any package Review Desk makes ({limit}); it was not "
        "opened"),
    "package-bad-zip": QT_TRANSLATE_NOOP(
        "Messages",
        "not a Review Desk package, or a damaged or truncated one ({detail}); ask the sender for "
        "the file again"),
    "package-unreadable": QT_TRANSLATE_NOOP(
        "Messages",
        "the package cannot be read ({detail}); ask the sender for the file again"),
    "package-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "it unpacks to {size}, more than the {limit} a package may hold; a batch that large "
        "must be split into smaller batches"),
    "package-member-count": QT_TRANSLATE_NOOP(
        "Messages",
        "it holds {count} members; a package has at most {limit}"),
    "package-member-unsafe": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} {why}; the package was refused (it may have been made to write outside "
        "its folder)"),
    "member-name-invalid": QT_TRANSLATE_NOOP("Messages", "has an empty or invalid name"),
    "member-name-absolute": QT_TRANSLATE_NOOP("Messages", "has an absolute path"),
    "member-name-climbs": QT_TRANSLATE_NOOP("Messages", "climbs out of the package ('..')"),
    "member-name-in-folder": QT_TRANSLATE_NOOP(
        "Messages",
        "is inside a folder; packages hold files at the top level only"),
    "package-member-link": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} is a symbolic link; packages hold plain files only"),
    "package-member-folder": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} is a folder; packages hold plain files only"),
    "package-member-encrypted": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} is encrypted; Review Desk packages never are"),
    "package-member-twice": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name!r} appears twice"),
    "package-no-manifest": QT_TRANSLATE_NOOP(
        "Messages",
        "there is no {manifest}: this is not a Review Desk package"),
    "package-member-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "it unpacks to {size}, more than the {limit} allowed"),
    "package-zip-bomb": QT_TRANSLATE_NOOP(
        "Messages",
        "it unpacks {ratio} times larger than it is packed, like a zip bomb; the package was "
        "refused"),
    "package-size-mismatch": QT_TRANSLATE_NOOP(
        "Messages",
        "its size does not match the zip header: the file is damaged or was tampered with"),
    "manifest-not-json": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest is not valid JSON ({detail})"),
    "manifest-wrong-format": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest does not say format {format!r}: this is not a Review Desk package"),
    "manifest-no-version": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest has no usable version ({version!r})"),
    "manifest-newer-version": QT_TRANSLATE_NOOP(
        "Messages",
        "the package is format version {version}, made by a newer Review Desk (this one reads "
        "version {supported}); update Review Desk to import it"),
    "manifest-kind": QT_TRANSLATE_NOOP(
        "Messages",
        "kind must be one of {kinds}, not {kind!r}"),
    "manifest-field-not-text": QT_TRANSLATE_NOOP(
        "Messages",
        "{key} is missing or not text"),
    "manifest-creator": QT_TRANSLATE_NOOP(
        "Messages",
        "creator must have a name and a role"),
    "manifest-no-counts": QT_TRANSLATE_NOOP(
        "Messages",
        "counts are missing"),
    "manifest-no-members": QT_TRANSLATE_NOOP(
        "Messages",
        "the list of members is missing"),
    "manifest-member-name": QT_TRANSLATE_NOOP(
        "Messages",
        "member name {name!r} is not one a package uses"),
    "manifest-member-entry": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name}: needs a sha256 (64 hex digits) and a size"),
    "manifest-member-problem": QT_TRANSLATE_NOOP(
        "Messages",
        "member {name}: {problem}"),
    "package-member-unlisted": QT_TRANSLATE_NOOP(
        "Messages",
        "this member is not in the manifest; the package was changed after it was made"),
    "package-member-missing": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest lists this member but the package does not hold it (truncated or changed)"),
    "package-member-size": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest says {declared:,} bytes, the zip says {actual:,}"),
    "package-member-checksum": QT_TRANSLATE_NOOP(
        "Messages",
        "its SHA-256 checksum does not match the manifest: the package was changed or damaged"),
    # review packages: what they hold (review/exchange.py)
    "package-media-missing": QT_TRANSLATE_NOOP(
        "Messages",
        "its posts show pictures it does not bring and this laptop does not hold ({names}); "
        "ask for the package again"),
    "package-media-parts": QT_TRANSLATE_NOOP(
        "Messages", "a picture's parts are missing or out of order; ask for the package again"),
    "package-media-too-large": QT_TRANSLATE_NOOP(
        "Messages", "a picture is larger than {limit:,} bytes; ask for the package again"),
    "package-media-line": QT_TRANSLATE_NOOP(
        "Messages",
        "is not a part of a picture (sha256, part, parts, data in base64); ask for the package "
        "again"),
    "package-media-checksum": QT_TRANSLATE_NOOP(
        "Messages",
        "the bytes of the picture '{name}' are not the ones its post names; ask for the "
        "package again"),
    "package-members-wrong": QT_TRANSLATE_NOOP(
        "Messages",
        "a {kind} package holds {expected}; this one holds {found}"),
    "manifest-event-count": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest counts {declared} events, the package holds {count}"),
    "manifest-event-count-one": QT_TRANSLATE_NOOP(
        "Messages",
        "the manifest counts 1 event, the package holds {count}"),
    "member-not-json": QT_TRANSLATE_NOOP(
        "Messages",
        "not valid JSON ({detail})"),
    "member-not-utf8": QT_TRANSLATE_NOOP(
        "Messages",
        "not UTF-8 text ({detail})"),
    "more-problems": QT_TRANSLATE_NOOP(
        "Messages",
        "more problems not listed"),
    "package-batch-name": QT_TRANSLATE_NOOP(
        "Messages",
        "names batch {batch!r}, the manifest {name!r}"),
    "field-problem": QT_TRANSLATE_NOOP(
        "Messages",
        "{field}: {problem}"),
    "event-fields": QT_TRANSLATE_NOOP(
        "Messages",
        "an event needs exactly the fields {fields}"),
    "event-batch": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} belongs to batch {batch!r}, not {expected!r}"),
    "event-kind-unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} is of a kind this Review Desk does not know ({kind!r}): the package was made "
        "by a newer Review Desk; update to import it"),
    "package-glossary-malformed-at": QT_TRANSLATE_NOOP(
        "Messages",
        "glossary {number} is malformed ({detail})"),
    "package-glossary-shape": QT_TRANSLATE_NOOP(
        "Messages",
        "a glossary is an object with a list of entries"),
    "package-entry-problem": QT_TRANSLATE_NOOP(
        "Messages",
        "entry {number}: {problem}"),
    "package-not-text": QT_TRANSLATE_NOOP(
        "Messages",
        "{value!r} is not text"),
    "package-entry-status": QT_TRANSLATE_NOOP(
        "Messages",
        "entry {term!r}: status {status!r} is not one of {statuses}"),
    "package-not-object": QT_TRANSLATE_NOOP(
        "Messages",
        "{value!r} is not an object"),
    "package-wrong-types": QT_TRANSLATE_NOOP(
        "Messages",
        "wrong type for {fields}"),
    "package-memory-unit": QT_TRANSLATE_NOOP(
        "Messages",
        "not a memory unit ({detail})"),
    "package-memory-seg": QT_TRANSLATE_NOOP(
        "Messages",
        "the {side} segment of the unit \"{text}\" is not a TMX <seg> as an import keeps it "
        "(one <seg> element, no DTD, comment or processing instruction)"),
    "results-batch-unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} is not in this database: these results answer a work package that was "
        "never imported here; import the work package (or use the coordinator's database) first"),
    "events-altered": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} events have the same id as events here but other content (first: {first}): the "
        "package was altered; nothing was imported"),
    "events-altered-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 event has the same id as an event here but other content ({first}): the "
        "package was altered; nothing was imported"),
    "events-missing-parents": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} events build on events this database does not have (first: {first}); {hint}"),
    "events-missing-parents-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 event builds on events this database does not have ({first}); {hint}"),
    "hint-import-work-first": QT_TRANSLATE_NOOP(
        "Messages",
        "import the work package these results answer first"),
    "hint-ask-new-package": QT_TRANSLATE_NOOP(
        "Messages",
        "ask for a new package"),
    "package-post-other-batch": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is in batch {batch!r} here, not {expected!r}"),
    "package-post-already-here": QT_TRANSLATE_NOOP(
        "Messages",
        "post {external_id} of batch {batch} is already here as another post ({other}), imported "
        "from a file; import the package into a database without that batch"),
    "package-history-unreplayable": QT_TRANSLATE_NOOP(
        "Messages",
        "the history of post {id} cannot be replayed ({error}: {detail})"),
    "package-posts-unstorable": QT_TRANSLATE_NOOP(
        "Messages",
        "the posts cannot be stored ({detail})"),
    "bad-batch-name": QT_TRANSLATE_NOOP(
        "Messages",
        "{name!r} is not a usable batch name: give 1-100 printable characters"),
    "unknown-timezone": QT_TRANSLATE_NOOP(
        "Messages",
        "unknown time zone {name!r}; use an IANA name such as Africa/Harare"),
    # review packages: who signed them (signing.py, exchange.py)
    "package-unsigned": QT_TRANSLATE_NOOP(
        "Messages",
        "the package is format version {version}, made by an older Review Desk without a "
        "signature, so nobody can tell whether it was changed on the way; ask the sender to "
        "update Review Desk and make the package again"),
    "package-signature-bad": QT_TRANSLATE_NOOP(
        "Messages",
        "the package's signature does not match its manifest: it was altered after it was made, "
        "or was not made by Review Desk; nothing was imported. Ask the sender for the file again "
        "(and tell them: it may have been tampered with on the way)"),
    "package-not-a-file": QT_TRANSLATE_NOOP(
        "Messages",
        "this is not a regular file (a folder, a device or a named pipe); choose the package "
        "file itself"),
    "package-line-too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "line {number} is longer than {limit}, more than any event, memory unit or glossary "
        "entry Review Desk writes; the package was refused"),
    "package-batch-coordinated-here": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} was imported on this desk from HQ's file and is coordinated here; this "
        "work package for a batch of that name was made by another desk, so it was refused"),
    "package-other-coordinator": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} came to this laptop from the coordinator's desk with key {pinned}; this "
        "work package was signed by another desk (key {signer}), so it was refused. Ask your "
        "coordinator for the package (and compare the key with them: `review-desk pack key` on "
        "their desk)"),
    "package-results-not-here": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} came to this laptop in a work package; results of reviewers are merged on "
        "the desk that coordinates it, not here"),
    "package-not-enrolled": QT_TRANSLATE_NOOP(
        "Messages",
        "this results package for batch {batch} was not made by a laptop this desk gave work "
        "to (it does not prove that it received one of this desk's work packages), or it was "
        "altered; nothing was imported. Ask the reviewer to import a work package from this "
        "desk and make the results package again"),
    "package-work-coordinators": QT_TRANSLATE_NOOP(
        "Messages",
        "work packages are made by a coordinator; {actor} acts as reviewer"),
    "batch-coordinated-elsewhere": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} came to this laptop in a work package: it is coordinated from the desk "
        "that sent it, where work packages, sign-offs, assignments, conflict resolutions, HQ's "
        "new drafts and exports are made; here it is reviewed"),
    "package-work-unsigned-here": QT_TRANSLATE_NOOP(
        "Messages",
        "the work package for batch {batch} was imported from an older Review Desk, without the "
        "secret a results package proves itself with; import a new work package from your "
        "coordinator first (your work here is kept), then make the results package again"),
    "package-results-foreign": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} of this laptop's events for batch {batch} are not reviewers' actions (first: "
        "{first}, {kind}); a results package carries only reviews, so it was not made"),
    # review packages: what their events may do (event_rules.py)
    "event-id-invalid": QT_TRANSLATE_NOOP(
        "Messages",
        "an event's id must be 32 hexadecimal digits"),
    "event-field-wrong": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} ({kind}): {field} {problem}"),
    "event-payload-fields": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} ({kind}) must carry the fields {fields} (and may carry {optional}), nothing "
        "else"),
    "event-picture-span": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id}: an annotation of a picture has a span of the text; it must be 0-0"),
    "event-span-empty": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id}: the annotation's span {start}-{end} is empty or reversed"),
    "event-twice-at": QT_TRANSLATE_NOOP(
        "Messages",
        "this event has the id of an earlier line of the package (line {line} repeats it)"),
    "event-kind-not-in-results": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} is {kind}: a results package carries only reviewers' actions on posts of its "
        "batch (no imports, HQ's changes, exports, assignments, sign-offs or conflict "
        "resolutions)"),
    "event-post-no-import": QT_TRANSLATE_NOOP(
        "Messages",
        "post {post} has no import event: its history cannot start"),
    "event-post-imported-twice": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} imports post {post} a second time"),
    "event-parent-elsewhere": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} follows {parent}, which is not an event of post {post}"),
    "event-parent-cycle": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} of post {post} is part of a cycle of parents: its history never reaches "
        "the post's import"),
    "event-not-allowed": QT_TRANSLATE_NOOP(
        "Messages",
        "event {id} ({kind} by {actor}) is not allowed where it stands in post {post}'s "
        "history (the post was {state} there): {why}"),
    "events-from-elsewhere": QT_TRANSLATE_NOOP(
        "Messages",
        "{count} events of this results package were not made on the laptop that made it "
        "(first: {first}): they are this desk's or another laptop's; nothing was imported"),
    "events-from-elsewhere-one": QT_TRANSLATE_NOOP(
        "Messages",
        "1 event of this results package was not made on the laptop that made it "
        "(first: {first}): it is this desk's or another laptop's; nothing was imported"),
    "package-batch-no-creation": QT_TRANSLATE_NOOP(
        "Messages",
        "the package brings batch {batch} but not the one event that creates it"),
    "package-batch-other": QT_TRANSLATE_NOOP(
        "Messages",
        "the package's batch {batch} is another batch than the one of that name here (it was "
        "created by another event); nothing was imported"),
    "package-post-unknown": QT_TRANSLATE_NOOP(
        "Messages",
        "post {id} is not a post of batch {batch} here, and the package does not import it"),
    "package-post-too-many-events": QT_TRANSLATE_NOOP(
        "Messages",
        "the package holds {count} events of post {id}, more than the {limit} any real review "
        "makes"),
    "package-history-too-long": QT_TRANSLATE_NOOP(
        "Messages",
        "the history of post {id} ({count} events) branches too often to be checked; the "
        "package was refused"),
    "package-glossary-line": QT_TRANSLATE_NOOP(
        "Messages",
        "each line is a glossary ({{\"glossary\": ...}}) or an entry of the glossary above it "
        "({{\"entry\": ...}})"),
    "value-not-text": QT_TRANSLATE_NOOP("Messages", "is not text of at most {limit:,} characters"),
    "value-not-integer": QT_TRANSLATE_NOOP(
        "Messages", "is not a whole number from {low:,} to {high:,}"),
    "value-not-choice": QT_TRANSLATE_NOOP("Messages", "is not one of {allowed}"),
    "value-not-boolean": QT_TRANSLATE_NOOP("Messages", "is not true or false"),
    "value-not-language": QT_TRANSLATE_NOOP("Messages", "is not a language tag such as zh-CN"),
    "value-not-list": QT_TRANSLATE_NOOP(
        "Messages", "is not a list of at most {limit:,} items of the right kind"),
    "value-not-media-name": QT_TRANSLATE_NOOP(
        "Messages", "is not a file name relative to a batch's folder (no '..', not absolute)"),
    "value-not-media": QT_TRANSLATE_NOOP(
        "Messages", "is not a list of pictures, each with the fields {fields}"),
    "value-not-object": QT_TRANSLATE_NOOP(
        "Messages", "is not an object of at most {limit:,} fields of the right kind"),
    "value-not-codes": QT_TRANSLATE_NOOP(
        "Messages", "is not a set of inline codes as an import of a CAT file writes them "
        "(Private Use Area placeholders, each one XML inline element)"),
    "value-not-file-heads": QT_TRANSLATE_NOOP(
        "Messages", "is not a list of XLIFF 2.0 <file> elements without units, as an import "
        "of a multi-file document keeps them (distinct ids, limited sizes)"),
    "value-not-utc-time": QT_TRANSLATE_NOOP(
        "Messages", "is not a time in UTC such as 2026-03-01T09:30:00.000Z"),
    "value-not-time": QT_TRANSLATE_NOOP("Messages", "is not a date and time (ISO 8601)"),
    "value-time-out-of-range": QT_TRANSLATE_NOOP("Messages", "is not between 1970 and 2200"),
    "value-not-event-id": QT_TRANSLATE_NOOP("Messages", "is not an event id (32 hexadecimal digits)"),
    "value-not-sha256": QT_TRANSLATE_NOOP("Messages", "is not a SHA-256 (64 hexadecimal digits)"),
    "value-not-post-id": QT_TRANSLATE_NOOP("Messages", "is not a post id"),
    "value-must-be-null": QT_TRANSLATE_NOOP("Messages", "must be null for this kind of event"),
    "value-not-hq-fields": QT_TRANSLATE_NOOP(
        "Messages", "may name only HQ's fields ({fields}), each with a value of its kind"),
    "why-state": QT_TRANSLATE_NOOP("Messages", "{action} is not allowed in that state"),
    "why-role": QT_TRANSLATE_NOOP("Messages", "only a coordinator may {action}"),
    "why-no-signoff": QT_TRANSLATE_NOOP("Messages", "the batch does not require sign-off"),
    "why-second-person": QT_TRANSLATE_NOOP(
        "Messages", "a sign-off needs a second person, not the one who wrote or approved the rewrite"),
    "why-not-pending": QT_TRANSLATE_NOOP("Messages", "only a pending post is opened"),
    "why-exported": QT_TRANSLATE_NOOP("Messages", "the post was exported; nothing changes it"),
    "why-not-approved": QT_TRANSLATE_NOOP("Messages", "only an approved post is exported"),
    "why-unknown-events": QT_TRANSLATE_NOOP(
        "Messages", "it names events that are not in the post's history"),
    "why-approval-outcome": QT_TRANSLATE_NOOP(
        "Messages",
        "it records another outcome than the rules give ({state})"),
    "why-no-revision": QT_TRANSLATE_NOOP(
        "Messages", "the revision it marks is not one of the post's revisions there"),
    "why-span-outside": QT_TRANSLATE_NOOP(
        "Messages", "its span ends at {end}, after the end of its revision ({length} characters)"),
    "why-no-annotation": QT_TRANSLATE_NOOP("Messages", "the annotation it names is not there"),
    "why-dismissed-other-text": QT_TRANSLATE_NOOP(
        "Messages", "the dismissal names another text than the post's text there"),
    "why-undo-target": QT_TRANSLATE_NOOP(
        "Messages", "the event it takes back is not in the post's history, or of another kind"),
    "why-undo-kind": QT_TRANSLATE_NOOP("Messages", "that kind of event cannot be taken back"),
    "why-undo-not-own": QT_TRANSLATE_NOOP(
        "Messages", "a reviewer takes back only their own actions (that one is {actor}'s)"),
    # making review packages
    "package-no-work-received": QT_TRANSLATE_NOOP(
        "Messages",
        "no work package for batch {batch} was imported on this laptop, so there is no work to "
        "return; a results package answers a work package"),
    "package-nothing-to-return": QT_TRANSLATE_NOOP(
        "Messages",
        "nothing to return for batch {batch}: no review was done on this laptop since its work "
        "package was imported"),
    "package-suffix": QT_TRANSLATE_NOOP(
        "Messages",
        "a package file ends in {suffix}: give --out {path}"),
    "package-cannot-make": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot make {name}: {why}; nothing was written"),
    "package-cannot-write": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot write {path}: {detail}; nothing was written, choose another place or free some "
        "disk space"),
}
