"""Check findings and the domain's messages in the interface's language.

The domain writes each finding's message in English (the command line prints it) and also
says what it is made of: a template name and its values (`CheckResult.template`, `.params`).
Here each template is a translatable string; a finding without a known template, or whose
values do not fit, is shown in the domain's English words rather than not at all. Errors and
import problems work the same way: their messages are `review.texts.Said` strings.
"""
from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from review.errors import ImportFailed, Problem, ReviewError
from review.hints import CheckResult
from review.languages import primary
from review.texts import MESSAGES, Joined, Said, message_of

_KEEP = "keep it, or note why it was dropped."
TEMPLATES = {
    "empty": QT_TRANSLATE_NOOP("Checks", "The text is empty: write the post."),
    "placeholders": QT_TRANSLATE_NOOP(
        "Checks", "The inline codes differ from HQ's file (missing: {missing}; added: {added}; "
        "repeated: {duplicated}): keep each code once, so the CAT tool gets its formatting back."),
    "length": QT_TRANSLATE_NOOP(
        "Checks", "Too long for {platform}: {count} of {limit} characters. Shorten it by {over}."),
    "length-x": QT_TRANSLATE_NOOP(
        "Checks", "Too long for X: {count} of {limit} characters (X counts CJK characters and "
                  "emoji 2 and every link 23). Shorten it by {over}."),
    "same-as-source": QT_TRANSLATE_NOOP(
        "Checks", "The text is the same as the source: it has not been translated."),
    "leading-trailing-whitespace": QT_TRANSLATE_NOOP(
        "Checks", "The text starts or ends with spaces or blank lines: remove them."),
    "hashtag-missing": QT_TRANSLATE_NOOP(
        "Checks", "The hashtag {item} from {origin} is missing: keep it, or note why it was dropped."),
    "mention-missing": QT_TRANSLATE_NOOP(
        "Checks", "The @mention {item} from {origin} is missing: keep it, or note why it was dropped."),
    "url-missing": QT_TRANSLATE_NOOP(
        "Checks", "The link {item} from {origin} is missing: keep it, or note why it was dropped."),
    "number-missing": QT_TRANSLATE_NOOP(
        "Checks", "The number {item} from {origin} is missing: keep it, or note why it was dropped."),
    "emoji-missing": QT_TRANSLATE_NOOP(
        "Checks", "The emoji {item} from {origin} is missing: keep it, or note why it was dropped."),
    "tt-emails": QT_TRANSLATE_NOOP(
        "Checks", "An e-mail address differs from the source: copy it exactly. ({detail})"),
    "tt-printf": QT_TRANSLATE_NOOP(
        "Checks", "A placeholder such as %s or %d differs from the source. ({detail})"),
    "tt-pythonbraceformat": QT_TRANSLATE_NOOP(
        "Checks", "A placeholder such as {{name}} differs from the source: keep it exactly, "
                  "untranslated. ({detail})"),
    "tt-brackets": QT_TRANSLATE_NOOP("Checks", "The brackets do not match the source. ({detail})"),
    "tt-doublespacing": QT_TRANSLATE_NOOP("Checks", "Double spaces differ from the source. ({detail})"),
    "tt-newlines": QT_TRANSLATE_NOOP("Checks", "The line breaks differ from the source. ({detail})"),
    "tt-endpunc": QT_TRANSLATE_NOOP(
        "Checks", "The punctuation at the end differs from the source. ({detail})"),
    "time-missing": QT_TRANSLATE_NOOP(
        "Checks", "The time {item} from {origin} is missing: keep it, or note why it was dropped."),
    "number-conversion": QT_TRANSLATE_NOOP(
        "Checks", "{item} = {value}, but the {which} says {found}: check the conversion."),
    "number-format": QT_TRANSLATE_NOOP(
        "Checks", "{target} writes {expected} ({mark}): the {which} says {found}."),
    "date-missing": QT_TRANSLATE_NOOP(
        "Checks", "The date {item} from the source ({expected}) is missing: keep it, or note why it "
                  "was dropped."),
    "untranslated-same": QT_TRANSLATE_NOOP(
        "Checks", "The {which} is the source text unchanged: translate it into {target}."),
    "untranslated": QT_TRANSLATE_NOOP(
        "Checks", "The {which} is still in {found}, the source language: translate it into {target}."),
    "wrong-language": QT_TRANSLATE_NOOP(
        "Checks", "The {which} looks like {found} ({confidence} sure), but this post is for "
                  "{target} readers."),
    "term-missing": QT_TRANSLATE_NOOP(
        "Checks", "'{term}' in the source: the glossary says '{expected}', but the text does not use it."),
    "term-missing-dnt": QT_TRANSLATE_NOOP(
        "Checks", "'{term}' in the source: keep the name as it is, but the text does not use it."),
    "forbidden-term": QT_TRANSLATE_NOOP(
        "Checks", "'{text}' is a {status} rendering; say '{preferred}'."),
    "forbidden-term-plain": QT_TRANSLATE_NOOP("Checks", "'{text}' is a {status} rendering."),
}
WORDS = {
    ("origin", "source"): QT_TRANSLATE_NOOP("Checks", "the source"),
    ("origin", "draft"): QT_TRANSLATE_NOOP("Checks", "HQ's draft"),
    ("which", "draft"): QT_TRANSLATE_NOOP("Checks", "draft"),
    ("which", "rewrite"): QT_TRANSLATE_NOOP("Checks", "rewrite"),
    ("status", "forbidden"): QT_TRANSLATE_NOOP("Checks", "forbidden"),
    ("status", "deprecated"): QT_TRANSLATE_NOOP("Checks", "deprecated"),
    ("mark", "decimal comma"): QT_TRANSLATE_NOOP("Checks", "decimal comma"),
    ("mark", "decimal point"): QT_TRANSLATE_NOOP("Checks", "decimal point"),
}
LANGUAGE_NAMES = {
    "en": QT_TRANSLATE_NOOP("HintsPanel", "English"), "zh": QT_TRANSLATE_NOOP("HintsPanel", "Chinese"),
    "sn": QT_TRANSLATE_NOOP("HintsPanel", "Shona"), "nd": QT_TRANSLATE_NOOP("HintsPanel", "Ndebele"),
    "zu": QT_TRANSLATE_NOOP("HintsPanel", "Zulu"), "sw": QT_TRANSLATE_NOOP("HintsPanel", "Swahili"),
    "nd/zu": QT_TRANSLATE_NOOP("HintsPanel", "Ndebele (or Zulu)"),
    "fr": QT_TRANSLATE_NOOP("HintsPanel", "French"), "de": QT_TRANSLATE_NOOP("HintsPanel", "German"),
    "ja": QT_TRANSLATE_NOOP("HintsPanel", "Japanese"), "ko": QT_TRANSLATE_NOOP("HintsPanel", "Korean"),
    "pt": QT_TRANSLATE_NOOP("HintsPanel", "Portuguese"), "es": QT_TRANSLATE_NOOP("HintsPanel", "Spanish"),
}


