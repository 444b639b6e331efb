"""The one table of plan sections, held to the Plan model it describes."""

from __future__ import annotations

import typing

import pydantic

from crisiscomms import Plan
from crisiscomms.model._sections import CHANNELS_OR_PLATFORMS, SECTIONS, TEMPLATE_KEYS


def _element_lists() -> dict[str, type]:
    """Plan fields that are tuples of element models, with their element type."""
    found: dict[str, type] = {}
    for name, field in Plan.model_fields.items():
        annotation = field.annotation
        if typing.get_origin(annotation) is tuple:
            (element, *_rest) = typing.get_args(annotation)
            if isinstance(element, type) and issubclass(element, pydantic.BaseModel):
                found[name] = element
    return found


class TestSections:
    def test_the_table_names_every_element_list_of_the_plan(self) -> None:
        """Each list of elements of `Plan` is a section, with its element model."""
        assert {s.name: s.model for s in SECTIONS} == _element_lists()

    def test_keys_and_references_are_fields_of_the_models(self) -> None:
        """A section's key, defining fields and references are fields of its model."""
        for section in SECTIONS:
            fields = section.model.model_fields
            assert section.key in fields, section.name
            for name in (*section.defines, *(r.field for r in section.references)):
                assert name in fields, (section.name, name)

    def test_references_point_at_sections(self) -> None:
        """Every reference targets a section, or one of the two documented pseudo-targets."""
        names = {s.name for s in SECTIONS} | {TEMPLATE_KEYS, CHANNELS_OR_PLATFORMS}
        assert {r.target for s in SECTIONS for r in s.references} <= names
