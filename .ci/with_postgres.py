#!/usr/bin/env python3
"""Run a command (the test suite) against a PostgreSQL database made for it, then drop it.

The server is QUOTEWIRE_PG_URL (default postgresql://postgres@127.0.0.1:5432/postgres). The
command sees QUOTEWIRE_TEST_DATABASE_URL pointing at a fresh database. When the server cannot
be reached the run is skipped with one line, unless CI=true, where that is a failure.
"""

import os
import subprocess
import sys
import uuid

import psycopg
from psycopg import sql

ADMIN_URL = os.environ.get("QUOTEWIRE_PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def main(command: list[str]) -> int:
    try:
        admin = psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=5)
    except psycopg.OperationalError as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else "no answer"
        if os.environ.get("CI") == "true":
            print(f"PostgreSQL is required under CI but unreachable at {ADMIN_URL}: {reason}")
            return 1
        print(f"PostgreSQL not reachable at {ADMIN_URL} ({reason}): skipping the PostgreSQL run")
        return 0
    name = f"quotewire_test_{uuid.uuid4().hex[:12]}"
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        try:
            url = psycopg.conninfo.make_conninfo(ADMIN_URL, dbname=name)
            env = dict(os.environ, QUOTEWIRE_TEST_DATABASE_URL=_sqlalchemy_url(url))
            print(f"running on PostgreSQL database {name}", flush=True)
            return subprocess.call(command, env=env)
        finally:
            admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                          .format(sql.Identifier(name)))


def _sqlalchemy_url(conninfo: str) -> str:
    params = psycopg.conninfo.conninfo_to_dict(conninfo)
    user = params.get("user", "postgres")
    password = f":{params['password']}" if params.get("password") else ""
    host = params.get("host", "127.0.0.1")
    port = params.get("port", 5432)
    return f"postgresql+psycopg://{user}{password}@{host}:{port}/{params['dbname']}"


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: with_postgres.py COMMAND [ARG...]")
    sys.exit(main(sys.argv[1:]))
