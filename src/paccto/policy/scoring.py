"""The threat-assessment score: an IDEAL/SOCTA-like weighted index of six criteria.

Each national contributor answers six questions about one criminal market in their country
with a level from 0 (none) to 4 (very significant). The score is the weighted mean of the
answers scaled to 0-100; the level follows from fixed thresholds. No Django imports: the
criteria and weights are data, tested by a table of cases.

| criterion      | weight | what it measures                                              |
| ---            | ---    | ---                                                           |
| scale          | 20 %   | number of criminal groups and members active                 |
| harm           | 25 %   | violence, victims, harm to health or the environment         |
| transnational  | 15 %   | number of countries the groups operate in                    |
| capability     | 15 %   | corruption, infiltration of the legal economy, counter-measures |
| proceeds       | 15 %   | size of the criminal proceeds and losses                     |
| trend          | 10 %   | growth over the last three years                             |

score = sum(weight x answer) / 4, in exact decimal arithmetic, rounded half up to one
decimal. Levels: below 25 low, below 50 moderate, below 75 high, 75 and over very high.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MAX_ANSWER = 4

# Weights in percent (they add up to 100).
CRITERIA: dict[str, int] = {
    "scale": 20,
    "harm": 25,
    "transnational": 15,
    "capability": 15,
    "proceeds": 15,
    "trend": 10,
}

LOW, MODERATE, HIGH, VERY_HIGH = "low", "moderate", "high", "very_high"
THRESHOLDS: tuple[tuple[float, str], ...] = ((25.0, LOW), (50.0, MODERATE), (75.0, HIGH))


class AnswerError(ValueError):
    """An answer set that cannot be scored; ``criterion`` names the faulty answer."""

    def __init__(self, criterion: str, reason: str) -> None:
        super().__init__(f"{criterion}: {reason}")
        self.criterion = criterion
        self.reason = reason


@dataclass(frozen=True)
class Score:
    value: float  # 0 to 100, one decimal
    level: str


def check_answers(answers: Mapping[str, object]) -> dict[str, int]:
    """The answers as whole numbers from 0 to 4, one per criterion; AnswerError otherwise
    (reason ``missing``, ``unknown`` or ``range``)."""
    for name in answers:
        if name not in CRITERIA:
            raise AnswerError(name, "unknown")
    checked: dict[str, int] = {}
    for name in CRITERIA:
        value = answers.get(name)
        if value is None or value == "":
            raise AnswerError(name, "missing")
        if isinstance(value, bool):
            raise AnswerError(name, "range")
        try:
            number = int(str(value))
        except ValueError as exc:
            raise AnswerError(name, "range") from exc
        if not 0 <= number <= MAX_ANSWER:
            raise AnswerError(name, "range")
        checked[name] = number
    return checked


def level_for(value: float) -> str:
    for limit, level in THRESHOLDS:
        if value < limit:
            return level
    return VERY_HIGH


def threat_score(answers: Mapping[str, object]) -> Score:
    """The weighted score (0-100) and level of a complete set of answers."""
    checked = check_answers(answers)
    weighted = sum(CRITERIA[name] * checked[name] for name in CRITERIA)
    exact = Decimal(weighted) / Decimal(MAX_ANSWER)
    value = float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
    return Score(value=value, level=level_for(value))
