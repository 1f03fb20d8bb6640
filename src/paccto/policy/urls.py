from django.urls import path

from paccto.policy import views

app_name = "policy"

urlpatterns = [
    path("policy/", views.CycleListView.as_view(), name="cycle_list"),
    path("policy/cycles/new/", views.CycleCreateView.as_view(), name="cycle_create"),
    path("policy/cycles/<int:pk>/", views.DashboardView.as_view(), name="cycle_dashboard"),
    path("policy/cycles/<int:pk>/export.csv", views.ExportView.as_view(), name="cycle_export"),
    path("policy/cycles/<int:pk>/report.pdf", views.ReportView.as_view(), name="cycle_report"),
    path(
        "policy/cycles/<int:pk>/status/",
        views.CycleStatusView.as_view(),
        name="cycle_status",
    ),
    path(
        "policy/cycles/<int:pk>/assessments/<slug:market>/",
        views.AssessmentView.as_view(),
        name="assessment",
    ),
    path(
        "policy/cycles/<int:pk>/indicators/import/",
        views.ImportView.as_view(),
        name="indicator_import",
    ),
    path(
        "policy/cycles/<int:pk>/priorities/new/",
        views.PriorityCreateView.as_view(),
        name="priority_create",
    ),
    path(
        "policy/priorities/<int:pk>/goals/new/",
        views.GoalCreateView.as_view(),
        name="goal_create",
    ),
    path(
        "policy/priorities/<int:pk>/plans/new/",
        views.PlanCreateView.as_view(),
        name="plan_create",
    ),
    path("policy/plans/<int:pk>/", views.PlanView.as_view(), name="plan_detail"),
    path(
        "policy/plans/<int:pk>/actions/new/",
        views.ActionCreateView.as_view(),
        name="action_create",
    ),
    path("policy/actions/<int:pk>/", views.ActionView.as_view(), name="action_detail"),
    path("policy/actions/<int:pk>/edit/", views.ActionEditView.as_view(), name="action_edit"),
    path(
        "policy/actions/<int:pk>/indicators/new/",
        views.EntryCreateView.as_view(),
        name="indicator_create",
    ),
    path(
        "policy/indicators/<int:pk>/delete/",
        views.EntryDeleteView.as_view(),
        name="indicator_delete",
    ),
    path("public/statistics/", views.PublicStatisticsView.as_view(), name="public_statistics"),
]
