"""The public surface: exactly what `__all__` names, documented, final, at home."""

from __future__ import annotations

import ast
import enum
import importlib
import importlib.metadata
import inspect
import pickle
import re
import subprocess
import sys
import types
import typing

import pydantic
import pytest

import crisiscomms

#: Documented public namespaces besides the top level (DESIGN.md).
NAMESPACES = ("cap", "platforms", "samples")


@pytest.mark.parametrize("name", NAMESPACES)
def test_namespaces_document_every_name(name: str) -> None:
    """Each documented namespace has a docstring and documents every name it exports."""
    module = importlib.import_module(f"crisiscomms.{name}")
    assert (module.__doc__ or "").strip()
    assert len(module.__all__) == len(set(module.__all__))
    undocumented = [
        export
        for export in module.__all__
        if (inspect.isclass(obj := getattr(module, export)) or inspect.isfunction(obj))
        and not (inspect.getdoc(obj) or "").strip()
    ]
    assert undocumented == []


def _exported() -> list[tuple[str, object]]:
    return [(name, getattr(crisiscomms, name)) for name in crisiscomms.__all__]


def test_all_is_sorted_and_unique() -> None:
    """`__all__` is one sorted list without repeats (constants first, as ruff sorts it)."""
    names = crisiscomms.__all__
    assert names == sorted(set(names), key=lambda name: (not name.isupper(), name))


def test_all_is_exactly_the_public_names() -> None:
    """Every public name of the package is in `__all__`, and nothing else is."""
    public = {
        name
        for name in dir(crisiscomms)
        if not name.startswith("_")
        and not isinstance(getattr(crisiscomms, name), types.ModuleType)
        and name not in {"annotations"}
    }
    assert set(crisiscomms.__all__) == public


def test_the_lazy_table_names_what_the_imports_name() -> None:
    """Each name is imported on first use from the module its typed import names."""
    tree = ast.parse(inspect.getsource(crisiscomms))
    imported = {
        alias.name: node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("crisiscomms")
        for alias in node.names
    }
    table = {name: module for module, names in crisiscomms._EXPORTS.items() for name in names}
    assert table == imported
    assert sorted(table, key=lambda name: (not name.isupper(), name)) == crisiscomms.__all__


def test_names_are_imported_on_first_use() -> None:
    """A fresh `import crisiscomms` loads no capability; a name loads its module and works."""
    code = (
        "import sys, pickle, crisiscomms\n"
        "assert not any(m.startswith('crisiscomms.') for m in sys.modules), sorted(sys.modules)\n"
        "from crisiscomms import Level, Finding\n"
        "assert Level.__module__ == 'crisiscomms' == Finding.__module__\n"
        "assert 'crisiscomms._selection' not in sys.modules\n"
        "assert pickle.loads(pickle.dumps(Level.ERROR)) is Level.ERROR\n"
        "assert set(crisiscomms.__all__) <= set(dir(crisiscomms))\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_unknown_names_raise_attribute_error() -> None:
    """A name the package does not export is an AttributeError, as for any module."""
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        crisiscomms.Nothing  # noqa: B018


def test_the_version_comes_from_the_installed_metadata() -> None:
    """`__version__` is the installed distribution's version, written once in pyproject.toml."""
    assert crisiscomms.__version__ == importlib.metadata.version("crisiscomms")
    assert "__version__" in dir(crisiscomms)


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
        and obj
        not in {crisiscomms.CrisisCommsError, crisiscomms.RenderError, crisiscomms.InputError}
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


def _demo_instances() -> dict[type, object]:
    """One instance of each exported model, from the demo plan and situation."""
    from crisiscomms.samples import demo_plan, demo_situation

    plan = demo_plan()
    found: dict[type, object] = {type(plan): plan, type(demo_situation()): demo_situation()}
    pending: list[object] = [plan]
    while pending:
        model = pending.pop()
        for name in type(model).model_fields:  # type: ignore[attr-defined]
            value = getattr(model, name)
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, pydantic.BaseModel) and type(item) not in found:
                    found[type(item)] = item
                    pending.append(item)
    # Records that callers write and that are not part of a plan.
    at = demo_situation().detected_at
    found[crisiscomms.SentMessage] = crisiscomms.SentMessage(
        stakeholder="regulators",
        channel="email",
        sent_at=at,
        phase="initial",
        obligations=["gdpr-art33"],
        id="cnil-1",
    )
    found[crisiscomms.Mention] = crisiscomms.Mention(
        text="Lumea vend les données ?",
        at=at,
        source="x",
        locale="fr",
        reach=10,
        sentiment=-0.5,
        id="1",
    )
    # A drill and what a team logs in it (their parts are found by walking them).
    drill = crisiscomms.generate_scenario(plan, seed=1, crisis_type="data-breach", starts_at=at)
    template = plan.template("breach-sms-fr")
    log = crisiscomms.ExerciseLog(
        messages=[
            crisiscomms.ExerciseMessage(
                sent=found[crisiscomms.SentMessage], text="EXERCICE: ok", rebuts=["data-for-sale"]
            )
        ],
        severity_changes=[crisiscomms.SeverityChange(severity="critical", at=at)],
        rebuttals=[crisiscomms.Rebuttal(claim="data-for-sale", at=at)],
        approvals=[
            crisiscomms.TemplateApproval(template_id=template.id, approval=template.approval)
        ],
    )
    pending = [drill, log]
    while pending:
        model = pending.pop()
        found.setdefault(type(model), model)
        for name in type(model).model_fields:  # type: ignore[attr-defined]
            value = getattr(model, name)
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, pydantic.BaseModel) and type(item) not in found:
                    pending.append(item)
    change = crisiscomms.SituationChange(
        at=at, severity="critical", facts={"affected_customers": 15000}, reason="viral"
    )
    found[crisiscomms.SituationChange] = change
    found[crisiscomms.CrisisRecord] = crisiscomms.CrisisRecord(
        situation=demo_situation(),
        changes=[change],
        sent=[found[crisiscomms.SentMessage]],
        mentions=[found[crisiscomms.Mention]],
        label="breach",
    )
    return found


def test_every_exported_model_round_trips_and_pickles() -> None:
    """Each exported pydantic model survives JSON and pickle, equal to itself."""
    instances = _demo_instances()
    models = [
        obj
        for _, obj in _exported()
        if isinstance(obj, type) and issubclass(obj, pydantic.BaseModel)
    ]
    assert models, "no model exported"
    missing = [m.__name__ for m in models if m not in instances]
    assert missing == []
    for model in models:
        instance = instances[model]
        assert isinstance(instance, pydantic.BaseModel)
        assert model.model_validate_json(instance.model_dump_json()) == instance, model
        assert pickle.loads(pickle.dumps(instance)) == instance, model
        assert hash(instance) == hash(pickle.loads(pickle.dumps(instance))), model


def test_the_api_reference_names_every_export() -> None:
    """docs/reference/api.md renders every name of `__all__` from its docstring."""
    from pathlib import Path

    page = (Path(__file__).parents[1] / "docs" / "reference" / "api.md").read_text("utf-8")
    rendered = set(re.findall(r"^::: crisiscomms\.(\w+)$", page, re.M))
    assert rendered == set(crisiscomms.__all__) | set(NAMESPACES)
