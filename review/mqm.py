"""MQM quality scores: penalty points per annotation, normalised by the length of the text.

One definition, used by the report, the dashboard and the command line:

- Penalty points per annotation by severity: neutral 0, minor 1, major 5, critical 25; a minor
  error whose subcategory is "punctuation" weighs 0.1 (MQM's punctuation exception).
- Which annotations count: open and resolved ones (a resolved error was still an error in the
  text HQ sent); deleted ones (the reviewer took the mark back) and undone ones never.
- What is scored: HQ's latest draft of a post, i.e. the annotations on that revision. Marks on
  reviewers' rewrites are listed in the report but rate a reviewer's wording, not HQ's
  translation, so they are not part of the score.
- Which posts are scored: decided ones (approved, awaiting sign-off, changes requested,
  rejected, exported): a post still pending or in review has not been read to the end.
- Length: words for most languages (whitespace-separated pieces holding a letter or digit);
  characters (letters and digits, not punctuation or spaces) for Chinese and Japanese, which
  are written without spaces between words. Korean is written with spaces, so it counts words.
  A text with nothing countable counts as 1, so a score is always defined.
- Points per 100 = points x 100 / length; quality = 100 - points per 100, floored at 0.
- A batch's score is its total points over its total length (words and characters added as
  they come), not the mean of its posts' scores: a long post weighs more than a short one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .languages import primary
from .model import PUNCTUATION_SUBCATEGORY

WEIGHTS = {"neutral": 0.0, "minor": 1.0, "major": 5.0, "critical": 25.0}
MINOR_PUNCTUATION_WEIGHT = 0.1
SCORED_STATUSES = frozenset({"open", "resolved"})
SCORED_STATES = frozenset({"approved", "awaiting_signoff", "changes_requested", "rejected", "exported"})
# Primary language subtags whose texts are measured in characters, not words.
CHARACTER_LANGUAGES = frozenset({"zh", "ja"})


def penalty(severity: str, subcategory: str | None = None) -> float:
    """The penalty points of one error."""
    if severity == "minor" and is_punctuation(subcategory):
        return MINOR_PUNCTUATION_WEIGHT
    return WEIGHTS[severity]


def is_punctuation(subcategory: str | None) -> bool:
    return (subcategory or "").strip().casefold() == PUNCTUATION_SUBCATEGORY


def counts_characters(language: str) -> bool:
    """Whether texts in `language` (a BCP 47 tag) are measured in characters."""
    return primary(language) in CHARACTER_LANGUAGES


def text_length(text: str, language: str) -> int:
    """Words, or characters for Chinese and Japanese; at least 1."""
    if counts_characters(language):
        count = sum(1 for char in text if char.isalnum())
    else:
        count = sum(1 for piece in text.split() if any(char.isalnum() for char in piece))
    return max(count, 1)


def unit(language: str) -> str:
    return "characters" if counts_characters(language) else "words"


@dataclass(frozen=True)
class Score:
    points: float  # penalty points of the counted errors
    length: int  # words or characters (see `unit`); a batch adds both kinds

    @property
    def per_100(self) -> float:
        return self.points * 100 / self.length if self.length else 0.0

    @property
    def quality(self) -> float:
        """100 - points per 100 words (characters), never below 0."""
        return max(0.0, 100.0 - self.per_100)


def post_score(text: str, language: str, errors: Iterable[tuple[str, str | None]]) -> Score:
    """The score of one text from its counted errors, as (severity, subcategory) pairs."""
    return Score(sum(penalty(severity, sub) for severity, sub in errors), text_length(text, language))


def total_score(scores: Iterable[Score]) -> Score | None:
    """Total points over total length; None when nothing was scored."""
    scores = list(scores)
    if not scores:
        return None
    return Score(sum(s.points for s in scores), sum(s.length for s in scores))


def counts(status: str) -> bool:
    """Whether an annotation with this status counts towards the score."""
    return status in SCORED_STATUSES
