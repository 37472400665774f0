#!/usr/bin/env bash
# `make serve`: Polku as production runs it: gunicorn's worker processes on PostgreSQL, static
# files by WhiteNoise from collectstatic's hashed copies. Settings come from the environment or
# .env (DATABASE_URL, DJANGO_SECRET_KEY, POLKU_HTTPS, ...; see .env.example and
# docs/subsystems/serving.md). Ends with gunicorn in the foreground (exec).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=config.settings.base
export POLKU_STATIC_ROOT=${POLKU_STATIC_ROOT:-$PWD/var/static}

engine=$($PY -c 'import django; django.setup(); from django.conf import settings; print(settings.DATABASES["default"]["ENGINE"])')
if [ "$engine" != "django.db.backends.postgresql" ]; then
  echo "make serve runs on PostgreSQL: set DATABASE_URL (in the environment or in .env)." >&2
  exit 1
fi
$PY manage.py migrate --noinput
$PY manage.py collectstatic --noinput --verbosity 0
exec .venv/bin/gunicorn --config config/gunicorn.py config.wsgi:application
