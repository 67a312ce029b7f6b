"""SIGTERM and SIGINT during a recorded run: stop cleanly, with counts that match the store."""

import signal
from contextlib import contextmanager


class Interrupted(BaseException):
    """SIGTERM or SIGINT arrived: stop, keep what is committed, record the run as such.

    A BaseException, like KeyboardInterrupt, so that no `except Exception` on the way (the
    extractor's guard for one bad article) mistakes it for a failure of a document."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class InterruptGuard:
    """Turns SIGTERM and SIGINT into Interrupted, except inside `deferred()` blocks (a batch
    being committed and counted), where the first signal waits for the block's end so the
    counts match what was committed; a second signal does not wait."""

    def __init__(self):
        self.signum: int | None = None
        self.depth = 0

    def handle(self, signum, _frame) -> None:
        if self.depth and self.signum is None:
            self.signum = signum
            return
        self.signum = signum
        raise Interrupted(signum)

    @contextmanager
    def deferred(self):
        self.depth += 1
        try:
            yield
        finally:
            self.depth -= 1
        if self.depth == 0 and self.signum is not None:
            raise Interrupted(self.signum)


@contextmanager
def interruptible():
    """In the block SIGTERM and SIGINT raise Interrupted (see InterruptGuard)."""
    guard = InterruptGuard()
    previous = {signum: signal.signal(signum, guard.handle)
                for signum in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield guard
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
