"""Frozen, slotted dataclasses: the rows every storage backend reads and writes."""
