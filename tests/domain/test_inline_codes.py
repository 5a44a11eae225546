"""Inline codes of CAT files as protected placeholders: imported, checked, counted, exported
back exactly, and carried in work and results packages (issue 14)."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from lxml import etree

from review import Desk
from review import workflow as wf
from review.errors import ImportFailed, InvalidInput, ReviewError
from review.formats.batchfile import read_batch_file
from review.formats.inline_codes import codes_valid
from review.formats.placeholders import PLACEHOLDER, shown
from tests.exchange.support import event_lines, keys_of, members_of, resigned, reviewer_laptop
from tests.exchange.support import with_event_lines, write_zip
from tests.exchange.test_hostile_packages import refused
from tests.helpers import COORD, REVIEWER

REAL2 = Path(__file__).resolve().parent.parent / "data" / "real-world-2"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"

XLIFF = f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="{NS12}" version="1.2">
 <file original="app" source-language="en" target-language="fr" datatype="plaintext">
  <body>
   <trans-unit id="added">
    <source>Entry <x id="INTERPOLATION" equiv-text="{{{{ name }}}}"/> of <x id="INTERPOLATION_1" equiv-text="{{{{ list }}}}"/> added</source>
    <target>Entrée <x id="INTERPOLATION" equiv-text="{{{{ name }}}}"/> de <x id="INTERPOLATION_1" equiv-text="{{{{ list }}}}"/> ajoutée</target>
   </trans-unit>
   <trans-unit id="link">
    <source>Read <bpt id="1">&lt;a href="https://unicef.org/x"&gt;</bpt>the report<ept id="1">&lt;/a&gt;</ept> now.</source>
    <target>Lisez <g id="b" ctype="bold">le <bpt id="1">&lt;a href="https://unicef.org/x"&gt;</bpt>rapport<ept id="1">&lt;/a&gt;</ept></g> maintenant.</target>
   </trans-unit>
  </body>
 </file>
</xliff>
"""


@pytest.fixture
def desk(tmp_path):
    path = tmp_path / "app.xlf"
    path.write_text(XLIFF, encoding="utf-8")
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.import_batch(path, batch="app", actor=COORD, platform="x")
        yield desk


def _post(desk: Desk, external_id: str) -> dict:
    return next(p for p in desk.posts(batch="app") if p["external_id"] == external_id)


def _codes(row: dict) -> dict:
    return json.loads(row["codes"])


def test_each_code_is_one_placeholder_with_its_markup_kept(desk):
    row = _post(desk, "added")
    codes = _codes(row)
    assert row["source_text"] == "Entry \ue000 of \ue001 added"
    assert row["draft_text"] == "Entrée \ue000 de \ue001 ajoutée"  # the same code, the same mark
    assert codes["\ue000"]["xml"] == f'<x xmlns="{NS12}" id="INTERPOLATION" equiv-text="{{{{ name }}}}"/>'
    assert codes["\ue000"]["shows"] == "{{ name }}" and codes["\ue000"]["label"] == "{{ name }}"
    link = _post(desk, "link")
    # memoQ's <bpt>&lt;a href…&gt;</bpt> is a code, not text
    assert "href" not in link["source_text"] and "href" not in link["draft_text"]
    roles = [c["role"] for c in _codes(link).values()]
    assert roles.count("open") == roles.count("close") == 1 and roles.count("code") == 2


def test_a_placeholder_cannot_collide_with_the_texts_own_private_use_characters(tmp_path):
    text = XLIFF.replace("Entry <x", "Entry \ue000\ue001 <x")  # an icon font's glyphs in HQ's text
    path = tmp_path / "glyphs.xlf"
    path.write_text(text, encoding="utf-8")
    post = next(p for p in read_batch_file(path, platform="x") if p.external_id == "added")
    assert post.source_text.startswith("Entry \ue000\ue001 ")
    assert not {"\ue000", "\ue001"} & set(post.codes)
    assert [c for c in post.source_text if c in post.codes] == list(post.codes)


