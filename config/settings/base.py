"""Polku settings: everything lives here; test.py only changes speed and isolation.

Deployment facts come from environment variables (see .env.example). Production hardening is
switched on by variables, never by editing this file.
"""

from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

from config.env import BASE_DIR, env, secret_key

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = secret_key(debug=DEBUG)  # refuses to start without one unless DEBUG is on
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "polku.accounts.admin_config.PolkuAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "polku.core",
    "polku.audit",
    "polku.accounts",
    "polku.clients",
    "polku.pathways",
    "polku.eligibility",
    "polku.placements",
    "polku.attendance",
    "polku.evaluation",
    "polku.network",
    "polku.closure",
    "polku.groups",
    "polku.feedback",
    "polku.portal",
    "polku.records",
    "django_q",
    "polku.jobs",
    "polku.metrics",
    "polku.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "polku.core.middleware.SecurityHeadersMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "polku.core.middleware.SessionIdleMiddleware",
    "polku.core.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "polku.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The configuration site's admin/base_site.html (the demo banner) overrides Django's.
        "DIRS": [BASE_DIR / "polku" / "accounts" / "admin_templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "polku.accounts.context_processors.navigation",
                "polku.accounts.context_processors.second_factor",
            ],
        },
    },
]

# Database: an embedded SQLite file by default; PostgreSQL in production (DATABASE_URL).
PG_SESSION_OPTIONS = env.str("POLKU_PG_OPTIONS", default="-c jit=off")
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'polku.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock up front so read-then-write checks cannot interleave (STYLE.md §5).
    DATABASES["default"].setdefault("OPTIONS", {})["transaction_mode"] = "IMMEDIATE"
    DATABASES["default"]["OPTIONS"]["timeout"] = 20
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Persistent connections, checked before reuse: a request does not pay for a new
    # PostgreSQL connection, and a connection broken by a restart is replaced, not used.
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("POLKU_DB_CONN_MAX_AGE", default=600)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # No JIT compilation: the planner's cost of the metrics' aggregates over a county crosses
    # jit_above_cost, and compiling took 0.9 s of a 1.1 s query (docs/performance.md).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = PG_SESSION_OPTIONS
# A streaming replica for reports and exports (polku/core/replica.py): reads opt in with
# replica_reads(); without DATABASE_REPLICA_URL every read goes to the primary. The replica's
# connections are read-only, so a write sent there by mistake is refused.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.db("DATABASE_REPLICA_URL") | {
        "ATOMIC_REQUESTS": False,
        "CONN_MAX_AGE": env.int("POLKU_DB_CONN_MAX_AGE", default=600),
        "CONN_HEALTH_CHECKS": True,
    }
    DATABASES["replica"].setdefault("OPTIONS", {})["options"] = (
        f"{PG_SESSION_OPTIONS} -c default_transaction_read_only=on"
    )
