"""The roles of U1 and what each may do.

One role per user keeps the rules easy to read and to audit; the labels a council uses for
them (Head of Corporate Services, Policy and Communications, ...) come from the policy.
"""

from django.db import models


class Role(models.TextChoices):
    OFFICER = "officer", "Officer"
    MEMBER = "member", "Elected Member"
    HEAD_OF_SERVICE = "head_of_service", "Head of Service"
    REGISTER_KEEPER = "register_keeper", "Register keeper"
    SMT = "smt", "SMT member"
    CLERK = "clerk", "Committee clerk"
    AUDITOR = "auditor", "Internal auditor"
    ADMIN = "admin", "Administrator"


# Who sees everything in the register, as opposed to it being open to them for reading only.
REGISTER_WIDE_WRITERS = {Role.REGISTER_KEEPER}
# Roles scoped to one service area.
SERVICE_SCOPED = {Role.HEAD_OF_SERVICE}
# Who may propose a partnership (P1): anyone who works for the council or represents it.
PROPOSERS = {Role.OFFICER, Role.MEMBER, Role.HEAD_OF_SERVICE, Role.REGISTER_KEEPER, Role.SMT}


def post_key(title):
    """A post or job title as it is compared: a step held by the Head of Governance is the
    decision of the person whose job title says so, however it was spaced or capitalised."""
    return " ".join((title or "").split()).lower()
