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


def prompts_for_action(template, answers):
    """The rating questions answered at the bottom of their scale (A5)."""
    low = []
    for question in template.questions():
        if question["type"] != "rating":
            continue
        threshold = template.scales[question["scale"]].get("prompt_action_at_or_below", 1)
        value = rating_value(answers.get(question["key"]))
        if value is not None and value <= threshold:
            low.append(question)
    return low
