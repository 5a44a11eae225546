"""Every XLIFF of both real-world corpora goes back as the document HQ's CAT tool wrote.

Each file is imported, every post approved (unchanged, or some rewritten), and exported in its
own XLIFF version; the export is compared with the original element by element (names,
attributes, text, tails, comments, order; the parsers' view, so a CRLF file compares with
its LF export): identical except what the export is documented to set (README, "XLIFF
batches"): 1.x `approved="yes"` and the target's `state`, 2.0 the segment's `state` and
`subState`, a target where the unit had none (the source's content when approved unchanged),
a rewritten post's target (its text between the original target's, or source's, whitespace),
the review notes, and a target language where the file named none. Then the export is read
again: the same ids and texts. And it passes the OASIS schema when the original does.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from review import Desk
from review.errors import ImportFailed
from review.formats.batchfile import read_batch_file
from review.formats.inline_codes import has_words
from review.formats.xliff_fill import is_language
from review.formats.xliff_format import xliff_version
from tests.helpers import COORD, REVIEWER

try:
    from tests.formats.test_xliff_schemas import XSD, schema
    SCHEMAS_HERE = True
except BaseException:  # the schemas module skips itself where setup.sh did not fetch them
    SCHEMAS_HERE = False

DATA = Path(__file__).resolve().parent.parent / "data"
FILES = sorted(p for folder in ("real-world", "real-world-2") for p in (DATA / folder).iterdir()
               if p.suffix in (".xlf", ".xliff", ".xliff2", ".xlf2"))
# Files that name no target language: the language HQ would choose on import.
# (OmegaT's filter test file names one, `xx`, that is not a language: --target-lang replaces it.)
TARGET_LANG = {"angular_ngExtractedMaster1.xlf": "de", "translate_states.xlf": "af",
               "omegat_xliff2_ex.9.5.xlf": "fr", "translate_odf2xliff-reference.xlf": "de",
               "omegat_filters4_en-xx.xlf": "fr"}
# Files that are refused, and the message that says why (README, "XLIFF batches"): none now.
REFUSED: dict[str, str] = {}
ADDED = " (checked)"  # what a rewrite adds at the end of a post's text
PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def _parse(path: Path) -> etree._ElementTree:
    return etree.parse(str(path), PARSER)


def _import(desk: Desk, path: Path) -> None:
    desk.import_batch(path, batch="rt", actor=COORD, platform="x", fmt="xliff",
                      target_lang=TARGET_LANG.get(path.name))


def _export(desk: Desk, path: Path, out: Path, rewrite_every: int = 0) -> dict[str, str]:
    """Approve every post (every `rewrite_every`-th rewritten first), export; HQ's id -> the
    approved text of the rewritten posts."""
    rewritten = {}
    rows = desk.posts(batch="rt")
    # every post has words to review (a draft of only codes was an empty post: Trados)
    assert [r["external_id"] for r in rows if not has_words(r["draft_text"])] == []
    for number, row in enumerate(rows):
        if rewrite_every and number % rewrite_every == 0:
            desk.rewrite(row["id"], REVIEWER, row["draft_text"] + ADDED)
            rewritten[row["external_id"]] = row["draft_text"] + ADDED
        desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
    fmt = "xliff20" if xliff_version(_parse(path).getroot()) == "2.0" else "xliff12"
    result = desk.export("rt", fmt, out, COORD)
    assert result.written.name == "export-written-into"
    return rewritten


def _units(path: Path, tree: etree._ElementTree) -> dict[str, etree._Element]:
    """HQ's id -> unit element (1.x <trans-unit>, 2.0 <segment>) of `tree` (the file at
    `path`) for each post the file gives, found by the line the import reports."""
    posts = read_batch_file(path, "xliff", platform="x", target_lang=TARGET_LANG.get(path.name))
    name = "segment" if xliff_version(tree.getroot()) == "2.0" else "trans-unit"
    lines = {p.line: p.external_id for p in posts}
    assert len(lines) == len(posts), "one unit a line, or the test cannot find them"
    return {lines[e.sourceline]: e for e in tree.iter(f"{{*}}{name}") if e.sourceline in lines}


# -- the walk ------------------------------------------------------------------------------------

SET_ON = {"trans-unit": {"approved"}, "target": {"state"}, "segment": {"state", "subState"},
          "file": {"target-language"}, "xliff": {"trgLang"}}


def _local(node) -> str:
    return etree.QName(node).localname if isinstance(node.tag, str) else ""


def _added(node, original) -> bool:
    """An element the export may add: a review note or a <notes> of them that the original
    did not have, a target where the unit had none (its content is checked apart)."""
    name = _local(node)
    if name == "note":
        return (node.get("category") in ("review", "hq") or node.get("from") is not None) \
            and not _matches(node, original)
    if name == "notes":
        return original.find(node.tag) is None and all(_added(n, original) for n in node)
    return name == "target" and original.find(node.tag) is None


def walk(original, export, exported: set[int], rewritten: set[int], where: str = "") -> None:
    """Compare two trees as described above; `exported`: ids of the export's unit elements
    whose post went out, `rewritten`: those whose target carries a rewrite."""
    where = f"{where}/{_local(original) or original.tag}"
    assert original.tag == export.tag, where
    allowed = SET_ON.get(_local(original), set()) if id(export) in exported or \
        _local(original) in ("file", "xliff") else set()
    if _local(original) == "target" and id(export.getparent()) in exported:
        allowed = {"state"}
    differing = {k for k in set(original.attrib) | set(export.attrib)
                 if original.get(k) != export.get(k)}
    assert differing <= allowed, (where, differing)
    for key in differing & {"target-language", "trgLang"}:  # set where the file named none
        assert not is_language(original.get(key) or ""), (where, key)  # (or OmegaT's xx)
    if _local(original) == "target" and id(export.getparent()) in exported and (
            id(export.getparent()) in rewritten or not _had_text(original)):
        return  # a rewrite, or a target without words: see _check_rewrite, _check_new_targets
    assert original.text == export.text, where
    ours = list(original)
    theirs = [c for c in export if not (id(export) in exported or _local(c) == "notes"
                                        or _local(export) == "notes") or not _added(c, original)]
    assert len(ours) == len(theirs), (where, [_local(c) for c in ours], [_local(c) for c in theirs])
    for mine, back in zip(ours, theirs):
        if isinstance(mine.tag, str):
            walk(mine, back, exported, rewritten, where)
        else:  # a comment or processing instruction: as it was
            assert (mine.tag, mine.text) == (back.tag, back.text), where
        assert mine.tail == back.tail, f"{where} (after {_local(mine)})"


def _matches(node, original) -> bool:
    """Whether an added-looking element of the export was in the original already (a unit's
    own target or notes are compared, not skipped)."""
    return any(c.tag == node.tag and (c.get("from"), c.get("category"), c.text)
               == (node.get("from"), node.get("category"), node.text) for c in original)


def _check_states(export: dict) -> None:
    """Every exported post's unit says it is approved: 1.x approved="yes" and its target's
    state "final", 2.0 its segment's state "final"."""
    for external_id, unit in export.items():
        if unit.tag.endswith("}segment"):
            assert unit.get("state") == "final", external_id
        else:
            assert (unit.get("approved"), unit.find("{*}target").get("state")) == ("yes", "final")


