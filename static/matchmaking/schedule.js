// The organiser's scheduler page: poll a running solve's progress, reload when done.
(function () {
  var box = document.getElementById("run");
  if (!box || box.dataset.done === "1") return;
  function poll() {
    fetch(box.dataset.progressUrl, {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (p) {
      document.getElementById("run-progress").value = p.percent;
      var status = box.querySelector(".run-status");
      if (status && p.status_display) { status.textContent = p.status_display; }
      document.getElementById("run-left").textContent = p.time_left === null ? "—" : p.time_left;
      document.getElementById("run-best").textContent = p.best || "—";
      document.getElementById("run-bound").textContent = p.bound || "—";
      if (p.done) { window.location.reload(); } else { setTimeout(poll, 1000); }
    });
  }
  setTimeout(poll, 1000);
})();
