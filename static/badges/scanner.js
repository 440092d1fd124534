/* The staff scanner: camera (jsQR), typed codes and search, all sent to the
 * check-in API with a nonce per scan, so a retry after a network error counts once. */
(function () {
  "use strict";
  const root = document.getElementById("scanner");
  if (!root) return;
  const text = (name) => root.dataset["text" + name];
  const where = document.getElementById("where");
  const result = document.getElementById("result");
  let lastToken = "", lastAt = 0, stream = null;

  function nonce() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function show(answer) {
    result.hidden = false;
    result.className = "scan-result " + answer.result;
    document.getElementById("result-message").textContent = answer.message;
    const person = answer.person;
    document.getElementById("result-person").textContent = person
      ? [person.name, person.name_ko, person.organisation, person.ticket].filter(Boolean).join(" · ")
      : "";
    const when = answer.checked_in_at ? new Date(answer.checked_in_at).toLocaleString() : "";
    document.getElementById("result-detail").textContent =
      answer.result === "already" ? [when, answer.where].join(" · ") : "";
  }

  function showError(message) {
    show({ result: "invalid", message: message, person: null });
  }

  async function send(body, attempt) {
    try {
      const response = await fetch(root.dataset.scanUrl, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRFToken": root.dataset.csrf },
        body: JSON.stringify(body),
      });
      const data = await response.json();
      if (!response.ok) return showError(data.detail || data.title || text("Failed"));
      show(data);
    } catch (error) {
      if (attempt >= 4) return showError(text("Failed"));
      showError(text("Offline"));
      setTimeout(() => send(body, attempt + 1), 1000 * 2 ** attempt);
    }
  }

  function scan(fields) {
    const body = Object.assign({ nonce: nonce() }, fields);
    if (where.value) body.session_id = Number(where.value);
    send(body, 0);
  }

  function scanToken(token) {
    token = token.trim();
    const now = Date.now();
    if (!token || (token === lastToken && now - lastAt < 3000)) return;
    lastToken = token;
    lastAt = now;
    scan({ token: token });
  }

  document.getElementById("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const input = document.getElementById("token");
    lastToken = "";
    scanToken(input.value);
    input.value = "";
  });

  document.getElementById("search-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const q = document.getElementById("search").value.trim();
    const list = document.getElementById("search-results");
    list.textContent = text("Searching");
    const url = root.dataset.searchUrl + "?q=" + encodeURIComponent(q);
    const response = await fetch(url, { credentials: "same-origin" });
    const people = response.ok ? (await response.json()).items : [];
    list.textContent = people.length ? "" : text("None");
    for (const person of people) {
      const item = document.createElement("li");
      const label = document.createElement("span");
      label.textContent = [person.name, person.name_ko, person.email, person.organisation, person.ticket]
        .filter(Boolean).join(" · ") +
        (person.entered_at ? " · " + text("Entered") + " " + new Date(person.entered_at).toLocaleTimeString() : "");
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = text("CheckIn");
      button.addEventListener("click", () => scan({ registration_id: person.registration_id }));
      item.append(label, button);
      list.append(item);
    }
  });

  const video = document.getElementById("camera");
  const canvas = document.getElementById("frame");
  const start = document.getElementById("camera-start");
  const stop = document.getElementById("camera-stop");

  function tick() {
    if (!stream) return;
    if (video.readyState === video.HAVE_ENOUGH_DATA) {
      canvas.width = video.videoWidth;
      canvas.height = video.videoHeight;
      const context = canvas.getContext("2d", { willReadFrequently: true });
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = window.jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
      if (code && code.data) scanToken(code.data);
    }
    requestAnimationFrame(tick);
  }

  start.addEventListener("click", async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    } catch (error) {
      return showError(text("Camera"));
    }
    video.srcObject = stream;
    video.hidden = false;
    stop.hidden = false;
    start.hidden = true;
    await video.play();
    requestAnimationFrame(tick);
  });

  stop.addEventListener("click", () => {
    if (stream) stream.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  });
})();
