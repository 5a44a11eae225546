"""XLIFF exports that fill HQ's kept document, against the document Review Desk builds (not
part of the tests; README "XLIFF batches" quotes a run).

    .venv/bin/python bench/xliff_documents.py [--units 10000] [--runs 3]

For a generated XLIFF 1.2 and 2.0 file of N units (a target each, an inline code in every
tenth) and OpenXLIFF's 29-file document: the bytes the import keeps (zlib) and what keeping
costs, the export's time filled and built (the same desk with its kept copy removed), median
of `--runs`, and each step's peak memory (a child process each, ru_maxrss).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from review import Desk  # noqa: E402
from tests.helpers import COORD, REVIEWER, forget_documents  # noqa: E402

OPENXLIFF = ROOT / "tests" / "data" / "real-world-2" / "openxliff_OpenXLIFF_Java_es.xlf"
NS12 = "urn:oasis:names:tc:xliff:document:1.2"
NS20 = "urn:oasis:names:tc:xliff:document:2.0"


def generated(folder: Path, units: int, version: str) -> Path:
    """N units of HQ's: a source, a target, an <x/> (1.2) or <ph/> (2.0) in every tenth."""
    code = '<x id="1"/>' if version == "1.2" else '<ph id="1"/>'
    parts = []
    for n in range(units):
        extra = f" {code}" if n % 10 == 0 else ""
        source = f"We drilled {n} new boreholes in Masvingo Province this year.{extra}"
        target = f"Tapera zvibhorani zvitsva {n} muMasvingo gore rino.{extra}"
        if version == "1.2":
            parts.append(f'<trans-unit id="u{n}"><source>{source}</source>'
                         f'<target state="translated">{target}</target></trans-unit>')
        else:
            parts.append(f'<unit id="u{n}"><segment><source>{source}</source>'
                         f'<target>{target}</target></segment></unit>')
    if version == "1.2":
        text = (f'<xliff xmlns="{NS12}" version="1.2"><file original="big.json" '
                f'source-language="en" target-language="sn" datatype="x-json"><body>'
                f'{"".join(parts)}</body></file></xliff>')
    else:
        text = (f'<xliff xmlns="{NS20}" version="2.0" srcLang="en" trgLang="sn">'
                f'<file id="f1">{"".join(parts)}</file></xliff>')
    path = folder / f"big-{version}.xlf"
    path.write_text(text, encoding="utf-8")
    return path


def step(argv: list[str]) -> dict:
    """One step in a child process: its result and its peak memory."""
    done = subprocess.run([sys.executable, __file__, "--step", *argv], check=True,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    return json.loads(done.stdout.strip().splitlines()[-1])


def run_step(kind: str, db: str, path: str, fmt: str, out: str) -> dict:
    started = time.perf_counter()
    with Desk(db, backups=False) as desk:
        if kind == "import":
            desk.import_batch(Path(path), batch="big", actor=COORD, platform="x")
            desk.decide_many([r["id"] for r in desk.posts(batch="big")], REVIEWER, "approve")
        elif kind == "forget":
            forget_documents(desk)
        else:
            started = time.perf_counter()
            result = desk.export("big", fmt, Path(out), COORD, again=True)
            assert result.written.name == ("export-built" if kind == "built" else
                                           "export-written-into"), result.written
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"seconds": seconds, "peak_mb": peak}


def measure(path: Path, fmt: str, runs: int, scratch: Path) -> dict:
    data = path.read_bytes()
    started = time.perf_counter()
    kept = len(zlib.compress(data))
    compress = time.perf_counter() - started
    db = scratch / f"{path.stem}.sqlite3"
    imported = step(["import", str(db), str(path), fmt, ""])
    out = str(scratch / f"{path.stem}.out.xlf")
    filled = [step(["filled", str(db), "", fmt, out]) for _ in range(runs)]
    step(["forget", str(db), "", fmt, ""])
    built = [step(["built", str(db), "", fmt, out]) for _ in range(runs)]
    return {"file": path.name, "bytes": len(data), "kept": kept, "compress_s": compress,
            "import_s": imported["seconds"], "import_peak_mb": imported["peak_mb"],
            "filled_s": statistics.median(r["seconds"] for r in filled),
            "filled_peak_mb": max(r["peak_mb"] for r in filled),
            "built_s": statistics.median(r["seconds"] for r in built),
            "built_peak_mb": max(r["peak_mb"] for r in built)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--step", nargs=5)
    args = parser.parse_args()
    if args.step:
        print(json.dumps(run_step(*args.step)))
        return
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        rows = [measure(OPENXLIFF, "xliff20", args.runs, scratch)]
        for version, fmt in (("1.2", "xliff12"), ("2.0", "xliff20")):
            rows.append(measure(generated(scratch, args.units, version), fmt, args.runs, scratch))
    print("| file | bytes | kept (zlib) | import + approve | export filled | export built |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['file']} | {r['bytes']:,} | {r['kept']:,} ({r['compress_s']:.2f} s) | "
              f"{r['import_s']:.2f} s, {r['import_peak_mb']:.0f} MB | "
              f"{r['filled_s']:.2f} s, {r['filled_peak_mb']:.0f} MB | "
              f"{r['built_s']:.2f} s, {r['built_peak_mb']:.0f} MB |")


if __name__ == "__main__":
    main()
