"""Every URL, every role, the status it must get (U2).

A URL that is not in the table fails the build: adding a page means deciding who may use it.
The Django admin is one row: its own views are all behind the same site-wide check.
"""

import datetime
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role
from approvals.models import Route
from assessments.models import Action, CompletedForm, QuestionnaireTemplate
from changes.models import SignificantChange
from partnerships.models import Document, RegisterImport
from proposals.services import proposal_save, proposal_start, proposal_submit

from .factories import (
    PartnerOrganisationFactory,
    PartnershipFactory,
    RepresentativeFactory,
    ResourceFactory,
    RiskFactory,
    ServiceFactory,
    StrategicObjectiveFactory,
    UserFactory,
)
from .permission_rows import (
    ANONYMOUS,
    EDITORS,
    EVERYONE,
    KEEPER_ONLY,
    api,
    audits,
    expect,
    health,
    leaving,
    opendata,
    policy_changes,
    privacy,
    register_review,
    reports,
    reviews,
    self_assessment,
    sign_in,
)


def submitted_proposal():
    """A proposal waiting at its first step, held by the table's Head of Service."""
    service = ServiceFactory(name="Table service")
    UserFactory(username="table-head_of_service", role=Role.HEAD_OF_SERVICE, service=service)
    proposer = UserFactory(username="table-proposer", role=Role.OFFICER, service=service)
    proposal = proposal_start("Table partnership", service, actor=proposer)
    proposal_save(
        proposal.pk,
        partnership_fields={
            "remit": "A remit",
            "council_is_accountable_body": True,
            "tier_answers": {"answers": [{"key": "x", "question": "x", "answer": False}]},
        },
        proposal_fields={
            "alternative_existing": "None",
            "alternative_consult": "Not enough",
            "alternative_contract": "Not suitable",
        },
        actor=proposer,
    )
    return proposal_submit(proposal.pk, actor=proposer)


def part(name, key):
    return lambda o: [o["partnership"].pk, name, o[key].pk]


def document_args(o):
    return [o["partnership"].pk, o["document"].pk]


def stored_document(partnership):
    document = Document(
        partnership=partnership,
        kind=Document.Kind.MINUTES,
        title="Minutes of the partnership board",
        document_date=date(2026, 3, 12),
        original_name="minutes.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=UserFactory(username="table-uploader"),
    )
    document.file.save("minutes.pdf", ContentFile(b"%PDF-1.7\n"))
    return document


# name -> (method, url arguments, statuses by role). The arguments are None, the key of an
# object made by the `objects` fixture, or a function of those objects giving the arguments.
TABLE = {
    "home": ("get", None, expect(200)),
    "login": ("get", None, expect(302, anonymous=200)),
    "logout": ("post", None, expect(200)),
    "password_change": ("get", None, expect(200)),
    "password_change_done": ("get", None, expect(200)),
    "stay_signed_in": ("post", None, expect(302)),
    "accessibility": ("get", None, expect(200, anonymous=200)),
    "partnerships:register": ("get", None, expect(200)),
    "partnerships:detail": ("get", "partnership", expect(200)),
    "partnerships:create": ("get", None, KEEPER_ONLY),
    "partnerships:edit": ("get", "partnership", EDITORS),
    "partnerships:tier": ("get", "partnership", EDITORS),
    "partnerships:history": ("get", "partnership", expect(403, register_keeper=200, auditor=200)),
    "partnerships:part_add": ("get", lambda o: [o["partnership"].pk, "risks"], EDITORS),
    "partnerships:part_edit": ("get", part("partners", "partner"), EDITORS),
    "partnerships:part_delete": ("get", part("resources", "resource"), EDITORS),
    "partnerships:representative_replace": (
        "get",
        lambda o: [o["partnership"].pk, o["representative"].pk],
        EDITORS,
    ),
    "partnerships:declaration_add": (
        "get",
        lambda o: [o["partnership"].pk, o["representative"].pk],
        EDITORS,
    ),
    "approvals:decide": ("get", "route", expect(403, head_of_service=200)),
    "changes:list": ("get", None, KEEPER_ONLY),
    "changes:change": (
        "get",
        "change",
        expect(403, register_keeper=200, auditor=200, smt=200, clerk=200),
    ),
    "changes:decide": ("get", "change", KEEPER_ONLY),
    "proposals:pdf": (
        "get",
        "proposal",
        expect(403, head_of_service=200, register_keeper=200, smt=200, clerk=200, auditor=200),
    ),
    "partnerships:objectives": ("get", None, KEEPER_ONLY),
    "assessments:templates": ("get", None, expect(403, register_keeper=200, auditor=200)),
    "assessments:template": (
        "get",
        lambda o: [o["questionnaire"].key, o["questionnaire"].version],
        expect(403, register_keeper=200, auditor=200),
    ),
    "assessments:start": ("get", "partnership", EDITORS),
    "assessments:form": ("get", "completed_form", expect(200)),
    "assessments:form_pdf": ("get", "completed_form", expect(200)),
    "assessments:check": ("get", "completed_form", EDITORS),
    "assessments:section": ("get", lambda o: [o["completed_form"].pk, 1], EDITORS),
    "assessments:action_add": ("get", "completed_form", EDITORS),
    "assessments:action_edit": (
        "get",
        lambda o: [o["completed_form"].pk, o["action"].pk],
        EDITORS,
    ),
    "partnerships:objective_edit": ("get", "objective", KEEPER_ONLY),
    "partnerships:document_add": ("get", "partnership", EDITORS),
    "partnerships:document_download": ("get", document_args, expect(200)),
    "partnerships:document_delete": ("get", document_args, KEEPER_ONLY),
    "partnerships:export_csv": ("get", None, expect(200)),
    "partnerships:export_xlsx": ("get", None, expect(200)),
    "partnerships:import": ("get", None, KEEPER_ONLY),
    "partnerships:import_template": ("get", None, KEEPER_ONLY),
    "partnerships:import_review": ("get", "register_import", KEEPER_ONLY),
    "proposals:start": ("get", None, expect(200, clerk=403, auditor=403, admin=403)),
    "proposals:page": (
        "get",
        lambda o: [o["draft_proposal"].pk, "purpose"],
        expect(403, officer=200),
    ),
    "proposals:check": ("get", "draft_proposal", expect(403, officer=200)),
    "proposals:proposal": (
        "get",
        "proposal",
        expect(403, head_of_service=200, register_keeper=200, smt=200, clerk=200, auditor=200),
    ),
    "admin:index": ("get", None, expect(403, admin=200)),
}
# Each part of the portal keeps its rows, and the objects they need, in its own file.
ROW_FILES = [
    reviews, register_review, reports, audits, leaving, health, api, opendata, privacy, sign_in,
    policy_changes, self_assessment,
]  # fmt: skip
for rows in ROW_FILES:
    TABLE.update(rows.ROWS)


