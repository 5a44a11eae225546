"""JSON and JSONL batch files: structure, strictness, line numbers, and value types."""
from __future__ import annotations

import json

import pytest

from review.formats.batchfile import read_batch_file

from .support import DATA, GOOD_POSTS, problems, without_line, write

POST = {"id": "P-1", "platform": "x", "source_lang": "zh-CN", "source_text": "源文",
        "target_lang": "en", "draft_text": "Draft"}


def post(n: int, **changes) -> dict:
    return {**POST, "id": f"P-{n}", **changes}


def dumps_list(objects: list[dict]) -> str:
    """One object per line, like `[\\n{...},\\n{...}\\n]`: object n is on line n + 1."""
    return "[\n" + ",\n".join(json.dumps(o, ensure_ascii=False) for o in objects) + "\n]\n"


@pytest.mark.parametrize("name", ["good.json", "good.jsonl"])
def test_good_fixtures_read_the_canonical_posts(name):
    posts = read_batch_file(DATA / name)
    assert [without_line(p) for p in posts] == GOOD_POSTS
    assert [p.line for p in posts] == ([2, 15, 28] if name == "good.json" else [1, 2, 3])


def test_line_of_each_object_in_a_list(tmp_path):
    text = '[{"id": "P-1", "platform": "x", "source_lang": "zh", "source_text": "a",\n' \
           ' "target_lang": "en", "draft_text": "b"},\n\n  ' \
           + json.dumps(post(2)) + ", " + json.dumps(post(3)) + "]"
    posts = read_batch_file(write(tmp_path, "b.json", text))
    assert [(p.line, p.external_id) for p in posts] == [(1, "P-1"), (4, "P-2"), (4, "P-3")]


def test_values_of_other_types(tmp_path):
    objects = [post(1, id=17, link=None, notes=None, campaign=["a", {"b": 1}], count=3,
                    flag=False, empty=None, blank=" ")]
    [result] = read_batch_file(write(tmp_path, "b.json", dumps_list(objects)))
    assert result.external_id == "17" and result.link is None and result.notes is None
    assert result.extra == {"campaign": '["a", {"b": 1}]', "count": "3", "flag": "false"}


def test_wrong_types_in_canonical_fields(tmp_path):
    objects = [post(1, platform=True), post(2, notes=["a"]), post(3, source_text={"zh": "a"})]
    assert problems(write(tmp_path, "b.json", dumps_list(objects))) == [
        ":2: platform: expected text, found true",
        ":3: notes: expected text, found a list",
        ":4: source_text: expected text, found an object",
    ]


def test_header_variants_work_as_keys(tmp_path):
    obj = {"Post ID": "A-1", "network": "fb", "from": "zh-cn", "source": "源文", "to": "EN",
           "translation": "Draft", "publish-at": "2026-12-01 09:30", "HQ notes": "Pin"}
    [result] = read_batch_file(write(tmp_path, "b.json", json.dumps([obj])))
    assert (result.external_id, result.platform, result.source_lang, result.target_lang,
            result.scheduled_at, result.notes) == \
        ("A-1", "facebook", "zh-CN", "en", "2026-12-01T09:30:00", "Pin")


def test_strict_json_problems_each_with_its_line(tmp_path):
    text = "\n".join([
        "[",
        json.dumps(post(1)) + ",",
        '{"id": "P-2", "platform": "x", "source_lang": "zh", "source_text": "a", '
        '"target_lang": "en", "draft_text": "b", "score": NaN},',
        json.dumps(post(3))[:-1] + ', "big": 1e400},',
        json.dumps(post(4))[:-1] + ', "id": "P-4b"},',
        json.dumps(post(5))[:-1] + ', "low": -Infinity, "high": Infinity},',
        json.dumps(post(6), ensure_ascii=True).replace("Draft", "\\ud800 broken") + ",",
        json.dumps(post(7)),
        "]",
    ])
    assert problems(write(tmp_path, "b.json", text)) == [
        ":3: NaN is not valid JSON; write a number, a string or null",
        ":4: the number 1e400 is too large; write it as a string",
        ":5: the key 'id' appears twice in one object; keep one",
        ":6: -Infinity is not valid JSON; write a number, a string or null",
        ":6: Infinity is not valid JSON; write a number, a string or null",
        ":7: draft_text: contains a broken character (lone surrogate U+D800) at character 1; "
        "the text was damaged on the way: export it again as UTF-8",
    ]


