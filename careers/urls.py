from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("careers/<slug:slug>/", views.career_detail, name="career"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster"),
]
