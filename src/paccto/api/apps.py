from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "paccto.api"
    label = "api"
    verbose_name = "API"