def test_syntax_error_gives_line_and_column(tmp_path):
    text = "[\n" + json.dumps(post(1)) + ",\n" + '{"id": "P-2", "platform": x}\n]'
    assert problems(write(tmp_path, "b.json", text)) == [
        ":3: JSON syntax error: Expecting value (column 27)",
    ]


@pytest.mark.parametrize("text, expected", [
    ('{"id": "P-1"}', ":1: the file holds a single object; expected a list of posts: "
                      "[ {...}, {...} ]"),
    ('\n\n"posts"', ":3: the file holds a string; expected a list of posts: [ {...}, {...} ]"),
    ("42", ":1: the file holds something other than a list; expected a list of posts: "
           "[ {...}, {...} ]"),
    ("  ", ": the file is empty; expected a list of posts: [ {...}, {...} ]"),
    ("[] []", ":1: JSON syntax error: text after the closing ']'"),
    (f"[{json.dumps(POST)} {json.dumps(POST)}]",
     ":1: JSON syntax error: expected ',' or ']' after the post that starts on line 1"),
    ("[1,\n[2]]", ":1: post 1 is a number; each post must be an object {...}\n"
                  ":2: post 2 is a list; each post must be an object {...}"),
])
def test_top_level_must_be_a_list_of_objects(tmp_path, text, expected):
    assert problems(write(tmp_path, "b.json", text)) == expected.split("\n")


def test_empty_list_is_no_posts(tmp_path):
    assert read_batch_file(write(tmp_path, "b.json", " [ ] \n")) == []


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path):
    nested: object = "bottom"
    for _ in range(60):
        nested = [nested]
    moderately = json.dumps([post(1, deep=nested)])
    assert problems(write(tmp_path, "b.json", moderately)) == [
        ":1: values nested more than 50 levels deep; flatten the post",
    ]
    hugely = '[{"id": "P-1", "deep": ' + "[" * 100_000 + "]" * 100_000 + "}]"
    assert problems(write(tmp_path, "c.json", hugely)) == [
        ":1: values nested more than 50 levels deep; flatten the post",
    ]
    jsonl = json.dumps(post(1)) + "\n" + '{"deep": ' + "[" * 100_000 + "]" * 100_000 + "}\n"
    assert problems(write(tmp_path, "d.jsonl", jsonl)) == [
        ":2: values nested more than 50 levels deep; flatten the post",
    ]


def test_nesting_within_the_limit_is_kept_as_json_text(tmp_path):
    nested: object = 1
    for _ in range(48):
        nested = [nested]
    [result] = read_batch_file(write(tmp_path, "b.json", json.dumps([post(1, deep=nested)])))
    assert result.extra["deep"] == json.dumps(nested)


def test_required_key_missing_from_every_object_is_one_problem(tmp_path):
    objects = [{k: v for k, v in post(n).items() if k != "draft_text"} for n in range(1, 4)]
    assert problems(write(tmp_path, "b.json", dumps_list(objects))) == [
        ":2: keys: missing required column 'draft_text' "
        "(also accepted: target, translation, draft, target_text)",
    ]


def test_required_key_missing_from_some_objects(tmp_path):
    objects = [post(1), {k: v for k, v in post(2).items() if k != "platform"}, post(3)]
    assert problems(write(tmp_path, "b.json", dumps_list(objects))) == [
        ":3: platform: this required key is missing from the object",
    ]


def test_two_keys_for_one_column(tmp_path):
    objects = [post(1, translation="again"), post(2, translation="again")]
    assert problems(write(tmp_path, "b.json", dumps_list(objects))) == [
        ":2: header: columns 'draft_text' and 'translation' both mean 'draft_text'; "
        "keep one of them",
    ]


