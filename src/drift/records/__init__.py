"""Frozen, slotted records (``msgspec.Struct``): the rows every storage backend reads and writes."""
