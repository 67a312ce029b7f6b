"""`quotewire extract`: files in, one JSON quote a line out, bad input reported and skipped."""
import json

import pytest
from click.testing import CliRunner

from cli.extract import extract
from extractors import EXTRACTOR_VERSION

ARTICLE = ("The minister spoke after the vote.\n\n"
           "“We will not be pushed around,” Khawaja Asif said. “Nobody should doubt it.”\n")
CONTRACT_KEYS = {"document", "start", "end", "text", "kind", "status", "reason", "speaker",
                 "cue", "rule", "confidence", "extractor_version"}


@pytest.fixture()
def runner():
    return CliRunner()


def run(runner, *paths):
    result = runner.invoke(extract, [str(p) for p in paths])
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    return result, lines


def test_txt_file_gives_contract_lines_named_by_file(runner, tmp_path):
    path = tmp_path / "asif.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result, lines = run(runner, path)
    assert result.exit_code == 0
    assert len(lines) == 2
    first = lines[0]
    assert set(first) == CONTRACT_KEYS
    assert first["document"] == "asif.txt"
    assert ARTICLE[first["start"]:first["end"]] == first["text"]
    assert first["speaker"]["name"] == "Khawaja Asif"
    assert first["extractor_version"] == EXTRACTOR_VERSION


def test_json_and_jsonl_documents_and_directories(runner, tmp_path):
    (tmp_path / "one.json").write_text(json.dumps({"id": "doc-1", "text": ARTICLE}))
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "many.jsonl").write_text(
        "\n".join(json.dumps({"id": f"doc-{n}", "text": ARTICLE, "outlet": "x"})
                  for n in (2, 3)) + "\n")
    result, lines = run(runner, tmp_path)
    assert result.exit_code == 0
    assert sorted({line["document"] for line in lines}) == ["doc-1", "doc-2", "doc-3"]


def test_bad_lines_are_reported_with_file_and_line_and_the_rest_is_processed(runner, tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join([
        json.dumps({"id": "good-1", "text": ARTICLE}).encode(),
        json.dumps({"id": "no-text"}).encode(),
        json.dumps({"id": "empty", "text": "  "}).encode(),
        b'{"id": "broken", "text": "\xff\xfe"}',
        b"not json at all",
        json.dumps({"id": "good-2", "text": ARTICLE}).encode(),
    ]) + b"\n")
    result, lines = run(runner, path)
    assert result.exit_code == 1
    assert {line["document"] for line in lines} == {"good-1", "good-2"}
    errors = result.stderr.splitlines()
    assert [e.split(": ", 1)[0] for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert "text" in errors[0] and "empty" in errors[1] and "UTF-8" in errors[2]


def test_invalid_utf8_binary_and_missing_files_fail_but_do_not_stop_the_run(runner, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"first line\nsecond \xc3\x28 line\n")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)))
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    result, lines = run(runner, bad, junk, tmp_path / "missing.txt", good)
    assert result.exit_code == 1
    assert {line["document"] for line in lines} == {"good.txt"}
    assert f"{bad}:2: not valid UTF-8" in result.stderr
    assert f"{junk}:1: binary data (a NUL character)" in result.stderr  # NUL is byte 0
    assert f"{tmp_path / 'missing.txt'}:1: cannot read" in result.stderr


def test_valid_utf8_with_nul_characters_is_binary_junk(runner, tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(b"one\ntwo\nthree \x00\x01\x02 four\n")
    jsonl = tmp_path / "junk.jsonl"
    jsonl.write_text(json.dumps({"id": "a", "text": ARTICLE}) + "\n"
                     + json.dumps({"id": "b", "text": "x\u0000y"}) + "\n")
    result, lines = run(runner, junk, jsonl)
    assert result.exit_code == 1
    assert {line["document"] for line in lines} == {"a"}
    assert f"{junk}:3: binary data" in result.stderr
    assert f"{jsonl}:2: binary data" in result.stderr


def test_extract_reads_articles_as_ingest_does(runner, tmp_path):
    """A header block is not article text: offsets index the body that ingest stores."""
    from articles import read_articles

    path = tmp_path / "with-header.txt"
    path.write_text("Title: A vote\nOutlet: The Example Times\nID: ex-42\n\n" + ARTICLE,
                    encoding="utf-8")
    result, lines = run(runner, path)
    stored = next(iter(read_articles([path]))).text
    assert result.exit_code == 0 and lines
    assert stored == ARTICLE
    for line in lines:
        assert line["document"] == "ex-42"
        assert stored[line["start"]:line["end"]] == line["text"]


def test_empty_txt_file_is_an_error(runner, tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("")
    result, lines = run(runner, path)
    assert result.exit_code == 1 and lines == []
    assert f"{path}:1: empty file" in result.stderr
