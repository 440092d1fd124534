"""Discovery: the profiles a viewer may see, facets, and explained recommendations."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from events.models import Organisation
from matchmaking.enums import MeetingStatus, RequestStatus, TagCategory
from matchmaking.models import (
    Meeting,
    MeetingRequest,
    OrganisationProfile,
    Participant,
    Tag,
)

PEOPLE = "registration__user__organisation"
WEIGHTS = {
    TagCategory.AREA: 3,
    TagCategory.STAGE: 2,
    TagCategory.MODALITY: 2,
    TagCategory.SERVICE: 2,
    TagCategory.REGION: 1,
}


def _kinds_visible_to(viewer: Participant) -> set[str] | None:
    """Organisation kinds the viewer may request or be requested by; None = all."""
    pairs = viewer.event.partnering.allowed_pairs
    if not pairs:
        return None
    kind = viewer.kind
    return {b for a, b in pairs if a == kind} | {a for a, b in pairs if b == kind}


def participant_meets_nobody(viewer: Participant) -> bool:
    """The event pairs only certain kinds of organisation and the viewer's (or
    their lack of one) is in none of those pairs: their directory is empty."""
    return _kinds_visible_to(viewer) == set()


ORG_PROFILE = f"{PEOPLE}__partnering_profile"


def _tags() -> QuerySet[Tag]:
    return Tag.objects.order_by("category", "order", "slug")


def _profiles() -> QuerySet[Participant]:
    """Participants with their own and their organisation's profile, tags prefetched
    (what `Participant.profile_offers` and friends read)."""
    return Participant.objects.select_related(ORG_PROFILE).prefetch_related(
        Prefetch("offers", queryset=_tags()),
        Prefetch("seeks", queryset=_tags()),
        Prefetch(f"{ORG_PROFILE}__offers", queryset=_tags()),
        Prefetch(f"{ORG_PROFILE}__seeks", queryset=_tags()),
    )


def _having_any(tags: QuerySet[Tag]) -> Q:
    """Participants who offer or seek one of `tags`, themselves or by organisation."""
    return Q(
        pk__in=Participant.objects.filter(
            Q(offers__in=tags)
            | Q(seeks__in=tags)
            | Q(**{f"{ORG_PROFILE}__offers__in": tags})
            | Q(**{f"{ORG_PROFILE}__seeks__in": tags})
        ).values("pk")
    )


def participant_list_visible(
    *,
    viewer: Participant | None,
    event=None,
    q: str = "",
    tags: list[str] | None = None,
    kind: str = "",
) -> QuerySet[Participant]:
    """Active profiles; a participant sees those of kinds they may deal with.

    `viewer` None is an organiser (sees everyone). `tags` are "category:slug" strings;
    a profile matches when it offers or seeks every one of them.
    """
    event = viewer.event if viewer is not None else event
    profiles = _profiles().filter(event=event, is_active=True)
    if viewer is not None:
        profiles = profiles.exclude(pk=viewer.pk)
        kinds = _kinds_visible_to(viewer)
        if kinds is not None:
            profiles = profiles.filter(**{f"{PEOPLE}__kind__in": kinds})
    if kind:
        profiles = profiles.filter(**{f"{PEOPLE}__kind": kind})
    for tag in tags or []:
        category, _sep, slug = tag.partition(":")
        profiles = profiles.filter(
            _having_any(Tag.objects.filter(category=category, slug=slug))
        )
    for word in q.split()[:6]:
        profiles = profiles.filter(
            Q(pk__in=Participant.objects.filter(_word(word)).values("pk"))
        )
    return profiles.order_by(f"{PEOPLE}__name", "pk")


def _word(word: str) -> Q:
    """One search word in a name, a pitch, a focus or a tag, own or organisation's."""
    org = ORG_PROFILE
    return (
        Q(registration__user__first_name__icontains=word)
        | Q(registration__user__last_name__icontains=word)
        | Q(registration__user__name_ko__icontains=word)
        | Q(registration__user__organisation__name_en__icontains=word)
        | Q(registration__user__organisation__name_ko__icontains=word)
        | Q(pitch_en__icontains=word)
        | Q(pitch_ko__icontains=word)
        | Q(investment_focus__icontains=word)
        | Q(offers__name_en__icontains=word)
        | Q(offers__name_ko__icontains=word)
        | Q(**{f"{org}__pitch_en__icontains": word})
        | Q(**{f"{org}__pitch_ko__icontains": word})
        | Q(**{f"{org}__investment_focus_en__icontains": word})
        | Q(**{f"{org}__investment_focus_ko__icontains": word})
        | Q(**{f"{org}__offers__name_en__icontains": word})
        | Q(**{f"{org}__offers__name_ko__icontains": word})
    )


