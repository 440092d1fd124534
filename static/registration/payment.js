// Card payment on the order page. No inline script: the page's Content Security
// Policy allows scripts only from this site and the configured Stripe.js origin.
(function () {
  var form = document.getElementById("payment-form");
  if (!form || typeof Stripe !== "function") return;
  var message = document.getElementById("payment-message");
  var stripe = Stripe(form.dataset.key);
  function show(text) { message.textContent = text; }
  if (typeof stripe.confirmPayment === "function") {
    // Stripe.js: the Payment Element, confirmed in the browser; the webhook confirms the order.
    var elements = stripe.elements({clientSecret: form.dataset.secret});
    elements.create("payment").mount("#payment-element");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      stripe.confirmPayment({elements: elements, confirmParams: {return_url: form.dataset.return}})
        .then(function (result) { if (result.error) { show(result.error.message); } });
    });
    return;
  }
  // A stand-in without the Payment Element (localstripe): a card Element, tokenized
  // here and confirmed by our server, which then asks Stripe how the payment went.
  var card = stripe.elements().create("card");
  card.mount("#payment-element");
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    stripe.createToken(card).then(function (result) {
      if (result.error) { show(result.error.message); return; }
      var body = new FormData(form);
      body.append("payment_method", result.token.card.id);
      return fetch(form.dataset.confirm, {method: "POST", body: body, credentials: "same-origin"})
        .then(function (response) { return response.json(); })
        .then(function (data) {
          if (data.error) { show(data.error); } else { window.location.assign(form.dataset.return); }
        });
    });
  });
})();
