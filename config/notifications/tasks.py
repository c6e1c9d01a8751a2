"""The tasks that send notifications, run by the task queue's worker (`manage.py db_worker`)."""

from django_tasks import task

from config.notifications import notify


@task()
def send_notifications(recipient_ids):
    """Email each recipient what they are to be told at once; return how many notifications went out."""
    return notify.send_now(recipient_ids)
