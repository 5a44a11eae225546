"""The facade over one database (like Anki's Collection): every verb of the review domain,
for the window and the command line alike. Neither reaches past it (a test checks): the store
is the domain's private part.

A Desk is a `Core` (core.py: the store and the steps every verb takes) with the verbs of the
domain's managers, one module each, which never import the facade back:

    reviewing.py   open, rewrite, annotate, decide, assign, dismiss, undo, redo
    importing.py   HQ's batch files, the sample          exporting.py  approved posts out
    exchange.py    packages made, keys, conflicts         merge.py      packages imported
    termbases.py   glossaries and memory files            queue.py      the queue's reads
    hints/collect  every hint for a post                  report.py     the review report
    backups.py     restoring a backup
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import reviewing
from . import workflow as wf
from .core import Core, check_actor, in_time_order
from .desk_showing import PostShowing
from .model import COORDINATOR, REWRITE, Actor, Event, PostState, Revision
from .reviewing import UndoResult
from .store import POST_COLUMNS, Store, post_values, utc_now

UNSAVED_REVISION = "unsaved"  # the revision id of a text checked before it is saved


@dataclass(frozen=True)
class PostView:
    """What the window shows of a post, from one read of its log."""

    post: PostState
    history: list[Event]
    hints: Any  # hints.collect.PostHints


class Desk(Core, PostShowing):
    """Review Desk's data, opened on one SQLite file."""

    def __init__(self, path: str | os.PathLike, *, backups: bool = True, daily_backup: bool = True,
                 checked: bool = False):
        """`daily_backup=False`: the caller takes it (the window, on a worker thread).
        `checked=True`: another Desk of this process opened the file and checked it whole (the
        window's worker thread), so this one does not read it all again."""
        super().__init__(Store(path, backups=backups and str(path) != ":memory:", checked=checked))
        if daily_backup:
            self.store.backups.daily()
        from .exporting import finish_interrupted_exports

        finish_interrupted_exports(self)

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> "Desk":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- reading -------------------------------------------------------------------------------

    def batches(self) -> list[dict[str, Any]]:
        return self.store.batches.list()

    def posts(self, *, batch: str | None = None, state: str | None = None) -> list[dict[str, Any]]:
        if batch is not None:
            self.batch(batch)
        return self.with_offsets(self.store.posts.rows(batch=batch,
                                                       states=None if state is None else [state]))

    def posts_out_of_step(self) -> list[str]:
        """Ids of posts whose stored row differs from the replay of their log (should be none)."""
        return [row["id"] for row in self.store.posts.rows()
                if post_values(self.post(row["id"])) != tuple(row[c] for c in POST_COLUMNS)]

    def view(self, post_id: str) -> PostView:
        """A post, its history (in time order, as `timeline`) and its hints, from one read of
        its log (showing a post read it three times: the post, the hints, the history)."""
        from .hints.collect import post_hints

        events = self.history(self.resolve_post_id(post_id))
        post = wf.fold(events)
        return PostView(post, in_time_order(events), post_hints(self, post.id, post))

    def hints(self, post_id: str, text: str | None = None):
        """Every hint for the post's current text: glossary, memory, language, checks, length.
        With `text`, for that text as if it were saved as a rewrite (the window checks what
        the reviewer is typing); the same as the current text, or empty, checks the current."""
        from .hints.collect import post_hints

        post = self.post(self.resolve_post_id(post_id))
        text = (text or "").strip()
        if not text or text == post.current_text.strip():
            return post_hints(self, post.id, post)
        unsaved = Revision(UNSAVED_REVISION, post.current_revision.number + 1, REWRITE, text,
                           "", utc_now())
        return post_hints(self, post.id, replace(post, revisions=[*post.revisions, unsaved]))

    # -- the review verbs (reviewing.py) --------------------------------------------------------

    def open_post(self, post_id: str, actor: Actor) -> PostState:
        return reviewing.open_post(self, post_id, actor)

    def rewrite(self, post_id: str, actor: Actor, text: str,
                back_translation: str | None = None) -> PostState:
        return reviewing.rewrite(self, post_id, actor, text, back_translation)

    def save_unfinished(self, post_id: str, actor: Actor, text: str,
                        back_translation: str | None = None) -> None:
        reviewing.save_unfinished(self, post_id, actor, text, back_translation)

    def unfinished(self, post_id: str, actor: Actor) -> dict[str, Any] | None:
        return reviewing.unfinished(self, post_id, actor)

    def discard_unfinished(self, post_id: str, actor: Actor) -> None:
        reviewing.discard_unfinished(self, post_id, actor)

    def annotate(self, post_id: str, actor: Actor, **span) -> PostState:
        return reviewing.annotate(self, post_id, actor, **span)

    def resolve_annotation(self, post_id: str, actor: Actor, annotation_id: str) -> PostState:
        return reviewing.resolve_annotation(self, post_id, actor, annotation_id)

    def delete_annotation(self, post_id: str, actor: Actor, annotation_id: str) -> PostState:
        return reviewing.delete_annotation(self, post_id, actor, annotation_id)

    def decide(self, post_id: str, actor: Actor, decision: str, reason: str | None = None, *,
               despite_findings: bool = False) -> PostState:
        return reviewing.decide(self, post_id, actor, decision, reason,
                                despite_findings=despite_findings)

    def blocking_findings(self, post_id: str) -> list:
        return reviewing.blocking_findings(self, post_id)

    def decide_many(self, post_ids: list[str], actor: Actor, decision: str,
                    reason: str | None = None) -> list[PostState]:
        return reviewing.decide_many(self, post_ids, actor, decision, reason)

    def assign(self, post_ids: list[str], actor: Actor, assignee: str | None) -> list[PostState]:
        return reviewing.assign(self, post_ids, actor, assignee)

    def split_batch(self, batch: str, reviewers: list[str] | str, actor: Actor):
        """Share the batch's open, unassigned posts between reviewers (assigning.SplitDone)."""
        from .assigning import split_batch

        return split_batch(self, batch, reviewers, actor)

    def dismiss_check(self, post_id: str, actor: Actor, check_key: str, reason: str) -> PostState:
        return reviewing.dismiss_check(self, post_id, actor, check_key, reason)

    def undo(self, post_id: str, actor: Actor, expected: str | None = None) -> UndoResult:
        return reviewing.undo(self, post_id, actor, expected)

    def redo(self, post_id: str, actor: Actor, undo_event_id: str) -> PostState:
        return reviewing.redo(self, post_id, actor, undo_event_id)

    # -- who works on this laptop -------------------------------------------------------------

    def profile(self) -> dict[str, Any] | None:
        """The reviewer's profile (name, role, languages, interface language), once set."""
        import json

        saved = self.store.settings.get("profile")
        return json.loads(saved) if saved else None

    def set_profile(self, name: str, role: str, languages: list[str], interface: str) -> dict[str, Any]:
        import json

        actor = check_actor(Actor(name, role))
        profile = {"name": actor.name, "role": actor.role, "languages": list(languages),
                   "interface": interface}
        with self.store.write():
            self.store.settings.set("profile", json.dumps(profile, ensure_ascii=False))
        return profile

    # -- import and export (in their own modules; here for one facade) -------------------------

    def make_work_package(self, batch: str, out: str | os.PathLike, actor: Actor,
                          reviewer: str | None = None, should_stop=None):
        from .exchange import make_work_package

        return make_work_package(self, batch, Path(out), actor, reviewer, should_stop)

    def make_results_package(self, batch: str, out: str | os.PathLike, actor: Actor):
        from .exchange import make_results_package

        return make_results_package(self, batch, Path(out), actor)

    def import_package(self, path: str | os.PathLike, should_stop=None):
        from .merge import import_package

        return import_package(self, Path(path), should_stop)

    def package_key(self) -> str:
        """This desk's key (its fingerprint), which signs the packages it makes."""
        from .exchange import desk_fingerprint

        return desk_fingerprint(self)

    def imported_packages(self, batch: str | None = None) -> list[dict[str, Any]]:
        """The packages imported here, oldest first, each with the fingerprint of its signer."""
        from .exchange import imported_packages

        return imported_packages(self, batch)

    def conflicts(self, batch: str | None = None) -> list[dict[str, Any]]:
        """Rows of the posts in conflict (merged work from two laptops that disagrees)."""
        from .exchange import conflict_posts

        return conflict_posts(self, batch)

    def post_conflict(self, post_id: str):
        from .exchange import post_conflict

        return post_conflict(self, post_id)

    def resolve_conflict(self, post_id: str, keep: str, actor: Actor) -> PostState:
        from .exchange import resolve_conflict

        return resolve_conflict(self, post_id, keep, actor)

    # -- sync with HQ's server (review/sync) ------------------------------------------------

    def sync(self, server: str | None = None, progress=None, should_stop=None):
        """Send this desk's new events to the server, receive the batches this login may see
        (the server saved at the last sync when `server` is None)."""
        from .sync import sync

        return sync(self, server, progress, should_stop)

    def sync_status(self):
        """The server, the last sync, how many events wait to be sent, automatic sync on/off."""
        from .sync import status

        return status(self)

    def set_automatic_sync(self, on: bool) -> bool:
        from .sync import set_automatic

        set_automatic(self, on)
        return on

    @staticmethod
    def server_admin():
        """HQ's commands on its server (init, add-office, grant, revoke, offices): no desk."""
        from .sync import admin

        return admin

    def import_batch(self, path: str | os.PathLike, **options):
        from .importing import import_batch_file

        return import_batch_file(self, Path(path), **options)

    def export(self, batch: str, fmt: str, out: str | os.PathLike, actor: Actor, again: bool = False,
               should_stop=None, platform: str | None = None, target_lang: str | None = None,
               with_media: bool = False):
        """`with_media`: the exported posts' pictures also go into OUT.media/ beside it."""
        from .exporting import export_approved

        return export_approved(self, batch, fmt, Path(out), actor, again=again,
                               should_stop=should_stop, platform=platform, target_lang=target_lang,
                               with_media=with_media)

    def verify_export(self, path: str | os.PathLike, manifest: str | os.PathLike | None = None):
        """Check an exported file against its manifest and this database's record of it."""
        from .formats.manifest import check_exported_file, read_manifest, manifest_path, verify_file

        path = Path(path)
        check_exported_file(path)
        manifest_file = Path(manifest) if manifest else manifest_path(path)
        export_id = str(read_manifest(manifest_file)["export_id"])
        exports = self.store.exports.list()
        record = next((r for r in exports if r["id"] == export_id), None)
        result = verify_file(path, manifest_file, record)
        if record is None and result.ok:
            _unknown_export(result, path, exports)
        return result

    def load_sample(self, actor: Actor | None = None) -> list[Any]:
        """The bundled sample batches (once per database), without the starter glossaries."""
        from .importing import import_sample

        return import_sample(self, actor or SAMPLE_ACTOR)

    def load_sample_and_glossaries(self, actor: Actor | None = None):
        """File > Load sample and `review-desk sample`: the sample batches and the starter
        glossaries, each once per database (importing.SampleLoaded)."""
        from .importing import load_sample

        return load_sample(self, actor or SAMPLE_ACTOR)

    def first_start(self):
        """What opening the window loads: the sample and the starter glossaries on a desk that
        holds no batch yet; nothing (None) on one that does (importing.first_start)."""
        from .importing import first_start

        return first_start(self, SAMPLE_ACTOR)

    # == Verbs added for the command line (review/cli), so it needs nothing but Desk ===========
    # Thin on purpose: each hands over to the module that does the work. They belong in the
    # managers (posts, glossaries and memory, reports, backups); move them there as they come.

    def post_row(self, post_id: str) -> dict[str, Any] | None:
        """The post's stored row (the projection `posts` lists), for `show`; `post_id` is an
        id as `resolve_post_id` returns it, as for `post`."""
        row = self.store.posts.row(post_id)
        return None if row is None else self.with_offsets([row])[0]

    def target_languages(self, batch: str) -> list[str]:
        """The target languages of the batch's posts, sorted (an export can take one)."""
        return sorted({row["target_lang"] for row in self.posts(batch=batch)})

    def batch_checks(self, batch: str):
        """Every post of the batch with its check results, post by post as they are made
        (hints.collect.batch_checks); the batch is looked up first, so a wrong name is refused."""
        from .hints.collect import batch_checks

        self.batch(batch)
        return batch_checks(self, batch)

    def glossaries(self) -> list[dict[str, Any]]:
        """The glossaries with their languages, sizes, starter flag and origin."""
        return self.store.glossaries.list()

    def import_glossary(self, path: str | os.PathLike, *, source: str | None = None,
                        target: str | None = None, name: str | None = None, should_stop=None,
                        encoding: str | None = None):
        from .termbases import import_glossary

        return import_glossary(self, Path(path), source=source, target=target, name=name,
                               should_stop=should_stop, encoding=encoding)

    def export_glossary(self, name: str, out: str | os.PathLike, fmt: str | None = None) -> int:
        from .termbases import export_glossary

        return export_glossary(self, name, Path(out), fmt)

    def import_memory(self, path: str | os.PathLike, should_stop=None):
        from .termbases import import_memory

        return import_memory(self, Path(path), should_stop)

    def export_memory(self, out: str | os.PathLike, source_lang: str | None = None,
                      target_lang: str | None = None) -> int:
        from .termbases import export_memory

        return export_memory(self, Path(out), source_lang, target_lang)

    def write_report(self, batch: str | None, out: str | os.PathLike, should_stop=None):
        """The HTML review report of one batch, or of every batch (None)."""
        from .report_html import write_report

        return write_report(self, batch, out, should_stop)

    def backup_now(self) -> Path | None:
        """A backup made now, on request (reason "manual"); returns its file (None on a desk
        opened without backups)."""
        return self.store.backups.take("manual")

    # -- the queue (queue.py) and the report's figures (report.py) ------------------------------

    def queue_rowids(self, queue_filter, sort: str = "batch", descending: bool = False) -> list[int]:
        """The row ids of the posts `queue_filter` lets through, in the queue's order."""
        from .queue import queue_rowids

        return queue_rowids(self, queue_filter, sort, descending)

    def queue_rows(self, rowids: list[int]) -> dict[int, dict[str, Any]]:
        from .queue import queue_rows

        return queue_rows(self, rowids)

    def queue_state_counts(self, queue_filter) -> dict[str, int]:
        """Posts per state under every filter but the state one (for the status bar)."""
        from .queue import state_counts

        return state_counts(self, queue_filter)

    def fill_problem_counts(self, limit: int = 500) -> int:
        """Count the open problems of up to `limit` posts that have no count yet (the queue's
        background work); how many were counted."""
        from .queue import fill_problem_counts

        return fill_problem_counts(self, limit)

    def report_figures(self, batch: str | None = None, should_stop=None):
        """The review report's figures (report.ReportData) of one batch, or of all (None)."""
        from .report import gather

        return gather(self, batch, should_stop)

    @staticmethod
    def default_package_name(batch: str, kind: str, who: str) -> str:
        from .exchange import default_package_name

        return default_package_name(batch, kind, who)

    # -- small reads for the window ------------------------------------------------------------

    @property
    def backups_enabled(self) -> bool:
        return self.store.backups_enabled

    def unfinished_posts(self, user: str) -> list[str]:
        """The posts where `user` left a rewrite not yet saved, oldest first."""
        return self.store.unfinished.posts(user)

    def language_pairs(self) -> list[tuple[str, str]]:
        """The distinct (source, target) language pairs of all posts, in order."""
        return [tuple(pair) for pair in self.store.posts.language_pairs()]

    def queue_rowid(self, post_id: str) -> int | None:
        """The post's place in the queue's order (its row id), None for an unknown post."""
        return self.store.posts.rowids([post_id]).get(post_id)

    def batch_state_counts(self, batch: str) -> dict[str, int]:
        return self.store.batches.state_counts(batch)

    @staticmethod
    def take_daily_backup(db_path: str | os.PathLike) -> Path | None:
        """The first backup of the day, with a read-only connection of its own (safe on
        another thread while the desk is in use); None when today's exists."""
        from .store import take_daily_backup

        return take_daily_backup(Path(db_path))

    @staticmethod
    def newest_intact_backup(db_path: str | os.PathLike):
        from .backups import newest_intact_backup

        return newest_intact_backup(Path(db_path))

    # Static: these work on a database file without opening it (it may be damaged or missing).

    @staticmethod
    def backups_of(db_path: str | os.PathLike) -> list:
        from .backups import backups_of

        return backups_of(db_path)

    @staticmethod
    def restore_backup(db_path: str | os.PathLike, number: int):
        from .backups import restore_backup

        return restore_backup(db_path, number)

    @staticmethod
    def verify_without_database(path: str | os.PathLike, manifest: str | os.PathLike | None = None):
        """Check an exported file against its manifest alone (on a computer without the
        database that made it)."""
        from .formats.manifest import verify_file

        return verify_file(Path(path), Path(manifest) if manifest else None)

    @staticmethod
    def damage_behind(db_path: str | os.PathLike, err: BaseException):
        """The DamagedDatabase refusal an unexpected error means, when it is a read that found
        the file damaged (where quick_check could not see it); None when it is not that."""
        from .store import damage_found, is_damage

        return damage_found(Path(db_path), err) if is_damage(err) else None

    @staticmethod
    def is_new_database(path: str | os.PathLike, named: bool) -> bool:
        """Whether opening `path` makes a new database; refused (InvalidInput) when a person
        named it (--db, $REVIEW_DESK_DB) in a folder that does not exist: a mistyped folder
        made an empty database silently (the default app-data folder is made as needed)."""
        from .errors import InvalidInput
        from .texts import said

        path = Path(path)
        new = str(path) != ":memory:" and not path.exists() and not path.is_symlink()
        if new and named and not path.parent.is_dir():
            raise InvalidInput(said("db-folder-missing", path=path, folder=path.parent))
        return new

    @staticmethod
    def what_file_needs(error: BaseException):
        """What a refused batch file needs a person to say (its encoding, the order of day and
        month in its dates): formats.hq_files.FileNeeds, all False for any other refusal."""
        from .formats.hq_files import FileNeeds, file_needs

        return file_needs(error.problems) if hasattr(error, "problems") else FileNeeds()

    @staticmethod
    def default_user() -> str:
        """Who acts when nobody is named: $REVIEW_DESK_USER, else the login name."""
        from .importing import default_user

        return default_user()



SAMPLE_ACTOR = Actor("Review Desk", COORDINATOR)  # who imports the bundled sample


def _unknown_export(result, path: Path, exports: list[dict[str, Any]]) -> None:
    """A manifest naming an export this database never made, for a file name it did export
    to: the file and its manifest were replaced together, unless the file is one it exported."""
    same_name = [r for r in exports if Path(r["file_name"]).name == path.name]
    if not same_name or result.sha256 in {r["sha256"] for r in same_name}:
        return
    latest = same_name[-1]
    result.differences.append(
        f"the database never made export {result.export_id}; its exports to {path.name} "
        f"(latest {latest['id']} on {latest['at']}) had other contents")
