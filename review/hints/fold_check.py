"""`after-the-fold`: the post's link, a hashtag of the source or an @mention that readers do not
see until they open the post ("See more"), measured at the fold of review/preview.py."""
from __future__ import annotations

from . import WARNING, CheckResult, Span
from ..formats import platform_name
from ..preview import FOLDS, fold_at

# X folds at its length limit: what falls after it makes the post too long, which `length`
# already says. The desktop's fold (index 0 of FOLDS): at the phone's (Facebook 125, LinkedIn
# 140, YouTube 100 characters) the check fired on 9 of the 476 earlier pairs of the labelled
# set (tests/data/checks), ordinary posts whose closing link ends just past it; the preview
# shows both folds.
FOLD_CHECKED = {"facebook": 0, "linkedin": 0, "youtube": 0}


def fold_check(platform: str, source_text: str, target_text: str, items) -> list[CheckResult]:
    """`items(text, kind)`: the (start, end, key) of the hashtags, @mentions or links of a text
    (the kept checks' finder, so the two checks agree on what an item is)."""
    if platform not in FOLD_CHECKED:
        return []
    fold = fold_at(platform, target_text, FOLDS[platform][FOLD_CHECKED[platform]])
    if fold.cut_at >= len(target_text):
        return []
    source_tags = {key for _, _, key in items(source_text, "hashtag-missing")}
    late = [(s, e) for s, e, _ in items(target_text, "url-missing") if e > fold.cut_at]
    late += [(s, e) for s, e, key in items(target_text, "hashtag-missing")
             if e > fold.cut_at and key in source_tags]
    late += [(s, e) for s, e, _ in items(target_text, "mention-missing") if e > fold.cut_at]
    if not late:
        return []
    late.sort()
    shown = ", ".join(target_text[s:e] for s, e in late)
    name = platform_name(platform)
    message = (f"After the fold on {name} (its first {fold.limit} characters on a desktop): "
               f"{shown}. Readers see it only if they open the post: move it earlier.")
    return [CheckResult("after-the-fold", WARNING, message,
                        tuple(Span("target", s, e) for s, e in late),
                        params=(("platform", name), ("limit", fold.limit), ("items", shown)))]
