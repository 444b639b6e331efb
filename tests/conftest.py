"""Shared fixtures: the platforms' conformance data read in place, hypothesis profile."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
#: The platforms' own conformance data, read where it lies (`../shared` beside the
#: project root), never copied into the project.
SHARED = ROOT.parent / "shared"
PLATFORM_DATA = SHARED / "data" / "platforms"

# Speed is measured by benchmarks, never by timed unit tests: no deadlines.
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "default")


@pytest.fixture(scope="session")
def platform_data() -> Path:
    """The folder of the platforms' conformance data, which must exist."""
    if not PLATFORM_DATA.is_dir():  # pragma: no cover - a broken checkout
        pytest.fail(f"conformance data not found at {PLATFORM_DATA}: clone beside ../shared")
    return PLATFORM_DATA
