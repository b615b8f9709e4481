(function () {
  "use strict";
  function quoteFor(id) {
    var target = id ? document.getElementById(id) : null;
    return target && target.classList.contains("q") ? target : null;
  }
  function show(quote) {
    quote.scrollIntoView({block: "center"});
    quote.focus({preventScroll: true});
  }
  function place(quote) {
    var tip = quote.querySelector(":scope > .tip");
    if (!tip) { return; }
    tip.style.marginLeft = "0px";
    var overflow = tip.getBoundingClientRect().right - (document.documentElement.clientWidth - 8);
    if (overflow > 0) { tip.style.marginLeft = (-overflow) + "px"; }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-focus]") : null;
    var quote = link ? quoteFor(link.getAttribute("data-focus")) : null;
    if (!quote) { return; }
    event.preventDefault();
    try { history.replaceState(null, "", "#" + quote.id); } catch (error) { /* file: pages */ }
    show(quote);
  });
  document.addEventListener("keydown", function (event) {
    var active = document.activeElement;
    if (event.key === "Escape" && active && active.classList.contains("q")) {
      active.classList.add("quiet");
    }
  });
  document.addEventListener("focusin", function (event) {
    if (event.target.classList && event.target.classList.contains("q")) { place(event.target); }
  });
  document.addEventListener("focusout", function (event) {
    if (event.target.classList) { event.target.classList.remove("quiet"); }
  });
  document.addEventListener("mouseover", function (event) {
    var quote = event.target.closest ? event.target.closest(".q[tabindex]") : null;
    if (quote) { place(quote); }
  });
  function fromHash() {
    var quote = quoteFor(decodeURIComponent(location.hash.slice(1)));
    if (quote) { show(quote); }
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
