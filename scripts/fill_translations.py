"""Fill unfinished entries of the Chinese .ts from a Python file holding a dict ZH = {source: text},
or from another .ts file (after merging two branches that both added strings).

Usage: .venv/bin/python scripts/fill_translations.py TRANSLATIONS.py|OTHER.ts [--en]
`--en` fills the English plural forms (review_desk_en.ts) from a dict EN = {source: [one, many]}.
Then run scripts/update_translations.sh to compile the .qm. Entries already translated are kept.
"""
import runpy
import sys
from pathlib import Path

from lxml import etree

I18N = Path(__file__).resolve().parent.parent / "resources/i18n"
TS = I18N / "review_desk_zh_CN.ts"


def main(path: str, english: bool = False) -> int:
    ts = I18N / "review_desk_en.ts" if english else TS
    wanted = _from_ts(path) if path.endswith(".ts") else runpy.run_path(path)["EN" if english else "ZH"]
    tree = etree.parse(str(ts))
    filled = missing = 0
    for message in tree.iter("message"):
        translation = message.find("translation")
        if translation.get("type") != "unfinished":
            continue
        text = wanted.get(message.findtext("source"))
        if text is None:
            missing += 1
            continue
        if message.get("numerus") == "yes":  # Chinese has one plural form, English two
            texts = text if isinstance(text, list) else [text]
            forms = translation.findall("numerusform")
            while len(forms) < len(texts):
                forms.append(etree.SubElement(translation, "numerusform"))
            for form, value in zip(forms, texts):
                form.text = value
        else:
            translation.text = text
        del translation.attrib["type"]
        filled += 1
    tree.write(str(ts), encoding="utf-8", xml_declaration=True, doctype="<!DOCTYPE TS>")
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
    sys.exit(main(sys.argv[1], english="--en" in sys.argv[2:]))
