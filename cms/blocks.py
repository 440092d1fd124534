"""StreamField blocks for standard pages; blocks that show event data read selectors."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from events.enums import SessionKind
from events.selectors import session_list_excerpt, sponsor_list


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"))
    label = blocks.CharBlock(label=_("button label"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "cms/blocks/call_to_action.html"


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"))
    answer = blocks.RichTextBlock(
        label=_("answer"), features=["bold", "italic", "link"]
    )


class FaqBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("FAQ")
        template = "cms/blocks/faq.html"


class SponsorGridBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    event = SnippetChooserBlock("events.Event", label=_("event"))

    class Meta:
        icon = "group"
        label = _("Sponsor grid")
        template = "cms/blocks/sponsor_grid.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["sponsors"] = sponsor_list(event=value["event"])
        return context


class AgendaExcerptBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False)
    event = SnippetChooserBlock("events.Event", label=_("event"))
    kind = blocks.ChoiceBlock(
        choices=SessionKind.choices, required=False, label=_("only this kind")
    )
    count = blocks.IntegerBlock(label=_("sessions"), default=5, min_value=1)

    class Meta:
        icon = "date"
        label = _("Agenda excerpt")
        template = "cms/blocks/agenda_excerpt.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["sessions"] = session_list_excerpt(
            event=value["event"], kind=value["kind"] or None, limit=value["count"]
        )
        return context


class BodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(label=_("Text"))
    image = ImageChooserBlock(label=_("Image"), template="cms/blocks/image.html")
    call_to_action = CallToActionBlock()
    faq = FaqBlock()
    sponsor_grid = SponsorGridBlock()
    agenda_excerpt = AgendaExcerptBlock()


class FooterLinkBlock(blocks.StructBlock):
    """A footer link: a page (shown in the visitor's language) or an address."""

    label_en = blocks.CharBlock(label=_("label (English)"))
    label_ko = blocks.CharBlock(label=_("label (Korean)"), required=False)
    page = blocks.PageChooserBlock(label=_("page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False)

    class Meta:
        icon = "link"
        label = _("Link")