def test_a_rewrite_that_loses_adds_or_repeats_a_code_is_an_error_approval_asks_about(desk):
    row = _post(desk, "added")
    assert not [c for c in desk.hints(row["id"]).checks if c.result.id == "placeholders"]
    # each code named as the review pane draws it (its numbered token) and by its label
    cases = {"Entrée \ue000 ajoutée": "missing: <2/> {{ list }}; added: -; repeated: -",
             "Entrée \ue000 \ue000 de \ue001": "missing: -; added: -; repeated: <1/> {{ name }}",
             "Entrée \ue000 de \ue001 \ue003": "missing: -; added: -; repeated: -"}
    for text, detail in cases.items():
        found = [c for c in desk.hints(row["id"], text).checks if c.result.id == "placeholders"]
        if text.endswith("\ue003"):  # not a code of this post: the text's own character
            assert not found
            continue
        assert found and found[0].result.severity == "error" and detail in found[0].result.message
    desk.rewrite(row["id"], REVIEWER, "Entrée \ue000 ajoutée")
    with pytest.raises(ReviewError, match="inline codes differ"):
        desk.decide(row["id"], REVIEWER, "approve")


def test_the_length_and_the_memory_read_a_code_as_what_it_stands_for(desk):
    row = _post(desk, "added")
    hints = desk.hints(row["id"])
    assert hints.length["count"] == len("Entrée {{ name }} de {{ list }} ajoutée")
    desk.decide(row["id"], REVIEWER, "approve")
    rows = desk.store.conn.execute("SELECT source_text, target_text FROM tm_units").fetchall()
    assert ("Entry {{ name }} of {{ list }} added", "Entrée {{ name }} de {{ list }} ajoutée") \
        in [tuple(r) for r in rows]


def test_a_rewrite_that_moves_codes_goes_back_with_the_original_markup(desk, tmp_path):
    row = _post(desk, "link")
    draft = row["draft_text"]
    opening, closing = [c for c, v in _codes(row).items() if v["role"] in ("open", "close")]
    bpt, ept = [c for c, v in _codes(row).items() if v["role"] == "code"]
    moved = f"Lisez le {bpt}rapport{ept} {opening}maintenant{closing}."
    assert sorted(moved) != sorted(draft) or moved != draft
    desk.rewrite(row["id"], REVIEWER, moved)
    desk.decide(row["id"], REVIEWER, "approve")
    desk.decide(_post(desk, "added")["id"], REVIEWER, "approve")
    out = tmp_path / "back.xlf"
    desk.export("app", "xliff12", out, COORD)
    unit = etree.parse(str(out)).find(f".//{{{NS12}}}trans-unit[@id='link']")
    target = etree.tostring(unit.find(f"{{{NS12}}}target"), encoding="unicode")
    assert ('>Lisez le <bpt id="1">&lt;a href="https://unicef.org/x"&gt;</bpt>rapport'
            '<ept id="1">&lt;/a&gt;</ept> <g id="b" ctype="bold">maintenant</g>.</target>') in target


def test_codes_that_do_not_nest_refuse_the_export_naming_the_post(desk, tmp_path):
    row = _post(desk, "link")
    opening, closing = [c for c, v in _codes(row).items() if v["role"] in ("open", "close")]
    desk.rewrite(row["id"], REVIEWER, f"Lisez {closing}le rapport{opening} maintenant.")
    desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
    out = tmp_path / "back.xlf"
    with pytest.raises(InvalidInput, match="post link: the inline codes .* do not nest"):
        desk.export("app", "xliff12", out, COORD)
    assert not out.exists()
    with pytest.raises(InvalidInput, match="XLIFF 2.0 cannot hold"):
        desk.export("app", "xliff20", out, COORD)


