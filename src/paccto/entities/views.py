"""Pages of the entity store. Every read of personal data states its justification."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from paccto.core.views import PlatformView, form_add_service_errors
from paccto.entities import selectors, services
from paccto.entities.forms import (
    EntityForm,
    EntitySearchForm,
    ImportMappingForm,
    ImportUploadForm,
    JustificationForm,
    LinkForm,
    MergeForm,
    UnmergeForm,
)
from paccto.entities.imports import IMPORT_TARGET_LABELS, mapping_targets
from paccto.entities.models import SCHEMA_CHOICES, ImportBatch
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
                "merges": selectors.entity_merges(entity=entity),
                "merge_form": MergeForm() if can_change_entity(self.actor, entity) else None,
                "unmerge_form": UnmergeForm(),
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


class ImportListView(PlatformView):
    """The institution's imports, and a new one."""

    template = "entities/import_list_page.html"
    permission = staticmethod(can_create_entity)

    def _render(self, form: ImportUploadForm, status: int = 200) -> HttpResponse:
        response = self.render(
            self.template,
            {
                "form": form,
                "batches": selectors.import_batch_list(actor=self.actor)[:50],
                "max_mb": settings.PACCTO_IMPORT_MAX_BYTES // (1024 * 1024),
            },
        )
        response.status_code = status
        return response

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(ImportUploadForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            if upload.size > settings.PACCTO_IMPORT_MAX_BYTES:
                form.add_error(
                    "file",
                    _("The file is larger than %(mb)s MB.")
                    % {"mb": settings.PACCTO_IMPORT_MAX_BYTES // (1024 * 1024)},
                )
            else:
                try:
                    batch = services.import_batch_create(
                        actor=self.actor,
                        file_name=upload.name,
                        content=upload.read(),
                        schema=form.cleaned_data["schema"],
                        file_format=form.cleaned_data["file_format"],
                    )
                except ValidationError as exc:
                    form_add_service_errors(form, exc)
                else:
                    return redirect("entities:import_detail", pk=batch.pk)
        return self._render(form, status=400)


class ImportDetailView(PlatformView):
    """One import: its column mapping, the check of its rows with a progress bar, the
    report, and the decision to import the valid rows or nothing."""

    template = "entities/import_page.html"
    partial_template_name = "entities/partials/import_status.html"
    permission = staticmethod(can_create_entity)

    def _form(self, batch: ImportBatch, data: Any = None) -> ImportMappingForm | None:
        if batch.status not in (ImportBatch.Status.UPLOADED, ImportBatch.Status.VALIDATED):
            return None
        targets = []
        if batch.file_format == ImportBatch.Format.CSV:
            schema = SCHEMATA[batch.schema]
            labels = {p.name: p.label for p in schema.props}
            labels.update(IMPORT_TARGET_LABELS)
            targets = [(t, labels[t]) for t in mapping_targets(batch.schema)]
        initial = ImportMappingForm.initial_for(batch.mapping, batch.headers)
        initial.update({k: v for k, v in batch.provenance.items() if k != "share_network_id"})
        if batch.provenance.get("share_network_id"):
            initial["share_network"] = batch.provenance["share_network_id"]
        return ImportMappingForm(data, headers=batch.headers, targets=targets, initial=initial)

    def _render(self, batch: ImportBatch, form: Any = None, status: int = 200) -> HttpResponse:
        response = self.render(
            self.template,
            {
                "batch": batch,
                "form": form if form is not None else self._form(batch),
                "report": batch.report,
            },
        )
        response.status_code = status
        return response

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(selectors.import_batch_get(actor=self.actor, pk=pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        batch = selectors.import_batch_get(actor=self.actor, pk=pk, action="change")
        action = request.POST.get("action", "")
        form = None
        try:
            if action == "map":
                form = self._form(batch, request.POST)
                if form is None:
                    raise ValidationError(_("This import can no longer be changed."))
                if not form.is_valid():
                    return self._render(batch, form, status=400)
                services.import_batch_map(
                    actor=self.actor,
                    batch=batch,
                    mapping=form.mapping(),
                    provenance=form.provenance(),
                )
            elif action == "confirm":
                services.import_batch_confirm(actor=self.actor, batch=batch)
            elif action == "discard":
                services.import_batch_discard(actor=self.actor, batch=batch)
                messages.success(request, _("Nothing was imported; the file is forgotten."))
            else:
                raise ValidationError(_("Unknown action."))
        except ValidationError as exc:
            batch.refresh_from_db()
            if form is not None and form.is_bound:
                form_add_service_errors(form, exc)
                return self._render(batch, form, status=400)
            for message in exc.messages:
                messages.error(request, message)
            return self._render(batch, status=400)
        return redirect("entities:import_detail", pk=batch.pk)


class EntityMergeView(PlatformView):
    """Merge a duplicate (given by reference) into this record."""

    permission = staticmethod(can_create_entity)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        kept = selectors.entity_get(actor=self.actor, pk=pk, action="change")
        form = MergeForm(request.POST)
        back = _detail_url(kept.pk, _("Merge decided by me"))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect(back)
        merged = selectors.entity_get(
            actor=self.actor, pk=form.cleaned_data["target"], action="change"
        )
        try:
            services.entity_merge(
                actor=self.actor, kept=kept, merged=merged, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request, _("%(ref)s was merged into this record.") % {"ref": merged.reference}
            )
        return redirect(back)


class EntityUnmergeView(PlatformView):
    permission = staticmethod(can_create_entity)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        decision = selectors.merge_decision_get(actor=self.actor, pk=pk)
        form = UnmergeForm(request.POST)
        back = _detail_url(decision.kept_id, _("Merge undone by me"))
        if not form.is_valid():
            messages.error(request, _("Say why these records are not the same."))
            return redirect(back)
        try:
            services.entity_unmerge(
                actor=self.actor, decision=decision, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            for error in exc.messages:
                messages.error(request, error)
        else:
            messages.success(
                request,
                _("%(ref)s is a record of its own again.") % {"ref": decision.merged.reference},
            )
        return redirect(back)
