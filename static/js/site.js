/* CareerPath India: small enhancements. Every page works without this file; it only adds
   conveniences. Served from our origin, no inline code, so it runs under a strict CSP. */
(function () {
  "use strict";

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text) node.textContent = text;
    return node;
  }

  /* The finder's skills step: its "find a skill by name" box also narrows the list shown as you
     type (ticked skills stay). Without this the box still works: Find asks the server. */
  function enhanceSkillPicker(picker) {
    var input = document.getElementById(picker.getAttribute("data-filter"));
    if (!input) return;
    var items = Array.prototype.slice.call(picker.querySelectorAll("label"));
    var headings = Array.prototype.slice.call(picker.querySelectorAll("strong"));
    var count = el("p", { class: "skill-filter-count mb-0 mt-1", id: input.id + "-count", "aria-live": "polite" });
    input.parentNode.insertAdjacentElement("afterend", count);
    input.setAttribute("aria-describedby", count.id);

    function update() {
      var words = input.value.toLowerCase().trim().split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (item) {
        var text = item.textContent.toLowerCase();
        var box = item.querySelector("input");
        var match = (box && box.checked) || words.every(function (w) { return text.indexOf(w) !== -1; });
        item.hidden = !match;
        if (match) shown += 1;
      });
      headings.forEach(function (heading) {
        var any = false;
        for (var node = heading.nextElementSibling; node && node.tagName !== "STRONG"; node = node.nextElementSibling) {
          if (!node.hidden) { any = true; break; }
        }
        heading.hidden = !any;
      });
      count.textContent = words.length ? picker.getAttribute("data-count")
        .replace("[shown]", shown).replace("[total]", items.length) : "";
    }
    input.addEventListener("input", update);
    picker.addEventListener("change", update);
    update();
  }

  /* The compare page's "Add a career" field: as-you-type suggestions from /compare/suggest/ in its
     datalist. Without this the form still works: the server lists the careers that match. */
  function enhanceCareerPicker(form) {
    var input = form.querySelector("input[list]");
    var list = input && document.getElementById(input.getAttribute("list"));
    var current = form.querySelector("input[name=careers]");
    if (!list || !window.fetch) return;
    var timer = null, latest = 0;
    function suggest() {
      var text = input.value.trim();
      var asked = ++latest;
      if (text.length < 2) { list.textContent = ""; return; }
      var url = form.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(text) +
        "&careers=" + encodeURIComponent(current ? current.value : "");
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { careers: [] }; })
        .then(function (data) {
          if (asked !== latest) return; /* an older answer arriving late */
          list.textContent = "";
          data.careers.forEach(function (career) { list.appendChild(el("option", { value: career.title })); });
        })
        .catch(function () { /* the form still works without suggestions */ });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });
  }

  /* Read-only share links get a Copy button (its words in the page's language, from the field's
     data-copy, data-copied and data-copy-by-hand: includes/share_link.html). */
  function enhanceShareLink(field) {
    if (!navigator.clipboard) return;
    var button = el("button", { type: "button", class: "btn btn-sm btn-outline-secondary mt-1 mb-2 no-print" }, field.dataset.copy);
    var status = el("span", { class: "ms-2 small no-print", role: "status" });
    field.insertAdjacentElement("afterend", status);
    field.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { status.textContent = field.dataset.copied; },
        function () { field.select(); status.textContent = field.dataset.copyByHand; }
      );
    });
  }

  /* Printing shows every answer, not only the open ones. */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    opened = Array.prototype.filter.call(document.querySelectorAll("details:not([open])"), function (d) {
      d.open = true;
      return true;
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".skill-picker[data-filter]"), enhanceSkillPicker);
    Array.prototype.forEach.call(document.querySelectorAll("input.share-link"), enhanceShareLink);
    Array.prototype.forEach.call(document.querySelectorAll("form.compare-add[data-suggest-url]"), enhanceCareerPicker);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
