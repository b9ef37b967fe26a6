from django.urls import path

from . import views

app_name = "careers"

urlpatterns = [
    path("", views.home, name="home"),
    path("finder/", views.finder_results, name="finder"),
    path("finder/answers/", views.finder_answers, name="finder-answers"),
    path("finder/skills/", views.finder_skills_step, name="finder-skills"),
    path("finder/how-it-works/", views.finder_method, name="finder-method"),
    path("compare/", views.compare, name="compare"),
    path("compare/suggest/", views.compare_suggestions, name="compare-suggest"),
    path("compare/csv/", views.compare_csv, name="compare-csv"),
    path("compare/tray/", views.compare_tray, name="compare-tray"),
    path("shortlist/", views.shortlist_change, name="shortlist"),
    path("plan/", views.plan, name="plan"),
    path("plan/notes/", views.plan_notes, name="plan-notes"),
    path("compare/<slug:source>/to/<slug:target>/", views.transition, name="transition"),
    path("compare/<slug:pair>/", views.compare_pair, name="compare-pair"),
    path("careers/", views.browse, name="browse"),
    path("careers/<slug:slug>/", views.career_detail, name="career"),
    path("search/", views.search_page, name="search"),
    path("skills/<slug:slug>/", views.reverse_index, {"kind": "skill"}, name="skill"),
    path("degrees/<slug:slug>/", views.reverse_index, {"kind": "degree"}, name="degree"),
    path("industries/<slug:slug>/", views.reverse_index, {"kind": "industry"}, name="industry"),
    path("tools/<slug:slug>/", views.reverse_index, {"kind": "tool"}, name="tool"),
    path("clusters/<slug:slug>/", views.cluster_detail, name="cluster"),
    path("exams/", views.exam_list, name="exams"),
    path("exams/<slug:slug>/", views.exam_detail, name="exam"),
]
