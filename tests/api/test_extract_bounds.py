"""The work one POST /v1/extract may cause is bounded: its body, the quotes it answers and the
CPU time it uses; and it reads text/plain bodies as well as JSON."""

import gc
import io
import signal
import subprocess
import sys
import time
from contextlib import contextmanager

import pytest

from api import create_app
from api.cpu_budget import CpuBudgetExceeded, cpu_budget
from api.extract_slots import ExtractionSlots
from config import Config
from tests.conftest import PROJECT_ROOT

QUOTES = ("“The bridge opens in June,” said Mayor Ilse Varga. “We are ready,” she added. "
          "“Not yet,” said Tomas Brandt. “Soon,” Varga said. “We wait,” Brandt said.")


@pytest.fixture
def make_client(database_url, db_engine):
    """make(**settings): a test client of an app with those settings (rate limits off)."""
    apps = []

    def make(**settings):
        app = create_app(Config(database_url=database_url, json_logs=False, rate_limits=False,
                                **settings))
        apps.append(app)
        return app.test_client()

    yield make
    for app in apps:
        app.extensions["quotewire.database"].engine.dispose()


def assert_problem(response, status: int, *words: str):
    assert response.status_code == status, response.data[:300]
    assert response.content_type == "application/problem+json"
    for word in words:
        assert word in response.json["detail"]


def test_a_body_beyond_the_extraction_cap_is_413(make_client):
    client = make_client(extract_max_bytes=1000)
    assert client.post("/v1/extract", json={"text": "x" * 900}).status_code == 200
    assert_problem(client.post("/v1/extract", json={"text": "x" * 1000}), 413, "1,000")
    assert_problem(client.post("/v1/extract", data="x" * 1001, content_type="text/plain"), 413)


def test_a_chunked_body_beyond_the_cap_is_413(make_client):
    client = make_client(extract_max_bytes=1000)
    # No Content-Length: the body's end is the end of the stream, as with chunked encoding.
    response = client.post("/v1/extract", input_stream=io.BytesIO(b"x" * 5000),
                           content_type="text/plain",
                           environ_overrides={"wsgi.input_terminated": True})
    assert_problem(response, 413)


def test_the_default_cap_is_far_below_the_general_body_limit():
    config = Config()
    assert config.extract_max_bytes == 128 * 1024 < config.max_body_bytes


def test_the_answer_keeps_the_first_quotes_and_says_it_was_truncated(make_client):
    everything = make_client().post("/v1/extract", json={"text": QUOTES}).json
    assert len(everything["quotes"]) == 5 and everything["truncated"] is False
    capped = make_client(extract_max_quotes=3).post("/v1/extract", json={"text": QUOTES}).json
    assert capped["truncated"] is True
    assert capped["quotes"] == everything["quotes"][:3]
    exact = make_client(extract_max_quotes=5).post("/v1/extract", json={"text": QUOTES}).json
    assert exact["truncated"] is False and len(exact["quotes"]) == 5


def test_extraction_beyond_its_cpu_budget_is_422(make_client):
    client = make_client(extract_cpu_seconds=0.001)
    response = client.post("/v1/extract", json={"text": QUOTES * 200})
    assert_problem(response, 422, "CPU time", "shorter text")
    # The budget belongs to that request only: the timer is off and its handler restored.
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) in (signal.SIG_DFL, None)


def test_cpu_budget_interrupts_work_that_runs_over_and_spares_work_that_does_not():
    with cpu_budget(5.0):
        total = sum(range(1000))
    assert total == 499500
    with pytest.raises(CpuBudgetExceeded), cpu_budget(0.01):
        for _ in range(10**10):  # stopped by the budget long before the end
            pass


