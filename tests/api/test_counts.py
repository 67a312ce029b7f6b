"""GET /v1/quotes/counts: every count is the number of quotes its link lists.

The property is checked on generated corpora (texts run by several outlets on several dates,
some with no outlet, date or linked speaker) for every grouping the endpoint accepts, each
under a few of the /v1/quotes filters, by following every link and counting what it lists.
"""

import csv
import io
import itertools
from urllib.parse import parse_qsl, urlsplit

import pytest

from tests.api.factories import store_generated_corpus

ONE = ("speaker", "outlet", "speaker_type", "kind", "status", "day", "week", "month", "year")
TIMES = ("day", "week", "month", "year")
GROUPINGS = [(d,) for d in ONE] + [
    pair for pair in itertools.permutations(ONE, 2)
    if sum(d in TIMES for d in pair) < 2 and (pair[0] < pair[1] or pair[1] in TIMES)]
FILTERS = (
    "",
    "from=2025-12-31&to=2026-01-12",
    "outlet=valley+wire",
    "outlet_id=2&to=2026-01-02",
    "speaker=varga&kind=full",
    "status=attributed&min_confidence=0.6",
    "without=outlet",
    "distinct=statement&from=2026-01-01",
    "q=harbour",
    "speaker_type=person&without=published",
    "without=speaker",
)


def listed(client, url: str) -> int:
    """How many quotes a /v1/quotes URL lists (on one page: the corpus is smaller)."""
    response = client.get(url + ("&" if "?" in url else "?") + "limit=200")
    assert response.status_code == 200 and response.json["next"] is None, (url, response.json)
    return len(response.json["items"])


def every_group(client, url: str, follow: bool) -> tuple[dict, list[dict]]:
    """The first answer and its groups, and if `follow`, those of every next page too."""
    first = answer = client.get(url).json
    groups = list(answer["groups"])
    while follow and answer["next"]:
        answer = client.get(f"{url}&cursor={answer['next']}").json
        groups += answer["groups"]
    return first, groups


def test_every_count_is_what_its_link_lists(client, db_engine):
    store_generated_corpus(db_engine, 11)
    for number, grouping in enumerate(GROUPINGS):
        # Each grouping under one set of filters, and the single ones under a second.
        for filters in {FILTERS[number % len(FILTERS)],
                        FILTERS[(number + 5) % len(FILTERS) if len(grouping) == 1 else 0]}:
            # A value with its whole series is many groups: a first one is enough.
            series = len(grouping) == 2 and any(d in TIMES for d in grouping)
            url = (f"/v1/quotes/counts?group_by={','.join(grouping)}&limit={1 if series else 2}"
                   f"&{filters}")
            answer, groups = every_group(client, url, follow=not series)
            assert answer["total"] == listed(client, answer["quotes"]), url
            keys = [tuple(group["key"]) for group in groups]
            assert len(keys) == len(set(keys)), url
            for group in groups:
                assert group["count"] == listed(client, group["quotes"]), (url, group)
            if not any(d in ("outlet", *TIMES) for d in grouping):
                assert sum(g["count"] for g in groups) == answer["total"], url


def test_links_repeat_the_filters_and_add_the_group(client, db_engine):
    store_generated_corpus(db_engine, 3)
    answer = client.get("/v1/quotes/counts?group_by=outlet,month&kind=full"
                        "&from=2026-01-01&to=2026-01-20").json
    for group in answer["groups"]:
        query = dict(parse_qsl(urlsplit(group["quotes"]).query))
        assert urlsplit(group["quotes"]).path == "/v1/quotes"
        assert query["kind"] == "full" and "group_by" not in query and "limit" not in query
        outlet, month = group["key"]
        if month is not None:  # the period, cut to the dates asked for
            assert query["from"] == "2026-01-01" and query["to"] == "2026-01-20"
        if outlet is None:
            assert query["without"] == "outlet"
        else:
            assert query["outlet_id"] == outlet


