"""CSV and TSV batch files: encodings, delimiters, quotes, line numbers, and every problem."""
from __future__ import annotations

import pytest

from review.errors import ImportFailed
from review.formats.batchfile import read_batch_file
from review.formats.csv_format import detect_delimiter

from .support import DATA, FORMS, GOOD_POSTS, HEADER, problems, without_line, write

ROW = "P-{n},x,zh-CN,源文,en,Draft {n},2026-12-01 09:30"


@pytest.mark.parametrize("name", ["good.csv", "good_utf16.csv", "good.tsv"])
def test_good_fixtures_read_the_canonical_posts(name):
    posts = read_batch_file(DATA / name)
    assert [without_line(p) for p in posts] == GOOD_POSTS
    # The second post's texts span three physical lines, so the third post starts on line 6.
    assert [p.line for p in posts] == [2, 3, 6]


def test_fixture_encodings_are_what_the_tests_claim():
    assert (DATA / "good.csv").read_bytes().startswith(b"\xef\xbb\xbfid;platform;")
    assert (DATA / "good_utf16.csv").read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")
    assert b"\r\n" not in (DATA / "good.tsv").read_bytes()


def test_mixed_line_endings_and_blank_lines(tmp_path):
    text = (HEADER + "\r\n\r\n" + ROW.format(n=1) + "\n" + "  \n" + ROW.format(n=2) + "\r"
            + ",,,,,,\r\n" + ROW.format(n=3))
    posts = read_batch_file(write(tmp_path, "b.csv", text))
    assert [(p.line, p.external_id) for p in posts] == [(3, "P-1"), (5, "P-2"), (7, "P-3")]


def test_line_numbers_are_physical_lines_with_multiline_cells(tmp_path):
    text = (HEADER + "\n"
            + 'P-1,x,zh-CN,"源文\n第二行",en,"Draft\r\n\r\nthree lines",\n'
            + ROW.format(n=2) + "\n")
    posts = read_batch_file(write(tmp_path, "b.csv", text))
    assert [(p.line, p.external_id) for p in posts] == [(2, "P-1"), (6, "P-2")]
    assert posts[0].draft_text == "Draft\n\nthree lines"  # line breaks become "\n"


def test_quotes_follow_rfc4180_leniently(tmp_path):
    text = (HEADER + ",notes\n"
            + 'P-1,x,zh-CN,源文,en,"He said ""hi"", then left",,say "hi" 5" tall\n'
            + 'P-2,x,zh-CN,源文,en,"quoted"tail,,\n')
    posts = read_batch_file(write(tmp_path, "b.csv", text))
    assert posts[0].draft_text == 'He said "hi", then left'
    assert posts[0].notes == 'say "hi" 5" tall'  # quotes inside an unquoted field are text
    assert posts[1].draft_text == "quotedtail"


@pytest.mark.parametrize("header, expected", [
    ("a,b;c;d", ";"), ("a\tb\tc,d", "\t"), ("a,b,c", ","), ('"x;y",b,c', ","),
    ("single", ","), ("\n\n a;b", ";"), ("a;b,c", ";"),
])
def test_delimiter_is_the_most_frequent_outside_quotes_in_the_header(header, expected):
    assert detect_delimiter(header + "\nq,w,e;r;t;y\tu\ti\to\tp\ta") == expected


def test_semicolon_file_with_commas_in_texts(tmp_path):
    text = HEADER.replace(",", ";") + "\n" + "P-1;x;zh-CN;一，二;en;One, two, three;\n"
    assert read_batch_file(write(tmp_path, "b.csv", text))[0].draft_text == "One, two, three"


def test_header_variants_are_recognised(tmp_path):
    text = ("Post ID, Network ,FROM,Source,to,Translation,URL,Media,Publish-At,HQ notes\n"
            "A-1,Twitter,zh-CN,源文,en,Draft,https://e.org,1 photo,2026-12-01T09:30:00Z,Pin\n")
    post = read_batch_file(write(tmp_path, "b.csv", text))[0]
    assert (post.external_id, post.platform, post.source_lang, post.target_lang) == \
        ("A-1", "x", "zh-CN", "en")
    assert (post.source_text, post.draft_text, post.link, post.media_note, post.notes) == \
        ("源文", "Draft", "https://e.org", "1 photo", "Pin")
    assert post.scheduled_at == "2026-12-01T09:30:00+00:00"


def test_extra_columns_are_kept_and_empty_cells_left_out(tmp_path):
    text = (HEADER + ",Campaign,,Campaign\n"
            + ROW.format(n=1) + ",drilling,x,again\n"
            + ROW.format(n=2) + ",  ,,\n")
    posts = read_batch_file(write(tmp_path, "b.csv", text))
    assert posts[0].extra == {"Campaign": "drilling", "column 9": "x",
                              "Campaign (column 10)": "again"}
    assert posts[1].extra == {}


