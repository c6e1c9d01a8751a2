"""Multi-row INSERT statements for the writes of an import: tens of thousands of rows at a time.

Django's bulk_create compiles every value of every row through its SQL compiler, which costs more than the
database's work for such rows. Here each column's preparation is looked up once and each statement holds as
many rows as the database takes parameters. Like bulk_create, nothing is run per row: no save(), no signals.
"""

from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import DateField, Field, Q
from django.utils import timezone

# Rows a statement holds at most, whatever the database would take.
MOST_ROWS = 1000
# Fields whose values of the PLAIN_VALUES types (and str subclasses: text choices) both databases take as they
# are, as Django passes them on: their preparation (a dozen calls a value) is skipped. Other values and fields
# are prepared as Django prepares them.
PLAIN_FIELDS = frozenset(
    ("AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "ForeignKey", "IntegerField")
    + ("PositiveIntegerField", "PositiveSmallIntegerField", "SlugField", "SmallIntegerField", "TextField")
)
PLAIN_VALUES = frozenset((str, int, bool, type(None)))


def insert(model, objects):
    """Insert `objects` (new instances of `model`) and set their primary keys; return them.

    The returned keys come in the order of the rows, as Django's bulk_create relies on too.
    """
    objects = list(objects)
    if not objects:
        return objects
    given = [field for field in model._meta.concrete_fields if field.db_returning and not field.primary_key]
    if given or not connection.features.can_return_rows_from_bulk_insert:
        return model._default_manager.bulk_create(objects)  # values the database gives besides the key: Django's way
    fields = [field for field in model._meta.concrete_fields if not (field.db_returning or field.generated)]
    read = attrgetter(*[field.attname for field in fields])
    read = read if len(fields) > 1 else lambda obj, read=read: (read(obj),)
    computed = [(index, field) for index, field in enumerate(fields) if _set_when_saved(field)]
    values = []
    for obj in objects:
        row = read(obj)
        if computed:
            row = list(row)
            for index, field in computed:
                row[index] = field.pre_save(obj, True)
        values.append(row)
    keys = _insert_returning(model, [field.column for field in fields], prepared(fields, values))
    for obj, key in zip(objects, keys, strict=True):
        obj.pk = key
        obj._state.adding, obj._state.db = False, connection.alias
    return objects


def insert_values(model, names, rows, returning=False):
    """Insert `rows` (tuples of the values of the fields `names`, as on a model object) into `model`'s table.

    With `returning`, return the primary keys of the new rows, in their order.
    """
    fields = [model._meta.get_field(name) for name in names]
    columns = [field.column for field in fields]
    if not returning:
        return insert_rows(model, columns, prepared(fields, rows))
    if not rows:
        return []
    if connection.features.can_return_rows_from_bulk_insert:
        return _insert_returning(model, columns, prepared(fields, rows))
    objects = [model(**dict(zip([field.attname for field in fields], row, strict=True))) for row in rows]
    return [obj.pk for obj in model._default_manager.bulk_create(objects)]


def prepared(fields, rows):
    """Return `rows` (sequences of the values of `fields`) as the database takes them, a list per row.

    A value is prepared once for all the rows that hold that very object (a timestamp given to a whole batch).
    """
    columns = [(field.get_internal_type() in PLAIN_FIELDS, field.get_db_prep_save) for field in fields]
    last = [(object(), None)] * len(columns)  # per column, the last value prepared and what it became
    database, result = connections[DEFAULT_DB_ALIAS], []
    for row in rows:
        values = []
        for index, value in enumerate(row):
            plain, prepare = columns[index]
            if plain and (type(value) in PLAIN_VALUES or isinstance(value, str)):
                values.append(value)
            elif value is last[index][0]:
                values.append(last[index][1])
            else:
                last[index] = value, prepare(value, database)
                values.append(last[index][1])
        result.append(values)
    return result


def insert_rows(model, columns, rows):
    """Insert `rows` (tuples of database values, in the order of `columns`) into `model`'s table."""
    rows = list(rows)
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote_table(model)} ({', '.join(map(quote, columns))}) VALUES "
    row = f"({', '.join(['%s'] * len(columns))})"
    per_statement = _rows_per_statement(columns)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            cursor.execute(head + ", ".join([row] * len(batch)), [value for values in batch for value in values])


