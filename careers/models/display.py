"""``get_FOO_display()`` without rebuilding the field's choices on every call.

Django's own ``Model._get_FIELD_display`` makes a dict of the field's choices each time, hashing
every lazily translated label, which translates it: a career page's sections call it some 70 times
(a skill's importance, a salary band's level, …), and each call translated every choice of its
field. Here each field's {value: label} is made once, with the labels left lazy, and only the label
shown is translated, in the language active at the call, as Django's does.
"""

from functools import cache

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@cache
def choice_labels(field):
    """{value: lazy label} of a field with choices."""
    return {make_hashable(value): label for value, label in field.flatchoices}


class ChoiceDisplay:
    """Mixed into the models: ``get_FOO_display()`` reads ``choice_labels``."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(choice_labels(field).get(make_hashable(value), value), strings_only=True)