def url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                yield "admin:index"
                continue
            yield from url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_is_in_the_table():
    assert set(url_names()) == set(TABLE)


@pytest.fixture(scope="module")
def objects(django_db_setup, django_db_blocker, tmp_path_factory):
    """Made once for the module's thousand-odd tests, inside a transaction that is rolled back
    when they are done: each test runs in a savepoint of it, so none changes what the next
    one finds (as Django's TestCase.setUpTestData)."""
    made_with = override_settings(
        MEDIA_ROOT=tmp_path_factory.mktemp("table-media"),
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
    )
    with django_db_blocker.unblock(), made_with, transaction.atomic():
        yield table_objects()
        transaction.set_rollback(True)


def table_objects():
    """The records every row of the table needs (also the data set tests/test_council_words.py
    renders every page with)."""
    partnership = PartnershipFactory()
    proposal = submitted_proposal()
    questionnaire = QuestionnaireTemplate.objects.create(
        key="table-form", version=1, title="Table form", council="C", source="S", kind="checklist",
        definition={"sections": [{"title": "One", "questions": [
            {"key": "a", "text": "Question?", "type": "yes_no"}]}]},
    )  # fmt: skip
    form_starter = UserFactory(username="table-form-starter", role=Role.REGISTER_KEEPER)
    completed_form = CompletedForm.objects.create(
        template=questionnaire, partnership=partnership, started_by=form_starter
    )
    made = {
        "questionnaire": questionnaire,
        "action": Action.objects.create(
            form=completed_form,
            description="An action",
            owner=form_starter,
            deadline=datetime.date(2030, 1, 1),
        ),  # fmt: skip
        "completed_form": completed_form,
        "proposal": proposal,
        # A draft of the table's own officer: only they may change it.
        "draft_proposal": proposal_start(
            "Table draft",
            ServiceFactory(name="Table service"),
            actor=UserFactory(username="table-officer", role=Role.OFFICER),
        ),
        "route": Route.objects.get(subject_id=proposal.pk, kind="proposal"),
        "partnership": partnership,
        "partner": PartnerOrganisationFactory(partnership=partnership),
        "representative": RepresentativeFactory(partnership=partnership),
        "resource": ResourceFactory(partnership=partnership),
        "risk": RiskFactory(partnership=partnership),
        "objective": StrategicObjectiveFactory(),
        "document": stored_document(partnership),
        "change": SignificantChange.objects.create(
            partnership=partnership,
            before={"remit": partnership.remit},
            after={"remit": "A wider remit"},
            reason="The board widened it",
            proposed_by=UserFactory(username="table-change-proposer"),
        ),
        "register_import": RegisterImport.objects.create(
            file="imports/register.csv",
            original_name="register.csv",
            uploaded_by=UserFactory(username="table-importer", role=Role.REGISTER_KEEPER),
            state=RegisterImport.State.IMPORTED,
            row_count=1,
            created_count=1,
        ),
    }
    for rows in ROW_FILES:
        made.update(rows.objects(made))
    return made


