import os

from django.core.wsgi import get_wsgi_application

from polku.core import heap

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

# The loaded application's objects are set aside from the garbage collector, and those its first
# request loads too (polku.core.heap).
_django = get_wsgi_application()
heap.settle()
application = heap.SettleAfterFirstRequest(_django)
