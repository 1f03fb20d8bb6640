from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrisonsConfig(AppConfig):
    name = "paccto.prisons"
    label = "prisons"
    verbose_name = _("Prisons")

    def ready(self) -> None:
        from paccto.cases.timeline import register_case_timeline_source
        from paccto.core.services import register_reference_loader
        from paccto.exchange.services import register_clock_pass
        from paccto.policy.sources import register_indicator_source
        from paccto.prisons import permissions  # noqa: F401  (registers the policies)
        from paccto.prisons.indicators import PRISON_TRANSFERS
        from paccto.prisons.selectors import inmate_case_events
        from paccto.prisons.services import rap_catalogue_load, release_alerts_run

        register_case_timeline_source(inmate_case_events)
        register_reference_loader("courses", rap_catalogue_load)
        register_clock_pass("release_alerts", lambda now: release_alerts_run(now=now))
        register_indicator_source(PRISON_TRANSFERS)
