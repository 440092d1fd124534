// The agenda on a phone (cms/templates/cms/agenda_page.html): one day at a time,
// today's while the event is on, else the first; the day tabs switch days in place
// and mark the shown one. Wide screens, print and pages without script show all.
(function () {
  var nav = document.querySelector(".days[data-default-day]");
  var days = document.querySelectorAll(".agenda-day[data-day]");
  if (!nav || days.length < 2) return;
  var narrow = window.matchMedia("screen and (max-width: 40rem)");
  var tabs = nav.querySelectorAll("a[data-day]");
  function has(day) {
    return !!document.querySelector('.agenda-day[data-day="' + day + '"]');
  }
  var shown = nav.getAttribute("data-default-day");
  if (!has(shown)) shown = days[0].getAttribute("data-day");
  function apply() {
    var on = narrow.matches;
    document.documentElement.classList.toggle("js-days", on);
    days.forEach(function (day) {
      day.classList.toggle("shown", day.getAttribute("data-day") === shown);
    });
    tabs.forEach(function (tab) {
      if (on && tab.getAttribute("data-day") === shown) tab.setAttribute("aria-current", "page");
      else tab.removeAttribute("aria-current");
    });
  }
  tabs.forEach(function (tab) {
    tab.addEventListener("click", function (event) {
      var day = tab.getAttribute("data-day");
      if (!narrow.matches || !has(day)) return;
      event.preventDefault();
      shown = day;
      apply();
    });
  });
  narrow.addEventListener("change", apply);
  apply();
})();
