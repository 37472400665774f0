"""Log filters: keep client data out of log lines (STYLE.md §4)."""

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


def _strip_query(value: object) -> object:
    if isinstance(value, str) and "?" in value and value.split(" ", 2)[0] in _METHODS:
        method, _, rest = value.partition(" ")
        path, _, tail = rest.partition("?")
        protocol = tail.rpartition(" ")[2] if " " in tail else ""
        return f"{method} {path} {protocol}".rstrip()
    return value


_METHODS = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}
