"""Glossary files: CSV and TBX in, CSV and TBX out; real TBX files from other tools, the starter
glossaries, language selection, statuses, problems, and round trips."""
from __future__ import annotations

from pathlib import Path

import pytest
from translate.storage.tbx import tbxfile

from review.errors import ImportFailed, InvalidInput
from review.formats.glossary_files import (STATUS_ALIASES, GlossaryFile, normalise_status,
                                           read_glossary, write_glossary)
from review.model import TERM_STATUSES, GlossaryEntry

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data"
REAL = DATA / "real-world"
HOSTILE = DATA / "hostile"
STARTERS = sorted((ROOT / "glossaries").glob("*.csv"))
REAL_TBX = sorted(REAL.glob("*.tbx"))
HEADER = "source,target,status,note,pos,case_sensitive,domain,region,dnt"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def problems(path: Path, source: str | None = "en", target: str | None = "sn") -> list[str]:
    with pytest.raises(ImportFailed) as caught:
        read_glossary(path, source, target)
    prefix = str(path)
    lines = [str(problem) for problem in caught.value.problems]
    assert all(line.startswith(prefix) for line in lines)
    return [line[len(prefix):] for line in lines]


def tbx(folder: Path, entries: str, name: str = "g.tbx") -> Path:
    return write(folder, name, '<?xml version="1.0" encoding="UTF-8"?>\n'
                               '<martif type="TBX" xml:lang="en"><text><body>\n'
                               + entries + "\n</body></text></martif>\n")


def lang_set(lang: str, *terms: str) -> str:
    return f'<langSet xml:lang="{lang}">' + "".join(terms) + "</langSet>"


def tig(text: str, *notes: str) -> str:
    return f"<tig><term>{text}</term>{''.join(notes)}</tig>"


def status(value: str, kind: str = "administrativeStatus") -> str:
    return f'<termNote type="{kind}">{value}</termNote>'


def round_trip(tmp_path: Path, glossary: GlossaryFile, suffix: str) -> GlossaryFile:
    out = tmp_path / f"export{suffix}"
    write_glossary(out, glossary)
    if suffix == ".csv":
        return read_glossary(out, glossary.source_lang, glossary.target_lang)
    return read_glossary(out, None, None)


# ---------------------------------------------------------------------------------- real TBX

def test_okapi_oracle_tbx_with_ntig_definitions_and_notes():
    glossary = read_glossary(REAL / "okapi_oracle_TBX.tbx", None, None)
    assert (glossary.source_lang, glossary.target_lang, glossary.skipped) == ("en", "pt", 0)
    first_note = ("GREs and PREs represent an employer the governments recognise as being "
                  "responsible for paying employees and for filing a variety of reports. There "
                  "must be a GRE for each Business Number that the Canada Customs and Revenue "
                  "Agency (CCRA) assigns to an employer.\nTermo específico aos EUA.")
    assert glossary.entries == [
        # The first English term is the term; each Portuguese term (<ntig>) is an entry.
        GlossaryEntry("Provincial Reporting Establishment", "Entidade de Supervisão de Província",
                      "preferred", first_note, domain="HR"),  # standardizedTerm-admn-sts
        GlossaryEntry("Provincial Reporting Establishment", "PRE", "preferred", first_note,
                      domain="HR"),
        GlossaryEntry("Target Value", "Valor a Atingir", "preferred",
                      "Click the link to browse and select active that have been created. You can "
                      "still enter the target value and select a pricing basis for each price "
                      "element in the list and then apply the list.\nDifferent from 'Valor Alvo' "
                      "that exists in the glossary for POM", domain="FI"),
    ]


def test_okapi_windows_1254_tbx():
    path = REAL / "okapi_test02_win1254.tbx"
    assert b'encoding="windows-1254"' in path.read_bytes()
    glossary = read_glossary(path, None, None)
    assert (glossary.source_lang, glossary.target_lang) == ("en", "tr")
    assert glossary.entries == [
        GlossaryEntry("term with: éá and İı", "tr term with: éá and İı")]


