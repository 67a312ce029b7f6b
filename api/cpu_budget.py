"""A CPU-time budget for one piece of request work, enforced by a profiling-timer signal.

gunicorn's default sync workers run each request in the process's main thread, where
`signal.setitimer(ITIMER_PROF)` can interrupt pure-Python work (such as the extractor) once the
process has used the budget. Elsewhere (gthread workers run requests in other threads, where
Python cannot receive signals) the budget is not enforced and the input caps are the bound.
"""

import signal
import threading
from contextlib import contextmanager


class CpuBudgetExceeded(Exception):
    """The work used more CPU time than its budget."""


def _interrupt(signum, frame):
    raise CpuBudgetExceeded


@contextmanager
def cpu_budget(seconds: float):
    """Raise CpuBudgetExceeded inside the block once it has used `seconds` of CPU time."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGPROF, _interrupt)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
