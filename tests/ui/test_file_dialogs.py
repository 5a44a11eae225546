"""The window's file dialogs never read the files they list (issue 14). Qt's own icon provider
reads the first bytes of each listed file to guess its type; when the open database is among
them, closing that read drops this process's POSIX locks on it, and the next `review-desk`
command to close (another process) deletes the WAL under the window: the coordinator's
database was found damaged after importing HQ's newer file with the command line in use."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

from ui.dialogs import file_dialog


def test_a_file_dialog_over_the_database_s_folder_leaves_its_wal_alone(qtbot, tmp_path):
    db = tmp_path / "d.db"  # a name Qt cannot type by its extension, so it would read the file
    window_connection = sqlite3.connect(db, isolation_level=None)
    window_connection.execute("PRAGMA journal_mode=WAL")
    window_connection.execute("CREATE TABLE t (x)")
    window_connection.execute("SELECT * FROM t").fetchall()
    dialog = file_dialog(None, "Import", "Draft posts (*.xlf *.db)")
    qtbot.addWidget(dialog)
    dialog.setDirectory(str(tmp_path))
    dialog.show()
    qtbot.wait(1500)  # the listing, its icons and types
    other_program = f"import sqlite3; c = sqlite3.connect({str(db)!r}); c.execute('SELECT * FROM t'); c.close()"
    subprocess.run([sys.executable, "-c", other_program], check=True)
    assert (tmp_path / "d.db-wal").exists() and (tmp_path / "d.db-shm").exists()
    window_connection.execute("INSERT INTO t VALUES (1)")
    assert window_connection.execute("PRAGMA quick_check").fetchone() == ("ok",)
    window_connection.close()
