"""Refuse to prune history: ``clean_duplicate_history`` (django-simple-history's) deletes history rows."""

from config.proposals.management.commands.clean_old_history import Command as Refusal


class Command(Refusal):
    pass
