"""Review reminders (V2): before a review is due and weekly while it is overdue, to the lead
officer and the sponsor.

Each reminder has a key (which review, which due date, which reminder); recording the key
and sending the email happen in one transaction, and the key is unique, so a reminder goes
once however often the command runs, even on two hosts at once. Bringing a review forward
changes its due date and so its keys: the new date gets its own reminders.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from accounts.policy import Policy, lower_first
from accounts.roles import Role
from core.notifications import notify

from .models import ReminderSent, Review


def reminder_for(review, today, policy):
    """(key, message) of the reminder this review calls for today, or None."""
    days_left = (review.due - today).days
    name = f"The {lower_first(review.label)} of {review.partnership.name}"
    due = f"{review.due:%-d %B %Y}"
    if days_left < 0:
        week = (-days_left - 1) // policy.overdue_reminder_every_days
        return f"overdue-{review.due:%Y%m%d}-{week}", f"{name} is overdue: it was due by {due}"
    for days in sorted(policy.reminder_days_before):
        if days_left <= days:
            return f"before-{review.due:%Y%m%d}-{days}", f"{name} is due by {due}"
    return None


def recipients(review):
    """The lead officer and sponsor; the register keepers when the partnership has neither,
    so that no review goes unreminded."""
    partnership = review.partnership
    people = [p for p in (partnership.lead_officer, partnership.sponsor) if p and p.is_active]
    if not people:
        people = list(User.objects.filter(is_active=True, role=Role.REGISTER_KEEPER))
    return list({person.pk: person for person in people}.values())


def send_reminder(review, key, message):
    """Sends one reminder unless it has been sent already. Returns whether it was sent."""
    people = recipients(review)
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                review=review,
                key=key,
                recipients=", ".join(p.email or p.display_name for p in people),
            )
            notify(people, message, review)
    except IntegrityError:
        return False
    return True


def send_reminders(today=None, policy=None):
    """Every reminder due today. Returns how many were sent."""
    today = today or timezone.localdate()
    policy = policy or Policy.current()
    sent = 0
    reviews = Review.objects.open().select_related(
        "partnership__lead_officer", "partnership__sponsor"
    )
    for review in list(reviews):
        reminder = reminder_for(review, today, policy)
        if reminder is not None:
            sent += send_reminder(review, *reminder)
    return sent