def test_omegat_sample_tbx_with_its_doctype_pos_and_subject_field():
    glossary = read_glossary(REAL / "omegat_sampleTBXfile.tbx", "EN", "hu")
    assert glossary.entries == [GlossaryEntry(
        "alpha smoothing factor", "hu translation", "preferred",
        "A value between 0 and 1 used in ...", pos="noun", domain="manufacturing")]


@pytest.mark.parametrize("suffix", [".tbx", ".csv"])
@pytest.mark.parametrize("path", REAL_TBX, ids=lambda p: p.name)
def test_real_tbx_files_round_trip(tmp_path, path, suffix):
    glossary = read_glossary(path, None, None)
    assert round_trip(tmp_path, glossary, suffix) == glossary


# ---------------------------------------------------------------------------------- starters

@pytest.mark.parametrize("path", STARTERS, ids=lambda p: p.name)
def test_starter_glossaries_read_and_round_trip(tmp_path, path):
    source, target = path.name.split(".")[0].split("_")
    glossary = read_glossary(path, source, target)
    assert len(glossary.entries) == sum(1 for _ in path.open(encoding="utf-8")) - 1
    assert all(e.note for e in glossary.entries)
    assert round_trip(tmp_path, glossary, ".tbx") == glossary
    assert round_trip(tmp_path, glossary, ".csv") == glossary


def test_the_zh_en_starter_holds_what_its_readme_promises():
    glossary = read_glossary(ROOT / "glossaries" / "zh-CN_en.aid-project.starter.csv", "zh-CN",
                             "en")
    renderings = {(e.term, e.translation): e for e in glossary.entries}
    assert renderings["钻井", "borehole"].status == "preferred"
    assert renderings["钻井", "water well"].status == "forbidden"
    assert any(e.dnt and e.translation == e.term for e in glossary.entries)
    assert any(e.case_sensitive for e in glossary.entries)


@pytest.mark.parametrize("path", STARTERS, ids=lambda p: p.name)
def test_tbx_export_reads_back_with_translate_toolkit(tmp_path, path):
    source, target = path.name.split(".")[0].split("_")
    glossary = read_glossary(path, source, target)
    out = tmp_path / "export.tbx"
    write_glossary(out, glossary)
    store = tbxfile.parsestring(out.read_bytes())
    by_term: dict[str, list[GlossaryEntry]] = {}
    for entry in glossary.entries:
        by_term.setdefault(entry.term, []).append(entry)
    assert [unit.source for unit in store.units] == list(by_term)
    for unit, entries in zip(store.units, by_term.values()):
        terms = unit.get_target_terms()
        assert [t.text for t in terms] == [e.translation for e in entries]
        assert [t.deprecated for t in terms] == [e.status in ("deprecated", "forbidden")
                                                 for e in entries]


# ---------------------------------------------------------------------------------- languages

def test_languages_are_normalised_and_matched_by_primary_language(tmp_path):
    path = tbx(tmp_path, "<termEntry>" + lang_set("EN-US", tig("borehole"))
               + lang_set("SN-zw", tig("chibhorani")) + "</termEntry>")
    plain = read_glossary(path, None, None)
    assert (plain.source_lang, plain.target_lang) == ("en-US", "sn-ZW")
    # Given languages win, and are matched on the primary language when that is unambiguous.
    given = read_glossary(path, "en", "sn")
    assert (given.source_lang, given.target_lang) == ("en", "sn")
    reverse = read_glossary(path, "sn-ZW", None)
    assert (reverse.source_lang, reverse.target_lang) == ("sn-ZW", "en-US")
    assert reverse.entries == [GlossaryEntry("chibhorani", "borehole")]


def test_the_pair_is_picked_out_of_a_multilingual_file(tmp_path):
    path = tbx(tmp_path, "<termEntry>" + lang_set("en", tig("borehole"))
               + lang_set("sn", tig("chibhorani")) + lang_set("nd", tig("iborehole"))
               + "</termEntry>\n<termEntry>" + lang_set("en", tig("water"))
               + lang_set("sn", tig("mvura")) + "</termEntry>")
    glossary = read_glossary(path, "en", "nd")
    assert glossary.entries == [GlossaryEntry("borehole", "iborehole")]
    assert glossary.skipped == 1  # "water" has no Ndebele term
    assert problems(path, None, None) == [
        ": the file has terms in en, sn, nd; say which language is the source and which the "
        "target (--source LANG --target LANG)"]
    assert problems(path, "en", None)[0].endswith("(--source LANG --target LANG)")


