"""How Factline names the people who work in it."""


def display_name(user):
    """Return the name people know `user` by: their full name, or their username where they gave none."""
    return user.get_full_name() or user.get_username()
