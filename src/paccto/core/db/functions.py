"""Database functions the ORM lacks on every backend the platform supports."""

from __future__ import annotations

from typing import Any

from django.db.models import Aggregate, CharField


class GroupConcat(Aggregate):
    """The values of a group joined by commas (``STRING_AGG`` on PostgreSQL,
    ``GROUP_CONCAT`` on SQLite); order is not guaranteed."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_postgresql(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra)
