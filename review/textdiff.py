"""The difference between two texts in pieces a person reads: words for Latin text, characters
for CJK. Pure Python: the review pane's difference view and the HTML report both draw from it."""
from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from .hints.memory import diff_units


def diff_segments(old: str, new: str) -> list[tuple[str, str]]:
    """(op, text) pieces that turn `old` into `new`: "equal", "delete" or "insert".

    Words for Latin text, characters for CJK (`diff_units`). Neighbouring changes joined by
    nothing but a space read as one change ("water wells" -> "boreholes"), not a patchwork.
    """
    a, b = diff_units(old), diff_units(new)
    ops = [(op.tag, "".join(a[op.src_start:op.src_end]), "".join(b[op.dest_start:op.dest_end]))
           for op in Levenshtein.opcodes(a, b)]
    segments: list[tuple[str, str]] = []
    removed = added = ""
    for index, (tag, old_piece, new_piece) in enumerate(ops):
        bridge = (tag == "equal" and old_piece.isspace() and bool(removed or added)
                  and index + 1 < len(ops))
        if tag != "equal" or bridge:
            removed, added = removed + old_piece, added + new_piece
            continue
        segments += _change(removed, added)
        removed = added = ""
        segments.append(("equal", old_piece))
    return _merged(segments + _change(removed, added))


def _change(removed: str, added: str) -> list[tuple[str, str]]:
    """A deletion and an insertion, with the spaces both share at either end left unmarked."""
    lead = _shared_spaces(removed, added)
    trail = _shared_spaces(removed[lead:][::-1], added[lead:][::-1])
    pieces = [("equal", removed[:lead]), ("delete", removed[lead:len(removed) - trail]),
              ("insert", added[lead:len(added) - trail]), ("equal", removed[len(removed) - trail:])]
    return [(op, text) for op, text in pieces if text]


def _shared_spaces(a: str, b: str) -> int:
    """How many leading whitespace characters `a` and `b` have in common."""
    count = 0
    while count < min(len(a), len(b)) and a[count] == b[count] and a[count].isspace():
        count += 1
    return count


def _merged(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for op, text in segments:
        if out and out[-1][0] == op:
            out[-1] = (op, out[-1][1] + text)
        else:
            out.append((op, text))
    return out
