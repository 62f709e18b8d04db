"""A completed form as a PDF (A8): every question as it was asked with the answer given, the
scores and their chart, the action plan and the sign-offs, for a committee paper or the
file. Anyone who may see the form on screen may download it."""

import datetime
from decimal import Decimal, InvalidOperation

from django.utils.formats import date_format
from django.views.decorators.http import require_safe

from accounts.policy import Policy
from approvals.models import DECIDED, Route
from core.pdf import pdf_filename, pdf_response, render_pdf

from .access import get_form_for_user
from .scoring import scores_for
from .section_forms import COVERED, YES_NO_DONT_KNOW
from .views import BAR_HEIGHT, chart_rows

# The words the form's pages offered, for answers kept as a code ("yes", "gap").
CHOICE_LABELS = {"yes_no": dict(YES_NO_DONT_KNOW), "yes_no_dont_know": dict(YES_NO_DONT_KNOW),
                 "covered": dict(COVERED)}  # fmt: skip


def form_route(completed):
    return Route.objects.of(completed)


def _amount(value, money):
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if money:
        return f"£{number:,.2f}"
    # A count typed as "3" is kept as "3" or "3.00"; print it as it was meant.
    return f"{number.normalize():,f}" if number == number.to_integral() else f"{number:,}"


def printed_answer(question, value, documents):
    """The answer as a reader of the paper should see it: words for the codes the pages
    store, titles for attached documents, dates and amounts written out."""
    if value in (None, "", []):
        return ""
    kind = question["type"]
    if kind in CHOICE_LABELS:
        return CHOICE_LABELS[kind].get(value, value)
    if kind == "documents":
        values = value if isinstance(value, list) else [value]
        return "\n".join(
            documents.get(str(pk), "A document no longer kept with the record") for pk in values
        )
    if kind == "date":
        try:
            return date_format(datetime.date.fromisoformat(value), "j F Y")
        except (TypeError, ValueError):
            return str(value)
    if kind in {"money", "number"}:
        return _amount(value, money=kind == "money")
    return str(value)


def printed_rows(completed):
    """The sections and questions as the screen shows them, with each answer written out
    for print and each section numbered as the council numbers it."""
    rows = completed.answer_rows()
    asks_documents = any(q["type"] == "documents" for q in completed.template.questions())
    documents = (
        {str(d.pk): d.title for d in completed.partnership.documents.all()}
        if asks_documents
        else {}
    )
    for row in rows:
        # The council's own number for the section (1, 4a, A1) where it has one, so that the
        # paper and the council's form agree; a section keyed by a word has none.
        key = str(row["section"].get("key", ""))
        row["number"] = key if any(c.isdigit() for c in key) else ""
        for item in row["items"]:
            question = item["question"]
            if question["type"] != "rating":
                # From the answer as stored: the screen's value has lists already joined.
                stored = item["answer"].get("value")
                item["value"] = printed_answer(question, stored, documents)
    return rows


def action_plan(completed, rows):
    """The form's actions, each with the section of the question it arose from."""
    sections = {
        item["question"]["key"]: row["section"]["title"] for row in rows for item in row["items"]
    }
    actions = list(completed.actions.select_related("owner"))
    for action in actions:
        action.section_title = sections.get(action.question_key, "")
    return actions


def form_pdf_context(completed, policy):
    """Everything the PDF shows. Needs no request, so that a script can print samples."""
    route = form_route(completed)
    decisions = list(route.decisions.all()) if route else []
    for decision in decisions:
        decision.decided = DECIDED[decision.outcome]
    scores = completed.scores or scores_for(completed.template, completed.answers)
    rows = completed.compare_with(printed_rows(completed), completed.previous_completed())
    return {
        "policy": policy,
        "completed": completed,
        "template": completed.template,
        "partnership": completed.partnership,
        # Only a form that may still change is a draft; a submitted one is as it will be
        # signed off, and says where it has got to.
        "watermark": "" if completed.is_locked else "DRAFT",
        "rows": rows,
        "gaps": completed.gaps(),
        "scores": scores,
        "chart": chart_rows(scores),
        "chart_height": BAR_HEIGHT * len(scores.get("groups", [])),
        "actions": action_plan(completed, rows),
        "route": route,
        "waiting_at": route.step["label"] if route and route.step else "",
        "decisions": decisions,
        "rounds": route.round if route else 0,
    }


def form_pdf_bytes(completed, policy):
    return render_pdf("assessments/pdf/form.html", form_pdf_context(completed, policy))


def form_pdf_name(completed, policy):
    return pdf_filename(
        policy.council_name,
        completed.template.title,
        completed.partnership.reference,
        completed.partnership.name,
    )


@require_safe
def form_pdf(request, pk):
    # The same rule as the form's own page: anyone signed in who can see the partnership.
    completed = get_form_for_user(request, pk)
    policy = Policy.for_request(request)
    return pdf_response(form_pdf_bytes(completed, policy), form_pdf_name(completed, policy))
