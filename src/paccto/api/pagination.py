"""Page-number pagination with bounded inputs (no offset overflow, no giant pages)."""

from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE = 100_000
MAX_PAGE_SIZE = 200


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

    def paginate_queryset(self, queryset: QuerySet | list, pagination: Input, **params: Any) -> Any:
        offset = (pagination.page - 1) * pagination.page_size
        count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
        return {
            "items": list(queryset[offset : offset + pagination.page_size]),
            "count": count,
            "page": pagination.page,
            "page_size": pagination.page_size,
        }
