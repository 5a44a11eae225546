"""The facade's verbs for what an export can take: the batch's target languages and the XLIFF
files of HQ's kept for it. A part of `Desk` (desk.py), kept apart so that neither module grows
past what a newcomer can read."""
from __future__ import annotations


class ExportChoices:
    """Mixed into Desk, whose Core gives `posts` and `store`."""

    def target_languages(self, batch: str) -> list[str]:
        """The target languages of the batch's posts, sorted (an export can take one)."""
        return sorted({row["target_lang"] for row in self.posts(batch=batch)})

    def xliff_files(self, batch: str) -> list[str]:
        """The names of HQ's XLIFF files kept on this desk for the batch, newest import first:
        an XLIFF export writes back one of them (`export(from_file=...)`)."""
        from .xliff_documents import kept_file_names

        return kept_file_names(self, batch)

    def xliff_version(self, batch: str) -> str | None:
        """The XLIFF version of HQ's newest file kept for the batch ("1.2", "2.0"), or None:
        the export the window offers first for a batch that came as XLIFF."""
        from .xliff_documents import newest_kept_version

        return newest_kept_version(self, batch)
