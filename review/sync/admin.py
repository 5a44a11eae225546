"""HQ's commands on its server: `server init`, `server add-office`, `server grant`, `server
revoke`, `server offices`. They run as HQ's role (the URL's), which owns the schema."""
from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from ..errors import InvalidInput, NotFound, ReviewError
from ..texts import said
from .connection import ServerError, opened
from .credentials import office_url, parse

OFFICE_NAME = re.compile(r"[a-z][a-z0-9_-]{0,29}")
ROLE_MAX = 63  # PostgreSQL's longest name, in bytes


@dataclass(frozen=True)
class ServerReady:
    server: str
    migrations_run: int
    version: int


@dataclass(frozen=True)
class OfficeAdded:
    office: str
    role: str
    url: str  # with the password: printed once, never stored here


def init(url: str) -> ServerReady:
    """Review Desk's schema in the URL's database, owned by the URL's role; again: nothing."""
    from ..store.server_schema import MIGRATIONS

    target = parse(url)
    with opened(target, schema=False) as server:
        if not server.owns_database():
            raise ServerError(said("server-not-owner", server=target.shown, role=server.login()))
        ran = server.migrate()
    return ServerReady(target.shown, ran, len(MIGRATIONS))


def add_office(url: str, office: str) -> OfficeAdded:
    target = parse(url)
    office = _office_name(office)
    with opened(target) as server:
        _refuse_unless_hq(server, target)
        role = f"{office}.{server.database()}"
        if len(role.encode()) > ROLE_MAX:
            raise InvalidInput(said("server-office-name-long", office=office, role=role, limit=ROLE_MAX))
        if server.office_role(office) is not None or server.role_exists(role):
            raise InvalidInput(said("server-office-exists", office=office, role=role))
        password = secrets.token_urlsafe(24)
        server.add_office(office, role, password)
    return OfficeAdded(office, role, office_url(target.params, role, password))


def grant(url: str, office: str, batch: str) -> bool:
    """Whether the grant is new (granting again changes nothing)."""
    return _grant_or_revoke(url, office, batch, granting=True)


def revoke(url: str, office: str, batch: str) -> bool:
    """Whether there was a grant to take back."""
    return _grant_or_revoke(url, office, batch, granting=False)


def offices(url: str) -> list[dict]:
    target = parse(url)
    with opened(target) as server:
        _refuse_unless_hq(server, target)
        return [{"office": name, "role": role, "batches": batches}
                for name, role, batches in server.offices()]


def _grant_or_revoke(url: str, office: str, batch: str, granting: bool) -> bool:
    target = parse(url)
    with opened(target) as server:
        _refuse_unless_hq(server, target)
        role = server.office_role(office)
        if role is None:
            raise NotFound(said("server-no-office", office=office, server=target.shown))
        if not server.batch_exists(batch):
            raise NotFound(said("server-no-batch", batch=batch, server=target.shown))
        return server.grant(role, batch) if granting else server.revoke(role, batch)


def _refuse_unless_hq(server, target) -> None:
    if not server.is_hq():
        raise ReviewError(said("server-hq-only", server=target.shown, role=server.login()))


def _office_name(office: str) -> str:
    office = (office or "").strip()
    if not OFFICE_NAME.fullmatch(office):
        raise InvalidInput(said("server-office-name", office=office[:40]))
    return office
