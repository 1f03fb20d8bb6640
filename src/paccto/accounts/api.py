"""Accounts in the API: the caller, and account management for administrators."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Status
from ninja.pagination import paginate

from paccto.accounts import selectors, services
from paccto.accounts.schemas import LanguageIn, TokenOut, UserActiveIn, UserCreateIn, UserOut
from paccto.api.auth import require_write
from paccto.api.pagination import Pagination
from paccto.core.models import Institution
from paccto.core.permissions import actor_for

router = Router(tags=["accounts"])


@router.get("/me", response=UserOut)
def me(request: HttpRequest):
    return request.user


@router.put("/me/language", response=UserOut)
def me_language(request: HttpRequest, body: LanguageIn):
    require_write(request)
    return services.user_set_language(
        actor=actor_for(request.user), user=request.user, language=body.language
    )


@router.get("/me/tokens", response=list[TokenOut])
def my_tokens(request: HttpRequest):
    return list(selectors.api_token_list(actor=actor_for(request.user)))


@router.get("/users", response=list[UserOut])
@paginate(Pagination)
def user_list(request: HttpRequest, q: str = "", country: str = ""):
    return selectors.user_list(actor=actor_for(request.user), q=q[:100], country=country[:2])


@router.get("/users/{int:user_id}", response=UserOut)
def user_detail(request: HttpRequest, user_id: int):
    return selectors.user_get(actor=actor_for(request.user), pk=user_id)


@router.post("/users", response={201: UserOut})
def user_create(request: HttpRequest, body: UserCreateIn):
    require_write(request)
    institution = get_object_or_404(Institution, pk=body.institution_id)
    data = body.model_dump(exclude={"institution_id"})
    user = services.user_create(actor=actor_for(request.user), institution=institution, **data)
    return Status(201, user)


@router.put("/users/{int:user_id}/active", response=UserOut)
def user_active(request: HttpRequest, user_id: int, body: UserActiveIn):
    require_write(request)
    actor = actor_for(request.user)
    user = selectors.user_get(actor=actor, pk=user_id, action="change")
    return services.user_set_active(actor=actor, user=user, active=body.active)
