"""Running OmegaT 3.6 (Debian's package, installed by `scripts/setup.sh --tests`) on a project
made of our exports, for the tests that check OmegaT reads what Review Desk sends back."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

OMEGAT = shutil.which("omegat")
FOLDERS = ("source", "target", "tm", "glossary", "omegat", "dictionary")
# A line of OmegaT's log that says something went wrong (its plugin list says "successfully").
PROBLEM = re.compile(r"\b(warning|error|exception|severe|failed)\b", re.IGNORECASE)

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>org.omegat.tokenizer.{source_tokenizer}</source_tok>
    <target_tok>org.omegat.tokenizer.LuceneEnglishTokenizer</target_tok>
    <sentence_seg>false</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""


def new_project(folder: Path, source: str, target: str) -> Path:
    for name in FOLDERS:
        (folder / name).mkdir(parents=True, exist_ok=True)
    tokenizer = "LuceneSmartChineseTokenizer" if source.startswith("zh") else "LuceneEnglishTokenizer"
    (folder / "omegat.project").write_text(PROJECT.format(source=source, target=target,
                                                          source_tokenizer=tokenizer))
    return folder


def translate(project: Path, script: Path | None = None) -> str:
    """OmegaT's console translation of the project (it loads every source file, TMX and, with a
    script, what the script reads); its log, without the list of plugins it loaded."""
    command = [OMEGAT, "--mode=console-translate", f"--config-dir={project}/.config",
               "--disable-project-locking", "--no-team", "--tag-validation=warn"]
    if script is not None:
        command.append(f"--script={script}")
    done = subprocess.run([*command, str(project)], capture_output=True, text=True, timeout=600,
                          stdin=subprocess.DEVNULL)
    return "\n".join(line for line in (done.stdout + done.stderr).splitlines()
                     if "PLUGIN_LOAD_OK" not in line)


def problems(log: str) -> list[str]:
    return [line for line in log.splitlines() if PROBLEM.search(line)]


def segments_by_file(project: Path) -> dict[str, int]:
    """OmegaT's count of each source file's segments (omegat/project_stats.txt)."""
    stats = (project / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    table = stats.split("Individual File Statistics:", 1)[1].strip().splitlines()[1:]
    return {cells[0].strip(): int(cells[1]) for cells in (row.split("\t") for row in table)
            if len(cells) > 1}
