"""Delegation forms: they parse and check input; services decide and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from delegations.enums import (
    DECISIONS,
    ApplicationStatus,
    DelegateRole,
    ReportedOutcome,
)
from delegations.models import (
    MAX_DOCUMENT_BYTES,
    Delegate,
    DelegationApplication,
    DelegationProgramme,
    ProgrammeOutcomeReport,
    TrialAttracted,
    document_kind,
)
from delegations.selectors import outcome_label
from delegations.services import DelegateIn
from delegations.services.itinerary import ITEM_FIELDS, PROGRAMME_FIELDS
from events.enums import EventKind, SessionKind
from events.models import Room
from registration.models import TicketType

SCORES = [(n, str(n)) for n in range(1, 6)]


class ApplicationForm(forms.ModelForm):
    class Meta:
        model = DelegationApplication
        fields = [
            "company_profile",
            "employees",
            "pipeline",
            "goals",
            "target_partners",
        ]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5})
            for name in ("company_profile", "pipeline", "goals", "target_partners")
        }
        help_texts = {
            "company_profile": _("What the company does, its size and its sites."),
            "pipeline": _("Products and assets, their indication, modality and stage."),
            "goals": _("What the company wants from this congress."),
            "target_partners": _("The partners it hopes to meet (kinds or names)."),
        }


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    file = forms.FileField(
        label=_("Document"),
        help_text=_("PDF, Word (.docx) or PowerPoint (.pptx), at most %(mb)s MB.")
        % {"mb": MAX_DOCUMENT_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".pdf,.docx,.pptx,application/pdf,application/"
                "vnd.openxmlformats-officedocument.wordprocessingml.document,"
                "application/vnd.openxmlformats-officedocument.presentationml."
                "presentation"
            }
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        document_kind(upload)
        return upload


class DecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s, ApplicationStatus(s).label) for s in DECISIONS],
    )
    note = forms.CharField(
        label=_("Note to the company"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class BulkDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[(s, ApplicationStatus(s).label) for s in DECISIONS],
    )
    applications = forms.ModelMultipleChoiceField(
        queryset=DelegationApplication.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, applications=None, **kwargs):
        super().__init__(*args, **kwargs)
        if applications is not None:
            self.fields["applications"].queryset = applications


class AssignReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=User.objects.none())

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is not None:
            self.fields["reviewer"].queryset = candidates


class ReviewForm(forms.Form):
    fit = forms.TypedChoiceField(
        label=_("Fit with the programme"), choices=SCORES, coerce=int
    )
    readiness = forms.TypedChoiceField(
        label=_("Readiness for global partners"), choices=SCORES, coerce=int
    )
    potential = forms.TypedChoiceField(
        label=_("Partnering potential"), choices=SCORES, coerce=int
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class DelegateForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail"), max_length=User._meta.get_field("email").max_length
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    name_ko = forms.CharField(label=_("Name in Korean"), max_length=150, required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=200, required=False)
    # A blank first choice, so the formset's untouched extra rows stay unchanged.
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "---------"), *DelegateRole.choices]
    )

    def person(self) -> DelegateIn:
        return DelegateIn(**self.cleaned_data)


class BaseDelegateFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        emails = [
            f.cleaned_data["email"].lower()
            for f in self.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        if len(emails) != len(set(emails)):
            raise ValidationError(_("Each delegate needs their own e-mail address."))

    def people(self) -> list[DelegateIn]:
        return [f.person() for f in self.forms if f.cleaned_data]


def delegate_formset(*, limit: int):
    return forms.formset_factory(
        DelegateForm,
        formset=BaseDelegateFormSet,
        extra=limit,
        min_num=1,
        max_num=limit,
        validate_min=True,
        validate_max=True,
    )


class MeetingOutcomeForm(forms.Form):
    """One meeting's outcome, tied to one of the company's own meetings (offered
    with their local time and counterpart) or, for a meeting in none of them,
    with whom and when typed."""

    source = forms.ChoiceField(
        label=_("Meeting"),
        required=False,
        help_text=_(
            "Your company's partnering meetings and itinerary items. For a meeting "
            "that is in neither, leave this empty and say whom you met and when."
        ),
    )
    counterpart = forms.CharField(
        label=_("Met with (organisation)"),
        max_length=200,
        required=False,
        help_text=_("Filled in from a partnering meeting."),
    )
    held_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Taken from the meeting when you choose one."),
    )
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ReportedOutcome.choices)
    notes = forms.CharField(
        label=_("Notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, meetings=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {m.key: m for m in meetings}
        partnering = [(m.key, m.label) for m in meetings if m.meeting is not None]
        items = [(m.key, m.label) for m in meetings if m.session is not None]
        choices = [("", _("None of these: I type whom and when"))]
        if partnering:
            choices.append((_("Partnering meetings"), partnering))
        if items:
            choices.append((_("Itinerary items"), items))
        self.fields["source"].choices = choices

    def clean(self):
        data = super().clean()
        if not data.get("source"):
            for name in ("counterpart", "held_on"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(
                        name, _("Needed when the meeting is not in the list.")
                    )
        return data

    def report_fields(self) -> dict:
        """The service's arguments: the chosen meeting or item, or neither."""
        data = dict(self.cleaned_data)
        chosen = self.meetings.get(data.pop("source") or "")
        data["meeting"] = chosen.meeting if chosen else None
        data["session"] = chosen.session if chosen else None
        return data


