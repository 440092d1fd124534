"""A design's style and a sample badge in it, for the live preview Wagtail shows
beside the editor. Below the models: it reads a design's fields, never queries."""

from django.utils import translation

from badges import rendering
from badges.rendering import BadgeFace, BadgeStyle
from badges.tokens import token_make
from registration.enums import RegistrationCategory

SAMPLE = {
    "name": "Minji Kim",
    "name_ko": "김민지",
    "organisation": "Korea Clinical Trials Agency",
    "ticket": "Regular",
    "category": RegistrationCategory.SPEAKER,
}


def design_style(*, design) -> BadgeStyle:
    logo = None
    if design.logo_id:
        with design.logo.file.open("rb") as handle:
            logo = handle.read()
    return BadgeStyle(
        size=design.size,
        event_name=(design.event.name_en or design.event.name)
        if design.event_id
        else "",
        colours=design.colours,
        logo=logo,
        show_name_ko=design.show_name_ko,
        show_organisation=design.show_organisation,
        show_ticket=design.show_ticket,
        show_category=design.show_category,
    )


def sample_face(*, token: str) -> BadgeFace:
    with translation.override("en"):
        label = str(RegistrationCategory.SPEAKER.label)
    return BadgeFace(token=token, category_label=label, **SAMPLE)


def preview_pdf(*, design) -> bytes:
    """A sample badge; its QR names no registration, so it checks nobody in."""
    face = sample_face(token=token_make(registration_id=0, version=0))
    return rendering.badge_pdf(face, design_style(design=design))
