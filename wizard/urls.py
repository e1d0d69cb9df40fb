from django.contrib.sitemaps.views import sitemap
from django.urls import path

from .sitemaps import SITEMAPS
from .views import embed, feedback, health, search, seo, walk

app_name = "wizard"

urlpatterns = [
    path("", walk.home, name="home"),
    path("guides/<slug:guide>/", walk.guide, name="guide"),
    path("guides/<slug:guide>/<slug:node>/", walk.node, name="node"),
    path("guides/<slug:guide>/<slug:node>/feedback/", feedback.feedback, name="feedback"),
    path("guides/<slug:guide>/<slug:node>/escalate/", feedback.escalate, name="escalate"),
    path("search/", search.search_page, name="search"),
    path("embed/", embed.help_page, name="embed_help"),
    path("embed/<slug:guide>/", embed.guide, name="embed_guide"),
    path("embed/<slug:guide>/<slug:node>/", embed.node, name="embed_node"),
    path("embed/<slug:guide>/<slug:node>/feedback/", feedback.embed_feedback, name="embed_feedback"),
    path("embed/<slug:guide>/<slug:node>/escalate/", feedback.embed_escalate, name="embed_escalate"),
    path("healthz", health.healthz, name="healthz"),
    path("robots.txt", seo.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
]
