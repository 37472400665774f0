"""Test settings: speed and isolation only; behaviour stays that of base.py."""

import os

# base.py refuses to start without a secret key; the tests use a fixed one.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")

from config.env import env
from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
SECRET_KEY = "test-only-secret-key"
if env.str("DATABASE_URL", default=""):
    DATABASES["default"]["TEST"] = {"NAME": "polku_test"}
    if "replica" in DATABASES:
        # A real streaming replica of the test cluster (scripts/test.sh): the test database
        # created on the primary reaches it by replication, so the alias mirrors `default`.
        DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
else:
    DATABASES.pop("replica", None)  # an in-memory SQLite database has no replica
    DATABASES["default"] = {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": ":memory:",
        "OPTIONS": {"transaction_mode": "IMMEDIATE", "timeout": 20},
        "TEST": {"NAME": ":memory:"},
    }
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A session is renewed once, at its first request, however the tests move the clock: query
# counts stay the same from one request to the next (polku/core/tests/test_session_idle.py
# sets its own interval).
POLKU_SESSION_RENEW_SECONDS = 10**9
# Tests keep the staff second factor on whatever a local .env says (the demo switches it off).
POLKU_STAFF_OTP_REQUIRED = True
# The test users log in as the demo's do, clients too; the tests of strong identification switch
# password login for clients off (production's default) and point at a local OIDC provider.
POLKU_CLIENT_PASSWORD_LOGIN = True
POLKU_OIDC_DISCOVERY_URL = ""
# Static files from the apps' folders, whatever POLKU_STATIC_ROOT a local .env sets.
WHITENOISE_USE_FINDERS = True
