"""The words of the demo pages, in English and Korean (data only)."""

from django.conf import settings

from cms.models import (
    AgendaPage,
    DelegationProgrammePage,
    EventPage,
    ForumPage,
    SpeakerIndexPage,
    StandardPage,
)
from events.models import Event

EVENT_SLUGS = ["kic-2027", "asco-2027-delegation", "kbif-2027"]

HOME = {
    "en": {
        "title": "Convene",
        "hero_title": "Clinical trials, delegations and partnering in one place",
        "intro": "<p>The agenda, speakers and partnering of the agency's conference, "
        "delegation programmes and investment forums.</p>",
    },
    "ko": {
        "title": "Convene",
        "hero_title": "임상시험 컨퍼런스, 대표단, 파트너링을 한곳에서",
        "intro": "<p>컨퍼런스, 해외 대표단, 투자 포럼의 일정과 연사, 파트너링을 "
        "확인하세요.</p>",
    },
}

FOOTER = {
    "en": "Convene demo · Korea International Clinical Trials agency",
    "ko": "Convene 데모 · 한국 임상시험 국제협력 기관",
}


def _agenda(event: Event, slug: str = "agenda") -> dict:
    return {
        "model": AgendaPage,
        "slug": slug,
        "fields": (
            {"title": "Agenda", "event": event},
            {"title": "프로그램", "event": event},
        ),
    }


def _speakers(event: Event) -> dict:
    return {
        "model": SpeakerIndexPage,
        "slug": "speakers",
        "fields": (
            {"title": "Speakers", "event": event},
            {"title": "연사", "event": event},
        ),
    }


def _faq(lang: str) -> list:
    if lang == "ko":
        items = [
            (
                "발표는 어떤 언어로 진행되나요?",
                "<p>영어와 한국어로 진행되며 동시통역이 제공됩니다.</p>",
            ),
            (
                "자료를 받을 수 있나요?",
                "<p>행사 후 연사 동의를 받은 자료를 공개합니다.</p>",
            ),
        ]
    else:
        items = [
            (
                "Which languages are the talks in?",
                "<p>English and Korean, with interpretation.</p>",
            ),
            (
                "Will slides be shared?",
                "<p>Yes, where speakers agree, after the event.</p>",
            ),
        ]
    return [{"question": q, "answer": a} for q, a in items]


def _practical(event: Event) -> dict:
    def body(lang: str) -> list:
        ko = lang == "ko"
        return [
            (
                "rich_text",
                "<p>COEX 그랜드볼룸, 삼성역 5번 출구.</p>"
                if ko
                else "<p>COEX Grand Ballroom, Samseong station exit 5.</p>",
            ),
            (
                "faq",
                {
                    "heading": "자주 묻는 질문" if ko else "Questions",
                    "items": _faq(lang),
                },
            ),
            (
                "agenda_excerpt",
                {
                    "heading": "기조연설" if ko else "Keynotes",
                    "event": event,
                    "kind": "keynote",
                    "count": 3,
                },
            ),
            (
                "sponsor_grid",
                {"heading": "후원사" if ko else "Sponsors", "event": event},
            ),
            (
                "call_to_action",
                {
                    "text": "지금 등록하세요." if ko else "Places are limited.",
                    "label": "등록" if ko else "Register",
                    "page": None,
                    "url": "https://convene.test/register",
                },
            ),
        ]

    return {
        "model": StandardPage,
        "slug": "practical-information",
        "fields": (
            {"title": "Practical information", "body": body("en")},
            {"title": "행사 안내", "body": body("ko")},
        ),
    }


def _landing(model, event: Event, en: dict, ko: dict, children: list) -> dict:
    """Not every event has a Korean name, so the Korean page falls back to the
    English one rather than going untitled."""
    return {
        "model": model,
        "slug": event.slug,
        "fields": (
            {"title": event.name_en, "event": event, "show_in_menus": True, **en},
            {
                "title": event.name_ko or event.name_en,
                "event": event,
                "show_in_menus": True,
                **ko,
            },
        ),
        "children": children,
    }


def _conference(kic: Event) -> dict:
    return _landing(
        EventPage,
        kic,
        {
            "intro": "<p>Three days of trial science, regulation and partnering in Seoul.</p>",
        },
        {
            "register_label": "등록하기",
            "intro": "<p>서울에서 열리는 3일간의 임상시험 과학, 규제, 파트너링.</p>",
        },
        [_agenda(kic), _speakers(kic), _practical(kic)],
    )


def _delegation(asco: Event) -> dict:
    apply_en = "<p>Korean companies apply with a one-page profile; organisers select members by the deadline.</p>"
    apply_ko = "<p>국내 기업은 한 쪽 분량의 소개서로 신청하며, 마감 후 주관기관이 참가사를 선정합니다.</p>"
    return _landing(
        DelegationProgrammePage,
        asco,
        {
            "how_to_apply": apply_en,
            "apply_url": f"{settings.SITE_URL}/en/delegation/{asco.slug}/apply/",
        },
        {
            "how_to_apply": apply_ko,
            "apply_url": f"{settings.SITE_URL}/ko/delegation/{asco.slug}/apply/",
        },
        [_agenda(asco, "itinerary")],
    )


def _forum(kbif: Event) -> dict:
    how_en = "<p>Browse profiles, send meeting requests and accept the ones you want. The organisers' scheduler then gives every accepted meeting a time slot and a numbered table.</p>"
    how_ko = "<p>참가사 프로필을 보고 미팅을 요청하고 수락하세요. 주관기관의 스케줄러가 수락된 미팅마다 시간과 테이블을 배정합니다.</p>"
    return _landing(
        ForumPage,
        kbif,
        {"how_partnering_works": how_en},
        {"how_partnering_works": how_ko},
        [_agenda(kbif)],
    )


# Each demo event has a landing page type of its own; the pages are added, and so
# ordered in the page tree, in this order.
_TREES = {
    "kic-2027": _conference,
    "asco-2027-delegation": _delegation,
    "kbif-2027": _forum,
}


def event_trees(events: dict[str, Event]) -> list[dict]:
    """The site is also built on databases without the demo's events (the tests
    build it around their own), so a missing event simply gets no pages."""
    return [tree(events[slug]) for slug, tree in _TREES.items() if events.get(slug)]


def home_children(events: dict[str, Event]) -> list[dict]:
    about_en = [
        (
            "rich_text",
            "<p>Convene brings the agency's conference, delegations and investment forums together.</p>",
        )
    ]
    about_ko = [
        (
            "rich_text",
            "<p>Convene는 기관의 컨퍼런스, 해외 대표단, 투자 포럼을 한곳에 모읍니다.</p>",
        )
    ]
    return [
        {
            "model": StandardPage,
            "slug": "about",
            "fields": (
                {"title": "About", "show_in_menus": True, "body": about_en},
                {"title": "소개", "show_in_menus": True, "body": about_ko},
            ),
        }
    ]
