from django.core.management.base import BaseCommand, CommandError

from careers.catalogue.completeness import check_career, one_way_relations
from careers.models import Career


class Command(BaseCommand):
    help = (
        "Report, per career, which sections meet the catalogue's completeness bar. Exits non-zero "
        "when a published career falls short."
    )

    def add_arguments(self, parser):
        parser.add_argument("slugs", nargs="*", help="Only these careers (default: all).")
        parser.add_argument("--verbose-ok", action="store_true", help="List passing sections too.")

    def handle(self, *args, **options):
        careers = list(Career.objects.with_all_sections().order_by("cluster__order", "title"))
        if options["slugs"]:
            careers = [c for c in careers if c.slug in set(options["slugs"])]
            unknown = set(options["slugs"]) - {c.slug for c in careers}
            if unknown:
                raise CommandError(f"No such career: {', '.join(sorted(unknown))}")
        short_published = []
        published = [c for c in careers if c.is_published]
        for career in careers:
            checks = check_career(career)
            failing = [c for c in checks if not c.ok]
            label = f"{career.title} [{career.get_status_display()}, {career.cluster or 'no cluster'}]"
            if not career.is_published:
                # Drafts may be incomplete; one line says how far they are.
                self.stdout.write(f"· {label}: {len(checks) - len(failing)}/{len(checks)} sections meet the bar")
                continue
            if failing:
                self.stdout.write(self.style.ERROR(f"✗ {label}"))
                short_published.append(career.slug)
            else:
                self.stdout.write(self.style.SUCCESS(f"✓ {label}"))
            for check in checks:
                if not check.ok or options["verbose_ok"]:
                    mark = "ok " if check.ok else "SHORT"
                    self.stdout.write(f"    {mark} {check.section}: {check.detail}")
        clusters = {c.cluster_id for c in published}
        self.stdout.write(f"\n{len(published)} published careers in {len(clusters)} clusters.")
        one_way = one_way_relations(published)
        if one_way:
            self.stdout.write(
                self.style.WARNING(
                    f"{len(one_way)} one-way relations (the other page links back under 'Also related'):"
                )
            )
            for a, b in one_way:
                self.stdout.write(f"    {a} → {b}")
        if short_published:
            raise CommandError(f"{len(short_published)} published career(s) fall short: {', '.join(short_published)}")
        self.stdout.write(self.style.SUCCESS("Every published career meets the bar."))
