"""Who may use the link analysis. What it shows is decided by the entity store's rules
(``paccto.entities.permissions``): the analysis has no records of its own."""

from paccto.core.permissions import Actor


def can_analyse(actor: Actor) -> bool:
    """Operational roles of an institution chart and analyse what they may see."""
    return actor.is_operational and actor.institution_id is not None
