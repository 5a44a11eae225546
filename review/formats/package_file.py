"""Review packages on disk: one zip file (`.rdpack`) holding `manifest.json` and a few JSON
members, each listed in the manifest with its SHA-256 and size.

A package is untrusted input (it travels on USB sticks and by e-mail). Reading never extracts
anything to disk (no `extractall`): every member name is checked against the exact list the
manifest declares, every size against caps (declared, actual, compression ratio, total) before
and while it is read, and every checksum before the caller sees a byte. Anything wrong refuses
the whole package with `ImportFailed`.
"""
from __future__ import annotations

import hashlib
import io
import json
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ImportFailed, Problem
from ..texts import Said, said
from .atomic import write_atomically

FORMAT = "review-desk-package"
VERSION = 1
KINDS = ("work", "results")
MANIFEST = "manifest.json"
SUFFIX = ".rdpack"

# Caps, from measured packages: a work package of 10,000 posts with 3 events each is 10.5 MB
# of JSON (1.3 MB packed), and importing it takes ~125 MB of memory (every byte of JSON
# becomes ~12 in Python objects). The largest batch a file import accepts (100,000 posts) is
# ~105 MB with that history; 300 MB unpacked leaves room for three times as much, and still
# reads in ~3.5 GB. JSON deflates 5-30x; a zip bomb deflates ~1000x.
MAX_TOTAL_BYTES = 300 << 20
MAX_MEMBER_BYTES = MAX_TOTAL_BYTES
MAX_MANIFEST_BYTES = 1 << 20
MAX_FILE_BYTES = MAX_TOTAL_BYTES + MAX_MANIFEST_BYTES + (1 << 20)  # stored, not deflated: same size
MAX_RATIO = 200
RATIO_CHECKED_FROM = 1 << 16  # tiny members compress oddly; their size cap is enough
MAX_MEMBERS = 16
_MEMBER_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,40}\.(json|jsonl)$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class Package:
    manifest: dict[str, Any]
    members: dict[str, bytes]
    sha256: str  # of the whole file


def write_package(path: Path, manifest: dict[str, Any], members: dict[str, bytes]) -> dict[str, Any]:
    """Write the package atomically; returns the manifest as written (with the member list)."""
    manifest = dict(manifest, format=FORMAT, version=VERSION, members={
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in members.items()})

    def write(stream) -> None:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            zf.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
            for name, data in members.items():
                zf.writestr(name, data)

    write_atomically(path, write)
    return manifest


def read_package(path: Path) -> Package:
    """Open, check and read a package completely, or raise `ImportFailed` saying what is wrong."""
    name = path.name
    try:
        size = path.stat().st_size
    except OSError as err:
        raise _refused(name, said("package-cannot-read", detail=err.strerror or str(err))) from None
    if size > MAX_FILE_BYTES:
        raise _refused(name, said("package-file-too-large", size=_mb(size),
                                  limit=_mb(MAX_FILE_BYTES)))
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = _checked_infos(name, zf)
            manifest = _read_manifest(name, zf, infos)
            members = _read_members(name, zf, infos, manifest)
    except zipfile.BadZipFile as err:
        raise _refused(name, said("package-bad-zip", detail=str(err))) from None
    except (OSError, EOFError, RuntimeError, ValueError) as err:
        # zipfile raises these for damaged data, encryption, or an unknown compression method
        # (a RuntimeError of its own kind).
        raise _refused(name, said("package-unreadable", detail=str(err))) from None
    return Package(manifest, members, hashlib.sha256(data).hexdigest())


def _mb(size: int) -> str:
    """A size for people; "MB" is written the same in every language the window speaks."""
    return said("size-bytes", count=size) if size < (1 << 20) else f"{size / (1 << 20):,.1f} MB"


def too_large(size: int) -> Said | None:
    """Why a package whose members add up to `size` bytes cannot be read, or None."""
    if size <= MAX_TOTAL_BYTES:
        return None
    return said("package-too-large", size=_mb(size), limit=_mb(MAX_TOTAL_BYTES))


def _refused(file: str, message: Said, member: str | None = None) -> ImportFailed:
    return ImportFailed([Problem(file, None, member, message)])


