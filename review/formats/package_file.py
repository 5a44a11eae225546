"""Review packages on disk: one zip file (`.rdpack`) holding `manifest.json`, its signature
`manifest.sig`, and a few JSON Lines members, each listed in the manifest with its SHA-256 and
size.

A package is untrusted input (it travels on USB sticks and by e-mail). Reading never extracts
anything to disk (no `extractall`) and never holds a member whole in memory: the file must be
a regular file; every member name is checked against the exact list the manifest declares;
every size against caps (declared, actual, compression ratio, total, line length) before and
while it is read; the manifest's signature is verified before its list is trusted, and every
member's checksum before the caller sees a line of it. Anything wrong refuses the whole package
with `ImportFailed`. Who signed, and whether that signer may send this package here, is the
caller's question (exchange.py).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, Callable, Iterator

from ..errors import ImportFailed, Problem
from ..signing import signature_valid
from ..texts import Said, said
from .atomic import write_atomically

FORMAT = "review-desk-package"
VERSION = 2  # 2: signed (manifest.sig), JSON Lines members only, no batch.json
KINDS = ("work", "results")
MANIFEST, SIGNATURE = "manifest.json", "manifest.sig"
SUFFIX = ".rdpack"

# Caps, from measured packages: a work package of 10,000 posts with 3 events each is 10.5 MB
# of JSON (1.3 MB packed). Members are read a line at a time, so memory follows the longest
# line, not the package: a line holds one event (a post's texts are at most 100,000
# characters each, at most 6 bytes a character in JSON), one memory unit or one glossary entry.
MAX_TOTAL_BYTES = 300 << 20
MAX_MEMBER_BYTES = MAX_TOTAL_BYTES
MAX_MANIFEST_BYTES = 1 << 20
MAX_LINE_BYTES = 4 << 20
MAX_FILE_BYTES = MAX_TOTAL_BYTES + MAX_MANIFEST_BYTES + (1 << 20)  # stored, not deflated: same size
MAX_RATIO = 200
RATIO_CHECKED_FROM = 1 << 16  # tiny members compress oddly; their size cap is enough
MAX_MEMBERS = 16
CHUNK = 1 << 20
_MEMBER_NAME = re.compile(r"^[a-z][a-z0-9_-]{0,40}\.jsonl$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def write_package(path: Path, manifest: dict[str, Any], members: dict[str, bytes],
                  sign: Callable[[bytes], str]) -> dict[str, Any]:
    """Write the package atomically, its manifest signed by `sign(manifest bytes)`; returns the
    manifest as written (with the member list)."""
    manifest = dict(manifest, format=FORMAT, version=VERSION, members={
        name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for name, data in members.items()})
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    signature = sign(manifest_bytes).encode("ascii")

    def write(stream) -> None:
        with zipfile.ZipFile(stream, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            zf.writestr(MANIFEST, manifest_bytes)
            zf.writestr(SIGNATURE, signature)
            for name, data in members.items():
                zf.writestr(name, data)

    write_atomically(path, write)
    return manifest


@dataclass
class Package:
    """An open package whose manifest's signature and members' checksums were verified."""

    name: str
    manifest: dict[str, Any]
    manifest_bytes: bytes
    signature: str
    sha256: str  # of the whole file
    zf: zipfile.ZipFile
    infos: dict[str, zipfile.ZipInfo]

    def lines(self, member: str) -> Iterator[tuple[int, str]]:
        """(number, text) of each line of a member, read as it is unpacked; its checksum is
        verified again at the end (the file cannot change between the two reads unnoticed)."""
        entry = self.manifest["members"][member]
        digest, number, pending = hashlib.sha256(), 0, b""
        for chunk in _chunks(self.name, self.zf, self.infos[member], entry["size"]):
            digest.update(chunk)
            pending += chunk
            *complete, pending = pending.split(b"\n")
            if len(pending) > MAX_LINE_BYTES:
                raise _refused(self.name, said("package-line-too-long", number=number + len(complete) + 1,
                                               limit=_mb(MAX_LINE_BYTES)), member)
            for raw in complete:
                number += 1
                yield number, _decoded(self.name, member, number, raw)
        if digest.hexdigest() != entry["sha256"]:
            raise _refused(self.name, said("package-member-checksum"), member)
        if pending:
            yield number + 1, _decoded(self.name, member, number + 1, pending)


def _decoded(file: str, member: str, number: int, raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ImportFailed([Problem(file, number, member, said("member-not-utf8", detail=str(err)))]) from None


@contextlib.contextmanager
def open_package(path: Path) -> Iterator[Package]:
    """Open and check a package, or raise `ImportFailed` saying what is wrong. Only a regular
    file is read: a named pipe would never end, a link to /dev/zero never stop."""
    name = path.name
    handle = _open_regular_file(path)
    with handle:
        try:
            whole = _file_digest(handle)
            with zipfile.ZipFile(handle) as zf:
                infos = _checked_infos(name, zf)
                manifest_bytes = _read_capped(name, zf, infos[MANIFEST], MAX_MANIFEST_BYTES)
                signature = _read_capped(name, zf, infos[SIGNATURE], 256) if SIGNATURE in infos else b""
                manifest = _parse_manifest(name, manifest_bytes, infos)
                signature_text = signature.decode("ascii", "replace").strip()
                if not signature_valid(manifest["signer"], manifest_bytes, signature_text):
                    raise _refused(name, said("package-signature-bad"), SIGNATURE)
                package = Package(name, manifest, manifest_bytes, signature_text, whole, zf, infos)
                _verify_members(name, zf, infos, manifest)
                yield package
        except zipfile.BadZipFile as err:
            raise _refused(name, said("package-bad-zip", detail=str(err))) from None
        except (OSError, EOFError, RuntimeError, ValueError, zipfile.LargeZipFile) as err:
            # zipfile raises these for damaged data, encryption, or an unknown compression
            # method (a RuntimeError of its own kind).
            raise _refused(name, said("package-unreadable", detail=str(err))) from None


def _open_regular_file(path: Path) -> IO[bytes]:
    name = path.name
    try:
        # O_NONBLOCK: opening a named pipe must not wait for a writer that never comes.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise _refused(name, said("package-cannot-read", detail=err.strerror or str(err))) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        raise _refused(name, said("package-not-a-file"))
    if info.st_size > MAX_FILE_BYTES:
        os.close(fd)
        raise _refused(name, said("package-file-too-large", size=_mb(info.st_size),
                                  limit=_mb(MAX_FILE_BYTES)))
    return os.fdopen(fd, "rb")


def _file_digest(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: handle.read(CHUNK), b""):
        digest.update(chunk)
    handle.seek(0)
    return digest.hexdigest()


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


def _chunks(file: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> Iterator[bytes]:
    """A member's bytes as it is unpacked, never more than `limit`, whatever its header claims."""
    if info.file_size > limit:
        raise _refused(file, said("package-member-too-large", size=_mb(info.file_size),
                                  limit=_mb(limit)), info.filename)
    if info.file_size > RATIO_CHECKED_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise _refused(file, said("package-zip-bomb",
                                  ratio=info.file_size // max(info.compress_size, 1)), info.filename)
    read = 0
    with zf.open(info) as stream:
        while chunk := stream.read(min(CHUNK, limit + 1 - read)):
            read += len(chunk)
            if read > limit:
                break
            yield chunk
    if read != info.file_size or read > limit:
        raise _refused(file, said("package-size-mismatch"), info.filename)


def _read_capped(file: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    return b"".join(_chunks(file, zf, info, limit))


def _parse_manifest(file: str, raw: bytes, infos: dict[str, zipfile.ZipInfo]) -> dict[str, Any]:
    try:
        manifest = json.loads(raw.decode("utf-8"))
    # ValueError: also a number of thousands of digits; RecursionError: nesting thousands deep.
    except (UnicodeDecodeError, ValueError, RecursionError) as err:
        raise _refused(file, said("manifest-not-json", detail=_short(err)), MANIFEST) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _refused(file, said("manifest-wrong-format", format=FORMAT), MANIFEST)
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _refused(file, said("manifest-no-version", version=str(version)[:20]), MANIFEST)
    if version > VERSION:
        raise _refused(file, said("manifest-newer-version", version=version, supported=VERSION),
                       MANIFEST)
    if version < VERSION or SIGNATURE not in infos:
        raise _refused(file, said("package-unsigned", version=version), MANIFEST)
    problems = _manifest_problems(manifest)
    if problems:
        raise ImportFailed([Problem(file, None, MANIFEST, p) for p in problems])
    return manifest


def _short(err: BaseException) -> str:
    return str(err)[:200]


def _manifest_problems(m: dict[str, Any]) -> list[Said]:
    problems = []
    if m.get("kind") not in KINDS:
        problems.append(said("manifest-kind", kinds=", ".join(KINDS), kind=str(m.get("kind"))[:40]))
    for key in ("id", "batch", "created_at"):
        if not isinstance(m.get(key), str) or not m[key].strip() or len(m[key]) > 200:
            problems.append(said("manifest-field-not-text", key=key))
    if not isinstance(m.get("signer"), str) or not _SHA256.match(m["signer"]):
        problems.append(said("manifest-field-not-text", key="signer"))
    creator = m.get("creator")
    if not (isinstance(creator, dict) and isinstance(creator.get("name"), str)
            and isinstance(creator.get("role"), str) and len(creator["name"]) <= 100):
        problems.append(said("manifest-creator"))
    if not isinstance(m.get("counts"), dict):
        problems.append(said("manifest-no-counts"))
    members = m.get("members")
    if not isinstance(members, dict) or not members:
        problems.append(said("manifest-no-members"))
        return problems
    for name, entry in members.items():
        if not _MEMBER_NAME.match(str(name)):
            problems.append(said("manifest-member-name", name=str(name)[:60]))
        elif not (isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
                  and _SHA256.match(entry["sha256"]) and isinstance(entry.get("size"), int)
                  and not isinstance(entry["size"], bool) and entry["size"] >= 0):
            problems.append(said("manifest-member-entry", name=name))
        elif entry["size"] > MAX_MEMBER_BYTES:
            problems.append(said("manifest-member-problem", name=name,
                                 problem=too_large(entry["size"])))
    return problems


def _verify_members(file: str, zf: zipfile.ZipFile, infos: dict[str, zipfile.ZipInfo],
                    manifest: dict[str, Any]) -> None:
    """Every member present, listed, of its declared size and checksum (read once, streamed)."""
    declared = manifest["members"]
    present = set(infos) - {MANIFEST, SIGNATURE}
    extra, missing = sorted(present - set(declared)), sorted(set(declared) - present)
    problems = [Problem(file, None, n, said("package-member-unlisted")) for n in extra]
    problems += [Problem(file, None, n, said("package-member-missing")) for n in missing]
    if problems:
        raise ImportFailed(problems)
    total = sum(entry["size"] for entry in declared.values())
    if too_large(total):
        raise _refused(file, too_large(total))
    for name, entry in declared.items():
        if infos[name].file_size != entry["size"]:
            problems.append(Problem(file, None, name, said(
                "package-member-size", declared=entry["size"], actual=infos[name].file_size)))
            continue
        digest = hashlib.sha256()
        for chunk in _chunks(file, zf, infos[name], entry["size"]):
            digest.update(chunk)
        if digest.hexdigest() != entry["sha256"]:
            problems.append(Problem(file, None, name, said("package-member-checksum")))
    if problems:
        raise ImportFailed(problems)
