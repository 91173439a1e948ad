// Live preview of a form: as the person types, the server computes the page's figures or renders
// its text again, and this shows the answer in place, unsaved. Without JavaScript the form still
// saves (or previews with a button). Forms opt in with data-preview="<url>"; the form is posted
// there with preview=1 and the answer is JSON with any of:
//   cells: {id: text}    texts to put in place (e.g. recomputed totals);
//   html: {id: html}     fragments the server rendered, to put in place;
//   errors: {field: message or [messages]}  shown next to each text field, in the element
//                        "<field>-error" or Django's "<field id>_error"; none clears them.
// A [role=status] element inside the form says when the page has been recomputed.
(function () {
  "use strict";
  function describe(input, id, on) {
    var ids = (input.getAttribute("aria-describedby") || "").split(" ").filter(function (item) {
      return item && item !== id;
    });
    if (on) ids.push(id);
    if (ids.length) input.setAttribute("aria-describedby", ids.join(" "));
    else input.removeAttribute("aria-describedby");
  }
  function showError(input, message) {
    var note = document.getElementById(input.name + "-error") ||
      document.getElementById(input.id + "_error");
    if (!note) return;
    var lines = [].concat(message || []);
    note.textContent = "";
    lines.forEach(function (line, index) {
      if (index) note.appendChild(document.createElement("br"));
      note.appendChild(document.createTextNode(line));
    });
    note.hidden = !lines.length;
    if (lines.length) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    describe(input, note.id, lines.length > 0);
  }
  document.querySelectorAll("form[data-preview]").forEach(function (form) {
    var timer = null;
    var sent = 0; // only the answer to the latest request is shown, whatever order they come in
    var status = form.querySelector("[role=status]");
    form.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var request = ++sent;
        var data = new FormData(form);
        data.set("preview", "1");
        fetch(form.dataset.preview, { method: "POST", body: data, credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : null; })
          .then(function (result) {
            if (!result || request !== sent) return;
            Object.keys(result.cells || {}).forEach(function (id) {
              var cell = document.getElementById(id);
              // A cell the person types in keeps its input; only computed cells are rewritten.
              if (cell && !cell.querySelector("input")) cell.textContent = result.cells[id];
            });
            Object.keys(result.html || {}).forEach(function (id) {
              var region = document.getElementById(id);
              if (region) region.innerHTML = result.html[id];
            });
            Array.prototype.forEach.call(form.elements, function (input) {
              if (input.name && (input.type === "text" || input.type === "textarea")) {
                showError(input, (result.errors || {})[input.name]);
              }
            });
            if (status) status.textContent = "Summorna är omräknade (inte sparade).";
          });
      }, 300);
    });
  });
})();
