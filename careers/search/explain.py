"""The plans of the queries one search runs, for the benchmark report and for checking that the
indexes serve them: ``python manage.py explain_search "govt job"``."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .query import clean_query


def explain(raw_query):
    """[(sql, plan text)] for every query ``search(raw_query)`` runs, in order. On PostgreSQL the
    plan is EXPLAIN (ANALYZE, BUFFERS): the query runs again, so timings are real; on SQLite it
    is EXPLAIN QUERY PLAN."""
    from . import search

    q = clean_query(raw_query)
    with CaptureQueriesContext(connection) as captured:
        search(q)
    out = []
    for entry in captured.captured_queries:
        sql = entry["sql"]
        if not sql.lstrip().upper().startswith(("SELECT", "WITH", "(SELECT")):
            continue
        prefix = "EXPLAIN (ANALYZE, BUFFERS) " if connection.vendor == "postgresql" else "EXPLAIN QUERY PLAN "
        with connection.cursor() as cursor:
            cursor.execute(prefix + sql)
            rows = cursor.fetchall()
        plan = "\n".join(row[0] if len(row) == 1 else " ".join(str(c) for c in row) for row in rows)
        out.append((sql, plan))
    return out
