"""The data-protection officer's search over the audit log."""

from django.http import HttpRequest, HttpResponse

from paccto.audit import selectors
from paccto.audit.forms import AuditSearchForm
from paccto.core.views import PlatformView


class AuditSearchView(PlatformView):
    partial_template_name = "audit/partials/entry_table.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = AuditSearchForm(request.GET or None)
        if form.is_bound and not form.is_valid():
            entries = selectors.audit_entry_search(actor=self.actor).none()
        else:
            filters = form.cleaned_data if form.is_bound else {}
            entries = selectors.audit_entry_search(actor=self.actor, **filters)
        return self.render(
            "audit/entry_search_page.html",
            {"form": form, "page": self.paginate(entries), "querystring": _without_page(request)},
        )


class AuditEntryView(PlatformView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        entry = selectors.audit_entry_get(actor=self.actor, pk=pk)
        return self.render("audit/entry_page.html", {"entry": entry})


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()
