"""A TMX memory's segments with inline codes reach a reviewer's laptop in the work package as
the coordinator keeps them (so a memory export there writes the same codes), and a package's
segment markup is checked like every member: a <seg> of TMX's inline elements, bounded, no DTD."""
from __future__ import annotations

import json
import re

import pytest

from review.errors import ImportFailed
from tests.exchange.support import (coordinator_laptop, keys_of, members_of, resigned,
                                   reviewer_laptop, write_zip)
from tests.helpers import COORD

CODED_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header creationtool="t" creationtoolversion="1" datatype="html"
 segtype="sentence" adminlang="en" srclang="zh-CN" o-tmf="t"/><body>
<tu><tuv xml:lang="zh-CN"><seg><bpt i="1">&lt;b&gt;</bpt>打井<ept i="1">&lt;/b&gt;</ept><ph x="2">&lt;br/&gt;</ph></seg></tuv>
<tuv xml:lang="en"><seg><bpt i="1">&lt;b&gt;</bpt>drill a well<ept i="1">&lt;/b&gt;</ept><ph x="2">&lt;br/&gt;</ph></seg></tuv></tu>
<tu><tuv xml:lang="zh-CN"><seg>马斯温戈<it pos="begin">&lt;i&gt;</it></seg></tuv>
<tuv xml:lang="en"><seg><hi type="b">Masvingo</hi><it pos="begin">&lt;i&gt;</it></seg></tuv></tu>
</body></tmx>
"""


def _segs(desk) -> set:
    return {(u.source_text, u.source_seg, u.target_seg) for u in desk.store.memory.units()
            if u.source_seg or u.target_seg}


@pytest.fixture
def coded(tmp_path):
    coord, _ = coordinator_laptop(tmp_path)
    (tmp_path / "coded.tmx").write_text(CODED_TMX, encoding="utf-8")
    coord.import_memory(tmp_path / "coded.tmx")
    coord.make_work_package("zw", tmp_path / "work.rdpack", COORD)
    yield coord, tmp_path
    coord.close()


def test_coded_segments_travel_in_the_work_package(coded):
    coord, tmp_path = coded
    assert len(_segs(coord)) == 2
    laptop = reviewer_laptop(tmp_path, "tendai", tmp_path / "work.rdpack")
    assert _segs(laptop) == _segs(coord)
    laptop.export_memory(tmp_path / "laptop.tmx")
    coord.export_memory(tmp_path / "coord.tmx")
    laptop.close()
    coded = lambda p: {s for s in re.findall(r"<seg>.*?</seg>", p.read_text(encoding="utf-8"))  # noqa: E731
                       if "<" in s[5:-6]}
    assert '<seg><bpt i="1">&lt;b&gt;</bpt>drill a well<ept i="1">&lt;/b&gt;</ept>' \
        '<ph x="2">&lt;br/&gt;</ph></seg>' in coded(tmp_path / "laptop.tmx")
    assert coded(tmp_path / "laptop.tmx") == coded(tmp_path / "coord.tmx")
    assert len(coded(tmp_path / "laptop.tmx")) == 4


@pytest.mark.parametrize("seg", [
    '<seg>text<x:b xmlns:x="urn:other"/></seg>',  # an element of another namespace
    "<seg>text<?php echo 1 ?></seg>",
    "<p>text</p>",  # not a <seg>
    '<!DOCTYPE seg [<!ENTITY e "x">]><seg>&e;</seg>',
    "<seg>text<bpt i='1'>",  # not well-formed
    '<seg xmlns="urn:other">text</seg>',
    7,
])
def test_a_package_with_a_damaged_segment_is_refused_and_stores_nothing(coded, seg):
    coord, tmp_path = coded
    members = members_of(tmp_path / "work.rdpack")
    lines = members["memory.jsonl"].decode("utf-8").splitlines()
    units = [json.loads(line) for line in lines]
    target = next(u for u in units if u.get("source_seg"))
    target["source_seg"] = seg
    members["memory.jsonl"] = "".join(json.dumps(u, ensure_ascii=False) + "\n"
                                      for u in units).encode("utf-8")
    # signed with the coordinator's own key: what only the segment's checks can refuse
    forged = write_zip(tmp_path / "forged.rdpack", resigned(members, keys_of(coord)))
    from review import Desk

    with Desk(tmp_path / "victim.sqlite3") as victim:
        with pytest.raises(ImportFailed) as refused:
            victim.import_package(forged)
        assert "memory.jsonl" in str(refused.value)
        assert victim.store.memory.count() == 0 and victim.store.events.count() == 0