class TrialForm(forms.ModelForm):
    """One trial attracted, optionally tied to the reported meeting it came from."""

    class Meta:
        model = TrialAttracted
        fields = [
            "sponsor",
            "title",
            "identifier",
            "phase",
            "multi_regional",
            "korea_sites",
            "outcome",
        ]

    def __init__(self, *args, application, **kwargs):
        super().__init__(*args, **kwargs)
        event = application.programme.event
        outcomes = application.outcomes.select_related("meeting__slot", "session")
        field = self.fields["outcome"]
        field.queryset = outcomes.order_by("held_on", "pk")
        field.label_from_instance = lambda o: outcome_label(o, event)
        field.empty_label = _("Not from a reported meeting")

    def validate_unique(self):
        """The service corrects a trial listed twice instead of refusing it."""


class ProgrammeReportForm(forms.ModelForm):
    """The programme as a whole. A bare number of trials reported before the
    list existed is shown only while there is one, and may only go down."""

    class Meta:
        model = ProgrammeOutcomeReport
        fields = [
            "trials_without_details",
            "agreements_signed",
            "satisfaction",
            "comments",
        ]
        widgets = {"comments": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "trials_without_details": _(
                "Reported earlier as a number only. Lower it as you list each "
                "trial above."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = self.instance.trials_without_details if self.instance.pk else 0
        if earlier:
            self.fields["trials_without_details"].max_value = earlier
            self.fields["trials_without_details"].widget.attrs["max"] = earlier
            self.fields["trials_without_details"].validators.append(
                MaxValueValidator(earlier)
            )
        else:
            del self.fields["trials_without_details"]


class OutcomeFilterForm(forms.Form):
    year = forms.TypedChoiceField(
        label=_("Year"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[
            ("", _("Programmes and forums")),
            (EventKind.DELEGATION, EventKind.DELEGATION.label),
            (EventKind.FORUM, EventKind.FORUM.label),
        ],
    )

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All years"))] + [
            (y, str(y)) for y in years
        ]


class ProgrammeSetupForm(forms.ModelForm):
    """The call's set-up. The view renders and reads the deadlines in Korea time
    (applicants are Korean companies), under `timezone.override`."""

    class Meta:
        model = DelegationProgramme
        fields = list(PROGRAMME_FIELDS)
        widgets = {
            "host_start_date": forms.DateInput(attrs={"type": "date"}),
            "host_end_date": forms.DateInput(attrs={"type": "date"}),
            "host_timezone": forms.TextInput(attrs={"list": "timezones"}),
            "applications_open_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "application_deadline": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "eligibility": forms.Textarea(attrs={"rows": 3}),
            "venue_notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "host_timezone": _(
                "The host city's IANA zone, e.g. America/Chicago; the itinerary is "
                "shown in it."
            ),
            "applications_open_at": _("Korea time."),
            "application_deadline": _("Korea time."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The ticket each named delegate's registration carries: this event's.
        self.fields["delegate_ticket"].queryset = TicketType.objects.filter(
            event_id=self.instance.event_id
        )


LOCAL = "%Y-%m-%dT%H:%M"


class ItineraryItemForm(forms.Form):
    """An itinerary item in the host city's time (the view overrides the zone),
    and who it is for: everyone, or the chosen delegates and companies."""

    title_en = forms.CharField(label=_("Title (English)"), max_length=300)
    title_ko = forms.CharField(
        label=_("Title (Korean)"), max_length=300, required=False
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    start = forms.DateTimeField(
        label=_("Starts (host-city time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL),
    )
    end = forms.DateTimeField(
        label=_("Ends (host-city time)"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL),
    )
    room = forms.ModelChoiceField(
        label=_("Where"), queryset=Room.objects.none(), required=False
    )
    abstract_en = forms.CharField(
        label=_("Notes (English)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    abstract_ko = forms.CharField(
        label=_("Notes (Korean)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    companies = forms.ModelMultipleChoiceField(
        label=_("For every delegate of these companies"),
        queryset=DelegationApplication.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    delegates = forms.ModelMultipleChoiceField(
        label=_("For these delegates"),
        queryset=Delegate.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose no company and no delegate for an item for everyone."),
    )

    def __init__(self, *args, programme, item=None, **kwargs):
        if item is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                **{f: getattr(item, f) for f in ITEM_FIELDS},
                "delegates": list(item.assigned_delegates.all()),
            }
        super().__init__(*args, **kwargs)
        self.event = programme.event
        self.fields["room"].queryset = Room.objects.filter(event=self.event)
        members = programme.applications.filter(status=ApplicationStatus.CONFIRMED)
        self.fields["companies"].queryset = members.select_related("organisation")
        self.fields["companies"].label_from_instance = lambda a: a.organisation.name
        self.fields["delegates"].queryset = Delegate.objects.filter(
            application__in=members
        ).select_related("user", "application__organisation")
        self.fields["delegates"].label_from_instance = lambda d: (
            f"{d.user} ({d.application.organisation.name})"
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end <= start:
            self.add_error("end", _("An item must end after it starts."))
        event = self.event
        for name in ("start", "end"):
            value = data.get(name)
            if value and not event.starts_at <= value <= event.ends_at:
                self.add_error(
                    name,
                    _("Choose a time within the programme (%(first)s to %(last)s).")
                    % {"first": event.start_date, "last": event.end_date},
                )
        return data

    def item_fields(self) -> dict:
        return {f: self.cleaned_data[f] for f in ITEM_FIELDS}
