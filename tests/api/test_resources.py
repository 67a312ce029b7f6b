"""Speakers, outlets and documents, and the quotes under each."""

from tests.api.conftest import items
from tests.api.factories import said, store


def speaker_named(client, name: str) -> dict:
    return items(client.get("/v1/speakers", query_string={"name": name}))[0]


def test_speakers_are_sorted_by_quote_count(client, corpus):
    speakers = items(client.get("/v1/speakers"))
    counts = [s["quote_count"] for s in speakers]
    assert counts == sorted(counts, reverse=True)
    assert speakers[0]["name"] == "Zoë Müller" and speakers[0]["quote_count"] == 3


def test_speaker_search_ignores_case_and_accents_and_pages(client, corpus):
    assert speaker_named(client, "muller")["name"] == "Zoë Müller"
    assert speaker_named(client, "LÚCIA")["name"] == "Ana Lúcia Prado"
    first = client.get("/v1/speakers?limit=1")
    second = client.get(f"/v1/speakers?limit=1&cursor={first.json['next']}")
    assert items(first)[0]["id"] != items(second)[0]["id"]
    assert "Link" in first.headers


def test_speaker_profile(client, corpus):
    zoe = speaker_named(client, "Zoë Müller")
    profile = client.get(f"/v1/speakers/{zoe['id']}").json
    assert profile["quote_count"] == 3
    assert profile["first_quoted"] == "2024-03-01" and profile["last_quoted"] == "2024-04-02"
    assert "Finance Minister" in profile["roles"]
    assert "Zoë Müller" in profile["aliases"]
    assert {o["name"]: o["quote_count"] for o in profile["outlets"]} == {
        "The Daily Test": 2, "Évora Gazette": 1}


def test_speaker_quotes_take_the_quote_filters(client, corpus):
    zoe = speaker_named(client, "Zoë Müller")["id"]
    assert len(items(client.get(f"/v1/speakers/{zoe}/quotes"))) == 3
    assert len(items(client.get(f"/v1/speakers/{zoe}/quotes?to=2024-03-20"))) == 2
    response = client.get(f"/v1/speakers/{zoe}/quotes?speaker=someone")
    assert response.status_code == 422


def test_outlets_list_profile_and_quotes(client, corpus):
    outlets = items(client.get("/v1/outlets"))
    assert [o["name"] for o in outlets] == sorted(o["name"] for o in outlets)
    daily = next(o for o in outlets if o["name"] == "The Daily Test")
    profile = client.get(f"/v1/outlets/{daily['id']}").json
    assert profile["document_count"] == 2 and profile["quote_count"] == 4
    assert profile["first_published"] == "2024-03-01"
    assert profile["top_speakers"][0]["name"] in ("Zoë Müller", "Omar Haddad")
    quotes = items(client.get(f"/v1/outlets/{daily['id']}/quotes?from=2024-04-01"))
    assert len(quotes) == 2
    assert items(client.get("/v1/outlets?name=gazette"))[0]["name"] == "Évora Gazette"


def test_outlet_pages_walk_every_outlet(client, corpus):
    names, cursor = [], None
    while True:
        response = client.get("/v1/outlets", query_string={"limit": 1, **(
            {"cursor": cursor} if cursor else {})})
        names += [o["name"] for o in items(response)]
        cursor = response.json["next"]
        if not cursor:
            break
    assert len(names) == 3 == len(set(names))


def test_documents_list_filters_and_detail(client, corpus):
    documents = items(client.get("/v1/documents"))
    assert [d["title"] for d in documents] == [
        "Election eve", "Harbour news", "Budget day", "Undated note"]
    assert "text" not in documents[0]
    march = items(client.get("/v1/documents?from=2024-03-01&to=2024-03-31"))
    assert {d["title"] for d in march} == {"Harbour news", "Budget day"}
    by_outlet = items(client.get("/v1/documents", query_string={"outlet": "évora gazette"}))
    assert [d["title"] for d in by_outlet] == ["Harbour news"]
    detail = client.get(f"/v1/documents/{corpus['harbour']}").json
    assert detail["quote_count"] == 3 and detail["text"].startswith("A report.")
    assert detail["outlet"]["name"] == "Évora Gazette"


def test_document_quotes(client, corpus):
    quotes = items(client.get(f"/v1/documents/{corpus['harbour']}/quotes"))
    assert len(quotes) == 3 and {q["document_id"] for q in quotes} == {corpus["harbour"]}


def test_speaker_search_matches_every_word_in_any_order(client, db_engine):
    store(db_engine, [said("Ottilie Varga Lind", "The dam holds"),
                      said("Ottilie Berg", "The dam leaks"),
                      said("Anton Lindqvist", "Nobody checked the dam")], title="Dam")
    def found(name):
        return {s["name"] for s in items(client.get("/v1/speakers", query_string={"name": name}))}

    assert found("Ottilie Lind") == {"Ottilie Varga Lind"}
    assert found("LIND ottílie") == {"Ottilie Varga Lind"}
    assert found("ottilie") == {"Ottilie Varga Lind", "Ottilie Berg"}
    assert found("lind") == {"Ottilie Varga Lind", "Anton Lindqvist"}
    assert found("varga berg") == set()
    assert found("tilie") == set()  # words match from their start, not from the middle


def test_speaker_pages_walk_every_speaker_once_most_quoted_first(client, corpus):
    seen, cursor = [], None
    while True:
        query = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        response = client.get("/v1/speakers", query_string=query)
        seen += [(s["quote_count"], s["id"]) for s in items(response)]
        cursor = response.json["next"]
        if not cursor:
            break
    assert seen == sorted(seen, key=lambda pair: (-pair[0], pair[1]))
    assert len(seen) == len({speaker_id for _, speaker_id in seen}) == 3
    assert [count for count, _ in seen] == [3, 2, 2]
