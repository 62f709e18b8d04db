import factory

from accounts.models import Service, User
from accounts.roles import Role
from partnerships.models import Kind, Partnership, Status, Tier

PASSWORD = "correct-horse-battery"


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Service {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    role = Role.OFFICER
    service = factory.SubFactory(ServiceFactory)
    password = factory.django.Password(PASSWORD)
    is_staff = factory.LazyAttribute(lambda u: u.role == Role.ADMIN)
    is_superuser = factory.LazyAttribute(lambda u: u.role == Role.ADMIN)


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    reference = factory.Sequence(lambda n: f"T{n:05d}")
    name = factory.Sequence(lambda n: f"Partnership {n:04d}")
    kind = Kind.PARTNERSHIP
    status = Status.ACTIVE
    tier = Tier.STANDARD
    lead_service = factory.SubFactory(ServiceFactory)
    remit = "To work together for local people."
    monitoring_arrangements = "Quarterly reports to the partnership board."


class StrategicObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.StrategicObjective"
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Strategic objective {n}")


class PartnerOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.PartnerOrganisation"

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Partner organisation {n}")
    sector = "public"
    agreed_to_participate = "yes"


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Representative"

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Faker("name")
    kind = "officer"
    role = "representative"
    started_on = factory.Faker("date_between", start_date="-3y", end_date="-1y")


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Resource"

    partnership = factory.SubFactory(PartnershipFactory)
    financial_year = "2026/27"
    kind = "funding"
    amount = 10000
    within_budget = True


class RiskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "partnerships.Risk"

    partnership = factory.SubFactory(PartnershipFactory)
    description = "A partner withdraws its funding."
    likelihood = 2
    impact = 3
    owner = "Head of Service"
    controls = "Quarterly finance reports to the board."
