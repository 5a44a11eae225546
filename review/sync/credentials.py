"""The server's address and an office's password: the URL a person types (with the password
once, as `server add-office` printed it), the password kept outside the database in a file
only its user may read (libpq's own password file format, which psycopg reads through the
`passfile` parameter), and messages that never show it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from ..errors import InvalidInput, ReviewError
from ..formats.atomic import write_atomically
from ..paths import config_dir
from ..texts import said

PASSFILE = "pgpass"  # in the config folder (paths.config_dir), mode 0600
DEFAULT_PORT = "5432"


@dataclass(frozen=True)
class Target:
    """A server as libpq understands it (`params`, without the password) and as people may see
    it (`shown`: the URL without the password)."""

    params: dict[str, str]
    password: str | None  # given in the URL this time; kept in the password file

    @property
    def shown(self) -> str:
        return url_of(self.params)

    @property
    def conninfo(self) -> str:
        from psycopg.conninfo import make_conninfo

        return make_conninfo(**self.params)


def parse(url: str) -> Target:
    """A `postgresql://` URL (or libpq's key=value form); the password taken out of it."""
    from psycopg.conninfo import conninfo_to_dict

    text = (url or "").strip()
    try:
        params = {k: str(v) for k, v in conninfo_to_dict(text).items()}
    except Exception:  # psycopg.ProgrammingError: libpq could not read it (it never echoes it)
        raise InvalidInput(said("sync-url-unreadable")) from None
    password = params.pop("password", None)
    if not params.get("dbname") or not params.get("user"):
        raise InvalidInput(said("sync-url-incomplete", url=url_of(params)))
    return Target(params, password or None)


def url_of(params: dict[str, str]) -> str:
    """The URL of these parameters, never with a password (a socket folder as `?host=`)."""
    rest = {k: v for k, v in params.items() if k not in ("user", "dbname", "password", "host", "port")}
    host, port = params.get("host", ""), params.get("port", "")
    where = ""
    if host and not host.startswith("/"):
        where = quote(host, safe="") + (f":{port}" if port else "")
    elif host:
        rest = {"host": host, **({"port": port} if port else {}), **rest}
    query = "&".join(f"{k}={quote(v, safe='/')}" for k, v in rest.items())
    return (f"postgresql://{quote(params.get('user', ''), safe='')}@{where}/"
            f"{quote(params.get('dbname', ''), safe='')}" + (f"?{query}" if query else ""))


def office_url(server_params: dict[str, str], role: str, password: str) -> str:
    """The URL an office connects with: HQ's server and database, the office's role and
    password (printed once by `server add-office`)."""
    shown = url_of({**server_params, "user": role})
    head, _, tail = shown.partition("@")
    return f"{head}:{quote(password, safe='')}@{tail}"


def passfile() -> Path:
    return config_dir() / PASSFILE


def remember(target: Target) -> None:
    """Keep the URL's password in the password file (0600), replacing an older one for the
    same server, database and role."""
    if target.password is None:
        return
    path = passfile()
    key = _entry_key(target.params)
    lines = []
    if path.exists():
        lines = [line for line in path.read_text(encoding="utf-8").splitlines()
                 if line and _split(line)[:4] != key]
    lines.append(":".join(_escape(v) for v in (*key, target.password)))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # libpq ignores a password file others may read; mkstemp's 0600 is kept
        write_atomically(path, lambda out: out.write(("\n".join(lines) + "\n").encode("utf-8")),
                         private=True)
    except OSError as err:
        raise ReviewError(said("sync-cannot-keep-password", path=path,
                               detail=err.strerror or type(err).__name__)) from None


def _entry_key(params: dict[str, str]) -> list[str]:
    host = params.get("host") or "localhost"
    return [host, params.get("port") or DEFAULT_PORT, params["dbname"], params["user"]]


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _split(line: str) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", part) for part in re.split(r"(?<!\\):", line)]


def scrubbed(text: str, *secrets: str | None) -> str:
    """`text` without any of the secrets, nor anything written as `password=...`."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", text, flags=re.IGNORECASE)
