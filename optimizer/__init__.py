"""Allocation optimizer: ProblemInput -> PuLP model -> Solution (pure; no app, no database)."""

from optimizer.errors import InfeasibleError, InputError, OptimizerError, SolverError
from optimizer.formulation import AllocationModel
from optimizer.problem import ProblemInput
from optimizer.solution import Solution

__all__ = ["AllocationModel", "InfeasibleError", "InputError", "OptimizerError",
           "ProblemInput", "Solution", "SolverError"]
