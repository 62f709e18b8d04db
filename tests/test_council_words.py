"""U1: under one council's policy, no page, PDF, spreadsheet or email shows another council's
name, places or terms.

For each preset, every URL of the permission table is fetched (GET) as every role that may see
it, with the table's records made under that preset, every form the policy uses started on a
partnership, and the emails sent while making them. What a person reads (the page's text, its
title and labels, a PDF's text, a spreadsheet's cells) is searched for the other presets' own
words: their council's and register's names, role and committee labels, tier and review-cycle
labels and the words of their [words] table, less any the council shares, and for the seeds'
place names.
"""

import html
import io
import re
from html.parser import HTMLParser

import factory.random
import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse

from accounts.policy import WORD_FIELDS, Policy, preset_keys
from accounts.roles import Role
from accounts.services import policy_apply_preset
from assessments.loader import load_forms
from assessments.models import CompletedForm, QuestionnaireTemplate

from .factories import UserFactory
from .pdf import pdf_text, words
from .permission_rows import EVERYONE
from .test_permission_table import TABLE, table_objects

# Places the seeds name, with the presets whose own words they are.
PLACES = {
    "South Derbyshire": "south-derbyshire",
    "Swadlincote": "south-derbyshire",
    "Civic Offices": "south-derbyshire",
    "Chorley": "chorley",
    "Melton": "melton",
    "Northamptonshire": "northamptonshire",
    "Nottinghamshire": "nottinghamshire",
}
# Words every council uses in its own sense: a role or register called this by one council is
# what the others call it too, in plain English.
SHARED = {"Officer", "Lead Officer", "Sponsoring officer", "Administrator", "Internal Audit",
          "Council", "Councillor",
          "Partnership register", "Other partnership", "Cabinet",
          # A representative may sit on a body as its director, under every council.
          "Director"}  # fmt: skip


def own_words(policy):
    """Everything a policy names in its own words."""
    found = [policy.council_name, policy.register_name, policy.data_controller]
    found += policy.role_labels.values()
    found += policy.committee_labels.values()
    found += [policy.tier_label("significant"), policy.tier_label("standard")]
    found += [q["text"] for q in policy.tier_questions]
    found += [cycle["label"] for cycle in policy.reviews.get("cycles", {}).values()]
    found += [getattr(policy, field) for field in WORD_FIELDS]
    found += [step["label"] for kind in policy.routes.values() for steps in kind.values()
              for step in steps if isinstance(step, dict) and step.get("label")]  # fmt: skip
    # The named posts that hold steps, and the council's words for a declaration's checks.
    found += [post for kind in policy.routes.values() for steps in kind.values()
              for step in steps if isinstance(step, dict)
              for post in ([step["post"]] if isinstance(step.get("post"), str)
                           else step.get("post", []))]  # fmt: skip
    found += [check["label"] for check in policy.declaration_checks]
    return [word for word in found if word]


def forbidden_words(key):
    """The other presets' own words that this one does not use, and the places it is not in."""
    policy = Policy.from_preset(key)
    own = " ".join(own_words(policy)).lower()
    own += " " + " ".join(form_text(k) for k in policy.offered_forms()).lower()
    others = set()
    for other in preset_keys():
        if other != key:
            others.update(own_words(Policy.from_preset(other)))
    others.update(place for place, home in PLACES.items() if home != key)
    # A long question is the other council's sentence, not a term; its distinctive words are
    # in its labels already.
    return sorted(
        word
        for word in others
        if len(word) <= 60 and word not in SHARED and word.lower() not in own
    )


def form_text(key):
    """A form's own text: a council's form may use the words of its framework."""
    template = QuestionnaireTemplate.objects.filter(key=key).order_by("-version").first()
    return str(template.definition) if template else ""


def pattern(word):
    # An acronym is matched as written ("SMT", not "smt" inside a word); a phrase in any case.
    flags = 0 if word.isupper() else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])", flags)


class ReadableText(HTMLParser):
    """What a person reads on a page: its text, and the labels and alternatives a screen
    reader speaks. Scripts, styles and attribute values no one reads are left out."""

    SPOKEN = ("aria-label", "alt", "title", "placeholder")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skipping += 1
        self.parts += [value for name, value in attrs if name in self.SPOKEN and value]

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skipping = max(0, self.skipping - 1)

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def readable(response):
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "pdf" in content_type:
        return words(pdf_text(body))
    if "spreadsheet" in content_type:
        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True)
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True)
            for cell in row if cell is not None
        )  # fmt: skip
    text = body.decode("utf-8", errors="replace")
    if "html" in content_type:
        parser = ReadableText()
        parser.feed(text)
        return words(" ".join(parser.parts))
    return words(html.unescape(text))


def found_in(text, forbidden):
    return [word for word in forbidden if pattern(word).search(text)]


