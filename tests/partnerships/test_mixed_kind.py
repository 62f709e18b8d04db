"""R1 under Northamptonshire's protocol, section 3: contractual arrangements that include
partnership arrangements, and the reverse ("s75 agreements"), are not partnerships. They are
offered in its words, recorded as excluded with the reason, and no other council offers them."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml.html import fromstring

from accounts.policy import Policy, preset_keys
from accounts.services import policy_apply_preset
from partnerships.models import Kind, Partnership, RegisterImport, Status, kind_choices
from tests.factories import ServiceFactory

S75 = "Section 75 pooled budget for community equipment"


def northamptonshire_words():
    return Policy.from_preset("northamptonshire").register_kind_labels[Kind.MIXED]


def classify(client, **fields):
    data = {
        "name": S75,
        "kind": Kind.MIXED,
        "lead_service": ServiceFactory(name="Adult Social Care").pk,
        "remit": "Pooled budget with the health service.",
        "exclusion_reason": "",
        **fields,
    }
    return client.post("/register/new/", data)


def offered_kinds(client):
    page = fromstring(client.get("/register/new/").content.decode())
    return {
        radio.get("value"): page.xpath(f"//label[@for='{radio.get('id')}']")[0].text_content()
        for radio in page.xpath("//input[@name='kind']")
    }


def test_it_names_the_s75_agreements_in_the_protocol_s_words():
    words = northamptonshire_words()
    assert "s75 agreements" in words
    assert "Contractual arrangement that includes partnership arrangements" in words
    assert not Policy.from_preset("northamptonshire").holds_kind(Kind.MIXED)


def test_it_offers_the_kind_as_not_held_under_northamptonshire(db, signed_in, keeper):
    policy_apply_preset("northamptonshire")
    label = offered_kinds(signed_in(keeper))[Kind.MIXED].strip()
    assert label == f"{northamptonshire_words()} (not held in the register)"


def test_it_records_an_s75_agreement_as_excluded_with_the_reason(db, signed_in, keeper):
    policy_apply_preset("northamptonshire")
    client = signed_in(keeper)
    response = classify(client)
    assert response.status_code == 200
    assert not Partnership.objects.exists()
    assert "Give the reason a contractual arrangement that includes" in response.content.decode()

    reason = "A pooled budget under section 75, governed by its own agreement."
    response = classify(client, exclusion_reason=reason)
    recorded = Partnership.objects.get()
    assert response["Location"] == f"/register/{recorded.pk}/"
    assert recorded.kind == Kind.MIXED
    assert recorded.status == Status.EXCLUDED
    assert recorded.exclusion_reason == reason
    page = client.get(f"/register/{recorded.pk}/").content.decode()
    assert northamptonshire_words().replace("'", "&#x27;") in page

    listed = client.get("/register/", {"status": "excluded"}).context["page"].object_list
    assert [p.name for p in listed] == [S75]


@pytest.mark.parametrize("key", [key for key in preset_keys() if key != "northamptonshire"])
def test_it_offers_the_kind_to_no_other_council(key, db, signed_in, keeper):
    policy_apply_preset(key)
    client = signed_in(keeper)
    offered = offered_kinds(client)
    assert Kind.MIXED not in offered
    assert not any("s75" in label for label in offered.values())
    assert Kind.MIXED not in dict(kind_choices(Policy.current()))
    response = classify(client, exclusion_reason="Pooled budget.")
    assert response.status_code == 200
    assert not Partnership.objects.exists()


def test_it_imports_an_s75_agreement_named_in_the_protocol_s_words(
    db, signed_in, keeper, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    policy_apply_preset("northamptonshire")
    ServiceFactory(name="Adult Social Care")
    client = signed_in(keeper)
    sheet = io.StringIO(newline="")
    writer = csv.writer(sheet)
    writer.writerow(["Name", "Kind", "Lead service", "Main purpose or remit", "Exclusion reason"])
    writer.writerow([S75, northamptonshire_words(), "Adult Social Care", "Pooled budget.", "s75"])
    upload = SimpleUploadedFile("register.csv", sheet.getvalue().encode(), "text/csv")
    client.post("/register/import/", {"file": upload})
    register_import = RegisterImport.objects.latest("pk")
    assert register_import.errors == []
    client.post(f"/register/import/{register_import.pk}/")
    recorded = Partnership.objects.get()
    assert (recorded.kind, recorded.status) == (Kind.MIXED, Status.EXCLUDED)
