"""The `IDriftBatchWriter` storage protocol: bulk writes applied off the caller's path."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from drift.records.batch import BatchCommand, WriteStats


@runtime_checkable
class IDriftBatchWriter(Protocol):
    """Queue write commands, commit them in large transactions, and count what was written.

    A command is validated when it is sent (TypeError/ValueError then, nothing queued); it is
    applied later, and is visible to reads once ``flush_sync`` has returned.
    """

    def send_raw(self, command_name: str, payload: bytes) -> None:
        """Send a command encoded by ``drift.records.batch.encode_command`` (name, JSON bytes)."""
        ...

    def send_batch(self, command: BatchCommand) -> None:
        """Queue one typed command; blocks while the queue is full."""
        ...

    def flush(self) -> None:
        """Ask for everything queued so far to be committed, without waiting."""
        ...

    def flush_sync(self) -> WriteStats:
        """Commit everything queued so far, wait for it, and return the counters."""
        ...

    def stats(self) -> WriteStats:
        """The counters of rows committed so far (and of deleted files and flushes)."""
        ...

    def shutdown(self) -> WriteStats:
        """Commit what is queued, stop accepting commands (EngineClosed), return final counters."""
        ...
