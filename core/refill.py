"""Puts answers back into a page's form, as if the person had just typed them again."""

import lxml.html

# Hidden fields are put back too: a record's version as it was when the person began means
# that a change someone else made meanwhile is shown to them, not silently overwritten.
# Buttons only say which one was pressed; files and passwords are never kept.
NOT_REFILLED = {"submit", "button", "image", "reset", "file", "password"}


def _posts_to(form, path):
    action = (form.get("action") or "").split("?")[0]
    return (form.get("method") or "").lower() == "post" and action in ("", path)


def _refill(form, data):
    for element in form.xpath(".//input | .//textarea | .//select"):
        name = element.get("name")
        kind = (element.get("type") or "text").lower()
        if not name or (element.tag == "input" and kind in NOT_REFILLED):
            continue
        values = data.get(name, [])
        # A box left unticked is not sent at all; any other field missing was not typed in.
        if name not in data and kind not in ("checkbox", "radio"):
            continue
        if element.tag == "textarea":
            element.text = values[0] if values else ""
        elif element.tag == "select":
            for option in element.xpath(".//option"):
                chosen = option.get("value", option.text_content()) in values
                if chosen:
                    option.set("selected", "selected")
                elif "selected" in option.attrib:
                    del option.attrib["selected"]
        elif kind in ("checkbox", "radio"):
            if element.get("value", "on") in values:
                element.set("checked", "checked")
            elif "checked" in element.attrib:
                del element.attrib["checked"]
        elif values:
            element.set("value", values[0])


def refill(html, path, data):
    """The page with the form that posts to `path` filled in from `data` (name -> values).

    Returns the page unchanged, and False, when it holds no such form."""
    document = lxml.html.document_fromstring(html)
    forms = [form for form in document.forms if _posts_to(form, path)]
    # The page's main form is the one that takes the most of the kept fields.
    forms.sort(key=lambda form: -len(set(form.fields.keys()) & set(data)))
    if not forms or not set(forms[0].fields.keys()) & set(data):
        return html, False
    _refill(forms[0], data)
    return lxml.html.tostring(document, doctype="<!DOCTYPE html>", encoding="unicode"), True
