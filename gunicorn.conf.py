"""gunicorn settings for srtracker in production.

    SRTRACKER_SECRET_KEY=... SRTRACKER_DATABASE_URL=postgresql://... \
        gunicorn -c gunicorn.conf.py 'srtracker:create_app()'

Run the scheduler as its own process beside it: `srtracker scheduler`.
"""

import multiprocessing
import os

bind = os.environ.get("SRTRACKER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("SRTRACKER_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
# A council export of a national portfolio takes about 80 s (bench/RESULTS.md).
timeout = 180
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then, so a slow leak never grows unbounded.
max_requests = 5000
max_requests_jitter = 500
# The app logs each request as a JSON line itself; gunicorn logs only its own errors.
accesslog = None
errorlog = "-"
# Never connect to the database before forking: every worker opens its own connections.
preload_app = False
# The address of a reverse proxy on this machine may set X-Forwarded-*; see [app] proxy_hops.
forwarded_allow_ips = os.environ.get("SRTRACKER_FORWARDED_ALLOW_IPS", "127.0.0.1")
