"""Pages of onward sharing and of what messages feed: forwarding and the owner's
decisions, entities mentioned, the institutions' message defaults."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from paccto.core.choices import Role
from paccto.core.models import Institution
from paccto.core.permissions import Actor
from paccto.core.views import PlatformView, form_add_service_errors
from paccto.entities.forms import EntityForm
from paccto.entities.schemata import SCHEMATA
from paccto.exchange import selectors, services
from paccto.exchange.forms import (
    DefaultsForm,
    EntityLinkForm,
    ForwardDecisionForm,
    ForwardForm,
)
from paccto.exchange.models import ForwardRequest, Message
from paccto.exchange.permissions import can_edit_defaults_of, can_use_exchange
from paccto.exchange.services.mentions import mention_provenance


class MessageForwardView(PlatformView):
    permission = staticmethod(can_use_exchange)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = services.message_access(actor=self.actor, pk=pk, action="forward")
        form = ForwardForm(request.POST, institutions=selectors.institution_choices())
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("exchange:message_detail", pk=message.pk)
        try:
            result = services.message_forward(
                actor=self.actor,
                message=message,
                target_ids=form.cleaned_data["targets"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
            return redirect("exchange:message_detail", pk=message.pk)
        if isinstance(result, ForwardRequest):
            messages.success(
                request,
                _(
                    "This content is H2: its owner was asked for permission. The copy is "
                    "delivered only if the owner grants it."
                ),
            )
            return redirect("exchange:forward_request_list")
        messages.success(
            request,
            _("Forwarded as %(reference)s.") % {"reference": result.reference},
        )
        return redirect("exchange:message_detail", pk=result.pk)


class ForwardRequestListView(PlatformView):
    template = "exchange/forward_request_list_page.html"
    permission = staticmethod(can_use_exchange)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(
            self.template,
            {
                "page": self.paginate(selectors.forward_request_list(actor=self.actor)),
                "decision_form": ForwardDecisionForm(),
            },
        )


class ForwardRequestDecideView(PlatformView):
    permission = staticmethod(can_use_exchange)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        forward = selectors.forward_request_get(actor=self.actor, pk=pk, action="decide")
        form = ForwardDecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Grant or refuse."))
            return redirect("exchange:forward_request_list")
        grant = form.cleaned_data["decision"] == "grant"
        try:
            services.forward_request_decide(
                actor=self.actor, request=forward, grant=grant, note=form.cleaned_data["note"]
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("Forwarding granted: the copy was delivered.")
                if grant
                else _("Forwarding refused."),
            )
        return redirect("exchange:forward_request_list")


class MessageEntityCreateView(PlatformView):
    """Record an entity mentioned in a message, with the entity store's own form."""

    template = "exchange/mention_form_page.html"
    permission = staticmethod(can_use_exchange)

    def _schema(self, request: HttpRequest) -> str:
        schema = request.GET.get("schema", "")
        if schema not in SCHEMATA:
            raise Http404
        return schema

    def _render(self, message: Message, form: EntityForm, schema: str, status: int = 200):
        response = self.render(
            self.template,
            {
                "message": message,
                "form": form,
                "schema": SCHEMATA[schema],
                "foreign": message.owner_institution_id != self.actor.institution_id,
            },
        )
        response.status_code = status
        return response

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = services.message_access(actor=self.actor, pk=pk, action="link")
        schema = self._schema(request)
        initial = mention_provenance(self.actor, message, {})
        return self._render(message, EntityForm(schema=schema, initial=initial), schema)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        message = services.message_access(actor=self.actor, pk=pk, action="link")
        schema = self._schema(request)
        form = EntityForm(request.POST, schema=schema)
        if form.is_valid():
            try:
                entity = services.message_entity_record(
                    actor=self.actor,
                    message=message,
                    schema=schema,
                    properties=form.properties(),
                    flags=form.flags(),
                    provenance=form.provenance(),
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc, prefix="p_")
            else:
                messages.success(
                    request,
                    _("%(reference)s was recorded from this message.")
                    % {"reference": entity.reference},
                )
                return redirect("exchange:message_detail", pk=message.pk)
        return self._render(message, form, schema, status=400)


class MessageEntityLinkView(PlatformView):
    permission = staticmethod(can_use_exchange)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        from paccto.entities.selectors import entity_get

        message = services.message_access(actor=self.actor, pk=pk, action="link")
        form = EntityLinkForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("exchange:message_detail", pk=message.pk)
        entity = entity_get(actor=self.actor, pk=form.cleaned_data["entity"])
        services.message_entity_link(actor=self.actor, message=message, entity=entity)
        messages.success(
            request,
            _("%(reference)s is linked to this message.") % {"reference": entity.reference},
        )
        return redirect("exchange:message_detail", pk=message.pk)


def _is_defaults_admin(actor: Actor) -> bool:
    return actor.has_role(Role.PLATFORM_ADMIN, Role.NATIONAL_ADMIN)


class DefaultsListView(PlatformView):
    """The institutions whose message defaults the administrator sets."""

    template = "exchange/defaults_list_page.html"
    permission = staticmethod(_is_defaults_admin)

    def get(self, request: HttpRequest) -> HttpResponse:
        institutions = Institution.objects.select_related("exchange_defaults").order_by(
            "country_id", "name"
        )
        if not self.actor.has_role(Role.PLATFORM_ADMIN):
            institutions = institutions.filter(country_id=self.actor.country_id)
        return self.render(self.template, {"page": self.paginate(institutions)})


class DefaultsEditView(PlatformView):
    template = "exchange/defaults_page.html"
    permission = staticmethod(_is_defaults_admin)

    def _institution(self, pk: int) -> Institution:
        institution = Institution.objects.filter(pk=pk).first()
        if institution is None or not can_edit_defaults_of(self.actor, institution.country_id):
            raise Http404
        return institution

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        institution = self._institution(pk)
        defaults = services.exchange_defaults_for(institution.pk)
        initial = {
            f: getattr(defaults, f)
            for f in DefaultsForm.base_fields
            if defaults is not None and hasattr(defaults, f)
        }
        return self.render(
            self.template, {"institution": institution, "form": DefaultsForm(initial=initial)}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        institution = self._institution(pk)
        form = DefaultsForm(request.POST)
        if form.is_valid():
            try:
                services.exchange_defaults_set(
                    actor=self.actor, institution=institution, **form.cleaned_data
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc)
            else:
                messages.success(request, _("The defaults were saved."))
                return redirect(reverse("exchange:defaults_list"))
        response = self.render(self.template, {"institution": institution, "form": form})
        response.status_code = 400
        return response
