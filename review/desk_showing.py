"""The facade's verbs for what a post shows beyond its texts (issue 17): its pictures, its
preview as its platform folds it, and whether its approval came too late. A part of `Desk`
(desk.py), kept apart so that neither module grows past what a newcomer can read."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from .model import PostState


class PostShowing:
    """Mixed into Desk, whose Core gives `post`, `resolve_post_id`, `batch` and `store`."""

    def preview(self, post_id: str, platform: str | None = None, text: str | None = None):
        """The post's current text (or `text`, as the reviewer types it) as `platform` (default:
        the post's own) shows it in the feed: a `preview.Preview`."""
        return self.preview_post(self.post(self.resolve_post_id(post_id)), platform, text)

    @staticmethod
    def preview_post(post: PostState, platform: str | None = None, text: str | None = None):
        """`preview` of a post already read (the window has it: no second read of its log)."""
        from .formats.placeholders import shown
        from .preview import preview

        pictures = tuple((m["name"], m["width"] or 0, m["height"] or 0) for m in post.media)
        text = post.current_text if text is None else text
        # the feed shows what a CAT file's inline codes stand for, never their placeholders
        return preview(platform or post.platform, shown(text, post.codes), pictures)

    def media(self, post_id: str) -> list[dict[str, Any]]:
        """The post's pictures: {name, sha256, type, width, height, bytes} each, in its order."""
        return list(self.post(self.resolve_post_id(post_id)).media)

    def media_bytes(self, sha256: str) -> bytes | None:
        return self.store.media.data(sha256)

    def write_media(self, post_id: str, out: str | os.PathLike) -> list[Path]:
        """Write the post's pictures into the folder `out` (review/media.py)."""
        from .media import write_media

        return write_media(self, self.resolve_post_id(post_id), Path(out))

    def schedule_passed(self, post: PostState) -> bool:
        """Whether `post` became publishable after its scheduled time, or waits for sign-off
        past it (review/schedule.py)."""
        from .schedule import schedule_passed

        return schedule_passed(post, self.batch(post.batch)["timezone"])
