"""Rules the database itself enforces with triggers, on SQLite and PostgreSQL alike.

A Trigger refuses a write (INSERT, UPDATE or DELETE) of a table's row when its condition, SQL over the
row's OLD and NEW values, is true. It does not matter which path the write takes: the admin, the ORM, a
command or SQL typed by someone with a database login who does not own the tables. Migrations install
them with InstallTriggers; a refused write raises IntegrityError.

Conditions are written once for both databases: SQLite (3.39 and later) and PostgreSQL both read
`IS DISTINCT FROM`, IN lists and scalar subqueries.
"""

from dataclasses import dataclass

from django.db.migrations.operations.base import Operation

CHECK_VIOLATION = "23514"  # PostgreSQL's SQLSTATE for a check that failed: Django raises IntegrityError


def quote(text):
    return "'" + text.replace("'", "''") + "'"


def changed(*columns):
    """Return SQL that is true when an UPDATE changes any of `columns`."""
    return "(" + " OR ".join(f"OLD.{column} IS DISTINCT FROM NEW.{column}" for column in columns) + ")"


@dataclass(frozen=True)
class Trigger:
    name: str
    table: str
    event: str  # INSERT, UPDATE or DELETE
    condition: str  # the write is refused when this is true
    message: str

    def create_sql(self, vendor):
        if vendor == "sqlite":
            return [
                f'CREATE TRIGGER "{self.name}" BEFORE {self.event} ON "{self.table}" FOR EACH ROW '
                f"WHEN {self.condition} BEGIN SELECT RAISE(ABORT, {quote(self.message)}); END"
            ]
        if vendor == "postgresql":
            row = "OLD" if self.event == "DELETE" else "NEW"
            return [
                f'CREATE OR REPLACE FUNCTION "{self.name}"() RETURNS trigger LANGUAGE plpgsql AS $rule$ '
                f"BEGIN IF {self.condition} THEN RAISE EXCEPTION USING ERRCODE = '{CHECK_VIOLATION}', "
                f"MESSAGE = {quote(self.message)}; END IF; RETURN {row}; END $rule$",
                f'CREATE TRIGGER "{self.name}" BEFORE {self.event} ON "{self.table}" FOR EACH ROW '
                f'EXECUTE FUNCTION "{self.name}"()',
            ]
        raise NotImplementedError(f"Factline's database rules are written for SQLite and PostgreSQL, not {vendor}.")

    def drop_sql(self, vendor):
        if vendor == "sqlite":
            return [f'DROP TRIGGER IF EXISTS "{self.name}"']
        return [f'DROP TRIGGER IF EXISTS "{self.name}" ON "{self.table}"', f'DROP FUNCTION IF EXISTS "{self.name}"()']


def append_only(table):
    """Return the triggers that keep a history table append-only: its rows are never changed or deleted."""
    return [
        Trigger(f"{table}_never_changes", table, "UPDATE", "1 = 1", "History is kept as written: rows never change."),
        Trigger(f"{table}_never_deleted", table, "DELETE", "1 = 1", "History is kept whole: rows are never deleted."),
    ]


class InstallTriggers(Operation):
    """A migration operation that installs triggers (and removes them when migrating back)."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, *triggers):
        self.triggers = triggers

    def deconstruct(self):
        return self.__class__.__qualname__, list(self.triggers), {}

    def state_forwards(self, app_label, state):
        pass

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        for trigger in self.triggers:
            for sql in trigger.create_sql(schema_editor.connection.vendor):
                schema_editor.execute(sql, params=None)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        for trigger in reversed(self.triggers):
            for sql in trigger.drop_sql(schema_editor.connection.vendor):
                schema_editor.execute(sql, params=None)

    def describe(self):
        return "Install the triggers " + ", ".join(trigger.name for trigger in self.triggers)
