from . import shortlist as shortlist_module


def shortlist(request):
    """The visitor's shortlist (career slugs kept in the session). No query unless a session exists."""
    return {"shortlist": shortlist_module.careers(request)}
