from django.urls import path

from .views import embed, health, walk

app_name = "wizard"

urlpatterns = [
    path("", walk.home, name="home"),
    path("guides/<slug:guide>/", walk.guide, name="guide"),
    path("guides/<slug:guide>/<slug:node>/", walk.node, name="node"),
    path("embed/<slug:guide>/", embed.guide, name="embed_guide"),
    path("embed/<slug:guide>/<slug:node>/", embed.node, name="embed_node"),
    path("healthz", health.healthz, name="healthz"),
]
