"""The domain's messages about syncing with HQ's server and setting it up (see review/texts/__init__.py)."""
from __future__ import annotations

from ._noop import QT_TRANSLATE_NOOP

MESSAGES = {
    "sync-url-unreadable": QT_TRANSLATE_NOOP(
        "Messages",
        "the server's address cannot be read; give it as postgresql://ROLE@HOST:PORT/DATABASE"),
    "sync-url-incomplete": QT_TRANSLATE_NOOP(
        "Messages",
        "the server's address {url} names no database or no role; give it as "
        "postgresql://ROLE@HOST:PORT/DATABASE"),
    "sync-cannot-keep-password": QT_TRANSLATE_NOOP(
        "Messages",
        "cannot keep the server's password in {path}: {detail}"),
    "sync-server-failed": QT_TRANSLATE_NOOP(
        "Messages",
        "the server {server} failed: {detail}; nothing half-done was kept, sync again when it "
        "can be reached"),
    "sync-no-schema": QT_TRANSLATE_NOOP(
        "Messages",
        "{server} holds no Review Desk data; HQ sets it up with: review-desk server init URL"),
    "sync-server-newer": QT_TRANSLATE_NOOP(
        "Messages",
        "{server} was set up by a newer Review Desk (schema version {version}); update Review "
        "Desk on this computer"),
    "sync-server-older": QT_TRANSLATE_NOOP(
        "Messages",
        "{server} holds Review Desk's schema version {version}, older than this Review Desk's; "
        "HQ brings it up to date with: review-desk server init URL"),
    "sync-no-server": QT_TRANSLATE_NOOP(
        "Messages",
        "no server to sync with yet; give its address once: review-desk sync --server "
        "postgresql://ROLE:PASSWORD@HOST/DATABASE"),
    "sync-events-altered": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} was not sent: the server holds {count} of its event ids with other "
        "contents (first: {first}); nothing of the batch was sent, ask HQ"),
    "sync-events-elsewhere": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} was not sent: the server holds some of its event ids in a batch this "
        "login may not see; nothing of the batch was sent, ask HQ"),
    "sync-batch-other": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} was not sent: the server holds another batch of that name (created on "
        "another desk); import this one under another name"),
    "sync-events-not-allowed": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} was not sent: the server does not let this login write those events "
        "(only reviewers' actions, in a batch HQ granted); nothing of the batch was sent"),
    "sync-event-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "its payload is longer than {limit}, more than any event Review Desk writes; the batch "
        "was not received"),
    "sync-glossary-malformed": QT_TRANSLATE_NOOP(
        "Messages",
        "the glossary {name} on the server cannot be read ({detail}); glossaries and memory "
        "were not received, the events were; ask HQ to sync again"),
    "sync-unit-malformed": QT_TRANSLATE_NOOP(
        "Messages",
        "the memory unit {key} on the server cannot be read ({detail}); glossaries and memory "
        "were not received, the events were; ask HQ to sync again"),
    "sync-reference-too-large": QT_TRANSLATE_NOOP(
        "Messages",
        "it is longer than {limit}"),
    "sync-event-refused": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} was not received: the event {event} on the server, sent by {office}, "
        "is refused ({why}); HQ can take it off the server: review-desk server quarantine URL "
        "--event {event}"),
    "sync-events-quarantined": QT_TRANSLATE_NOOP(
        "Messages",
        "batch {batch} was not sent: {detail}; nothing of the batch was sent, ask HQ"),
    "server-no-event": QT_TRANSLATE_NOOP(
        "Messages",
        "{server} holds no event {event}; the ids to quarantine are those `review-desk sync` "
        "names on HQ's desk"),
    "server-not-owner": QT_TRANSLATE_NOOP(
        "Messages",
        "{server}: the role {role} does not own this database; create the database with the "
        "role HQ will use as its owner (CREATE DATABASE ... OWNER ...)"),
    "server-office-name": QT_TRANSLATE_NOOP(
        "Messages",
        "\"{office}\" cannot be an office's name: use 1 to 30 lower-case letters, digits, - "
        "or _, starting with a letter"),
    "server-office-name-long": QT_TRANSLATE_NOOP(
        "Messages",
        "the office {office} would log in as {role}, longer than the {limit} bytes PostgreSQL "
        "allows; choose a shorter name"),
    "server-office-exists": QT_TRANSLATE_NOOP(
        "Messages",
        "the office {office} exists already (its login role is {role}); its password was "
        "printed when it was added"),
    "server-no-office": QT_TRANSLATE_NOOP(
        "Messages",
        "{server} has no office {office}; add it first: review-desk server add-office URL "
        "{office}"),
    "server-no-batch": QT_TRANSLATE_NOOP(
        "Messages",
        "{server} holds no batch {batch} yet; it arrives with the first sync of the desk that "
        "imported it"),
    "server-hq-only": QT_TRANSLATE_NOOP(
        "Messages",
        "{server}: only HQ's role may do this; {role} is not it"),
}
