from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from careers.catalogue import ContentError, load_catalogue


class Command(BaseCommand):
    help = (
        "Load the careers catalogue (vocabularies and career documents) from the fixtures folder. "
        "Idempotent and atomic; careers or vocabulary entries edited in the admin are kept unless "
        "--overwrite-edited is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--path", default=str(settings.CATALOGUE_DIR), help="The fixtures folder (default: %(default)s)."
        )
        parser.add_argument("--dry-run", action="store_true", help="Report what would change; write nothing.")
        parser.add_argument(
            "--overwrite-edited",
            action="store_true",
            help="Replace entries that staff changed in the admin with the documents' content.",
        )
        parser.add_argument(
            "--only", default="", help="Comma-separated career slugs to load (vocabularies always load)."
        )

    def handle(self, *args, **options):
        only = {s.strip() for s in options["only"].split(",") if s.strip()} or None
        try:
            report = load_catalogue(
                options["path"], dry_run=options["dry_run"], overwrite_edited=options["overwrite_edited"], only=only
            )
        except ContentError as exc:
            raise CommandError(
                f"The catalogue was not loaded; fix these {len(exc.problems)} problem(s):\n" + "\n".join(exc.problems)
            ) from None
        if options["dry_run"]:
            self.stdout.write(self.style.WARNING("Dry run: nothing was written. It would do this:"))
        for line in report.lines():
            style = self.style.WARNING if line.startswith("kept") else self.style.SUCCESS
            self.stdout.write(style(line) if not line.startswith("  ") else line)
