"""optimizer.errors: the errors cross a process pool as themselves."""

from __future__ import annotations

import pickle

from optimizer.errors import InfeasibleError, InputError


def test_an_input_error_survives_pickling_with_its_parts() -> None:
    e = pickle.loads(pickle.dumps(InputError("fixed_sites[3].new_facilities", "0 facilities",
                                             place="0027000")))
    assert (type(e), e.field, e.place, str(e)) == (
        InputError, "fixed_sites[3].new_facilities", "0027000",
        "fixed_sites[3].new_facilities (0027000): 0 facilities")


def test_an_infeasible_error_survives_pickling_with_its_cause() -> None:
    e = pickle.loads(pickle.dumps(InfeasibleError("budget", "the budget is too small")))
    assert (type(e), e.cause, str(e)) == (InfeasibleError, "budget", "the budget is too small")
