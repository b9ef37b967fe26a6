"""Migration operations of our own (Django's "writing your own migration operation")."""

from django.db.migrations.operations.base import Operation


class AddFields(Operation):
    """``AddField`` for several plain fields (``plain()``) of one model, as one operation.

    The migration state re-renders a model, and every model related to it, after each operation;
    migration 0012 adds 209 translated columns, one ``AddField`` each, which made a fresh
    ``migrate`` take about 25 s. Grouped per model, the model is re-rendered once. The database
    still gets one ``ADD COLUMN`` per field. ``fields``: [(name, field)], in order."""

    def __init__(self, model_name, fields):
        self.model_name = model_name
        self.fields = list(fields)
        if not all(self.plain(field) for _name, field in self.fields):
            raise ValueError("AddFields is for nullable plain fields without a default; use AddField")

    @staticmethod
    def plain(field):
        """Whether the field can be added by ``ALTER TABLE … ADD COLUMN`` on every database: SQLite
        rebuilds the table for any other (from the model as it was before the whole group, which
        would drop the columns added earlier in the group)."""
        return (
            field.null
            and not field.is_relation
            and not field.has_default()
            and not field.has_db_default()
            and not field.unique
            and not field.primary_key
        )

    def deconstruct(self):
        return (self.__class__.__name__, [], {"model_name": self.model_name, "fields": self.fields})

    @property
    def model_name_lower(self):
        return self.model_name.lower()

    def state_forwards(self, app_label, state):
        key = (app_label, self.model_name_lower)
        for name, field in self.fields:
            state.models[key].fields[name] = field
        state.reload_model(*key, delay=True)  # as ProjectState.add_field does for a plain field

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        to_model = to_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, to_model):
            from_model = from_state.apps.get_model(app_label, self.model_name)
            for name, _field in self.fields:
                schema_editor.add_field(from_model, to_model._meta.get_field(name))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        from_model = from_state.apps.get_model(app_label, self.model_name)
        if self.allow_migrate_model(schema_editor.connection.alias, from_model):
            for name, _field in reversed(self.fields):
                schema_editor.remove_field(from_model, from_model._meta.get_field(name))

    def describe(self):
        return f"Add {len(self.fields)} fields to {self.model_name}"

    @property
    def migration_name_fragment(self):
        return f"{self.model_name_lower}_fields"

    def references_model(self, name, app_label):
        return name.lower() == self.model_name_lower

    def references_field(self, model_name, name, app_label):
        return model_name.lower() == self.model_name_lower and any(n == name for n, _f in self.fields)
