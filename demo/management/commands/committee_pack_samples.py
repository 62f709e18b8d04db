"""Makes the sample committee pack kept in docs/samples/ for the council whose demo is loaded:
what its committee route sends the clerk, printed by the same function as the pack's download.

    manage.py load_demo --council south-derbyshire
    manage.py committee_pack_samples [--output DIR]

South Derbyshire sends the closed register review's report to SMT then Leading Members,
Chorley the Cabinet report to Executive Cabinet, Melton a completed review, with the toolkit
it was based on, to the Policy, Finance and Administration Committee, Northamptonshire an
officer representative's annual report to CMT. Every council's significant proposal ends
at a committee (Nottinghamshire's at Cabinet), which reads the proposal as printed.

Whatever is done to bring the demo's record to its committee (closing the review, completing
the toolkit and the review, deciding the proposal's earlier steps) happens in one
transaction that is rolled back, so the demo is left as it was.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.policy import Policy
from approvals.models import Outcome, Route, RouteState
from approvals.services import may_decide, route_decide
from assessments import services as forms
from assessments.form_pdf import form_pdf_bytes
from assessments.loader import load_forms
from assessments.management.commands.sample_pdfs import SAMPLES
from assessments.models import Action, CompletedForm
from demo import councils
from partnerships.models import Partnership, Representative
from partnerships.services import part_save
from proposals.models import Proposal
from proposals.pdf import proposal_pdf_bytes
from register_review import services as register_review
from register_review.models import RegisterReview
from register_review.report import printed_report
from reports.models import CabinetReport, CabinetReportState
from reports.pdf import cabinet_report_pdf
from reviews import representative_reports
from reviews import services as reviews
from reviews.access import REPORT_ROUTE
from reviews.models import RepresentativeReport
from reviews.pdf import report_pdf_bytes


def register_review_pack(policy):
    review = RegisterReview.objects.open().first() or RegisterReview.objects.closed().first()
    if review is None:
        raise CommandError("The demo has no register review: run load_demo first.")
    if review.is_open:
        keeper = User.objects.get(username="keeper")
        review = register_review.review_close(review.pk, accept_outstanding=True, actor=keeper)
    return printed_report(review, policy)


def cabinet_report_pack(policy):
    report = CabinetReport.objects.filter(state=CabinetReportState.CLOSED).first()
    if report is None:
        raise CommandError("The demo has no closed Cabinet report: run load_demo first.")
    return cabinet_report_pdf(report)


def _sign_off(form, kind=None, stop_before_last=False):
    """Takes the subject along its route, each step approved by someone who may decide it;
    or up to the last step, which is then left waiting."""
    today = timezone.localdate()
    route = Route.objects.of(form, kind) if kind else Route.objects.of(form)
    while route is not None and route.state == RouteState.IN_PROGRESS:
        if stop_before_last and route.current_step == len(route.steps) - 1:
            return
        decider = next(u for u in User.objects.filter(is_active=True) if may_decide(u, route))
        committee = {"meeting_date": today, "minute_reference": "DEMO/1"}
        route_decide(
            route.pk, route.current_step, Outcome.APPROVED, "Approved.",
            **(committee if route.step.get("committee") else {}), actor=decider,
        )  # fmt: skip
        route.refresh_from_db()


def review_pack(policy):
    """The assessment the committee reads with the demo officer's partnership's review,
    filled in as the council's sample form is and signed off along its route: the pack."""
    officer = User.objects.get(username="officer")
    demo = councils.current()
    partnership = Partnership.objects.get(name=demo.officer_leads[0])
    load_forms()
    sample = next(s for s in SAMPLES if s["form"] == policy.assessment_form)
    answers = dict(sample["answers"])
    # The toolkit names the partnership and who completed it; the samples name their own.
    if "details.1" in answers:
        answers["details.1"] = {"value": partnership.name}
    if "details.10" in answers:
        answers["details.10"] = {"value": f"{officer.display_name}, {officer.job_title}"}
    form = forms.form_start(partnership, policy.assessment_form, actor=officer)
    forms.form_save_answers(form.pk, answers, actor=officer)
    forms.form_submit(form.pk, actor=officer)
    for action in sample["actions"]:
        forms.action_save(form.pk, Action(**{**action, "owner": officer}), actor=officer)
    _sign_off(form)
    completed = CompletedForm.objects.select_related("template", "partnership").get(pk=form.pk)
    return form_pdf_bytes(completed, policy)


