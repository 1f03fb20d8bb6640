"""Pages of the entity store. Every read of personal data states its justification."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from paccto.core.views import PlatformView, form_add_service_errors
from paccto.entities import selectors, services
from paccto.entities.forms import EntityForm, EntitySearchForm, JustificationForm, LinkForm
from paccto.entities.models import SCHEMA_CHOICES
from paccto.entities.permissions import can_change_entity, can_create_entity
from paccto.entities.schemata import SCHEMATA


def _detail_url(pk: int, justification: str) -> str:
    """The entity page, consulted for a stated reason."""
    query = urlencode({"justification": justification})
    return f"{reverse('entities:entity_detail', args=[pk])}?{query}"


class EntityListView(PlatformView):
    partial_template_name = "entities/partials/entity_table.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = EntitySearchForm(request.GET or None)
        page = None
        if form.is_bound and form.is_valid():
            query = {"q": form.cleaned_data["q"], "schema": form.cleaned_data["schema"]}
            services.entity_search_record(
                actor=self.actor,
                query={k: v for k, v in query.items() if v},
                justification=form.cleaned_data["justification"],
            )
            page = self.paginate(selectors.entity_search(actor=self.actor, **query))
        params = request.GET.copy()
        params.pop("page", None)
        return self.render(
            "entities/entity_list_page.html",
            {
                "form": form,
                "page": page,
                "querystring": params.urlencode(),
                "schemata": SCHEMA_CHOICES,
                "can_create": can_create_entity(self.actor),
            },
        )


class EntityCreateView(PlatformView):
    template = "entities/entity_form_page.html"
    permission = staticmethod(can_create_entity)

    def _schema(self, request: HttpRequest) -> str:
        schema = request.GET.get("schema", "")
        if schema not in SCHEMATA:
            raise Http404
        return schema

    def get(self, request: HttpRequest) -> HttpResponse:
        schema = self._schema(request)
        return self.render(
            self.template, {"form": EntityForm(schema=schema), "schema": SCHEMATA[schema]}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        schema = self._schema(request)
        form = EntityForm(request.POST, schema=schema)
        if form.is_valid():
            try:
                entity = services.entity_create(
                    actor=self.actor,
                    schema=schema,
                    properties=form.properties(),
                    flags=form.flags(),
                    provenance=form.provenance(),
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc, prefix="p_")
            else:
                messages.success(request, _("The entity was recorded."))
                return redirect(_detail_url(entity.pk, _("Recorded by me")))
        response = self.render(self.template, {"form": form, "schema": SCHEMATA[schema]})
        response.status_code = 400
        return response


class EntityDetailView(PlatformView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        entity = selectors.entity_get(actor=self.actor, pk=pk)
        reason = JustificationForm(request.GET or None)
        if not reason.is_bound or not reason.is_valid():
            return self.render(
                "entities/justification_page.html", {"form": reason, "entity_id": entity.pk}
            )
        services.entity_consult(
            actor=self.actor, entity=entity, justification=reason.cleaned_data["justification"]
        )
        return self.render(
            "entities/entity_page.html",
            {
                "entity": entity,
                "schema": SCHEMATA[entity.schema],
                "properties": [
                    (SCHEMATA[entity.schema].prop(name).label, values)
                    for name, values in entity.properties.items()
                ],
                "links": selectors.entity_links(actor=self.actor, entity=entity),
                "versions": selectors.entity_versions(entity=entity),
                "can_change": can_change_entity(self.actor, entity),
                "link_form": LinkForm() if can_create_entity(self.actor) else None,
                "justification": reason.cleaned_data["justification"],
            },
        )


class EntityEditView(PlatformView):
    template = "entities/entity_form_page.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        entity = selectors.entity_get(actor=self.actor, pk=pk, action="change")
        form = EntityForm(initial=EntityForm.initial_for(entity), schema=entity.schema)
        return self.render(
            self.template, {"form": form, "schema": SCHEMATA[entity.schema], "entity": entity}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        entity = selectors.entity_get(actor=self.actor, pk=pk, action="change")
        form = EntityForm(request.POST, schema=entity.schema)
        if form.is_valid():
            try:
                services.entity_update(
                    actor=self.actor,
                    entity=entity,
                    properties=form.properties(),
                    flags=form.flags(),
                    provenance=form.provenance(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                form_add_service_errors(form, exc, prefix="p_")
            else:
                messages.success(request, _("The entity was updated."))
                return redirect(_detail_url(entity.pk, _("Updated by me")))
        response = self.render(
            self.template, {"form": form, "schema": SCHEMATA[entity.schema], "entity": entity}
        )
        response.status_code = 400
        return response


class LinkCreateView(PlatformView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        source = selectors.entity_get(actor=self.actor, pk=pk)
        form = LinkForm(request.POST)
        back = _detail_url(source.pk, _("Link recorded by me"))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        target = selectors.entity_get(actor=self.actor, pk=form.cleaned_data["target"])
        try:
            services.link_create(
                actor=self.actor,
                source=source,
                target=target,
                link_type=form.cleaned_data["link_type"],
                start_date=form.cleaned_data["start_date"],
                end_date=form.cleaned_data["end_date"],
                note=form.cleaned_data["note"],
                provenance=form.provenance(),
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(request, _("The link was recorded."))
        return redirect(back)
