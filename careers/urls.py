from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("careers/<slug:slug>/", views.career_detail, name="career"),
    path("clusters/<slug:slug>/", views.career_detail, name="cluster"),
    path("skills/<slug:slug>/", views.career_detail, name="skill"),
    path("degrees/<slug:slug>/", views.career_detail, name="degree"),
    path("tools/<slug:slug>/", views.career_detail, name="tool"),
    path("industries/<slug:slug>/", views.career_detail, name="industry"),
]
