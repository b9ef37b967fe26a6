"""Careers' section rows read from the database with SQL compiled once per process.

A career page's first render (and a compare of careers whose rows are not cached) reads one query
per section. Django builds and compiles each of those querysets on every request (filter, joins,
ordering, the select list): at 17 queries a page that was as much time as PostgreSQL took to answer
them. The SQL of "this section's rows for these careers" does not change from one career to the next,
only the careers' ids do, so ``prefetch()`` compiles each prefetch once (per database connection, list
of prefetches, number of careers and language, which modeltranslation writes into the ordering) and
then only runs it with the new ids, building the rows as Django's model iterable does and installing
them as ``prefetch_related_objects`` would: ``career.skills.all()`` answers from memory.

The rows, their order and the queries counted are those of ``prefetch_related_objects``: the same
SQL, sent once per prefetch.
"""

import weakref

from django.db import connections
from django.db.models import Prefetch, prefetch_related_objects
from django.db.models.query import get_related_populators
from django.utils import translation

# The most careers a statement is compiled for (a compare shows 3; longer lists are rare and
# use Django's own prefetching).
MOST = 4
# A career id no table holds, marking where the ids go in a statement's parameters.
_MARK = -7_310_000_001

# {connection: {(key, language, n): [_Statement]}}; a connection belongs to one thread.
_compiled = weakref.WeakKeyDictionary()


class _Statement:
    """One prefetch compiled for ``n`` careers: its SQL, where the ids go in its parameters, and how
    a row of its result becomes a model instance (with its select_related rows)."""

    def __init__(self, model, prefetch, n):
        name = prefetch.prefetch_through if isinstance(prefetch, Prefetch) else prefetch
        relation = model._meta.get_field(name)
        self.field = relation.field  # the rows' foreign key to the career
        self.name = name
        queryset = prefetch.queryset if isinstance(prefetch, Prefetch) else None
        if queryset is None:
            queryset = relation.related_model._default_manager.all()
        marks = [_MARK - i for i in range(n)]
        queryset = queryset.filter(**{f"{self.field.name}__in": marks})
        self.db = queryset.db
        compiler = queryset.query.get_compiler(using=self.db)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.slots = [self.params.index(mark) for mark in marks]
        self.compiler = compiler
        select, klass_info = compiler.select, compiler.klass_info
        self.model = klass_info["model"]
        fields = klass_info["select_fields"]
        self.start, self.end = fields[0], fields[-1] + 1
        self.init_list = [f[0].target.attname for f in select[self.start : self.end]]
        self.populators = get_related_populators(klass_info, select, self.db)
        self.attname = self.field.attname
        columns = [column[0] for column in select[: compiler.col_count]]
        self.converters = compiler.get_converters(columns)
        self.plain = not compiler.has_composite_fields(columns)

    def params_for(self, careers):
        params = list(self.params)
        for slot, career in zip(self.slots, careers, strict=True):
            params[slot] = career.pk
        return params

    def rows(self, results, careers):
        """{career id: [rows]} from the statement's result."""
        by_id = {career.pk: career for career in careers}
        found = {career.pk: [] for career in careers}
        name = self.field.name
        if self.converters:  # (as the compiler's results_iter, with the converters found once)
            results = self.compiler.apply_converters(results, self.converters)
        for row in results:
            obj = self.model.from_db(self.db, self.init_list, row[self.start : self.end])
            for populator in self.populators:
                populator.populate(row, obj)
            career_id = getattr(obj, self.attname)
            setattr(obj, name, by_id[career_id])
            found[career_id].append(obj)
        return found


def _statements(model, prefetches, n):
    statements = [_Statement(model, p, n) for p in prefetches()]
    if any("__" in s.name or not s.plain for s in statements):  # (nested lookups, composite keys: not here)
        return None
    return statements


def prefetch(careers, prefetches, key):
    """Give ``careers`` their rows of ``prefetches()`` (a list of prefetches of a career's reverse
    relations, as for ``prefetch_related_objects``), named ``key`` (the same list always has the same
    key): each prefetch compiled on its first use in this connection, then run with the careers' ids."""
    careers = list(careers)
    if not careers:
        return
    if len(careers) > MOST:
        prefetch_related_objects(careers, *prefetches())
        return
    model = type(careers[0])
    alias = careers[0]._state.db or "default"
    connection = connections[alias]
    kept = _compiled.setdefault(connection, {})
    ident = (key, translation.get_language(), len(careers))
    if ident not in kept:
        kept[ident] = _statements(model, prefetches, len(careers))
    statements = kept[ident]
    if statements is None:
        prefetch_related_objects(careers, *prefetches())
        return
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.sql, statement.params_for(careers))
            found = statement.rows(cursor.fetchall(), careers)
            for career in careers:
                install(career, statement.name, found[career.pk])


def install(career, name, rows):
    """``rows`` as the career's prefetched relation ``name``, as ``prefetch_related`` leaves it."""
    queryset = getattr(career, name).get_queryset()  # (no query: it is only built)
    queryset._result_cache = rows
    queryset._prefetch_done = True
    cache_name = career._meta.get_field(name).cache_name
    career.__dict__.setdefault("_prefetched_objects_cache", {})[cache_name] = queryset
