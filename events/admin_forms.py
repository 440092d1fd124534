"""Wagtail admin forms for the agenda: the double-booking checks organisers see."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from events.models import User
from events.selectors import speaker_clash_list


def _clash_message(speaker_name: str, clash) -> str:
    return _("%(speaker)s already speaks at “%(title)s” then (%(start)s).") % {
        "speaker": speaker_name,
        "title": clash.title,
        "start": clash.start.astimezone(clash.event.tz).strftime("%Y-%m-%d %H:%M %Z"),
    }


class SessionAdminForm(WagtailAdminModelForm):
    """Refuses a new time that double-books one of the session's speakers.

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


class PersonByEmailField(forms.EmailField):
    """A person named by their account's e-mail address, instead of a list of
    every account on the site (names and addresses organisers must not browse)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("E-mail address of their account"))
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


class SpeakerAdminForm(WagtailAdminModelForm):
    user = PersonByEmailField()
