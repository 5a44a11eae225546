"""The refusal of an XML file too costly to read says a need larger than its limit. It said
"reading it would take about 546 MB of memory, more than the 614 MB a file of this size may
use" for a 41 MB XLIFF of 99,000 coded units: the need left out what the program holds before
reading (bounds.BASELINE), the limit did not. Found attacking issue 14."""
from __future__ import annotations

from review.errors import ImportFailed
from review.formats.xmlsafe import parse_xml


def _refused(units: int) -> ImportFailed | None:
    data = b"<xliff>" + b'<x id="1"/>' * units + b"</xliff>"
    try:
        parse_xml(data, "costly.xlf", root="xliff")
    except ImportFailed as failed:
        return failed
    return None


def test_the_least_costly_refused_file_needs_more_than_its_limit():
    low, high = 1, 2_000_000  # accepted, refused
    assert _refused(low) is None and _refused(high) is not None
    while high - low > 1:  # the smallest refused file: its need is just past the bound
        middle = (low + high) // 2
        low, high = (low, middle) if _refused(middle) else (middle, high)
    [problem] = _refused(high).problems
    values = problem.message.values
    assert problem.message.name == "xml-too-costly"
    assert values["need"] >= values["limit"]
    assert values["need"] - values["limit"] <= 1  # just past it, in whole MB


def test_a_small_file_is_read():
    assert _refused(10) is None
