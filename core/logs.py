"""Log lines a machine can read: one JSON object per line, for the request log, application
events and the security log alike, so that a council's log shipper parses one format."""

import contextvars
import json
import logging
from datetime import UTC, datetime

from django.utils.functional import empty

# What every LogRecord carries; anything else on a record was passed with `extra=` and is
# written out as a field of its own.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str)


class TextFormatter(logging.Formatter):
    """Plain lines for a developer's terminal (LOG_FORMAT=text), still with the request id."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s")

    def format(self, record):
        record.__dict__.setdefault("request_id", "-")
        return super().format(record)


# The request being served on this thread or task, for the filter below.
current_request = contextvars.ContextVar("current_request", default=None)


class RequestFilter(logging.Filter):
    """Puts the request id and the signed-in person's id on every line logged while a request
    is served, so that a request's line and its application events can be put together."""

    def filter(self, record):
        request = current_request.get()
        if request is not None:
            if not hasattr(record, "request_id"):
                record.request_id = request.request_id
            if not hasattr(record, "user_id"):
                record.user_id = user_id(request)
        return True


def user_id(request):
    """The signed-in person's id, or None. Never looks the person up only to log them: a
    request that never needed its user (the health checks) must not touch the database."""
    user = getattr(request, "user", None)
    if user is None or getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if user.is_authenticated else None
