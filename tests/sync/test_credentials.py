"""The office's password: kept in a file only its user may read, never in the database, never
printed by `sync`, never in an error; TLS with sslmode=verify-full against a certificate
authority made for the test."""
from __future__ import annotations

import io
import os
import stat
from contextlib import redirect_stderr, redirect_stdout

import psycopg
import pytest

from review import Desk
from review.cli import main
from review.sync import admin
from review.sync.connection import ServerError
from review.sync.credentials import parse, passfile
from tests.sync.cluster import free_port
from tests.sync.support import BATCH, hq_desk


def password_of(url: str) -> str:
    return url.split("@")[0].rsplit(":", 1)[1]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))
    return code, out.getvalue(), err.getvalue()


def test_the_password_is_kept_in_a_private_file_and_never_in_the_database(tmp_path, hq_url):
    hq, _ = hq_desk(tmp_path, hq_url)
    office = admin.add_office(hq_url, "harare").url
    admin.grant(hq_url, "harare", BATCH)
    secret = password_of(office)
    db = tmp_path / "laptop.sqlite3"
    code, out, err = run("--db", str(db), "sync", "--server", office, "--json")
    assert code == 0, err
    assert '"pushed": 0' in out and '"pulled": ' in out
    assert secret not in out + err
    kept = passfile()
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600
    assert secret in kept.read_text()
    for path in tmp_path.glob("laptop.sqlite3*"):
        assert secret.encode() not in path.read_bytes()
    code, out, err = run("--db", str(db), "sync")  # the saved server, the kept password
    assert code == 0, err
    assert out.startswith("synced with postgresql://harare.") and secret not in out
    code, out, _ = run("--db", str(db), "sync", "--status")
    assert "0 events waiting" in out and secret not in out
    hq.close()


def test_a_failing_connection_never_shows_the_password(tmp_path, hq_url):
    admin.init(hq_url)
    office = admin.add_office(hq_url, "gweru").url
    wrong = office.replace(password_of(office), "Wrong-Pa55word-xyz")
    with Desk(tmp_path / "d.sqlite3", daily_backup=False) as desk:
        with pytest.raises(ServerError) as err:
            desk.sync(wrong)
        assert "Wrong-Pa55word-xyz" not in str(err.value)
        assert "password authentication failed" in str(err.value)
        nowhere = f"postgresql://gweru:S3cret-nowhere@127.0.0.1:{free_port()}/x?connect_timeout=3"
        code, out, errors = run("--db", str(tmp_path / "d.sqlite3"), "sync", "--server", nowhere)
        assert code == 2 and "S3cret-nowhere" not in out + errors
        assert "failed" in errors
    assert not passfile().exists()  # a password that did not work is not kept


def test_a_url_libpq_cannot_read_is_refused_without_echoing_it():
    from review.errors import InvalidInput

    with pytest.raises(InvalidInput) as err:
        parse("postgresql://a:p4ss@host/db?no_such_option=1")
    assert "p4ss" not in str(err.value)


def test_tls_with_verify_full_against_the_server_s_certificate_authority(tmp_path, hq_url, cluster):
    admin.init(hq_url)
    added = admin.add_office(hq_url, "mutare")
    database = hq_url.split("/")[3].split("?")[0]
    secure = cluster.tcp_url(added.role, database, password_of(added.url), host="localhost",
                             sslmode="verify-full", sslrootcert=str(cluster.ca_file))
    with Desk(tmp_path / "d.sqlite3", daily_backup=False) as desk:
        desk.sync(secure)
        with psycopg.connect(secure) as conn:
            assert conn.execute("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetchone()[0]
        other_ca = tmp_path / "other-ca.pem"
        from tests.sync.cluster import _certificates

        (tmp_path / "ca").mkdir()
        _certificates(tmp_path / "ca")
        (tmp_path / "ca" / "ca.pem").rename(other_ca)
        with pytest.raises(ServerError) as err:
            desk.sync(secure.replace(str(cluster.ca_file), str(other_ca)))
        assert "SSL error" in str(err.value)  # a certificate this CA did not sign
        assert password_of(added.url) not in str(err.value)
