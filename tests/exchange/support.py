"""Laptops for exchange tests: a coordinator's database with a batch, and reviewers' ones."""
from __future__ import annotations

from pathlib import Path

from review import Actor, Desk
from review.importing import import_drafts
from review.model import GlossaryEntry, MemoryUnit
from tests.helpers import COORD, draft

TENDAI, RUDO, NYASHA = Actor("Tendai"), Actor("Rudo"), Actor("Nyasha")


def coordinator_laptop(folder: Path, posts: int = 3) -> tuple[Desk, dict[str, str]]:
    """A coordinator's desk with batch 'zw' (posts ZW-1..N), a glossary and a memory unit of
    its language pair, and one of another pair (which a package must leave out)."""
    desk = Desk(folder / "coordinator.sqlite3")
    import_drafts(desk, [draft(f"ZW-{n}") for n in range(1, posts + 1)], "zw", actor=COORD,
                  timezone="Africa/Harare")
    with desk.store.write():
        desk.store.glossaries.replace("aid", "zh-CN", "en", "aid.csv",
                                    [GlossaryEntry("马斯温戈", "Masvingo", note="a province")])
        desk.store.glossaries.replace("de", "en", "de", "de.csv", [GlossaryEntry("well", "Brunnen")])
        desk.store.memory.add_units([MemoryUnit("zh-CN", "en", "打井", "drill a borehole", "hq.tmx"),
                                 MemoryUnit("en", "de", "well", "Brunnen", "hq.tmx")])
    return desk, desk.store.posts.ids_by_external("zw")


def reviewer_laptop(folder: Path, name: str, work_package: Path) -> Desk:
    desk = Desk(folder / f"{name}.sqlite3")
    desk.import_package(work_package)
    return desk


def snapshot(desk: Desk) -> dict:
    """Everything a merge may change, independent of insertion order (rowids, seq)."""
    store = desk.store
    posts = {r["id"]: {k: v for k, v in r.items() if k != "problems"} for r in store.posts.rows()}
    revisions = sorted(tuple(r.values()) for r in store.db.query(
        "SELECT id, post_id, number, kind, text, author, withdrawn FROM revisions"))
    annotations = sorted(tuple(r.values()) for r in store.db.query(
        "SELECT id, post_id, revision_id, status FROM annotations"))
    events = sorted((e.id, e.kind, e.parent) for e in store.events.all())
    return {"posts": posts, "revisions": revisions, "annotations": annotations, "events": events,
            "memory": sorted((u.source_text, u.target_text) for u in store.memory.units())}


# -- forging packages ------------------------------------------------------------------------


def members_of(path: Path) -> dict[str, bytes]:
    import zipfile

    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_zip(path: Path, members: dict[str, bytes], *, extra=(), compression=None) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", compression=compression or zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
        for info, data in extra:
            zf.writestr(info, data)
    return path


def keys_of(desk: Desk):
    """The signing keys of a desk: what an insider who controls that laptop holds."""
    from review.signing import KEYS_SETTING, keys_from_json

    return keys_from_json(desk.store.settings.get(KEYS_SETTING))


def resigned(members: dict[str, bytes], keys=None, **manifest_changes) -> dict[str, bytes]:
    """The members with a manifest whose checksums match them again. Without `keys` the old
    signature stays (a careful forger who lacks the key); with `keys` the manifest is signed
    again with them (someone who holds that laptop's key, or their own)."""
    import hashlib
    import json

    manifest = json.loads(members["manifest.json"])
    manifest["members"] = {n: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)}
                           for n, d in members.items() if n not in ("manifest.json", "manifest.sig")}
    if keys is not None:
        manifest["signer"] = keys.public
    manifest.update(manifest_changes)
    data = json.dumps(manifest).encode()
    signed = {"manifest.json": data}
    if keys is not None:
        signed["manifest.sig"] = keys.sign(data).encode()
    return dict(members, **signed)


def event_lines(members: dict[str, bytes]) -> list[dict]:
    import json

    return [json.loads(x) for x in members["events.jsonl"].decode().split("\n") if x]


def with_event_lines(members: dict[str, bytes], lines: list[dict]) -> dict[str, bytes]:
    import json

    data = "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines).encode()
    return dict(members, **{"events.jsonl": data})