def _had_text(target: etree._Element | None) -> bool:
    """Whether the import read a unit's target as HQ's draft: a target with words (one of only
    codes, such as Trados's empty <mrk mtype="seg"/> segments, is not a translation)."""
    return target is not None and bool("".join(target.itertext()).strip())


def _content(element: etree._Element) -> list:
    """An element's content as comparable values: text, and each child's name, attributes,
    content and tail (namespace declarations aside)."""
    return [element.text] + [(c.tag, sorted(c.attrib.items()), _content(c), c.tail)
                             for c in element]


def _check_new_targets(original: dict, export: dict, rewritten: dict) -> None:
    """A unit whose target had no words, approved unchanged, gets HQ's draft as its target:
    the source's content, or, where Trados left empty segments, the <seg-source>'s."""
    for external_id, unit in original.items():
        target = unit.find("{*}target")
        if external_id in rewritten or _had_text(target):
            continue
        segmented = unit.find("{*}seg-source")
        draft = segmented if segmented is not None and target is not None else unit.find(
            "{*}source")
        back = export[external_id]
        assert _content(back.find("{*}target")) == _content(draft), external_id


def _check_rewrite(original: dict, export: dict, rewritten: dict) -> None:
    """A rewritten post's target ends with the added words, between the whitespace the
    original target (or, without one, the source) had at its ends."""
    for external_id, text in rewritten.items():
        unit = original[external_id]
        target = unit.find("{*}target")
        model = target if _had_text(target) else unit.find("{*}source")
        whole = _inner(model)
        lead, trail = re.match(r"\s*", whole).group(), re.search(r"\s*$", whole).group()
        back = _inner(export[external_id].find("{*}target"))
        assert back.startswith(lead) and back.endswith(ADDED + trail), external_id


def _inner(element: etree._Element) -> str:
    """An element's content as markup (codes included), to see the whitespace at its ends."""
    return (element.text or "") + "".join(etree.tostring(c, encoding="unicode") for c in element)


def _round_trip(tmp_path: Path, path: Path, rewrite_every: int) -> None:
    out = tmp_path / "out.xlf"
    with Desk(tmp_path / "d.sqlite3") as desk:
        if path.name in REFUSED:
            with pytest.raises(ImportFailed, match=REFUSED[path.name]):
                _import(desk, path)
            return
        _import(desk, path)
        rewritten = _export(desk, path, out, rewrite_every)
        approved = {r["external_id"]: r["current_text"] for r in desk.posts(batch="rt")}
    original_tree, export_tree = _parse(path), _parse(out)
    original, export = _units(path, original_tree), _units(out, export_tree)
    assert set(export) == set(original) == set(approved)  # read again: the same ids...
    again = read_batch_file(out, "xliff", platform="x")
    assert {p.external_id: p.draft_text for p in again} == approved  # ...and the same texts
    walk(original_tree.getroot(), export_tree.getroot(), {id(e) for e in export.values()},
         {id(export[i]) for i in rewritten})
    _check_new_targets(original, export, rewritten)
    _check_states(export)
    _check_rewrite(original, export, rewritten)
    version = xliff_version(_parse(path).getroot())
    fmt = "xliff20" if version == "2.0" else "xliff12"
    if SCHEMAS_HERE:  # valid in, valid out (13 of the 22); the others: no error of the export's own
        assert schema_errors(out, fmt) <= schema_errors(path, fmt)


def schema_errors(path: Path, fmt: str) -> set[str]:
    """What the OASIS schema finds wrong, without where (1.0/1.1 files: that they are not 1.2;
    others: the extensions strict validation refuses, 1.2 units without an id...)."""
    checker = schema(XSD[fmt])
    return set() if checker.validate(_parse(path)) else {e.message for e in checker.error_log}


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_approved_unchanged_goes_back_as_the_original_document(tmp_path, path):
    _round_trip(tmp_path, path, rewrite_every=0)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_rewrites_go_into_the_targets_and_nothing_else_changes(tmp_path, path):
    _round_trip(tmp_path, path, rewrite_every=2)
