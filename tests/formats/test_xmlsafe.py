"""Hostile XML: entities refused in every encoding, plain DOCTYPEs accepted, nothing fetched,
syntax errors located; and the fuzzing of every glossary/memory reader."""
from __future__ import annotations

import contextlib
import io
import os
import random
import re
import socket
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from review.errors import ImportFailed
from review.formats import xmlsafe
from review.formats.glossary_files import read_glossary
from review.formats.tmx_files import read_tmx
from review.formats.atomic import write_atomically
from review.formats.xmlsafe import MAX_XML_BYTES, check_xml, internal_subset, read_file

DATA = Path(__file__).resolve().parent.parent / "data"
HOSTILE = DATA / "hostile"
REAL = DATA / "real-world"
FUZZ = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "150")), deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture])


def refused(data: bytes, file: str = "f.xml") -> list[str]:
    """The problems of a document check_xml must refuse, without the file name."""
    with pytest.raises(ImportFailed) as caught:
        check_xml(data, file)
    lines = [str(problem) for problem in caught.value.problems]
    assert all(line.startswith(file) for line in lines)
    return [line[len(file):] for line in lines]


# ---------------------------------------------------------------------------------- entities

@pytest.mark.parametrize("name", [
    "xxe.tbx", "xxe.tmx", "xxe.xlf", "xxe_utf16.tmx", "xxe_utf16be_nobom.tbx", "xxe_utf7.tmx",
    "billion_laughs.tmx", "billion_laughs.tbx", "parameter_entity.tbx",
])
def test_a_doctype_declaring_entities_is_refused_in_any_encoding(name):
    assert refused((HOSTILE / name).read_bytes(), name) == [
        ":3: the DOCTYPE declares an entity; entities (<!ENTITY ...>) can read files on this "
        "computer or blow up to gigabytes (XXE, 'billion laughs'), so Review Desk refuses them: "
        "export the file again without a DOCTYPE, or replace each entity by its text"]


def test_hostile_fixtures_are_encoded_as_the_readme_says():
    assert (HOSTILE / "xxe_utf16.tmx").read_bytes().startswith(b"\xff\xfe<\x00?\x00")
    assert (HOSTILE / "xxe_utf16be_nobom.tbx").read_bytes().startswith(b"\x00<\x00?")
    utf7 = (HOSTILE / "xxe_utf7.tmx").read_bytes()
    assert b"<!ENTITY" not in utf7 and b"+ADw-!ENTITY" in utf7
    for name in ("xxe_utf16.tmx", "xxe_utf16be_nobom.tbx"):
        assert b"<!ENTITY" not in (HOSTILE / name).read_bytes()


def test_the_parsed_dtd_is_checked_even_when_the_text_scan_misses(monkeypatch):
    monkeypatch.setattr(xmlsafe, "internal_subset", lambda text: None)
    assert "declares an entity" in refused((HOSTILE / "xxe.tmx").read_bytes())[0]
    assert "declares an entity" in refused((HOSTILE / "parameter_entity.tbx").read_bytes())[0]
    # libxml2 stops this one itself, even with entities left unresolved.
    assert "entity amplification" in refused((HOSTILE / "billion_laughs.tbx").read_bytes())[0]


def test_an_entity_from_an_unloaded_dtd_is_refused_not_dropped():
    assert refused((HOSTILE / "undeclared_entity.tbx").read_bytes()) == [
        ":8: uses the entity &nbsp;, which is defined (if at all) in a DTD that Review Desk does "
        "not load, so its text would be lost; replace it by the text it stands for"]


@pytest.mark.parametrize("path", [
    REAL / "okapi_oracle_TBX.tbx", REAL / "omegat_sampleTBXfile.tbx",
    REAL / "omegat_TMXComplianceKit_ImportTest1A.tmx", HOSTILE / "external_doctype_remote.tbx",
    HOSTILE / "doctype_attlist_only.tmx", HOSTILE / "entity_text_in_cdata.tmx",
])
def test_plain_doctypes_and_quoted_entity_text_are_accepted(path):
    check_xml(path.read_bytes(), str(path))


