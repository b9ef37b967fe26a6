"""Forms of the career admin: the change form that refuses stale saves, and the document import."""

from django import forms

from .. import models as m
from .. import workflow

REBASE_HINT = (
    "Open the published career's timeline, bring what you want to keep into the revision, then use "
    "the action “Revisions: accept the published career's newer changes” and publish again."
)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (the pattern from Django's documentation)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".yaml,.yml"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    documents = MultipleFileField(
        label="Career documents",
        help_text="One or more .yaml files in the fixtures format (as exported). Nothing changes until you confirm.",
    )

    def clean_documents(self):
        files = self.cleaned_data["documents"]
        texts = {}
        for f in files[:100]:
            if f.size > 1_000_000:
                raise forms.ValidationError(f"{f.name} is larger than 1 MB; is it really a career document?")
            try:
                texts[f.name] = f.read().decode("utf-8")
            except UnicodeDecodeError:
                raise forms.ValidationError(f"{f.name} is not UTF-8 text.") from None
        return texts


class StaleSaveGuard(forms.ModelForm):
    """A change form that remembers when it was opened (the career's ``updated`` stamp, which moves
    on any change to the career or its rows); saving over a newer change is refused."""

    opened_at = forms.CharField(widget=forms.HiddenInput, required=False)

    def guarded_career(self):
        return self.instance

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        career = self.guarded_career() if self.instance.pk else None
        if career is not None:
            self.fields["opened_at"].initial = career.updated.isoformat()

    def clean(self):
        cleaned = super().clean()
        career = self.guarded_career() if self.instance.pk else None
        if career is None:
            return cleaned
        try:
            workflow.check_not_stale(career, workflow.opened_from(self.data.get(self.add_prefix("opened_at"))))
        except workflow.StaleEdit as exc:
            # Keep the editor's input; a second save (after reading the message) replaces the change.
            self.data = self.data.copy()
            current = m.Career.objects.values_list("updated", flat=True).get(pk=career.pk)
            self.data[self.add_prefix("opened_at")] = current.isoformat()
            raise forms.ValidationError(
                f"Nothing was saved. {exc} Your changes are still in the form below: compare them with the "
                "timeline, then save again to replace the other change with yours."
            ) from None
        return cleaned


class CareerForm(StaleSaveGuard):
    """The career change form: saving over a newer change to the career or its rows is refused."""


class CareerRowForm(StaleSaveGuard):
    """A section row edited in its own admin list: saving over a newer change to its career (or any
    of the career's rows) is refused, as on the career's own form."""

    def guarded_career(self):
        return self.instance.career
