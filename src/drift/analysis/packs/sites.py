"""What the matcher reads about a file: sites (a named item at a location), calls and error
handlers, and ``SiteColumns``, many sites kept as columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import overload

from drift.analysis.packs.text_index import TextUnits


@dataclass(frozen=True, slots=True)
class Site:
    """A named item at a location: an import source, decorator, function name, literal, ..."""

    text: str
    line: int
    column: int = 0


class SiteColumns(Sequence[Site]):
    """Sites kept as parallel columns, each made into a ``Site`` only when read.

    A file has thousands of string literals; the matcher reads the texts of all of them (as one
    joined text, or lower-cased) and the positions of the few a pattern matches.
    """

    __slots__ = ("_lowered", "_lowered_joined", "_units", "columns", "lines", "texts")

    def __init__(self, texts: Sequence[str], lines: Sequence[int], columns: Sequence[int]) -> None:
        self.texts = texts
        self.lines = lines
        self.columns = columns
        self._units: TextUnits | None = None
        self._lowered: list[str] | None = None
        self._lowered_joined: str | None = None

    def __len__(self) -> int:
        return len(self.texts)

    @overload
    def __getitem__(self, index: int) -> Site: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Site]: ...
    def __getitem__(self, index: int | slice) -> Site | Sequence[Site]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.texts)))]
        return Site(self.texts[index], self.lines[index], self.columns[index])

    @property
    def units(self) -> TextUnits:
        """The texts as one searchable text."""
        if self._units is None:
            self._units = TextUnits(self.texts)
        return self._units

    @property
    def lowered(self) -> list[str]:
        """The texts lower-cased (for substring predicates, which ignore case)."""
        if self._lowered is None:
            self._lowered = [text.lower() for text in self.texts]
        return self._lowered

    @property
    def lowered_joined(self) -> str:
        """The lower-cased texts joined by ``\\n``."""
        if self._lowered_joined is None:
            self._lowered_joined = "\n".join(self.lowered)
        return self._lowered_joined


@dataclass(frozen=True, slots=True)
class CallSite:
    """A call: the called name (``getLogger``) and the receiver text (``logging``), if any.
    ``receiver_type``: the class or the call the code says gave the receiver its value, as
    extraction records it (``sqlite3.connect`` for ``con`` of ``con = sqlite3.connect(…)``),
    None when it says nothing."""

    callee: str
    receiver: str | None
    line: int
    column: int = 0
    receiver_type: str | None = None

    @property
    def text(self) -> str:
        """The call as ``receiver.callee`` (or ``callee``)."""
        return f"{self.receiver}.{self.callee}" if self.receiver else self.callee


@dataclass(frozen=True, slots=True)
class ErrorHandlerSite:
    """An error-handling construct and its kinds (see ``schema.ERROR_HANDLER_KINDS``): for
    example ``{"except", "catch", "handler", "generic", "bare", "swallow"}`` for ``except: x()``."""

    kinds: frozenset[str]
    line: int
    column: int = 0
