"""/api/v1: every app's router under one API, with token or session authentication."""

from django.urls import path
from ninja import NinjaAPI

from paccto.accounts.api import router as accounts_router
from paccto.analysis.api import router as analysis_router
from paccto.api.auth import SessionAuth, TokenAuth
from paccto.api.errors import install_error_handlers
from paccto.audit.api import router as audit_router
from paccto.cases.api import router as cases_router
from paccto.core.api import router as core_router
from paccto.crypto.envelope import FieldKeyError
from paccto.entities.api import router as entities_router
from paccto.exchange.api import router as exchange_router
from paccto.hits.api import router as hits_router
from paccto.hits.services import RateLimited
from paccto.judicial.api import router as judicial_router
from paccto.policy.api import router as policy_router
from paccto.prisons.api import router as prisons_router
from paccto.protection.api import router as protection_router
from paccto.xref.api import router as xref_router

api = NinjaAPI(
    title="PAcCTO API",
    version="1.0.0",
    description="Cooperation platform of the criminal chain (EU, Latin America, Caribbean).",
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("/", core_router)
api.add_router("/", accounts_router)
api.add_router("/audit", audit_router)
api.add_router("/", entities_router)
api.add_router("/", hits_router)
api.add_router("/", xref_router)
api.add_router("/", cases_router)
api.add_router("/", protection_router)
api.add_router("/", exchange_router)
api.add_router("/", judicial_router)
api.add_router("/", prisons_router)
api.add_router("/", analysis_router)
api.add_router("/", policy_router)


@api.exception_handler(RateLimited)
def rate_limited(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=429)


@api.exception_handler(FieldKeyError)
def field_key_error(request, exc):
    # Protected data that cannot be opened: say so, never what it holds.
    from django.utils.translation import gettext as _

    return api.create_response(
        request,
        {"detail": _("The protected data cannot be opened on this server (encryption key).")},
        status=503,
    )


urlpatterns = [path("", api.urls)]
