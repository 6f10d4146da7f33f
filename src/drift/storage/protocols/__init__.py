"""The storage protocols (typing.Protocol, runtime_checkable)."""
