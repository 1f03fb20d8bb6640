from django.urls import path

from paccto.prisons import views

app_name = "prisons"

urlpatterns = [
    path("", views.InmateListView.as_view(), name="inmate_list"),
    path("inmates/new/", views.InmateCreateView.as_view(), name="inmate_create"),
    path("inmates/<int:pk>/", views.InmateDetailView.as_view(), name="inmate_detail"),
    path("inmates/<int:pk>/edit/", views.InmateEditView.as_view(), name="inmate_edit"),
    path("inmates/<int:pk>/move/", views.InmateMoveView.as_view(), name="inmate_move"),
    path("inmates/<int:pk>/release/", views.InmateReleaseView.as_view(), name="inmate_release"),
    path(
        "inmates/<int:pk>/affiliations/",
        views.AffiliationCreateView.as_view(),
        name="affiliation_create",
    ),
    path("affiliations/<int:pk>/end/", views.AffiliationEndView.as_view(), name="affiliation_end"),
    path(
        "inmates/<int:pk>/separations/",
        views.SeparationCreateView.as_view(),
        name="separation_create",
    ),
    path("separations/<int:pk>/lift/", views.SeparationLiftView.as_view(), name="separation_lift"),
    path("inmates/<int:pk>/watches/", views.WatchCreateView.as_view(), name="watch_create"),
    path("inmates/<int:pk>/transfer/", views.TransferCreateView.as_view(), name="transfer_create"),
    path("watches/", views.WatchListView.as_view(), name="watch_list"),
    path("watches/<int:pk>/end/", views.WatchEndView.as_view(), name="watch_end"),
    path("reports/", views.ReportListView.as_view(), name="report_list"),
    path("reports/new/", views.ReportCreateView.as_view(), name="report_create"),
    path("reports/<int:pk>/", views.ReportDetailView.as_view(), name="report_detail"),
    path("transfers/", views.TransferListView.as_view(), name="transfer_list"),
    path("transfers/<int:pk>/", views.TransferDetailView.as_view(), name="transfer_detail"),
    path("transfers/<int:pk>/steps/", views.TransferStepView.as_view(), name="transfer_step"),
    path(
        "transfers/documents/",
        views.TransferDocumentUploadView.as_view(),
        name="transfer_document_upload",
    ),
    path(
        "transfer-documents/<int:pk>/",
        views.TransferDocumentDownloadView.as_view(),
        name="transfer_document_download",
    ),
    path("academy/", views.CourseListView.as_view(), name="course_list"),
    path("academy/courses/<int:pk>/", views.CourseDetailView.as_view(), name="course_detail"),
    path(
        "academy/courses/<int:pk>/sessions/",
        views.SessionCreateView.as_view(),
        name="session_create",
    ),
    path("academy/sessions/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path(
        "academy/sessions/<int:pk>/enrol/",
        views.EnrolmentCreateView.as_view(),
        name="enrolment_create",
    ),
    path(
        "academy/enrolments/<int:pk>/withdraw/",
        views.EnrolmentWithdrawView.as_view(),
        name="enrolment_withdraw",
    ),
    path(
        "academy/enrolments/<int:pk>/complete/",
        views.EnrolmentCompleteView.as_view(),
        name="enrolment_complete",
    ),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
]
