from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from careers.sitemaps import SITEMAPS
from careers.views import healthz, robots_txt

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]
# Every public page in each language: English unprefixed (/careers/nurse/), Hindi under /hi/.
urlpatterns += i18n_patterns(path("", include("careers.urls")), prefix_default_language=False)
