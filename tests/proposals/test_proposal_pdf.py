"""The proposal as a PDF (A8) and the renderer every PDF goes through."""

import datetime
import socket

import pytest
from django.urls import reverse

from accounts.policy import Policy
from approvals.models import Decision, Outcome, Route
from approvals.services import route_decide
from core import pdf
from proposals.services import proposal_save, proposal_start, proposal_submit
from tests.factories import (
    PartnerOrganisationFactory,
    RepresentativeFactory,
    ResourceFactory,
    RiskFactory,
)
from tests.pdf import pdf_text, words

HOSTILE_NAME = '<img src="http://example.com/x">'

# Who decides each step kind of South Derbyshire's significant route.
DECIDER = {"head_of_service": "head", "register_keeper": "keeper", "smt": "clerk",
           "cabinet": "clerk"}  # fmt: skip
MINUTES = {
    "smt": {"meeting_date": datetime.date(2026, 11, 3), "minute_reference": "SMT/2026/41"},
    "cabinet": {"meeting_date": datetime.date(2026, 11, 24), "minute_reference": "LM/2026/17"},
}


def decide(people, proposal, outcome, comment):
    route = Route.objects.get(subject_id=proposal.pk, kind="proposal")
    step = route.steps[route.current_step]
    actor = people[DECIDER[step["key"]]]
    extra = MINUTES.get(step["key"], {})
    return route_decide(route.pk, route.current_step, outcome, comment, **extra, actor=actor)


@pytest.fixture
def journey(people, make_proposal):
    """A significant proposal returned once by the register keeper, sent again and approved
    at every step, up to Leading Members."""
    proposal = make_proposal("significant", "south-derbyshire")
    partnership = proposal.partnership
    PartnerOrganisationFactory(partnership=partnership, name="Derbyshire Constabulary")
    RepresentativeFactory(partnership=partnership, name="Councillor Ada Byron")
    ResourceFactory(partnership=partnership, amount=12500, description="Community wardens")
    RiskFactory(partnership=partnership, description="The police withdraw their funding.")
    proposal_submit(proposal.pk, actor=people["officer"])
    decide(people, proposal, Outcome.APPROVED, "Supported: crime is a service priority.")
    decide(people, proposal, Outcome.RETURNED, "Say more about the resources.")
    proposal_submit(proposal.pk, actor=people["officer"])
    decide(people, proposal, Outcome.APPROVED, "Still supported.")
    decide(people, proposal, Outcome.APPROVED, "The resources are now clear.")
    decide(people, proposal, Outcome.APPROVED, "SMT endorsed the partnership.")
    decide(people, proposal, Outcome.APPROVED, "Leading Members approved it.")
    proposal.refresh_from_db()
    return proposal


def download(client, user, proposal):
    client.force_login(user)
    return client.get(reverse("proposals:pdf", args=[proposal.pk]))


