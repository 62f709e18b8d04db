"""The sample committee packs (docs/samples/): what each council's policy sends to a committee,
printed from its demo, leaving the demo as it was."""

from io import StringIO

import pytest
from django.core.management import call_command

from accounts.roles import Role
from approvals.models import Decision
from assessments.models import CompletedForm
from proposals.models import Proposal
from register_review.models import RegisterReview
from reviews.models import RepresentativeReport, Review, ReviewState
from tests.pdf import ends_with_a_blank_page, pdf_text, words

pytestmark = pytest.mark.django_db

# What each council's pack is and words it must carry, from its own framework.
PROPOSAL = "Partnership proposal"
PACKS = {
    "south-derbyshire": (
        ["proposal-pack.pdf", "register-review-pack.pdf", "review-pack.pdf"],
        # Its proposal is its Partnership Information Form, in its own name.
        [
            "Partnership Information Form",
            "Report to SMT and Leading Members",
            "Partnership Assessment",
        ],
    ),
    "chorley": (
        ["cabinet-report-pack.pdf", "proposal-pack.pdf"],
        ["Key partnership performance report", PROPOSAL],
    ),
    "melton": (
        ["proposal-pack.pdf", "review-pack.pdf"],
        [PROPOSAL, "Partnership Evaluation Toolkit"],
    ),
    "northamptonshire": (
        ["proposal-pack.pdf", "representative-report-pack.pdf"],
        [PROPOSAL, "Officer representative's annual report to Corporate Management Team (CMT)"],
    ),
    # Its significant proposal goes to the Corporate Leadership Team, then Cabinet.
    "nottinghamshire": (["proposal-pack.pdf"], [PROPOSAL]),
}


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True  # the demo's accounts load only in development


def packs(council, folder):
    call_command("load_demo", "--council", council, stdout=StringIO())
    before = (
        RegisterReview.objects.open().count(),
        Review.objects.filter(state=ReviewState.COMPLETED).count(),
        CompletedForm.objects.count(),
        Decision.objects.count(),
        RepresentativeReport.objects.count(),
    )
    out = StringIO()
    call_command("committee_pack_samples", output=str(folder), stdout=out)
    after = (
        RegisterReview.objects.open().count(),
        Review.objects.filter(state=ReviewState.COMPLETED).count(),
        CompletedForm.objects.count(),
        Decision.objects.count(),
        RepresentativeReport.objects.count(),
    )
    assert after == before, "printing the pack left data behind"
    return sorted(path.name for path in folder.iterdir()), out.getvalue()


@pytest.mark.parametrize("council", sorted(PACKS))
def test_it_prints_the_councils_committee_pack_from_its_demo(council, tmp_path):
    names, headings = PACKS[council]
    written, _out = packs(council, tmp_path)
    assert written == [f"{council}-{name}" for name in names]
    for name, heading in zip(written, headings, strict=True):
        pdf = (tmp_path / name).read_bytes()
        assert heading in words(pdf_text(pdf)), name
        assert not ends_with_a_blank_page(pdf)


def test_a_proposal_pack_is_what_its_last_committee_reads(tmp_path):
    packs("nottinghamshire", tmp_path)
    text = words(pdf_text((tmp_path / "nottinghamshire-proposal-pack.pdf").read_bytes()))
    # Head of Service and the Corporate Leadership Team have decided; Cabinet has it now.
    assert "Corporate Leadership Team" in text
    assert "Awaiting a decision" in text
    assert "Not reached" not in text
    # The senior partnership sponsor the demo's proposal names (000 s4.1).
    sponsor = Proposal.objects.get().partnership.sponsor
    assert sponsor is not None and sponsor.role == Role.SMT
    assert f"Senior partnership sponsor {sponsor.display_name}" in text
