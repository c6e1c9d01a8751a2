"""Back up and restore the whole database with its own tools: every object, history row and review record.

SQLite copies itself page by page (the backup API behind `sqlite3 .backup`), safely while others use it;
PostgreSQL uses pg_dump and pg_restore, in their custom format. Both keep the schema, the constraints
and the triggers that guard the record, so a restored database refuses what the original refused.
"""

import os
import shutil
import sqlite3
import subprocess


class BackupError(Exception):
    """A backup or restore that could not be done, with what to do about it."""


def _postgres_environment(settings_dict):
    environment = dict(os.environ)
    for variable, key in [("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")]:
        if settings_dict.get(key):
            environment[variable] = str(settings_dict[key])
    return environment


def _tool(name):
    found = shutil.which(name) or next(
        (path for path in sorted(_postgres_binaries(name), reverse=True) if os.access(path, os.X_OK)), None
    )
    if found is None:
        raise BackupError(f"{name} is not installed: install PostgreSQL's client tools (Debian: postgresql-client).")
    return found


def _postgres_binaries(name):
    root = "/usr/lib/postgresql"
    return [os.path.join(root, version, "bin", name) for version in os.listdir(root)] if os.path.isdir(root) else []


def _run(command, settings_dict):
    result = subprocess.run(command, env=_postgres_environment(settings_dict), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{os.path.basename(command[0])} failed: {result.stderr.strip()}")


def backup(settings_dict, vendor, path):
    """Write a backup of the database described by `settings_dict` to `path`."""
    if vendor == "sqlite":
        source, target = sqlite3.connect(settings_dict["NAME"]), sqlite3.connect(path)
        try:
            with target:
                source.backup(target)
        finally:
            source.close()
            target.close()
    elif vendor == "postgresql":
        _run(
            [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={path}", settings_dict["NAME"]], settings_dict
        )
    else:
        raise BackupError(f"Backups are made for SQLite and PostgreSQL, not {vendor}.")


def restore(settings_dict, vendor, path):
    """Replace the content of the database described by `settings_dict` with the backup at `path`."""
    if not os.path.isfile(path):
        raise BackupError(f"{path}: no such backup file.")
    if vendor == "sqlite":
        source, target = sqlite3.connect(f"file:{path}?mode=ro", uri=True), sqlite3.connect(settings_dict["NAME"])
        try:
            with target:
                source.backup(target)
        except sqlite3.DatabaseError as error:
            raise BackupError(f"{path} is not a SQLite backup ({error}).") from error
        finally:
            source.close()
            target.close()
    elif vendor == "postgresql":
        command = [_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction"]
        _run([*command, "--exit-on-error", f"--dbname={settings_dict['NAME']}", path], settings_dict)
    else:
        raise BackupError(f"Backups are restored to SQLite and PostgreSQL, not {vendor}.")
