"""Walk.answered / reached_resolution / reached_escalation, filled in from each walk's recorded events.

The backfill is one set-based UPDATE (an EXISTS per flag over the (walk, kind) index), not a loop over walks.
Going back drops the columns; the events they were computed from stay, so going forward again recomputes them.
"""

from django.db import migrations, models
from django.db.models import Exists, OuterRef

# The event kinds behind each flag (Event.Kind values, spelled out: a migration must not import the live model).
FLAGS = {
    "answered": ["answered"],
    "reached_resolution": ["resolution"],
    "reached_escalation": ["escalation", "escalated"],
}


def backfill(apps, schema_editor):
    Walk = apps.get_model("wizard", "Walk")
    Event = apps.get_model("wizard", "Event")
    events = Event.objects.using(schema_editor.connection.alias).order_by()

    def reached(kinds):
        return Exists(events.filter(walk=OuterRef("pk"), kind__in=kinds))

    # Only walks with at least one such event: the others keep the default False without being rewritten.
    walks = Walk.objects.using(schema_editor.connection.alias).order_by()
    walks.filter(reached([kind for kinds in FLAGS.values() for kind in kinds])).update(
        **{name: reached(kinds) for name, kinds in FLAGS.items()}
    )


class Migration(migrations.Migration):
    dependencies = [
        ("wizard", "0006_insights_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="walk",
            name="answered",
            field=models.BooleanField(default=False, editable=False, help_text="Answered at least one question."),
        ),
        migrations.AddField(
            model_name="walk",
            name="reached_resolution",
            field=models.BooleanField(default=False, editable=False, help_text="Was shown a resolution."),
        ),
        migrations.AddField(
            model_name="walk",
            name="reached_escalation",
            field=models.BooleanField(
                default=False, editable=False, help_text="Was shown an escalation page (or sent an escalation)."
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop, elidable=True),
    ]
