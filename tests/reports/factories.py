"""Records the reports are made from: scored assessments, reviews and actions."""

import datetime

from django.utils import timezone

from accounts.roles import Role
from assessments.models import Action, CompletedForm, FormState, QuestionnaireTemplate
from reviews.models import Review, ReviewState
from tests.factories import UserFactory


def assessment_template():
    template, _ = QuestionnaireTemplate.objects.get_or_create(
        key="reports-test-assessment",
        version=1,
        defaults={
            "title": "Partnership assessment",
            "council": "Test council",
            "source": "Tests",
            "kind": "assessment",
            "definition": {"sections": []},
        },
    )
    return template


def moment(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12)))


def scored_form(partnership, submitted, groups, state=FormState.SUBMITTED):
    """A form with its scores as submitting works them out: groups are (name, score, max)."""
    listed = [{"name": n, "score": s, "maximum": m, "answered": 1} for n, s, m in groups]
    return CompletedForm.objects.create(
        template=assessment_template(),
        partnership=partnership,
        state=state,
        started_by=UserFactory(username="form-starter", role=Role.REGISTER_KEEPER),
        submitted_at=moment(submitted) if submitted else None,
        scores={
            "total": sum(g["score"] for g in listed),
            "maximum": sum(g["maximum"] for g in listed),
            "groups": listed,
        },
    )


def review(partnership, due, state=ReviewState.PLANNED, completed=None):
    return Review.objects.create(
        partnership=partnership,
        label="Annual review",
        due=due,
        state=state,
        completed_at=moment(completed) if completed else None,
    )


def action(form, deadline, status=Action.Status.OPEN):
    return Action.objects.create(
        form=form,
        description="Agree a data sharing protocol",
        owner=UserFactory(username="action-owner"),
        deadline=deadline,
        status=status,
    )
