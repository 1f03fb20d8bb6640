"""Error pages in the user's language (JSON under /api/)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _


def _respond(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status)
    try:
        body = render_to_string(
            "core/error_page.html", {"title": title, "message": message}, request=request
        )
    except Exception:  # the error page must never fail itself
        body = f"<h1>{title}</h1><p>{message}</p>"
    return HttpResponse(body, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 400, _("Bad request"), _("The request is not valid."))


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 403, _("Not allowed"), _("You may not do this."))


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 404, _("Not found"), _("The page or record was not found."))


def request_too_large(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _respond(request, 413, _("Too large"), _("The request body is too large."))


def server_error(request: HttpRequest) -> HttpResponse:
    return _respond(request, 500, _("Error"), _("Something went wrong. It has been logged."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _respond(
        request,
        403,
        _("Not allowed"),
        _("The form has expired or was not sent from this site. Reload the page and try again."),
    )
