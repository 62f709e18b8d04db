"""The navigation a user sees: only the parts of the portal their role can use."""

from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

from .roles import Role


@lru_cache(maxsize=64)
def _address(name, urlconf, script_prefix):
    # The same on every page for one set of addresses and the prefix the site is served
    # under: reversed once, not seven times for each page drawn.
    return reverse(name, urlconf=urlconf)


def address(name):
    return _address(name, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


def navigation_for(user, current_path, task_count=0):
    if not user.is_authenticated:
        return []
    items = [
        ("Home", address("home"), False),
        ("Register", address("partnerships:register"), True),
        ("Reviews", address("reviews:index"), True),
    ]
    # Reports: the full set for those who read them; Members and clerks read the annual
    # register review's report, which goes to SMT and Leading Members.
    if user.has_role(Role.REGISTER_KEEPER, Role.SMT, Role.AUDITOR):
        items.append(("Reports", address("reports:index"), True))
    elif user.has_role(Role.MEMBER, Role.CLERK):
        items.append(("Reports", address("register_review:reports"), True))
    if user.has_role(Role.AUDITOR, Role.REGISTER_KEEPER, Role.SMT):
        items.append(("Internal audit", address("audits:index"), True))
    if user.has_role(Role.REGISTER_KEEPER, Role.ADMIN):
        items.append(("Data protection", address("privacy:subject_access"), True))
    if user.has_role(Role.ADMIN):
        items.append(("Administration", address("admin:index"), True))
    items.append(("Change password", address("password_change"), True))
    return [
        {
            "label": label,
            "url": url,
            # P6: how many tasks wait, shown beside Home on every page.
            "count": task_count if label == "Home" else 0,
            # Home is current only on itself; other sections own everything below them.
            "current": current_path.startswith(url) if prefix else current_path == url,
        }
        for label, url, prefix in items
    ]
