"""Language tags: the small part of BCP 47 that batch files use, normalised by hand.

Accepted: a 2-3 letter language, then optionally a 4-letter script, a region (2 letters or
3 digits) and variants (5-8 letters/digits, or a digit and 3 letters/digits), separated by
"-" or "_". Extensions ("-u-...") and private use ("x-...") are refused: no batch needs them
and a stricter rule catches more typing mistakes. Case follows the BCP 47 conventions:
language lower, script Title, region UPPER, variants lower.
"""
from __future__ import annotations

import re

from .texts import message_of, said

_LANGUAGE = re.compile(r"[a-z]{2,3}")
_SCRIPT = re.compile(r"[a-z]{4}")
_REGION = re.compile(r"[a-z]{2}|[0-9]{3}")
_VARIANT = re.compile(r"[a-z0-9]{5,8}|[0-9][a-z0-9]{3}")
_MAX_LENGTH = 64  # far above any real tag; keeps error messages short


def primary(tag: str) -> str:
    """"zh-CN" -> "zh": the language without script or region; glossaries, memory units and
    posts of one language pair are matched on this."""
    return tag.split("-")[0].lower()


def normalise_language(tag: str) -> str:
    """Return `tag` in canonical case with "-" separators, or raise ValueError saying why.

    >>> normalise_language("zh_cn"), normalise_language("zh-hans"), normalise_language("EN")
    ('zh-CN', 'zh-Hans', 'en')
    """
    if not isinstance(tag, str) or not tag.strip():
        raise ValueError(said("no-language"))
    text = tag.strip()
    if len(text) > _MAX_LENGTH or not text.isascii():
        raise ValueError(said("bad-language", text=_short(text)))
    subtags = text.lower().replace("_", "-").split("-")
    result = _parse(subtags)
    if result is None:
        raise ValueError(said("bad-language", text=text))
    return result


def given_language(tag: str | None, option: str) -> str | None:
    """A language a person gave with `option` (`--target-lang`), normalised; None when not
    given; InvalidInput naming the option when it is no language code."""
    if tag is None:
        return None
    try:
        return normalise_language(tag)
    except ValueError as err:
        from .errors import InvalidInput

        raise InvalidInput(said("language-option", option=option, problem=message_of(err))) from None


def _parse(subtags: list[str]) -> str | None:
    """Canonical tag from lower-case subtags, or None when they do not follow the grammar."""
    if not _LANGUAGE.fullmatch(subtags[0]):
        return None
    out = [subtags[0]]
    rest = subtags[1:]
    if rest and _SCRIPT.fullmatch(rest[0]):
        out.append(rest.pop(0).title())
    if rest and _REGION.fullmatch(rest[0]):
        out.append(rest.pop(0).upper())
    for variant in rest:
        if not _VARIANT.fullmatch(variant):
            return None
        out.append(variant)
    return "-".join(out)


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "..."
