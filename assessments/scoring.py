"""Scores (A3, A4): per question, per feature or principle, and in total."""


def rating_value(answer):
    try:
        return int((answer or {}).get("value"))
    except (TypeError, ValueError):
        return None


def scores_for(template, answers):
    """{"total", "maximum", "groups": [{"name", "score", "maximum", "answered"}]} for the
    rating questions; groups in the order the form gives them."""
    groups = {}
    total = maximum = 0
    for section in template.sections:
        for question in section.get("questions", []):
            if question["type"] != "rating":
                continue
            name = question.get("score_group") or section.get("score_group") or section["title"]
            top = len(template.scales[question["scale"]]["labels"])
            group = groups.setdefault(name, {"name": name, "score": 0, "maximum": 0, "answered": 0})
            group["maximum"] += top
            maximum += top
            value = rating_value(answers.get(question["key"]))
            if value is not None:
                group["score"] += value
                group["answered"] += 1
                total += value
    return {"total": total, "maximum": maximum, "groups": list(groups.values())}


def action_threshold(scale):
    """A5: the highest rating on the scale that needs an action, as the form's
    `prompt_action_at_or_below` says; a form that does not say prompts only at the bottom."""
    return scale.get("prompt_action_at_or_below", 1)


def _rating(labels, value):
    return f"{value} ({labels[value - 1]})"


def triggering_ratings(template, question):
    """The ratings that need an action, as the form names them: "1 (Not in place – Priority
    for action) or 2 (Partly in place – Action needed)"."""
    scale = template.scales[question["scale"]]
    threshold = action_threshold(scale)
    ratings = [_rating(scale["labels"], value) for value in range(1, threshold + 1)]
    return " or ".join(ratings)


def prompts_for_action(template, answers):
    """The rating questions answered low enough on their scale to need an action (A5), each
    with the rating given ("rated") and the ratings that need one ("triggers")."""
    low = []
    for question in template.questions():
        if question["type"] != "rating":
            continue
        scale = template.scales[question["scale"]]
        threshold = action_threshold(scale)
        value = rating_value(answers.get(question["key"]))
        if value is not None and 1 <= value <= threshold:
            low.append(
                {
                    **question,
                    "rated": _rating(scale["labels"], value),
                    "triggers": triggering_ratings(template, question),
                }
            )
    return low
