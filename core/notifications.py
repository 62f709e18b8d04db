"""Email notifications (P6): plain text with a link, sent as a background task once the
transaction that caused them has committed, so a rolled-back change tells nobody anything."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task


@task
def send_notification(address, subject_line, body):
    send_mail(subject_line, body, settings.DEFAULT_FROM_EMAIL, [address])


def notify(people, message, about):
    """Tells each person (with an email address) about `about`, after the commit."""
    link = f"{settings.PORTAL_URL.rstrip('/')}{about.get_absolute_url()}"
    body = f"{message}.\n\nOpen it in the partnership register:\n{link}\n"
    for person in people:
        if person.email:
            transaction.on_commit(
                lambda address=person.email: send_notification.enqueue(address, message, body)
            )
