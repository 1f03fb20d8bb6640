"""Schemas shared by several apps' APIs."""

from collections.abc import Iterable

from ninja import Schema

from paccto.core.explanations import ExplainedFeature


class FeatureOut(Schema):
    """One piece of matching evidence: stable codes and weight for scripts, the explanation
    in the request's language."""

    field: str
    level: str
    weight: float
    explanation: str


def features_out(features: Iterable[ExplainedFeature]) -> list[dict[str, object]]:
    return [
        {"field": f.field, "level": f.level, "weight": f.weight, "explanation": f.explanation}
        for f in features
    ]
