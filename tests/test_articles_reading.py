"""Binary junk is refused by the reading code that `extract` and `ingest` share, with the line."""
import json

from click.testing import CliRunner
from sqlalchemy import select

from articles import ReadError, read_articles
from cli.main import main
from models.tables import Document

PROSE = ("The ferry service resumed on Tuesday after a week of storms.\n\n"
         "“We lost seven sailings and every one of them hurt,” said Maren Holt, who runs the "
         "harbour office.\n")
# Valid UTF-8 all the way through, so only the binary check can refuse it.
NUL_JUNK = b"header line\nsecond line\n\x00\x00\x01\x02PK\x03\x04\x00\x00 tail\n"
CONTROL_JUNK = b"ok line\n" + bytes(range(1, 9)) * 20 + b"\n"


def write_inputs(folder):
    folder.mkdir()
    (folder / "good.txt").write_text(PROSE, encoding="utf-8")
    (folder / "nul.txt").write_bytes(NUL_JUNK)
    (folder / "controls.json").write_bytes(CONTROL_JUNK)
    (folder / "lines.jsonl").write_text(
        json.dumps({"id": "fine", "text": PROSE}) + "\n"
        + json.dumps({"id": "escaped-nul", "text": "Two words\u0000and more"}) + "\n",
        encoding="utf-8")
    return folder


def errors_by_source(items):
    return {item.source: item.reason for item in items if isinstance(item, ReadError)}


def test_binary_junk_is_a_read_error_naming_file_and_line(tmp_path):
    folder = write_inputs(tmp_path / "in")
    items = list(read_articles([folder]))
    errors = errors_by_source(items)
    assert errors == {
        f"{folder / 'controls.json'}:2":
            "binary data (160 control characters in 169 bytes), not text",
        f"{folder / 'lines.jsonl'}:2": "binary data (a NUL character), not text",
        f"{folder / 'nul.txt'}:3": "binary data (a NUL character), not text",
    }
    assert sorted(item.text for item in items if not isinstance(item, ReadError)) == [PROSE] * 2


def test_a_stray_control_character_in_real_text_is_kept(tmp_path):
    path = tmp_path / "stray.txt"
    text = PROSE.replace("storms.", "storms.\x1b")  # an escape left by an editing system
    path.write_text(text, encoding="utf-8")
    [article] = list(read_articles([path]))
    assert article.text == text


def test_ingest_refuses_binary_junk_and_stores_the_rest(tmp_path, database_url, db_engine,
                                                        monkeypatch):
    folder = write_inputs(tmp_path / "in")
    monkeypatch.setenv("QUOTEWIRE_DATABASE_URL", database_url)
    result = CliRunner().invoke(main, ["ingest", str(folder)], catch_exceptions=False)
    assert result.exit_code == 1
    assert f"{folder / 'nul.txt'}:3: binary data (a NUL character)" in result.output
    assert f"{folder / 'lines.jsonl'}:2: binary data (a NUL character)" in result.output
    assert f"{folder / 'controls.json'}:2: binary data" in result.output
    with db_engine.connect() as connection:
        texts = connection.execute(select(Document.text)).scalars().all()
    assert texts == [PROSE]  # the good .txt and the good line are the same article
    assert not any("\x00" in text for text in texts)


def test_extract_refuses_binary_junk_and_extracts_the_rest(tmp_path):
    folder = write_inputs(tmp_path / "in")
    result = CliRunner().invoke(main, ["extract", str(folder)])
    assert result.exit_code == 1
    documents = {json.loads(line)["document"] for line in result.stdout.splitlines()}
    assert documents == {"good.txt", "fine"}
    assert f"{folder / 'nul.txt'}:3: binary data (a NUL character)" in result.stderr
    assert f"{folder / 'controls.json'}:2: binary data" in result.stderr


def test_a_lone_surrogate_escape_in_json_is_a_read_error(tmp_path):
    path = tmp_path / "surrogate.jsonl"
    path.write_text(json.dumps({"id": "fine", "text": PROSE}) + "\n"
                    + '{"id": "half", "text": "“Half a pair \\ud800 here,” she said."}\n'
                    + '{"id": "title", "title": "Bad \\udfff", "text": "Plain words."}\n',
                    encoding="utf-8")
    items = list(read_articles([path]))
    errors = errors_by_source(items)
    assert set(errors) == {f"{path}:2", f"{path}:3"}
    assert all("lone surrogate" in reason for reason in errors.values())
    assert [item.external_id for item in items if not isinstance(item, ReadError)] == ["fine"]
