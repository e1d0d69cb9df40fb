from django.urls import path

from .views import health, walk

app_name = "wizard"

urlpatterns = [
    path("", walk.home, name="home"),
    path("guides/<slug:guide>/", walk.guide, name="guide"),
    path("guides/<slug:guide>/<slug:node>/", walk.node, name="node"),
    path("healthz", health.healthz, name="healthz"),
]
