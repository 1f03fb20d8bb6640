from django.urls import path

from paccto.entities import views

app_name = "entities"

urlpatterns = [
    path("", views.EntityListView.as_view(), name="entity_list"),
    path("new/", views.EntityCreateView.as_view(), name="entity_create"),
    path("<int:pk>/", views.EntityDetailView.as_view(), name="entity_detail"),
    path("<int:pk>/edit/", views.EntityEditView.as_view(), name="entity_edit"),
    path("<int:pk>/links/", views.LinkCreateView.as_view(), name="link_create"),
    path("<int:pk>/merge/", views.EntityMergeView.as_view(), name="entity_merge"),
    path("merges/<int:pk>/undo/", views.EntityUnmergeView.as_view(), name="entity_unmerge"),
    path("imports/", views.ImportListView.as_view(), name="import_list"),
    path("imports/<int:pk>/", views.ImportDetailView.as_view(), name="import_detail"),
]
