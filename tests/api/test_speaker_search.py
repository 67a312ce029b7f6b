"""?speaker= finds a speaker by any distinctive part of a name, and says whom it matched."""

from datetime import date

from tests.api.conftest import texts
from tests.api.factories import said, store


def quotes_by(client, speaker: str):
    response = client.get("/v1/quotes", query_string={"speaker": speaker})
    assert response.status_code == 200, response.json
    return response


def matched_names(response) -> list[str]:
    return [speaker["name"] for speaker in response.json["matched_speakers"]]


def test_surname_finds_a_speaker_only_ever_named_in_full(client, db_engine):
    store(db_engine, [said("Ilse Varga", "The bridge opens in June", role="Mayor")])
    for query in ("varga", "VARGA", "ilse varga", "Ilse  Várga", "Mayor Ilse Varga", "ilse"):
        response = quotes_by(client, query)
        assert texts(response) == ["The bridge opens in June"], query
        assert matched_names(response) == ["Ilse Varga"], query


def test_every_word_given_must_be_a_whole_word_of_the_name(client, db_engine):
    store(db_engine, [said("Ilse Varga", "The bridge opens in June")])
    for query in ("varg", "ilse moreau", "peter varga"):
        response = quotes_by(client, query)
        assert texts(response) == [] and response.json["matched_speakers"] == [], query


def test_a_name_matching_several_speakers_returns_all_their_quotes_and_names_them(
        client, db_engine):
    store(db_engine, [said("Ilse Varga", "The bridge opens in June"),
                      said("Peter Varga", "The council never voted on it")],
          published=date(2026, 5, 2))
    store(db_engine, [said("Peter Varga", "We will appeal")], title="Appeal",
          published=date(2026, 5, 3))
    response = quotes_by(client, "varga")
    assert sorted(texts(response)) == ["The bridge opens in June",
                                       "The council never voted on it", "We will appeal"]
    assert matched_names(response) == ["Peter Varga", "Ilse Varga"]  # most quoted first
    matched = response.json["matched_speakers"][0]
    assert set(matched) == {"id", "name", "type", "role", "quote_count"}
    assert matched["quote_count"] == 2
    assert matched_names(quotes_by(client, "ilse varga")) == ["Ilse Varga"]


def test_a_hyphenated_name_is_one_word(client, db_engine):
    store(db_engine, [said("Jean-Luc Moreau", "Nobody asked the ferry crews"),
                      said("Ana Okonkwo-Lind", "The crews were asked"),
                      said("Ottilie Varga Lind", "Ask them again")])
    assert texts(quotes_by(client, "jean-luc")) == ["Nobody asked the ferry crews"]
    assert texts(quotes_by(client, "luc")) == []
    assert matched_names(quotes_by(client, "lind")) == ["Ottilie Varga Lind"]


def test_pages_of_a_speaker_search_all_say_whom_they_matched(client, db_engine):
    store(db_engine, [said("Ilse Varga", f"Point number {n} stands") for n in range(3)])
    first = client.get("/v1/quotes?speaker=varga&limit=2").json
    second = client.get(f"/v1/quotes?speaker=varga&limit=2&cursor={first['next']}").json
    assert len(first["items"]) == 2 and len(second["items"]) == 1
    assert first["matched_speakers"] == second["matched_speakers"]


def test_no_speaker_filter_means_no_matched_speakers_field(client, db_engine):
    store(db_engine, [said("Ilse Varga", "The bridge opens in June")])
    assert "matched_speakers" not in client.get("/v1/quotes").json


def test_exports_filter_by_any_part_of_a_name_too(client, db_engine):
    store(db_engine, [said("Ilse Varga", "The bridge opens in June")])
    response = client.get("/v1/quotes?speaker=varga", headers={"Accept": "application/x-ndjson"})
    assert response.status_code == 200
    assert b"The bridge opens in June" in response.data
