"""TMX memories: real files from other tools, languages, inline markup, whitespace, problems, and
export -> import round trips (through our reader and translate-toolkit's)."""
from __future__ import annotations

from pathlib import Path

import pytest
from translate.misc.xml_helpers import getXMLlang
from translate.storage.tmx import tmxfile

from review.errors import ImportFailed, InvalidInput
from review.formats.tmx_files import TmxFile, read_tmx, write_tmx
from review.model import MemoryUnit

DATA = Path(__file__).resolve().parent.parent / "data"
REAL = DATA / "real-world"
HOSTILE = DATA / "hostile"
REAL_TMX = sorted(REAL.glob("*.tmx"))
HEADER = ('<header creationtool="t" creationtoolversion="1" datatype="plaintext" '
          'segtype="sentence" adminlang="en" srclang="{srclang}" o-tmf="t"/>')


def tmx(tmp_path: Path, body: str, srclang: str = "en", name: str = "m.tmx") -> Path:
    path = tmp_path / name
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
                    + HEADER.format(srclang=srclang) + "\n<body>\n" + body
                    + "\n</body>\n</tmx>\n", encoding="utf-8")
    return path


def tu(*variants: tuple[str, str], attrs: str = "") -> str:
    tuvs = "".join(f'<tuv xml:lang="{lang}"><seg>{text}</seg></tuv>' for lang, text in variants)
    return f"<tu{attrs}>{tuvs}</tu>"


def pairs(memory: TmxFile) -> list[tuple[str, str, str, str]]:
    return [(u.source_lang, u.target_lang, u.source_text, u.target_text) for u in memory.units]


def problems(path: Path) -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        read_tmx(path)
    prefix = str(path)
    lines = [str(problem) for problem in caught.value.problems]
    assert all(line.startswith(prefix) for line in lines)
    return [line[len(prefix):] for line in lines]


# ---------------------------------------------------------------------------------- real files

def test_weblate_three_languages_give_two_units_from_the_header_srclang():
    memory = read_tmx(REAL / "weblate_memory.tmx")
    assert pairs(memory) == [
        ("de-DE", "en-US", "Wenn die Logfunktion installiert ist",
         "If the log function is installed"),
        ("de-DE", "cs-CZ", "Wenn die Logfunktion installiert ist",
         "Pokud je nainstalované logování"),
    ]
    assert memory.skipped == 0
    assert {u.origin for u in memory.units} == {"weblate_memory.tmx"}
    assert {u.created for u in memory.units} == {None}


def test_omegat_compliance_kit_utf16_keeps_tabs_and_spaces():
    path = REAL / "omegat_TMXComplianceKit_ImportTest1A.tmx"
    assert path.read_bytes().startswith(b"\xff\xfe")  # UTF-16 LE, DOCTYPE tmx SYSTEM
    assert pairs(read_tmx(path)) == [
        ("en-US", "fr-CA", "First segment with [\t\t   ]", "Premier segment avec [\t\t   ]"),
        ("en-US", "fr-CA", "Second segment with [  \t\t]", "Second segment avec [  \t\t]"),
    ]


@pytest.mark.parametrize("path", REAL_TMX, ids=lambda p: p.name)
def test_real_files_round_trip_through_our_writer(tmp_path, path):
    memory = read_tmx(path)
    out = tmp_path / "export.tmx"
    write_tmx(out, memory.units)
    again = read_tmx(out)
    assert pairs(again) == pairs(memory)
    assert again.skipped == 0
    assert {u.origin for u in again.units} == {"export.tmx"}


@pytest.mark.parametrize("path", REAL_TMX, ids=lambda p: p.name)
def test_exports_read_back_with_translate_toolkit(tmp_path, path):
    memory = read_tmx(path)
    out = tmp_path / "export.tmx"
    write_tmx(out, memory.units)
    store = tmxfile.parsestring(out.read_bytes())
    header = store.document.getroot().find("header")
    assert header.get("srclang") == memory.units[0].source_lang
    found = [(getXMLlang(a), getXMLlang(b), store_unit.getNodeText(a), store_unit.getNodeText(b))
             for store_unit in store.units
             for a, b in [store_unit.getlanguageNodes()]]
    assert found == pairs(memory)


# ---------------------------------------------------------------------------------- languages

def test_language_codes_are_normalised_and_tu_srclang_wins(tmp_path):
    path = tmx(tmp_path, "\n".join([
        tu(("EN-us", "water"), ("SN", "mvura")),
        tu(("sn", "mvura"), ("en", "water"), attrs=' srclang="sn"'),
    ]), srclang="en-US")
    assert pairs(read_tmx(path)) == [("en-US", "sn", "water", "mvura"),
                                     ("sn", "en", "mvura", "water")]


def test_header_srclang_matches_by_primary_language_and_all_takes_the_first(tmp_path):
    assert pairs(read_tmx(tmx(tmp_path, tu(("sn", "mvura"), ("en-GB", "water")),
                              srclang="en"))) == [("en-GB", "sn", "water", "mvura")]
    assert pairs(read_tmx(tmx(tmp_path, tu(("sn", "mvura"), ("en", "water")),
                              srclang="*all*"))) == [("sn", "en", "mvura", "water")]