@pytest.mark.parametrize("source, target, expected", [
    ("fr", "en-US", ": the file has no fr terms; its languages are en-GB, en-US, sn: choose one "
                    "of them with --source"),
    ("en", "sn", ": --source en could mean en-GB or en-US in this file; give one"),
    ("en-GB", "en-gb", ": en-GB and en-GB are the same language in this file; give two "
                       "different languages"),
])
def test_language_choices_that_cannot_work_are_explained(tmp_path, source, target, expected):
    path = tbx(tmp_path, "<termEntry>" + lang_set("en-GB", tig("borehole"))
               + lang_set("en-US", tig("borehole")) + lang_set("sn", tig("chibhorani"))
               + "</termEntry>")
    assert problems(path, source, target) == [expected]
    assert problems(path, "en", "fr") == [  # every wrong argument at once
        ": --source en could mean en-GB or en-US in this file; give one",
        ": the file has no fr terms; its languages are en-GB, en-US, sn: choose one of them with "
        "--target"]
    assert read_glossary(path, "en-GB", "sn").entries == [GlossaryEntry("borehole", "chibhorani")]


def test_a_bad_language_code_is_refused(tmp_path):
    path = tbx(tmp_path, "<termEntry>" + lang_set("english", tig("borehole"))
               + lang_set("sn", tig("chibhorani")) + "</termEntry>")
    assert problems(path, None, None) == [
        ":3: <langSet>: xml:lang 'english' is not a language code; use a code such as en, zh-CN, "
        "zh-Hans, pt-BR or es-419"]
    assert problems(path, "xx-yy-zz-1", "sn")[0].startswith(": --source 'xx-yy-zz-1' is not")


# ---------------------------------------------------------------------------------- TBX content

def test_tbx_statuses_and_data_categories(tmp_path):
    path = tbx(tmp_path, "<termEntry>" + '<descrip type="subjectField">aid-project</descrip>'
               + '<note>Concept note.</note>'
               + lang_set("en", tig("chief", status("noun", "partOfSpeech")))
               + lang_set("sn", '<descrip type="definition">Shona side.</descrip>',
                          tig("Ishe", status("preferredTerm-admn-sts"),
                              status("ZW", "geographicalUsage"),
                              status("yes", "x-caseSensitive")),
                          tig("Mambo", status("admittedTerm-admn-sts"), "<note>Also king.</note>"),
                          tig("sabhuku", status("supersededTerm-admn-sts")),
                          tig("induna", status("deprecatedTerm-admn-sts"),
                              status("yes", "x-forbidden")),
                          tig("changamire", status("deprecatedTerm", "normativeAuthorization")),
                          tig("mambokadzi", status("admitted"),  # TBX-Basic's short form
                              '<descrip type="subjectField">royalty</descrip>'))
               + "</termEntry>")
    base = dict(pos="noun", domain="aid-project")
    note = "Concept note.\nShona side."
    assert read_glossary(path, None, None).entries == [
        GlossaryEntry("chief", "Ishe", "preferred", note, region="ZW", case_sensitive=True,
                      **base),
        GlossaryEntry("chief", "Mambo", "allowed", note + "\nAlso king.", **base),
        GlossaryEntry("chief", "sabhuku", "deprecated", note, **base),
        GlossaryEntry("chief", "induna", "forbidden", note, **base),
        GlossaryEntry("chief", "changamire", "deprecated", note, **base),
        GlossaryEntry("chief", "mambokadzi", "allowed", note, pos="noun", domain="royalty"),
    ]


def test_the_first_nonempty_source_term_is_the_term_and_empty_targets_are_skipped(tmp_path):
    path = tbx(tmp_path, "<termEntry>"
               + lang_set("en", tig(""), tig("handover"), tig("handing over"))
               + lang_set("sn", tig(" "), tig("kutambidza")) + "</termEntry>\n"
               + "<termEntry>" + lang_set("en", tig("orphan")) + "</termEntry>")
    glossary = read_glossary(path, "en", "sn")
    assert glossary.entries == [GlossaryEntry("handover", "kutambidza")]
    assert glossary.skipped == 1