def insert_with_history(model, objects, user=None, reason=""):
    """Insert `objects` like insert(), and their creation rows in `model`'s history, copied by the database.

    What django-simple-history's bulk_create_with_history writes, for models without history of their
    many-to-many fields: one "+" row each, with `user` and `reason`.
    """
    objects = insert(model, objects)
    if objects:
        copy_to_history(model, [obj.pk for obj in objects], user, reason, "+")
    return objects


def copy_to_history(model, keys, user=None, reason="", kind="~"):
    """Write a history row of `kind` for each row of `model` in `keys` as it stands now, in one statement a batch."""
    history = model.history.model
    if getattr(history, "_history_m2m_fields", None):
        raise ValueError(f"{model.__name__} keeps the history of many-to-many fields; save it with its history.")
    quote, table = connection.ops.quote_name, quote_table(model)
    copied = [field.column for field in history.tracked_fields]
    recorded = ["history_date", "history_change_reason", "history_type", "history_user_id"]
    date = history._meta.get_field("history_date").get_db_prep_save(timezone.now(), connection)
    values = [date, reason, kind, getattr(user, "pk", user)]
    pk, keys = quote(model._meta.pk.column), sorted(keys)
    with connection.cursor() as cursor:
        per_statement = min(MOST_ROWS, _parameters_allowed() - len(values))
        for start in range(0, len(keys), per_statement):
            batch = keys[start : start + per_statement]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({', '.join(map(quote, copied + recorded))}) "
                f"SELECT {', '.join(quote(column) for column in copied)}, %s, %s, %s, %s FROM {table} "
                f"WHERE {pk} IN ({', '.join(['%s'] * len(batch))}) ORDER BY {pk}",
                [*values, *batch],
            )


def quote_table(model):
    return connection.ops.quote_name(model._meta.db_table)


def _set_when_saved(field):
    """Tell whether `field` sets its value when its object is saved (auto_now and the like)."""
    if isinstance(field, DateField):
        return field.auto_now or field.auto_now_add
    return type(field).pre_save is not Field.pre_save


def _insert_returning(model, columns, rows):
    quote, pk = connection.ops.quote_name, model._meta.pk
    per_statement = _rows_per_statement(columns)
    head = f"INSERT INTO {quote_table(model)} ({', '.join(map(quote, columns))}) VALUES "
    row = f"({', '.join(['%s'] * len(columns))})"
    keys = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            batch = rows[start : start + per_statement]
            cursor.execute(
                f"{head}{', '.join([row] * len(batch))} RETURNING {quote(pk.column)}",
                [value for values in batch for value in values],
            )
            keys.extend(key for (key,) in cursor.fetchall())
    return keys


def _rows_per_statement(columns):
    return max(1, min(MOST_ROWS, _parameters_allowed() // max(1, len(columns))))


def _parameters_allowed():
    return connection.features.max_query_params or 65535


def among(lookup, keys):
    """Return a Q for the rows whose `lookup` (a path to an integer key) is one of `keys` (integers).

    Consecutive keys, as one import creates, are asked for as a range: two parameters, not one per key, each of
    which Django prepares on its own.
    """
    keys = sorted(set(keys))
    if len(keys) == 1:
        return Q(**{lookup: keys[0]})
    if keys and keys[-1] - keys[0] + 1 == len(keys):
        return Q(**{f"{lookup}__gte": keys[0], f"{lookup}__lte": keys[-1]})
    return Q(**{f"{lookup}__in": keys})
