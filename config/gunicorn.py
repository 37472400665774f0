"""gunicorn's settings for `make serve` (docs/subsystems/serving.md).

Each worker is a separate process with its own persistent database connection and nothing else of
its own: sessions, messages, login throttling and the second factor's state are in the database,
so any number of processes, on any number of machines, can serve one user's requests in turn.
"""

import os

# Where to listen: POLKU_BIND (host:port), loopback by default; put a proxy or a load balancer in
# front for HTTPS.
bind = os.environ.get("POLKU_BIND", "127.0.0.1:8000")
# Synchronous workers: one request at a time per process, one database connection per process.
# WEB_CONCURRENCY (gunicorn's own variable) sets their number; 2 × cores + 1 is the usual start.
workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * (os.cpu_count() or 1) + 1)))
worker_class = "sync"
# A request that takes longer than this is stopped and its worker replaced.
timeout = int(os.environ.get("POLKU_REQUEST_TIMEOUT", "60"))
graceful_timeout = 30
# Replace each worker after about this many requests (memory stays bounded whatever a library
# holds on to); the jitter keeps the workers from restarting together.
max_requests = 2000
max_requests_jitter = 200
# Only the proxy on this machine may say the request came over HTTPS (POLKU_BEHIND_PROXY).
forwarded_allow_ips = os.environ.get("POLKU_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs to standard error, one line per request without client data (STYLE.md §4): the time, the
# method, the path without its query string (a search term could be a name), the status, the
# size and the duration. Not the address, the referrer (it carries the previous page's query
# string) nor the browser. Paths carry only ids.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("POLKU_LOG_LEVEL", "info").lower()
access_log_format = '%(t)s pid=%(p)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'
