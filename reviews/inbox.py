"""What this part of the portal gives people to do, for their inbox (P6)."""


def tasks(user):
    return []