def text_of(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return pdf_text(response.content)


def test_it_prints_the_form_the_tier_and_the_whole_decision_trail(client, people, journey):
    response = download(client, people["keeper"], journey)
    pages = text_of(response).split("\f")
    text = words(" ".join(pages))
    policy = Policy.current()

    assert policy.council_name in text
    assert "Partnership Information Form" in text
    assert "Community Safety Partnership" in text
    for question, answer in [
        ("What is the main purpose of the partnership?", "To reduce crime and disorder."),
        ("Which organisation is the partnership responsible to?", policy.council_name),
        ("Partner organisations", "Derbyshire Constabulary"),
        ("representatives", "Councillor Ada Byron"),
        ("Council resources", "Community wardens"),
        ("Risks to the council", "The police withdraw their funding."),
        ("Will a council representative need authority beyond the constitution", "No"),
        ("Could an existing partnership do this?", "No existing partnership covers this."),
        ("Would consulting others, with the council keeping the decision, be enough?",
         "Consultation alone would not reduce crime."),
        ("Would a contract be better?", "A contract would not bring the police in."),
    ]:  # fmt: skip
        assert question in text
        assert text.index(question) < text.index(answer, text.index(question)), question
    assert f"The tier these answers give: {policy.tier_label('significant')}." in text
    for question in policy.tier_questions:
        assert words(question["text"]) in text

    decisions = list(Decision.objects.order_by("pk"))
    assert len(decisions) == 6
    for decision in decisions:
        assert decision.decider_name in text
        assert decision.decider_role in text
        assert decision.comment in text
    assert "Returned for changes" in text
    assert "Round 2" in text
    assert "SMT/2026/41" in text
    assert "Minute LM/2026/17" in text
    assert "3 November 2026" in text
    assert "Senior Management Team (SMT)" in text
    assert "DRAFT" not in text

    assert "Page 1 of" in text
    assert len(pages) > 1
    # The running header, from the second page on.
    assert "Community Safety Partnership" in pages[1]
    assert "Partnership Information Form" in pages[1]


def test_it_is_an_attachment_named_for_the_council_and_partnership(client, people, journey):
    response = download(client, people["auditor"], journey)
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    reference = journey.partnership.reference.lower()
    assert (
        f"south-derbyshire-district-council-partnership-proposal-{reference}-"
        "community-safety-partnership.pdf" in disposition
    )


def test_it_marks_a_draft_and_shows_the_route_it_will_take(client, people, make_proposal):
    proposal = make_proposal("standard", "south-derbyshire")
    text = words(text_of(download(client, people["officer"], proposal)))
    assert "DRAFT" in text
    assert "Not yet sent" in text
    assert "Head of Service" in text
    assert "Head of Corporate Services" in text
    assert "No decisions have been taken." in text


def test_it_prints_what_people_type_as_text_and_fetches_nothing(
    client, people, monkeypatch, settings
):
    Policy.from_preset("south-derbyshire").save()
    proposal = proposal_start(HOSTILE_NAME, people["service"], actor=people["officer"])
    hostile_remit = '<link rel="stylesheet" href="file:///etc/passwd">'
    proposal_save(proposal.pk, partnership_fields={"remit": hostile_remit}, actor=people["officer"])
    asked = []
    fetch = pdf.StaticFilesOnly.fetch

    def spy(self, url, headers=None):
        asked.append(url)
        return fetch(self, url, headers)

    monkeypatch.setattr(pdf.StaticFilesOnly, "fetch", spy)
    text = words(text_of(download(client, people["officer"], proposal)))

    assert HOSTILE_NAME in text
    assert hostile_remit in text
    static = f"{pdf.BASE_URL.rstrip('/')}{settings.STATIC_URL}"
    assert asked == [f"{static}pdf/print.css"]


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/x.png",
        "https://example.com/static/pdf/print.css",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
        "data:text/css,body{}",
        "https://portal.invalid/media/documents/minutes.pdf",
        "https://portal.invalid/static/../config/settings.py",
        "https://portal.invalid/static/%2e%2e/manage.py",
        "https://portal.invalid/static/pdf/%2e%2e%2f%2e%2e%2fmanage.py",
        "https://portal.invalid/static/pdf/missing.css",
    ],
)
def test_it_refuses_everything_but_the_portals_static_files(url):
    with pytest.raises(pdf.RefusedURL):
        pdf.StaticFilesOnly().fetch(url)


def test_it_serves_its_own_static_files_from_disk():
    response = pdf.StaticFilesOnly().fetch(f"{pdf.BASE_URL}static/pdf/print.css")
    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.fixture
def no_network(monkeypatch):
    """Records any attempt to reach the network. The renderer swallows exceptions from a
    fetch, so raising here would prove nothing."""
    attempts = []

    def record(*args, **kwargs):
        attempts.append(args)
        raise OSError("no network in tests")

    monkeypatch.setattr(socket, "getaddrinfo", record)
    monkeypatch.setattr(socket, "create_connection", record)
    monkeypatch.setattr(socket.socket, "connect", record)
    return attempts


def test_it_renders_a_page_that_asks_for_remote_and_local_files_without_them(no_network, caplog):
    html = """<html><head>
      <style>@import url("http://example.com/a.css");</style>
      <link rel="stylesheet" href="http://127.0.0.1:9/b.css">
      <link rel="attachment" href="file:///etc/hostname">
      </head><body><p>Still printed</p>
      <img src="http://169.254.169.254/latest/meta-data/">
      <a rel="attachment" href="/media/documents/minutes.pdf">minutes</a>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
      </body></html>"""
    result = pdf.html_to_pdf(html)
    assert "Still printed" in pdf_text(result)
    assert no_network == []
    assert b"/EmbeddedFile" not in result
    refused = " ".join(r.getMessage() for r in caplog.records if r.name == "core.pdf")
    for url in ["http://example.com/a.css", "http://127.0.0.1:9/b.css", "file:///etc/hostname",
                "http://169.254.169.254/latest/meta-data/", "data:image/gif"]:  # fmt: skip
        assert url in refused


def test_it_lets_the_people_on_its_route_download_it(client, people, journey):
    assert text_of(download(client, people["head"], journey))


@pytest.mark.parametrize("who", ["other_head", "member", "admin"])
def test_it_refuses_people_with_no_part_in_the_proposal(client, people, journey, who):
    assert download(client, people[who], journey).status_code == 403


def test_it_sends_someone_signed_out_to_sign_in(client, journey):
    response = client.get(reverse("proposals:pdf", args=[journey.pk]))
    assert response.status_code == 302


def test_each_question_heads_its_answer_in_the_tagged_structure_with_xmp_metadata(
    client, people, journey
):
    from accounts.models import Policy
    from tests.pdf import structure

    response = download(client, people["keeper"], journey)
    tagged = structure(response.content)
    assert tagged["marked"]
    assert tagged["question_rows"] >= 15, "each question a row header of its answer"
    council = Policy.current().council_name
    assert (
        tagged["title"] == f"Partnership Information Form: {journey.partnership.name} – {council}"
    )
    assert tagged["language"] == {"en-GB"}
    assert tagged["authors"] == [council]
