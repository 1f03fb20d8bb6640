"""JSON errors with messages in the user's language. No error reveals whether a record one
may not see exists: forbidden and missing both answer 404 "Not found"."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError


def _pydantic_message(error: dict[str, Any]) -> str:
    kind = str(error.get("type", ""))
    messages = {
        "missing": _("This field is required."),
        "json_invalid": _("The body is not valid JSON."),
        "int_parsing": _("Enter a whole number."),
        "int_type": _("Enter a whole number."),
        "greater_than_equal": _("The value is too small."),
        "less_than_equal": _("The value is too large."),
        "string_too_long": _("The text is too long."),
        "string_too_short": _("The text is too short."),
        "string_type": _("Enter a text."),
        "bool_parsing": _("Enter true or false."),
        "date_from_datetime_parsing": _("Enter a valid date."),
        "date_parsing": _("Enter a valid date."),
        "literal_error": _("Choose one of the allowed values."),
        "enum": _("Choose one of the allowed values."),
        "model_attributes_type": _("The body must be a JSON object."),
        "dict_type": _("The body must be a JSON object."),
        "list_type": _("Enter a list."),
    }
    return messages.get(kind, _("The value is not valid."))


def install_error_handlers(api: NinjaAPI) -> None:
    def respond(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
        return api.create_response(request, {"detail": detail, **extra}, status=status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = [
            {"loc": [str(p) for p in e.get("loc", ())], "message": _pydantic_message(e)}
            for e in exc.errors
        ]
        return respond(request, 422, _("The request is not valid."), errors=errors)

    @api.exception_handler(DjangoValidationError)
    def domain_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = [
                {"loc": ["body", field], "message": str(message)}
                for field, messages in exc.message_dict.items()
                for message in messages
            ]
        else:
            errors = [{"loc": ["body"], "message": str(m)} for m in exc.messages]
        return respond(request, 422, _("The request is not valid."), errors=errors)

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return respond(request, 401, _("Authentication required: a valid token or session."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        message = str(exc) if str(exc) else _("You may not do this.")
        return respond(request, 403, message)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return respond(request, 404, _("Not found."))

    @api.exception_handler(RequestDataTooBig)
    def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return respond(request, 413, _("The request body is too large."))

    @api.exception_handler(SuspiciousOperation)
    def suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        return respond(request, 400, _("The request is not valid."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Library errors carry English text; answer in the user's language instead.
        messages = {
            400: _("The body is not valid JSON."),
            401: _("Authentication required: a valid token or session."),
            403: _("You may not do this."),
            404: _("Not found."),
            405: _("This method is not allowed here."),
            429: _("Too many requests. Try again later."),
        }
        return respond(
            request, exc.status_code, messages.get(exc.status_code, _("The request is not valid."))
        )
