"""Loading the questionnaire templates kept in assessments/forms/ (A1)."""

import tomllib
from pathlib import Path

from django.db import transaction

from .models import ANSWER_TYPES, QuestionnaireTemplate

FORMS_DIR = Path(__file__).resolve().parent / "forms"


class TemplateError(ValueError):
    pass


def check_definition(data, name="form"):
    """The mistakes a person editing a form file can make, said plainly."""
    for field in ["key", "version", "title", "council", "source", "kind", "sections"]:
        if field not in data:
            raise TemplateError(f"{name}: '{field}' is missing")
    scales = data.get("scales", {})
    for scale_key, scale in scales.items():
        if not scale.get("labels"):
            raise TemplateError(f"{name}: scale '{scale_key}' has no labels")
        threshold = scale.get("prompt_action_at_or_below", 1)
        if type(threshold) is not int or not 0 <= threshold <= len(scale["labels"]):
            raise TemplateError(
                f"{name}: scale '{scale_key}' prompts for an action at a rating it does not "
                f"have: give a rating from 0 (none) to {len(scale['labels'])}"
            )
    seen = set()
    for section in data["sections"]:
        if not section.get("title"):
            raise TemplateError(f"{name}: a section has no title")
        for question in section.get("questions", []):
            key = question.get("key")
            if not key or not question.get("text"):
                raise TemplateError(f"{name}: a question in '{section['title']}' lacks key or text")
            if key in seen:
                raise TemplateError(f"{name}: question key '{key}' is used twice")
            seen.add(key)
            if question.get("type") not in ANSWER_TYPES:
                raise TemplateError(f"{name}: question '{key}' has an unknown type")
            if question["type"] == "rating" and question.get("scale") not in scales:
                raise TemplateError(f"{name}: question '{key}' names no scale the form has")
            if question["type"] in {"ranking", "choice"} and not question.get("options"):
                raise TemplateError(f"{name}: question '{key}' needs options")


def read_forms(directory=FORMS_DIR):
    forms = []
    for path in sorted(directory.glob("*.toml")):
        with path.open("rb") as f:
            data = tomllib.load(f)
        check_definition(data, path.name)
        forms.append(data)
    return forms


@transaction.atomic
def load_forms(directory=FORMS_DIR):
    """Stores each form version not yet stored. A stored version is never changed: a changed
    form must come with a new version number, or loading stops with an error."""
    created, unchanged = [], []
    for data in read_forms(directory):
        existing = QuestionnaireTemplate.objects.filter(
            key=data["key"], version=data["version"]
        ).first()
        if existing is not None:
            if existing.definition != data:
                raise TemplateError(
                    f"{data['key']} version {data['version']} has changed since it was loaded: "
                    "give the changed form a new version number"
                )
            unchanged.append(existing)
            continue
        created.append(
            QuestionnaireTemplate.objects.create(
                key=data["key"],
                version=data["version"],
                title=data["title"],
                council=data["council"],
                source=data["source"],
                kind=data["kind"],
                definition=data,
            )
        )
    return created, unchanged
