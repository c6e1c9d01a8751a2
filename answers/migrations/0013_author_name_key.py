"""Authors are compared by their names' look, so a look-alike author is refused by the database too."""

from django.db import migrations, models

from config.text import fill_name_keys


class Migration(migrations.Migration):
    dependencies = [("answers", "0012_history_is_append_only")]

    operations = [
        migrations.AddField(
            model_name="author",
            name="name_key",
            field=models.TextField(default="", editable=False, verbose_name="name as compared"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_name_keys("answers", "Author"), migrations.RunPython.noop),
        migrations.AlterField(
            model_name="author",
            name="name_key",
            field=models.TextField(editable=False, unique=True, verbose_name="name as compared"),
        ),
    ]
