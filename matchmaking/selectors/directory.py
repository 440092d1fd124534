"""Discovery: the profiles a viewer may see, facets, and explained recommendations."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from matchmaking.enums import MeetingStatus, RequestStatus, TagCategory
from matchmaking.models import Meeting, MeetingRequest, Participant, Tag

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


def _profiles() -> QuerySet[Participant]:
    tags = Tag.objects.order_by("category", "order", "slug")
    return Participant.objects.select_related(PEOPLE).prefetch_related(
        Prefetch("offers", queryset=tags), Prefetch("seeks", queryset=tags)
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
        wanted = Tag.objects.filter(category=category, slug=slug)
        profiles = profiles.filter(Q(offers__in=wanted) | Q(seeks__in=wanted))
    if q:
        profiles = profiles.filter(_text(q))
    return profiles.distinct().order_by(f"{PEOPLE}__name", "pk")


def _text(q: str) -> Q:
    match = Q()
    for word in q.split()[:6]:
        match &= (
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
        )
    return match


def participant_get_visible(*, viewer: Participant | None, event, participant_id: int):
    return participant_list_visible(viewer=viewer, event=event).get(pk=participant_id)


def directory_facets(*, profiles: QuerySet[Participant]) -> dict:
    """Counts of profiles per offered tag (by category) and per organisation kind."""
    ids = profiles.order_by().values("pk")
    tags = (
        Tag.objects.filter(offered_by__in=ids)
        .annotate(n=Count("offered_by", distinct=True))
        .order_by("category", "order", "slug")
    )
    by_category: dict[str, list[Tag]] = defaultdict(list)
    for tag in tags:
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
    mine_o, mine_s = _by_category(me.offers.all()), _by_category(me.seeks.all())
    its_o, its_s = _by_category(other.offers.all()), _by_category(other.seeks.all())
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
