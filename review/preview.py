"""A post as its platform shows it in the feed: where the text folds ("See more"), and how each
picture is cropped. Pure functions of the text and the pictures' sizes.

The cut points are the platforms' published figures or widely measured ones (sources in the
README, "Preview"); no platform documents its fold exactly, and each also folds on lines and
on the reader's screen width, which a preview cannot know. So a preview is an approximation
made the same way every time: a fold at a number of characters (X: its weighted count) or of
lines, whichever comes first, moved back to the space before a word cut in two.
"""
from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .hints.length import find_emoji, find_urls, weighted_length


@dataclass(frozen=True)
class FoldRule:
    """Where one platform folds a post's text on one kind of screen."""

    screen: str  # "desktop" or "phone"
    limit: int  # characters before the fold (X: weighted characters, links 23)
    lines: int | None = None  # lines before the fold, when the platform also folds on lines


# (desktop, phone) fold of each platform (formats.PREVIEW_PLATFORMS). X folds a long post at
# its 280 weighted characters on every screen; YouTube's figures are its description's (the
# title is the first line).
FOLDS: dict[str, tuple[FoldRule, FoldRule]] = {
    "x": (FoldRule("desktop", 280), FoldRule("phone", 280)),
    "facebook": (FoldRule("desktop", 477), FoldRule("phone", 125)),
    "linkedin": (FoldRule("desktop", 210, 3), FoldRule("phone", 140, 3)),
    "youtube": (FoldRule("desktop", 157, 3), FoldRule("phone", 100, 3)),
}
YOUTUBE_TITLE_LIMIT = 100
# A word cut by the fold is moved below it when a space is this close before the fold:
# further back, the text is one long word (a link, a Chinese sentence) and is cut where it is.
_WORD_BACKTRACK = 30


@dataclass(frozen=True)
class Crop:
    """How the feed shows one picture: the part [x, x + width) x [y, y + height) of it."""

    name: str
    width: int
    height: int
    x: int
    y: int
    crop_width: int
    crop_height: int
    shown: str  # "whole", "cropped" or "not shown" (past the pictures the feed shows)

    def to_json(self) -> dict:
        return {"name": self.name, "width": self.width, "height": self.height,
                "crop": {"x": self.x, "y": self.y, "width": self.crop_width,
                         "height": self.crop_height}, "shown": self.shown}


@dataclass(frozen=True)
class Fold:
    """The text cut at one screen's fold: text[:cut_at] is visible, the rest behind "See more"."""

    screen: str
    cut_at: int
    limit: int
    lines: int | None


@dataclass(frozen=True)
class Preview:
    platform: str
    text: str
    fold: Fold  # the desktop's (X: every screen's)
    phone: Fold
    crops: tuple[Crop, ...]
    title: str | None = None  # YouTube: the first line, at most 100 characters

    @property
    def cut_at(self) -> int:
        return self.fold.cut_at

    @property
    def visible(self) -> str:
        return self.text[:self.fold.cut_at]

    @property
    def hidden(self) -> str:
        return self.text[self.fold.cut_at:]

    def to_json(self) -> dict:
        out = {"platform": self.platform, "text": self.text, "visible": self.visible,
               "hidden": self.hidden, "cut_at": self.cut_at, "limit": self.fold.limit,
               "unit": "weighted" if self.platform == "x" else "characters",
               "lines": self.fold.lines,
               "phone": {"cut_at": self.phone.cut_at, "limit": self.phone.limit,
                         "lines": self.phone.lines,
                         "visible": self.text[:self.phone.cut_at],
                         "hidden": self.text[self.phone.cut_at:]},
               "crops": [crop.to_json() for crop in self.crops]}
        if self.title is not None:
            out["title"] = self.title
        return out


def preview_platform(platform: str) -> str:
    """The platform a post is previewed as: its own, or Facebook's fold for "other"."""
    return platform if platform in FOLDS else "facebook"


def preview(platform: str, text: str, pictures: tuple[tuple[str, int, int], ...] = ()) -> Preview:
    """`text` as `platform` shows it; `pictures`: (name, width, height) in the post's order."""
    platform = preview_platform(platform)
    desktop, phone = (fold_at(platform, text, rule) for rule in FOLDS[platform])
    title = _youtube_title(text)[0] if platform == "youtube" else None
    return Preview(platform, text, desktop, phone, crops(platform, pictures), title)


def fold_at(platform: str, text: str, rule: FoldRule) -> Fold:
    """Where `rule` folds `text` on `platform`."""
    if platform == "youtube":
        cut = _youtube_cut(text, rule)
    else:
        cut = _cut(text, 0, rule, weighted=platform == "x")
    return Fold(rule.screen, cut, rule.limit, rule.lines)


