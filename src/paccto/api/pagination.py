"""Page-number pagination with bounded inputs (no offset overflow, no giant pages)."""

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE = 100_000
MAX_PAGE_SIZE = 200


class PageRows:
    """A queryset whose page, once cut, is turned into plain rows by ``build``: for lists
    where building model objects and letting the schema read their attributes cost more
    than the query (the rows must have the shape of the endpoint's schema)."""

    def __init__(self, queryset: QuerySet, build: Callable[[QuerySet], Iterable[Any]]) -> None:
        self.queryset = queryset
        self.build = build


class Pagination(PaginationBase):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)

    class Output(Schema):
        items: list[Any]
        count: int
        page: int
        page_size: int

    items_attribute = "items"

    def paginate_queryset(
        self, queryset: QuerySet | PageRows | list, pagination: Input, **params: Any
    ) -> Any:
        offset = (pagination.page - 1) * pagination.page_size
        end = offset + pagination.page_size
        if isinstance(queryset, PageRows):
            count = queryset.queryset.count()
            items = list(queryset.build(queryset.queryset[offset:end]))
        else:
            count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
            items = list(queryset[offset:end])
        return {
            "items": items,
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
        }