def test_whitespace_collapses_unless_preserved(tmp_path):
    path = tbx(tmp_path, "<termEntry>" + lang_set("en", tig("  safe\n   water "))
               + lang_set("sn", tig("mvura  yakachena", '<note xml:space="preserve">Line one.\n'
                                    "  Line two.</note>")) + "</termEntry>")
    assert read_glossary(path, None, None).entries == [
        GlossaryEntry("safe water", "mvura yakachena", note="Line one.\n  Line two.")]


def test_notes_with_line_breaks_and_flags_survive_a_tbx_round_trip(tmp_path):
    entries = [
        GlossaryEntry("WhatsApp", "WhatsApp", dnt=True, case_sensitive=True,
                      note="Brand.\n\nKeep."),
        GlossaryEntry("chief", "Ishe", "preferred", "Title.", pos="noun", domain="titles",
                      region="ZW"),
        GlossaryEntry("chief", "induna", "forbidden", "A headman, not a chief.", pos="noun",
                      domain="aid-project"),
        GlossaryEntry("chief", "Mambo", "allowed", pos="title"),
        GlossaryEntry("=SUM(1)", "+x  y", "deprecated", "@note", pos="noun"),
    ]
    glossary = GlossaryFile("en", "sn", entries)
    assert round_trip(tmp_path, glossary, ".tbx") == glossary
    assert round_trip(tmp_path, glossary, ".csv") == glossary


@pytest.mark.parametrize("name, expected", [
    ("xxe.tbx", ":3: the DOCTYPE declares an entity"),
    ("xxe_utf16be_nobom.tbx", ":3: the DOCTYPE declares an entity"),
    ("billion_laughs.tbx", ":3: the DOCTYPE declares an entity"),
    ("parameter_entity.tbx", ":3: the DOCTYPE declares an entity"),
    ("undeclared_entity.tbx", ":8: uses the entity &nbsp;"),
    ("truncated.tbx", ":9: the file is not well-formed XML: Premature end of data"),
    ("tmx_as.tbx", ":2: the root element is <tmx>, not <martif>; this is a TMX translation "
                   "memory, not a TBX glossary: import it with `tm import`"),
    ("bad_status.tbx", ':9: <termNote type="administrativeStatus">: unknown status '
                       "'approvedByBossTerm-admn-sts'"),
])
def test_hostile_and_broken_tbx_files_are_refused(name, expected):
    (problem,) = problems(HOSTILE / name, None, None)
    assert problem.startswith(expected)


def test_a_plain_external_doctype_is_accepted():
    glossary = read_glossary(HOSTILE / "external_doctype_remote.tbx", None, None)
    assert glossary.entries == [GlossaryEntry("borehole", "chibhorani")]


def test_a_tbx_without_a_pair_is_refused(tmp_path):
    path = tbx(tmp_path, "<termEntry>" + lang_set("en", tig("a")) + lang_set("sn", tig(""))
               + "</termEntry>")
    assert problems(path, None, None) == [
        ": no concept has terms in both en and sn; nothing to import"]


# ---------------------------------------------------------------------------------- statuses

@pytest.mark.parametrize("written, expected", [
    ("", "preferred"), ("Preferred", "preferred"), ("preferredTerm", "preferred"),
    ("preferred-term", "preferred"), ("preferredTerm-admn-sts", "preferred"),
    ("standardizedTerm-admn-sts", "preferred"), ("admitted", "allowed"),
    ("admittedTerm-admn-sts", "allowed"), ("ALLOWED", "allowed"), ("deprecated", "deprecated"),
    ("deprecatedTerm", "deprecated"), ("supersededTerm-admn-sts", "deprecated"),
    ("superseded", "deprecated"), ("obsolete", "deprecated"), ("notRecommended", "deprecated"),
    ("not recommended", "deprecated"), ("forbidden", "forbidden"), ("prohibited", "forbidden"),
])
def test_status_names_map_onto_the_four_statuses(written, expected):
    assert normalise_status(written) == expected


