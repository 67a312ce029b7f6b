"""Prometheus metrics at /metrics: request counts and latencies by route template.

Under gunicorn each worker is its own process, so gunicorn.conf.py points
PROMETHEUS_MULTIPROC_DIR at a directory where every worker writes its samples; whichever
worker answers /metrics sums them all. Without that variable (tests, `flask run`) the
process keeps its own samples in memory.
"""

import os

from flask import Flask, Request
from prometheus_client import CollectorRegistry
from prometheus_flask_exporter import PrometheusMetrics
from prometheus_flask_exporter.multiprocess import GunicornInternalPrometheusMetrics

METRICS_PATH = "/metrics"
MULTIPROCESS_DIR_ENV = "PROMETHEUS_MULTIPROC_DIR"


def route(request: Request) -> str:
    """The matched route's template (`/v1/quotes/<quote_id>`), never the raw path, so each
    route is one label value however many ids and query strings clients send."""
    return request.url_rule.rule if request.url_rule else "unmatched"


def init_metrics(app: Flask) -> PrometheusMetrics:
    """Count and time every request, and serve /metrics (a plain Flask route: not in the spec)."""
    if os.environ.get(MULTIPROCESS_DIR_ENV):
        return GunicornInternalPrometheusMetrics(app, path=METRICS_PATH, group_by=route)
    # A registry of its own per app, so that several apps in one process (tests) never clash.
    return PrometheusMetrics(app, path=METRICS_PATH, group_by=route,
                             registry=CollectorRegistry())
