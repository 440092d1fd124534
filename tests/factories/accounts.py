import factory
from factory.django import DjangoModelFactory

from accounts.models import User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    name_ko = factory.Sequence(lambda n: f"김{n}")
    organisation = factory.SubFactory("tests.factories.events.OrganisationFactory")
    password = factory.django.Password("pw-for-tests")