def test_periods_come_in_order_with_empty_ones_as_zero(client, db_engine):
    store_generated_corpus(db_engine, 7)
    groups = client.get("/v1/quotes/counts?group_by=week").json["groups"]
    dated = [g for g in groups if g["key"][0] is not None]
    assert [g["key"][0] for g in dated] == ["2025-12-29", "2026-01-05", "2026-01-12"]
    assert [g["label"][0] for g in dated] == ["2026-W01", "2026-W02", "2026-W03"]
    assert dated[1]["count"] == 0 and dated[0]["count"] > 0 and dated[2]["count"] > 0
    assert groups[-1]["key"] == [None] and groups[-1]["quotes"].endswith("without=published")


def test_ranked_groups_are_by_count_then_paged_by_cursor(client, db_engine):
    store_generated_corpus(db_engine, 11)
    everything = client.get("/v1/quotes/counts?group_by=speaker&limit=1000").json["groups"]
    counts = [g["count"] for g in everything]
    assert counts == sorted(counts, reverse=True) and len(everything) >= 3
    first = client.get("/v1/quotes/counts?group_by=speaker&limit=2")
    assert first.json["groups"] == everything[:2] and 'rel="next"' in first.headers["Link"]
    second = client.get(f"/v1/quotes/counts?group_by=speaker&limit=2&cursor={first.json['next']}")
    assert second.json["groups"] == everything[2:4]


def test_csv_is_the_same_table(client, db_engine):
    store_generated_corpus(db_engine, 7)
    url = "/v1/quotes/counts?group_by=speaker,month&limit=2"
    groups = client.get(url).json["groups"]
    response = client.get(url, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True))))
    assert list(rows[0]) == ["speaker", "speaker_label", "month", "month_label", "count",
                             "quotes"]
    assert [(r["speaker"], r["month_label"], int(r["count"]), r["quotes"]) for r in rows] == [
        (g["key"][0] or "", g["label"][1] or "", g["count"], g["quotes"]) for g in groups]


@pytest.mark.parametrize("group_by", ["", "speaker,outlet,kind", "month,year", "kind,kind",
                                      "weekday", "speaker,"])
def test_a_bad_group_by_is_a_422(client, group_by):
    response = client.get(f"/v1/quotes/counts?group_by={group_by}")
    assert response.status_code == 422 and response.mimetype == "application/problem+json"
    assert "group_by" in response.json["errors"]["query"]


def test_group_by_is_required_and_filters_are_checked(client):
    assert client.get("/v1/quotes/counts").status_code == 422
    assert client.get("/v1/quotes/counts?group_by=kind&sort=published").status_code == 422
    assert client.get("/v1/quotes/counts?group_by=kind&without=author").status_code == 422


def test_a_cursor_is_a_count_then_the_keys_of_the_last_group(client, db_engine):
    store_generated_corpus(db_engine, 11)
    everything = client.get("/v1/quotes/counts?group_by=speaker,kind&limit=1000").json["groups"]
    first = client.get("/v1/quotes/counts?group_by=speaker,kind&limit=2").json
    last = first["groups"][-1]
    speaker, kind = last["key"]
    assert first["next"] == f"{last['count']}.{speaker or 0}.{kind}"
    after = client.get(f"/v1/quotes/counts?group_by=speaker,kind&cursor={first['next']}"
                       "&limit=1000").json["groups"]
    assert after == everything[2:]


def _ranked(client, query: str) -> list[tuple]:
    answer = client.get(f"/v1/quotes/counts?limit=1000&{query}")
    assert answer.status_code == 200, answer.json
    return [(g["count"], *g["key"]) for g in answer.json["groups"]]


def test_any_cursor_of_the_form_names_a_position_in_the_groups_order(client, db_engine):
    store_generated_corpus(db_engine, 11)
    groups = _ranked(client, "group_by=speaker")
    top, low = groups[0][0], groups[-1][0]
    assert top > low
    # A count alone: after every group with that count, so the next count down comes first.
    assert _ranked(client, f"group_by=speaker&cursor={top}") == [
        g for g in groups if g[0] < top]
    assert _ranked(client, f"group_by=speaker&cursor={top + 1}") == groups
    assert _ranked(client, "group_by=speaker&cursor=0") == []
    assert _ranked(client, "group_by=speaker&cursor=9999999999") == groups
    # A word where an id goes, or an id past any stored one: after every id of that count.
    for cursor in (f"{top}.person", f"{top}.9999999999999999"):
        assert _ranked(client, f"group_by=speaker&cursor={cursor}") == [
            g for g in groups if g[0] < top]
    # Keys beyond the grouping's are finer positions inside the last group: after it.
    first_id = groups[0][1] or 0
    assert _ranked(client, f"group_by=speaker&cursor={top}.{first_id}.full") == groups[1:]
    # An empty key is the group of quotes lacking the value (written 0 for an id).
    kinds = _ranked(client, "group_by=kind,speaker_type")
    at = next(n for n, group in enumerate(kinds) if group[2] is None)
    count, kind, _ = kinds[at]
    assert _ranked(client, f"group_by=kind,speaker_type&cursor={count}.{kind}.") == \
        kinds[at + 1:]
    unlinked = next(n for n, group in enumerate(groups) if group[1] is None)
    assert _ranked(client, f"group_by=speaker&cursor={groups[unlinked][0]}.0") == \
        groups[unlinked + 1:]


