"""A whole scenario as one JSON file, so a region can send it and the ministry re-solve it.

The file holds the scenario's inputs, the exact optimizer instance they produced
(``ProblemInput``: embedded municipalities, distances and existing capacity included), the
solution, metadata and the norms catalogue (version and full text). Re-solving the bundled
``problem`` gives the same solution wherever the embedded data have changed since;
:func:`read_bundle` says so when the receiver's data would build a different instance.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from optimizer.errors import OptimizerError
from optimizer.problem import ProblemInput
from optimizer.solution import Solution
from planning.domain.catalogue import parse_catalogue
from planning.domain.config import DATA_DIR
from planning.domain.errors import InputError
from planning.domain.inputs import ScenarioInputs
from planning.domain.optimizer_input import problem_from_inputs
from planning.io.exports import Plan, PlanMetadata
from planning.io.problems import ImportProblem, ImportRejected, reject
from planning.io.readers import check_size

FORMAT = "di-plan-scenario"
FORMAT_VERSION = 1
PARTS = ("format", "format_version", "metadata", "catalogue_version", "catalogue_toml",
         "inputs", "problem", "solution")


@dataclass(frozen=True)
class Bundle:
    plan: Plan
    problem: ProblemInput
    notes: list[str] = field(default_factory=list)


def scenario_bundle(plan: Plan, problem: ProblemInput | None = None,
                    catalogue_toml: str | None = None) -> bytes:
    """The scenario as UTF-8 JSON; ``problem`` defaults to the one built from the inputs."""
    problem = problem or problem_from_inputs(plan.inputs, plan.catalogue)
    data = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "metadata": plan.metadata.to_dict(),
        "catalogue_version": plan.catalogue.version,
        "catalogue_toml": catalogue_toml or (DATA_DIR / "norms.toml").read_text("utf-8"),
        "inputs": plan.inputs.to_dict(),
        "problem": problem.to_dict(),
        "solution": plan.solution.to_dict(),
    }
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def read_bundle(data: bytes, file: str) -> Bundle:
    """Read and check a scenario file; raise ImportRejected naming the part that is wrong."""
    check_size(data, file)
    if not data.lstrip()[:1] == b"{":
        raise reject(file, "not a scenario file (JSON starting with '{'); export one with "
                           "'di-plan export scenario'")
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise reject(file, f"not valid UTF-8 JSON: {exc}") from exc
    missing = [p for p in PARTS if p not in raw]
    if missing or raw.get("format") != FORMAT:
        raise reject(file, f"not a {FORMAT} file; missing: {', '.join(missing) or 'format'}")
    if raw["format_version"] > FORMAT_VERSION:
        raise reject(file, f"made by a newer version (format {raw['format_version']}); "
                           "update di-plan", column="format_version")
    catalogue = _part(file, raw, "catalogue_toml", lambda v: parse_catalogue(tomllib.loads(v)))
    inputs = _part(file, raw, "inputs", ScenarioInputs.from_dict)
    problem = _part(file, raw, "problem", ProblemInput.from_dict)
    solution = _part(file, raw, "solution", Solution.from_dict)
    metadata = _part(file, raw, "metadata", lambda v: PlanMetadata(**v))
    found = inputs.problems(catalogue)
    if found:
        raise ImportRejected([ImportProblem(file, p.describe(), sheet="inputs") for p in found])
    plan = Plan(inputs, solution, metadata, catalogue)
    return Bundle(plan, problem, _notes(raw, plan, problem))


def _part(file: str, raw: dict[str, Any], name: str, build: Callable[[Any], Any]) -> Any:
    try:
        return build(raw[name])
    except (InputError, OptimizerError, KeyError, TypeError, ValueError,
            tomllib.TOMLDecodeError) as exc:
        raise reject(file, f"the '{name}' part is malformed ({type(exc).__name__}: {exc})",
                     column=name) from exc


def _notes(raw: dict[str, Any], plan: Plan, problem: ProblemInput) -> list[str]:
    """What differs between the sender's and this installation's data."""
    notes = []
    local = (DATA_DIR / "norms.toml").read_text("utf-8")
    if raw["catalogue_toml"] != local:
        notes.append(f"the file's norms catalogue (version {raw['catalogue_version']}) differs "
                     "from this installation's; the file's catalogue is used")
    try:
        rebuilt = problem_from_inputs(plan.inputs, plan.catalogue)
    except InputError as exc:
        notes.append(f"this installation cannot rebuild the instance: {exc.describe()}")
        return notes
    if rebuilt.to_dict() != problem.to_dict():
        notes.append("this installation's embedded data (municipalities, distances or "
                     "existing services) give a different instance; re-solve the bundled "
                     "problem to reproduce the results")
    return notes
