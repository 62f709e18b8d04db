"""For migrations that move a model from one app to another without touching its rows."""


def move_content_types(old_app, new_app, models):
    """A RunPython function that gives `models`' content types to `new_app`, keeping their
    ids: generic relations (a route's subject), permissions and admin log entries keep
    pointing at them. Where the new app's content type was already made, the old one's
    references move to it and the old one goes."""

    def forwards(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        for model in models:
            old = ContentType.objects.filter(app_label=old_app, model=model).first()
            if old is None:
                continue
            new = ContentType.objects.filter(app_label=new_app, model=model).first()
            if new is None:
                old.app_label = new_app
                old.save(update_fields=["app_label"])
                continue
            for related in old._meta.related_objects:
                related.related_model._base_manager.filter(**{related.field.name: old}).update(
                    **{related.field.name: new}
                )
            old.delete()

    return forwards


def move_content_types_back(old_app, new_app, models):
    return move_content_types(new_app, old_app, models)