def language_name(tag: str) -> str:
    code = primary(tag) if tag else ""
    name = LANGUAGE_NAMES.get(code)
    return QCoreApplication.translate("HintsPanel", name) if name else (code or "?")


def check_text(result: CheckResult) -> str:
    """The finding's message in the interface's language (the domain's English as fallback)."""
    template = TEMPLATES.get(result.template or result.id)
    translated = QCoreApplication.translate("Checks", template) if template else None
    if translated is None or translated == template:
        return result.message  # English interface (or no translation): the domain's own words
    values = {name: _word(name, value) for name, value in result.params}
    try:
        text = translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return result.message
    note = values.get("note")
    return f"{text} ({note})" if note else text  # a glossary's cultural note: its own words


def _word(name: str, value: object) -> object:
    if (name, value) in WORDS:
        return QCoreApplication.translate("Checks", WORDS[(name, value)])
    if name in ("found", "target"):
        return language_name(str(value))
    if name == "confidence":
        return f"{float(value):.0%}"
    return value


# Words the domain puts into its messages as values.
MESSAGE_WORDS = {
    ("what", "the import"): QT_TRANSLATE_NOOP("Messages", "the import"),
    ("what", "the export"): QT_TRANSLATE_NOOP("Messages", "the export"),
    ("what", "the glossary import"): QT_TRANSLATE_NOOP("Messages", "the glossary import"),
    ("what", "the memory import"): QT_TRANSLATE_NOOP("Messages", "the memory import"),
    ("what", "category"): QT_TRANSLATE_NOOP("Messages", "category"),
    ("what", "severity"): QT_TRANSLATE_NOOP("Messages", "severity"),
    # what a refused action was (workflow.ALLOWED_FROM), for "cannot {action} post …"
    ("action", "open"): QT_TRANSLATE_NOOP("Messages", "open"),
    ("action", "rewrite"): QT_TRANSLATE_NOOP("Messages", "rewrite"),
    ("action", "gloss"): QT_TRANSLATE_NOOP("Messages", "gloss"),
    ("action", "annotate"): QT_TRANSLATE_NOOP("Messages", "annotate"),
    ("action", "resolve-annotation"): QT_TRANSLATE_NOOP("Messages", "resolve-annotation"),
    ("action", "delete-annotation"): QT_TRANSLATE_NOOP("Messages", "delete-annotation"),
    ("action", "approve"): QT_TRANSLATE_NOOP("Messages", "approve"),
    ("action", "reject"): QT_TRANSLATE_NOOP("Messages", "reject"),
    ("action", "request-changes"): QT_TRANSLATE_NOOP("Messages", "request-changes"),
    ("action", "reopen"): QT_TRANSLATE_NOOP("Messages", "reopen"),
    ("action", "signoff"): QT_TRANSLATE_NOOP("Messages", "signoff"),
    ("action", "export"): QT_TRANSLATE_NOOP("Messages", "export"),
    ("action", "dismiss-check"): QT_TRANSLATE_NOOP("Messages", "dismiss-check"),
    ("action", "assign"): QT_TRANSLATE_NOOP("Messages", "assign"),
    ("action", "resolve"): QT_TRANSLATE_NOOP("Messages", "resolve"),
    # a post's state as messages name it (workflow.state_words)
    ("state", "pending"): QT_TRANSLATE_NOOP("Messages", "pending"),
    ("state", "in review"): QT_TRANSLATE_NOOP("Messages", "in review"),
    ("state", "approved"): QT_TRANSLATE_NOOP("Messages", "approved"),
    ("state", "awaiting signoff"): QT_TRANSLATE_NOOP("Messages", "awaiting signoff"),
    ("state", "changes requested"): QT_TRANSLATE_NOOP("Messages", "changes requested"),
    ("state", "rejected"): QT_TRANSLATE_NOOP("Messages", "rejected"),
    ("state", "exported"): QT_TRANSLATE_NOOP("Messages", "exported"),
    ("state", "in conflict"): QT_TRANSLATE_NOOP("Messages", "in conflict"),
    ("role", "reviewer"): QT_TRANSLATE_NOOP("Messages", "reviewer"),
    ("role", "coordinator"): QT_TRANSLATE_NOOP("Messages", "coordinator"),
    ("side", "source"): QT_TRANSLATE_NOOP("Messages", "source"),
    ("side", "target"): QT_TRANSLATE_NOOP("Messages", "target"),
    ("column", "a note"): QT_TRANSLATE_NOOP("Messages", "a note"),
}