@pytest.mark.parametrize("text, subset", [
    ('<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd"><martif/>', None),
    ("<martif/>", None),
    ('<?xml version="1.0"?>\n<!-- <!DOCTYPE x [ --><!DOCTYPE x SYSTEM "a[b]" [ <!ELEMENT x ANY> ]>',
     " <!ELEMENT x ANY> "),
    ('<!DOCTYPE x [<!ATTLIST a b CDATA "]>"> <!ENTITY y "z">]><x/>',
     '<!ATTLIST a b CDATA "]>"> <!ENTITY y "z">'),
    ("<!DOCTYPE x [<!-- ] --> <!ENTITY y 'z'>]>", "<!-- ] --> <!ENTITY y 'z'>"),
    ("\ufeff<!DOCTYPE x [<!ENTITY y 'z'>", "<!ENTITY y 'z'>"),  # never closed: to the end
])
def test_internal_subset_skips_comments_and_quoted_brackets(text, subset):
    span = internal_subset(text)
    assert (text[span[0]:span[1]] if span else None) == subset


def test_nothing_is_fetched_from_the_network(tmp_path):
    """A local server counts connections: a DOCTYPE or parameter entity pointing at it must not
    make libxml2 (which has its own HTTP client, out of Python's reach) connect to it."""
    server = socket.create_server(("127.0.0.1", 0))
    server.settimeout(0.2)
    port = server.getsockname()[1]
    with server:
        plain = (HOSTILE / "external_doctype_remote.tbx").read_bytes().replace(
            b"127.0.0.1:9", f"127.0.0.1:{port}".encode())
        evil = (HOSTILE / "parameter_entity.tbx").read_bytes().replace(
            b"127.0.0.1:9", f"127.0.0.1:{port}".encode())
        (tmp_path / "plain.tbx").write_bytes(plain)
        (tmp_path / "evil.tbx").write_bytes(evil)
        assert read_glossary(tmp_path / "plain.tbx", None, None).entries
        with pytest.raises(ImportFailed):
            read_glossary(tmp_path / "evil.tbx", None, None)
        with contextlib.suppress(socket.timeout), pytest.raises(socket.timeout):
            server.accept()[0].close()
            pytest.fail("the importer connected to the network")


# ---------------------------------------------------------------------------------- syntax

@pytest.mark.parametrize("name, line, text", [
    ("malformed.tmx", 7, "Opening and ending tag mismatch: seg line 7 and tuv"),
    ("truncated.tbx", 9, "Premature end of data in tag term line 9"),
    ("deep_nesting.tmx", 7, "Excessive depth in document"),
])
def test_syntax_errors_name_their_line(name, line, text):
    (problem,) = refused((HOSTILE / name).read_bytes())
    assert problem.startswith(f":{line}: the file is not well-formed XML: {text}")
    assert problem.endswith("export it again from the tool that made it")


@pytest.mark.parametrize("data", [b"", b"   ", b"\x00\x01\x02", b"<a>", b"not xml at all",
                                  b"\xff\xfe<\x00a\x00"])
def test_empty_binary_and_unclosed_documents_are_refused(data):
    assert "not well-formed XML" in refused(data)[0]


def test_an_unknown_declared_encoding_is_named():
    assert refused((HOSTILE / "unknown_encoding.tmx").read_bytes()) == [
        ": the XML declaration names the encoding 'x-klingon', which Review Desk does not know; "
        "save the file as UTF-8"]


def test_a_declared_windows_encoding_is_read():
    check_xml((REAL / "okapi_test02_win1254.tbx").read_bytes(), "win1254.tbx")


# ---------------------------------------------------------------------------------- size

def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    big = tmp_path / "big.tmx"
    with open(big, "wb") as stream:
        stream.truncate(MAX_XML_BYTES + 1)  # sparse: no disk space used
    opened = os.fdopen

    class Unread(io.BufferedReader):
        def read(self, *args):
            pytest.fail("read the big file")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Unread(opened(fd, mode, buffering=0)))
    with pytest.raises(ImportFailed) as caught:
        read_file(big)
    assert caught.value.problems[0].message == (
        "the file is 50.0 MB; the limit is 50 MB: split it into smaller files in the tool that "
        "made it")


def test_check_xml_refuses_oversized_data():
    assert "the limit is 50 MB" in refused(b" " * (MAX_XML_BYTES + 1))[0]