def test_missing_required_column_is_one_problem_for_the_file(tmp_path):
    text = "id,platform,source_lang,source_text,target_lang\n" + "".join(
        f"P-{n},x,zh,a,en\n" for n in range(5))
    assert problems(write(tmp_path, "b.csv", text)) == [
        ":1: header: missing required column 'draft_text' "
        "(also accepted: target, translation, draft, target_text)",
    ]


def test_two_headers_for_one_column(tmp_path):
    text = HEADER + ",translation\n" + ROW.format(n=1) + ",again\n"
    assert problems(write(tmp_path, "b.csv", text)) == [
        ":1: header: columns 'draft_text' and 'translation' both mean 'draft_text'; "
        "keep one of them",
    ]


def test_every_row_problem_is_listed_with_line_and_column(tmp_path):
    long_text = "x" * 100_001
    text = "\n".join([
        HEADER,
        ROW.format(n=1),                                                    # 2: good
        ",x,zh-CN,源文,en,Draft,",                                          # 3: no id
        "P-4,myspace,zh-CN,源文,en,Draft,",                                 # 4: platform
        "P-5,x,chinese,源文,en,Draft,",                                     # 5: language
        "P-6,x,zh-CN,源文,en,Draft,2026-12-01",                             # 6: date only
        "P-7,x,zh-CN,源文,en,Draft,next tuesday",                           # 7: garbage date
        "P-8,x,zh-CN,源文,en,   ,",                                         # 8: blank draft
        "P-1,x,zh-CN,源文,en,Draft,",                                       # 9: duplicate id
        "P-10,x,zh-CN,源\x07文,en,Draft,",                                   # 10: control char
        f"P-11,x,zh-CN,源文,en,{long_text},",                               # 11: too long
        "P-12,x,zh-CN,源文,en,Draft,2026-02-30 10:00",                      # 12: no such day
        "P-13,x,zh-CN,源文,en,Draft,2026-12-01T09:30:00+25:00",             # 13: offset
    ]) + "\n"
    assert problems(write(tmp_path, "b.csv", text)) == [
        ":3: id: empty; every post needs a value here",
        ":4: platform: unknown platform 'myspace'; use one of: x, facebook, youtube, linkedin, "
        "other (twitter, fb, yt are accepted too)",
        ":5: source_lang: 'chinese' is not a language code; use a code such as en, zh-CN, "
        "zh-Hans, pt-BR or es-419",
        ":6: scheduled_at: '2026-12-01' is not a valid date and time; " + FORMS,
        ":7: scheduled_at: 'next tuesday' is not a valid date and time; " + FORMS,
        ":8: draft_text: empty; every post needs a value here",
        ":9: id: duplicate id 'P-1': line 2 has it already; give each post its own id",
        ":10: source_text: contains the control character U+0007 at character 2; remove it",
        ":11: draft_text: 100,001 characters long; the limit is 100,000: shorten it",
        ":12: scheduled_at: '2026-02-30 10:00' is not a valid date and time; " + FORMS,
        ":13: scheduled_at: '2026-12-01T09:30:00+25:00' is not a valid date and time; " + FORMS,
    ]


def test_problems_name_the_column_as_the_file_does(tmp_path):
    text = "Post ID,Network,From,Source,To,Translation\nA-1,myspace,zh,a,en,\n"
    assert problems(write(tmp_path, "b.csv", text)) == [
        ":2: Network: unknown platform 'myspace'; use one of: x, facebook, youtube, linkedin, "
        "other (twitter, fb, yt are accepted too)",
        ":2: Translation: empty; every post needs a value here",
    ]


@pytest.mark.parametrize("given, expected", [
    ("2026-12-01T09:30:00Z", "2026-12-01T09:30:00+00:00"),
    ("2026-12-01T09:30:00+02:00", "2026-12-01T09:30:00+02:00"),
    ("2026-12-01 09:30", "2026-12-01T09:30:00"),
    ("2026-12-01T09:30:15.250-05:30", "2026-12-01T09:30:15-05:30"),
    ("2026-12-01 09:30 +0200", "2026-12-01T09:30:00+02:00"),
    ("2026-12-01t09:30z", "2026-12-01T09:30:00+00:00"),
    ("  2026-12-01 09:30  ", "2026-12-01T09:30:00"),
])
def test_scheduled_at_is_normalised(tmp_path, given, expected):
    text = f'{HEADER}\nP-1,x,zh-CN,源文,en,Draft,"{given}"\n'
    assert read_batch_file(write(tmp_path, "b.csv", text))[0].scheduled_at == expected


def test_unterminated_quote_is_reported_where_it_opens(tmp_path):
    text = (HEADER + "\n" + ROW.format(n=1) + "\n"
            + 'P-2,x,zh-CN,源文,en,"This quote is never closed,\n'
            + ROW.format(n=3) + "\n" + ROW.format(n=4) + "\n")
    assert problems(write(tmp_path, "b.csv", text)) == [
        ":3: a quoted field starts here and its closing quote is missing, so the rest of the "
        'file would be read as one cell; close the quote, or write a quote inside a field as ""',
    ]


