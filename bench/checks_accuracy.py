"""False alarms and misses of every check on the labelled set (tests/data/checks). On demand:

    .venv/bin/python bench/checks_accuracy.py [--errors] [--json FILE]

Each pair of the set (a source, HQ's draft and maybe a reviewer's rewrite) says which checks
its text should raise; every other check should stay quiet. Every check runs as a post's hints
run it (`review.hints.collect.text_checks`: the checks, language detection and the glossary,
with the starter glossaries and the set's own small French, German and Portuguese ones). For
each check: how many pairs should pass and on how many it raised a false alarm; how many
should be caught and how many it missed (a catch whose message does not say what the pair's
`says` asks for is a miss). Prints a Markdown table; `--errors` lists the pairs behind each
figure. tests/hints/test_labelled_checks.py holds every check to the limits below.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from review.formats.glossary_files import read_glossary  # noqa: E402
from review.hints import CheckResult  # noqa: E402
from review.hints.checks import CHECK_IDS  # noqa: E402
from review.hints.collect import text_checks  # noqa: E402
from review.hints.glossary import CompiledGlossary  # noqa: E402
from review.paths import data_dir  # noqa: E402

DATA = ROOT / "tests" / "data" / "checks"
MAX_FALSE_ALARMS = 0.02  # of the pairs that should pass, per check
MAX_MISSES = 0.05  # of the pairs that should be caught, per check
OTHER_IDS = ("untranslated", "wrong-language", "term-missing", "forbidden-term")


@dataclass(frozen=True)
class Pair:
    id: str
    group: str
    source_lang: str
    target_lang: str
    platform: str
    source: str
    draft: str
    rewrite: str | None
    raises: frozenset[str]
    says: dict[str, list[str]]


@dataclass
class Tally:
    should_pass: int = 0
    false_alarms: list[str] = field(default_factory=list)
    should_catch: int = 0
    misses: list[str] = field(default_factory=list)

    def rate(self, kind: str) -> float:
        wrong, total = ((len(self.false_alarms), self.should_pass) if kind == "false alarms"
                        else (len(self.misses), self.should_catch))
        return wrong / total if total else 0.0


def load_pairs() -> list[Pair]:
    pairs = []
    for path in sorted(DATA.glob("*.json")):
        group = json.loads(path.read_text(encoding="utf-8"))
        for raw in group["pairs"]:
            source_lang, target_lang = raw["langs"].split(">")
            pairs.append(Pair(raw["id"], group["group"], source_lang, target_lang, raw["platform"],
                              raw["source"], raw["draft"], raw.get("rewrite"),
                              frozenset(raw["raises"]), raw.get("says", {})))
    return pairs


def glossary_entries() -> list[tuple[str, str, object]]:
    """The starter glossaries and the labelled set's own, as (source, target, entry)."""
    files = sorted(data_dir("glossaries").glob("*.csv")) + sorted((DATA / "glossaries").glob("*.csv"))
    entries = []
    for path in files:
        source, target = path.name.split(".")[0].split("_")
        entries += [(source, target, e) for e in read_glossary(path, source, target).entries]
    return entries


def findings(pair: Pair, glossaries: dict, entries: list) -> list[CheckResult]:
    key = (pair.source_lang, pair.target_lang)
    if key not in glossaries:
        glossaries[key] = CompiledGlossary(entries, *key)
    text = pair.rewrite if pair.rewrite is not None else pair.draft
    return text_checks(pair.source, text, source_lang=pair.source_lang,
                       target_lang=pair.target_lang, platform=pair.platform,
                       glossary=glossaries[key],
                       draft_text=pair.draft if pair.rewrite is not None else None)[1]


def measured_ids(pairs: list[Pair]) -> list[str]:
    """Every check the program has, and any a label names that it does not (yet) have."""
    ids = list(dict.fromkeys((*CHECK_IDS, *OTHER_IDS)))
    return ids + sorted({i for p in pairs for i in p.raises} - set(ids))


def measure(pairs: list[Pair]) -> dict[str, Tally]:
    entries, glossaries = glossary_entries(), {}
    tallies = {check_id: Tally() for check_id in measured_ids(pairs)}
    for pair in pairs:
        results = findings(pair, glossaries, entries)
        for check_id, tally in tallies.items():
            messages = [r.message for r in results if r.id == check_id]
            if check_id in pair.raises:
                tally.should_catch += 1
                wanted = pair.says.get(check_id, [])
                if not messages or not all(any(w in m for m in messages) for w in wanted):
                    tally.misses.append(pair.id)
            else:
                tally.should_pass += 1
                if messages:
                    tally.false_alarms.append(pair.id)
    return tallies


def table(tallies: dict[str, Tally], pairs: int) -> str:
    lines = [f"{pairs} pairs. False alarms: of the pairs that should pass; misses: of the pairs "
             "that should be caught.", "",
             "| check | false alarms | misses |", "|---|---|---|"]
    for check_id, t in tallies.items():
        caught = (f"{len(t.misses)} of {t.should_catch} ({t.rate('misses'):.1%})"
                  if t.should_catch else "(none to catch)")
        lines.append(f"| `{check_id}` | {len(t.false_alarms)} of {t.should_pass} "
                     f"({t.rate('false alarms'):.1%}) | {caught} |")
    return "\n".join(lines)


def over_the_limits(tallies: dict[str, Tally]) -> list[str]:
    """The checks past a limit, each with its figure and the pairs behind it."""
    return [f"{check_id}: {kind} {t.rate(kind):.1%} ({', '.join(wrong)})"
            for check_id, t in tallies.items()
            for kind, limit, wrong in (("false alarms", MAX_FALSE_ALARMS, t.false_alarms),
                                       ("misses", MAX_MISSES, t.misses))
            if t.rate(kind) > limit]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the pairs behind each figure")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    pairs = load_pairs()
    tallies = measure(pairs)
    print(table(tallies, len(pairs)))
    if args.errors:
        for check_id, t in tallies.items():
            if t.false_alarms or t.misses:
                print(f"\n{check_id}: false alarms {t.false_alarms}; misses {t.misses}")
    if args.json:
        args.json.write_text(json.dumps(
            {i: {"should_pass": t.should_pass, "false_alarms": t.false_alarms,
                 "should_catch": t.should_catch, "misses": t.misses} for i, t in tallies.items()},
            indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
