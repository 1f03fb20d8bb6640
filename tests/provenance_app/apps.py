from django.apps import AppConfig


class ProvenanceAppConfig(AppConfig):
    name = "tests.provenance_app"
    label = "provenance_app"