def test_periods_are_never_paged_so_a_cursor_leaves_them_whole(client, db_engine):
    store_generated_corpus(db_engine, 7)
    whole = client.get("/v1/quotes/counts?group_by=month").json
    assert whole["next"] is None
    assert client.get("/v1/quotes/counts?group_by=month&cursor=3.7").json == whole


def test_every_cursor_and_group_by_the_document_allows_is_answered(app, client, db_engine):
    import json

    import jsonschema_rs
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    store_generated_corpus(db_engine, 7)
    spec = json.loads(client.get("/v1/openapi.json").get_data())
    parameters = {p["name"]: p["schema"]
                  for p in spec["paths"]["/v1/quotes/counts"]["get"]["parameters"]}
    cursor = parameters["cursor"]
    group_by = jsonschema_rs.validator_for(
        {**parameters["group_by"], "components": spec["components"]})
    dimensions = spec["components"]["schemas"]["CountDimension"]["enum"]
    lists = st.lists(st.sampled_from(dimensions), min_size=0, max_size=3)

    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(cursor=st.from_regex(cursor["pattern"], fullmatch=True), chosen=lists)
    def check(cursor, chosen):
        response = client.get("/v1/quotes/counts", query_string=[
            ("cursor", cursor), *(("group_by", d) for d in chosen)])
        documented = group_by.is_valid(chosen)
        assert response.status_code == (200 if documented else 422), (
            cursor, chosen, response.json)

    check()


def test_too_many_periods_is_a_422_not_a_long_answer(client, db_engine):
    from datetime import date

    from tests.api.factories import said, store
    store(db_engine, [said("Ilse Varga", "We begin")], title="Old", published=date(1900, 1, 1))
    store(db_engine, [said("Ilse Varga", "We end")], title="New", published=date(2026, 1, 1))
    response = client.get("/v1/quotes/counts?group_by=day")
    assert response.status_code == 422 and "periods" in response.json["detail"]
    assert client.get("/v1/quotes/counts?group_by=year").json["total"] == 2


def test_ids_no_row_can_have_count_nothing(client, db_engine):
    store_generated_corpus(db_engine, 7)
    answer = client.get("/v1/quotes/counts?group_by=outlet&speaker_id=99999999999").json
    assert answer["total"] == 0 and answer["groups"] == []


def test_profiles_count_what_their_links_list(client, db_engine):
    store_generated_corpus(db_engine, 11)
    for speaker in client.get("/v1/speakers?limit=200").json["items"]:
        profile = client.get(f"/v1/speakers/{speaker['id']}").json
        assert profile["top_outlets"], speaker
        for outlet in profile["top_outlets"]:
            assert outlet["quote_count"] == listed(client, outlet["quotes"]), outlet
        first, last = profile["first_quoted"], profile["last_quoted"]
        theirs = f"/v1/quotes?speaker_id={speaker['id']}"
        assert listed(client, f"{theirs}&from={first}&to={first}") > 0
        assert listed(client, f"{theirs}&from={last}&to={last}") > 0
        assert listed(client, f"{theirs}&from={last}") == listed(
            client, f"{theirs}&from={last}&to={last}")
    for outlet in client.get("/v1/outlets?limit=200").json["items"]:
        for speaker in client.get(f"/v1/outlets/{outlet['id']}").json["top_speakers"]:
            assert speaker["quote_count"] == listed(client, speaker["quotes"]), speaker
