"""Backing up the register and its documents into one archive, and restoring from one.

An archive is a tar file holding manifest.json, the database (database.dump from pg_dump in
its custom format on PostgreSQL, database.sqlite3 from SQLite's online backup on SQLite) and
every stored file under files/. The manifest gives each member's SHA-256 and each table's
row count, so that a restore proves itself against what was backed up."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from django.core.files.base import File
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections

FORMAT = 1
DATABASE_FILE = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    pass


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def stored_names(storage=None, directory=""):
    """Every file in the portal's storage, on disk or in the bucket, by its stored name."""
    storage = storage or default_storage
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # a disk store that nothing has been saved to yet
        return []
    names = [f"{directory}{name}" for name in files]
    for sub in directories:
        names += stored_names(storage, f"{directory}{sub}/")
    return sorted(names)


def row_counts(connection):
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
        return counts


def _pg_env(connection):
    """libpq's own variables, so that the password is never on a command line."""
    params = connection.settings_dict
    env = {**os.environ}
    for name, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"),
                      ("PGPASSWORD", "PASSWORD"), ("PGDATABASE", "NAME")):  # fmt: skip
        if params.get(key):
            env[name] = str(params[key])
    return env


def _dump_database(connection, target):
    if connection.vendor == "postgresql":
        done = subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"],
            env=_pg_env(connection), capture_output=True, text=True,
        )  # fmt: skip
        if done.returncode:
            raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            # The online backup: a consistent copy while the portal goes on writing.
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        raise BackupError(f"Backing up a {connection.vendor} database is not supported")


def backup(directory, *, using=DEFAULT_DB_ALIAS, now=None):
    """Writes one dated archive into directory and returns its path."""
    connection = connections[using]
    now = now or datetime.now(UTC)
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"register-backup-{now:%Y%m%d-%H%M%S}.tar"
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        database_file = work / DATABASE_FILE.get(connection.vendor, "database")
        # Counted before the dump: a restore has at least these rows, since the portal may
        # have gone on writing in between.
        counts = row_counts(connection)
        _dump_database(connection, database_file)
        files = {}
        with tarfile.open(archive, "w") as tar:
            tar.add(database_file, arcname=database_file.name)
            for name in stored_names():
                copy = work / "file"
                with default_storage.open(name, "rb") as source, open(copy, "wb") as out:
                    shutil.copyfileobj(source, out)
                files[name] = sha256(copy)
                tar.add(copy, arcname=f"files/{name}")
            manifest = {
                "format": FORMAT,
                "created": now.isoformat(),
                "database": {
                    "vendor": connection.vendor,
                    "file": database_file.name,
                    "sha256": sha256(database_file),
                },
                "tables": counts,
                "files": files,
            }
            manifest_file = work / "manifest.json"
            manifest_file.write_text(json.dumps(manifest, indent=2, sort_keys=True))
            tar.add(manifest_file, arcname="manifest.json")
    return archive


def _safe_member(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts:
        raise BackupError(f"The archive holds an unsafe name: {name}")
    return path


def unpack(archive, work):
    """Unpacks an archive and checks every member against its manifest."""
    with tarfile.open(archive, "r") as tar:
        for member in tar.getmembers():
            _safe_member(member.name)
        tar.extractall(work, filter="data")
    work = Path(work)
    try:
        manifest = json.loads((work / "manifest.json").read_text())
    except (FileNotFoundError, ValueError):
        raise BackupError("The archive has no readable manifest") from None
    if manifest.get("format") != FORMAT:
        raise BackupError("The archive was made by another version of the backup")
    database = manifest["database"]
    if sha256(work / database["file"]) != database["sha256"]:
        raise BackupError("The database in the archive does not match its checksum")
    for name, digest in manifest["files"].items():
        _safe_member(name)
        path = work / "files" / name
        if not path.is_file() or sha256(path) != digest:
            raise BackupError(f"The file {name} in the archive does not match its checksum")
    return manifest


def is_empty(connection):
    """No tables at all (a database never migrated), and nothing in storage."""
    tables = connection.introspection.table_names()
    return not tables, not stored_names()


def _restore_database(connection, work, manifest, force):
    database = manifest["database"]
    if database["vendor"] != connection.vendor:
        raise BackupError(
            f"The archive holds a {database['vendor']} database; this is {connection.vendor}"
        )
    source = work / database["file"]
    if connection.vendor == "postgresql":
        command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error",
                   f"--dbname={connection.settings_dict['NAME']}"]  # fmt: skip
        if force:
            command += ["--clean", "--if-exists"]
        connection.close()
        done = subprocess.run(
            [*command, str(source)], env=_pg_env(connection), capture_output=True, text=True
        )
        if done.returncode:
            raise BackupError(f"pg_restore failed: {done.stderr.strip()}")
    else:
        connection.ensure_connection()
        origin = sqlite3.connect(source)
        try:
            # Replaces the whole of the target database, page by page.
            origin.backup(connection.connection)
        finally:
            origin.close()


def restore(archive, *, using=DEFAULT_DB_ALIAS, force=False):
    """Restores an archive into this database and storage; returns its manifest.

    Refuses a database with tables in it or a storage with files in it unless forced: then
    the database is replaced and files of the same name are overwritten."""
    connection = connections[using]
    no_tables, no_files = is_empty(connection)
    if not force and not (no_tables and no_files):
        where = " and ".join(
            what for what, empty in (("database", no_tables), ("storage", no_files)) if not empty
        )
        verb = "are" if " and " in where else "is"
        raise BackupError(f"The {where} {verb} not empty; restore with --force to replace it")
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        manifest = unpack(archive, work)
        _restore_database(connection, work, manifest, force)
        for name in manifest["files"]:
            if default_storage.exists(name):
                default_storage.delete(name)
            with open(work / "files" / name, "rb") as f:
                saved = default_storage.save(name, File(f, name=PurePosixPath(name).name))
            if saved != name:
                raise BackupError(f"The file {name} was stored as {saved}")
    connection.close()
    return manifest


def verify(manifest, *, using=DEFAULT_DB_ALIAS):
    """What differs between a restored database and storage and the manifest: tables with
    fewer rows than were backed up, files missing or changed. Empty when all is there."""
    problems = []
    counts = row_counts(connections[using])
    for table, expected in manifest["tables"].items():
        if counts.get(table, -1) < expected:
            problems.append(f"table {table}: {counts.get(table, 'missing')} rows of {expected}")
    for name, digest in manifest["files"].items():
        try:
            with default_storage.open(name, "rb") as f:
                actual = hashlib.file_digest(f, "sha256").hexdigest()
        except FileNotFoundError:
            actual = None
        if actual != digest:
            problems.append(f"file {name}: {'missing' if actual is None else 'changed'}")
    return problems
