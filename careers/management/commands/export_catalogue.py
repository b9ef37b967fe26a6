from django.core.management.base import BaseCommand

from careers.catalogue import export_catalogue


class Command(BaseCommand):
    help = (
        "Write the whole catalogue (vocabularies and every career, whatever its status) to a folder in "
        "the fixtures/ format, e.g. for a backup or to review staff edits as a diff."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default="catalogue-export", help="Folder to write (default: %(default)s).")

    def handle(self, *args, **options):
        written = export_catalogue(options["output"])
        careers = sum(1 for p in written if p.parent.name == "careers")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {careers} careers and {len(written) - careers} vocabulary files to {options['output']}/"
            )
        )
