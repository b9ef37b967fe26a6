"""Which fields have a column per language (django-modeltranslation), read from the declarations:
the career's own text (``sections.CAREER_TRANSLATABLE``), each section's ``translatable`` fields and
the vocabularies' text (``catalogue.translations.VOCABULARY_TEXT``). Nothing is listed here.

``title`` then reads ``title_hi`` under Hindi and ``title_en`` under English (falling back to
English), in the same row: a Hindi page costs the queries an English one does. The Hindi columns
hold only reviewed text: they are written from a career's approved translation document
(``catalogue/localize.py``) and from the reviewed vocabulary files, never edited directly.

History is registered here too, after translation, for every model of the catalogue, so that a
recorded version holds both languages (django-simple-history's documented order with
modeltranslation; a ``HistoricalRecords()`` on the class would be built before the columns exist).
"""

from collections import defaultdict

import simple_history
from django.conf import settings
from django.db.models.signals import pre_save
from modeltranslation.fields import TranslationField
from modeltranslation.translator import TranslationOptions, translator

from . import models as m
from .catalogue.schema import VOCABULARIES
from .catalogue.translations import VOCABULARY_TEXT
from .models import Career
from .sections import CAREER_TRANSLATABLE, SECTIONS


def translated_fields():
    """{model: (field names)} of every model with translated text."""
    fields = defaultdict(list)
    fields[Career].extend(CAREER_TRANSLATABLE)
    for section in SECTIONS:
        fields[section.model].extend(name for name in section.translatable if name not in fields[section.model])
    for kind, names in VOCABULARY_TEXT.items():
        fields[VOCABULARIES[kind][0]].extend(names)
    return {model: tuple(names) for model, names in fields.items()}


def _english_is_the_original(sender, instance, **kwargs):
    """The original column (``title``) always holds the English, whatever language was active when
    the instance was changed: what reads it directly (search's index, joins across relations) reads
    English, as ``title_en`` does."""
    for name in _TRANSLATED[sender]:
        instance.__dict__[name] = getattr(instance, f"{name}_{settings.MODELTRANSLATION_DEFAULT_LANGUAGE}")


_TRANSLATED = translated_fields()
for _model, _fields in _TRANSLATED.items():
    translator.register(_model, type(f"{_model.__name__}Translation", (TranslationOptions,), {"fields": _fields}))
    pre_save.connect(_english_is_the_original, sender=_model, dispatch_uid=f"english-original-{_model.__name__}")
    # A unique English title stays unique through its original column; the per-language columns
    # are not unique (an empty Hindi column is not a clash, nor is a recorded version).
    for _field in _model._meta.fields:
        if isinstance(_field, TranslationField) and _field.translated_field.unique:
            _field._unique = False
            _field._field_options_kwargs = {**getattr(_field, "_field_options_kwargs", {}), "unique": False}


def recorded_models():
    """Every model whose changes are recorded: the career, its rows, the vocabularies, exam sources."""
    vocabularies = [model for model in m.Vocabulary.__subclasses__() if not model._meta.abstract]
    return [Career, *m.CareerRow.__subclasses__(), *vocabularies, m.ExamSource]


for _model in recorded_models():
    simple_history.register(_model, app="careers", **getattr(_model, "HISTORY_OPTIONS", {}))