def participant_get_visible(*, viewer: Participant | None, event, participant_id: int):
    return participant_list_visible(viewer=viewer, event=event).get(pk=participant_id)


def _organisations() -> QuerySet[Organisation]:
    return Organisation.objects.select_related("partnering_profile").prefetch_related(
        Prefetch("partnering_profile__offers", queryset=_tags()),
        Prefetch("partnering_profile__seeks", queryset=_tags()),
    )


def organisation_list_visible(
    *, viewer: Participant | None, event=None
) -> QuerySet[Organisation]:
    """Organisations with someone the viewer may see at the event, and the viewer's
    own; each with its partnering profile. `viewer` None is an organiser."""
    event = viewer.event if viewer is not None else event
    people = participant_list_visible(viewer=viewer, event=event)
    visible = Q(pk__in=people.order_by().values(f"{PEOPLE}_id"))
    if viewer is not None and viewer.organisation is not None:
        visible |= Q(pk=viewer.organisation.pk)
    return _organisations().filter(visible).order_by("name", "pk")


@dataclass
class OrganisationPage:
    organisation: Organisation
    people: list[Participant]

    @property
    def profile(self) -> OrganisationProfile | None:
        return getattr(self.organisation, "partnering_profile", None)


def organisation_get_visible(
    *, viewer: Participant | None, event, organisation_id: int
) -> OrganisationPage:
    """An organisation's page: its profile and its people at the event the viewer
    may see (the viewer's colleagues included); DoesNotExist when it has none."""
    event = viewer.event if viewer is not None else event
    organisation = organisation_list_visible(viewer=viewer, event=event).get(
        pk=organisation_id
    )
    people = _profiles().filter(event=event, is_active=True, **{PEOPLE: organisation})
    if viewer is not None and organisation != viewer.organisation:
        visible = participant_list_visible(viewer=viewer).order_by().values("pk")
        people = people.filter(pk__in=visible)
    return OrganisationPage(organisation, list(people.order_by("pk")))


def organisation_profile_for(*, organisation: Organisation) -> OrganisationProfile:
    """The organisation's profile with its tags; an unsaved empty one if it has none."""
    found = (
        OrganisationProfile.objects.select_related("organisation", "updated_by")
        .prefetch_related(
            Prefetch("offers", queryset=_tags()), Prefetch("seeks", queryset=_tags())
        )
        .filter(organisation=organisation)
        .first()
    )
    return found or OrganisationProfile(organisation=organisation)


def directory_facets(*, profiles: QuerySet[Participant]) -> dict:
    """Counts of profiles per offered tag (by category) and per organisation kind.

    A profile offers a tag when the participant or their organisation offers it.
    """
    ids = profiles.order_by().values("pk")
    own = Participant.offers.through.objects.filter(participant__in=ids)
    by_org = OrganisationProfile.offers.through.objects.filter(
        organisationprofile__organisation__people__registrations__participant__in=ids
    )
    pairs = set(own.values_list("tag_id", "participant_id")) | set(
        by_org.values_list(
            "tag_id",
            "organisationprofile__organisation__people__registrations__participant",
        )
    )
    counts: dict[int, int] = defaultdict(int)
    for tag_id, _participant in pairs:
        counts[tag_id] += 1
    by_category: dict[str, list[Tag]] = defaultdict(list)
    for tag in _tags().filter(pk__in=counts):
        tag.n = counts[tag.pk]
        by_category[tag.category].append(tag)
    # values() with a field path: modeltranslation's values(alias=...) adds every field
    kinds = (
        Participant.objects.filter(pk__in=ids)
        .values_list(f"{PEOPLE}__kind")
        .annotate(n=Count("pk"))
        .order_by(f"{PEOPLE}__kind")
    )
    return {"tags": dict(by_category), "kinds": {k or "-": n for k, n in kinds}}


