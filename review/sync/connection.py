"""Opening HQ's server for a command: the connection, its failures named for people (never
with the password), and the schema's version checked."""
from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Iterator

from ..errors import ReviewError
from ..texts import said
from .credentials import Target, passfile, scrubbed

if TYPE_CHECKING:
    from ..store.server import Server

CONNECT_TIMEOUT_S = 10


class ServerError(ReviewError):
    """The server could not be reached, or refused, or the connection broke."""


def failure(target: Target, err: BaseException) -> ServerError:
    """A psycopg error as a named message: the server (without password) and libpq's words."""
    # libpq's words come on several lines with tabs: one line, as every message.
    detail = " ".join(scrubbed(str(err), target.password).split()) or type(err).__name__
    return ServerError(said("sync-server-failed", server=target.shown, detail=detail[:400]))


@contextmanager
def opened(target: Target, *, schema: bool = True) -> Iterator["Server"]:
    """The server, connected as the URL's role; with `schema`, one that holds this version's
    Review Desk schema. psycopg errors inside become ServerError."""
    import psycopg

    from ..store.server import Server, connect
    from ..store.server_schema import MIGRATIONS

    extra = {"connect_timeout": CONNECT_TIMEOUT_S, "passfile": str(passfile())}
    if target.password:
        extra["password"] = target.password
    try:
        conn = connect(target.conninfo, **extra)
    except psycopg.Error as err:
        raise failure(target, err) from None
    server = Server(conn)
    try:
        if schema:
            version = server.version()
            if version == 0:
                raise ServerError(said("sync-no-schema", server=target.shown))
            if version > len(MIGRATIONS):
                raise ServerError(said("sync-server-newer", server=target.shown, version=version))
        yield server
    except psycopg.Error as err:
        raise failure(target, err) from None
    finally:
        try:
            conn.close()
        except Exception:  # a connection already broken: closing it cannot fail the command
            pass
