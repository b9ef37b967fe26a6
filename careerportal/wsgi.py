"""
WSGI config for careerportal project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/5.2/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "careerportal.settings")

django_application = get_wsgi_application()

from careers.page_hits import PageHits  # noqa: E402 (Django is set up above)

# Pages this worker holds are served before Django's request cycle (careers/page_hits.py).
application = PageHits(django_application)
