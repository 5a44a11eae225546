"""A throw-away PostgreSQL cluster for the sync tests and the benchmark: initdb into a temporary
folder, a unix socket there and a free port on 127.0.0.1 (TLS on, with a certificate authority
made here), stopped and removed at the end.

PostgreSQL refuses to run as root: as root, the cluster is made and run as the `postgres` user
(Debian's package makes it), else as `nobody`, through `runuser`.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ADMIN = "rd_admin"  # the cluster's superuser; tests make an HQ role of their own under it


def pg_bin(name: str) -> str | None:
    """A PostgreSQL program: on PATH, else Debian's /usr/lib/postgresql/N/bin (newest first)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return candidates[-1] if candidates else None


def _run_as() -> tuple[list[str], pwd.struct_passwd | None]:
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            user = pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], user
    raise RuntimeError("running as root and no postgres or nobody user to run PostgreSQL as")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    prefix: list[str]

    @property
    def socket_dir(self) -> str:
        return str(self.folder)

    @property
    def ca_file(self) -> Path:
        return self.folder / "ca.pem"

    def url(self, role: str = ADMIN, database: str = "postgres", password: str | None = None) -> str:
        secret = f":{password}" if password else ""
        return f"postgresql://{role}{secret}@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, role: str, database: str, password: str | None = None, host: str = "127.0.0.1",
                **params: str) -> str:
        secret = f":{password}" if password else ""
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return f"postgresql://{role}{secret}@{host}:{self.port}/{database}" + (f"?{query}" if query else "")

    def admin(self, database: str = "postgres"):
        import psycopg

        return psycopg.connect(self.url(ADMIN, database), autocommit=True)

    def new_hq(self, name: str) -> str:
        """A database owned by a new role `name` (HQ's role: it may create offices' roles);
        returns HQ's URL, with its password."""
        from psycopg import sql

        password = f"hq-{name}-secret"
        with self.admin() as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN CREATEROLE PASSWORD {}").format(
                sql.Identifier(name), sql.Literal(password)))
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(name)))
        return self.url(name, name, password)

    def stop(self) -> None:
        subprocess.run(self.prefix + [pg_bin("pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate",
                                      "-w", "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def _certificates(folder: Path) -> None:
    """A certificate authority and a server certificate for localhost and 127.0.0.1."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Review Desk test CA")])
    ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name)
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
          .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
            .issuer_name(ca_name).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    pem = serialization.Encoding.PEM
    (folder / "ca.pem").write_bytes(ca.public_bytes(pem))
    (folder / "server.crt").write_bytes(cert.public_bytes(pem))
    (folder / "server.key").write_bytes(key.private_bytes(
        pem, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()))


def start_cluster(attempts: int = 3) -> Cluster:
    """initdb and start; a port taken between choosing and binding it is tried again."""
    prefix, user = _run_as()
    # In /tmp, not $TMPDIR: the postgres user must reach it, and a socket's path must stay
    # under ~100 bytes.
    folder = Path(tempfile.mkdtemp(prefix="rd-pg-", dir="/tmp" if os.path.isdir("/tmp") else None))
    os.chmod(folder, 0o755)
    data = folder / "data"
    _certificates(folder)
    if user is not None:
        for path in [folder, *folder.iterdir()]:
            os.chown(path, user.pw_uid, user.pw_gid)
    os.chmod(folder / "server.key", 0o600)
    subprocess.run(prefix + [pg_bin("initdb"), "-D", str(data), "-U", ADMIN, "--auth-local=trust",
                             "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8"],
                   check=True, capture_output=True, timeout=120)
    (data / "pg_hba.conf").write_text(
        f"local all {ADMIN} trust\n"
        "local all all scram-sha-256\n"
        "hostssl all all 127.0.0.1/32 scram-sha-256\n"
        "host all all 127.0.0.1/32 scram-sha-256\n")
    (data / "postgresql.auto.conf").write_text(
        "listen_addresses = '127.0.0.1'\n"
        f"unix_socket_directories = '{folder}'\n"
        f"ssl = on\nssl_cert_file = '{folder}/server.crt'\nssl_key_file = '{folder}/server.key'\n"
        "fsync = off\nmax_connections = 200\nshared_buffers = 64MB\n")
    if user is not None:
        for path in (data / "pg_hba.conf", data / "postgresql.auto.conf"):
            os.chown(path, user.pw_uid, user.pw_gid)
    last = ""
    for _ in range(attempts):
        port = free_port()
        done = subprocess.run(prefix + [pg_bin("pg_ctl"), "-D", str(data), "-l", str(folder / "log"),
                                        "-o", f"-p {port}", "-w", "-t", "60", "start"],
                              capture_output=True, text=True, timeout=90)
        if done.returncode == 0:
            cluster = Cluster(folder, port, prefix)
            _wait_ready(cluster)
            return cluster
        last = done.stdout + done.stderr + (folder / "log").read_text(errors="replace")[-2000:]
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(f"PostgreSQL did not start: {last}")


def _wait_ready(cluster: Cluster) -> None:
    import psycopg

    deadline = time.monotonic() + 30
    while True:
        try:
            cluster.admin().close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
