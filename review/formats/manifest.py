"""Export manifests: `FILE.manifest.json` beside every export says what went out, and `verify`
checks a file against it.

A manifest is JSON (UTF-8, sorted keys): `manifest_version` (1), `tool`, `tool_version`,
`export_id` (the id recorded in the database), `batch`, `format`, `exported_by`, `role`,
`exported_at` (UTC), `count`, `skipped` (reason -> number of approved posts left out), `posts`
(`id` and `external_id` of each post in the file, in file order) and `file` (`name`, `size` in
bytes, `sha256`). A manifest read back is untrusted input like any imported file.
"""
from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from ..errors import InvalidInput
from ..texts import said
from .regular import FileTooLarge, cannot_read, open_regular, read_regular

MANIFEST_VERSION = 1
MANIFEST_SUFFIX = ".manifest.json"
MAX_MANIFEST_BYTES = 20 * 1024 * 1024  # 100,000 posts of ids are about 8 MB
MAX_INT_DIGITS = 1000  # int() of a longer string is slow (Python refuses over 4,300 digits)
REQUIRED_KEYS = ("manifest_version", "export_id", "batch", "format", "count", "file")


@functools.cache
def tool_version() -> str:
    """Asked when a manifest is written, not at import: importlib.metadata costs every start
    of the program 30 ms, and opening a desk imports this module."""
    import importlib.metadata

    try:
        return importlib.metadata.version("review-desk")
    except importlib.metadata.PackageNotFoundError:  # running from a source tree
        return "dev"


def manifest_path(export: Path) -> Path:
    return export.with_name(export.name + MANIFEST_SUFFIX)


def file_digest(path: Path) -> tuple[int, str]:
    """(size in bytes, SHA-256 hex) of a regular file, read in chunks; OSError (IsADirectoryError,
    NotRegularFile...) for anything else: a named pipe or /dev/zero would never end."""
    digest = hashlib.sha256()
    size = 0
    with open_regular(path) as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
            size += len(chunk)
    return size, digest.hexdigest()


def build_manifest(*, export_id: str, batch: str, fmt: str, actor: str, role: str, at: str,
                   posts: list[dict[str, str]], skipped: dict[str, int], file_name: str,
                   size: int, sha256: str) -> dict[str, Any]:
    return {
        "manifest_version": MANIFEST_VERSION, "tool": "Review Desk", "tool_version": tool_version(),
        "export_id": export_id, "batch": batch, "format": fmt, "exported_by": actor,
        "role": role, "exported_at": at, "count": len(posts), "skipped": skipped,
        "posts": posts, "file": {"name": file_name, "size": size, "sha256": sha256},
    }


def write_manifest(stream: IO[bytes], manifest: dict[str, Any]) -> None:
    text = json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    stream.write(text.encode("utf-8"))


def read_manifest(path: Path) -> dict[str, Any]:
    """The manifest at `path`, or InvalidInput saying what is wrong with it."""
    try:
        data = _json_document(read_regular(path, MAX_MANIFEST_BYTES))
    except FileNotFoundError:
        raise InvalidInput(said("export-manifest-missing", path=path)) from None
    except FileTooLarge as error:
        raise InvalidInput(said("export-manifest-too-large", path=path, size=error.size / 2**20,
                                limit=MAX_MANIFEST_BYTES // 2**20)) from None
    except OSError as error:
        raise InvalidInput(said("export-manifest-cannot-read", path=path, why=cannot_read(error))) from None
    except _NotJson as error:
        raise InvalidInput(said("export-manifest-not-json", path=path, why=error.args[0])) from None
    if not isinstance(data, dict) or any(key not in data for key in REQUIRED_KEYS) or \
            not isinstance(data["file"], dict) or \
            not {"size", "sha256"} <= set(data["file"]):
        raise InvalidInput(said("export-manifest-keys-missing", path=path))
    if data["manifest_version"] != MANIFEST_VERSION:
        raise InvalidInput(said("export-manifest-version", path=path,
                                version=_shown(data["manifest_version"]), known=MANIFEST_VERSION))
    return data


class _NotJson(ValueError):
    """The bytes are not a JSON document we are willing to read; args[0] says why."""


def _json_document(data: bytes) -> Any:
    """Strict JSON: NaN and Infinity, integers of more than MAX_INT_DIGITS digits and nesting
    deeper than Python's recursion limit are refused as _NotJson, like a syntax error (Python
    itself would raise ValueError or RecursionError, or accept NaN)."""
    try:
        return json.loads(data.decode("utf-8"), parse_constant=_refuse_constant,
                          parse_int=_bounded_int)
    except UnicodeDecodeError as error:
        raise _NotJson(said("export-manifest-not-utf8", byte=error.start + 1)) from None
    except json.JSONDecodeError as error:
        raise _NotJson(said("json-syntax", detail=error.msg, column=error.colno)) from None
    except RecursionError:  # the C scanner recurses once per level
        raise _NotJson(said("export-manifest-too-deep")) from None


def _refuse_constant(name: str) -> None:
    raise _NotJson(said("json-constant", name=name))


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _NotJson(said("json-number-digits", digits=len(text)))
    return int(text)


def _shown(value: Any) -> str:
    """A value from the file, as a message may show it: short."""
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


@dataclass
class Verification:
    """What `verify` found: `differences` empty means the file is the one that was exported."""

    file: Path
    manifest: Path
    export_id: str
    sha256: str = ""  # the file's, as read
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.differences


def check_exported_file(path: Path) -> None:
    """A file to verify that is not there is said so first (not "no manifest there")."""
    if not path.exists() and not path.is_symlink():
        raise InvalidInput(said("verify-no-file", path=path))


def verify_file(path: Path, manifest_file: Path | None = None,
                record: dict[str, Any] | None | bool = False) -> Verification:
    """Compare a file with its manifest and, when `record` is the database's row of that export
    (None: the database does not have it; False: no database was looked at), with the record."""
    check_exported_file(path)
    manifest_file = manifest_file or manifest_path(path)
    manifest = read_manifest(manifest_file)
    result = Verification(path, manifest_file, str(manifest["export_id"]))
    try:
        size, sha256 = file_digest(path)
    except OSError as error:
        raise InvalidInput(said("verify-cannot-read", path=path, why=cannot_read(error))) from None
    result.sha256 = sha256
    expected = manifest["file"]
    if size != expected["size"]:
        result.differences.append(f"size: the file has {size} bytes, the manifest says "
                                  f"{expected['size']}")
    if sha256 != expected["sha256"]:
        result.differences.append(f"sha256: the file's is {sha256}, the manifest says "
                                  f"{expected['sha256']}")
    if expected.get("name") and expected["name"] != path.name:
        result.notes.append(f"the file was exported as {expected['name']} (renamed since)")
    _compare_record(result, manifest, record)
    return result


def _compare_record(result: Verification, manifest: dict[str, Any],
                    record: dict[str, Any] | None | bool) -> None:
    if record is False:
        return
    if record is None:
        result.notes.append(f"the database does not record export {result.export_id} "
                            "(exported on another computer?); checked against the manifest only")
        return
    for key, recorded in (("sha256", record["sha256"]), ("count", record["count"]),
                          ("batch", record["batch"]), ("format", record["format"])):
        stated = manifest["file"]["sha256"] if key == "sha256" else manifest[key]
        if stated != recorded:
            result.differences.append(f"{key}: the manifest says {stated}, the database "
                                      f"recorded {recorded}")
