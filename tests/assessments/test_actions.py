"""Action plans arising from assessments (A5)."""

import datetime

from accounts.roles import Role
from assessments import services
from assessments.models import Action
from tests.assessments.test_engine import answer, complete


def add(client, form, **changes):
    data = {
        "description": "Agree a shared plan with the partners",
        "term": "quick_win",
        "deadline_0": "31",
        "deadline_1": "3",
        "deadline_2": "2027",
        "measures": "Plan signed by all partners",
        "status": "open",
    }
    data.update(changes)
    return client.post(f"/assessments/forms/{form.pk}/actions/add/", data)


def test_a_low_rating_prompts_for_an_action_and_one_can_be_added(
    template, led_partnership, officer, signed_in
):
    form = complete(officer, led_partnership, {"1.1": answer("1"), "2.1": answer("3"),
                                               "2.2": answer("x")})  # fmt: skip
    client = signed_in(officer)
    page = client.get(f"/assessments/forms/{form.pk}/").content.decode()
    assert "Each of these was rated low enough to need an action" in page
    # Melton: the prompt names the ratings that trigger it.
    assert "rated 1 (Not in place); a rating of 1 (Not in place) needs an action" in page
    assert "?question=1.1" in page
    response = add(client, form, owner=officer.pk)
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.deadline == datetime.date(2027, 3, 31)
    assert action.history.get().history_user == officer
    assert "Agree a shared plan" in client.get(f"/assessments/forms/{form.pk}/").content.decode()


def test_an_action_needs_an_owner_and_a_real_deadline(template, led_partnership, officer,
                                                      signed_in):  # fmt: skip
    form = complete(officer, led_partnership)
    response = add(signed_in(officer), form, deadline_0="31", deadline_1="2")
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert "Select who owns the action" in body
    assert not Action.objects.exists()


def test_only_those_who_may_complete_the_form_plan_actions(
    template, led_partnership, officer, make_user, signed_in
):
    form = complete(officer, led_partnership)
    member = make_user(Role.MEMBER)
    assert add(signed_in(member), form, owner=member.pk).status_code == 403
    assert not Action.objects.exists()


def test_the_owner_updates_their_action_and_sees_it_when_overdue(
    template, led_partnership, officer, make_user, signed_in, keeper
):
    owner = make_user(Role.OFFICER, username="owner")
    form = complete(officer, led_partnership)
    action = services.action_save(
        form.pk,
        Action(description="Refresh the terms of reference", owner=owner,
               deadline=datetime.date(2020, 1, 31)), actor=officer,
    )  # fmt: skip
    client = signed_in(owner)
    tasks = client.get("/").context["tasks"]
    assert [t.kind for t in tasks] == ["Overdue action"]
    response = client.post(
        f"/assessments/forms/{form.pk}/actions/{action.pk}/",
        {"description": action.description, "term": "quick_win", "owner": owner.pk,
         "deadline_0": "31", "deadline_1": "1", "deadline_2": "2020", "status": "done"},
    )  # fmt: skip
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == Action.Status.DONE
    assert client.get("/").context["tasks"] == []


def test_the_register_keeper_sees_every_overdue_action(
    template, led_partnership, officer, keeper, signed_in
):
    form = complete(officer, led_partnership)
    services.action_save(
        form.pk,
        Action(description="Late", owner=officer, deadline=datetime.date(2020, 1, 1)),
        actor=officer,
    )
    kinds = [t.kind for t in signed_in(keeper).get("/").context["tasks"]]
    assert kinds == ["Overdue action"]
