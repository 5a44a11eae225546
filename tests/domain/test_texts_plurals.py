"""Messages that count something say "1 problem", not "1 problem(s)" or "1 problems"."""
from __future__ import annotations

from review.texts import MESSAGES, counted, said


def test_a_count_of_one_takes_the_singular_form():
    assert said("import-failed-end", count=1) == \
        "nothing was imported (1 problem); fix the file and import it again"
    assert said("import-failed-end", count=3).startswith("nothing was imported (3 problems)")
    assert said("xliff-no-platform", count=1).startswith("1 unit does not say its platform")
    assert said("manifest-event-count", declared=1, count=2) == \
        "the manifest counts 1 event, the package holds 2"
    assert said("import-failed-end", count=1).name == "import-failed-end-one"


def test_no_message_hedges_with_a_parenthesised_plural():
    assert not [name for name, text in MESSAGES.items() if "(s)" in text]


def test_counted():
    assert [counted(n, "post") for n in (0, 1, 2)] == ["0 posts", "1 post", "2 posts"]
    assert counted(1, "entry", "entries") == "1 entry" and counted(5, "entry", "entries") == "5 entries"


def test_refusals_that_count_say_one_in_the_singular():
    assert said("span-outside", start=0, end=5, revision=1, id="p", count=1).endswith(
        "(1 character); give 0 <= start < end <= 1")
    assert said("nothing-fits-format", count=1, label="Hootsuite bulk CSV",
                reasons="1 with no scheduled time").startswith(
        "the 1 approved post cannot go into Hootsuite bulk CSV")
    assert said("nothing-fits-format", count=3, label="X", reasons="r").startswith(
        "none of the 3 approved posts")
