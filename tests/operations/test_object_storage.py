"""Documents and kept import files on S3-compatible object storage (a real SeaweedFS server,
see tests/objectstore.py): a private bucket, read only through the portal's checked views."""

import csv
import hashlib
import io

import pytest
import urllib3
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accounts.roles import Role
from partnerships.models import Document, Partnership, RegisterImport, Status
from tests.factories import PartnershipFactory, ServiceFactory

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def upload(client, partnership, content=PDF):
    return client.post(
        f"/register/{partnership.pk}/documents/add/",
        {
            "kind": "minutes",
            "title": "Minutes of the partnership board",
            "document_date_day": "12",
            "document_date_month": "3",
            "document_date_year": "2026",
            "file": SimpleUploadedFile("board minutes.pdf", content, "application/pdf"),
        },
    )


def download(client, partnership, document):
    return client.get(f"/register/{partnership.pk}/documents/{document.pk}/")


@pytest.fixture
def partnership(db):
    return PartnershipFactory(name="Lancashire Waste Partnership")


def test_it_keeps_an_uploaded_document_in_the_bucket_under_a_generated_name(
    bucket_storage, object_store, keeper, partnership
):
    response = upload(client_for(keeper), partnership)
    assert response.status_code == 302
    document = Document.objects.get()
    assert object_store.keys(bucket_storage) == {document.file.name}
    assert document.file.name.startswith("documents/") and "minutes" not in document.file.name
    stored = object_store.client().get_object(Bucket=bucket_storage, Key=document.file.name)
    assert stored["Body"].read() == PDF


def test_it_serves_the_document_from_the_bucket_to_every_signed_in_role(
    bucket_storage, keeper, make_user, partnership
):
    upload(client_for(keeper), partnership)
    document = Document.objects.get()
    for role in Role:
        response = download(
            client_for(make_user(role, username=f"reader-{role}")), partnership, document
        )
        assert response.status_code == 200, role
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"] == 'attachment; filename="board minutes.pdf"'
        assert "no-store" in response["Cache-Control"]


def test_it_refuses_the_document_to_those_who_may_not_read_it(
    bucket_storage, make_user, partnership
):
    # A draft is its proposer's alone until it is submitted.
    proposer = make_user(Role.OFFICER, username="proposer")
    draft = PartnershipFactory(name="A draft", status=Status.DRAFT, lead_officer=proposer)
    assert upload(client_for(proposer), draft).status_code == 302
    document = Document.objects.get()
    assert download(client_for(proposer), draft, document).status_code == 200
    other = make_user(Role.OFFICER, username="another-officer")
    assert download(client_for(other), draft, document).status_code == 404
    # Nor through a partnership it does not belong to, nor without signing in.
    assert download(client_for(other), partnership, document).status_code == 404
    anonymous = download(Client(), draft, document)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/sign-in/")
    # An officer who does not lead the partnership may not add to it.
    assert upload(client_for(other), partnership).status_code == 403
    assert Document.objects.count() == 1


def test_it_keeps_the_bucket_private(bucket_storage, object_store, keeper, partnership):
    upload(client_for(keeper), partnership)
    key = Document.objects.get().file.name
    unsigned = urllib3.request("GET", f"{object_store.endpoint}/{bucket_storage}/{key}")
    assert unsigned.status == 403
    assert unsigned.data != PDF
    # Nor does the portal ever hand out the bucket's address.
    page = client_for(keeper).get(partnership.get_absolute_url()).content.decode()
    assert object_store.endpoint not in page and key not in page


def test_it_takes_a_removed_document_off_the_record_and_keeps_its_object_for_the_audit(
    bucket_storage, object_store, keeper, partnership
):
    keeper_client = client_for(keeper)
    upload(keeper_client, partnership)
    document = Document.objects.get()
    response = keeper_client.post(f"/register/{partnership.pk}/documents/{document.pk}/delete/")
    assert response.status_code == 302
    assert not Document.objects.exists()
    assert download(keeper_client, partnership, document).status_code == 404
    # R12: the history names the file, so Internal Audit can still see what was attached.
    assert object_store.keys(bucket_storage) == {document.file.name}


def test_it_deletes_a_removed_documents_object_once_its_retention_has_passed(
    bucket_storage, object_store, keeper, partnership
):
    """The object goes from the bucket when the policy's retention of removed documents has
    passed (privacy's daily run), and not before."""
    import datetime

    from accounts.services import policy_apply_preset
    from privacy.retention import apply_retention

    policy = policy_apply_preset("south-derbyshire")
    keeper_client = client_for(keeper)
    upload(keeper_client, partnership)
    document = Document.objects.get()
    keeper_client.post(f"/register/{partnership.pk}/documents/{document.pk}/delete/")
    today = datetime.date.today()
    assert apply_retention(today).files_deleted == 0
    assert object_store.keys(bucket_storage) == {document.file.name}
    later = today.replace(year=today.year + policy.retain_deleted_documents_years + 1)
    assert apply_retention(later).files_deleted == 1
    assert object_store.keys(bucket_storage) == set()


def test_it_deletes_the_object_when_the_upload_fails(
    bucket_storage, object_store, keeper, partnership, monkeypatch
):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(Partnership, "save", fail)
    with pytest.raises(RuntimeError):
        upload(client_for(keeper), partnership)
    assert not Document.objects.exists()
    assert object_store.keys(bucket_storage) == set()


def test_it_deletes_an_object_through_the_storage(bucket_storage, object_store):
    name = default_storage.save("documents/probe.txt", io.BytesIO(b"probe"))
    assert object_store.keys(bucket_storage) == {name}
    default_storage.delete(name)
    assert object_store.keys(bucket_storage) == set()
    assert not default_storage.exists(name)


def test_it_says_not_found_when_the_object_is_missing(
    bucket_storage, object_store, keeper, partnership
):
    upload(client_for(keeper), partnership)
    document = Document.objects.get()
    object_store.client().delete_object(Bucket=bucket_storage, Key=document.file.name)
    assert download(client_for(keeper), partnership, document).status_code == 404


def test_it_imports_a_spreadsheet_kept_in_the_bucket(bucket_storage, object_store, keeper):
    ServiceFactory(name="Strategic Housing")
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(["Reference", "Name", "Kind", "Lead service", "Main purpose or remit"])
    writer.writerow(["", "Select Move", "Partnership", "Strategic Housing", "To house people."])
    content = out.getvalue().encode()
    keeper_client = client_for(keeper)
    response = keeper_client.post(
        "/register/import/", {"file": SimpleUploadedFile("register.csv", content, "text/csv")}
    )
    assert response.status_code == 302
    register_import = RegisterImport.objects.get()
    stored = object_store.client().get_object(Bucket=bucket_storage, Key=register_import.file.name)
    assert hashlib.sha256(stored["Body"].read()).digest() == hashlib.sha256(content).digest()
    # The real run reads the very file the dry run checked, back from the bucket.
    assert keeper_client.post(f"/register/import/{register_import.pk}/").status_code == 302
    assert Partnership.objects.filter(name="Select Move").exists()
