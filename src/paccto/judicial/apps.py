from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JudicialConfig(AppConfig):
    name = "paccto.judicial"
    label = "judicial"
    verbose_name = _("Judicial cooperation and court outcomes")

    def ready(self) -> None:
        from paccto.cases.sections import register_case_section
        from paccto.cases.timeline import register_case_timeline_source
        from paccto.core.services import register_reference_loader
        from paccto.core.views import register_dashboard_card
        from paccto.exchange.models import register_notification_text
        from paccto.exchange.services import register_clock_pass
        from paccto.judicial import permissions  # noqa: F401  (registers the policies)
        from paccto.judicial.indicators import JUDICIAL_REQUESTS
        from paccto.judicial.selectors import judgment_timeline, judicial_request_timeline
        from paccto.judicial.services import judicial_clock_run, judicial_reference_load
        from paccto.judicial.services.notifications import NOTIFICATION_TEXTS
        from paccto.judicial.views.cards import case_card, dashboard_card
        from paccto.policy.sources import register_indicator_source

        register_reference_loader("judicial reference data", judicial_reference_load)
        register_clock_pass("judicial", judicial_clock_run)
        for kind, text in NOTIFICATION_TEXTS.items():
            register_notification_text(kind, text)
        register_case_timeline_source(judicial_request_timeline)
        register_case_timeline_source(judgment_timeline)
        register_case_section(case_card)
        register_dashboard_card(dashboard_card)
        register_indicator_source(JUDICIAL_REQUESTS)