CASES = [(name, role) for name in TABLE for role in EVERYONE]


@pytest.mark.parametrize(("name", "role"), CASES, ids=[f"{n}-{r}" for n, r in CASES])
def test_each_role_gets_the_expected_status(db, client, objects, name, role):
    method, arg, statuses = TABLE[name]
    if role != ANONYMOUS:
        client.force_login(UserFactory(username=f"table-{role}", role=role))
    if arg is None:
        args = None
    elif callable(arg):
        args = arg(objects)
    else:
        args = [objects[arg].pk]
    url = reverse(name, args=args)
    response = getattr(client, method)(url)
    assert response.status_code == statuses[role], f"{method.upper()} {url} as {role}"


# POST ---------------------------------------------------------------------------------------
# What each role gets posting an empty form to every URL. A page that only reads answers 405
# to everyone signed in. A form shows itself again with its errors (200) to whoever may use
# it and refuses the rest (403), as its GET does; the rows below say where a POST differs.
READ_ONLY = {
    "home", "password_change_done", "accessibility", "partnerships:register",
    "partnerships:detail", "partnerships:history", "partnerships:document_download",
    "partnerships:export_csv", "partnerships:export_xlsx", "partnerships:import_template",
    "changes:change", "proposals:proposal", "proposals:pdf", "assessments:templates",
    "assessments:template", "assessments:form", "assessments:form_pdf",
    "assessments:evaluations", "reviews:index", "reviews:review", "register_review:reports",
    "register_review:report", "register_review:report_pdf", "reports:index",
    "reports:priorities", "reports:summary", "reports:summary_pdf", "reports:cabinet_reports",
    "reports:cabinet_report", "reports:cabinet_pdf", "audits:index", "audits:spot_check",
    "audits:redraw", "audits:pdf", "leaving:withdrawal", "leaving:pdf",
}  # fmt: skip
POSTS = {name: expect(405) for name in READ_ONLY}
POSTS.update(
    {
        # Even the sign-in page's visitors are refused a POST to the statement.
        "accessibility": expect(405, anonymous=405),
        # Signed in, posting to the sign-in page sends a person home as they were.
        "login": expect(302, anonymous=200),
        "logout": expect(200),
        "password_change": expect(200),
        # Confirming a removal removes, and goes back to the record.
        "partnerships:part_delete": expect(403, register_keeper=302),
        "partnerships:document_delete": expect(403, register_keeper=302),
        # Monitoring, the read API and the open data only read, for anyone they answer.
        "health:live": expect(405, anonymous=405),
        "health:ready": expect(405, anonymous=405),
        "api:register": expect(405, anonymous=405),
        "api:partnership": expect(405, anonymous=405),
        "api:reviews_due": expect(405, anonymous=405),
        "api:summary": expect(405, anonymous=405),
        # The OpenAPI document is the same whatever the method; it changes nothing.
        "api:openapi-json": expect(200, anonymous=200),
        "opendata:register": expect(405, anonymous=405),
        "opendata:register_csv": expect(405, anonymous=405),
        "opendata:register_json": expect(405, anonymous=405),
        # A subject-access search and its download are read with GET.
        "privacy:subject_access": expect(405),
        "privacy:download": expect(405),
    }
)
# A row file may say what its pages give a POST, as (arguments, statuses by role).
for rows in ROW_FILES:
    POSTS.update({name: statuses for name, (_, statuses) in getattr(rows, "POSTS", {}).items()})
for _name, (_method, _arg, _statuses) in TABLE.items():
    POSTS.setdefault(_name, _statuses)


def test_every_url_has_a_post_row():
    assert set(POSTS) == set(TABLE)


@pytest.mark.parametrize("name", sorted(POSTS))
def test_each_role_gets_the_expected_status_on_post(db, client, objects, name):
    """One URL, every role in turn, each inside a savepoint that is rolled back, so that one
    role's successful POST never changes what the next one finds."""
    _, arg, _ = TABLE[name]
    if arg is None:
        args = None
    elif callable(arg):
        args = arg(objects)
    else:
        args = [objects[arg].pk]
    url = reverse(name, args=args)
    got = {}
    for role in EVERYONE:
        with transaction.atomic():
            client.logout()
            if role != ANONYMOUS:
                client.force_login(UserFactory(username=f"table-{role}", role=role))
            got[role] = client.post(url, {}).status_code
            transaction.set_rollback(True)
    assert got == POSTS[name], f"POST {url}"
