"""Fill the database with synthetic careers for benchmarks (never run this on production data)."""

from django.core.management.base import BaseCommand, CommandError

from bench import synthetic


class Command(BaseCommand):
    help = (
        "FOR BENCHMARKS ONLY: add N published synthetic careers (slugs synthetic-career-00001…) copied, "
        "with variations, from the real catalogue and sharing its vocabularies. Load the catalogue first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--careers", type=int, default=0, metavar="N", help="How many careers to add.")
        parser.add_argument(
            "--clear", action="store_true", help="First delete every synthetic career made earlier (and its rows)."
        )
        parser.add_argument(
            "--seed", type=int, default=synthetic.DEFAULT_SEED, help="Random seed (default: %(default)s)."
        )
        parser.add_argument(
            "--no-reindex",
            action="store_true",
            help="Do not refresh the search index for the new careers (search will not find them).",
        )

    def handle(self, *args, **options):
        count = options["careers"]
        if count < 0:
            raise CommandError("--careers must be 0 or more.")
        if not count and not options["clear"]:
            raise CommandError("Say how many careers to add (--careers N), or --clear.")
        if options["clear"]:
            removed = synthetic.clear()
            self.stdout.write(f"removed {removed} synthetic careers")
        if not count:
            return
        verbose = options["verbosity"] >= 2
        try:
            report = synthetic.synthesize(
                count,
                seed=options["seed"],
                reindex=not options["no_reindex"],
                log=self.stdout.write if verbose else None,
            )
        except synthetic.NoTemplates as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            self.style.SUCCESS(
                f"created {report.created} synthetic careers ({synthetic.slug_for(report.first)} to "
                f"{synthetic.slug_for(report.last)}) with {report.rows} section rows in {report.seconds_writing:.1f} s"
            )
        )
        if report.seconds_reindexing is None:
            self.stdout.write("search index not refreshed (--no-reindex): search will not find them")
        else:
            self.stdout.write(f"search index refreshed in {report.seconds_reindexing:.1f} s")
