"""Two posts of one id on the same line of a file (a one-line XLIFF or JSON document, as many
tools write them) are a duplicate id like any other: the check once took the second for the
first (same line), and the import stopped with an internal error (a UNIQUE constraint) and
exit 1. Found attacking issue 14."""
from __future__ import annotations

import pytest

from review.cli import main
from review.errors import ImportFailed
from review.formats.json_format import read_json
from review.formats.xliff_format import read_xliff

NS20 = "urn:oasis:names:tc:xliff:document:2.0"
ONE_LINE_XLIFF = (
    f'<?xml version="1.0" encoding="UTF-8"?><xliff xmlns="{NS20}" version="2.0" srcLang="en" '
    'trgLang="de"><file id="f1"><group id="g1"><unit id="a"><segment><source>Hello</source>'
    '</segment></unit></group><group id="g2"><unit id="a"><segment><source>Other</source>'
    '</segment></unit></group></file></xliff>').encode()
ONE_LINE_JSON = (
    b'[{"id":"a","platform":"x","source_lang":"en","source_text":"Hi","target_lang":"de",'
    b'"draft_text":"Hallo"},{"id":"a","platform":"x","source_lang":"en","source_text":"Yo",'
    b'"target_lang":"de","draft_text":"Jo"}]')


@pytest.mark.parametrize("read, data", [(read_xliff, ONE_LINE_XLIFF), (read_json, ONE_LINE_JSON)],
                         ids=["xliff", "json"])
def test_a_duplicate_id_on_the_first_ids_line_is_refused(read, data):
    kwargs = {"platform": "x"} if read is read_xliff else {}
    with pytest.raises(ImportFailed) as failed:
        read(data, "one-line", **kwargs)
    [problem] = failed.value.problems
    assert problem.message.name == "duplicate-id" and problem.message.values["id"] == "a"


def test_the_command_refuses_it_by_name_with_exit_2(tmp_path, capsys):
    path = tmp_path / "one-line.xlf"
    path.write_bytes(ONE_LINE_XLIFF)
    code = main(["--db", str(tmp_path / "desk.sqlite3"), "import", str(path), "--platform", "x"])
    err = capsys.readouterr().err
    assert code == 2 and "duplicate id 'a': line 1 has it already" in err
    assert "internal error" not in err
