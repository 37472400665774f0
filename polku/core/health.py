"""The health check a load balancer asks each process: can it reach the database?"""

from __future__ import annotations

import logging

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    """One round trip to the primary (``SELECT 1``) on this process's own connection. A
    persistent connection that died was already replaced when the request started
    (``CONN_HEALTH_CHECKS``), so a false answer means the database is down now."""
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError as error:
        logger.warning("health check: the database is unavailable (%s)", type(error).__name__)
        return False
