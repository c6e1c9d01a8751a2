"""Full-text search on SQLite and PostgreSQL alike: accent- and case-insensitive, stemmed, indexed.

A SearchIndex names a table, its integer primary key and the text columns searched. InstallSearch (a
migration operation) builds the index each database has for it:

- PostgreSQL: a stored generated `search_vector` column, `to_tsvector('english', unaccent(…))` of the
  columns, under a GIN index (as djangoproject.com searches its docs); queries read it with
  `websearch_to_tsquery` and rank matches with `ts_rank`. `unaccent` is a trusted extension: the database
  owner installs it (PostgreSQL 13 and later).
- SQLite: an FTS5 table over the same columns (external content, kept by triggers) with the
  `porter unicode61 remove_diacritics 2` tokenizer: folded accents and case, English stems.

Both find "Atatürk" for "ataturk" and "relations" for "relation". The generated column and the FTS5
table are not model fields: the ORM never reads or writes them, the database keeps them.
"""

import re
from dataclasses import dataclass

from django.db import connection
from django.db.migrations.operations.base import Operation
from django.db.models import BooleanField, FloatField, Func, Q, TextField
from django.db.models.expressions import RawSQL

CONFIG = "english"
MAX_TERMS = 16


@dataclass(frozen=True)
class SearchIndex:
    table: str
    pk: str
    columns: tuple

    @property
    def fts(self):
        return f"{self.table}_fts"

    def create_sql(self, vendor):
        if vendor == "postgresql":
            text = " || ' ' || ".join(f"coalesce({column}, '')" for column in self.columns)
            return [
                "CREATE EXTENSION IF NOT EXISTS unaccent",
                # unaccent() is only stable; a generated column needs an immutable function with a fixed dictionary.
                "CREATE OR REPLACE FUNCTION factline_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE "
                "PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$",
                f'ALTER TABLE "{self.table}" ADD COLUMN search_vector tsvector GENERATED ALWAYS AS '
                f"(to_tsvector('{CONFIG}'::regconfig, factline_unaccent({text}))) STORED",
                f'CREATE INDEX "{self.table}_search" ON "{self.table}" USING gin (search_vector)',
            ]
        if vendor == "sqlite":
            columns = ", ".join(self.columns)
            new = ", ".join(f"new.{column}" for column in self.columns)
            old = ", ".join(f"old.{column}" for column in self.columns)
            delete = f"INSERT INTO {self.fts} ({self.fts}, rowid, {columns}) VALUES ('delete', old.{self.pk}, {old});"
            insert = f"INSERT INTO {self.fts} (rowid, {columns}) VALUES (new.{self.pk}, {new});"
            return [
                f"CREATE VIRTUAL TABLE {self.fts} USING fts5({columns}, content='{self.table}', "
                f"content_rowid='{self.pk}', tokenize='porter unicode61 remove_diacritics 2')",
                f"CREATE TRIGGER {self.fts}_insert AFTER INSERT ON {self.table} BEGIN {insert} END",
                f"CREATE TRIGGER {self.fts}_delete AFTER DELETE ON {self.table} BEGIN {delete} END",
                f"CREATE TRIGGER {self.fts}_update AFTER UPDATE ON {self.table} BEGIN {delete} {insert} END",
                f"INSERT INTO {self.fts} ({self.fts}) VALUES ('rebuild')",
            ]
        raise NotImplementedError(f"Factline's search is written for SQLite and PostgreSQL, not {vendor}.")

    def drop_sql(self, vendor):
        if vendor == "postgresql":
            return [f'ALTER TABLE "{self.table}" DROP COLUMN IF EXISTS search_vector']
        return [
            *(f"DROP TRIGGER IF EXISTS {self.fts}_{event}" for event in ("insert", "delete", "update")),
            f"DROP TABLE IF EXISTS {self.fts}",
        ]

    def filter(self, queryset, text, rank=None):
        """Return `queryset` narrowed to rows matching `text` (websearch syntax: words, "phrases", -word, or).

        With `rank` (an annotation name), PostgreSQL annotates each row with its relevance; SQLite with 0.
        """
        if connection.vendor == "postgresql":
            query = f"websearch_to_tsquery('{CONFIG}'::regconfig, factline_unaccent(%s))"
            vector = f'"{self.table}".search_vector'
            queryset = queryset.filter(RawSQL(f"{vector} @@ {query}", [text], output_field=BooleanField()))
            if rank:
                queryset = queryset.annotate(**{rank: RawSQL(f"ts_rank({vector}, {query})", [text], FloatField())})
            return queryset
        match = fts5_query(text)
        if match is None:
            return queryset.none()
        matching = RawSQL(f"SELECT rowid FROM {self.fts} WHERE {self.fts} MATCH %s", [match])
        queryset = queryset.filter(Q(pk__in=matching))
        if rank:
            queryset = queryset.annotate(**{rank: RawSQL("0.0", [], FloatField())})
        return queryset


class Folded(Func):
    """A text column without accents and in lower case, to compare with config.text.folded(term).

    factline_unaccent is PostgreSQL's unaccent (installed with the full-text indexes) or, on SQLite,
    config.text.folded itself (config/db/sqlite3).
    """

    function = "factline_unaccent"
    template = "LOWER(%(function)s(%(expressions)s))"
    output_field = TextField()


TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


def fts5_query(text):
    """Translate websearch syntax into an FTS5 query, quoting every term; None when nothing is searched for.

    Words and "phrases" must all match, `or` between two terms matches either, a leading `-` excludes.
    Terms are quoted as FTS5 strings, so no input can be read as FTS5 syntax.
    """
    groups, excluded, joining = [], [], False
    for match in TOKEN.finditer(text):
        negated, words = (match[1], match[2]) if match[2] is not None else (match[3], match[4])
        if negated == "" and words.lower() == "or" and match[2] is None:
            joining = bool(groups)
            continue
        term = " ".join(re.findall(r"\w+", words))
        if not term:
            continue
        quoted = '"' + term.replace('"', '""') + '"'
        if negated:
            excluded.append(quoted)
        elif joining:
            groups[-1].append(quoted)
        else:
            groups.append([quoted])
        joining = False
        if len(groups) + len(excluded) >= MAX_TERMS:
            break
    if not groups:
        return None
    query = " AND ".join("(" + " OR ".join(group) + ")" for group in groups)
    return query + "".join(f" NOT {term}" for term in excluded)


class InstallSearch(Operation):
    """A migration operation that builds the full-text index of a SearchIndex (and drops it going back)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, index):
        self.index = index

    def deconstruct(self):
        return self.__class__.__qualname__, [self.index], {}

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for sql in self.index.create_sql(schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for sql in self.index.drop_sql(schema_editor.connection.vendor):
            schema_editor.execute(sql, params=None)

    def describe(self):
        return f"Build the full-text index of {self.index.table}"
