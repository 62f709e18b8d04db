"""The SMT summary pack and the Cabinet report as PDFs, made from the demo register (V4, V5)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from reports.models import CabinetReport, Prioritisation
from tests.pdf import pdf_text, words

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=StringIO())
    return {user.username: user for user in User.objects.all()}


def test_it_loads_its_demo_records_once(demo):
    call_command("load_demo", stdout=StringIO())
    assert CabinetReport.objects.count() == 1
    assert Prioritisation.objects.count() == 2
    assert Prioritisation.objects.get(withdrawal_candidate=True).partnership.name == "Glendale"


def test_it_prints_the_smt_summary_with_the_demo_registers_figures(client, demo):
    client.force_login(demo["smt"])
    response = client.get(reverse("reports:summary_pdf"), {"year": "2026"})
    assert response["Content-Type"] == "application/pdf"
    assert "smt-partnerships-summary-202627" in response["Content-Disposition"]
    text = words(pdf_text(response.content))
    assert "SMT annual summary of partnerships" in text
    assert "Financial year 2026/27" in text
    # Chorley's 13 key partnerships: 8 contracts, 3 partnerships and 2 shared services.
    assert "Current partnerships 13" in text
    assert "Contract for services 8" in text
    assert "Shared service 2" in text
    assert "Key partnership 13" in text
    assert "Streetscene and Leisure Contracts 4" in text
    assert "Total £25,000 60" in text
    assert "Recommended for withdrawal 1" in text
    # The demo's reviews: Veolia's three-yearly review fell due a month ago.
    assert "Reviews overdue 1" in text
    assert "Glendale" in text and "leasing the course instead" in text


def test_it_prints_the_cabinet_report_with_every_entry(client, demo):
    report = CabinetReport.objects.get()
    client.force_login(demo["keeper"])
    response = client.get(reverse("reports:cabinet_pdf", args=[report.pk]))
    text = words(pdf_text(response.content))
    assert "Key partnership performance report" in text
    assert "April to September 2026" in text
    assert "FINAL" in text
    # The ten of Appendix A's thirteen marked for additional monitoring.
    assert "10 key partnerships" in text
    assert "10. Veolia" in text
    assert "Lancashire Waste Partnership" not in text
    assert "recycling at 47% against a 45% target" in text
    assert "Are contracts on budget? No, not on budget" in text
    assert "Key partners' strength and stability" in text


def test_it_writes_the_two_samples(demo, tmp_path):
    call_command("report_samples", output=str(tmp_path), stdout=StringIO())
    assert "Glendale" in pdf_text((tmp_path / "smt-summary.pdf").read_bytes())
    assert "Veolia" in pdf_text((tmp_path / "cabinet-report.pdf").read_bytes())


def test_it_shows_the_reports_index_to_smt_and_refuses_an_officer(client, demo):
    client.force_login(demo["smt"])
    page = client.get(reverse("reports:index")).content.decode()
    assert "every 6 months" in page
    client.force_login(demo["officer"])
    assert client.get(reverse("reports:index")).status_code == 403
