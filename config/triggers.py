"""Rules the database itself enforces with triggers, on SQLite and PostgreSQL alike.

A Trigger refuses a write (INSERT, UPDATE or DELETE) of a table's row when its condition, SQL over the
row's OLD and NEW values, is true. It does not matter which path the write takes: the admin, the ORM, a
command or SQL typed by someone with a database login who does not own the tables. Migrations install
them with InstallTriggers; a refused write raises IntegrityError.

Conditions are written once for both databases: SQLite (3.39 and later) and PostgreSQL both read
`IS DISTINCT FROM`, IN lists and scalar subqueries.

A Counter is the other kind: it refuses nothing, and moves a version on whenever rows change, so that
what is prepared from those rows (the timeline check's names) is prepared again, whoever wrote them.
"""

from dataclasses import dataclass

from django.db.migrations.operations import SeparateDatabaseAndState
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


@dataclass(frozen=True)
class Counter:
    """A trigger that moves a one-row version table on: after an INSERT, DELETE, or UPDATE of `columns`, of
    `table`'s rows, `counter`'s row 1 (created if missing) gets the next number and a new random token."""

    name: str
    table: str
    event: str  # INSERT, UPDATE or DELETE
    counter: str
    columns: tuple = ()  # for UPDATE: the columns whose change counts

    def create_sql(self, vendor):
        when = f" WHEN {changed(*self.columns)}" if self.event == "UPDATE" and self.columns else ""
        if vendor == "sqlite":
            return [
                f'CREATE TRIGGER "{self.name}" AFTER {self.event} ON "{self.table}" FOR EACH ROW{when} BEGIN '
                f"INSERT OR IGNORE INTO \"{self.counter}\" (id, number, token) VALUES (1, 0, ''); "
                f'UPDATE "{self.counter}" SET number = number + 1, token = lower(hex(randomblob(16))) WHERE id = 1; '
                "END"
            ]
        if vendor == "postgresql":
            return [
                f'CREATE OR REPLACE FUNCTION "{self.name}"() RETURNS trigger LANGUAGE plpgsql AS $count$ '
                f'BEGIN INSERT INTO "{self.counter}" (id, number, token) VALUES (1, 1, md5(random()::text)) '
                f'ON CONFLICT (id) DO UPDATE SET number = "{self.counter}".number + 1, token = excluded.token; '
                "RETURN NULL; END $count$",
                f'CREATE TRIGGER "{self.name}" AFTER {self.event} ON "{self.table}" FOR EACH ROW{when} '
                f'EXECUTE FUNCTION "{self.name}"()',
            ]
        raise NotImplementedError(f"Factline's database rules are written for SQLite and PostgreSQL, not {vendor}.")

    drop_sql = Trigger.drop_sql


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


class ReplaceTrigger(Operation):
    """A migration operation that replaces an installed trigger with a new version of its rule."""

    reversible = True
    reduces_to_sql = True

    def __init__(self, old, new):
        self.old, self.new = old, new

    def deconstruct(self):
        return self.__class__.__qualname__, [self.old, self.new], {}

    def state_forwards(self, app_label, state):
        pass

    def _swap(self, schema_editor, removed, installed):
        vendor = schema_editor.connection.vendor
        for sql in [*removed.drop_sql(vendor), *installed.create_sql(vendor)]:
            schema_editor.execute(sql, params=None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._swap(schema_editor, self.old, self.new)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._swap(schema_editor, self.new, self.old)

    def describe(self):
        return f"Replace the trigger {self.old.name}"


class KeepTriggers(SeparateDatabaseAndState):
    """Run `operations` that alter `tables`, keeping every trigger on or reading those tables.

    SQLite alters a table by copying it into a new one: the triggers on the old table are dropped with it, and
    triggers of other tables that read it stop the copy from taking the old name. Those triggers are set aside
    and put back once the operations are done. PostgreSQL alters tables in place and keeps its triggers.
    """

    def __init__(self, tables, operations):
        self.tables = list(tables)
        super().__init__(database_operations=operations, state_operations=operations)

    def deconstruct(self):
        return self.__class__.__qualname__, [self.tables, self.database_operations], {}

    def _set_aside(self, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return []
        matches = " OR ".join(["tbl_name = %s OR sql LIKE %s"] * len(self.tables))
        params = [value for table in self.tables for value in (table, f'%"{table}"%')]
        params += [f"% {table} %" for table in self.tables]
        matches += "".join(" OR sql LIKE %s" for _table in self.tables)
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND ({matches})", params)
            triggers = cursor.fetchall()
        for name, _sql in triggers:
            schema_editor.execute(f'DROP TRIGGER "{name}"', params=None)
        return triggers

    def _put_back(self, schema_editor, triggers):
        for _name, sql in triggers:
            schema_editor.execute(sql, params=None)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        triggers = self._set_aside(schema_editor)
        super().database_forwards(app_label, schema_editor, from_state, to_state)
        self._put_back(schema_editor, triggers)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        triggers = self._set_aside(schema_editor)
        super().database_backwards(app_label, schema_editor, from_state, to_state)
        self._put_back(schema_editor, triggers)

    def describe(self):
        return "Alter " + ", ".join(self.tables) + " keeping their triggers"
