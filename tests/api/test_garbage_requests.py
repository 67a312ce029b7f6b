"""Property-based: generated garbage in every route's path, query, headers and body never gets
a 5xx, and every error is problem+json. Runs on the suite's engine (SQLite, or PostgreSQL
under .ci/with_postgres.py), bounded to a few seconds."""

import base64
import json
import os
import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.v1.pagination import COUNT_CURSOR, DATED_CURSOR, GROUP_CURSOR, NAME_CURSOR
from tests.api.test_errors import PROBLEM

# A few seconds in CI; set QUOTEWIRE_FUZZ_EXAMPLES higher for a long hunt outside it.
EXAMPLES = int(os.environ.get("QUOTEWIRE_FUZZ_EXAMPLES", "300"))
REDIRECTS = (301, 302, 303, 307, 308)  # Werkzeug's are HTML and skip the error handlers
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
PARAMETERS = ("limit", "cursor", "speaker", "speaker_id", "outlet", "outlet_id", "document_id",
              "from", "to", "q", "kind", "status", "min_confidence", "sort", "name", "api_key",
              "group_by", "without", "speaker_type")
HEADERS = ("Accept", "Authorization", "Content-Type", "If-None-Match", "X-Request-ID", "Origin",
           "Access-Control-Request-Method", "Access-Control-Request-Headers", "Range")
# Every code point (NUL, surrogates, controls, emoji), the troublesome ones drawn often.
NASTY = st.sampled_from("\x00\ud800\udc80/%?#&=.\"'\\ \t\u2019\u0301")
ANY_TEXT = st.text(NASTY | st.characters(), max_size=40)
HEADER_TEXT = st.text(st.characters(max_codepoint=255, exclude_characters="\r\n"), max_size=40)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_TEXT, inner, max_size=3),
    max_leaves=8)
ARTICLE_FIELDS = ("text", "title", "url", "author", "outlet", "published", "external_id")
JSON_BODIES = (JSON_VALUES | st.fixed_dictionaries({}, optional={
    name: JSON_VALUES for name in ARTICLE_FIELDS}))
DEEP_JSON = st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n)
LONG_NUMBERS = st.integers(1, 6000).map(lambda n: b'{"text": ' + b"7" * n + b"}")
# Cursors of every collection's form (each names a position, on any collection it may not
# fit), and of the form cursors had before 1.3.0 with garbage inside.
CURSOR_KEYS = st.tuples(st.sampled_from(["d-published", "dpublished", "c", "n", "g:speaker"]),
                        st.none() | ANY_TEXT | st.integers(), ANY_TEXT | st.integers())
CURSORS = (st.sampled_from([DATED_CURSOR, COUNT_CURSOR, NAME_CURSOR, GROUP_CURSOR]).flatmap(
    lambda grammar: st.from_regex(grammar, fullmatch=True))
    | CURSOR_KEYS.map(lambda key: base64.urlsafe_b64encode(
        json.dumps(list(key)).encode("utf-8", "surrogatepass")).decode().rstrip("=")))


def _route_templates(app) -> list[str]:
    return sorted({rule.rule for rule in app.url_map.iter_rules()
                   if not rule.rule.startswith("/docs/static")})


@st.composite
def garbage_requests(draw, templates, api_key):
    template = draw(st.sampled_from(templates))
    path = re.sub(r"<[^>]+>", lambda _: quote(draw(ANY_TEXT.filter(bool)), safe="",
                                              errors="surrogatepass"), template)
    query = draw(st.lists(st.tuples(st.sampled_from(PARAMETERS) | ANY_TEXT, ANY_TEXT)
                          | st.tuples(st.just("cursor"), CURSORS), max_size=4))
    headers = draw(st.dictionaries(st.sampled_from(HEADERS), HEADER_TEXT, max_size=4))
    key = draw(st.sampled_from([api_key, None]) | HEADER_TEXT.map(lambda t: f"qw_{t}"))
    if key is not None:
        headers["Authorization"] = f"Bearer {key}"
    body = draw(st.binary(max_size=64) | JSON_BODIES.map(_json_bytes) | DEEP_JSON | LONG_NUMBERS)
    return draw(st.sampled_from(METHODS)), path, query, headers, body


def _json_bytes(value) -> bytes:
    return json.dumps(value).encode("utf-8", "surrogatepass")


def _query_string(pairs) -> str:
    return urlencode([(k.encode("utf-8", "surrogatepass"), v.encode("utf-8", "surrogatepass"))
                      for k, v in pairs])


@pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning")
def test_garbage_requests_never_get_a_server_error(app, client, corpus, api_key):
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(garbage_requests(_route_templates(app), api_key))
    def check(request):
        method, path, query, headers, body = request
        response = client.open(path, method=method, query_string=_query_string(query),
                               headers=headers, data=body)
        response.close()
        assert response.status_code < 500, (request, response.get_data()[:500])
        if path != "/":  # `/` sends browsers to /docs on purpose; no other route redirects
            assert response.status_code not in REDIRECTS, (request, response.status_code)
        if response.status_code >= 400 and method != "HEAD":
            assert response.content_type == PROBLEM, (request, response.status_code)

    check()
