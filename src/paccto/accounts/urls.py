from django.urls import path

from paccto.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("mfa/verify/", views.MFAVerifyView.as_view(), name="mfa_verify"),
    path("mfa/setup/", views.MFASetupView.as_view(), name="mfa_setup"),
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("profile/tokens/", views.ApiTokenCreateView.as_view(), name="token_create"),
    path(
        "profile/tokens/<int:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="token_revoke"
    ),
    path("language/", views.LanguageChangeView.as_view(), name="language"),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/new/", views.UserCreateView.as_view(), name="user_create"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:pk>/manage/", views.UserManageView.as_view(), name="user_manage"),
]