def test_plain_exports_write_each_codes_markup_and_scheduling_what_it_stands_for(desk, tmp_path):
    for row in desk.posts(batch="app"):
        desk.decide(row["id"], REVIEWER, "approve", despite_findings=True)
    desk.export("app", "csv", tmp_path / "out.csv", COORD)
    with open(tmp_path / "out.csv", encoding="utf-8") as handle:
        texts = {r["external_id"]: r["final_text"] for r in csv.DictReader(handle)}
    assert texts["added"] == ('Entrée <x id="INTERPOLATION" equiv-text="{{ name }}"/> de '
                              '<x id="INTERPOLATION_1" equiv-text="{{ list }}"/> ajoutée')
    assert texts["link"] == ('Lisez <g id="b" ctype="bold">le <bpt id="1">&lt;a href='
                             '"https://unicef.org/x"&gt;</bpt>rapport<ept id="1">&lt;/a&gt;</ept>'
                             '</g> maintenant.')
    assert not any(PLACEHOLDER.search(t) for t in texts.values())


def test_codes_travel_in_work_and_results_packages(desk, tmp_path):
    work = tmp_path / "work.rdpack"
    desk.make_work_package("app", work, COORD)
    laptop = reviewer_laptop(tmp_path, "tendai", work)
    try:
        theirs = {p["external_id"]: p for p in laptop.posts(batch="app")}
        assert theirs["added"]["codes"] == _post(desk, "added")["codes"]
        laptop.decide(theirs["added"]["id"], REVIEWER, "approve")
        results = tmp_path / "results.rdpack"
        laptop.make_results_package("app", results, REVIEWER)
    finally:
        laptop.close()
    desk.import_package(results)
    assert _post(desk, "added")["state"] == "approved"
    desk.export("app", "xliff12", tmp_path / "back.xlf", COORD)
    assert '<x id="INTERPOLATION_1" equiv-text="{{ list }}"/>' in (tmp_path / "back.xlf").read_text()


@pytest.mark.parametrize("codes", [
    {"a": {"role": "code", "xml": "<x id='1'/>", "shows": "", "label": "x"}},  # not a placeholder
    {"\ue000": {"role": "code", "xml": "<script/>", "shows": "", "label": "x"}},  # not inline
    {"\ue000": {"role": "code", "xml": "<!DOCTYPE x [<!ENTITY a 'b'>]><x/>", "shows": "",
                "label": "x"}},
    {"\ue000": {"role": "close", "xml": "", "shows": "", "label": "x", "pair": "\ue001"}},
    {"\ue000": {"role": "code", "xml": "<x/>", "shows": 3, "label": "x"}},
])
def test_a_work_package_with_forged_codes_is_refused(desk, tmp_path, codes):
    assert not codes_valid(codes)
    work = tmp_path / "work.rdpack"
    desk.make_work_package("app", work, COORD)
    members = members_of(work)
    lines = event_lines(members)
    next(x for x in lines if x["kind"] == wf.IMPORTED and "codes" in x["payload"])["payload"][
        "codes"] = codes
    counts = dict(json.loads(members["manifest.json"])["counts"], events=len(lines))
    forged = write_zip(tmp_path / "forged.rdpack",
                       resigned(with_event_lines(members, lines), keys_of(desk), counts=counts))
    with Desk(tmp_path / "fresh.sqlite3") as fresh:
        refused(fresh, forged, "is not a set of inline codes")


def test_memoqs_native_codes_are_codes_not_text():
    posts = read_batch_file(REAL2 / "okapi_MQ-12-Test01_memoq.xlf", platform="x")
    assert not [p for p in posts if "&lt;" in p.source_text or "<kbd>" in p.source_text]
    with_codes = [p for p in posts if p.codes]
    assert len(with_codes) > 10
    assert all(shown(p.source_text, p.codes) == PLACEHOLDER.sub("", p.source_text)
               for p in with_codes)  # bpt/ept have no equiv-text: they stand for nothing


def test_an_unknown_code_file_still_refuses_as_a_whole(tmp_path):
    path = tmp_path / "bad.xlf"
    path.write_text(XLIFF.replace("</body>", "<trans-unit id='added'><source>x</source>"
                                  "</trans-unit></body>"), encoding="utf-8")
    with pytest.raises(ImportFailed, match="duplicate id"):
        read_batch_file(path, platform="x")
