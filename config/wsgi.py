import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

# Load the URLs, and with them every view, serializer and form, before the first request; then
# take what is loaded for good out of the garbage collector's sweeps: each full collection
# would otherwise walk those hundreds of thousands of objects again, in the middle of a
# request (measured in bench/: the p95 of the reads).
get_resolver().url_patterns  # noqa: B018 - imports the URLconf
gc.collect()
gc.freeze()
