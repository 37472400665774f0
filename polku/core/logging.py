"""Log filters: keep client data out of log lines (STYLE.md §4), refusals on one line."""

import logging


class RedactRequestFilter(logging.Filter):
    """Drop the request object and query strings from records before they are formatted.

    Django attaches ``request`` to request-error records; handlers that dump it could print POST
    data. Only the path without its query string is kept, since URLs never carry client data but
    query strings might carry search terms.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if request is not None:
            record.request = None
        if isinstance(record.args, tuple):
            record.args = tuple(_strip_query(arg) for arg in record.args)
        return True


class RefusalWithoutTracebackFilter(logging.Filter):
    """Log a refusal (a 4xx response, a suspicious request) as one line, without a traceback.

    Django passes the exception to ``django.request`` for every 403 (``PermissionDenied``) and
    400, and to ``django.security.*`` for suspicious requests, so each refusal would print a full
    traceback. A refusal is expected behaviour, not an error: its line (status, path) is enough.
    Server errors (5xx) keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        refused = isinstance(status, int) and 400 <= status < 500
        if refused or record.name.startswith("django.security"):
            record.exc_info = None
            record.exc_text = None
        return True


def _strip_query(value: object) -> object:
    if isinstance(value, str) and "?" in value and value.split(" ", 2)[0] in _METHODS:
        method, _, rest = value.partition(" ")
        path, _, tail = rest.partition("?")
        protocol = tail.rpartition(" ")[2] if " " in tail else ""
        return f"{method} {path} {protocol}".rstrip()
    return value


_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}
