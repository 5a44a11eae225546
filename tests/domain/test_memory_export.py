"""`tm export` of one language pair: a CAT project has one source language, and OmegaT warns
about a TMX whose header says `*all*` and skips the units in another language."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from review import Desk
from review.errors import InvalidInput, ReviewError
from tests.helpers import COORD


WEBLATE = Path(__file__).resolve().parents[1] / "data" / "real-world" / "weblate_memory.tmx"


@pytest.fixture
def desk(tmp_path):
    with Desk(tmp_path / "d.sqlite3") as desk:
        desk.load_sample_and_glossaries(COORD)
        for row in desk.posts(batch="chengdu-hitech-zone"):  # zh-CN into en (4), ja, ko, de, fr
            desk.decide(row["id"], COORD, "approve", despite_findings=True)
        desk.import_memory(WEBLATE)  # de-DE into cs-CZ and en-US
        yield desk


def _languages(path) -> tuple[str, set[tuple[str, str]]]:
    root = etree.parse(str(path)).getroot()
    pairs = {tuple(v.get("{http://www.w3.org/XML/1998/namespace}lang") for v in tu.iter("{*}tuv"))
             for tu in root.iter("{*}tu")}
    return root.find("header").get("srclang"), pairs


def test_the_whole_memory_says_all_languages(desk, tmp_path):
    assert desk.export_memory(tmp_path / "all.tmx") == 18
    srclang, pairs = _languages(tmp_path / "all.tmx")
    assert srclang == "*all*" and {source for source, _ in pairs} == {"zh-CN", "de-DE"}


def test_one_source_language_is_named_in_the_header(desk, tmp_path):
    assert desk.export_memory(tmp_path / "zh.tmx", source_lang="zh-CN") == 16
    srclang, pairs = _languages(tmp_path / "zh.tmx")
    assert srclang == "zh-CN" and {source for source, _ in pairs} == {"zh-CN"}
    assert desk.export_memory(tmp_path / "zh-en.tmx", source_lang="zh", target_lang="EN") == 4
    assert _languages(tmp_path / "zh-en.tmx") == ("zh-CN", {("zh-CN", "en")})
    assert desk.export_memory(tmp_path / "de.tmx", source_lang="de") == 2  # cs-CZ and en-US
    assert _languages(tmp_path / "de.tmx")[0] == "de-DE"


def test_a_pair_the_memory_lacks_is_refused_by_name(desk, tmp_path):
    with pytest.raises(ReviewError, match="no unit from en into fr"):
        desk.export_memory(tmp_path / "fr.tmx", source_lang="en", target_lang="fr")
    with pytest.raises(InvalidInput, match="'xx' is not a language code"):
        desk.export_memory(tmp_path / "xx.tmx", source_lang="xx")
    assert not (tmp_path / "fr.tmx").exists()
