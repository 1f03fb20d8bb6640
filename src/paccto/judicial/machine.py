"""The state machine of a judicial cooperation request, without Django: which side may take
which step from which status, where it leads, and which deadlines it starts and ends.

Statuses, steps, sides and deadline phases are the values of ``judicial.choices``.

>>> step_refusal("sent", "confirm_receipt", "executing") is None
True
>>> step_refusal("sent", "recognise", "executing")
'out_of_order'
"""

from __future__ import annotations

from dataclasses import dataclass

REQUESTING = "requesting"
EXECUTING = "executing"


@dataclass(frozen=True)
class Step:
    """A step: the side that takes it, the statuses it starts from, the status it leads to."""

    side: str
    sources: frozenset[str]
    target: str


def _step(side: str, sources: set[str], target: str) -> Step:
    return Step(side, frozenset(sources), target)


BEFORE_DECISION = {"receipt_confirmed", "clarification_given"}
TRANSITIONS: dict[str, Step] = {
    "send": _step(REQUESTING, {"draft"}, "sent"),
    "confirm_receipt": _step(EXECUTING, {"sent"}, "receipt_confirmed"),
    "ask_clarification": _step(EXECUTING, BEFORE_DECISION, "clarification_asked"),
    "give_clarification": _step(REQUESTING, {"clarification_asked"}, "clarification_given"),
    "recognise": _step(EXECUTING, BEFORE_DECISION, "recognised"),
    "refuse": _step(EXECUTING, BEFORE_DECISION, "refused"),
    "start_execution": _step(EXECUTING, {"recognised"}, "in_execution"),
    "execute": _step(EXECUTING, {"in_execution"}, "executed"),
    "execute_partially": _step(EXECUTING, {"in_execution"}, "partially_executed"),
    "transfer_results": _step(EXECUTING, {"executed", "partially_executed"}, "results_transferred"),
    "close": _step(REQUESTING, {"results_transferred", "refused"}, "closed"),
    "withdraw": _step(
        REQUESTING,
        {
            "draft",
            "sent",
            "receipt_confirmed",
            "clarification_asked",
            "clarification_given",
            "recognised",
            "in_execution",
        },
        "withdrawn",
    ),
}
FINAL = frozenset({"closed", "withdrawn"})
# Statuses in which a request is still open on the executing side (it waits for it).
WITH_EXECUTING_SIDE = frozenset(
    {"sent", "receipt_confirmed", "clarification_given", "recognised", "in_execution"}
)
# Steps that need a stated reason: the question, the answer, what was not done, why.
REASON_REQUIRED = frozenset(
    {"ask_clarification", "give_clarification", "execute_partially", "withdraw"}
)
# Deadlines a step starts (a phase) and ends (phases; "*" for every open deadline).
DEADLINE_STARTS = {"send": "recognition", "recognise": "execution"}
DEADLINE_ENDS: dict[str, frozenset[str]] = {
    "recognise": frozenset({"recognition"}),
    "refuse": frozenset({"recognition"}),
    "execute": frozenset({"execution"}),
    "execute_partially": frozenset({"execution"}),
    "close": frozenset({"*"}),
    "withdraw": frozenset({"*"}),
}


def step_refusal(status: str, action: str, side: str | None) -> str | None:
    """Why ``side`` may not take ``action`` on a request in ``status`` (``unknown``,
    ``final``, ``wrong_side``, ``out_of_order``), or None when it may. ``side`` None means
    the actor is on neither side."""
    step = TRANSITIONS.get(action)
    if step is None:
        return "unknown"
    if status in FINAL:
        return "final"
    if side != step.side:
        return "wrong_side"
    if status not in step.sources:
        return "out_of_order"
    return None


def allowed_steps(status: str, sides: frozenset[str]) -> list[str]:
    """The steps the actor's sides may take now, in the table's order."""
    return [
        action
        for action, step in TRANSITIONS.items()
        if step.side in sides and status in step.sources and status not in FINAL
    ]