@pytest.fixture
def under_preset(db, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks):
    """The table's records made under a preset, each of the policy's forms started on the
    table's partnership, and the emails sent on the way."""

    def make(key):
        settings.MEDIA_ROOT = tmp_path
        factory.random.reseed_random(key)
        load_forms()
        policy_apply_preset(key)
        # The table's proposal is sent without its checklists; each checklist is started
        # below as a form of its own and read on its own pages.
        monkeypatch.setattr(Policy, "checklists_for", lambda self, tier: [])
        with django_capture_on_commit_callbacks(execute=True):
            made = table_objects()
        monkeypatch.undo()
        # What a person typed is theirs, not the portal's words: the factory's risk owner is
        # one council's job title, so the test's data, history included, names a person.
        type(made["risk"]).objects.filter(pk=made["risk"].pk).update(owner="The finance manager")
        made["risk"].history.update(owner="The finance manager")
        keeper = UserFactory(username="words-keeper", role=Role.REGISTER_KEEPER)
        made["own_forms"] = [
            CompletedForm.objects.create(
                template=QuestionnaireTemplate.objects.filter(key=form_key)
                .order_by("-version")
                .first(),
                partnership=made["partnership"],
                started_by=keeper,
            )
            for form_key in Policy.current().offered_forms()
        ]
        return made

    return make


def pages(made):
    """(url, roles that may GET it) for every row of the table, and each of the policy's forms
    on screen, section by section and in print."""
    for name, (method, arg, statuses) in TABLE.items():
        # The admin is Django's; a document is the file someone uploaded, not the portal's
        # words; the keeper's choice of another preset must name the other councils.
        skipped = ("admin:index", "partnerships:document_download", "policy_changes:change")
        if method != "get" or name in skipped:
            continue
        if arg is None:
            args = None
        elif callable(arg):
            args = arg(made)
        else:
            args = [made[arg].pk]
        roles = [role for role in EVERYONE if statuses[role] == 200]
        if roles:
            yield reverse(name, args=args), roles
    for completed in made["own_forms"]:
        yield completed.get_absolute_url(), [Role.REGISTER_KEEPER]
        yield reverse("assessments:form_pdf", args=[completed.pk]), [Role.REGISTER_KEEPER]
        for index in range(1, len(completed.template.sections) + 1):
            yield reverse("assessments:section", args=[completed.pk, index]), [Role.REGISTER_KEEPER]


# The words on a page do not depend on the database, and this test reads every page as every
# role under five presets: it runs in the SQLite run of CI only, to keep CI short.
@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the same words on any database; run on SQLite"
)
@pytest.mark.parametrize("key", preset_keys())
def test_it_shows_no_other_councils_words_on_any_page_pdf_or_email(client, under_preset, key):
    made = under_preset(key)
    forbidden = forbidden_words(key)
    assert "Swadlincote" in forbidden or key == "south-derbyshire"
    assert mail.outbox, "making the records sends emails, and they are read too"
    problems = {}
    for message in mail.outbox:
        for word in found_in(words(f"{message.subject} {message.body}"), forbidden):
            problems.setdefault((f"email {message.subject!r}", word), "")
    users = {}
    for url, roles in pages(made):
        for role in roles:
            if role == "anonymous":
                user = None
            else:
                user = users.setdefault(role, UserFactory(username=f"table-{role}", role=role))
            client.logout()
            if user is not None:
                client.force_login(user)
            response = client.get(url)
            assert response.status_code == 200, f"GET {url} as {role}"
            text = readable(response)
            for word in found_in(text, forbidden):
                at = pattern(word).search(text).start()
                problems.setdefault((f"{url} as {role}", word), text[max(0, at - 60) : at + 60])
            if "html" not in response.get("Content-Type", ""):
                # A PDF or spreadsheet is the same paper whoever downloads it, and slow to
                # make: one reader is enough.
                break
    # One line per page and word, with the first role it was seen by.
    seen, lines = set(), []
    for (where, word), context in problems.items():
        if (where.split(" as ")[0], word) not in seen:
            seen.add((where.split(" as ")[0], word))
            lines.append(f"{where}: {word!r} in ‘…{context}…’")
    assert not lines, f"{key}: {len(lines)} found:\n" + "\n".join(lines)


def test_it_finds_another_councils_words(db):
    """The search itself: a South Derbyshire word on a Chorley page is found, a shared one
    is not."""
    load_forms()
    forbidden = forbidden_words("chorley")
    assert "Leading Members" in forbidden and "SMT" not in forbidden
    assert sorted(found_in("Report to SMT and Leading Members", forbidden)) == [
        "Leading Members",
        "SMT and Leading Members",
    ]
    assert found_in("Sent to the lead officer", forbidden) == []
