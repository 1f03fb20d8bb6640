from django.urls import path

from paccto.cases.views import cases, jits

app_name = "cases"

urlpatterns = [
    path("", cases.CaseListView.as_view(), name="case_list"),
    path("new/", cases.CaseCreateView.as_view(), name="case_create"),
    path("<int:pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/edit/", cases.CaseEditView.as_view(), name="case_edit"),
    path("<int:pk>/stage/", cases.CaseStageView.as_view(), name="case_stage"),
    path("<int:pk>/participants/", cases.ParticipantAddView.as_view(), name="participant_add"),
    path(
        "<int:pk>/participants/<int:participant_pk>/remove/",
        cases.ParticipantRemoveView.as_view(),
        name="participant_remove",
    ),
    path("<int:pk>/entities/", cases.EntityLinkView.as_view(), name="entity_link"),
    path(
        "<int:pk>/entities/<int:link_pk>/unlink/",
        cases.EntityUnlinkView.as_view(),
        name="entity_unlink",
    ),
    path(
        "<int:pk>/messages/<int:link_pk>/unlink/",
        cases.MessageUnlinkView.as_view(),
        name="message_unlink",
    ),
    path("jits/", jits.JitListView.as_view(), name="jit_list"),
    path("jits/new/", jits.JitCreateView.as_view(), name="jit_create"),
    path("jits/<int:pk>/", jits.JitDetailView.as_view(), name="jit_detail"),
    path("jits/<int:pk>/members/", jits.JitMemberAddView.as_view(), name="jit_member_add"),
    path(
        "jits/<int:pk>/members/<int:member_pk>/remove/",
        jits.JitMemberRemoveView.as_view(),
        name="jit_member_remove",
    ),
    path("jits/<int:pk>/evidence/new/", jits.EvidenceCreateView.as_view(), name="evidence_create"),
    path(
        "jits/<int:pk>/evidence/<int:evidence_pk>/",
        jits.EvidenceDetailView.as_view(),
        name="evidence_detail",
    ),
    path(
        "jits/<int:pk>/evidence/<int:evidence_pk>/custody/",
        jits.CustodyRecordView.as_view(),
        name="custody_record",
    ),
    path(
        "jits/<int:pk>/files/<int:file_pk>/", jits.FileDownloadView.as_view(), name="file_download"
    ),
    path("jits/<int:pk>/custody/verify/", jits.CustodyVerifyView.as_view(), name="custody_verify"),
    path("jits/<int:pk>/tasks/", jits.TaskCreateView.as_view(), name="task_create"),
    path("jits/<int:pk>/tasks/<int:task_pk>/", jits.TaskUpdateView.as_view(), name="task_update"),
    path("jits/<int:pk>/meetings/", jits.MeetingCreateView.as_view(), name="meeting_create"),
    path("jits/<int:pk>/close/", jits.JitCloseView.as_view(), name="jit_close"),
]