def test_a_tu_without_the_srclang_variant_uses_its_first(tmp_path):
    path = tmx(tmp_path, tu(("fr", "eau"), ("de", "Wasser")), srclang="en")
    assert pairs(read_tmx(path)) == [("fr", "de", "eau", "Wasser")]


def test_tmx_11_lang_attribute_is_understood(tmp_path):
    path = tmx(tmp_path, '<tu><tuv lang="EN"><seg>water</seg></tuv>'
                         '<tuv lang="ND"><seg>amanzi</seg></tuv></tu>')
    assert pairs(read_tmx(path)) == [("en", "nd", "water", "amanzi")]


# ---------------------------------------------------------------------------------- text

def test_inline_codes_are_dropped_and_highlighted_text_kept(tmp_path):
    seg = ('Click <bpt i="1">&lt;b&gt;</bpt>here<ept i="1">&lt;/b&gt;</ept> now'
           '<ph x="2">&lt;br/&gt;</ph>!<it pos="begin">{\\i }</it> <hi type="em">really</hi>'
           '<ph>&lt;img alt="<sub>a photo</sub>"&gt;</ph><ut>{\\ul}</ut>')
    path = tmx(tmp_path, tu(("en", seg), ("sn", "Dzvanya <ph>{0}</ph>pano")))
    assert pairs(read_tmx(path)) == [("en", "sn", "Click here now! really", "Dzvanya pano")]


def test_characters_outside_the_bmp_and_preserved_whitespace_are_kept(tmp_path):
    source = "Borehole 🎉 handed over in 𠀀 village\n  second line\t"
    path = tmx(tmp_path, '<tu><tuv xml:lang="en"><seg xml:space="preserve">' + source
               + '</seg></tuv><tuv xml:lang="sn"><seg>  Chibhorani 🎉 </seg></tuv></tu>')
    memory = read_tmx(path)
    assert pairs(memory) == [("en", "sn", source, "  Chibhorani 🎉 ")]
    out = tmp_path / "out.tmx"
    write_tmx(out, memory.units)
    assert pairs(read_tmx(out)) == pairs(memory)
    assert "🎉".encode() in out.read_bytes()  # written as UTF-8, not as a character reference


def test_xml_space_default_collapses_whitespace(tmp_path):
    path = tmx(tmp_path, '<tu xml:space="default"><tuv xml:lang="en"><seg>  a \n\t b  </seg>'
                         '</tuv><tuv xml:lang="sn"><seg>c</seg></tuv></tu>')
    assert pairs(read_tmx(path)) == [("en", "sn", "a b", "c")]


def test_carriage_returns_survive_a_round_trip(tmp_path):
    unit = MemoryUnit("en", "sn", "line one\r\nline two", "mutsara\rwechipiri")
    write_tmx(tmp_path / "out.tmx", [unit])
    assert pairs(read_tmx(tmp_path / "out.tmx")) == [
        ("en", "sn", "line one\r\nline two", "mutsara\rwechipiri")]


def test_creationdate_becomes_iso_8601(tmp_path):
    path = tmx(tmp_path, "\n".join([
        tu(("en", "a"), ("sn", "b"), attrs=' creationdate="20240102T030405Z"'),
        '<tu creationdate="20240102T030405Z"><tuv xml:lang="en"><seg>c</seg></tuv>'
        '<tuv xml:lang="sn" creationdate="20250607T080910Z"><seg>d</seg></tuv></tu>',
        tu(("en", "e"), ("sn", "f"), attrs=' creationdate="yesterday"'),
    ]))
    assert [u.created for u in read_tmx(path).units] == [
        "2024-01-02T03:04:05Z", "2025-06-07T08:09:10Z", None]


# ---------------------------------------------------------------------------------- skipped

def test_pairs_without_text_are_skipped_and_counted(tmp_path):
    path = tmx(tmp_path, "\n".join([
        tu(("en", "water"), ("sn", "mvura"), ("nd", "  ")),
        tu(("en", ""), ("sn", "mvura")),
        tu(("en", "alone")),
        "<tu></tu>",
        tu(("en", "<ph>{1}</ph>"), ("sn", "x")),  # nothing but a code is no text
    ]))
    memory = read_tmx(path)
    assert pairs(memory) == [("en", "sn", "water", "mvura")]
    assert memory.skipped == 5


def test_a_file_without_any_usable_pair_is_refused(tmp_path):
    assert problems(tmx(tmp_path, tu(("en", "alone")))) == [
        ": the file holds no translation unit with both a source and a target text "
        "(1 left out); nothing to add to the memory"]


# ---------------------------------------------------------------------------------- problems

