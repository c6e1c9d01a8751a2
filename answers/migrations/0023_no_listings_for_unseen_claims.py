from django.db import migrations


def forget_unseen_claims(apps, schema_editor):
    """Delete the listings of claims readers cannot see: the lists now keep rows only for those they may."""
    apps.get_model("answers", "ClaimListing").objects.filter(status="hidden").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("answers", "0022_verdict_colours_readable_under_white"),
    ]

    # Going back, `manage.py refresh_listings` writes them again.
    operations = [migrations.RunPython(forget_unseen_claims, migrations.RunPython.noop, elidable=True)]