def test_unterminated_quote_after_escaped_quotes(tmp_path):
    text = HEADER + "\n" + 'P-1,x,zh-CN,源文,en,"ends with an escaped quote""\n'
    assert problems(write(tmp_path, "b.csv", text))[0].startswith(":2: a quoted field starts")


def test_problems_before_an_unterminated_quote_are_kept(tmp_path):
    text = HEADER + "\n" + "P-1,bad,zh-CN,源文,en,Draft,\n" + '"P-2,x\n'
    assert [p[:3] for p in problems(write(tmp_path, "b.csv", text))] == [":2:", ":3:"]


def test_nul_bytes_are_reported_at_their_lines(tmp_path):
    text = HEADER + "\n" + ROW.format(n=1) + "\n" + "P-2,x,zh-CN,源\x00文,en,Draft,\n" \
        + 'P-3,x,zh-CN,"源\n文\x00\x00",en,Draft,\n'
    assert problems(write(tmp_path, "b.csv", text)) == [
        ":3: contains a NUL byte; the file is damaged or not a text file: save it again as CSV",
        ":5: contains a NUL byte; the file is damaged or not a text file: save it again as CSV",
    ]


def test_invalid_utf8_names_the_line_of_the_first_bad_byte(tmp_path):
    """Issue 15: the line, the character in it and the byte's value (not its position in the
    file); this file mixes UTF-8 and Latin-1, so no other encoding reads it either."""
    data = (HEADER + "\n" + ROW.format(n=1) + "\n").encode() + "P-2,x,fr,Café,en,Cafe,\n".encode(
        "latin-1")
    assert problems(write(tmp_path, "b.csv", data)) == [
        ":3: character 13: byte 233 (0xE9) is not UTF-8, and the file is not GB18030, "
        "Windows-1252 or UTF-16 either (it is in another encoding, or damaged); name its "
        "encoding with --encoding, or save it as UTF-8",
    ]


def test_invalid_utf8_after_a_bom_counts_from_the_line(tmp_path):
    data = b"\xef\xbb\xbf" + HEADER.encode() + b"\n\xff\n"
    assert problems(write(tmp_path, "b.csv", data)) == [
        ":2: character 1: byte 255 (0xFF) is not UTF-8; the whole file can be read as "
        "Windows-1252: try --encoding cp1252",
    ]


def test_damaged_utf16_is_refused(tmp_path):
    data = (HEADER + "\n").encode("utf-16") + b"\x00\xd8A\x00"  # a lone high surrogate
    assert problems(write(tmp_path, "b.csv", data))[0].startswith(":2: byte")


def test_utf16_without_bom_is_recognised(tmp_path):
    data = (HEADER + "\n" + ROW.format(n=1) + "\n").encode("utf-16-le")
    assert problems(write(tmp_path, "b.csv", data)) == [
        ":1: the file looks like UTF-16 without a byte order mark; save it as UTF-8",
    ]


def test_byte_order_mark_inside_the_file(tmp_path):
    data = b"\xef\xbb\xbf" + (HEADER + "\n" + ROW.format(n=1) + "\n").encode() \
        + b"\xef\xbb\xbf" + ROW.format(n=2).encode() + b"\n"
    assert problems(write(tmp_path, "b.csv", data)) == [
        ":3: contains a byte order mark (U+FEFF) in the middle of the file, probably where "
        "two files were joined; remove it",
    ]


def test_wrong_cell_count(tmp_path):
    text = HEADER + "\n" + ROW.format(n=1) + ",extra\n" + "P-2,x,zh-CN\n" + ROW.format(n=3) + "\n"
    assert problems(write(tmp_path, "b.csv", text)) == [
        ":2: row has 8 cells, the header has 7; check the delimiters and quotes in this row",
        ":3: row has 3 cells, the header has 7; check the delimiters and quotes in this row",
    ]


def test_empty_file_and_header_only(tmp_path):
    assert problems(write(tmp_path, "empty.csv", "\n \n")) == [
        ": the file is empty; expected a header row and one row per post",
    ]
    assert read_batch_file(write(tmp_path, "header.csv", HEADER + "\n")) == []


def test_all_problems_are_raised_together(tmp_path):
    text = HEADER + "\n" + "\n".join(f"P-{n},nope,zh,a,en,b," for n in range(50)) + "\n"
    with pytest.raises(ImportFailed) as caught:
        read_batch_file(write(tmp_path, "b.csv", text))
    assert len(caught.value.problems) == 50
    assert [p.line for p in caught.value.problems] == list(range(2, 52))
    assert str(caught.value).startswith("nothing was imported: 50 problems found\n")
