from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("wizard.urls")),
]

handler404 = "wizard.views.errors.not_found"
handler500 = "wizard.views.errors.server_error"