def test_a_budget_that_runs_out_in_a_garbage_collector_callback_stops_the_work_after_it():
    def slow_callback(phase, info):  # another library's, such as a profiler's
        ends = time.process_time() + 0.05
        while time.process_time() < ends:
            pass

    gc.callbacks.append(slow_callback)
    try:
        with pytest.raises(CpuBudgetExceeded), cpu_budget(0.01):
            gc.collect()  # the budget runs out inside the callback, which must not raise
            for _ in range(10**10):
                pass
    finally:
        gc.callbacks.remove(slow_callback)


def test_a_text_plain_body_is_read_as_the_text(make_client):
    client = make_client()
    as_json = client.post("/v1/extract", json={"text": QUOTES})
    as_text = client.post("/v1/extract", data=QUOTES.encode(),
                          content_type="text/plain; charset=utf-8")
    assert as_text.status_code == 200
    assert as_text.json == as_json.json


def test_a_text_plain_body_in_another_named_charset_is_decoded(make_client):
    text = "“Déjà vu,” said Zoë Müller."
    response = make_client().post("/v1/extract", data=text.encode("cp1252"),
                                  content_type="text/plain; charset=cp1252")
    assert [quote["text"] for quote in response.json["quotes"]] == ["Déjà vu,"]


def test_a_text_plain_body_that_is_not_its_charset_is_400(make_client):
    client = make_client()
    assert_problem(client.post("/v1/extract", data=b"\xff\xfe caf\xe9",
                               content_type="text/plain"), 400, "UTF-8")
    assert_problem(client.post("/v1/extract", data=b"x",
                               content_type="text/plain; charset=no-such-charset"), 400)


def test_an_empty_or_unstorable_text_plain_body_is_422(make_client):
    client = make_client()
    assert_problem(client.post("/v1/extract", data=b"", content_type="text/plain"), 422, "text")
    assert_problem(client.post("/v1/extract", data=b"a\x00b", content_type="text/plain"), 422)


def test_the_spec_documents_both_body_types_and_the_truncation(client):
    spec = client.get("/v1/openapi.json").json
    operation = spec["paths"]["/v1/extract"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "text/plain"}
    assert {"413", "422", "429", "503"} <= set(operation["responses"])
    result = spec["components"]["schemas"]["ExtractResult"]
    assert "truncated" in result["properties"] and "truncated" in result["required"]


# --- how many extractions run at once ---------------------------------------------------------

HOLD_A_SLOT = """
import sys
import time
from api.extract_slots import ExtractionSlots
with ExtractionSlots(sys.argv[1], 1).slot() as free:
    print("held" if free else "busy", flush=True)
    sys.stdin.read()  # until the test closes our stdin, or kills us
"""


@contextmanager
def slot_held_by_another_process(directory):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_A_SLOT, str(directory)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              cwd=PROJECT_ROOT)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()
        holder.stdin.close()
        holder.stdout.close()


def test_a_slot_is_held_across_processes_and_freed_when_its_holder_dies(tmp_path):
    slots = ExtractionSlots(str(tmp_path), 1)
    with slot_held_by_another_process(tmp_path) as holder, slots.slot() as free:
        assert free is False
        holder.kill()  # a worker killed mid-request (e.g. by gunicorn's timeout)
        holder.wait()
    with slots.slot() as free:
        assert free is True


def test_slots_are_counted(tmp_path):
    slots = ExtractionSlots(str(tmp_path), 2)
    with slots.slot() as first, slots.slot() as second, slots.slot() as third:
        assert (first, second, third) == (True, True, False)
    with slots.slot() as again:
        assert again is True


def test_extract_answers_503_with_retry_after_while_every_slot_is_busy(make_client, tmp_path):
    client = make_client(extract_slots_dir=str(tmp_path), extract_concurrency=1)
    with slot_held_by_another_process(tmp_path):
        response = client.post("/v1/extract", json={"text": QUOTES})
        assert_problem(response, 503, "retry")
        assert response.headers["Retry-After"] == "1"
    assert client.post("/v1/extract", json={"text": QUOTES}).status_code == 200
