"""Sign-in, second factor, profile (language, password, API tokens) and account management."""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout, update_session_auth_hash
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View

from paccto.accounts import selectors, services
from paccto.accounts.forms import (
    ApiTokenForm,
    LanguageForm,
    OTPForm,
    PasswordChangeForm,
    SignInForm,
    UserCreateForm,
    UserRolesForm,
)
from paccto.accounts.middleware import LAST_SEEN, MFA_NOT_ENROLLED, SIGNED_IN_AT
from paccto.accounts.permissions import (
    can_create_users,
    can_manage_user,
    grantable_roles,
    manageable_institutions,
)
from paccto.core.permissions import actor_for
from paccto.core.views import PlatformView, form_add_service_errors


def client_ip(request: HttpRequest) -> str | None:
    """The client's address; behind our reverse proxy, the hop it appended last."""
    if settings.PACCTO_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:45] or None
    return request.META.get("REMOTE_ADDR")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(settings.LOGIN_REDIRECT_URL)


class SignInView(View):
    template = "accounts/sign_in_page.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect(settings.LOGIN_REDIRECT_URL)
        return render(request, self.template, {"form": SignInForm(), "next": _safe_next(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = SignInForm(request.POST)
        if form.is_valid():
            username = form.cleaned_data["username"]
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            if user is not None:
                login(request, user)
                now = int(time.time())
                request.session[SIGNED_IN_AT] = now
                request.session[LAST_SEEN] = now
                services.session_signed_in(
                    actor=actor_for(user), ip=client_ip(request), method="password"
                )
                if user.language:
                    translation.activate(user.language)
                return HttpResponseRedirect(_safe_next(request))
            services.login_failure_record(username=username, ip=client_ip(request))
            form.add_error(
                None,
                _(
                    "Sign-in failed: check your username and password. After %(n)d failed "
                    "attempts the account is locked."
                )
                % {"n": settings.PACCTO_LOCKOUT_FAILURES},
            )
        return render(
            request, self.template, {"form": form, "next": _safe_next(request)}, status=400
        )


class SignOutView(View):
    def post(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            services.session_signed_out(actor=actor_for(request.user), reason="user")
        logout(request)
        return redirect(settings.LOGOUT_REDIRECT_URL)


class MFAVerifyView(PlatformView):
    template = "accounts/mfa_verify_page.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template, {"form": OTPForm(), "next": _safe_next(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        from django_otp import devices_for_user
        from django_otp import login as otp_login

        if services.account_is_locked(request.user.get_username()):
            # Too many wrong codes: the half-open session ends like a wrong password would.
            logout(request)
            return redirect(settings.LOGIN_URL)
        form = OTPForm(request.POST)
        if form.is_valid():
            token = form.cleaned_data["token"].strip().replace(" ", "")
            for device in devices_for_user(request.user, confirmed=True):
                if device.verify_token(token):
                    otp_login(request, device)
                    services.session_signed_in(
                        actor=actor_for(request.user), ip=client_ip(request), method="otp"
                    )
                    return HttpResponseRedirect(_safe_next(request))
            services.login_failure_record(
                username=request.user.get_username(), ip=client_ip(request)
            )
            form.add_error("token", _("The code is not valid. Try the next one."))
        return render(
            request, self.template, {"form": form, "next": _safe_next(request)}, status=400
        )


class MFASetupView(PlatformView):
    """Enrolment of an authenticator. Someone who has only passed the password step of an
    account that already has one must verify with it first: 404 here, as for a record."""

    template = "accounts/mfa_setup_page.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        from django_otp import user_has_device

        if (
            request.user.is_authenticated
            and not request.user.is_verified()
            and user_has_device(request.user, confirmed=True)
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def _context(self, device, form=None) -> dict:
        import qrcode
        import qrcode.image.svg

        image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
        from base64 import b32encode

        return {
            "form": form or OTPForm(),
            "qr_svg": image.to_string(encoding="unicode"),
            "secret": b32encode(device.bin_key).decode(),
            "device_id": device.pk,
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        device = services.mfa_totp_start(user=request.user)
        return render(request, self.template, self._context(device))

    def post(self, request: HttpRequest) -> HttpResponse:
        from django_otp import login as otp_login
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
        if device is None:
            return redirect("accounts:mfa_setup")
        form = OTPForm(request.POST)
        if form.is_valid():
            try:
                codes = services.mfa_totp_confirm(
                    actor=self.actor,
                    user=request.user,
                    device=device,
                    token=form.cleaned_data["token"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                otp_login(request, device)
                request.session.pop(MFA_NOT_ENROLLED, None)
                return render(request, "accounts/mfa_backup_codes_page.html", {"codes": codes})
        return render(request, self.template, self._context(device, form), status=400)


class ProfileView(PlatformView):
    template = "accounts/profile_page.html"

    def _context(self, **extra) -> dict:
        from django_otp import user_has_device

        return {
            "language_form": LanguageForm(initial={"language": translation.get_language()}),
            "password_form": PasswordChangeForm(),
            "token_form": ApiTokenForm(),
            "tokens": selectors.api_token_list(actor=self.actor),
            "mfa_enrolled": user_has_device(self.request.user),
            **extra,
        }

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template, self._context())


class LanguageChangeView(View):
    """Saves the language in the profile (signed in) and in a cookie (everyone)."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = LanguageForm(request.POST)
        target = _safe_next(request)
        response = HttpResponseRedirect(target)
        if form.is_valid():
            language = form.cleaned_data["language"]
            if request.user.is_authenticated:
                services.user_set_language(
                    actor=actor_for(request.user), user=request.user, language=language
                )
            translation.activate(language)
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=365 * 24 * 3600,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


class PasswordChangeView(ProfileView):
    def post(self, request: HttpRequest) -> HttpResponse:
        form = PasswordChangeForm(request.POST)
        if form.is_valid():
            if not request.user.check_password(form.cleaned_data["current_password"]):
                form.add_error("current_password", _("The current password is not correct."))
            else:
                try:
                    services.user_change_password(
                        actor=self.actor,
                        user=request.user,
                        new_password=form.cleaned_data["new_password"],
                    )
                except ValidationError as exc:
                    form.add_error("new_password", exc)
                else:
                    update_session_auth_hash(request, request.user)
                    messages.success(request, _("Your password was changed."))
                    return redirect("accounts:profile")
        return render(request, self.template, self._context(password_form=form), status=400)


class ApiTokenCreateView(ProfileView):
    def post(self, request: HttpRequest) -> HttpResponse:
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                _token, secret = services.api_token_create(
                    actor=self.actor, user=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                return render(request, self.template, self._context(new_secret=secret))
        return render(request, self.template, self._context(token_form=form), status=400)


class ApiTokenRevokeView(PlatformView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = selectors.api_token_get(actor=self.actor, pk=pk)
        services.api_token_revoke(actor=self.actor, token=token)
        messages.success(request, _("The token was revoked."))
        return redirect("accounts:profile")


class UserListView(PlatformView):
    partial_template_name = "accounts/partials/user_table.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        q = request.GET.get("q", "")[:100]
        users = selectors.user_list(actor=self.actor, q=q)
        return self.render(
            "accounts/user_list_page.html",
            {
                "page": self.paginate(users),
                "q": q,
                "can_create": can_create_users(self.actor),
            },
        )


class UserCreateView(PlatformView):
    template = "accounts/user_create_page.html"
    permission = staticmethod(can_create_users)

    def _form(self, data=None) -> UserCreateForm:
        return UserCreateForm(
            data,
            institutions=manageable_institutions(self.actor),
            roles=grantable_roles(self.actor),
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, self.template, {"form": self._form()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self._form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = services.user_create(actor=self.actor, **data)
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The account was created."))
                return redirect("accounts:user_detail", pk=user.pk)
        return render(request, self.template, {"form": form}, status=400)


class UserDetailView(PlatformView):
    template = "accounts/user_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = selectors.user_get(actor=self.actor, pk=pk)
        manage = can_manage_user(self.actor, user)
        return render(
            request,
            self.template,
            {
                "account": user,
                "can_manage": manage,
                "roles_form": UserRolesForm(
                    initial={"roles": user.role_codes}, roles=grantable_roles(self.actor)
                )
                if manage
                else None,
                "locked": services.account_is_locked(user.username),
            },
        )


class UserManageView(PlatformView):
    """Roles, enable/disable and unlock of one account (POST only)."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        user = selectors.user_get(actor=self.actor, pk=pk, action="change")
        op = request.POST.get("op", "")
        try:
            if op == "roles":
                form = UserRolesForm(request.POST, roles=grantable_roles(self.actor))
                if not form.is_valid():
                    messages.error(request, _("Choose at least one role."))
                    return redirect("accounts:user_detail", pk=pk)
                services.user_set_roles(
                    actor=self.actor, user=user, roles=form.cleaned_data["roles"]
                )
            elif op in ("disable", "enable"):
                services.user_set_active(actor=self.actor, user=user, active=op == "enable")
            elif op == "unlock":
                services.account_unlock(actor=self.actor, username=user.username)
            else:
                messages.error(request, _("Unknown operation."))
                return redirect("accounts:user_detail", pk=pk)
        except PermissionDenied:
            messages.error(request, _("You may not make this change."))
        else:
            messages.success(request, _("The account was updated."))
        return redirect("accounts:user_detail", pk=pk)
