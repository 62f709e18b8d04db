"""The request log: one line for every request, with the id that ties it to the proxy's log
and to any application event logged while it was served."""

import logging
import re
import time
import uuid

from .logs import current_request, user_id

logger = logging.getLogger("portal.request")

# A proxy's id is taken only when it is short and plain, so that nothing a client sends can
# forge or break a log line.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def request_id_from(request):
    given = request.headers.get("X-Request-ID", "")
    return given if SAFE_REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_from(request)
        token = current_request.set(request)
        started = time.monotonic()
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request.request_id
            return response
        except BaseException:
            status = 500
            raise
        finally:
            level = (
                logging.ERROR
                if status >= 500
                else logging.WARNING
                if status >= 400
                else logging.INFO
            )
            # The path without its query string: a search may hold a person's name.
            logger.log(
                level,
                "%s %s %s",
                request.method,
                request.path,
                status,
                extra={
                    "user_id": user_id(request),
                    "method": request.method,
                    "path": request.path,
                    "status": status,
                    "duration_ms": round((time.monotonic() - started) * 1000, 1),
                },
            )
            current_request.reset(token)
