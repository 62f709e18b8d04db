"""Subject-access requests (UK GDPR Article 15): everything the portal holds that names one
person, found either by their account or, for people without one (representatives of
partner bodies, risk owners), by their name as the register spells it."""

from django.apps import apps
from django.db.models import ForeignKey, Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from accounts.models import User
from approvals.models import Decision
from partnerships.models import Declaration, Representative, Risk

# Never part of an export: a password hash is not the person's data to read, it is a secret.
HIDDEN = {"password"}


def row(instance):
    """A record as plain values: every stored column, files by their stored name."""
    values = {}
    for model_field in instance._meta.concrete_fields:
        if model_field.name in HIDDEN:
            continue
        value = getattr(instance, model_field.attname)
        if isinstance(value, FieldFile):
            value = value.name
        values[model_field.attname] = value
    return values


def find_people(query, limit=50):
    """Accounts and register names that match what was typed."""
    query = query.strip()
    words = query.split()
    if not words:
        return [], []
    account_match = Q()
    for word in words:
        account_match &= (
            Q(username__icontains=word)
            | Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(email__icontains=word)
        )
    accounts = list(
        User.objects.filter(account_match).select_related("service").order_by("last_name")[:limit]
    )
    names = set(
        Representative.objects.filter(name__icontains=query).values_list("name", flat=True)[:limit]
    )
    names |= set(
        Risk.objects.filter(owner__icontains=query).values_list("owner", flat=True)[:limit]
    )
    return accounts, sorted(names)[:limit]


def _named(names):
    match = Q()
    for name in names:
        match |= Q(name__iexact=name)
    return match


def subject_access_export(*, user=None, name: str = None, actor: "User"):
    """All that names the person: their account, their representations and declarations with
    every history row of them, risks they own, decisions they made, and every record that
    points at their account (led, sponsored, proposed, uploaded, changed...)."""
    names = {name} if name else {user.display_name, user.get_full_name()} - {""}
    export = {
        "subject": {"account": user.username if user else None, "names": sorted(names)},
        "made_at": timezone.now(),
        "made_by": actor.username,
        "account": row(user) if user else None,
    }
    reps = Representative.objects.filter(_named(names) | (Q(user=user) if user else Q(pk=None)))
    rep_ids = set(reps.values_list("pk", flat=True))
    rep_ids |= set(
        Representative.history.model.objects.filter(_named(names)).values_list("id", flat=True)
    )
    export["representatives"] = [row(r) for r in Representative.objects.filter(pk__in=rep_ids)]
    export["representative_history"] = [
        row(h) for h in Representative.history.model.objects.filter(id__in=rep_ids)
    ]
    export["declarations"] = [
        row(d) for d in Declaration.objects.filter(representative_id__in=rep_ids)
    ]
    export["declaration_history"] = [
        row(h) for h in Declaration.history.model.objects.filter(representative_id__in=rep_ids)
    ]
    owner = Q()
    for each in names:
        owner |= Q(owner__iexact=each)
    export["risks_owned"] = [row(r) for r in Risk.objects.filter(owner)]
    decider = Q(decided_by=user) if user else Q(pk=None)
    for each in names:
        decider |= Q(decider_name__iexact=each)
    export["decisions"] = [row(d) for d in Decision.objects.filter(decider)]
    if user:
        export["records_naming_the_account"] = _pointing_at(user)
    return export


def _pointing_at(user):
    """Every row of every model (history rows and the admin's log included) with a foreign
    key to the account, by model and field; and the sign-in attempts under its username."""
    found = {}
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if model._meta.app_label == "axes" and "username" in names:
            rows = [row(r) for r in model._default_manager.filter(username=user.username)]
            if rows:
                found[f"{model._meta.label} (username)"] = rows
            continue
        for model_field in model._meta.concrete_fields:
            if not isinstance(model_field, ForeignKey) or model_field.related_model is not User:
                continue
            if model is User:
                continue
            rows = [row(r) for r in model._default_manager.filter(**{model_field.name: user})]
            if rows:
                found[f"{model._meta.label} ({model_field.name})"] = rows
    return found
