"""Public pages. Views stay thin: querysets and domain modules do the work."""

from django.shortcuts import get_object_or_404, render

from .models import Career, Cluster


def home(request):
    # 2 queries: the clusters, then their published careers.
    clusters = Cluster.objects.prefetch_related(_published_careers_prefetch())
    return render(request, "careers/home.html", {"clusters": clusters})


def cluster_detail(request, slug):
    cluster = get_object_or_404(Cluster.objects.prefetch_related(_published_careers_prefetch()), slug=slug)
    return render(request, "careers/cluster_detail.html", {"cluster": cluster})


def career_detail(request, slug):
    career = get_object_or_404(Career.objects.published().with_sections(), slug=slug)
    return render(request, "careers/career_detail.html", {"career": career})


def _published_careers_prefetch():
    from django.db.models import Prefetch

    return Prefetch("careers", queryset=Career.objects.published().order_by("title"), to_attr="published_careers")