def _youtube_title(text: str) -> tuple[str, int]:
    """The title (the first line, as YouTube shows at most 100 characters of it) and where the
    description starts (after the first line break; the end when there is none)."""
    first, newline, _ = text.partition("\n")
    return first[:YOUTUBE_TITLE_LIMIT], len(first) + len(newline)


def _youtube_cut(text: str, rule: FoldRule) -> int:
    title, description_at = _youtube_title(text)
    if len(title) < len(text.partition("\n")[0]):
        return len(title)  # a title over 100 characters: YouTube shows none of what follows
    return _cut(text, description_at, rule, weighted=False)


def _cut(text: str, start: int, rule: FoldRule, *, weighted: bool) -> int:
    """The fold of text[start:] under `rule`, as an index into `text`."""
    end = _line_end(text, start, rule.lines)
    if weighted:
        cut = _weighted_prefix(text, start, end, rule.limit)
    else:
        cut = min(end, start + rule.limit)
    return _before_cut_word(text, start, cut) if cut < end else cut  # cut by the count


def _line_end(text: str, start: int, lines: int | None) -> int:
    """Where the `lines`-th line from `start` ends (the line break stays below the fold)."""
    if lines is None:
        return len(text)
    position = start
    for _ in range(lines):
        newline = text.find("\n", position)
        if newline < 0:
            return len(text)
        position = newline + 1
    return position - 1


def _weighted_prefix(text: str, start: int, end: int, limit: int) -> int:
    """The longest text[start:cut] (cut <= end) whose X weight is at most `limit`. A link and
    an emoji sequence are never cut in two: they weigh 23 and 2 whole, not in pieces."""
    atoms = {s: e for s, e in find_urls(text)}
    atoms.update({s: e for s, e, _ in find_emoji(text) if s not in atoms})
    total, position = 0, start
    while position < end:
        atom_end = atoms.get(position, position + 1)
        total += weighted_length(text[position:atom_end])
        if total > limit:
            return position
        position = atom_end
    return min(position, end)


def _before_cut_word(text: str, start: int, cut: int) -> int:
    """`cut`, or the space before the word it cuts in two (when one is close enough)."""
    if cut <= start or text[cut - 1].isspace() or text[cut].isspace():
        return cut
    space = max(text.rfind(" ", start, cut), text.rfind("\n", start, cut))
    return space if space >= max(start, cut - _WORD_BACKTRACK) and space > start else cut


# --- Pictures -----------------------------------------------------------------------------------
# The shapes (width:height) the feed shows a picture in. One picture: whole between the two
# bounds, else cut to the nearer one, centred; several: each cut to the grid's shape.
_SINGLE_BOUNDS = {
    "x": (Fraction(3, 4), Fraction(2, 1)),  # uncropped in "standard" ratios since 2021
    "facebook": (Fraction(4, 5), Fraction(191, 100)),
    "linkedin": (Fraction(4, 5), Fraction(191, 100)),
    "youtube": (Fraction(16, 9), Fraction(16, 9)),  # the video's thumbnail
}
_GRID_SHAPE = {"x": {2: Fraction(7, 8)}, "facebook": {}, "linkedin": {}, "youtube": {}}
_SHOWN_AT_MOST = {"x": 4, "facebook": 5, "linkedin": 20, "youtube": 1}


def crops(platform: str, pictures: tuple[tuple[str, int, int], ...]) -> tuple[Crop, ...]:
    """How the feed crops each of `pictures` ((name, width, height), in the post's order)."""
    out = []
    for index, (name, width, height) in enumerate(pictures):
        if index >= _SHOWN_AT_MOST[platform] or width <= 0 or height <= 0:
            out.append(Crop(name, width, height, 0, 0, 0, 0, "not shown"))
            continue
        low, high = _bounds(platform, len(pictures))
        out.append(_centred(name, width, height, low, high))
    return tuple(out)


def _bounds(platform: str, count: int) -> tuple[Fraction, Fraction]:
    if count == 1 or platform == "youtube":
        return _SINGLE_BOUNDS[platform]
    shape = _GRID_SHAPE[platform].get(count, Fraction(1, 1))
    return shape, shape


def _centred(name: str, width: int, height: int, low: Fraction, high: Fraction) -> Crop:
    ratio = Fraction(width, height)
    if low <= ratio <= high:
        return Crop(name, width, height, 0, 0, width, height, "whole")
    if ratio > high:  # too wide: the sides go
        kept = max(1, round(height * high))
        return Crop(name, width, height, (width - kept) // 2, 0, kept, height, "cropped")
    kept = max(1, round(width / low))  # too tall: top and bottom go
    return Crop(name, width, height, 0, (height - kept) // 2, width, kept, "cropped")
