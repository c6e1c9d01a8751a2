"""Django's SQLite backend, able to empty a database whose triggers refuse deletions (`flush`), and to write
in bulk as many rows per statement as the SQLite library allows.

The triggers (config/triggers.py) refuse deleting history and reviewed records row by row. PostgreSQL
empties tables with TRUNCATE, which row triggers do not see; SQLite deletes rows, so flush, an owner's
operation like TRUNCATE, drops the triggers, empties the tables and puts the triggers back, in one go, then
rebuilds the full-text indexes that triggers keep.
"""

import sqlite3

from django.db.backends.sqlite3 import base, operations

from config.text import folded


class DatabaseOperations(operations.DatabaseOperations):
    def bulk_batch_size(self, fields, objs):
        # Django assumes the 999 variables of SQLite before 3.32; ask the library in use for its own limit, so
        # that a bulk write is a few statements rather than one per few hundred rows.
        self.connection.ensure_connection()
        limit = self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        columns = sum(len(getattr(field, "fields", [field])) for field in fields)
        return limit // columns if columns > 1 else min(limit, 500) if columns else len(objs)

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        statements = super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        if not statements:
            return statements
        with self.connection.cursor() as cursor:
            cursor.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
            triggers = cursor.fetchall()
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'"
            )
            searches = [name for (name,) in cursor.fetchall()]
        drops = [f'DROP TRIGGER "{name}";' for name, _ in triggers]
        # The full-text indexes (config/search.py) are kept by triggers too: rebuilt from their emptied tables.
        rebuilds = [f'INSERT INTO "{name}" ("{name}") VALUES (\'rebuild\');' for name in searches]
        return [*drops, *statements, *(f"{sql};" for _, sql in triggers), *rebuilds]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        # PostgreSQL's is installed with the full-text indexes (config/search.py); searches fold text alike.
        connection.create_function("factline_unaccent", 1, folded, deterministic=True)
        return connection
