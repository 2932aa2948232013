// The desk works without this file; it only adds dragging stories between pages of the plan.
(function () {
  "use strict";
  var plan = document.querySelector("[data-page-plan]");
  if (!plan) return;
  var dragged = null;
  plan.addEventListener("dragstart", function (event) {
    var item = event.target.closest("[data-article]");
    if (!item) return;
    dragged = item;
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.getAttribute("data-article"));
  });
  plan.addEventListener("dragover", function (event) {
    var page = event.target.closest("[data-page]");
    if (!page || !dragged) return;
    event.preventDefault();
    page.classList.add("drop-target");
  });
  plan.addEventListener("dragleave", function (event) {
    var page = event.target.closest("[data-page]");
    if (page) page.classList.remove("drop-target");
  });
  plan.addEventListener("drop", function (event) {
    var page = event.target.closest("[data-page]");
    if (!page || !dragged) return;
    event.preventDefault();
    page.classList.remove("drop-target");
    var form = document.getElementById("move-form");
    form.elements.article.value = dragged.getAttribute("data-article");
    form.elements.page.value = page.getAttribute("data-page");
    form.submit();
  });
})();

// Urdu, Arabic and the other right-to-left languages are typed right to left as soon as the
// language is set, before the story is saved.
(function () {
  "use strict";
  var language = document.getElementById("field-language");
  if (!language) return;
  var rtl = ["ar", "ur", "fa", "ps", "sd", "he", "yi", "ckb", "dv", "ug"];
  function apply() {
    var code = language.value.trim().toLowerCase().split("-")[0];
    var dir = rtl.indexOf(code) >= 0 ? "rtl" : "ltr";
    ["field-body", "field-summary", "field-headline"].forEach(function (id) {
      var field = document.getElementById(id);
      if (field) { field.setAttribute("dir", dir); field.setAttribute("lang", language.value.trim() || "en"); }
    });
  }
  language.addEventListener("input", apply);
})();

// Topics are typed comma-separated: the suggestions follow the term being typed, keeping the
// terms before it, so each topic can be picked from the existing ones.
(function () {
  "use strict";
  var field = document.getElementById("field-topics");
  var list = document.getElementById("known-topics");
  if (!field || !list) return;
  var known = Array.prototype.map.call(list.options, function (option) { return option.value; });
  field.addEventListener("input", function () {
    var cut = field.value.lastIndexOf(",");
    var before = cut >= 0 ? field.value.slice(0, cut + 1) + " " : "";
    var typed = field.value.slice(cut + 1).trim().toLowerCase();
    var chosen = field.value.split(",").map(function (term) { return term.trim().toLowerCase(); });
    while (list.firstChild) list.removeChild(list.firstChild);
    known.filter(function (term) {
      return term.toLowerCase().indexOf(typed) === 0 && chosen.indexOf(term.toLowerCase()) < 0;
    }).slice(0, 50).forEach(function (term) {
      var option = document.createElement("option");
      option.value = before + term;
      list.appendChild(option);
    });
  });
})();
