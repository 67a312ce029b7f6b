"""Draining: after SIGTERM the instance still serves, but /readyz says it is going away.

gunicorn.conf.py makes the flag in gunicorn's master before any worker forks, and hands it to
each worker (post_fork): it lives in memory they all share, so when the master sets it every
worker's /readyz answers 503 at once (see README, "Operations").
"""

from multiprocessing.sharedctypes import RawValue

_flag = RawValue("b", 0)  # outside gunicorn: this process's own


def share_flag(flag) -> None:
    """Use `flag` (a shared RawValue made before the fork) as this process's draining flag."""
    global _flag
    _flag = flag


def is_draining() -> bool:
    return bool(_flag.value)
