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

  /* The finder's long skills checklist: a box that narrows the list as you type. */
  function enhanceSkillPicker(picker, index) {
    var items = Array.prototype.slice.call(picker.querySelectorAll("label"));
    if (items.length < 10) return;
    var id = "skill-filter-" + index;
    var wrap = el("div", { class: "skill-filter" });
    var label = el("label", { class: "form-label", for: id }, "Find a skill in the list");
    var input = el("input", { class: "form-control", type: "search", id: id, autocomplete: "off",
      "aria-describedby": id + "-count" });
    var count = el("p", { class: "skill-filter-count mb-0 mt-1", id: id + "-count", "aria-live": "polite" });
    wrap.append(label, input, count);
    picker.parentNode.insertBefore(wrap, picker);
    var headings = Array.prototype.slice.call(picker.querySelectorAll("strong"));

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
      var ticked = picker.querySelectorAll("input:checked").length;
      count.textContent = (words.length ? shown + " of " + items.length + " skills shown" : items.length + " skills") +
        (ticked ? ", " + ticked + " ticked" : "") + ".";
    }
    input.addEventListener("input", update);
    picker.addEventListener("change", update);
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); /* Enter filters; it does not submit the form */
    });
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

  /* Read-only share links get a Copy button. */
  function enhanceShareLink(field) {
    if (!navigator.clipboard) return;
    var button = el("button", { type: "button", class: "btn btn-sm btn-outline-secondary mt-1 mb-2 no-print" }, "Copy link");
    var status = el("span", { class: "ms-2 small no-print", role: "status" });
    field.insertAdjacentElement("afterend", status);
    field.insertAdjacentElement("afterend", button);
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(field.value).then(
        function () { status.textContent = "Link copied."; },
        function () { field.select(); status.textContent = "Press Ctrl+C to copy."; }
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
    Array.prototype.forEach.call(document.querySelectorAll(".skill-picker"), enhanceSkillPicker);
    Array.prototype.forEach.call(document.querySelectorAll("input.share-link"), enhanceShareLink);
    Array.prototype.forEach.call(document.querySelectorAll("form.compare-add[data-suggest-url]"), enhanceCareerPicker);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