def said_text(text: str) -> str:
    """A domain message (`review.texts.Said`) in the interface's language; any other text, or a
    translation whose placeholders do not fit the values, stays in the domain's English words."""
    if not isinstance(text, Said):
        return str(text)
    translated = QCoreApplication.translate("Messages", MESSAGES[text.name])
    values = {name: _message_value(name, value) for name, value in text.values.items()}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return str(text)


def _message_value(name: str, value: object) -> object:
    """A value in the interface's language: a word of MESSAGE_WORDS, a message inside the
    message (a language code's problem inside "xml:lang …", the hint of a workflow refusal),
    or several of them (a bulk action's refusals); anything else as it is."""
    if isinstance(value, Said):
        return said_text(value)
    if isinstance(value, Joined):
        return value.separator.join(str(_message_value(name, part)) for part in value.parts)
    if (name, value) in MESSAGE_WORDS:
        return QCoreApplication.translate("Messages", MESSAGE_WORDS[(name, value)])
    return value


def problem_text(problem: Problem) -> str:
    """`FILE:LINE: column: what`, the what in the interface's language."""
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    what = said_text(problem.message)
    return f"{where}: {problem.column}: {what}" if problem.column else f"{where}: {what}"


def error_lines(err: BaseException) -> list[str]:
    """What an error says, one line per problem, in the interface's language."""
    if isinstance(err, ImportFailed):
        return [problem_text(p) for p in err.problems] + [said_text(err.end)]
    if isinstance(err, ReviewError):
        return said_text(message_of(err)).splitlines()
    return [f"{type(err).__name__}: {err}"]


def error_text(err: BaseException) -> str:
    if isinstance(err, ImportFailed):
        return "\n".join([said_text(err.head)] + error_lines(err)[:-1])
    return "\n".join(error_lines(err))
