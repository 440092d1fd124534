"""Model text users read in English and Korean (`title_en`, `title_ko`, falls back to en)."""

from modeltranslation.translator import TranslationOptions, register

from events.models import Event, Organisation, Room, Session, Speaker, Track, Venue


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Venue)
class VenueTranslation(TranslationOptions):
    fields = ("name", "address")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("name", "tagline", "description")


@register(Room)
class RoomTranslation(TranslationOptions):
    fields = ("name",)


@register(Track)
class TrackTranslation(TranslationOptions):
    fields = ("name",)


@register(Session)
class SessionTranslation(TranslationOptions):
    """A session entered in one language only shows that title in the other
    (never an empty heading): English falls back to Korean, Korean to English."""

    fields = ("title", "abstract")
    fallback_languages = {"default": ("en", "ko")}


@register(Speaker)
class SpeakerTranslation(TranslationOptions):
    fields = ("bio",)
