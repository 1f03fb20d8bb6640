"""The audit log in the API (data-protection officers)."""

from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate

from paccto.api.pagination import Pagination
from paccto.audit import selectors
from paccto.audit.schemas import AuditEntryOut, AuditFilter
from paccto.core.permissions import actor_for

router = Router(tags=["audit"])


@router.get("/entries", response=list[AuditEntryOut])
@paginate(Pagination)
def entry_list(request: HttpRequest, filters: Query[AuditFilter]):
    data = {k: (v[:150] if isinstance(v, str) else v) for k, v in filters.model_dump().items()}
    return selectors.audit_entry_search(actor=actor_for(request.user), **data)


@router.get("/entries/{int:entry_id}", response=AuditEntryOut)
def entry_detail(request: HttpRequest, entry_id: int):
    return selectors.audit_entry_get(actor=actor_for(request.user), pk=entry_id)
