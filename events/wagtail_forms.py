"""Wagtail admin forms for the organiser's ticketing and team snippets.

Times are shown and typed in the event's own zone (a Seoul sale opens at 09:00
Seoul time whatever the organiser's admin zone), amounts are labelled with the
event's currency, and a team role names its person by e-mail address, so the
form never lists every account.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column

from accounts.models import User
from events.localtime import local_text, zone_caption
from events.models import Event, EventTeamMember
from events.selectors import speaker_clash_list


def event_of(instance) -> Event | None:
    """The instance's event, or None while a new row has none yet."""
    if getattr(instance, "event_id", None) is None:
        return None
    return instance.event


def local_time_column(name: str, label) -> Column:
    """A list column showing the row's `name` time on its event's clock."""
    return Column(
        name,
        label=label,
        accessor=lambda row: local_text(getattr(row, name), row.event),
    )


class EventLocalTimes:
    """Every date-time field is shown and read in the event's zone, and says so.

    Wagtail reads admin date-times in the user's own zone (UTC unless they chose
    one), Django's admin in the server's (UTC); a session, a sale window or a
    deadline belongs to the event's place, as on the delegation set-up page. The
    typed wall-clock time is kept and re-zoned to the event chosen in the form
    (or the row's event) before the model is validated. Mixed into a model form
    (the Wagtail snippets' and the Django admin's).
    """

    def zone_of(self, event: Event) -> ZoneInfo:
        """The clock this form's times are on (a delegation programme's
        deadlines are Korea's, whatever the host city)."""
        return event.tz

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        event = event_of(self.instance)
        if event is None:
            zone = _("Time in the event's zone.")
        else:
            zone = _("Time in the event's zone (%(zone)s).") % {
                "zone": zone_caption(self.zone_of(event), event.starts_at)
            }
        for name, field in self._datetime_fields():
            value = self.initial.get(name)
            if event is not None and isinstance(value, dt.datetime):
                self.initial[name] = timezone.make_naive(value, self.zone_of(event))
            field.help_text = (
                format_lazy("{} {}", field.help_text, zone) if field.help_text else zone
            )

    def _datetime_fields(self):
        kinds = (forms.DateTimeField, forms.SplitDateTimeField)
        return [
            (name, field)
            for name, field in self.fields.items()
            if isinstance(field, kinds)
        ]

    def clean(self):
        cleaned = super().clean()
        event = cleaned.get("event") or event_of(self.instance)
        if not isinstance(event, Event):
            return cleaned
        current = timezone.get_current_timezone()
        for name, _field in self._datetime_fields():
            value = cleaned.get(name)
            if isinstance(value, dt.datetime) and timezone.is_aware(value):
                wall = timezone.make_naive(value, current)
                cleaned[name] = timezone.make_aware(wall, self.zone_of(event))
        return cleaned


class EventLocalTimesForm(EventLocalTimes, WagtailAdminModelForm):
    """A Wagtail snippet's form on the event's clock (see `EventLocalTimes`)."""


class EventLocalTimesAdminForm(EventLocalTimes, forms.ModelForm):
    """A Django admin form on the event's clock (see `EventLocalTimes`)."""


class PersonByEmailField(forms.EmailField):
    """A person named by their account's e-mail address, instead of a list of
    every account on the site (names and addresses organisers must not browse)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", gettext_lazy("E-mail address of their account"))
        kwargs.setdefault("max_length", 254)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, int):
            value = User.objects.filter(pk=value).first()
        return value.email if isinstance(value, User) else value

    def clean(self, value):
        return person_by_email(super().clean(value))


def person_by_email(email: str) -> User:
    """The active account signing in with `email` (any case), or a form error."""
    user = User.objects.filter(email__iexact=email, is_active=True).first()
    if user is None:
        raise ValidationError(_("No active account uses this e-mail address."))
    return user


class TeamMemberForm(WagtailAdminModelForm):
    """A role for one person on one event, the person named by e-mail address.

    A select of every account would show the whole user list to each organiser;
    an address they already know finds exactly one person, or an error.
    """

    email = forms.EmailField(
        label=capfirst(gettext_lazy("e-mail address")),
        help_text=gettext_lazy(
            "The address the person signs in with; they need an account."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if getattr(self.instance, "user_id", None) is not None:
            self.initial["email"] = self.instance.user.email

    def clean_email(self) -> str:
        user = person_by_email(self.cleaned_data["email"])
        self.instance.user = user
        return user.email

    def clean(self):
        cleaned = super().clean()
        event, role = cleaned.get("event"), cleaned.get("role")
        user = self.instance.user if self.instance.user_id else None
        if event is not None and role and user is not None:
            taken = EventTeamMember.objects.filter(event=event, user=user, role=role)
            if taken.exclude(pk=self.instance.pk).exists():
                raise ValidationError(_("This person already has this role here."))
        return cleaned


def both_languages(name: str, heading) -> MultiFieldPanel:
    """The English and Korean columns of one translated field, side by side."""
    return MultiFieldPanel(
        [FieldPanel(f"{name}_en"), FieldPanel(f"{name}_ko")], heading=heading
    )


def _clash_message(speaker_name: str, clash) -> str:
    return _("%(speaker)s already speaks at “%(title)s” then (%(start)s).") % {
        "speaker": speaker_name,
        "title": clash.title,
        "start": clash.start.astimezone(clash.event.tz).strftime("%Y-%m-%d %H:%M %Z"),
    }


class SessionAdminForm(EventLocalTimesForm):
    """Times typed and shown in the event's zone; refuses a new time that
    double-books one of the session's speakers.

    Room clashes are refused by `Session.clean()` (and by the database).
    """

    def clean(self):
        cleaned = super().clean()
        session = self.instance
        start, end = cleaned.get("start"), cleaned.get("end")
        if session.pk is None or not (start and end and cleaned.get("event")):
            return cleaned
        names = {r.speaker_id: str(r.speaker) for r in _roles(session)}
        clashes = speaker_clash_list(
            event_id=cleaned["event"].pk,
            start=start,
            end=end,
            speaker_ids=names,
            exclude=session.pk,
        ).select_related("event")
        for clash in clashes:
            for role in _roles(clash):
                if role.speaker_id in names:
                    message = _clash_message(names[role.speaker_id], clash)
                    self.add_error(None, ValidationError(message))
        return cleaned


def _roles(session):
    return session.session_speakers.select_related("speaker__user")


class SessionSpeakerAdminForm(WagtailAdminModelForm):
    """Refuses to put a speaker on a session that overlaps another of theirs."""

    def clean(self):
        cleaned = super().clean()
        session, speaker = cleaned.get("session"), cleaned.get("speaker")
        if session is None or speaker is None:
            return cleaned
        clash = (
            speaker_clash_list(
                event_id=session.event_id,
                start=session.start,
                end=session.end,
                speaker_ids=[speaker.pk],
                exclude=session.pk,
            )
            .select_related("event")
            .first()
        )
        if clash is not None:
            raise ValidationError(_clash_message(str(speaker), clash))
        return cleaned


class SpeakerAdminForm(WagtailAdminModelForm):
    user = PersonByEmailField()
