from modeltranslation.translator import TranslationOptions, register

from registration.models import TicketType


@register(TicketType)
class TicketTypeTranslation(TranslationOptions):
    fields = ("name", "description")
