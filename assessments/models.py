"""Questionnaires as data (A1): the councils' forms, versioned, and the forms completed
against partnerships with their answers, scores and action plans."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from partnerships.models import AboutAPartnership, Status

ANSWER_TYPES = {
    "rating",
    "yes_no_dont_know",
    "yes_no",
    "text",
    "number",
    "money",
    "date",
    "ranking",
    "documents",
    "choice",
    "covered",
}


# The kind of form a council assesses itself on as a whole: its score says nothing about any
# one partnership, so it never counts as a partnership's latest score or priority (V8).
COUNCIL_WIDE_KIND = "self_assessment"

# How coded answers read to a person.
ANSWER_LABELS = {
    "yes_no": {"yes": "Yes", "no": "No"},
    "yes_no_dont_know": {"yes": "Yes", "no": "No", "dont_know": "Don't know"},
    "covered": {
        "document": "Covered by an attached document",
        "written": "Written in",
        "gap": "Not covered yet",
    },
}


class QuestionnaireTemplate(models.Model):
    """One version of one form. A completed form points at the exact version it was answered
    against, so it always shows the questions and scale as they were asked."""

    key = models.CharField(max_length=100)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    council = models.CharField(max_length=200)
    source = models.CharField(max_length=300)
    kind = models.CharField(max_length=32)
    definition = models.JSONField(help_text="The form as loaded: scales, sections, questions.")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "title", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["key", "version"], name="one_template_version")
        ]

    def __str__(self):
        return f"{self.title} ({self.council}), version {self.version}"

    def get_absolute_url(self):
        return reverse("assessments:template", args=[self.key, self.version])

    @property
    def made_by(self):
        """Whose form it is, as printed: a council's, or the portal's general form for a
        framework that has none of its own."""
        return self.council or "General form"

    @property
    def sections(self):
        return self.definition.get("sections", [])

    @property
    def scales(self):
        return self.definition.get("scales", {})

    def questions(self):
        for section in self.sections:
            yield from section.get("questions", [])

    def question_count(self):
        return sum(len(s.get("questions", [])) for s in self.sections)


def answer_rows(template, answers):
    """Each section with each question as it was asked and its answer, as shown on screen
    and in print (A1: always as it was answered). Any questionnaire's answers, whatever they
    belong to, are kept in this shape: {question key: {"value", "evidence", ...}}."""
    scales = template.scales
    rows = []
    for number, section in enumerate(template.sections, start=1):
        items = []
        for question in section.get("questions", []):
            answer = answers.get(question["key"]) or {}
            value = answer.get("value")
            if question["type"] == "rating" and value:
                labels = scales[question["scale"]]["labels"]
                value = f"{value}: {labels[int(value) - 1]}"
            elif question["type"] in ANSWER_LABELS and value:
                value = ANSWER_LABELS[question["type"]].get(value, value)
            elif isinstance(value, list):
                value = ", ".join(str(v) for v in value)
            items.append({"question": question, "value": value, "answer": answer})
        rows.append({"number": number, "section": section, "items": items})
    return rows


def unanswered(template, answers):
    """The required questions not yet answered, as (section, question)."""
    missing = []
    for section in template.sections:
        for question in section.get("questions", []):
            answer = answers.get(question["key"]) or {}
            if question.get("required", True) and answer.get("value") in (None, "", []):
                missing.append((section, question))
    return missing


def unknown_questions(template, answers):
    """The keys among these answers that the form does not ask."""
    asked = {q["key"] for q in template.questions()}
    return sorted(set(answers) - asked)


class FormState(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted for sign-off"
    RETURNED = "returned", "Returned for changes"
    SIGNED_OFF = "approved", "Signed off"
    REJECTED = "rejected", "Not accepted"


class CompletedForm(AboutAPartnership, models.Model):
    template = models.ForeignKey(
        QuestionnaireTemplate, on_delete=models.PROTECT, related_name="completed_forms"
    )
    partnership = models.ForeignKey(
        "partnerships.Partnership", on_delete=models.PROTECT, related_name="completed_forms"
    )
    state = models.CharField(max_length=16, choices=FormState.choices, default=FormState.DRAFT)
    # {question key: {"value": ..., "evidence": "...", "reference": "..."}}
    answers = models.JSONField(default=dict, blank=True)
    # Scores worked out when submitted: {"total": n, "maximum": m, "groups": {name: [n, m]}}.
    scores = models.JSONField(default=dict, blank=True)
    copied_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    signed_off_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self):
        return f"{self.template.title}: {self.partnership.name}"

    def get_absolute_url(self):
        return reverse("assessments:form", args=[self.pk])

    def answer_rows(self):
        rows = answer_rows(self.template, self.answers)
        chosen = {
            str(item["answer"].get("document"))
            for row in rows
            for item in row["items"]
            if item["question"]["type"] == "covered" and item["answer"].get("document")
        }
        if chosen:
            # An element covered by one of the partnership's documents names that document;
            # one deleted since is said to be no longer kept.
            kept = {str(d.pk): d for d in self.partnership.documents.filter(pk__in=chosen)}
            for row in rows:
                for item in row["items"]:
                    pk = str(item["answer"].get("document") or "")
                    if pk and item["question"]["type"] == "covered":
                        item["document"] = kept.get(pk)
                        item["document_gone"] = pk not in kept
        return rows

    def previous_completed(self):
        """The last form of the same kind completed for the partnership before this one, to
        compare each feature with (001: "Comparisons with previous assessment")."""
        return (
            CompletedForm.objects.filter(
                partnership=self.partnership_id,
                template__key=self.template.key,
                submitted_at__lt=self.submitted_at or self.started_at,
            )
            .exclude(state="draft")
            .order_by("-submitted_at")
            .first()
        )

    def compare_with(self, rows, previous):
        """Each rated answer in `rows` given the rating the previous form gave the same
        question, as it was worded on that form's scale."""
        if previous is None:
            return rows
        for row in rows:
            for item in row["items"]:
                question = item["question"]
                if question["type"] != "rating":
                    continue
                given = (previous.answers.get(question["key"]) or {}).get("value")
                labels = previous.template.scales.get(question.get("scale"), {}).get("labels", [])
                try:
                    item["previous_value"] = f"{given}: {labels[int(given) - 1]}"
                except (TypeError, ValueError, IndexError):
                    continue
        return rows

    @property
    def covers_elements(self):
        """Whether the form asks, element by element, what existing documents cover (an
        agreement's elements), so that its gaps can be listed."""
        return any(q["type"] == "covered" for q in self.template.questions())

    def gaps(self):
        """The elements neither covered by a document nor written in: what a supplementary
        agreement still has to cover."""
        return [
            question
            for question in self.template.questions()
            if question["type"] == "covered"
            and (self.answers.get(question["key"]) or {}).get("value") in (None, "", "gap")
        ]

    def unanswered(self):
        return unanswered(self.template, self.answers)

    @property
    def is_locked(self):
        return self.state not in {FormState.DRAFT, FormState.RETURNED}

    @property
    def route_kind(self):
        """The route a form is sent on: the policy's evaluation form (A6) the evaluation
        route; its agreement or memorandum the agreement route, where the policy has one
        (Chorley's memorandum is approved by the Head of Governance); every other form the
        assessment route. Once sent, its route is found without asking the policy again
        (Route.objects.of(form)), so a later policy change cannot lose it."""
        from accounts.policy import Policy

        policy = Policy.current()
        if self.template.key in policy.evaluation_forms:
            return "evaluation"
        if self.template.key in policy.agreement_forms and "agreement" in policy.routes:
            return "agreement"
        return "assessment"

    @cached_property
    def goes_with_proposal(self):
        """A pre-partnership checklist (P2) of a partnership still being proposed: it is sent
        with the proposal and signed off along the proposal's route, once, never along a
        route of its own."""
        from accounts.policy import Policy

        return self.partnership.status in {Status.DRAFT, Status.PROPOSED} and (
            self.template.key in Policy.current().checklist_keys()
        )

    # What the approval route engine asks of what it carries ------------------------------

    @property
    def route_title(self):
        return f"{self.template.title}: {self.partnership.name}"

    @property
    def route_service_id(self):
        return self.partnership.lead_service_id

    @property
    def route_owner(self):
        return self.started_by


class Action(models.Model):
    """An action arising from an assessment (A5)."""

    class Term(models.TextChoices):
        QUICK_WIN = "quick_win", "Quick win"
        LONGER = "longer", "Medium or longer term"

    class Status(models.TextChoices):
        OPEN = "open", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"

    form = models.ForeignKey(CompletedForm, on_delete=models.CASCADE, related_name="actions")
    question_key = models.CharField(max_length=100, blank=True)
    description = models.TextField()
    term = models.CharField(max_length=16, choices=Term.choices, default=Term.QUICK_WIN)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="assessment_actions"
    )
    deadline = models.DateField()
    measures = models.TextField("Performance measures or milestones", blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    history = HistoricalRecords()

    class Meta:
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.description[:80]

    @property
    def deadline_as_datetime(self):
        """For ordering beside other tasks, which wait from a moment, not a day."""
        from accounts.inbox import start_of

        return start_of(self.deadline)
