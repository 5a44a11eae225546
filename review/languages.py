"""Language tags (BCP 47), checked and standardised by `langcodes`.

langcodes knows the IANA subtag registry and CLDR's replacements, which a hand-written grammar
did not: deprecated codes become their standard ones (iw -> he, in -> id, ji -> yi, tl -> fil,
mo -> ro; three-letter codes with a two-letter one, eng -> en), grandfathered tags their
replacement (i-klingon -> tlh, zh-min-nan -> nan), private-use tags (x-..., qaa-qtz) are
accepted, and a well-formed tag that names no language (xx, en-abcdefgh) is refused. Case
follows the BCP 47 conventions: language lower, script Title, region UPPER, variants lower;
"_" is read as "-". So `in` from one file and `id` from another meet as one language.
"""
from __future__ import annotations

import functools

from .texts import message_of, said

_MAX_LENGTH = 64  # far above any real tag; keeps error messages short


def primary(tag: str) -> str:
    """"zh-CN" -> "zh": the language without script or region; glossaries, memory units and
    posts of one language pair are matched on this."""
    return tag.split("-")[0].lower()


def normalise_language(tag: str) -> str:
    """Return `tag` standardised, or raise ValueError saying why.

    >>> normalise_language("zh_cn"), normalise_language("zh-hans"), normalise_language("iw")
    ('zh-CN', 'zh-Hans', 'he')
    """
    if not isinstance(tag, str) or not tag.strip():
        raise ValueError(said("no-language"))
    text = tag.strip()
    if len(text) > _MAX_LENGTH or not text.isascii() or any(c.isspace() for c in text):
        raise ValueError(said("bad-language", text=_short(text)))
    standard = _standard(text.replace("_", "-"))
    if standard is None:
        raise ValueError(said("bad-language", text=text))
    return standard


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


@functools.lru_cache(maxsize=1024)  # a batch uses a handful of tags, 100,000 times over
def _standard(text: str) -> str | None:
    import langcodes  # its registry loads in ~0.1 s: only when a tag is read

    try:
        standard = langcodes.standardize_tag(text)
    except (ValueError, langcodes.tag_parser.LanguageTagError):
        return None
    return standard if langcodes.tag_is_valid(standard) else None


def is_standard(tag: str) -> bool:
    """Whether `tag` is a language tag as an import stores it. A tag stored before tags were
    standardised (`iw`, `eng`) still counts: it names a language, and an older laptop's
    events carry it."""
    try:
        return normalise_language(tag) == tag or _standard(tag) is not None
    except ValueError:
        return False


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "..."