def test_every_alias_maps_onto_a_known_status():
    assert set(STATUS_ALIASES.values()) == set(TERM_STATUSES)
    with pytest.raises(ValueError, match="unknown status 'banned'"):
        normalise_status("banned")


# ---------------------------------------------------------------------------------- CSV

def test_csv_header_variants_delimiters_booleans_and_dnt(tmp_path):
    text = ("Term;Translation;Status;Note;Case-Sensitive;DNT;POS\n"
            "borehole;chibhorani;;Usual word.;no;;noun\n"
            "Bush Pump;;Preferred Term;\"Brand; keep.\";Yes;TRUE;\n"
            "pump;pombi;admitted;;0;n;noun\n")
    glossary = read_glossary(write(tmp_path, "g.csv", text), "en", "sn")
    assert glossary == GlossaryFile("en", "sn", [
        GlossaryEntry("borehole", "chibhorani", "preferred", "Usual word.", pos="noun"),
        GlossaryEntry("Bush Pump", "Bush Pump", "preferred", "Brand; keep.", case_sensitive=True,
                      dnt=True),
        GlossaryEntry("pump", "pombi", "allowed", pos="noun"),
    ])


@pytest.mark.parametrize("name, data", [
    ("g.tsv", "source\ttarget\tnote\nwater\tmvura\tShona.\n".encode()),
    ("g.csv", "\ufeffsource,target,note\nwater,mvura,Shona.\n".encode()),
    ("g.csv", "source,target,note\r\nwater,mvura,Shona.\r\n".encode("utf-16")),
])
def test_csv_encodings_and_tabs(tmp_path, name, data):
    glossary = read_glossary(write(tmp_path, name, data), "en", "sn")
    assert glossary.entries == [GlossaryEntry("water", "mvura", note="Shona.")]


def test_a_csv_glossary_needs_both_languages(tmp_path):
    path = write(tmp_path, "g.csv", HEADER + "\nwater,mvura,,,,,,,\n")
    expected = [": a CSV glossary does not say its languages: give the source and the target "
                "language (e.g. --source zh-CN --target en)"]
    assert problems(path, None, "sn") == expected
    assert problems(path, "en", None) == expected


def test_every_bad_row_is_reported(tmp_path):
    text = ("source,target,status,note,extra,case_sensitive\n"
            "water,mvura,preferred,,,maybe\n"
            ",mvura,,,,\n"
            "well,tsime\n"
            'pump,"pombi\nyepasi",,,,\n'
            "x,y,,,,\x00\n")
    assert problems(write(tmp_path, "g.csv", text)) == [
        ":1: extra: unknown column; a glossary has the columns source, target, status, note, "
        "pos, case_sensitive, domain, region, dnt (also accepted: term, translation): rename or "
        "remove it",
        ":2: case_sensitive: 'maybe' is not yes or no; write yes, no (or true, false, 1, 0), or "
        "leave it empty for no",
        ":3: source: empty; every row needs the source term",
        ":4: row has 2 cells, the header has 6; check the delimiters and quotes",
        ":5: target: spans several lines; a term is one line",
        ":7: contains a NUL byte; the file is damaged or not a text file: save it again as CSV",
    ]


@pytest.mark.parametrize("name, expected", [
    ("glossary_unknown_status.csv", [":3: status: unknown status 'banned'; use one of preferred, "
                                     "allowed, deprecated, forbidden (admitted, superseded, "
                                     "obsolete, notRecommended, prohibited and the TBX names "
                                     "such as preferredTerm-admn-sts are understood too)"]),
    ("glossary_missing_target.csv", [":2: target: empty; give the rendering, or mark a name or "
                                     "brand that stays as it is with dnt=yes"]),
])
def test_hostile_csv_glossaries_are_refused(name, expected):
    assert problems(HOSTILE / name) == expected


