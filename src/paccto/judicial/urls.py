from django.urls import path

from paccto.judicial.views import judgments, requests

app_name = "judicial"

urlpatterns = [
    path("", requests.RequestListView.as_view(), name="request_list"),
    path("new/", requests.RequestCreateView.as_view(), name="request_create"),
    path("<int:pk>/", requests.RequestDetailView.as_view(), name="request_detail"),
    path("<int:pk>/edit/", requests.RequestEditView.as_view(), name="request_edit"),
    path("<int:pk>/safeguards/", requests.SafeguardView.as_view(), name="request_safeguards"),
    path("<int:pk>/entities/", requests.RequestEntityAddView.as_view(), name="request_entity_add"),
    path("<int:pk>/steps/", requests.RequestStepView.as_view(), name="request_step"),
    path("<int:pk>/extend/", requests.RequestExtendView.as_view(), name="request_extend"),
    path("attachments/", requests.AttachmentUploadView.as_view(), name="attachment_upload"),
    path(
        "attachments/<int:pk>/",
        requests.AttachmentDownloadView.as_view(),
        name="attachment_download",
    ),
    path("judgments/", judgments.JudgmentListView.as_view(), name="judgment_list"),
    path(
        "cases/<int:case_pk>/judgments/new/",
        judgments.JudgmentCreateView.as_view(),
        name="judgment_create",
    ),
    path("judgments/<int:pk>/", judgments.JudgmentDetailView.as_view(), name="judgment_detail"),
    path("judgments/<int:pk>/final/", judgments.JudgmentFinalView.as_view(), name="judgment_final"),
]
