from django.conf import settings

from .comparison import COMPARE_SESSION_KEY


def compare_tray(request):
    """The visitor's compare tray (slugs kept in the session). No query unless a session exists."""
    if not request.COOKIES.get(settings.SESSION_COOKIE_NAME):
        return {"compare_tray": []}
    tray = request.session.get(COMPARE_SESSION_KEY, [])
    return {"compare_tray": [s for s in tray if isinstance(s, str)]}