@dataclass
class Recommendation:
    participant: Participant
    score: int
    reasons: list[str] = field(default_factory=list)

    @property
    def explanation(self) -> str:
        return "; ".join(self.reasons)


def _excluded(viewer: Participant) -> set[int]:
    """Everyone the viewer already asked, was asked by, declined, or meets."""
    pairs = MeetingRequest.objects.filter(
        Q(sender=viewer) | Q(recipient=viewer)
    ).exclude(status=RequestStatus.CANCELLED)
    out = set()
    for sender, recipient in pairs.values_list("sender_id", "recipient_id"):
        out |= {sender, recipient}
    met = Meeting.objects.filter(participants=viewer).exclude(
        status=MeetingStatus.CANCELLED
    )
    out |= set(
        Participant.objects.filter(meetings__in=met).values_list("pk", flat=True)
    )
    out.discard(viewer.pk)
    return out


def recommendation_list(
    *, viewer: Participant, limit: int = 10
) -> list[Recommendation]:
    """Profiles the viewer may request, best match first, each with reasons in words."""
    setup = viewer.event.partnering
    me = _profiles().get(pk=viewer.pk)
    candidates = participant_list_visible(viewer=viewer).exclude(
        pk__in=_excluded(viewer)
    )
    out = []
    for other in candidates:
        if not setup.may_request(viewer.kind, other.kind):
            continue
        score, reasons = match_score(me, other)
        if score > 0:
            out.append(Recommendation(other, score, reasons))
    out.sort(key=lambda r: (-r.score, str(r.participant.organisation or "")))
    return out[:limit]


def _by_category(tags) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for tag in tags:
        out[tag.category][tag.slug] = tag.name
    return out


def _names(found: dict[str, str]) -> str:
    return ", ".join(sorted(found.values()))


def match_score(me: Participant, other: Participant) -> tuple[int, list[str]]:
    """Score what one side seeks against what the other offers, both ways; each
    side's own tags and its organisation's count (`Participant.profile_offers`)."""
    mine_o, mine_s = _by_category(me.profile_offers), _by_category(me.profile_seeks)
    its_o = _by_category(other.profile_offers)
    its_s = _by_category(other.profile_seeks)
    score, reasons = 0, []
    area = TagCategory.AREA
    shared = {
        k: v
        for k, v in {**mine_o[area], **mine_s[area]}.items()
        if k in its_o[area] or k in its_s[area]
    }
    if shared:
        score += WEIGHTS[area] * len(shared)
        reasons.append(_("both in %(areas)s") % {"areas": _names(shared)})
    fund = me.kind == "investor"
    stage = TagCategory.STAGE
    theirs = {k: v for k, v in its_o[stage].items() if k in mine_s[stage]}
    if theirs:
        score += WEIGHTS[stage]
        text = (
            _("their stage (%(stage)s) fits your fund's focus")
            if fund
            else _("their stage (%(stage)s) fits what you seek")
        )
        reasons.append(text % {"stage": _names(theirs)})
    yours = {k: v for k, v in mine_o[stage].items() if k in its_s[stage]}
    if yours:
        score += WEIGHTS[stage]
        reasons.append(
            _("your stage (%(stage)s) fits their focus") % {"stage": _names(yours)}
        )
    for category in (TagCategory.MODALITY, TagCategory.SERVICE, TagCategory.REGION):
        offered = {k: v for k, v in its_o[category].items() if k in mine_s[category]}
        if offered:
            score += WEIGHTS[category] * len(offered)
            reasons.append(
                _("they offer %(what)s, which you seek") % {"what": _names(offered)}
            )
        wanted = {k: v for k, v in its_s[category].items() if k in mine_o[category]}
        if wanted:
            score += WEIGHTS[category] * len(wanted)
            reasons.append(
                _("they seek %(what)s, which you offer") % {"what": _names(wanted)}
            )
    return score, reasons
