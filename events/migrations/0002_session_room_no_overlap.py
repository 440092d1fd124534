"""No two sessions in one room at once, enforced by the database (see db_guards)."""

from django.db import migrations

from events.db_guards import install_room_overlap_guard, remove_room_overlap_guard


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [
        migrations.RunPython(install_room_overlap_guard, remove_room_overlap_guard)
    ]
