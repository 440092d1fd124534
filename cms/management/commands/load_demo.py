from django.core.management.base import BaseCommand

from accounts.models import User
from cms.demo.loader import load
from cms.demo.pages import build_site
from events.demo.common import DEMO_PASSWORD
from events.models import Event, Organisation, Session, Speaker
from registration.models import Registration

LOGINS = [
    ("organiser (all three events)", "organiser@convene.test"),
    ("ASCO delegation organiser (that event only)", "asco.organiser@convene.test"),
    ("page editor (KIC pages only)", "editor@convene.test"),
    ("attendee (registered for the conference and the forum)", "attendee@convene.test"),
    ("newcomer (nothing booked yet: the README's walk)", "newcomer@convene.test"),
    ("exhibitor contact", "exhibitor@convene.test"),
    ("check-in staff", "checkin@convene.test"),
    ("partnering investor", "investor@convene.test"),
    ("partnering biotech", "biotech@convene.test"),
    ("delegation applicant", "applicant@convene.test"),
    ("delegation reviewer", "reviewer@convene.test"),
    ("delegate", "delegate@convene.test"),
    ("site administrator", "admin@convene.test"),
]


class Command(BaseCommand):
    help = "Load the demo events, people and pages (seeded; safe to run again)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2027)

    def handle(self, *args, seed: int, **options):
        load(seed=seed)
        build_site()
        counts = {
            "events": Event.objects.count(),
            "sessions": Session.objects.count(),
            "speakers": Speaker.objects.count(),
            "organisations": Organisation.objects.count(),
            "people": User.objects.count(),
            "registrations": Registration.objects.count(),
        }
        self.stdout.write(
            "Demo loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items())
        )
        self.stdout.write(
            f"Sign in at /en/accounts/login/ or /admin/ (Wagtail; /django-admin/ is the site administrator's) with password {DEMO_PASSWORD!r}:"
        )
        for role, email in LOGINS:
            self.stdout.write(f"  {role:<44} {email}")
        self.stdout.write(
            "Partnering: /en/partnering/kbif-2027/ (organiser: …/organiser/schedule/)"
        )
        self.stdout.write(
            "Delegations: /en/delegation/ (organiser: /en/delegation/organise/)"
        )
