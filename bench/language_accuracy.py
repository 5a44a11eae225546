"""Accuracy, speed and memory of language detection on the labelled short texts.

    .venv/bin/python bench/language_accuracy.py [--truncate N]

`--truncate N` cuts every text to its first N characters (harder: posts are often short).

Each detector is measured in a fresh interpreter (so first-load time and peak memory are its
own): langdetect alone, lingua alone (the restricted, low-accuracy detector the app builds),
the combined rule of review.hints.language.detect, and, for comparison, lingua in
high-accuracy mode with the same languages. Peak RSS is resource.getrusage's ru_maxrss.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "language"
MODES = ("langdetect", "lingua", "combined", "lingua-high")


def labelled_texts(truncate: int | None = None) -> dict[str, list[str]]:
    return {path.stem: [line[:truncate] for line in path.read_text(encoding="utf-8").splitlines()
                        if line and not line.startswith("#")]
            for path in sorted(DATA.glob("*.txt"))}


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _detector(mode: str):
    from review.hints import language

    if mode == "langdetect":
        return language.detect_with_langdetect
    if mode == "lingua":
        return language.detect_with_lingua
    if mode == "combined":
        return language.detect
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in language.LINGUA_LANGUAGES]
    built = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models()
    detector = built.build()

    def high(text: str):
        best = detector.compute_language_confidence_values(text)[0]
        return language.Detection(best.language.iso_code_639_1.name.lower(), best.value, "lingua")
    return high


def measure(mode: str, truncate: int | None) -> dict:
    """Run in a fresh interpreter: everything one detector costs and gets right."""
    sys.path.insert(0, str(ROOT))
    from review.hints.language import same_language

    baseline = _peak_rss_mb()
    started = time.perf_counter()
    detect = _detector(mode)
    texts = labelled_texts(truncate)
    detect(texts["sn"][0])  # Shona needs both detectors: the slowest first detection
    first = time.perf_counter() - started
    timings, accuracy = [], {}
    for lang, items in texts.items():
        right = 0
        for text in items:
            t0 = time.perf_counter()
            found = detect(text)
            timings.append(time.perf_counter() - t0)
            right += same_language(lang, found.lang)
        accuracy[lang] = right / len(items)
    return {"mode": mode, "accuracy": accuracy, "first_s": first,
            "mean_ms": 1000 * statistics.fmean(timings),
            "p95_ms": 1000 * statistics.quantiles(timings, n=20)[-1],
            "baseline_mb": baseline, "peak_mb": _peak_rss_mb(), "texts": len(timings)}


def main(truncate: int | None) -> None:
    rows = []
    for mode in MODES:
        extra = ["--truncate", str(truncate)] if truncate else []
        done = subprocess.run([sys.executable, __file__, "--measure", mode, *extra], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout))
    langs = sorted(rows[0]["accuracy"])
    counts = {lang: len(items) for lang, items in labelled_texts().items()}
    cut = f", cut to {truncate} chars" if truncate else ""
    print(f"accuracy on short texts (20-280 chars{cut}); texts per language: "
          + ", ".join(f"{lang} {counts[lang]}" for lang in langs))
    print(f"{'detector':<12}" + "".join(f"{lang:>7}" for lang in langs) + f"{'min':>7}")
    for row in rows:
        acc = row["accuracy"]
        print(f"{row['mode']:<12}" + "".join(f"{acc[lang]:>7.1%}" for lang in langs)
              + f"{min(acc.values()):>7.1%}")
    print()
    print(f"{'detector':<12}{'first detection':>16}{'mean ms/text':>14}{'p95 ms':>8}"
          f"{'peak RSS MB':>13}{'of which detection':>20}")
    for row in rows:
        print(f"{row['mode']:<12}{row['first_s']:>15.2f}s{row['mean_ms']:>14.2f}"
              f"{row['p95_ms']:>8.2f}{row['peak_mb']:>13.0f}"
              f"{row['peak_mb'] - row['baseline_mb']:>20.0f}")


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--truncate", type=int, help="cut texts to N characters")
    arguments.add_argument("--measure", choices=MODES, help=argparse.SUPPRESS)
    options = arguments.parse_args()
    if options.measure:
        print(json.dumps(measure(options.measure, options.truncate)))
    else:
        main(options.truncate)
