"""JSON bodies beyond the nesting and number bounds are 400 problem+json, checked before
parsing (the parser itself would raise RecursionError or ValueError: 500s)."""

import pytest

from api.json_limits import MAX_DEPTH, JSONLimitError, check_json_bounds
from tests.api.test_errors import assert_problem

DEEP = "[" * 1000 + "]" * 1000
HUGE_NUMBER = '{"text": ' + "9" * 4400 + "}"


@pytest.mark.parametrize("body, words", [
    (DEEP, "nested"), ("[" * 5000, "nested"), ('{"text": "x", "a": ' + DEEP + "}", "nested"),
    (HUGE_NUMBER, "number"), ('{"text": 1.' + "5" * 5000 + "}", "number"),
])
def test_deep_or_huge_number_bodies_are_400_on_every_json_route(client, api_key, body, words):
    assert_problem(client.post("/v1/extract", data=body, content_type="application/json"),
                   400, words)
    response = client.post("/v1/documents", data=body, content_type="application/json",
                           headers={"Authorization": f"Bearer {api_key}"})
    assert_problem(response, 400, words)


def test_bounds_ignore_brackets_and_digits_inside_strings():
    check_json_bounds(('{"text": "' + "[{" * 500 + '\\"' + "9" * 500 + '"}').encode())


def test_nesting_up_to_the_bound_is_accepted():
    check_json_bounds(("[" * MAX_DEPTH + "]" * MAX_DEPTH).encode())
    with pytest.raises(JSONLimitError):
        check_json_bounds(("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)).encode())


def test_many_shallow_brackets_are_not_deep():
    check_json_bounds(b"[" + b"[1]," * 10000 + b"[]]")


def test_an_unterminated_string_is_left_to_the_parser(client):
    body = '{"text": "' + '\\"' * 1000
    assert_problem(client.post("/v1/extract", data=body, content_type="application/json"), 400)
