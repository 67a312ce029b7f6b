"""A CPU-time budget for one piece of request work, enforced by a profiling-timer signal.

gunicorn's default sync workers run each request in the process's main thread, where
`signal.setitimer(ITIMER_PROF)` can interrupt pure-Python work (such as the extractor) once the
process has used the budget. Elsewhere (gthread workers run requests in other threads, where
Python cannot receive signals) the budget is not enforced and the input caps are the bound.
"""

import gc
import os
import signal
import threading
from contextlib import contextmanager

# After the budget, the timer fires again this often, so a signal that could not raise where
# it landed (see CALLBACK_FILES) stops the work at the next one.
REPEAT_SECONDS = 0.02
# A signal that lands while a dying object's weakref callback (or a garbage-collector callback)
# runs must not raise there: Python only reports such an exception as "unraisable", and the
# work would go on.
CALLBACK_FILES = (os.sep + "weakref.py", os.sep + "_weakrefset.py")


class CpuBudgetExceeded(Exception):
    """The work used more CPU time than its budget."""


@contextmanager
def cpu_budget(seconds: float):
    """Raise CpuBudgetExceeded inside the block once it has used `seconds` of CPU time."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    fired = []
    collecting = []  # non-empty while the garbage collector runs its callbacks

    def interrupt(signum, frame):
        fired.append(True)
        if collecting or (frame is not None and
                          frame.f_code.co_filename.endswith(CALLBACK_FILES)):
            return  # an exception raised in a callback is only reported; the next signal stops
        raise CpuBudgetExceeded

    def collection_starts(phase, info):
        if phase == "start":
            collecting.append(True)

    def collection_ends(phase, info):
        if phase == "stop":
            collecting.clear()

    # First and last in the list, so the flag is up while any other callback runs ("start"
    # callbacks run before a collection, "stop" ones after it).
    gc.callbacks.insert(0, collection_starts)
    gc.callbacks.append(collection_ends)
    previous = signal.signal(signal.SIGPROF, interrupt)
    signal.setitimer(signal.ITIMER_PROF, seconds, REPEAT_SECONDS)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        gc.callbacks.remove(collection_starts)
        gc.callbacks.remove(collection_ends)
    if fired:  # over budget, though the work finished before a signal could stop it
        raise CpuBudgetExceeded