def _checked_infos(file: str, zf: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    """The members by name, after refusing any name or kind of member a package never has."""
    infos: dict[str, zipfile.ZipInfo] = {}
    members = zf.infolist()
    if len(members) > MAX_MEMBERS:
        raise _refused(file, said("package-member-count", count=len(members), limit=MAX_MEMBERS))
    for info in members:
        why = _unsafe_name(info.filename)
        if why:
            raise _refused(file, said("package-member-unsafe", name=info.filename, why=why))
        mode = info.external_attr >> 16
        if stat.S_ISLNK(mode):
            raise _refused(file, said("package-member-link", name=info.filename))
        if info.is_dir():
            raise _refused(file, said("package-member-folder", name=info.filename))
        if info.flag_bits & 0x1:
            raise _refused(file, said("package-member-encrypted", name=info.filename))
        if info.filename in infos:
            raise _refused(file, said("package-member-twice", name=info.filename))
        infos[info.filename] = info
    if MANIFEST not in infos:
        raise _refused(file, said("package-no-manifest", manifest=MANIFEST))
    return infos


def _unsafe_name(name: str) -> Said | None:
    if not name or "\x00" in name:
        return said("member-name-invalid")
    if name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name):
        return said("member-name-absolute")
    if ".." in re.split(r"[/\\]", name):
        return said("member-name-climbs")
    if "/" in name or "\\" in name:
        return said("member-name-in-folder")
    return None


def _read_capped(file: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """Read one member, never more than `limit` bytes, whatever its header claims."""
    if info.file_size > limit:
        raise _refused(file, said("package-member-too-large", size=_mb(info.file_size),
                                  limit=_mb(limit)), info.filename)
    if info.file_size > RATIO_CHECKED_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise _refused(file, said("package-zip-bomb",
                                  ratio=info.file_size // max(info.compress_size, 1)), info.filename)
    with zf.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit or len(data) != info.file_size:
        raise _refused(file, said("package-size-mismatch"), info.filename)
    return data


def _read_manifest(file: str, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo]) -> dict[str, Any]:
    raw = _read_capped(file, zf, infos[MANIFEST], MAX_MANIFEST_BYTES)
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise _refused(file, said("manifest-not-json", detail=str(err)), MANIFEST) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refused(file, said("manifest-wrong-format", format=FORMAT), MANIFEST)
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refused(file, said("manifest-no-version", version=version), MANIFEST)
    if version > VERSION:
        raise _refused(file, said("manifest-newer-version", version=version, supported=VERSION),
                       MANIFEST)
    problems = _manifest_problems(manifest)
    if problems:
        raise ImportFailed([Problem(file, None, MANIFEST, p) for p in problems])
    return manifest


def _manifest_problems(m: dict[str, Any]) -> list[Said]:
    problems = []
    if m.get("kind") not in KINDS:
        problems.append(said("manifest-kind", kinds=", ".join(KINDS), kind=m.get("kind")))
    for key in ("id", "batch", "created_at"):
        if not isinstance(m.get(key), str) or not m[key].strip():
            problems.append(said("manifest-field-not-text", key=key))
    creator = m.get("creator")
    if not (isinstance(creator, dict) and isinstance(creator.get("name"), str)
            and isinstance(creator.get("role"), str)):
        problems.append(said("manifest-creator"))
    if not isinstance(m.get("counts"), dict):
        problems.append(said("manifest-no-counts"))
    members = m.get("members")
    if not isinstance(members, dict) or not members:
        problems.append(said("manifest-no-members"))
        return problems
    for name, entry in members.items():
        if not _MEMBER_NAME.match(str(name)):
            problems.append(said("manifest-member-name", name=name))
        elif not (isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
                  and _SHA256.match(entry["sha256"]) and isinstance(entry.get("size"), int)
                  and not isinstance(entry["size"], bool) and entry["size"] >= 0):
            problems.append(said("manifest-member-entry", name=name))
        elif entry["size"] > MAX_MEMBER_BYTES:
            problems.append(said("manifest-member-problem", name=name,
                                 problem=too_large(entry["size"])))
    return problems


def _read_members(file: str, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo],
                  manifest: dict[str, Any]) -> dict[str, bytes]:
    declared = manifest["members"]
    present = set(infos) - {MANIFEST}
    extra, missing = sorted(present - set(declared)), sorted(set(declared) - present)
    problems = [Problem(file, None, n, said("package-member-unlisted")) for n in extra]
    problems += [Problem(file, None, n, said("package-member-missing")) for n in missing]
    if problems:
        raise ImportFailed(problems)
    total = sum(entry["size"] for entry in declared.values())
    if too_large(total):
        raise _refused(file, too_large(total))
    members = {}
    for name, entry in declared.items():
        if infos[name].file_size != entry["size"]:
            problems.append(Problem(file, None, name, said(
                "package-member-size", declared=entry["size"], actual=infos[name].file_size)))
            continue
        data = _read_capped(file, zf, infos[name], entry["size"])
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            problems.append(Problem(file, None, name, said("package-member-checksum")))
        members[name] = data
    if problems:
        raise ImportFailed(problems)
    return members
