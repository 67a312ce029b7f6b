"""A per-worker cache of rendered GET answers, kept only while the stored data is unchanged.

Reads far outnumber writes, and the same pages (the newest quotes, a popular speaker) are asked
for again and again. Each answer is kept under the full request (URL and Accept) and a data
stamp read BEFORE the query runs (models.queries.change_stamp_reader): any write committed
since, by any process, changes the stamp, and the stale entry is rendered afresh. Streamed
exports and error answers are never kept.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass

from flask import Response, current_app, g, request

from api.database import database
from models.queries import change_stamp_reader

EXTENSION_KEY = "quotewire.page_cache"
MAX_BODY_BYTES = 512 * 1024
# Headers of the answer that belong to its body, not to this one request.
KEPT_HEADERS = ("Content-Type", "Link", "ETag", "Vary")


@dataclass(frozen=True)
class CachedAnswer:
    stamp: object
    body: bytes
    headers: tuple[tuple[str, str], ...]


class PageCache:
    """Least-recently-used answers under a byte budget; safe across threads."""

    def __init__(self, read_stamp, max_bytes: int):
        self.read_stamp = read_stamp
        self.max_bytes = max_bytes
        self._answers: OrderedDict[tuple, CachedAnswer] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key: tuple, stamp: object) -> CachedAnswer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is None or answer.stamp != stamp:
                return None
            self._answers.move_to_end(key)
            return answer

    def put(self, key: tuple, answer: CachedAnswer) -> None:
        with self._lock:
            old = self._answers.pop(key, None)
            self._bytes += len(answer.body) - (len(old.body) if old else 0)
            self._answers[key] = answer
            while self._bytes > self.max_bytes:
                _, evicted = self._answers.popitem(last=False)
                self._bytes -= len(evicted.body)


def page_cache() -> PageCache | None:
    """This worker's cache; None when QUOTEWIRE_PAGE_CACHE_BYTES is 0."""
    if EXTENSION_KEY not in current_app.extensions:
        max_bytes = current_app.config["QUOTEWIRE"].page_cache_bytes
        current_app.extensions[EXTENSION_KEY] = PageCache(
            change_stamp_reader(database().engine), max_bytes) if max_bytes else None
    return current_app.extensions[EXTENSION_KEY]


def _request_key() -> tuple:
    return request.url, request.headers.get("Accept", "")


def answer_from_cache() -> Response | None:
    """before_request: the kept answer to this GET when the data has not changed since.

    It runs before the blueprint's auth policy, which is safe only because every v1 policy
    leaves GETs public (api.auth): a resource whose reads need a key must not use this cache.
    """
    cache = page_cache()
    if request.method != "GET" or cache is None:
        return None
    g.page_stamp = cache.read_stamp()
    answer = cache.get(_request_key(), g.page_stamp)
    if answer is None:
        return None
    g.page_from_cache = True
    return Response(answer.body, headers=list(answer.headers))


def keep_answer(response: Response) -> None:
    """Keep a rendered 200 answer to a GET under the stamp read before it was made."""
    if ("page_stamp" not in g or g.get("page_from_cache") or request.method != "GET"
            or response.status_code != 200 or response.is_streamed):
        return
    body = response.get_data()
    if len(body) > MAX_BODY_BYTES:
        return
    headers = tuple((name, value) for name, value in response.headers.items()
                    if name in KEPT_HEADERS)
    page_cache().put(_request_key(), CachedAnswer(g.page_stamp, body, headers))
