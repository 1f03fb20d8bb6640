"""PostgreSQL with a connection health check that costs no round trip.

Connections are kept between requests (``CONN_MAX_AGE``) and checked before each request
uses one again (``CONN_HEALTH_CHECKS``), so that a connection the server has dropped (a
restart, ``pg_terminate_backend``, an idle timeout) is replaced instead of failing the
request. Django checks with a ``SELECT 1``: one more round trip on every request, which cost
about 4 % of an audited page's CPU (the query's and the server's). Here the check first asks
the kernel whether anything has arrived on the idle connection's socket: when the server
drops a connection it says so on the socket (an error message, then end of file), and a
healthy idle connection has nothing to read. Only when something is waiting does the check
fall back on the ``SELECT 1``, which then reads it: a connection that only received a
notice stays in use, a dropped one is closed and replaced.
"""

from __future__ import annotations

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        if connection.info.transaction_status != TransactionStatus.IDLE:
            return bool(super().is_usable())
        try:
            poller = select.poll()
            poller.register(connection.fileno(), select.POLLIN | select.POLLPRI)
            waiting = poller.poll(0)
        except (OSError, ValueError):
            return False
        return not waiting or bool(super().is_usable())
