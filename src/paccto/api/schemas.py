"""Schemas shared by several apps' APIs."""

from ninja import Schema


class FeatureOut(Schema):
    """One piece of matching evidence (``core.explanations.ExplainedFeature``): stable codes
    and weight for scripts, the explanation in the request's language."""

    field: str
    level: str
    weight: float
    explanation: str
