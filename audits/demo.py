"""Demo data for this part of the portal, loaded by `manage.py load_demo` after the
register. Running it again adds nothing."""


def load(users, stdout):
    pass