def test_jsonl_reports_bad_lines_and_reads_on(tmp_path):
    text = "\n".join([
        json.dumps(post(1)),
        "",
        '{"id": "P-2", oops}',
        json.dumps(post(3)) + " trailing",
        "[1, 2]",
        "   ",
        json.dumps(post(1)),
        json.dumps(post(7, platform="myspace")),
        '{"id": "P-8", "n": NaN}',
    ]) + "\r\n"
    assert problems(write(tmp_path, "b.jsonl", text)) == [
        ":3: JSON syntax error: Expecting property name enclosed in double quotes (column 15)",
        f":4: JSON syntax error: text after the object (column {len(json.dumps(post(3))) + 2}); "
        "put one post on each line",
        ":5: post 2 is a list; each post must be an object {...}",
        ":7: id: duplicate id 'P-1': line 1 has it already; give each post its own id",
        ":8: platform: unknown platform 'myspace'; use one of: x, facebook, youtube, linkedin, "
        "other (twitter, fb, yt are accepted too)",
        ":9: NaN is not valid JSON; write a number, a string or null",
    ]


def test_jsonl_with_windows_line_ends_and_ndjson_extension(tmp_path):
    text = json.dumps(post(1)) + "\r\n" + json.dumps(post(2)) + "\r\n"
    posts = read_batch_file(write(tmp_path, "b.ndjson", text))
    assert [(p.line, p.external_id) for p in posts] == [(1, "P-1"), (2, "P-2")]


def test_raw_control_characters_in_json_strings_are_syntax_errors(tmp_path):
    text = '[{"id": "P-1\x00"}]'
    assert problems(write(tmp_path, "b.json", text)) == [
        ":1: JSON syntax error: Invalid control character at (column 13)",
    ]


def test_escaped_nul_is_a_problem_of_the_field(tmp_path):
    objects = [post(1, notes="a\u0000b")]
    assert problems(write(tmp_path, "b.json", dumps_list(objects))) == [
        ":2: notes: contains a NUL character (U+0000) at character 2; remove it",
    ]


def test_huge_integer_is_refused_without_hanging(tmp_path):
    text = '[{"id": ' + "9" * 5000 + "}]"
    assert problems(write(tmp_path, "b.json", text)) == [
        ":1: a number with 5,000 digits; write it as a string",
    ]


@pytest.mark.parametrize("name", ["b.json", "b.jsonl"])
def test_an_object_of_more_keys_than_a_spreadsheet_has_columns_is_refused(tmp_path, name):
    wide = post(2, **{f"k{n}": "v" for n in range(17_000)})
    text = dumps_list([post(1), wide]) if name == "b.json" else \
        "\n".join(json.dumps(o) for o in (post(1), wide))
    line = 3 if name == "b.json" else 2  # dumps_list puts "[" on a line of its own
    assert problems(write(tmp_path, name, text)) == [
        f":{line}: an object with 17,006 keys; a post has at most 16,384: delete the keys the "
        "review does not need"]


def test_a_post_of_more_values_than_memory_allows_is_refused_before_it_is_decoded(
        tmp_path, monkeypatch):
    """Counted element by element, strings skipped: the commas in a text are not values."""
    from review.formats import json_format

    monkeypatch.setattr(json_format, "allowance", lambda size: 1_000 * json_format.COST_PER_VALUE)
    texts = [post(n, draft_text="a, b: c, " * 300) for n in range(1, 4)]  # 2,700 in the texts
    assert len(read_batch_file(write(tmp_path, "ok.json", dumps_list(texts)))) == 3
    wide = post(4, extra=list(range(1_500)))
    assert problems(write(tmp_path, "b.json", dumps_list(texts + [wide]))) == [
        ":5: a post of 1,512 keys and values: reading it would take more memory than a file of "
        "this size may use; a post has a few dozen, delete the ones the review does not need"]
