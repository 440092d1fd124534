"""Profile text read in English and Korean (`pitch_en`, `pitch_ko`, falls back to en)."""

from modeltranslation.translator import TranslationOptions, register

from matchmaking.models import OrganisationProfile, Participant, Tag


@register(Participant)
class ParticipantTranslation(TranslationOptions):
    fields = ("pitch",)


@register(Tag)
class TagTranslation(TranslationOptions):
    fields = ("name",)


@register(OrganisationProfile)
class OrganisationProfileTranslation(TranslationOptions):
    fields = ("pitch", "investment_focus")
