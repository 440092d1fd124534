"""Wagtail admin forms for the agenda: the double-booking checks organisers see."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminModelForm

from events.selectors import speaker_clash_list
from events.wagtail_forms import EventLocalTimesForm, PersonByEmailField


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
