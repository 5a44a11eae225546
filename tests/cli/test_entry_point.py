"""The real program, run as a person or a script runs it: `python main.py` in a subprocess, with
its exit codes and stderr. The other CLI tests call the same code in-process."""
from __future__ import annotations

import os
import subprocess
import sys

from tests.cli.runner import ROOT, SAMPLE
from tests.helpers import sample_csv


def run_program(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True,
                          text=True, env=env or dict(os.environ), stdin=subprocess.DEVNULL, timeout=60)


def test_default_database_comes_from_the_environment(tmp_path):
    env_db = tmp_path / "env.sqlite3"
    done = run_program("batches", env={**os.environ, "REVIEW_DESK_DB": str(env_db)})
    assert done.returncode == 0 and "no batches yet" in done.stdout and env_db.exists()


def test_without_a_display_the_window_says_so_in_one_line(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = run_program("--db", str(tmp_path / "x.sqlite3"), env=env)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no display available" in done.stderr
    # issue 15: it names the command as it was started, which works (not a bare `review-desk`,
    # which is not on the PATH after the quick start)
    assert done.stderr.endswith(f"use the command line: {os.path.basename(sys.executable)} "
                                f"{ROOT / 'main.py'} --help\n")
    venv_program = ROOT / ".venv" / "bin" / "review-desk"
    if venv_program.exists():
        done = subprocess.run([str(venv_program), "--db", str(tmp_path / "x.sqlite3")],
                              capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                              timeout=60)
        assert done.returncode == 2
        assert done.stderr.endswith(f"use the command line: {venv_program} --help\n")


def test_exit_codes_of_the_program(tmp_path):
    """0 done, 2 refused (one `review-desk: ` line per problem) or a usage error, 0 for --help."""
    db = str(tmp_path / "e.sqlite3")
    done = run_program("--db", db, "import", str(SAMPLE), "--batch", "zw", "--as", "Chipo")
    assert done.returncode == 0 and done.stdout.startswith("imported zimbabwe-boreholes.csv")
    done = run_program("--db", db, "decide", "nope", "approve", "--as", "T")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith("review-desk: no post 'nope'") and "Traceback" not in done.stderr
    done = run_program("--db", db, "decide", "ZW-001", "approve")  # --as missing: one line
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "review-desk: decide: --as NAME is required; see review-desk decide --help\n"
    done = run_program("--help")
    assert done.returncode == 0 and done.stdout.startswith("usage: review-desk [-h] [--db PATH]")


def test_a_reader_that_goes_away_is_not_an_error(tmp_path):
    """`review-desk posts | head -c 10`: the pipe closes while the program still writes (the
    table is larger than a pipe's 64 KB buffer); exit 0, nothing on stderr."""
    db = str(tmp_path / "p.sqlite3")
    batch = sample_csv(tmp_path, "many.csv", rows=1500)
    assert run_program("--db", db, "import", str(batch), "--as", "Chipo").returncode == 0
    shell = f"{sys.executable} {ROOT / 'main.py'} --db {db} posts | head -c 10; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stderr) == (0, "") and len(done.stdout) == 10


def test_argv_is_parsed_once(tmp_path, monkeypatch):
    """main.py parses the arguments and hands the parsed arguments on (it parsed them twice)."""
    import main
    from review.cli.parsing import Parser

    calls = []
    parse = Parser.parse_args
    monkeypatch.setattr(Parser, "parse_args",
                        lambda self, *a, **k: calls.append(self.prog) or parse(self, *a, **k))
    assert main.run(["--db", str(tmp_path / "once.sqlite3"), "batches"]) == 0
    assert calls == ["review-desk"]
