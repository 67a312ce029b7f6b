"""At most N extractions at once across every worker of one server, so that reads always find a
free worker however many clients post to /v1/extract.

Each slot is a lock file held with flock(2) while an extraction runs; the kernel lets go of it
when the holder finishes or dies, so a killed worker never keeps a slot. gunicorn.conf.py makes
the directory before the workers fork (QUOTEWIRE_EXTRACT_SLOTS_DIR); an app outside gunicorn
gets one of its own.
"""

import fcntl
import os
import shutil
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flask import current_app

EXTENSION_KEY = "quotewire.extract_slots"


class ExtractionSlots:
    def __init__(self, directory: str, count: int):
        self.paths = [Path(directory) / f"extract-slot-{n}" for n in range(count)]

    @contextmanager
    def slot(self) -> Iterator[bool]:
        """Hold a free slot for the block and yield True; yield False when all are taken."""
        for path in self.paths:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                continue
            try:
                yield True
            finally:
                os.close(descriptor)  # closing releases the lock
            return
        yield False


def extraction_slots() -> ExtractionSlots:
    """This server's slots (made on first use, from the app's configuration)."""
    if EXTENSION_KEY not in current_app.extensions:
        settings = current_app.config["QUOTEWIRE"]
        directory = settings.extract_slots_dir
        if directory is None:
            directory = tempfile.mkdtemp(prefix="quotewire-extract-")
            weakref.finalize(current_app._get_current_object(), shutil.rmtree, directory, True)
        current_app.extensions[EXTENSION_KEY] = ExtractionSlots(
            directory, settings.extract_concurrency)
    return current_app.extensions[EXTENSION_KEY]
