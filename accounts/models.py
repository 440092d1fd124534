from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def _is_hangul(text: str) -> bool:
    return bool(text) and all("\uac00" <= ch <= "\ud7a3" for ch in text)


def family_name_first(first_name: str, last_name: str) -> str:
    """A name in Korean order: "김민지" (Hangul parts run together), "Kim Minji"
    (a romanised name keeps its space); "" without either."""
    first, last = first_name.strip(), last_name.strip()
    if _is_hangul(first) and _is_hangul(last):
        return f"{last}{first}"
    return " ".join(part for part in (last, first) if part)


class UserManager(BaseUserManager):
    """E-mail is the login; there is no username."""

    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra) -> "User":
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person. English names in first/last name, the Korean name beside them."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    name_ko = models.CharField(_("name in Korean"), max_length=150, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "events.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    photo = models.ImageField(_("photo"), upload_to="people/", blank=True)
    language = models.CharField(
        _("language for e-mails"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("E-mails to this person are written in it; blank: the site's."),
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        """The name in the active language's order (`display_name`)."""
        return self.display_name()

    @property
    def mail_language(self) -> str:
        """The language e-mails to this person are written in."""
        return self.language or settings.LANGUAGE_CODE

    def display_name(self, language: str | None = None) -> str:
        """This person's name as `language` (the active one if not given) writes it.

        Korean: the Korean name as written when there is one, else the family
        name first: "김민지" from 김/민지, "Kim Minji" from Minji Kim. Other
        languages: given name first ("Minji Kim"). The e-mail without a name."""
        language = (language or get_language() or settings.LANGUAGE_CODE).lower()
        if language.split("-")[0] == "ko":
            if self.name_ko.strip():
                return self.name_ko.strip()
            return family_name_first(self.first_name, self.last_name) or self.email
        return self.get_full_name() or self.email
