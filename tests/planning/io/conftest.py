"""Fixtures for import/export tests: a small region's inputs, and how to read a refusal."""

from __future__ import annotations

import pytest

from planning.inputs import ScenarioInputs, default_inputs
from planning.io.imports import import_table
from planning.io.problems import ImportRejected


@pytest.fixture(scope="session")
def kurzeme() -> ScenarioInputs:
    return default_inputs("Kurzeme")


@pytest.fixture
def refused(kurzeme):
    """Import bytes that must be refused; return the error, checking nothing changed."""

    def run(data: bytes, file: str, kind: str = "needs", **kwargs) -> ImportRejected:
        before = kurzeme.to_json()
        with pytest.raises(ImportRejected) as info:
            import_table(data, file, kind, inputs=kurzeme, **kwargs)
        assert kurzeme.to_json() == before
        return info.value

    return run
