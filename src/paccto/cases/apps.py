from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "paccto.cases"
    label = "cases"
    verbose_name = _("Cases and joint investigation teams")

    def ready(self) -> None:
        from paccto.cases import permissions  # noqa: F401  (registers the policies and cases)
        from paccto.cases.selectors import case_message_events, case_stage_events
        from paccto.cases.timeline import register_case_timeline_source

        register_case_timeline_source(case_stage_events)
        register_case_timeline_source(case_message_events)

        from paccto.cases.indicators import CASES_OPENED, JITS_SET_UP
        from paccto.policy.sources import register_indicator_source

        register_indicator_source(CASES_OPENED)
        register_indicator_source(JITS_SET_UP)
