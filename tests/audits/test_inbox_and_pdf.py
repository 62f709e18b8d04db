"""V6: follow-up actions wait in their owner's inbox; the spot check prints as a PDF."""

import datetime

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import tasks_for
from accounts.policy import Policy
from audits import services
from audits.models import FollowUpAction, SpotCheck
from audits.pdf import spot_check_pdf_context
from demo import audits as demo
from tests.factories import UserFactory
from tests.pdf import pdf_text, words

from .conftest import add_finding_and_action, confirm_all


def tasks(user):
    """The audit actions among everything in this person's inbox."""
    return [task for task in tasks_for(user) if "audit action" in task.kind.lower()]


def test_it_puts_open_actions_in_their_owners_inbox_marking_the_overdue(people, drawn):
    spot_check = drawn()
    _f, overdue = add_finding_and_action(
        spot_check, people["auditor"], people["officer"], due=datetime.date(2020, 1, 1)
    )
    _f, later = add_finding_and_action(spot_check, people["auditor"], people["officer"])
    _f, done = add_finding_and_action(spot_check, people["auditor"], people["officer"])
    services.action_update(done.pk, "done", "Sent", actor=people["officer"])
    _f, someone_elses = add_finding_and_action(spot_check, people["auditor"], people["keeper"])

    found = tasks(people["officer"])
    assert [(t.kind, t.url) for t in found] == [
        ("Overdue audit action", overdue.get_absolute_url()),
        ("Audit action", later.get_absolute_url()),
    ]
    assert found[0].title.endswith("Obtain the signed terms of reference")
    assert "Due 1 January 2020" in found[0].detail
    # Through the inbox every page reads.
    assert [t.url for t in tasks_for(people["officer"]) if "audit" in t.kind.lower()] == [
        overdue.get_absolute_url(),
        later.get_absolute_url(),
    ]
    assert [t.url for t in tasks(people["keeper"])] == [someone_elses.get_absolute_url()]


def test_it_never_shows_an_action_due_later_as_waiting_since_the_future(people, drawn):
    """An action not yet due waits since it was recorded, not since its due date."""
    spot_check = drawn()
    due = timezone.localdate() + datetime.timedelta(days=30)
    _f, later = add_finding_and_action(spot_check, people["auditor"], people["officer"], due=due)
    (task,) = tasks(people["officer"])
    assert task.kind == "Audit action"
    assert task.since <= timezone.now()
    assert task.since == later.created_at


def test_it_shows_an_overdue_action_as_waiting_since_it_fell_due(people, drawn):
    spot_check = drawn()
    due = timezone.localdate() - datetime.timedelta(days=3)
    add_finding_and_action(spot_check, people["auditor"], people["officer"], due=due)
    (task,) = tasks(people["officer"])
    assert task.kind == "Overdue audit action"
    assert timezone.localtime(task.since).date() == due


def test_it_shows_the_owner_their_actions_on_their_home_page(client, people, drawn):
    spot_check = drawn()
    add_finding_and_action(
        spot_check, people["auditor"], people["officer"], due=datetime.date(2020, 1, 1)
    )
    client.force_login(people["officer"])
    content = client.get(reverse("home")).content.decode()
    assert "Overdue audit action" in content


def test_it_prints_the_sample_the_seed_the_checklists_findings_and_actions(client, people, drawn):
    spot_check = drawn(size=3, seed=8675309)
    confirm_all(people["auditor"], spot_check)
    add_finding_and_action(spot_check, people["auditor"], people["officer"])
    spot_check = services.spot_check_complete(
        spot_check.pk, "Documentation is thin.", actor=people["auditor"]
    )
    client.force_login(people["smt"])
    response = client.get(reverse("audits:pdf", args=[spot_check.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "internal-audit-spot-check-quarter-3-documentation" in response["Content-Disposition"]
    text = words(pdf_text(response.content))
    assert "Internal audit spot check Quarter 3 documentation" in text
    assert "COMPLETED Auditor Auditor Test." in text
    assert "Seed 8675309" in text
    assert "Status Current (active or exiting)" in text
    assert "Partnerships drawn from 12" in text
    assert spot_check.population_digest[:20] in text.replace(" ", "")
    for sampled in spot_check.sampled.select_related("partnership"):
        assert f"Checklist {sampled.position}: {sampled.partnership.name}" in text
    assert "Exit strategy Missing. No exit strategy recorded. Missing" in text
    assert "No signed terms of reference" in text
    assert "Obtain the signed terms of reference" in text
    assert "Documentation is thin." in text
    assert spot_check_pdf_context(spot_check, Policy.current())["watermark"] == ""


def test_it_marks_an_unfinished_spot_check_as_a_draft(client, people, drawn):
    spot_check = drawn(size=1)
    client.force_login(people["auditor"])
    text = words(pdf_text(client.get(reverse("audits:pdf", args=[spot_check.pk])).content))
    assert "IN PROGRESS Auditor Auditor Test." in text
    assert "Not yet checked by the auditor." in text
    # Printed across every page, where pdftotext reads it letter by letter.
    assert spot_check_pdf_context(spot_check, Policy.current())["watermark"] == "DRAFT"


def test_it_loads_a_small_completed_demo_spot_check_once(people, register, capsys):
    users = {"auditor": people["auditor"], "officer": people["officer"]}
    demo.load(users, _Out())
    demo.load(users, _Out())
    spot_check = SpotCheck.objects.get()
    assert spot_check.is_completed
    assert spot_check.auditor == people["auditor"]
    assert spot_check.sample_size == 3
    assert FollowUpAction.objects.get().owner == people["officer"]


def test_it_loads_the_demo_with_the_rest_of_the_portal(db, settings):
    settings.DEBUG = True
    call_command("load_demo", stdout=_Out())
    call_command("load_demo", stdout=_Out())
    auditor = UserFactory(username="auditor")
    assert SpotCheck.objects.filter(auditor=auditor, state="completed").count() == 1


class _Out:
    def write(self, text):
        pass
