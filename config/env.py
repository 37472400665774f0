"""Environment: the one place settings read the deployment's variables (django-environ)."""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


# Only ever used with DJANGO_DEBUG=true on a developer's machine.
DEBUG_ONLY_SECRET_KEY = "insecure-debug-only-key-never-in-production"  # noqa: S105
# Values that must never sign a production session: the old built-in key and the example's.
_PLACEHOLDER_KEYS = {"", "change-me", "insecure-local-only-key-change-me", DEBUG_ONLY_SECRET_KEY}


def secret_key(*, debug: bool) -> str:
    """The secret key: ``DJANGO_SECRET_KEY``, else the file named by ``DJANGO_SECRET_KEY_FILE``.

    With DEBUG off Polku refuses to start without a key of its own (no built-in fallback): a
    known key lets anyone forge sessions and password-reset tokens. With DEBUG on a fixed
    development key is used. ``make run`` generates a random key into ``var/`` and passes its
    file, so the demo runs with DEBUG off.
    """
    key = env.str("DJANGO_SECRET_KEY", default="").strip()
    path = env.str("DJANGO_SECRET_KEY_FILE", default="").strip()
    if key in _PLACEHOLDER_KEYS and path:
        try:
            key = Path(path).read_text(encoding="utf-8").strip()
        except OSError as error:
            raise ImproperlyConfigured(f"DJANGO_SECRET_KEY_FILE cannot be read: {path}") from error
    if key not in _PLACEHOLDER_KEYS:
        return key
    if debug:
        return key or DEBUG_ONLY_SECRET_KEY
    raise ImproperlyConfigured(
        "Set DJANGO_SECRET_KEY (or DJANGO_SECRET_KEY_FILE) to a long random value: with "
        "DJANGO_DEBUG off Polku does not start on a missing or example secret key."
    )