@pytest.mark.parametrize("make, message", [
    (lambda p: None, "does not exist"),
    (lambda p: p.mkdir(), "it is a folder"),
])
def test_missing_files_and_folders_are_refused(tmp_path, make, message):
    path = tmp_path / "memory.tmx"
    make(path)
    with pytest.raises(ImportFailed) as caught:
        read_tmx(path)
    assert message in str(caught.value)


# ---------------------------------------------------------------------------------- writing

def test_write_atomically_leaves_nothing_behind_on_error(tmp_path):
    target = tmp_path / "out.tmx"
    target.write_bytes(b"old")

    def fail_halfway(stream):
        stream.write(b"half")
        raise OSError("disk full")

    with pytest.raises(OSError):
        write_atomically(target, fail_halfway)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx"]
    write_atomically(target, lambda stream: stream.write(b"new"))
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.tmx"]


# ---------------------------------------------------------------------------------- fuzzing

def read_any(path: Path) -> None:
    """Read `path` with the reader its extension names: a clean result or ImportFailed."""
    try:
        if path.suffix == ".tmx":
            result = read_tmx(path)
            assert result.units and result.skipped >= 0
        else:
            result = read_glossary(path, "en", "sn" if path.suffix == ".csv" else None)
            assert result.entries
    except ImportFailed as error:
        assert error.problems, "ImportFailed must say what is wrong"
        assert all(str(problem).startswith(str(path)) for problem in error.problems)


SEEDS = sorted(p for p in [*REAL.glob("*.tmx"), *REAL.glob("*.tbx"), *HOSTILE.iterdir()]
               if p.suffix in (".tmx", ".tbx"))
SNIPPETS = [b"<!ENTITY x 'y'>", b"&x;", b"&amp;", b"<tu>", b"</seg>", b"<tuv xml:lang='en'>",
            b"<seg>", b"<ph>{1}</ph>", b"]>", b"<![CDATA[", b"\x00", b"\xff\xfe", b"\xf0\x9f\x98",
            b'xml:lang="EN-us"', b'xml:space="default"', b"<langSet xml:lang='sn'>",
            b"<tig><term>x</term></tig>", b"<!--", b'<termNote type="administrativeStatus">']


@FUZZ
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".tmx", ".tbx", ".csv"]))
def test_random_bytes_are_read_or_refused(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    read_any(path)


@FUZZ
@given(seed=st.sampled_from(SEEDS), rng=st.randoms(use_true_random=False),
       edits=st.integers(min_value=1, max_value=6))
def test_mutated_real_files_are_read_or_refused(tmp_path, seed, rng: random.Random, edits):
    data = bytearray(seed.read_bytes())
    for _ in range(edits):
        at = rng.randrange(len(data) + 1)
        kind = rng.randrange(4)
        if kind == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)  # flip a byte
        elif kind == 1:
            del data[at:]  # truncate
        elif kind == 2:
            data[at:at] = rng.choice(SNIPPETS)  # insert markup that meets the corner cases
        else:
            del data[at:at + rng.randrange(1, 40)]  # cut a piece out
    path = tmp_path / f"mutant{seed.suffix}"
    path.write_bytes(bytes(data))
    read_any(path)


def test_a_costly_file_near_the_limit_says_it_needs_more_than_the_limit():
    """A file whose tree needs a little more than a file of its size may: the message's two
    figures must say so (it once printed the need without the program's own memory, 550 MB
    "more than" 598 MB)."""
    units = "".join(f'<trans-unit id="u{n}"><source>We drilled {n} new boreholes in Masvingo '
                    f'Province this year.</source><target state="translated">Tapera zvibhorani '
                    f'zvitsva {n} muMasvingo gore rino.</target></trans-unit>' for n in range(200_000))
    data = (f'<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file '
            f'original="a" source-language="en" target-language="sn" datatype="x"><body>{units}'
            f'</body></file></xliff>').encode()
    with pytest.raises(ImportFailed) as caught:
        xmlsafe.parse_xml(data, "big.xlf", root="xliff")
    message = caught.value.problems[0].message
    need, limit = (int(n.replace(",", "")) for n in
                   re.search(r"about ([\d,]+) MB of memory, more than the ([\d,]+) MB", message).groups())
    assert need > limit
