from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "paccto.analysis"
    label = "analysis"
    verbose_name = _("Link analysis")

    def ready(self) -> None:
        from paccto.analysis.timeline import (
            case_events,
            entity_store_events,
            message_events,
            register_entity_timeline_source,
        )

        register_entity_timeline_source(entity_store_events)
        register_entity_timeline_source(case_events)
        register_entity_timeline_source(message_events)
