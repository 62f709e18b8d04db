"""Who may keep and who may read the council's self-assessment and improvement plan. Every
view and service asks here."""

from accounts.roles import Role

# The senior team the plan reports to, and Internal Audit, who read everything.
READERS = {Role.REGISTER_KEEPER, Role.SMT, Role.AUDITOR}


def can_keep(user):
    """Rating the council and updating the plan: the register keeper only, as for every
    other council-wide record the keeper keeps (partnerships.access.can_maintain_register)."""
    return user.has_role(Role.REGISTER_KEEPER)


def can_read(user):
    return user.has_role(*READERS)
