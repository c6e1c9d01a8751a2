"""Email notifications: reviewers hear of work waiting for them, editors of decisions on their work.

The workflows say what happened (config/notifications/notify.py); each person chooses to get it at
once, in a daily digest, or not at all. This app imports nothing from the apps that use it.
"""
