import os

import django
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "paccto.config.settings")
django.setup(set_prefix=False)

from paccto.core.staticfiles import static_ensure_collected  # noqa: E402

# Before the application loads: WhiteNoise indexes the collected files when it starts.
static_ensure_collected()
application = get_wsgi_application()

from django.conf import settings  # noqa: E402

if settings.PACCTO_HITS_WARM:
    # Build the hit/no-hit index before serving; with gunicorn --preload the master builds
    # it once and the workers share its memory.
    from django.db import connections

    from paccto.hits.index import index_warm

    index_warm()
    connections.close_all()
