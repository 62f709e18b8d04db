"""Settings for the partnership register, read from the environment.

DEBUG=1 runs it for development on plain http. With DEBUG off (the default) it expects to be
behind HTTPS: SECRET_KEY must be set, cookies are secure and HSTS is sent.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    value = os.environ.get(name)
    return int(value) if value else default


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "development-only-key-never-used-with-debug-off"  # noqa: S105

ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "accounts.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_forms_gds",
    "django_filters",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "django_tasks_db",
    # The portal's own apps, lowest layer first (docs/design.md, "Layers").
    "core",
    "accounts",
    "approvals",
    "partnerships",
    "changes",
    "assessments",
    "proposals",
    "leaving",
    "reviews",
    "register_review",
    "reports",
    "audits",
    "policy_changes",
    "self_assessment",
    "demo",
    "health",
    "operations",
    "api",
    "opendata",
    "privacy",
]

MIDDLEWARE = [
    # First, so that its line times and covers everything below, redirects and errors too.
    "core.middleware.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Just inside WhiteNoise: no-store and Permissions-Policy on everything but static files.
    "core.headers.ResponseHeadersMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.SessionTimeoutMiddleware",
    # An account that must use a second factor sees nothing else until it has.
    "accounts.mfa.MfaRequiredMiddleware",
    # Deny by default: a page is public only when its view says login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "accounts.security_log.SecurityLogMiddleware",
    # Last, so that it sees failed logins after authentication has run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Many people deciding at once: WAL lets readers carry on beside the one writer, IMMEDIATE
    # takes the write lock when a transaction starts (rather than failing to upgrade a read
    # lock half way), and the timeout makes a second writer wait instead of "database is
    # locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalBackend",
    "accounts.oidc.CouncilOIDCBackend",
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
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"

# Lockout after repeated failed sign-ins. Failures are counted per username (whatever the
# address: guessing one account's password from many places), per address (whatever the
# username: one password sprayed across every account) and per pair. A success does not wipe
# the count; failures age out after the cool-off.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address", ["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False

# Multi-factor authentication for local accounts (TOTP and recovery codes, django-otp). The
# roles listed here, and any the policy names, must use it; OIDC sign-ins leave it to the
# council's identity provider. Production default: Administrators.
MFA_REQUIRED_ROLES = [
    r.strip() for r in os.environ.get("MFA_REQUIRED_ROLES", "admin").split(",") if r.strip()
]
OTP_TOTP_ISSUER = os.environ.get("MFA_ISSUER", "Partnership register")

# Single sign-on with OpenID Connect (Entra ID or any certified provider); off unless
# OIDC_ENABLED. Endpoints come from the provider's discovery document; see docs/security.md.
OIDC_ENABLED = env_bool("OIDC_ENABLED")
OIDC_BUTTON_LABEL = os.environ.get("OIDC_BUTTON_LABEL", "Sign in with your council account")
OIDC_OP_ISSUER = os.environ.get("OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_JWKS_ENDPOINT", "")
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_LOGOUT_ENDPOINT", "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
# The ID token's audience: the app registration's client id unless Entra is set to another.
OIDC_AUDIENCE = os.environ.get("OIDC_AUDIENCE", "")
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "RS256")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT_SECONDS", 10)
OIDC_STORE_ID_TOKEN = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
OIDC_CALLBACK_CLASS = "accounts.oidc.CallbackView"
# Refusals are shown by accounts.oidc.CallbackView itself; this is only the library's fallback.
LOGIN_REDIRECT_URL_FAILURE = "login"
# With single sign-on on, local passwords can be kept for named break-glass accounts only.
LOCAL_PASSWORDS = os.environ.get("LOCAL_PASSWORDS", "all")  # "all" or "break-glass"
BREAK_GLASS_USERNAMES = [
    u.strip() for u in os.environ.get("BREAK_GLASS_USERNAMES", "").split(",") if u.strip()
]

# Sessions end after a period of inactivity and, whatever the activity, after an absolute
# lifetime; both are enforced by accounts.middleware.SessionTimeoutMiddleware.
SESSION_IDLE_TIMEOUT = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_ABSOLUTE_LIFETIME = env_int("SESSION_MAX_HOURS", 10) * 3600
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_LIFETIME
# The warning that lets a person stay signed in opens this long before the idle time-out.
SESSION_WARNING_SECONDS = env_int("SESSION_WARNING_SECONDS", 120)
# What a person was sending when their session ended is kept this long for them to sign in.
KEPT_FORM_SECONDS = env_int("KEPT_FORM_MINUTES", 60) * 60
# What the browser tests checked with axe when they last ran (tests/browser/results.py writes
# it): the accessibility statement cites these figures, never figures typed by hand.
# CI gives each database's run a copy of its own, so that two runs at once never write one file.
ACCESSIBILITY_TEST_RESULTS = Path(
    os.environ.get("ACCESSIBILITY_TEST_RESULTS")
    or BASE_DIR / "accounts" / "accessibility_results.json"
)
SESSION_COOKIE_HTTPONLY = True
# Each session row knows whose it is, so that every session of a user can be ended at once.
SESSION_ENGINE = "accounts.sessions"
SESSION_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Documents and kept import files are on this host's disk (MEDIA_ROOT) unless a bucket is
# named: then they go to S3-compatible object storage, so that several web hosts share them.
# The bucket must be private; files are only ever served through the portal's own checked
# download views, never by a link to the bucket.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            # Unset for AWS itself; the address of any other S3-compatible service.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # Unset on a host whose role or instance profile gives the access.
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            "signature_version": "s3v4",
            "default_acl": None,  # objects take the bucket's own, private, policy
            "querystring_auth": True,
            "file_overwrite": False,
            # A download is read through a temporary file, spilling to disk beyond this.
            "max_memory_size": 2 * 1024 * 1024,
        },
    }
# The largest document a person may attach to a partnership (R8), in megabytes.
DOCUMENT_MAX_MB = env_int("DOCUMENT_MAX_MB", 20)

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

# In development mail goes to the console; in production to SMTP, unless MAIL_BACKEND says.
MAIL_BACKEND = os.environ.get(
    "MAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
MAILERS = {"default": {"BACKEND": MAIL_BACKEND, "OPTIONS": {}}}
if MAIL_BACKEND.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": os.environ.get("SMTP_HOST", "localhost"),
        "port": env_int("SMTP_PORT", 587),
        "username": os.environ.get("SMTP_USER", ""),
        "password": os.environ.get("SMTP_PASSWORD", ""),
        "use_tls": env_bool("SMTP_USE_TLS", True),
    }
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "partnerships@localhost")

# How the layers meet without a lower app importing a higher one: each setting names, for a
# lower app, the functions of higher apps that it calls (docs/design.md, "Layers").

# What gives each person's tasks (accounts.inbox): per app, a module answering what tasks a
# subject gives now, and which subjects a change to a record touches.
INBOX_TASKS = [
    "approvals.inbox",
    "proposals.inbox",
    "changes.inbox",
    "assessments.inbox",
    "reviews.inbox",
    "reviews.report_inbox",
    "register_review.inbox",
    "reports.inbox",
    "audits.inbox",
]

# The app that owns each kind of thing a route carries, told when its route ends
# (approvals.services.outcome_handler): a module with route_approved, route_returned and
# route_rejected.
ROUTE_OUTCOMES = {
    "proposals.proposal": "proposals.services",
    "changes.significantchange": "changes.services",
    "leaving.withdrawal": "leaving.services",
    "assessments.completedform": "assessments.services",
    "register_review.registerreview": "register_review.services",
    "reports.cabinetreport": "reports.services",
    "reviews.review": "reviews.services",
    "reviews.representativereport": "reviews.representative_reports",
}
# A committee's decision may link the minutes from the documents of what it decided; the
# route engine names the model only through this setting, as auth does its user model.
ROUTE_MINUTES_MODEL = "partnerships.Document"
# What the things a route carries are about, and the fields whose change (a partnership
# renamed) changes the title of the decision waiting in an inbox (approvals.inbox).
ROUTE_SUBJECTS_ABOUT = {"partnerships.Partnership": ["name"]}

# Called when an evaluation is accepted, in the same transaction (A6, V7).
EVALUATION_ACCEPTED = ["leaving.services.evaluation_accepted"]

# The columns and filters other apps add to the register, and the sections they add to a
# partnership's record page (partnerships.providers).
REGISTER_COLUMNS = ["assessments.register.latest_score", "reviews.register.next_review"]
RECORD_SECTIONS = [
    "proposals.record.proposal",
    "changes.record.waiting_changes",
    "reviews.record.reviews",
    "reviews.record.representative_reports",
    "assessments.record.completed_forms",
    "leaving.record.leaving",
]
# Who may change the approved record at once, and whose changes wait (R13): the module
# partnerships' edit pages go through (partnerships.edits is the one without waiting).
RECORD_EDITS = "changes.edits"

# Links in emails point here.
PORTAL_URL = os.environ.get("PORTAL_URL", "http://127.0.0.1:8000")

# Background work: emails are sent as tasks. In development and tests they run at once; in
# production TASKS_BACKEND=database queues them for `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if os.environ.get("TASKS_BACKEND") == "database"
        else "django.tasks.backends.immediate.ImmediateBackend"
    }
}

# Content Security Policy: nothing but the portal's own files, and inline script only with
# the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    # The __Host- prefix makes a browser refuse these cookies unless they are Secure, for the
    # whole site and set by this host alone, so a neighbouring subdomain cannot plant one.
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    # Behind a proxy that terminates TLS, trust its header only when told to.
    if env_bool("BEHIND_TLS_PROXY"):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Logs go to standard output: one JSON object a line (LOG_FORMAT=json, the default with DEBUG
# off) for a log shipper, or plain text for a developer's terminal (LOG_FORMAT=text).
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
if LOG_FORMAT not in {"json", "text"}:
    raise ImproperlyConfigured("LOG_FORMAT must be json or text.")
# The security log: JSON lines on a stream of their own (a file when SECURITY_LOG_FILE is
# set, else standard output beside the request log, always JSON whatever LOG_FORMAT says).
SECURITY_LOG_FILE = os.environ.get("SECURITY_LOG_FILE", "")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "core.logs.JsonFormatter"},
        "text": {"()": "core.logs.TextFormatter"},
    },
    "filters": {"request": {"()": "core.logs.RequestFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request"],
        },
        # Always JSON, for the lines a log shipper must parse whatever LOG_FORMAT says.
        "json": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request"],
        },
        "security": {
            "class": "logging.handlers.WatchedFileHandler",
            "filename": SECURITY_LOG_FILE,
            "formatter": "json",
            "filters": ["request"],
        }
        if SECURITY_LOG_FILE
        else {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
            "filters": ["request"],
        },
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "security": {"handlers": ["security"], "level": "INFO", "propagate": False},
        "axes": {"level": "WARNING"},
        # WeasyPrint narrates every step of every PDF at INFO.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "django.tasks": {"level": "WARNING"},
        # The request log below says the same of every request, with more.
        "django.request": {"level": "ERROR"},
        "django.server": {"level": "WARNING"},
        # Every use of an API token, one JSON line each, for the council's log shipper.
        "api.tokens": {"handlers": ["json"], "level": "INFO", "propagate": False},
    },
}

# Readiness (/health/ready/) fails when the oldest email waiting for db_worker has waited
# longer than this: the workers have stopped.
HEALTH_TASK_QUEUE_MAX_AGE = env_int("HEALTH_TASK_QUEUE_MAX_MINUTES", 30) * 60
