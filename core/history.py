"""Saving a record so that its history says who changed it."""

from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser


def save_with_history(
    instance: models.Model, *, actor: "AbstractBaseUser | None", **save_options
) -> models.Model:
    """Saves `instance` with `actor` as the history's user (django-simple-history reads
    `_history_user`), so every service records who made the change the same way."""
    instance._history_user = actor
    instance.save(**save_options)
    return instance
