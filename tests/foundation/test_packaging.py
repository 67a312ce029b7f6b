"""The ways people start quotewire agree: README, Makefile, CI, Docker image, `quotewire serve`."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from cli.service import GUNICORN_CONFIG, gunicorn_argv
from tests.conftest import PROJECT_ROOT

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
DOCKERFILE = (PROJECT_ROOT / "Dockerfile").read_text(encoding="utf-8")
MAKEFILE = (PROJECT_ROOT / "Makefile").read_text(encoding="utf-8")


def dockerfile_instruction(name: str) -> str:
    logical_lines = DOCKERFILE.replace("\\\n", " ").splitlines()
    lines = [line for line in logical_lines if line.startswith(name + " ")]
    assert lines, f"Dockerfile has no {name}"
    return lines[-1][len(name) + 1:]


def test_docker_image_runs_the_serve_command_the_readme_documents():
    command = " ".join(json.loads(dockerfile_instruction("CMD")))
    assert command == "quotewire serve --migrate"
    assert f"`{command}`" in README


def test_docker_image_runs_as_a_non_root_user_and_checks_healthz():
    assert dockerfile_instruction("USER") not in ("root", "0")
    assert "/healthz" in dockerfile_instruction("HEALTHCHECK")
    assert re.search(r"^FROM python:3\.1[1-9]-slim", DOCKERFILE, re.MULTILINE)
    assert "requirements.txt" in DOCKERFILE


def test_serve_starts_gunicorn_with_the_project_config():
    argv = gunicorn_argv()
    assert argv[1:3] == ["-m", "gunicorn"]
    assert argv[argv.index("--config") + 1] == GUNICORN_CONFIG == "python:cli.gunicorn_conf"
    assert argv[argv.index("--chdir") + 1] == str(PROJECT_ROOT)
    assert argv[-1] == "wsgi:app"


def test_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    assert "make run" in README and "make test" in README
    assert re.search(r"^run:", MAKEFILE, re.MULTILINE)
    assert re.search(r"^test:", MAKEFILE, re.MULTILINE)
    assert "exec make test" in (PROJECT_ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_runtime_requirement_is_pinned():
    lines = (PROJECT_ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
    requirements = [line for line in lines if line.strip() and not line.startswith("#")]
    assert requirements
    assert all(re.fullmatch(r"[A-Za-z0-9_.\-]+==[\w.]+", line) for line in requirements)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, deadline: float) -> int:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"{url} did not answer in time")


@pytest.mark.slow
def test_quotewire_serve_migrates_serves_and_stops_gracefully(tmp_path):
    port = free_port()
    env = dict(os.environ, QUOTEWIRE_BIND=f"127.0.0.1:{port}", QUOTEWIRE_WORKERS="1",
               QUOTEWIRE_DATABASE_URL=f"sqlite:///{tmp_path / 'serve.db'}")
    server = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--migrate"],
                              cwd=PROJECT_ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 30
        assert wait_for(f"http://127.0.0.1:{port}/healthz", deadline) == 200
        assert wait_for(f"http://127.0.0.1:{port}/readyz", deadline) == 200
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=30)
    assert server.returncode == 0, output
    assert "Booting worker" in output and "Shutting down" in output
    assert Path(tmp_path / "serve.db").exists()


def test_readme_configuration_table_lists_every_variable_the_code_reads():
    read = set()
    for source in ("config.py", "cli/gunicorn_conf.py", "api/metrics.py"):
        text = (PROJECT_ROOT / source).read_text(encoding="utf-8")
        read |= set(re.findall(r"\b(QUOTEWIRE_[A-Z_]+|PROMETHEUS_MULTIPROC_DIR)\b", text))
    table = set(re.findall(r"^\| `([A-Z_]+)` \|", README, re.MULTILINE))
    assert "QUOTEWIRE_DATABASE_URL" in read and "QUOTEWIRE_METRICS" in read
    assert read <= table, f"missing from README's configuration table: {sorted(read - table)}"


def test_the_licence_is_apache_2_and_every_mention_agrees():
    licence = (PROJECT_ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0, January 2004" in licence
    assert 'license = "Apache-2.0"' in (PROJECT_ROOT / "pyproject.toml").read_text("utf-8")
    examples = (PROJECT_ROOT / "examples" / "README.md").read_text(encoding="utf-8")
    assert "Apache License 2.0" in examples and "`LICENSE`" in examples
    assert "Apache License 2.0" in README
