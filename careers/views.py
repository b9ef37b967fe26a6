from django.shortcuts import render


def home(request):
    return render(request, "careers/home.html")


def career_detail(request, slug):
    raise NotImplementedError
