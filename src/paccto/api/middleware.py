"""Every error under /api/ is JSON in the user's language, even when it comes from the
framework (405 from the router, 400 from a bad header) rather than an endpoint."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _


class ApiJsonErrorsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and request.path.startswith("/api/")
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            messages = {
                400: _("The request is not valid."),
                401: _("Authentication required: a valid token or session."),
                403: _("You may not do this."),
                404: _("Not found."),
                405: _("This method is not allowed here."),
                413: _("The request body is too large."),
            }
            replacement = JsonResponse(
                {"detail": messages.get(response.status_code, _("The request is not valid."))},
                status=response.status_code,
            )
            if response.has_header("Allow"):
                replacement["Allow"] = response["Allow"]
            return replacement
        return response
