from django.db import migrations

from config.search import InstallSearch, SearchIndex


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0007_participant_name_key"),
    ]

    operations = [
        InstallSearch(SearchIndex(table="events_event", pk="id", columns=("name", "aliases", "summary"))),
    ]
