"""The site's one form layout (templates/django/forms/, FORM_RENDERER)."""

import pytest
from django import forms

pytestmark = pytest.mark.unit


class _Sample(forms.Form):
    name = forms.CharField(label="Name", help_text="As on your passport")
    kind = forms.ChoiceField(
        label="Kind", choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect
    )
    agree = forms.BooleanField(label="I agree", required=False)


def test_form_renderer_shows_each_error_once_beside_its_field():
    form = _Sample(data={"name": "", "kind": "z"})
    html = form.as_p()
    assert html.count("This field is required.") == 1
    assert html.count("Select a valid choice.") == 1
    assert (
        '<div class="field-errors" role="alert"><ul class="errorlist" id="id_name_error">'
        in html
    )
    assert 'aria-describedby="id_name_helptext id_name_error"' in html
    assert html.count("As on your passport") == 1


def test_form_renderer_marks_required_and_groups_choices_in_a_fieldset():
    html = str(_Sample())
    assert (
        '<label for="id_name">Name<span class="required-mark" aria-hidden="true"> *</span></label>'
        in html
    )
    assert '<fieldset class="choices"><legend>Kind' in html
    assert (
        '<div class="check"><input type="checkbox" name="agree" id="id_agree"> <label for="id_agree">I agree</label></div>'
        in html
    )
