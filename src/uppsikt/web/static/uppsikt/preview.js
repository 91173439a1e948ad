// Live preview of a form: as the person types, the server computes the page's figures again
// and this updates them in place. Without JavaScript the form still saves, then shows the
// figures. Forms opt in with data-preview="<url>"; the answer is {cells: {id: text},
// errors: {field: message}}.
(function () {
  "use strict";
  function showError(form, name, message) {
    var input = form.elements[name];
    var note = document.getElementById(name + "-error");
    if (!input || !note) return;
    note.textContent = message || "";
    note.hidden = !message;
    if (message) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", note.id);
    } else {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
  }
  document.querySelectorAll("form[data-preview]").forEach(function (form) {
    var timer = null;
    var status = form.querySelector("[role=status]");
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var data = new FormData(form);
        data.set("preview", "1");
        fetch(form.dataset.preview, { method: "POST", body: data, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (result) {
            if (!result) return;
            Object.keys(result.cells).forEach(function (id) {
              var cell = document.getElementById(id);
              if (cell) cell.textContent = result.cells[id];
            });
            Array.prototype.forEach.call(form.elements, function (input) {
              if (input.name && input.type === "text") {
                showError(form, input.name, result.errors[input.name]);
              }
            });
            if (status) status.textContent = "Summorna är omräknade (inte sparade).";
          });
      }, 300);
    });
  });
})();
