"""The words a memory unit is indexed under: used by the store (which keeps the index) and by
the memory lookup (which queries it), so neither imports the other (the store once imported
the lookup's module, and with it rapidfuzz, at every start)."""
from __future__ import annotations

import re

from .languages import primary

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_CJK_RUN = re.compile(f"[{CJK}]+")
_WORD = re.compile(rf"[^\W{CJK}]+")  # letters and digits of non-CJK scripts


def pair_prefix(source_lang: str, target_lang: str) -> str:
    """Prefixed to every indexed token, so a lookup only ever reads its own pair's postings
    (ANDing a token with a pair token cost 6x more). Language codes hold no digits, so the
    zeros keep prefixes unambiguous, and the tokenizer keeps letters, digits and CJK together.
    The pair is by primary subtag, as `hints.sources.hint_sources` names it (what a work
    package carries)."""
    return f"{primary(source_lang)}0{primary(target_lang)}0"


def text_tokens(text: str) -> list[str]:
    """Words (lower-cased) and CJK bigrams of `text`, in order of appearance."""
    tokens = [w.lower() for w in _WORD.findall(text)]
    for run in _CJK_RUN.findall(text):
        tokens.extend(run[i:i + 2] for i in range(max(len(run) - 1, 1)))
    return tokens


def index_tokens(source_lang: str, target_lang: str, source_text: str) -> str:
    prefix = pair_prefix(source_lang, target_lang)
    return " ".join(prefix + token for token in text_tokens(source_text))
