// "Add a colleague" without a round trip: a copy of the empty attendee form
// (the <template> the page carries) is added and the formset's TOTAL_FORMS
// raised. Without this script the button posts and the server adds the form;
// either way the server checks every count and recomputes the total.
(function () {
  var form = document.querySelector("form.register");
  var template = document.getElementById("attendee-template");
  var button = form && form.querySelector("button[name=add_colleague]");
  if (!template || !button) return;
  var total = form.querySelector("input[name=attendee-TOTAL_FORMS]");
  var max = parseInt(form.dataset.maxAttendees, 10);
  button.addEventListener("click", function (event) {
    var count = parseInt(total.value, 10);
    if (!(count >= 1) || count >= max) return; // the server says why
    event.preventDefault();
    var html = template.innerHTML
      .replace(/__prefix__/g, String(count))
      .replace(/__number__/g, String(count + 1));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fieldset = holder.firstElementChild;
    var last = form.querySelectorAll("fieldset.attendee");
    last[last.length - 1].after(fieldset);
    total.value = String(count + 1);
    var first = fieldset.querySelector("input[type=email]");
    if (first) first.focus();
  });
})();
