"""The two content roles. Superusers manage people; these groups manage content.

Content editors: create and edit careers, their sections and the vocabularies; send careers for
review. They cannot publish or archive, delete careers, or touch users and groups.
Content publishers: everything editors can, plus publish/archive and delete careers.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROW_MODELS = [
    "careerskill", "careerdegree", "salaryband", "salarysource", "learningstep", "responsibility", "careertool",
    "jobtitle", "growthstage", "careerindustry", "projectidea", "challenge", "faq", "relatedcareer",
]
VOCABULARY = ["cluster", "skill", "degree", "tool", "industry"]

EDITORS = (
    [f"{action}_career" for action in ("add", "change", "view")]
    + [f"{action}_{model}" for model in ROW_MODELS for action in ("add", "change", "delete", "view")]
    + [f"{action}_{model}" for model in VOCABULARY for action in ("add", "change", "view")]
    + ["view_loadeddocument"]
)
PUBLISHERS = EDITORS + ["publish_career", "delete_career"]
GROUPS = {"Content editors": EDITORS, "Content publishers": PUBLISHERS}


def create_groups(apps, schema_editor):
    # Permissions are normally created after migrate; make sure they exist now.
    app_config = apps.get_app_config("careers")
    app_config.models_module = True
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = Permission.objects.filter(content_type__app_label="careers", codename__in=codenames)
        missing = set(codenames) - set(perms.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions not found: {sorted(missing)}")
        group.permissions.set(perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("careers", "0003_publish_permission"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
