"""Helpers every app's services share."""

from typing import Any

from django.db import models


def model_update(instance: models.Model, **fields: Any) -> models.Model:
    """Set `fields`, validate the whole object, save: the one way services write."""
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    return instance
