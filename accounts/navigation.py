"""The navigation a user sees: only the parts of the portal their role can use."""

from django.urls import reverse

from .roles import Role


def navigation_for(user, current_path, task_count=0):
    if not user.is_authenticated:
        return []
    items = [
        ("Home", reverse("home"), False),
        ("Register", reverse("partnerships:register"), True),
        ("Reviews", reverse("reviews:index"), True),
    ]
    # Reports: the full set for those who read them; Members and clerks read the annual
    # register review's report, which goes to SMT and Leading Members.
    if user.has_role(Role.REGISTER_KEEPER, Role.SMT, Role.AUDITOR):
        items.append(("Reports", reverse("reports:index"), True))
    elif user.has_role(Role.MEMBER, Role.CLERK):
        items.append(("Reports", reverse("register_review:reports"), True))
    if user.has_role(Role.AUDITOR, Role.REGISTER_KEEPER, Role.SMT):
        items.append(("Internal audit", reverse("audits:index"), True))
    if user.has_role(Role.REGISTER_KEEPER, Role.ADMIN):
        items.append(("Data protection", reverse("privacy:subject_access"), True))
    if user.has_role(Role.ADMIN):
        items.append(("Administration", reverse("admin:index"), True))
    items.append(("Change password", reverse("password_change"), True))
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
