"""The benchmark suite's results as Markdown: one table per area, one column per size."""
from __future__ import annotations

AREAS = {
    "import": "Import",
    "hints": "Hints (10,000-term glossary, 100,000-unit memory; one post = median over 200 posts)",
    "queue": "Queue",
    "window": "Window and command line (whole processes)",
    "export": "Export of approved posts",
    "packages": "Review packages",
}


def value(seconds: float, unit: str) -> str:
    if unit == "kib":
        return f"{seconds:,.0f}"
    if unit == "ms":
        ms = seconds * 1000
        return f"{ms:.3f}" if ms < 0.1 else f"{ms:.2f}" if ms < 10 else f"{ms:.0f}"
    return f"{seconds:.3f}" if seconds < 0.1 else f"{seconds:.2f}"


def cell(result: dict | None, unit: str) -> str:
    """`median unit (min–max), peak MB`; a size not measured is a dash."""
    if result is None:
        return "–"
    text = f"{value(result['median'], unit)}"
    if unit == "kib":
        return text
    text += f" {unit}"
    if result["max"] - result["min"] > 0:
        text += f" ({value(result['min'], unit)}–{value(result['max'], unit)})"
    if result.get("rss_mb") is None:  # memory not measured (see the report's note)
        return text
    return text + f", {result['rss_mb']:.0f} MB"


def markdown(report: dict, figures: dict) -> str:
    m = report["machine"]
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM, {m['system']}; Python "
             f"{m['python']}, SQLite {m['sqlite']}, PySide6 {m['pyside6']}. Load average before / "
             f"after: {report['load_before']} / {report.get('load_after', '?')}. Median of "
             f"{report['runs']} runs (min–max), each in a fresh process, and that process's peak "
             f"resident memory. Started {report['started']}.", ""]
    sizes = report["sizes"]
    for area, title in AREAS.items():
        keys = [k for k, f in figures.items() if f.area == area and k in report["results"]]
        if not keys:
            continue
        lines += [f"**{title}**", "",
                  "| what | " + " | ".join(f"{s:,} posts" for s in sizes) + " | target |",
                  "|---|" + "---|" * len(sizes) + "---|"]
        for key in keys:
            figure, results = figures[key], report["results"][key]
            cells = [cell(results.get(str(s)), figure.unit) for s in sizes]
            lines.append(f"| {figure.label} | " + " | ".join(cells) + f" | {figure.target} |")
        lines.append("")
    return "\n".join(lines)
