"""Reading articles from files: formats, metadata, datelines, and every kind of bad input."""

import json
from datetime import date

from articles import Article, ReadError, Skipped, read_articles
from articles.datelines import dateline_date

HEADER_ARTICLE = """Title: Ferry fares frozen for a year
Outlet: The Harbour Ledger
Published: 2025-03-14
URL: https://example.org/ferry
Author: Ada Brennock

“We heard the islanders,” said Tomas Quill, the harbour master.
"""

PAGE = """<html><head><title>Bridge vote delayed | Valley Wire</title>
<meta property="og:site_name" content="Valley Wire">
<meta property="article:published_time" content="2025-06-02T09:00:00Z">
<link rel="canonical" href="https://example.org/bridge-vote"></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Bridge vote delayed</h1>
<p>The council postponed its vote on the new river bridge on Monday after engineers asked
for more time to study the riverbed beneath the eastern pier.</p>
<p>“We would rather be late than wrong,” said Orla Fenwick, who chairs the works committee.
She added that the delay should not push the opening beyond next spring.</p>
<p>Residents on both banks have waited nearly a decade for a crossing that does not close
whenever the river floods, and several of them came to the meeting to say so.</p>
</article><footer>Copyright Valley Wire</footer></body></html>"""


def read(paths, **kwargs) -> list:
    return list(read_articles([str(p) for p in paths], **kwargs))


def test_txt_header_block_is_metadata_and_the_rest_is_stored_exactly(tmp_path):
    path = tmp_path / "ferry.txt"
    path.write_text(HEADER_ARTICLE, encoding="utf-8")
    [article] = read([path])
    assert article.title == "Ferry fares frozen for a year"
    assert article.outlet == "The Harbour Ledger"
    assert article.published == date(2025, 3, 14)
    assert article.url == "https://example.org/ferry"
    assert article.author == "Ada Brennock"
    assert article.text == HEADER_ARTICLE.split("\n\n", 1)[1]
    assert article.source == str(path)


def test_txt_without_a_whole_header_block_is_all_text(tmp_path):
    body = "Title: a line that looks like a header\nbut this one is not\n\nMore text."
    path = tmp_path / "plain.txt"
    path.write_text(body, encoding="utf-8")
    [article] = read([path])
    assert article.text == body
    assert article.title is None


def test_command_line_metadata_fills_what_the_file_does_not_say(tmp_path):
    (tmp_path / "a.txt").write_text("Outlet: Valley Wire\n\nSome text.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Other text.", encoding="utf-8")
    a, b = read([tmp_path], outlet="Northgate Courier", published=date(2024, 1, 2))
    assert (a.outlet, b.outlet) == ("Valley Wire", "Northgate Courier")
    assert a.published == b.published == date(2024, 1, 2)


def test_dateline_gives_the_date_when_none_is_given(tmp_path):
    (tmp_path / "d.txt").write_text(
        "KARSVIK, March 3 — Fishing crews returned early in 2023, and by 2023's end…",
        encoding="utf-8")
    [article] = read([tmp_path])
    assert article.published == date(2023, 3, 3)


def test_dateline_forms_and_where_the_year_comes_from():
    assert dateline_date("OSTRAVEN (Wire Service) Oct. 4 - Lawmakers met.",
                         "https://example.org/2021/10/04/x") == date(2021, 10, 4)
    assert dateline_date("BELLHAVEN, Elmland, Sept. 12, 2016 – Text.") == date(2016, 9, 12)
    assert dateline_date("BELLHAVEN, May 2 — No year anywhere.") is None
    assert dateline_date("An ordinary first sentence in 2020.") is None
    assert dateline_date("NORRHAMN, December 31 — In 2019 the port closed.") == date(2019, 12, 31)


def test_a_dateline_day_that_no_month_has_gives_no_date():
    assert dateline_date("NORRHAMN, Feb. 30, 2024 — Text.") is None
    assert dateline_date("NORRHAMN, Jan. 45 — In 2019 the port closed.") is None


