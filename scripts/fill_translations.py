"""Fill unfinished entries of the Chinese .ts from a Python file holding a dict ZH = {source: text},
or from another .ts file (after merging two branches that both added strings).

Usage: .venv/bin/python scripts/fill_translations.py TRANSLATIONS.py|OTHER.ts
Then run scripts/update_translations.sh to compile the .qm. Entries already translated are kept.
"""
import runpy
import sys
from pathlib import Path

from lxml import etree

TS = Path(__file__).resolve().parent.parent / "resources/i18n/review_desk_zh_CN.ts"


def main(path: str) -> int:
    wanted = _from_ts(path) if path.endswith(".ts") else runpy.run_path(path)["ZH"]
    tree = etree.parse(str(TS))
    filled = missing = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation.get("type") != "unfinished":
            continue
        text = wanted.get(message.findtext("source"))
        if text is None:
            missing += 1
            continue
        if message.get("numerus") == "yes":  # Chinese has one plural form
            forms = translation.findall("numerusform") or [etree.SubElement(translation, "numerusform")]
            forms[0].text = text[0] if isinstance(text, list) else text
        else:
            translation.text = text
        del translation.attrib["type"]
        filled += 1
    tree.write(str(TS), encoding="utf-8", xml_declaration=True, doctype="<!DOCTYPE TS>")
    print(f"filled {filled}, still unfinished {missing}")
    return 0 if missing == 0 else 1


def _from_ts(path: str) -> dict[str, str]:
    found = {}
    for message in etree.parse(path).iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") is not None:
            continue
        forms = [f.text for f in translation.findall("numerusform") if f.text]
        if forms or translation.text:
            found[message.findtext("source")] = forms or translation.text
    return found


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
