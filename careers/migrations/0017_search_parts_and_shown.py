# Search (issue 16): the ranking document as two plain-line columns instead of JSON text: a search
# splits ``search_parts`` for every candidate (decoding the JSON of some 110 candidates cost about
# 3 ms a search) and reads ``search_shown`` for the hits it shows only. The documents are carried
# over as they are (search/index.py's ``encode``, written out here so that this migration does not
# change with it); the write hook keeps the columns from here on. May need renumbering when merged
# beside other migrations numbered 0017.

import json

from django.db import migrations, models

SEPARATOR = "\x1e"
BATCH = 500


def _detail(detail):
    if detail is None:
        return ""
    if isinstance(detail, list):
        fit, preferred = detail
        return f"{fit} {int(bool(preferred))}"
    return str(detail)


def _encode(parts):
    texts = "\n".join(text for _kind, text, _shown, _detail in parts)
    kinds = "\n".join(f"{kind}\t{_detail(detail)}" for kind, _text, _shown, detail in parts)
    shown = "\n".join(str(shown).replace("\n", " ") for _kind, _text, shown, _detail in parts)
    return texts + SEPARATOR + kinds, shown


def _decode(search_parts, search_shown):
    if not search_parts:
        return []
    texts, _sep, kinds = search_parts.partition(SEPARATOR)
    out = []
    for line, text, shown in zip(kinds.split("\n"), texts.split("\n"), search_shown.split("\n"), strict=True):
        kind, _tab, detail = line.partition("\t")
        if kind == "degree":
            fit, preferred = detail.split(" ")
            value = [int(fit), preferred == "1"]
        elif kind == "tool":
            value = int(detail)
        else:
            value = detail or None
        out.append([kind, text, shown, value])
    return out


def _convert(apps, read, write, fields):
    Career = apps.get_model("careers", "Career")
    changed = []
    for career in Career.objects.only("pk", *read).iterator(chunk_size=BATCH):
        for name, value in zip(fields, write(*(getattr(career, f) for f in read)), strict=True):
            setattr(career, name, value)
        changed.append(career)
        if len(changed) >= BATCH:
            Career.objects.bulk_update(changed, fields)
            changed = []
    Career.objects.bulk_update(changed, fields)


def forwards(apps, schema_editor):
    def write(document):
        return _encode(json.loads(document)["parts"]) if document else ("", "")

    _convert(apps, ["search_document"], write, ["search_parts", "search_shown"])


def backwards(apps, schema_editor):
    def write(search_parts, search_shown):
        parts = _decode(search_parts, search_shown)
        if not parts:
            return ("",)
        cluster = next((shown for kind, _text, shown, _detail in parts if kind == "cluster"), "")
        return (json.dumps({"cluster": cluster, "parts": parts}, separators=(",", ":")),)

    _convert(apps, ["search_parts", "search_shown"], write, ["search_document"])


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0016_career_title_trigram_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="career",
            name="search_parts",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="career",
            name="search_shown",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="career", name="search_document"),
    ]