def test_json_and_jsonl_fields(tmp_path):
    record = {"id": "n-1", "title": "T", "outlet": "O", "published": "2024-05-06T10:00:00Z",
              "url": "https://example.org/n-1", "author": "A", "text": "Body one."}
    (tmp_path / "one.json").write_text(json.dumps(record), encoding="utf-8")
    (tmp_path / "many.jsonl").write_text(
        json.dumps(record | {"id": "n-2", "text": "Body two."}) + "\n\n"
        + json.dumps(record | {"id": 3, "text": "Body three."}) + "\n", encoding="utf-8")
    items = read([tmp_path])
    assert [a.external_id for a in items] == ["n-2", "3", "n-1"]  # sorted file order
    assert items[0].source == f"{tmp_path / 'many.jsonl'}:1"
    assert items[1].source == f"{tmp_path / 'many.jsonl'}:3"
    assert items[2] == Article(text="Body one.", title="T", url="https://example.org/n-1",
                               author="A", outlet="O", published=date(2024, 5, 6),
                               external_id="n-1", source=str(tmp_path / "one.json"))


def test_html_main_text_and_metadata_through_trafilatura(tmp_path):
    (tmp_path / "bridge.html").write_text(PAGE, encoding="utf-8")
    [article] = read([tmp_path])
    assert "We would rather be late than wrong" in article.text
    assert "Copyright" not in article.text and "Home" not in article.text
    assert article.title.startswith("Bridge vote delayed")
    assert article.outlet == "Valley Wire"
    assert article.published == date(2025, 6, 2)
    assert article.url == "https://example.org/bridge-vote"


def test_folders_are_walked_recursively_in_sorted_order(tmp_path):
    for name in ["b/2.txt", "a/z.txt", "a/sub/1.txt", "c.md", ".hidden.txt", ".git/HEAD",
                 ".git/notes.txt"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(f"Text of {name}.", encoding="utf-8")
    items = read([tmp_path])
    sources = [a.source for a in items if isinstance(a, Article)]
    assert sources == [str(tmp_path / n) for n in ["a/sub/1.txt", "a/z.txt", "b/2.txt"]]
    assert [(s.source, s.reason.split(":")[0]) for s in items if isinstance(s, Skipped)] == [
        (str(tmp_path / "c.md"), "skipped")]


def test_every_bad_input_is_reported_with_file_line_and_reason(tmp_path):
    good = {"id": "ok", "text": "Fine text."}
    files = {
        "empty.txt": b"  \n",
        "header-only.txt": b"Title: Nothing below\n\n",
        "latin1.txt": "line one\nline two\ncaf\xe9\n".encode("latin-1"),
        "big.txt": b"x" * 2000,
        "broken.json": b'{"text": "unfinished',
        "no-text.json": b'{"title": "no body"}',
        "lines.jsonl": (json.dumps(good) + "\n{broken\n" + json.dumps({"id": 2}) + "\n"
                        + json.dumps({"text": "y" * 3000}) + "\n[1, 2]\n").encode(),
        "empty-page.html": b"<html><body><nav>Home</nav></body></html>",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing-target.txt")
    items = read([tmp_path], max_bytes=1000)
    errors = {e.source.replace(str(tmp_path) + "/", ""): e.reason
              for e in items if isinstance(e, ReadError)}
    assert [a.external_id for a in items if isinstance(a, Article)] == ["ok"]
    assert set(errors) == {
        "big.txt", "broken.json:1", "empty.txt", "empty-page.html", "gone.txt",
        "header-only.txt", "latin1.txt:3", "lines.jsonl:2", "lines.jsonl:3",
        "lines.jsonl:4", "lines.jsonl:5", "no-text.json"}
    assert "over the limit of 1000" in errors["big.txt"]
    assert "over the limit of 1000" in errors["lines.jsonl:4"]
    assert "invalid JSON" in errors["lines.jsonl:2"]
    assert "not valid UTF-8" in errors["latin1.txt:3"]
    assert errors["empty.txt"] == "empty file"
    assert "no article text" in errors["empty-page.html"]
    assert "cannot read" in errors["gone.txt"]
    assert "expected a JSON object" in errors["lines.jsonl:5"]
