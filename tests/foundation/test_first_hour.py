"""A newcomer's first hour with the `quotewire` command: the database every command names and
shares whatever folder it runs in, one clear line for a database it cannot use, --version,
stdin, encodings, empty folders, progress bars, and serving from a wheel install."""

import fcntl
import os
import pty
import re
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT
from tests.foundation.test_packaging import free_port, wait_for

QUOTEWIRE = str(Path(sys.executable).parent / "quotewire")  # the installed console script
ARTICLE = ("“The ferry will run all winter,” said Hedda Marsk, who chairs the island council.\n"
           "Crossings were cut to two a day last year when the older boat failed its survey.\n")


def newcomer_env(home: Path, **extra: str) -> dict:
    """No QUOTEWIRE_* settings, a home of its own, and no XDG runtime folder."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("QUOTEWIRE_") and k not in ("XDG_RUNTIME_DIR", "PYTHONPATH")}
    return {**env, "HOME": str(home), "QUOTEWIRE_JSON_LOGS": "0", **extra}


def quotewire(*args: str, cwd: Path, env: dict, stdin: str | bytes | None = None,
              command: str = QUOTEWIRE) -> subprocess.CompletedProcess:
    return subprocess.run([command, *args], cwd=cwd, env=env, input=stdin,
                          capture_output=True, text=not isinstance(stdin, bytes), timeout=300)


def test_version_is_printed(tmp_path):
    result = quotewire("--version", cwd=tmp_path, env=newcomer_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"quotewire \d+\.\d+\.\d+\n", result.stdout)


def test_extract_reads_an_article_from_stdin(tmp_path):
    result = quotewire("extract", "-", cwd=tmp_path, env=newcomer_env(tmp_path), stdin=ARTICLE)
    assert result.returncode == 0, result.stderr
    assert '"text":"The ferry will run all winter,"' in result.stdout
    assert '"document":"-"' in result.stdout


def cp1252_article(tmp_path: Path) -> Path:
    text = ARTICLE.replace("Hedda", "Hélène") * 3
    path = tmp_path / "old.txt"
    path.write_bytes(text.encode("cp1252"))  # curly quotes are 0x93 and 0x94 here
    return path


@pytest.mark.parametrize("encoding", ["cp1252", "auto"])
def test_a_cp1252_file_is_read_when_its_encoding_is_given_or_detected(tmp_path, encoding):
    path = cp1252_article(tmp_path)
    env = newcomer_env(tmp_path)
    refused = quotewire("extract", str(path), cwd=tmp_path, env=env)
    assert refused.returncode == 1
    assert "old.txt:1: not valid UTF-8 (byte 0x93 at offset 0); say its encoding with " \
           "--encoding NAME, or --encoding auto" in refused.stderr
    result = quotewire("extract", "--encoding", encoding, str(path), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert '"name":"Hélène Marsk"' in result.stdout


def test_an_unknown_encoding_name_is_a_usage_error(tmp_path):
    result = quotewire("extract", "--encoding", "klingon", "x.txt", cwd=tmp_path,
                       env=newcomer_env(tmp_path))
    assert result.returncode == 2
    assert "'klingon' is not an encoding Python knows" in result.stderr


@pytest.mark.parametrize(("url", "says"), [
    ("postgresql://reader:s3cret@127.0.0.1:1/quotewire", "Error: cannot use the database: "),
    ("mysql://reader:s3cret@127.0.0.1/quotewire", "Error: unsupported database 'mysql'"),
    ("not a url", "Error: QUOTEWIRE_DATABASE_URL is not a database URL"),
])
@pytest.mark.parametrize("command", [["migrate"], ["ingest", "."], ["keys", "list"]])
def test_a_database_that_cannot_be_used_is_one_line_not_a_traceback(tmp_path, url, says,
                                                                    command):
    result = quotewire(*command, cwd=tmp_path,
                       env=newcomer_env(tmp_path, QUOTEWIRE_DATABASE_URL=url))
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("database: ") and "s3cret" not in result.stderr
    assert lines[1].startswith(says)


def migrated(tmp_path: Path) -> tuple[Path, dict]:
    """A folder where `quotewire migrate` made the default database, and the environment."""
    env = newcomer_env(tmp_path)
    result = quotewire("migrate", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert f"database: sqlite:///{tmp_path}/var/quotewire.db" in result.stderr
    return tmp_path, env


def test_an_empty_folder_or_only_skipped_files_is_not_a_silent_success(tmp_path):
    folder, env = migrated(tmp_path)
    (folder / "corpus").mkdir()
    empty = quotewire("ingest", "corpus", cwd=folder, env=env)
    assert empty.returncode == 1
    assert "nothing to ingest: no .txt, .json, .jsonl, .html, .htm file was read under corpus" \
        in empty.stderr
    (folder / "corpus" / "notes.md").write_text(ARTICLE, encoding="utf-8")
    skipped = quotewire("ingest", "corpus", cwd=folder, env=env)
    assert skipped.returncode == 1
    assert "corpus/notes.md: skipped: not a file type quotewire reads" in skipped.stderr
    (folder / "corpus" / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    some = quotewire("ingest", "corpus", cwd=folder, env=env)
    assert some.returncode == 0, some.stderr
    assert "documents: 1 new, 0 unchanged, 0 failed" in some.stdout
    assert "files skipped: 1" in some.stdout


def test_the_progress_bar_on_a_terminal_shows_a_total_and_an_eta(tmp_path):
    folder, env = migrated(tmp_path)
    (folder / "corpus").mkdir()
    for number in range(3):
        (folder / "corpus" / f"{number}.txt").write_text(f"{ARTICLE}Story {number}.\n",
                                                         encoding="utf-8")
    leader, follower = pty.openpty()  # stderr a terminal, as in an interactive shell
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    process = subprocess.Popen([QUOTEWIRE, "ingest", "corpus"], cwd=folder, env=env,
                               stdout=subprocess.DEVNULL, stderr=follower)
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=120) == 0
    bar = output.decode(errors="replace")
    assert re.search(r"100%\|.*\| 3/3 \[\d\d:\d\d<\d\d:\d\d", bar), bar


@pytest.mark.slow
def test_migrate_then_serve_from_another_folder_use_one_database_and_no_shared_socket(tmp_path):
    folder, env = migrated(tmp_path)
    port = free_port()
    server = subprocess.Popen([QUOTEWIRE, "serve", "--bind", f"127.0.0.1:{port}",
                               "--workers", "1"], cwd=folder, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/readyz", _deadline()) == 200
        assert not (tmp_path / ".gunicorn").exists(), "gunicorn made a per-user control socket"
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    assert f"database: sqlite:///{folder}/var/quotewire.db" in output
    assert server.returncode == 0, output


def _deadline() -> float:
    return time.monotonic() + 60


def copy_of_the_sources(target: Path) -> Path:
    ignored = shutil.ignore_patterns(".venv", ".git", "var", "build", "dist", "*.egg-info",
                                     "__pycache__", "tests", ".hypothesis", "bench")
    shutil.copytree(PROJECT_ROOT, target, ignore=ignored)
    return target


@pytest.mark.slow
def test_a_wheel_install_migrates_and_serves_from_any_folder(tmp_path):
    sources = copy_of_the_sources(tmp_path / "src")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w",
                    str(tmp_path / "dist"), str(sources)], check=True, timeout=600)
    [wheel] = (tmp_path / "dist").glob("quotewire-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # The dependencies come from this environment's site-packages (offline); quotewire
    # itself only from the wheel (a path in a .pth file is not scanned for .pth files, so
    # this checkout's editable install is not seen).
    site = Path(subprocess.run([str(venv / "bin" / "python"), "-c",
                                "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    here = Path(subprocess.run([sys.executable, "-c",
                                "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "dependencies.pth").write_text(f"{here}\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"),
                    "install", "--no-deps", "--no-index", "--quiet", str(wheel)],
                   check=True, timeout=300)
    installed = str(venv / "bin" / "quotewire")
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = newcomer_env(tmp_path)
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import cli; print(cli.__file__)"],
                           cwd=workdir, env=env, capture_output=True, text=True, check=True)
    assert where.stdout.startswith(str(site)), where.stdout
    assert quotewire("migrate", cwd=workdir, env=env, command=installed).returncode == 0
    port = free_port()
    server = subprocess.Popen([installed, "serve", "--bind", f"127.0.0.1:{port}", "--workers",
                               "1"], cwd=workdir, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/readyz", _deadline()) == 200
    finally:
        server.send_signal(signal.SIGTERM)
        output, _ = server.communicate(timeout=60)
    assert server.returncode == 0, output
    assert (workdir / "var" / "quotewire.db").exists()


def test_commands_on_a_schema_older_than_the_code_say_to_migrate(tmp_path):
    from alembic.script import ScriptDirectory

    from models.migrate import alembic_config, head_revision, upgrade

    url = f"sqlite:///{tmp_path / 'old.db'}"
    head = head_revision(url)
    previous = ScriptDirectory.from_config(alembic_config(url)).get_revision(head).down_revision
    upgrade(url, previous)  # as left by the release before this code
    env = newcomer_env(tmp_path, QUOTEWIRE_DATABASE_URL=url)
    (tmp_path / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    for command in (["ingest", "ferry.txt"], ["reextract"], ["keys", "list"]):
        result = quotewire(*command, cwd=tmp_path, env=env)
        assert result.returncode == 1
        assert result.stderr.splitlines()[-1] == (
            f"Error: Database schema at {previous}, expected {head}: run `quotewire migrate`.")


def started_server(folder: Path, env: dict) -> subprocess.Popen:
    port = free_port()
    server = subprocess.Popen([QUOTEWIRE, "serve", "--bind", f"127.0.0.1:{port}",
                               "--workers", "1"], cwd=folder, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert wait_for(f"http://127.0.0.1:{port}/healthz", _deadline()) == 200
    except AssertionError:
        stopped(server)
        raise
    return server


def stopped(server: subprocess.Popen) -> str:
    server.send_signal(signal.SIGTERM)
    output, _ = server.communicate(timeout=60)
    assert server.returncode == 0, output
    return output


@pytest.mark.slow
def test_two_instances_with_control_sockets_keep_their_own(tmp_path):
    folder, env = migrated(tmp_path)
    first_socket, second_socket = tmp_path / "first.ctl", tmp_path / "second.ctl"
    servers = []
    try:
        for path in (first_socket, second_socket):
            servers.append(started_server(folder, {**env,
                                                   "QUOTEWIRE_CONTROL_SOCKET": str(path)}))
        assert first_socket.is_socket() and second_socket.is_socket()
        stopped(servers.pop())
        assert first_socket.is_socket(), "stopping one instance removed the other's socket"
        assert not second_socket.exists()
    finally:
        for server in servers:
            stopped(server)


def test_a_relative_sqlite_path_means_the_same_file_in_every_process(tmp_path, monkeypatch):
    from config import Config

    monkeypatch.chdir(tmp_path)  # the workers of `serve` work elsewhere: the path is fixed here
    for given, expected in [("sqlite:///store/q.db", f"sqlite:///{tmp_path}/store/q.db"),
                            ("sqlite:///q.db?timeout=5", f"sqlite:///{tmp_path}/q.db?timeout=5"),
                            (f"sqlite:///{tmp_path}/q.db", f"sqlite:///{tmp_path}/q.db"),
                            ("sqlite://", "sqlite://"),
                            ("postgresql://u@h/d", "postgresql://u@h/d")]:
        assert Config.from_env({"QUOTEWIRE_DATABASE_URL": given}).database_url == expected
