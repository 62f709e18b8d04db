"""The backup and restore drill: the demo register with documents backed up, restored into a
fresh database and storage by a process of its own, and compared table by table and file by
file with what was backed up."""

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from datetime import date
from pathlib import Path

import psycopg2
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

from accounts.models import User
from operations.backup import row_counts
from partnerships.documents import document_upload
from partnerships.models import Document, Partnership

ROOT = Path(__file__).resolve().parents[2]
PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def add_documents():
    keeper = User.objects.filter(is_active=True).order_by("pk").first()
    keeper.role = "register_keeper"
    for number, partnership in enumerate(Partnership.objects.order_by("pk")[:3]):
        document_upload(
            partnership.pk,
            kind="minutes",
            title=f"Minutes {number}",
            document_date=date(2026, 3, number + 1),
            upload=SimpleUploadedFile(
                f"minutes-{number}.pdf", PDF + str(number).encode(), "application/pdf"
            ),
            actor=keeper,
        )


def checksums_on_disk(root):
    root = Path(root)
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in root.rglob("*")
        if p.is_file()
    }


class FreshDatabase:
    """An empty database beside the test one, and its row counts read without Django."""

    def __init__(self, tmp_path):
        self.vendor = connection.vendor
        params = connection.settings_dict
        if self.vendor == "sqlite":
            self.path = tmp_path / "restored.sqlite3"
            self.url = f"sqlite:///{self.path}"
        else:
            self.name = f"{params['NAME']}_restore_{uuid.uuid4().hex[:6]}"
            self.params = {
                "host": params["HOST"] or None,
                "port": params["PORT"] or None,
                "user": params["USER"] or None,
                "password": params["PASSWORD"] or None,
            }
            with connection.cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{self.name}"')
            auth = params["USER"] + (f":{params['PASSWORD']}" if params["PASSWORD"] else "")
            self.url = f"postgres://{auth}@{params['HOST']}:{params['PORT']}/{self.name}"

    def row_counts(self):
        if self.vendor == "sqlite":
            with sqlite3.connect(self.path) as db:
                tables = [r[0] for r in db.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'")]  # fmt: skip
                return {
                    t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]  # noqa: S608
                    for t in tables
                }
        db = psycopg2.connect(dbname=self.name, **self.params)
        try:
            with db.cursor() as cursor:
                cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                counts = {}
                for (table,) in cursor.fetchall():
                    cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
                    counts[table] = cursor.fetchone()[0]
                return counts
        finally:
            db.close()

    def drop(self):
        if self.vendor != "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{self.name}"')


@pytest.fixture
def fresh_database(transactional_db, tmp_path):
    fresh = FreshDatabase(tmp_path)
    yield fresh
    fresh.drop()


def restore_in_a_process_of_its_own(archive, database_url, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=ROOT,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": database_url, "LOG_FORMAT": "text", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_it_restores_the_demo_with_its_documents_exactly(settings, tmp_path, fresh_database):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", allow_without_debug=True)
    add_documents()
    backed_up = row_counts(connection)
    files = checksums_on_disk(settings.MEDIA_ROOT)
    assert len(files) == Document.objects.count() == 3
    assert backed_up["partnerships_partnership"] > 0 and backed_up["accounts_user"] > 0

    call_command("backup", output=str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("register-backup-*.tar")
    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["files"] == files
    assert manifest["tables"] == backed_up

    restored_media = tmp_path / "restored-media"
    done = restore_in_a_process_of_its_own(
        archive, fresh_database.url, MEDIA_ROOT=str(restored_media)
    )
    assert done.returncode == 0, done.stderr
    assert fresh_database.row_counts() == backed_up
    assert checksums_on_disk(restored_media) == files


def test_it_refuses_to_restore_over_a_register_that_is_not_empty(settings, tmp_path, db):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", allow_without_debug=True)
    archive = tmp_path / "archive.tar"
    with tarfile.open(archive, "w"):
        pass
    before = row_counts(connection)
    with pytest.raises(CommandError, match="database is not empty; restore with --force"):
        call_command("restore", str(archive))
    assert row_counts(connection) == before


def test_it_refuses_an_archive_whose_files_do_not_match_the_manifest(settings, tmp_path, db):
    from operations.backup import BackupError, unpack

    work = tmp_path / "work"
    (work / "files" / "documents").mkdir(parents=True)
    (work / "database.sqlite3").write_bytes(b"db")
    (work / "files" / "documents" / "a.pdf").write_bytes(b"changed")
    manifest = {
        "format": 1,
        "database": {"file": "database.sqlite3", "sha256": hashlib.sha256(b"db").hexdigest()},
        "files": {"documents/a.pdf": hashlib.sha256(b"original").hexdigest()},
    }
    (work / "manifest.json").write_text(json.dumps(manifest))
    archive = tmp_path / "damaged.tar"
    with tarfile.open(archive, "w") as tar:
        for path in work.rglob("*"):
            if path.is_file():
                tar.add(path, arcname=path.relative_to(work).as_posix())
    with pytest.raises(BackupError, match="documents/a.pdf in the archive does not match"):
        unpack(archive, tmp_path / "out")


def test_it_backs_up_the_bucket_and_restores_into_a_fresh_one(
    bucket_storage, object_store, tmp_path, fresh_database, keeper, service
):
    from tests.factories import PartnershipFactory

    for number in range(2):
        document_upload(
            PartnershipFactory(lead_service=service).pk,
            kind="minutes",
            title=f"Minutes {number}",
            document_date=date(2026, 3, 1),
            upload=SimpleUploadedFile(f"m{number}.pdf", PDF + bytes([number]), "application/pdf"),
            actor=keeper,
        )
    client = object_store.client()

    def checksums(bucket):
        return {
            key: hashlib.sha256(
                client.get_object(Bucket=bucket, Key=key)["Body"].read()
            ).hexdigest()
            for key in object_store.keys(bucket)
        }

    files = checksums(bucket_storage)
    assert len(files) == 2
    backed_up = row_counts(connection)
    call_command("backup", output=str(tmp_path / "backups"))
    (archive,) = (tmp_path / "backups").glob("*.tar")

    fresh_bucket = object_store.new_bucket()
    done = restore_in_a_process_of_its_own(
        archive, fresh_database.url, **object_store.env(fresh_bucket)
    )
    assert done.returncode == 0, done.stderr
    assert fresh_database.row_counts() == backed_up
    assert checksums(fresh_bucket) == files

    # Once restored it is no longer empty: a second restore needs telling.
    env = object_store.env(fresh_bucket)
    again = restore_in_a_process_of_its_own(archive, fresh_database.url, **env)
    assert again.returncode != 0
    assert "database and storage are not empty; restore with --force" in again.stderr
    forced = subprocess.run(
        [sys.executable, "manage.py", "restore", "--force", str(archive)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "DEBUG": "1", "DATABASE_URL": fresh_database.url, **env},
    )  # fmt: skip
    assert forced.returncode == 0, forced.stderr
    assert fresh_database.row_counts() == backed_up
    assert checksums(fresh_bucket) == files
