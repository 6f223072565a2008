from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from api import queues, views
from workflows.procedures import ACTIONS

router = SimpleRouter()
router.register("cases", views.CaseViewSet, basename="case")

app_name = "api"
urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="token"),
    path("units/", views.UnitListView.as_view(), name="units"),
    path("me/", views.MeView.as_view(), name="me"),
    path("queues/overdue/", queues.OverdueQueueView.as_view(), name="queue-overdue"),
    path("queues/mine/", queues.MyWorkView.as_view(), name="queue-mine"),
    path("reports/on-time/", queues.OnTimeRateView.as_view(), name="report-on-time"),
    path("documents/<int:pk>/pdf/", views.DocumentPdfView.as_view(), name="document-pdf"),
    *[
        path(
            f"cases/<int:pk>/transitions/{name}/",
            views.transition_view(name),
            name=f"transition-{name}",
        )
        for name in ACTIONS
    ],
    path("cases/<int:pk>/transitions/<str:name>/", views.UnknownTransitionView.as_view()),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
    # Anything else under the API answers in JSON too, whatever DEBUG says.
    re_path(r"^.*$", views.api_not_found),
]
