"""Reading plan and situation files: JSON or YAML, with the lines of each path.

This is the command line's edge: it reads files. YAML goes through PyYAML's
safe loader, with timestamps kept as text, so that a naive YAML timestamp is
refused by the model like any naive datetime instead of being turned into a
``datetime`` without a zone. Each document comes with a map from problem
paths (``templates[3].text``) to the line where that value starts.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs


@attrs.frozen
class Document:
    """A parsed file: its data, its name, and the line of each problem path."""

    data: Any
    path: Path
    lines: Mapping[str, int]
    # The line of each id and fact name, filled on the first `subject_line`.
    _subjects: dict[str, int | None] = attrs.field(init=False, factory=dict, eq=False, repr=False)

    def line_of(self, problem_path: str) -> int | None:
        """The line of `problem_path`, or of its nearest enclosing value."""
        path = problem_path
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None


class DocumentError(Exception):
    """A file that cannot be read or parsed: one message for the user."""


def read_document(path: Path) -> Document:
    """Read a JSON (``.json``) or YAML (any other ending) file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file; give the path of a plan file") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a folder; give the path of a plan file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise DocumentError(f"{path}: cannot be read ({error})") from None
    if path.suffix.lower() == ".json":
        return _json_document(text, path)
    return _yaml_document(text, path)


def _json_document(text: str, path: Path) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise DocumentError(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}"
        ) from None
    return Document(data, path, _json_lines(text))


# One token of JSON text: a string, a structural character, or a bare scalar.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\],:]|[^\s{}\[\],:"]+')


def _json_lines(text: str) -> dict[str, int]:
    """Lines of the keys and items of a JSON document, by their problem path.

    The same lines as the YAML composer gives (JSON is YAML; a test holds them
    equal), from one scan of the tokens: the composer is pure Python and took
    about a fifth of ``crisiscomms lint`` on the demo plan.
    """
    lines: dict[str, int] = {}
    # One frame per open container: [path, is_object, key path or index, wants_key].
    stack: list[list[Any]] = []
    line, last = 1, 0
    for match in _JSON_TOKEN.finditer(text):
        start = match.start()
        line += text.count("\n", last, start)
        last = start
        token = match.group()
        if token == ":":
            continue
        if token == ",":  # (valid JSON: a comma is inside a container)
            inner = stack[-1]
            if inner[1]:
                inner[3] = True
            else:
                inner[2] += 1
            continue
        if token in "}]":
            stack.pop()
            continue
        frame = stack[-1] if stack else None
        if frame is not None and frame[1] and frame[3]:  # an object's key (a string)
            key = json.loads(token)
            frame[2] = f"{frame[0]}.{key}" if frame[0] else key
            frame[3] = False
            if frame[2] or "" not in lines:  # nested empty keys keep the outer's line
                lines[frame[2]] = line
            continue
        # A value: its path is its key's (line already kept) or its item's.
        if frame is None:
            path = ""
        elif frame[1]:
            path = frame[2]
        else:
            path = f"{frame[0]}[{frame[2]}]"
            lines[path] = line
        if token == "{":
            stack.append([path, True, None, True])
        elif token == "[":
            stack.append([path, False, 0, False])
    return lines


def _yaml_document(text: str, path: Path) -> Document:
    try:
        import yaml
    except ImportError:  # pragma: no cover - the cli extra brings PyYAML
        raise DocumentError(
            f"{path}: YAML needs PyYAML: pip install 'crisiscomms[cli]', or use JSON"
        ) from None
    try:
        node = yaml.compose(text, Loader=_loader())
        data = yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise DocumentError(f"{path}{where}: not valid YAML: {error.problem}") from None
    except yaml.YAMLError as error:
        raise DocumentError(f"{path}: not valid YAML: {error}") from None
    return Document(data, path, _node_lines(node) if node is not None else {})


def _loader() -> type[Any]:
    """PyYAML's safe loader, keeping timestamps as strings (the model checks them)."""
    import yaml

    class _Loader(yaml.SafeLoader):
        pass

    # Without the implicit timestamp resolver, 2026-11-24T09:00 stays a string, so
    # a naive timestamp is refused by the model instead of loading without a zone.
    _Loader.yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _Loader


def _node_lines(node: Any, path: str = "") -> dict[str, int]:
    import yaml

    lines: dict[str, int] = {}
    if path:
        lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            child = f"{path}.{name}" if path else name
            lines[child] = key.start_mark.line + 1
            lines.update({k: v for k, v in _node_lines(value, child).items() if k != child})
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines.update(_node_lines(item, f"{path}[{index}]"))
    return lines


def subject_line(document: Document, subject: str) -> int | None:
    """The line of the plan element whose id (or fact name) is `subject`, if any."""
    if not subject:
        return None
    if not document._subjects:
        document._subjects.update(_subject_lines(document))
    return document._subjects.get(subject)


def _subject_lines(document: Document) -> dict[str, int | None]:
    """The line of the first element of each id or name, in the file's order (one scan)."""
    found: dict[str, int | None] = {}
    data = document.data
    if not isinstance(data, Mapping):
        return found
    for section, items in data.items():
        if not isinstance(items, list):
            continue
        for index, item in enumerate(items):
            if not isinstance(item, Mapping):
                continue
            for key in (item.get("id"), item.get("name")):
                if isinstance(key, str) and key and key not in found:
                    found[key] = document.line_of(f"{section}[{index}]")
    return found
