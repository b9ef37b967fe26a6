from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("finder/", views.finder_results, name="finder"),
    path("finder/how-it-works/", views.finder_method, name="finder-method"),
    path("compare/", views.compare, name="compare"),
    path("compare/csv/", views.compare_csv, name="compare-csv"),
    path("compare/tray/", views.compare_tray, name="compare-tray"),
    path("compare/<slug:source>/to/<slug:target>/", views.transition, name="transition"),
    path("compare/<slug:pair>/", views.compare_pair, name="compare-pair"),
    path("careers/<slug:slug>/", views.career_detail, name="career"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster"),
]
