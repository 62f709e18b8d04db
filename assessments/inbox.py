"""Overdue actions (A5) in their owner's inbox, and in the register keeper's; and, where the
policy asks for it, the agreement a newly approved partnership needs (A2: Chorley's
memorandum of understanding) in its lead officer's."""

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from accounts.inbox import TaskSpec
from accounts.policy import Policy
from accounts.roles import Role
from partnerships.models import Partnership, Status, Tier

from .models import Action, CompletedForm, FormState, QuestionnaireTemplate

WATCHES = ["assessments.Action", "assessments.CompletedForm"]
# Its name titles the tasks; its lead officer, status and tier say whether an agreement is
# asked for, and of whom.
ABOUT = {"partnerships.Partnership": ["name", "lead_officer", "status", "tier"]}

# An agreement sent for sign-off, or signed off, is no longer asked for.
SENT = [FormState.SUBMITTED, FormState.SIGNED_OFF]


def _overdue(today=None):
    return (
        Action.objects.exclude(status=Action.Status.DONE)
        .filter(deadline__lt=today or timezone.localdate())
        .select_related("form__partnership", "owner")
    )


def _without_agreement():
    """Partnerships approved as new ones (proposed first, then active), of a tier whose
    policy asks for an agreement on approval, with a lead officer to write it and no
    agreement sent yet. One entered in the register as already active was not approved
    here, and is not asked."""
    policy = Policy.current()
    tiers = [tier for tier in Tier if policy.asks_for_agreement(tier)]
    if not tiers:
        return Partnership.objects.none()
    proposed = Partnership.history.filter(id=OuterRef("pk"), status=Status.DRAFT)
    sent = CompletedForm.objects.filter(
        partnership=OuterRef("pk"), template__key__in=policy.agreement_forms, state__in=SENT
    )
    return (
        Partnership.objects.filter(status=Status.ACTIVE, tier__in=tiers, lead_officer__isnull=False)
        .filter(Exists(proposed))
        .exclude(Exists(sent))
    )


def subjects():
    return [_overdue(), _without_agreement()]


def falling_due(today):
    """An action goes overdue the day after its deadline."""
    return _overdue(today)


def tasks_of(subject):
    if isinstance(subject, Partnership):
        return _agreement_asked_for(subject)
    if not isinstance(subject, Action):
        return []
    if subject.status == Action.Status.DONE or subject.deadline >= timezone.localdate():
        return []
    shown = {
        "kind": "Overdue action",
        "title": f"{subject.form.partnership.name}: {subject.description[:80]}",
        "url": subject.form.get_absolute_url() + "#actions",
        "since": subject.deadline_as_datetime,
        "detail": f"Due {subject.deadline:%-d %B %Y}, owned by {subject.owner.display_name}",
    }
    found = [TaskSpec(**shown, key="keeper", role=Role.REGISTER_KEEPER)]
    # The keeper sees every overdue action already.
    if subject.owner.role != Role.REGISTER_KEEPER:
        found.append(TaskSpec(**shown, key="owner", person_id=subject.owner_id))
    return found


def _agreement_asked_for(partnership):
    if not _without_agreement().filter(pk=partnership.pk).exists():
        return []
    key = Policy.current().agreement_forms[0]
    template = QuestionnaireTemplate.objects.filter(key=key).order_by("-version").first()
    if template is None:
        return []  # the council's forms are not loaded yet
    # It waits from when the partnership was approved: its first moment as active.
    approved = (
        partnership.history.filter(status=Status.ACTIVE)
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    return [
        TaskSpec(
            kind="Agreement needed",
            title=f"{template.title}: {partnership.name}",
            url=f"{reverse('assessments:start', args=[partnership.pk])}?template={key}",
            since=approved or partnership.created_at,
            detail="Set out the partnership's governance arrangements and send it for approval",
            key="agreement",
            person_id=partnership.lead_officer_id,
        )
    ]


def subjects_about(record):
    if isinstance(record, Action):
        return [record]
    if isinstance(record, CompletedForm):
        return [record.partnership]
    if isinstance(record, Partnership):
        return [*_overdue().filter(form__partnership=record), record]
    return []
