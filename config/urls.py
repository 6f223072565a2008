import os

from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import set_language
from viewflow.contrib.auth import AuthViewset

from workflows.pages import site
from workflows.pages.procedures import ProceduresView
from workflows.pages.verify import VerifyView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("api.urls")),
    path("accounts/", AuthViewset(with_profile_view=False).urls),
    path("i18n/setlang/", set_language, name="set_language"),
    path("procedures/", ProceduresView.as_view(), name="procedures"),
    # Public: printed on every notice, for anyone to check it (no login).
    path("verify/", VerifyView.as_view(), name="verify-form"),
    re_path(r"^verify/(?P<code>[A-Za-z0-9-]{1,20})/$", VerifyView.as_view(), name="verify"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", site.urls),
]

# The load benchmarks' baseline endpoint (bench/endpoint.py): only in the bench's own server.
if os.environ.get("CASEWORK_BENCH_ENDPOINT"):
    from bench.endpoint import BaselineView

    urlpatterns.insert(0, path("bench/baseline/", BaselineView.as_view()))
