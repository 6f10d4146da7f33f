"""A PostgreSQL server for tests: ``DRIFT_TEST_DATABASE_URL`` if set, else a throwaway pgserver.

``server_url()`` returns a URL for the server's maintenance database; callers create their own
databases on it. With no variable and no working pgserver it raises: tests that need PostgreSQL
fail loudly, they never skip.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import tempfile
import threading
from pathlib import Path

ENV_VAR = "DRIFT_TEST_DATABASE_URL"

_lock = threading.Lock()
_started: dict[str, str] = {}


class NoTestDatabase(RuntimeError):
    """Neither DRIFT_TEST_DATABASE_URL nor a pgserver throwaway server is available."""


def _start_pgserver() -> str:
    try:
        import pgserver
    except ImportError as error:
        raise NoTestDatabase(
            f"{ENV_VAR} is not set and the pgserver package is not installed; "
            "set it to a PostgreSQL URL or `pip install -e '.[dev]'`"
        ) from error
    data_dir = Path(tempfile.mkdtemp(prefix="drift-pgserver-"))
    # Test workers (pytest-xdist) start their servers at the same moment. Run as root, pgserver
    # first creates a system user to own the server, and two concurrent `useradd`s make one
    # fail: start one server at a time across processes.
    lock_path = Path(tempfile.gettempdir()) / "drift-pgserver-start.lock"
    try:
        with lock_path.open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            server = pgserver.get_server(data_dir, cleanup_mode="stop")
    except Exception as error:
        shutil.rmtree(data_dir, ignore_errors=True)
        raise NoTestDatabase(
            f"{ENV_VAR} is not set and a throwaway pgserver could not start: {error}"
        ) from error

    def _stop() -> None:
        # pgserver's own atexit hook stops the server; the data directory is ours to remove.
        server.cleanup()
        shutil.rmtree(data_dir, ignore_errors=True)

    atexit.register(_stop)
    return str(server.get_uri())


def server_url() -> str:
    """The URL of a running PostgreSQL server (its maintenance database)."""
    with _lock:
        if "url" not in _started:
            _started["url"] = os.environ.get(ENV_VAR) or _start_pgserver()
        return _started["url"]
