"""What feeds the hints, through the server (issue 11's rule: for every post, a reviewer's
laptop shows the hints the coordinator's desk shows). A sync carries what a work package
carries for a batch: the glossaries that feed a hint of its posts and the memory units of its
posts' language pairs (hints/sources.py says which; exchange.py picks them). Dismissed checks
travel as events already.

HQ's desk writes them: each batch's pairs, then the glossaries and units that feed any of
them, a row changed only when its contents did. An office's login reads those of the pairs of
its granted batches (the server's row-level security); a laptop reads what changed since its
last sync, and everything again when its batches' pairs change (a new grant). The units of
posts this laptop holds are left out: it makes those itself from the posts' logs, as after a
work package.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

from ..core import Core
from ..errors import ReviewError
from ..exchange import glossaries_feeding, units_feeding
from ..hints.sources import HintSources, language_pair
from ..model import MemoryUnit
from ..references import glossary_entry, glossary_header, memory_unit, store_glossary
from ..store.server_schema import REFERENCE_CAP
from ..texts import Said, said

MARK_SETTING = "sync.references.{server}"  # {"pairs": [[source, target], ...], "seq": N}
SENT_SETTING = "sync.references_sent.{server}"  # HQ: the versions and pairs last sent
_to_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def send(core: Core, server, server_id: str) -> int:
    """HQ's desk: the pairs of the server's batches it holds, and what feeds their hints.
    Returns how many glossaries and units were new or changed on the server. Nothing is sent
    when neither the pairs, the glossaries nor the memory changed since the last time (a
    memory of 100,000 units is some 30 MB to send)."""
    here = {b["name"] for b in core.store.batches.list()}
    pairs = {batch: {language_pair(s, t) for s, t in core.store.posts.language_pairs(batch)}
             for batch in server.visible_batches() if batch in here}
    settings, key = core.store.settings, SENT_SETTING.format(server=server_id)
    stamp = _to_json([settings.get("glossary_version"), settings.get("tm_version"),
                      {batch: sorted(p) for batch, p in pairs.items()}])
    if settings.get(key) == stamp:
        return 0
    changed = _send(core, server, pairs)
    with core.store.write():
        settings.set(key, stamp)
    return changed


def _send(core: Core, server, pairs: dict[str, set[tuple[str, str]]]) -> int:
    server.set_batch_pairs(pairs)
    sources = HintSources(frozenset().union(*pairs.values()))
    glossaries = ((g["name"], g["source_lang"], g["target_lang"], *language_pair(g["source_lang"], g["target_lang"]),
                   _to_json({"glossary": {k: v for k, v in g.items() if k != "entries"},
                             "entries": g["entries"]}))
                  for g in glossaries_feeding(core, sources))
    units = ((_unit_key(unit), *language_pair(unit.source_lang, unit.target_lang), _to_json(unit.__dict__))
             for unit, _post in units_feeding(core, sources))
    return server.put_references("glossaries", glossaries) + server.put_references("memory_units", units)


def _unit_key(unit: MemoryUnit) -> str:
    """A post's unit is that post's (a newer one replaces it); another is its texts."""
    if unit.post_id:
        return unit.origin
    texts = _to_json([unit.source_lang, unit.target_lang, unit.source_text, unit.target_text])
    return "unit:" + hashlib.sha256(texts.encode()).hexdigest()


def receive(core: Core, server, server_id: str) -> int:
    """An office's desk: the glossaries and units changed since its last sync (all, when its
    batches' pairs changed), checked as a work package's are, stored in one transaction with
    how far it read. Returns how many glossaries changed and units were new here."""
    pairs = [list(pair) for pair in server.granted_pairs()]
    key = MARK_SETTING.format(server=server_id)
    mark = json.loads(core.store.settings.get(key) or "{}")
    after = mark.get("seq", 0) if mark.get("pairs") == pairs else 0
    changed, last = 0, after
    with core.store.write():
        for table, rows in server.references_after(after):
            last = max(last, rows[-1][0])
            if table == "glossaries":
                changed += sum(store_glossary(core, _glossary(name, body)) for _seq, name, body in rows)
            else:
                changed += _store_units(core, [_unit(key, body) for _seq, key, body in rows])
        core.store.settings.set(key, json.dumps({"pairs": pairs, "seq": last}))
    return changed


def _store_units(core: Core, units: list[MemoryUnit]) -> int:
    own = core.store.posts.existing_ids([u.post_id for u in units if u.post_id])
    return core.store.memory.add_units([u for u in units if u.post_id not in own])


def _glossary(name: str, body: str) -> dict[str, Any]:
    try:
        raw = _parsed(body)
        glossary = glossary_header(raw["glossary"])
        glossary["entries"] = [glossary_entry(entry) for entry in raw["entries"]]
        return glossary
    except (TypeError, KeyError, ValueError) as err:
        raise ReviewError(said("sync-glossary-malformed", name=name[:80], detail=_detail(err))) from None


def _unit(key: str, body: str) -> MemoryUnit:
    try:
        return memory_unit(_parsed(body))
    except (TypeError, KeyError, ValueError) as err:
        raise ReviewError(said("sync-unit-malformed", key=key[:80], detail=_detail(err))) from None


def _parsed(body: str) -> Any:
    if len(body) > REFERENCE_CAP:  # cut short by the pull (store/server.py)
        raise ValueError(said("sync-reference-too-large", limit=f"{REFERENCE_CAP >> 20} MB"))
    try:
        return json.loads(body)
    except RecursionError:
        raise ValueError(said("member-not-json", detail="nested too deeply")) from None


def _detail(err: BaseException) -> str:
    """What a ValueError of ours says (a `Said`, kept for translation), or the error's text."""
    first = err.args[0] if err.args else None
    return first if isinstance(first, Said) else str(err)[:200]
