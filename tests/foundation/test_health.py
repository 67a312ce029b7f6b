"""Liveness, readiness, request ids and the problem+json error shape."""

from api import create_app
from config import Config


def test_healthz_answers_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_readyz_answers_ok_when_the_database_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200


def test_readyz_answers_503_when_the_database_is_unreachable(tmp_path):
    missing = tmp_path / "no-such-dir" / "x" / "db.sqlite"
    app = create_app(Config(database_url=f"sqlite:///{missing}", json_logs=False))
    missing.parent.rmdir()  # the engine made the folder; take it away so connecting fails
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.content_type == "application/problem+json"
    assert "database" in response.json["detail"]


def test_request_id_is_honoured_and_echoed(client):
    response = client.get("/healthz", headers={"X-Request-ID": "trace-42.a"})
    assert response.headers["X-Request-ID"] == "trace-42.a"


def test_unsafe_request_id_is_replaced(client):
    response = client.get("/healthz", headers={"X-Request-ID": "bad id\u2028<script>"})
    generated = response.headers["X-Request-ID"]
    assert generated != "bad id\u2028<script>"
    assert len(generated) == 32


def test_unknown_path_is_a_problem_document_with_the_request_id(client):
    response = client.get("/no/such/thing", headers={"X-Request-ID": "r1"})
    assert response.status_code == 404
    assert response.content_type == "application/problem+json"
    body = response.json
    assert body["status"] == 404 and body["title"] == "Not Found"
    assert body["instance"] == "/no/such/thing" and body["request_id"] == "r1"


def test_wrong_method_keeps_the_allow_header(client):
    response = client.post("/healthz")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert response.content_type == "application/problem+json"


def test_access_log_is_json_with_the_request_id(app, capsys):
    import logging

    from api.request_log import configure_logging

    configure_logging("INFO", json_logs=True)
    app.test_client().get("/healthz", headers={"X-Request-ID": "log-me"})
    logging.getLogger("quotewire").handlers[0].flush()
    line = [x for x in capsys.readouterr().err.splitlines() if "log-me" in x][-1]
    import json

    record = json.loads(line)
    assert record["request_id"] == "log-me" and record["status"] == 200
    assert record["path"] == "/healthz"


def test_readyz_answers_503_while_draining_and_everything_else_still_serves(client):
    from multiprocessing.sharedctypes import RawValue

    from api import drain

    before = drain._flag
    drain.share_flag(RawValue("b", 1))  # as gunicorn's master sets it on SIGTERM
    try:
        response = client.get("/readyz")
        assert response.status_code == 503
        assert response.content_type == "application/problem+json"
        assert "shutting down" in response.json["detail"]
        assert client.get("/healthz").status_code == 200
        assert client.get("/v1/quotes").status_code == 200
    finally:
        drain.share_flag(before)
