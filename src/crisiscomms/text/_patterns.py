"""Regular expressions compiled on first use, so that importing the library compiles none.

A module writes ``_WORD = lazy_re(r"...")`` where it would write
``re.compile``; the pattern is compiled the first time one of its methods is
looked up, and each method is then kept on the object, so that later calls cost
what calls on a compiled pattern cost (one attribute lookup).
"""

from __future__ import annotations

import re
from typing import Any, cast, final

import regex

__all__ = ["lazy_re", "lazy_regex"]


@final
class _Lazy:
    """A pattern that compiles itself with `compile` when a method is first looked up."""

    __slots__ = ("__dict__", "_arguments", "_compile")

    def __init__(self, compile: Any, pattern: str, flags: int) -> None:
        self._compile = compile
        self._arguments = (pattern, flags)

    @property
    def compiled(self) -> Any:
        """The compiled pattern (compiled now if it was not yet)."""
        found = self.__dict__.get("_compiled")
        if found is None:
            found = self.__dict__["_compiled"] = self._compile(*self._arguments)
        return found

    @property
    def pattern(self) -> str:
        """The source of the pattern (read without compiling it)."""
        return str(self._arguments[0])

    def __getattr__(self, name: str) -> Any:
        # Only called for names not yet kept: compile, then keep the attribute.
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(self.compiled, name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"lazy({self._arguments[0]!r}, flags={self._arguments[1]})"


def lazy_re(pattern: str, flags: int = 0) -> re.Pattern[str]:
    r"""``re.compile(pattern, flags)``, compiled when first used.

    >>> word = lazy_re(r"\w+")
    >>> word.findall("two words")
    ['two', 'words']
    """
    return cast("re.Pattern[str]", _Lazy(re.compile, pattern, flags))


def lazy_regex(pattern: str, flags: int = 0) -> Any:
    r"""``regex.compile(pattern, flags)`` (the `regex` module), compiled when first used.

    >>> cluster = lazy_regex(r"\X")
    >>> len(cluster.findall("e\u0301!"))
    2
    """
    return _Lazy(regex.compile, pattern, flags)
