"""Input hygiene applied to every request before any view sees it."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import Resolver404, resolve

from paccto.core.errors import bad_request, request_too_large


def upload_route_limit(path: str) -> int | None:
    """The body limit of an upload route (``PACCTO_UPLOAD_ROUTES``, keyed by path or by
    the route's pattern, ``/cases/jits/<int:pk>/evidence/new/``), or None."""
    routes = settings.PACCTO_UPLOAD_ROUTES
    limit = routes.get(path)
    if limit is None:
        try:
            limit = routes.get("/" + resolve(path).route)
        except Resolver404:
            return None
    return limit


class RequestSizeMiddleware:
    """Refuses a request whose body is larger than ``PACCTO_MAX_BODY_BYTES`` (413), before
    anything reads it, except on the few upload routes of ``PACCTO_UPLOAD_ROUTES``, each
    with its own larger limit. Django alone counts form data against the limit but lets
    files of any size through to every route."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            limit = upload_route_limit(request.path_info)
            if limit is None or length > limit:
                return request_too_large(request)
        return self.get_response(request)


class RejectNulMiddleware:
    """Refuses NUL characters in the path, the query string, small text bodies and the
    fields of multipart forms (their files' names and contents are the upload checks').

    No field of the platform may hold one, PostgreSQL cannot store one, and they are a
    classic way to smuggle input past validation: the request gets a clear 400.
    """

    TEXT_TYPES = ("application/json", "application/x-www-form-urlencoded", "text/")

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", ""):
            return bad_request(request)
        content_type = request.META.get("CONTENT_TYPE", "")
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if 0 < length <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE and content_type.startswith(
            self.TEXT_TYPES
        ):
            body = request.body
            encoded_nul = b"%00" if "urlencoded" in content_type else b"\\u0000"
            if b"\x00" in body or encoded_nul in body:
                return bad_request(request)
        elif request.method == "POST" and content_type.startswith("multipart/form-data"):
            try:
                fields = request.POST  # parsed once: the view reads the same
            except MultiPartParserError:
                return bad_request(request)
            if any("\x00" in text for item in fields.lists() for text in (item[0], *item[1])):
                return bad_request(request)
        return self.get_response(request)
