import copy

import pytest

from assessments.models import QuestionnaireTemplate
from tests.factories import PartnershipFactory

# A small form in the shape of South Derbyshire's assessment: two features rated 1-4 with
# evidence, and a free-text question.
FORM = {
    "key": "test-assessment",
    "version": 1,
    "title": "Partnership Assessment",
    "council": "South Derbyshire District Council",
    "source": "Appendix 3",
    "kind": "assessment",
    "scales": {
        "standard": {
            "labels": ["Not in place", "Partly in place", "Mostly in place", "Standard met"],
            "prompt_action_at_or_below": 1,
        }
    },
    "sections": [
        {
            "key": "1",
            "title": "Shared vision",
            "questions": [
                {"key": "1.1", "text": "The partners share a vision", "type": "rating",
                 "scale": "standard", "evidence": True},
            ],
        },
        {
            "key": "2",
            "title": "Clear roles",
            "questions": [
                {"key": "2.1", "text": "Roles are clear", "type": "rating", "scale": "standard",
                 "evidence": True},
                {"key": "2.2", "text": "What would help most?", "type": "text"},
            ],
        },
    ],
}  # fmt: skip


@pytest.fixture
def form_definition():
    return copy.deepcopy(FORM)


@pytest.fixture
def template(db, form_definition):
    data = form_definition
    return QuestionnaireTemplate.objects.create(
        key=data["key"],
        version=data["version"],
        title=data["title"],
        council=data["council"],
        source=data["source"],
        kind=data["kind"],
        definition=data,
    )


@pytest.fixture
def led_partnership(officer):
    return PartnershipFactory(
        name="Community Safety Partnership", lead_officer=officer, lead_service=officer.service
    )
