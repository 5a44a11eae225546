"""The marker Qt's lupdate looks for: it collects the domain's message templates from these
files into the translation sources, while the domain itself never loads Qt."""
from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text
