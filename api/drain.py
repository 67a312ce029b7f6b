"""Draining: after SIGTERM the instance still serves, but /readyz says it is going away.

gunicorn.conf.py imports this module in gunicorn's master before any worker is forked, so the
flag below lives in memory every worker shares: when the master sets it, every worker's
/readyz answers 503 at once (see README, "Operations").
"""

from multiprocessing.sharedctypes import RawValue

_draining = RawValue("b", 0)


def start_draining() -> None:
    _draining.value = 1


def is_draining() -> bool:
    return bool(_draining.value)