def test_every_bad_tuv_is_reported_with_its_line(tmp_path):
    path = tmx(tmp_path, "\n".join([
        tu(("en", "a"), ("sn", "b")),
        tu(("english", "a"), ("sn", "b")),
        '<tu><tuv xml:lang="en"><seg>a</seg><seg>b</seg></tuv><tuv xml:lang="sn"><seg>c</seg>'
        "</tuv></tu>",
        '<tu><tuv xml:lang="en"></tuv><tuv xml:lang="sn"><seg>c</seg></tuv></tu>',
    ]))
    assert problems(path) == [
        ":6: <tuv>: xml:lang 'english' is not a language code; use a code such as en, zh-CN, "
        "zh-Hans, pt-BR or es-419",
        ":7: <tuv>: has 2 <seg> elements; a <tuv> has exactly one",
        ":8: <tuv>: has 0 <seg> elements; a <tuv> has exactly one",
    ]


@pytest.mark.parametrize("name, expected", [
    ("xxe.tmx", ":3: the DOCTYPE declares an entity"),
    ("xxe_utf16.tmx", ":3: the DOCTYPE declares an entity"),
    ("xxe_utf7.tmx", ":3: the DOCTYPE declares an entity"),
    ("billion_laughs.tmx", ":3: the DOCTYPE declares an entity"),
    ("malformed.tmx", ":7: the file is not well-formed XML: Opening and ending tag mismatch"),
    ("deep_nesting.tmx", ":7: the file is not well-formed XML: Excessive depth"),
    ("unknown_encoding.tmx", ": the XML declaration names the encoding 'x-klingon'"),
    ("xliff_as.tmx", ":2: the root element is <xliff>, not <tmx>; this is an XLIFF file, not a "
                     "TMX translation memory: import it as a batch"),
    ("tuv_without_lang.tmx", ":8: <tuv>: has no xml:lang; say which language the segment is in"),
])
def test_hostile_and_broken_files_are_refused(name, expected):
    (problem,) = problems(HOSTILE / name)
    assert problem.startswith(expected)


@pytest.mark.parametrize("name, source", [
    ("doctype_attlist_only.tmx", "borehole "),
    ("entity_text_in_cdata.tmx", 'borehole <!ENTITY x "y">'),
])
def test_harmless_doctypes_and_quoted_entity_text_import(name, source):
    assert pairs(read_tmx(HOSTILE / name)) == [("en", "sn", source, "chibhorani")]


def test_a_tbx_given_as_memory_is_refused(tmp_path):
    path = tmp_path / "glossary.tmx"
    path.write_bytes((REAL / "omegat_sampleTBXfile.tbx").read_bytes())
    assert problems(path) == [
        ":11: the root element is <martif>, not <tmx>; this is a TBX glossary, not a TMX "
        "translation memory: import it with `glossary import`"]


# ---------------------------------------------------------------------------------- writing

def test_mixed_source_languages_use_all_and_per_tu_srclang(tmp_path):
    units = [MemoryUnit("zh-CN", "en", "钻井", "borehole", created="2026-03-01T10:00:00.123Z"),
             MemoryUnit("en", "sn", "borehole", "chibhorani", created="2026-03-01T12:00:00+02:00"),
             MemoryUnit("en", "nd", "borehole", "iborehole", created="not a date")]
    out = tmp_path / "out.tmx"
    write_tmx(out, units)
    root = tmxfile.parsestring(out.read_bytes()).document.getroot()
    assert root.find("header").get("srclang") == "*all*"
    assert [t.get("srclang") for t in root.iter("tu")] == ["zh-CN", "en", "en"]
    assert [t.get("creationdate") for t in root.iter("tu")] == [
        "20260301T100000Z", "20260301T100000Z", None]
    again = read_tmx(out)
    assert pairs(again) == [(u.source_lang, u.target_lang, u.source_text, u.target_text)
                            for u in units]
    assert [u.created for u in again.units] == ["2026-03-01T10:00:00Z"] * 2 + [None]


def test_the_export_is_tmx_14_built_fresh(tmp_path):
    out = tmp_path / "out.tmx"
    write_tmx(out, read_tmx(REAL / "weblate_memory.tmx").units)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>\n"
                           '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">')
    header = tmxfile.parsestring(out.read_bytes()).document.getroot().find("header")
    for attribute in ("creationtool", "creationtoolversion", "segtype", "o-tmf", "adminlang",
                      "srclang", "datatype", "creationdate"):
        assert header.get(attribute), attribute


@pytest.mark.parametrize("unit, message", [
    (MemoryUnit("en", "sn", "  ", "x"), "memory unit 2: the source text is empty"),
    (MemoryUnit("en", "sn", "a\x01b", "x"), "memory unit 2: the source text holds the control "
                                             "character U+0001, which XML cannot store"),
    (MemoryUnit("en", "sn", "a", "b\ud800"), "memory unit 2: the target text holds a damaged "
                                              "character (a lone surrogate)"),
    (MemoryUnit("english", "sn", "a", "b"), "memory unit 2: 'english' is not a language code"),
])
def test_unwritable_units_are_refused_and_nothing_is_written(tmp_path, unit, message):
    out = tmp_path / "out.tmx"
    out.write_bytes(b"previous export")
    with pytest.raises(InvalidInput) as caught:
        write_tmx(out, [MemoryUnit("en", "sn", "a", "b"), unit])
    assert str(caught.value).startswith(message)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx"]
