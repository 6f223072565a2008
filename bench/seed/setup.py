"""Start Django for a bench script against the bench database, and nothing else."""

import os
from urllib.parse import urlsplit

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/casework_bench"


def bench_database_url() -> str:
    """The database the bench uses: ``DATABASE_URL`` (or the local ``casework_bench``).

    Refuses any database whose name does not say "bench": the generator drops and fills it,
    and must never touch the development, test or CI databases.
    """
    url = os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if not parts.scheme.startswith("postgres"):
        raise SystemExit(f"the bench needs PostgreSQL, not {parts.scheme or url!r}")
    if "bench" not in name:
        raise SystemExit(f"refusing database {name!r}: a bench database's name contains 'bench'")
    return url


def django_setup(url: str) -> None:
    """Configure and start Django on ``url``, with no broker and no shared cache.

    Tasks run in-process and the calendar's version lives in this process's memory, so the
    bench never reaches Redis (whose database 15 belongs to CI).
    """
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    for name in ("CELERY_BROKER_URL", "REDIS_CACHE_URL", "CELERY_RESULT_BACKEND"):
        os.environ.pop(name, None)
    import django

    django.setup()