def test_missing_columns_unterminated_quotes_and_empty_files(tmp_path):
    assert problems(write(tmp_path, "a.csv", "term,note\nwater,x\n")) == [
        ":1: header: missing required column 'target'"]
    assert problems(write(tmp_path, "b.csv", 'source,target\nwater,"mvura\n')) == [
        ":2: a quoted field starts here and its closing quote is missing, so the rest of the file "
        'would be read as one cell; close the quote, or write a quote inside a field as ""']
    assert problems(write(tmp_path, "c.csv", "")) == [
        ": the file holds no glossary rows; expected a header row (source,target,status,note,pos,"
        "case_sensitive,domain,region,dnt) and one row per rendering"]


def test_formula_cells_are_neutralised_on_export_and_read_back_unchanged(tmp_path):
    glossary = read_glossary(HOSTILE / "glossary_formula.csv", "en", "sn")
    assert [(e.term, e.translation, e.note) for e in glossary.entries] == [
        ("=1+2", '=HYPERLINK("http://example.com","click")', "+formula"),
        ("@SUM(A1)", "-minus", "-2 in a note"),
    ]
    out = tmp_path / "export.csv"
    write_glossary(out, glossary)
    text = out.read_text(encoding="utf-8")
    assert text.splitlines() == [
        HEADER,
        "'=1+2,\"'=HYPERLINK(\"\"http://example.com\"\",\"\"click\"\")\",preferred,'+formula,"
        ",no,,,no",
        "'@SUM(A1),'-minus,allowed,'-2 in a note,,no,,,no",
    ]
    assert read_glossary(out, "en", "sn") == glossary


def test_unknown_formats_are_refused(tmp_path):
    path = write(tmp_path, "g.xlsx", b"PK")
    assert problems(path) == [": cannot tell the glossary format from the extension '.xlsx'; "
                              "glossaries are CSV, TSV or TBX files (.csv, .tsv, .tbx)"]
    assert read_glossary(write(tmp_path, "g.txt", "source,target\na,b\n"), "en", "sn",
                         fmt="TSV").entries == [GlossaryEntry("a", "b")]


# ---------------------------------------------------------------------------------- writing

UNWRITABLE = [
    (GlossaryEntry("a", "b", status="banned"), "glossary entry 2 (a): unknown status 'banned'"),
    (GlossaryEntry("a", " "), "glossary entry 2: the term or its rendering is empty"),
    (GlossaryEntry("a\ud800", "b"), "glossary entry 2 (a\ud800): term holds a damaged character"),
]


@pytest.mark.parametrize("suffix, entry, message", [
    *((".csv", *case) for case in UNWRITABLE), *((".tbx", *case) for case in UNWRITABLE),
    (".tbx", GlossaryEntry("a", "b", note="x\x07"),  # CSV can hold it, XML cannot
     "glossary entry 2 (a): note holds the control character U+0007"),
])
def test_unwritable_glossaries_are_refused_and_nothing_is_written(tmp_path, suffix, entry, message):
    out = tmp_path / f"export{suffix}"
    out.write_bytes(b"previous export")
    with pytest.raises(InvalidInput) as caught:
        write_glossary(out, GlossaryFile("en", "sn", [GlossaryEntry("x", "y"), entry]))
    assert str(caught.value).startswith(message)
    assert out.read_bytes() == b"previous export"
    assert [p.name for p in tmp_path.iterdir()] == [out.name]


def test_tbx_export_is_tbx_basic_like(tmp_path):
    out = tmp_path / "export.tbx"
    glossary = GlossaryFile("zh-CN", "en", [GlossaryEntry("钻井", "borehole", domain="aid"),
                                            GlossaryEntry("钻井", "water well", "forbidden",
                                                          domain="aid")])
    write_glossary(out, glossary)
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<?xml version='1.0' encoding='UTF-8'?>\n"
                           '<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
                           '<martif type="TBX" xml:lang="zh-CN" xml:space="preserve">')
    assert text.count('<termEntry id="c1">') == 1 and text.count("<termEntry") == 1
    assert text.count('<descrip type="subjectField">aid</descrip>') == 1  # on the entry
    assert '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>' in text
    assert '<termNote type="x-forbidden">yes</termNote>' in text
    assert read_glossary(out, None, None) == glossary
