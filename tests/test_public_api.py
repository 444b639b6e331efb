"""The public surface: exactly what `__all__` names, documented, final, at home."""

from __future__ import annotations

import enum
import inspect
import types
import typing

import crisiscomms

#: Documented public namespaces besides the top level (DESIGN.md).
NAMESPACES = ("platforms", "cap", "samples")


def _exported() -> list[tuple[str, object]]:
    return [(name, getattr(crisiscomms, name)) for name in crisiscomms.__all__]


def test_all_is_sorted_and_unique() -> None:
    """`__all__` is one sorted list without repeats."""
    assert crisiscomms.__all__ == sorted(set(crisiscomms.__all__))


def test_all_is_exactly_the_public_names() -> None:
    """Every public name of the package is in `__all__`, and nothing else is."""
    public = {
        name
        for name, value in vars(crisiscomms).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in {"annotations"}
    }
    assert set(crisiscomms.__all__) == public


def test_every_export_has_a_docstring() -> None:
    """Each exported object documents itself."""
    missing = [name for name, obj in _exported() if not (inspect.getdoc(obj) or "").strip()]
    assert missing == []


def test_exports_show_the_package_as_their_module() -> None:
    """Reprs and docs say `crisiscomms.Plan`, not the private module."""
    wrong = [name for name, obj in _exported() if getattr(obj, "__module__", "") != "crisiscomms"]
    assert wrong == []


def test_public_classes_are_final() -> None:
    """Public classes are not meant to be subclassed (errors and enums aside)."""
    not_final = [
        name
        for name, obj in _exported()
        if isinstance(obj, type)
        and not issubclass(obj, enum.Enum)
        and obj not in {crisiscomms.CrisisCommsError, crisiscomms.RenderError}
        and not getattr(obj, "__final__", False)
    ]
    assert not_final == []


def test_public_functions_are_typed() -> None:
    """Every exported function has annotations for its return value."""
    untyped = [
        name
        for name, obj in _exported()
        if inspect.isfunction(obj) and "return" not in typing.get_type_hints(obj)
    ]
    assert untyped == []
