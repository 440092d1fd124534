import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from events.dates import date_text
from events.validators import validate_timezone
from matchmaking.enums import Outcome, Priority, TagCategory, TicketSize
from matchmaking.models import OrganisationProfile, Participant, Slot, Table, Tag
from matchmaking.models.releases import when_text


class TagChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Tag) -> str:
        return f"{TagCategory(obj.category).label}: {obj.name}"


def _pitch(label) -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )


def _tags(label, help_text) -> TagChoice:
    return TagChoice(
        label=label,
        queryset=Tag.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


OWN_TAGS_HELP = _(
    "Your organisation's profile counts too; tick only what you add to it."
)


class ProfileForm(forms.Form):
    pitch_en = _pitch(_("Pitch (English)"))
    pitch_ko = _pitch(_("Pitch (Korean)"))
    offers = _tags(_("We offer"), OWN_TAGS_HELP)
    seeks = _tags(_("We seek"), OWN_TAGS_HELP)
    investment_focus = forms.CharField(
        label=_("Investment focus"), required=False, max_length=300
    )
    ticket_size = forms.ChoiceField(
        label=_("Ticket size"),
        choices=[("", "—"), *TicketSize.choices],
        required=False,
    )
    blocked_slots = forms.ModelMultipleChoiceField(
        label=_("Times I am not available"),
        queryset=Slot.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Sessions you speak at are blocked for you automatically."),
    )
    timezone = forms.CharField(
        label=_("Show times in this zone"),
        required=False,
        validators=[validate_timezone],
        help_text=_("IANA name, e.g. Europe/Berlin; empty for the event's zone."),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        slots = Slot.objects.filter(event=event).select_related("event")
        self.fields["blocked_slots"].queryset = slots

    @classmethod
    def initial_for(cls, participant: Participant | None) -> dict:
        if participant is None:
            return {}
        return {
            "pitch_en": participant.pitch_en,
            "pitch_ko": participant.pitch_ko,
            "offers": list(participant.offers.all()),
            "seeks": list(participant.seeks.all()),
            "investment_focus": participant.investment_focus,
            "ticket_size": participant.ticket_size,
            "timezone": participant.timezone,
            "blocked_slots": list(participant.blocked_slots.all()),
        }


class OrganisationProfileForm(forms.Form):
    """What the organisation offers and seeks; every participant of it shows this."""

    pitch_en = _pitch(_("Pitch (English)"))
    pitch_ko = _pitch(_("Pitch (Korean)"))
    offers = _tags(
        _("We offer"),
        _(
            "Therapeutic areas, modalities and stages of your assets; a CRO's "
            "services; the regions you work in."
        ),
    )
    seeks = _tags(
        _("We seek"), _("What you look for in partners: an investor's focus, say.")
    )
    investment_focus_en = forms.CharField(
        label=_("Investment focus (English)"), required=False, max_length=300
    )
    investment_focus_ko = forms.CharField(
        label=_("Investment focus (Korean)"), required=False, max_length=300
    )
    ticket_size = forms.ChoiceField(
        label=_("Ticket size"),
        choices=[("", "—"), *TicketSize.choices],
        required=False,
    )

    @classmethod
    def initial_for(cls, profile: OrganisationProfile) -> dict:
        if profile.pk is None:
            return {}
        return {
            "pitch_en": profile.pitch_en,
            "pitch_ko": profile.pitch_ko,
            "offers": list(profile.offers.all()),
            "seeks": list(profile.seeks.all()),
            "investment_focus_en": profile.investment_focus_en,
            "investment_focus_ko": profile.investment_focus_ko,
            "ticket_size": profile.ticket_size,
        }


class RequestForm(forms.Form):
    message = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        coerce=int,
        initial=Priority.NORMAL,
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=300
    )


class ProposeForm(forms.Form):
    slot = forms.ModelChoiceField(label=_("Another time"), queryset=Slot.objects.none())

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = Slot.objects.filter(event=event).select_related(
            "event"
        )


class FeedbackForm(forms.Form):
    # No outcome is preset: an untouched form must not record a follow-up.
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("", "—"), *Outcome.choices]
    )
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[("", "—")] + [(i, str(i)) for i in range(1, 6)],
        coerce=int,
        empty_value=None,
        required=False,
    )
    comment = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


class ColleagueForm(forms.Form):
    colleague = forms.ModelChoiceField(
        label=_("Colleague"), queryset=Participant.objects.none()
    )

    def __init__(self, *args, colleagues, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["colleague"]
        field.queryset = colleagues
        # Read once: My meetings renders this select for every meeting.
        field.choices = list(field.choices)


REPAIR, FULL = "repair", "full"


class RunForm(forms.Form):
    time_limit = forms.IntegerField(
        label=_("Time limit (seconds)"), min_value=1, max_value=3600, initial=10
    )
    mode = forms.ChoiceField(
        label=_("What to plan"),
        choices=[
            (
                REPAIR,
                _(
                    "Repair the published schedule: keep every meeting that can "
                    "stay, place new ones, move as few as possible (recommended)"
                ),
            ),
            (
                FULL,
                _(
                    "Plan everything again from scratch: any published meeting "
                    "may move (asked first)"
                ),
            ),
        ],
        initial=REPAIR,
        required=False,  # a form without the choice repairs
        widget=forms.RadioSelect,
    )

    def clean_mode(self) -> str:
        return self.cleaned_data.get("mode") or REPAIR


class ImportForm(forms.Form):
    solution = forms.FileField(label=_("Solution (partnering-solution/1 JSON)"))


class MustMeetForm(forms.Form):
    first = forms.ModelChoiceField(
        label=_("Participant"), queryset=Participant.objects.none()
    )
    second = forms.ModelChoiceField(
        label=_("Meets"), queryset=Participant.objects.none()
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first"].queryset = participants
        self.fields["second"].queryset = participants


class _LocalSlot(forms.ModelChoiceField):
    def label_from_instance(self, obj: Slot) -> str:
        return when_text(obj.start.isoformat(), obj.event)


class MeetingFilterForm(forms.Form):
    """The organiser's meetings list: one person's, one day's, or all."""

    person = forms.ModelChoiceField(
        label=_("Person"),
        queryset=Participant.objects.none(),
        required=False,
        empty_label=_("Everyone"),
    )
    day = forms.TypedChoiceField(
        label=_("Day"), required=False, coerce=dt.date.fromisoformat, empty_value=None
    )

    def __init__(self, *args, event, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = participants
        self.fields["day"].choices = [("", _("All days"))] + [
            (day.isoformat(), date_text(day, "DAY_FORMAT")) for day in event.days()
        ]


class MoveForm(forms.Form):
    slot = _LocalSlot(label=_("New time"), queryset=Slot.objects.none())
    table = forms.ModelChoiceField(label=_("Table"), queryset=Table.objects.none())

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slot"].queryset = Slot.objects.filter(event=event).select_related(
            "event"
        )
        self.fields["table"].queryset = Table.objects.filter(event=event)