def proposal_pack(policy):
    """The demo's significant proposal as its last step's committee reads it: every earlier
    step decided, the last one waiting. None where that step is not a committee's."""
    if not policy.route_steps("proposal", "significant")[-1]["committee"]:
        return None
    proposal = (
        Proposal.objects.select_related("partnership")
        .filter(partnership__tier="significant")
        .first()
    )
    if proposal is None:
        raise CommandError("The demo has no significant proposal: run load_demo first.")
    _sign_off(proposal, "proposal", stop_before_last=True)
    proposal.refresh_from_db()
    return proposal_pdf_bytes(proposal, policy)


# What the demo officer reports, as an officer representative would: each target or outcome
# the partnership set itself, and how far it was achieved.
ACHIEVEMENT = """Outcome 1, more young people in education, employment or training: achieved. \
The share not in education, employment or training fell from 7.2% to 5.9% against a target of 6%.

Outcome 2, apprenticeships with partner employers: partly achieved. 41 started against a target \
of 50; two employers withdrew when their funding ended, and the partnership has agreed a plan \
with the remaining partners for next year.

Overall: the partnership remains focussed on its purpose and relevant to the Council's \
corporate outcomes; the Council's contribution was within the resources agreed."""


def representative_report_pack(policy):
    """The demo officer's partnership's annual report, written by the officer as its officer
    representative and sent to the committee: what the clerk takes to the meeting."""
    officer = User.objects.get(username="officer")
    keeper = User.objects.get(username="keeper")
    partnership = Partnership.objects.get(name=councils.current().officer_leads[0])
    seat = Representative(
        name=officer.display_name,
        user=officer,
        kind=Representative.Kind.OFFICER,
        role=Representative.Role.REPRESENTATIVE,
        started_on=timezone.localdate().replace(month=1, day=1),
    )
    part_save(partnership.pk, seat, actor=keeper)
    report = representative_reports.report_start(partnership.pk, ACHIEVEMENT, actor=officer)
    representative_reports.report_send(report.pk, actor=officer)
    report = RepresentativeReport.objects.select_related("partnership", "written_by").get(
        pk=report.pk
    )
    return report_pdf_bytes(report, policy)


# The routes that take something to a committee: kind, tier, pack's file, how to print it.
PACKS = [
    (register_review.ROUTE_KIND, register_review.ROUTE_TIER, "register-review-pack.pdf",
     register_review_pack),
    ("cabinet_report", "significant", "cabinet-report-pack.pdf", cabinet_report_pack),
    (reviews.ROUTE_KIND, "significant", "review-pack.pdf", review_pack),
    ("proposal", "significant", "proposal-pack.pdf", proposal_pack),
    (REPORT_ROUTE, "significant", "representative-report-pack.pdf", representative_report_pack),
]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Print the committee pack of the council whose demo is loaded (docs/samples/). "
        "Leaves no data behind."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=str(Path(settings.BASE_DIR) / "docs" / "samples"),
            help="The folder to write it to (default: docs/samples).",
        )

    def handle(self, *args, output, **options):
        policy = Policy.current()
        council = councils.council_of_register()
        if council is None or council != policy.preset:
            raise CommandError("No council's demo is loaded: run load_demo --council first.")
        folder = Path(output)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        with transaction.atomic():
            for kind, tier, name, pack in PACKS:
                if policy.has_route(kind, tier):
                    printed = pack(policy)
                    if printed is None:
                        continue
                    path = folder / f"{council}-{name}"
                    path.write_bytes(printed)
                    written.append(path)
            # Nothing done to print the packs is kept.
            transaction.set_rollback(True)
        for path in written:
            self.stdout.write(f"Wrote {path}")
        if not written:
            self.stdout.write(f"{policy.council_name} sends nothing to a committee: no pack.")