DATABASE_ROUTERS = ["polku.core.replica.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes, polku/accounts/throttling.py): failures are counted per username
# and, separately, per address; either reaching the limit locks out for the cool-off time.
AXES_FAILURE_LIMIT = env.int("POLKU_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("POLKU_LOGIN_COOLOFF_HOURS", default=0.25)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "polku.accounts.throttling.lockout_response"
# A success would delete every failure of the address and of the username: one good login to
# an attacker's own account would clear the address's count. Failures expire after the cool-off.
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_SENSITIVE_PARAMETERS = ["username", "password"]
# The client's address: REMOTE_ADDR, or behind this many trusted proxies (load balancer, reverse
# proxy) the address the outermost one saw in X-Forwarded-For. 0 ignores X-Forwarded-For.
POLKU_TRUSTED_PROXY_COUNT = env.int("POLKU_TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "polku.accounts.throttling.client_address"

# The staff second factor (SPEC §8): TOTP through django-otp, with hashed recovery codes.
# Every staff role needs it; only a local demo may switch it off, and then every page says so.
POLKU_STAFF_OTP_REQUIRED = env.bool("POLKU_STAFF_OTP_REQUIRED", default=True)
# Wrong codes in a row before the session ends and the event is audited (the back-off goes on).
POLKU_OTP_FAILURE_LIMIT = env.int("POLKU_OTP_FAILURE_LIMIT", default=5)
OTP_TOTP_ISSUER = "Polku"
OTP_TOTP_THROTTLE_FACTOR = 1  # seconds; the wait doubles after every wrong code (1, 2, 4, ...)

# Clients log in through strong identification: OpenID Connect against a deployment's broker of
# Suomi.fi e-Identification (polku/accounts/identification.py, docs/subsystems/authentication.md).
# Unset discovery URL: no strong identification (the demo). The claim holding the personal
# identity code is named by the broker (e.g. `hetu`, `personal_identity_code`).
POLKU_OIDC_DISCOVERY_URL = env.str("POLKU_OIDC_DISCOVERY_URL", default="")
POLKU_OIDC_CLIENT_ID = env.str("POLKU_OIDC_CLIENT_ID", default="")
POLKU_OIDC_CLIENT_SECRET = env.str("POLKU_OIDC_CLIENT_SECRET", default="")
POLKU_OIDC_SCOPES = env.str("POLKU_OIDC_SCOPES", default="openid profile")
POLKU_OIDC_IDENTITY_CLAIM = env.str("POLKU_OIDC_IDENTITY_CLAIM", default="personal_identity_code")
POLKU_OIDC_TOKEN_AUTH_METHOD = env.str(
    "POLKU_OIDC_TOKEN_AUTH_METHOD", default="client_secret_basic"
)
POLKU_OIDC_TIMEOUT_SECONDS = env.float("POLKU_OIDC_TIMEOUT_SECONDS", default=10)
# Whether a user whose only role is the client role may log in with a password. Off in
# production: clients have no other way in than strong identification. `make run` (the demo)
# switches it on unless told otherwise.
POLKU_CLIENT_PASSWORD_LOGIN = env.bool("POLKU_CLIENT_PASSWORD_LOGIN", default=False)

# Sessions end after inactivity: a request renews the session's expiry, saving it at most once
# per POLKU_SESSION_RENEW_SECONDS (polku.core.middleware.SessionIdleMiddleware), not on every
# request.
SESSION_COOKIE_AGE = env.int("POLKU_SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = False
POLKU_SESSION_RENEW_SECONDS = env.int("POLKU_SESSION_RENEW_SECONDS", default=60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Security headers. HTTPS-only features are switched on for production by POLKU_HTTPS=true.
HTTPS = env.bool("POLKU_HTTPS", default=False)
SECURE_SSL_REDIRECT = HTTPS
# The load balancer's health check (polku/core/health.py) may speak plain HTTP to the process.
SECURE_REDIRECT_EXEMPT = [r"^terveys/$"]
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = env.int("POLKU_HSTS_SECONDS", default=31536000 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("POLKU_BEHIND_PROXY", default=False) else None
)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}
# A client's logout may end in the identification service (its end_session_endpoint): the
# logout form's redirect there must pass form-action.
if POLKU_OIDC_DISCOVERY_URL:
    _oidc = urlsplit(POLKU_OIDC_DISCOVERY_URL)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_oidc.scheme}://{_oidc.netloc}")

# Internationalisation: Finnish first, Swedish and English besides.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("Finnish")), ("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/Helsinki"
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "polku_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = env.str("POLKU_STATIC_ROOT", default="") or None  # set for collectstatic
# WhiteNoise serves the static files from every process (no separate web server needed). With
# POLKU_STATIC_ROOT (production, `make serve`) collectstatic writes hashed, compressed copies
# there, served with far-future cache headers; without it (the demo) from the apps' folders.
WHITENOISE_USE_FINDERS = STATIC_ROOT is None
if STATIC_ROOT:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
WHITENOISE_AUTOREFRESH = DEBUG

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Logging: ids and field names only; never client data (STYLE.md §4). Request errors are
# logged without the request body or query string.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "no_client_data": {"()": "polku.core.logging.RedactRequestFilter"},
        "refusal_one_line": {"()": "polku.core.logging.RefusalWithoutTracebackFilter"},
    },
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["no_client_data", "refusal_one_line"],
        },
    },
    "root": {"handlers": ["console"], "level": env.str("POLKU_LOG_LEVEL", default="INFO")},
    "loggers": {
        # A refusal (403, 400) is one line without a traceback, for every handler.
        "django.request": {"filters": ["refusal_one_line"]},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

POLKU_ENVIRONMENT = env.str("POLKU_ENVIRONMENT", default="demo")


# --- Jobs that run by themselves (polku/jobs, docs/decisions/0019-task-runner.md) -------------
# django-q2's cluster (`manage.py qcluster`, started by `make run` beside the web server) with
# the database as its broker: no other service to run, the same on SQLite and PostgreSQL.
Q_CLUSTER = {
    "name": "polku",
    "orm": "default",
    "workers": env.int("POLKU_JOB_WORKERS", default=1),
    "timeout": 600,  # a job may run ten minutes
    "retry": 900,  # a job whose worker died is tried again after 15 minutes
    "max_attempts": 3,
    "catch_up": False,  # a schedule missed while stopped runs once, not once per missed time
    "save_limit": 500,
    "poll": env.float("POLKU_JOB_POLL_SECONDS", default=5.0),
    "label": _("Scheduled jobs"),
}
# E-mail: the console in the demo, SMTP in production (EMAIL_URL=smtp+tls://user:pass@host:587).
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Polku <polku@localhost>")
# Links in e-mails point here.
POLKU_BASE_URL = env.str("POLKU_BASE_URL", default="http://127.0.0.1:8000")
