from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "polku.demo"
    label = "demo"
    verbose_name = "Demo data"
