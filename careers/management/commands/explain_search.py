"""Print the plans of the SQL queries a search runs (EXPLAIN ANALYZE on PostgreSQL)."""

from django.core.management.base import BaseCommand, CommandError

from careers.search import QueryError
from careers.search.explain import explain


class Command(BaseCommand):
    help = 'Show the SQL and EXPLAIN ANALYZE plan of each query a search runs, e.g. explain_search "govt job".'

    def add_arguments(self, parser):
        parser.add_argument("query", help="The search, as a visitor would type it.")

    def handle(self, *args, query, **options):
        try:
            plans = explain(query)
        except QueryError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"{len(plans)} queries for {query!r} (the synonyms are cached after the first search)\n")
        for number, (sql, plan) in enumerate(plans, start=1):
            self.stdout.write(f"--- query {number}\n{sql}\n\n{plan}\n")
