// The review server's article page: verdicts, corrections and missed quotes through the
// JSON API, keyboard first. Everything from the article or the store is written with
// textContent, never as markup.
(function () {
  "use strict";
  var panel = document.getElementById("review");
  if (!panel) { return; }
  var articleId = panel.getAttribute("data-article");
  var csrf = document.querySelector('meta[name="csrf-token"]').getAttribute("content");
  var textBox = document.querySelector(".text");
  var message = document.getElementById("message");
  var note = document.getElementById("note");
  var speaker = document.getElementById("speaker");
  var role = document.getElementById("role");
  var act = document.getElementById("act");
  var spanPreview = document.getElementById("span-preview");
  var SPAN_HINT = spanPreview.textContent;
  var addSpeaker = document.getElementById("add-speaker");
  var addPreview = document.getElementById("add-preview");
  var FLASH = "quotes-review-message";
  var state = {text: "", domText: "", quotes: {}, suggestions: {}, order: [], selected: null, pending: null, me: null};

  function say(text, kind) {
    message.textContent = text;
    message.className = "message " + (kind || "");
    message.setAttribute("role", kind === "error" || kind === "conflict" ? "alert" : "status");
  }

  function api(method, path, body) {
    var options = {
      method: method,
      credentials: "same-origin",
      headers: {"Accept": "application/json", "X-CSRF-Token": csrf}
    };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return {status: response.status, data: data};
      });
    }, function () {
      return {status: 0, data: {error: "the server cannot be reached"}};
    });
  }

  // The article's text as the page shows it: its text nodes less the quotes' details.
  function textNodes() {
    var walker = document.createTreeWalker(textBox, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        return node.parentElement.closest(".tip") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    while (walker.nextNode()) { nodes.push(walker.currentNode); }
    return nodes;
  }

  // The character offset in the article of a point of the page (a range boundary).
  function offsetOf(container, offset) {
    var before = document.createRange();
    before.setStart(textBox, 0);
    before.setEnd(container, offset);
    var total = 0;
    textNodes().forEach(function (node) {
      if (node === before.endContainer) { total += before.endOffset; }
      else if (before.intersectsNode(node)) { total += node.length; }
    });
    return total;
  }

  function quoteOf(element) { return element ? state.quotes[element.getAttribute("data-quote")] : null; }

  function paint(element) {
    var quote = quoteOf(element);
    var verdict = quote && quote.review.verdict;
    if (verdict) { element.setAttribute("data-verdict", verdict); }
    else { element.removeAttribute("data-verdict"); }
    element.classList.toggle("reviewed", Boolean(verdict));
    // The quote's details (rendered with the page) say the verdict as it is now.
    Array.prototype.forEach.call(element.querySelectorAll(":scope > .tip > .tip-row"), function (row) {
      var label = row.querySelector(".tip-label");
      if (label && label.textContent === "verdict:" && verdict) {
        row.lastChild.textContent = " " + verdict + " by " + quote.review.reviewer;
      }
    });
  }

  function progress() {
    var ids = Object.keys(state.quotes);
    var done = ids.filter(function (id) { return state.quotes[id].review.verdict; }).length;
    document.getElementById("reviewed").textContent = String(done);
    document.getElementById("total").textContent = String(ids.length);
  }

  // An editor's quote: the analysis found none, so it said nothing of it.
  function added(quote) { return /^r\d+$/.test(quote.id); }

  // What the analysis said of a quote, field by field (null where it said nothing).
  function machine(quote, field) {
    if (field === "speaker") { return (quote.speaker && quote.speaker.name) || null; }
    if (field === "role") { return (quote.speaker && quote.speaker.role) || null; }
    if (field === "act") { return added(quote) ? null : quote.act; }
    return null;
  }

  // A field as the page shows it: the correction beside the machine's value.
  function beside(quote, field, none) {
    var corrected = quote.review.corrections[field];
    var given = machine(quote, field);
    if (corrected === null || corrected === undefined) { return given || none; }
    return corrected + " (corrected from " + (given || "none") + ")";
  }

  function who(quote) { return beside(quote, "speaker", "unattributed"); }

  // The quote's words now: the corrected span where there is one, else where it was found.
  function span(quote) {
    var corrections = quote.review.corrections;
    return {
      start: corrections.start === null || corrections.start === undefined ? quote.start : corrections.start,
      end: corrections.end === null || corrections.end === undefined ? quote.end : corrections.end
    };
  }

  function quoted(start, end) {
    var text = state.text.slice(start, end);
    if (text.length > 90) { text = text.slice(0, 50) + " \u2026 " + text.slice(-30); }
    return "\u201c" + text + "\u201d (" + start + "\u2013" + end + ")";
  }

  function showSpan(quote) {
    var now = span(quote);
    var moved = now.start !== quote.start || now.end !== quote.end;
    return quoted(now.start, now.end) +
      (moved ? " (corrected from " + quote.start + "\u2013" + quote.end + ")" : "");
  }

  // The verdict the quote's check against the sources suggests (`quotes verify`), or null.
  function suggestion(quote) { return (quote && state.suggestions[quote.id]) || null; }

  function show() {
    var quote = quoteOf(state.selected);
    var suggested = suggestion(quote);
    Array.prototype.forEach.call(panel.querySelectorAll("button.verdict"), function (button) {
      var verdict = button.getAttribute("data-verdict");
      var on = Boolean(quote) && quote.review.verdict === verdict;
      button.setAttribute("aria-pressed", on ? "true" : "false");
      button.classList.toggle("suggested", Boolean(suggested) && suggested.verdict === verdict);
    });
    document.getElementById("current-suggestion").textContent = suggested
      ? "Suggested by the check against the sources: " + suggested.verdict + " (" + suggested.reason + "). Press y to give it."
      : "";
    if (!quote) { return; }
    document.getElementById("current-id").textContent = "Quote " + quote.id;
    document.getElementById("current-speaker").textContent = "· " + who(quote);
    document.getElementById("current-role").textContent = beside(quote, "role", "none given");
    document.getElementById("current-act").textContent = beside(quote, "act", "none given");
    document.getElementById("current-span").textContent = showSpan(quote);
    var review = quote.review;
    document.getElementById("current-verdict").textContent = review.verdict
      ? "Verdict: " + review.verdict + " by " + review.reviewer + (review.note ? " · note: " + review.note : "")
      : "No verdict yet.";
    note.value = review.note || "";
    speaker.value = review.corrections.speaker || machine(quote, "speaker") || "";
    role.value = review.corrections.role || machine(quote, "role") || "";
    act.value = review.corrections.act || quote.act || "speech";
  }

  function select(element, focus) {
    if (!element) { return; }
    if (state.selected) { state.selected.classList.remove("selected"); }
    state.selected = element;
    element.classList.add("selected");
    show();
    if (focus) {
      element.scrollIntoView({block: "center"});
      element.focus({preventScroll: true});
    }
  }

  // The next (step 1) or previous (step -1) quote without a verdict, round the article.
  function unreviewed(step) {
    var count = state.order.length;
    var here = state.order.indexOf(state.selected);
    if (here < 0) { here = step > 0 ? -1 : count; }
    for (var moved = 1; moved <= count; moved += 1) {
      var element = state.order[(((here + step * moved) % count) + count) % count];
      if (!quoteOf(element).review.verdict) { return element; }
    }
    return null;
  }

  function move(step) {
    var element = unreviewed(step);
    if (element) { select(element, true); }
    else { say("Every quote of this article has a verdict.", "ok"); }
  }

  function failed(quote, reply) {
    if (reply.status === 409) {
      if (state.selected && quoteOf(state.selected) === quote) { state.selected.classList.add("conflict"); }
      say("Quote " + quote.id + " was " + reply.data.error + ".", "conflict");
    } else {
      say((reply.data && reply.data.error) || ("The server answered " + reply.status + "."), "error");
    }
  }

  function giveVerdict(verdict) {
    var quote = quoteOf(state.selected);
    if (!quote) { say("Select a quote first (j).", "error"); return; }
    var element = state.selected;
    var text = note.value.trim() || null;
    api("POST", "/api/articles/" + articleId + "/quotes/" + quote.store_id + "/verdict",
        {verdict: verdict, note: text, version: quote.version}).then(function (reply) {
      if (reply.status !== 200) { failed(quote, reply); return; }
      quote.version = reply.data.version;
      quote.review.verdict = verdict;
      quote.review.reviewer = reply.data.reviewer;
      quote.review.note = text;
      paint(element);
      progress();
      show();
      say("Quote " + quote.id + ": " + verdict + ".", "ok");
    });
  }

  function giveSuggested() {
    var suggested = suggestion(quoteOf(state.selected));
    if (!suggested) { say("No check against the sources suggests a verdict for this quote.", "error"); return; }
    giveVerdict(suggested.verdict);
  }

  // Send corrections of the selected quote (null clears a field: the machine's stands),
  // with the version it was read at; a stale one changes nothing and says so.
  function correct(fields, done) {
    var quote = quoteOf(state.selected);
    if (!quote) { say("Select a quote first (j).", "error"); return; }
    var element = state.selected;
    var body = {version: quote.version};
    Object.keys(fields).forEach(function (field) { body[field] = fields[field]; });
    api("POST", "/api/articles/" + articleId + "/quotes/" + quote.store_id + "/correction", body)
      .then(function (reply) {
        if (reply.status !== 200) { failed(quote, reply); return; }
        quote.version = reply.data.version;
        Object.keys(fields).forEach(function (field) { quote.review.corrections[field] = fields[field]; });
        if (state.selected === element) { show(); }
        say("Quote " + quote.id + ": " + done(quote) + ".", "ok");
        element.focus({preventScroll: true});
      });
  }

  // A field's new value, or null where it is the machine's own (no correction then).
  function value(field, typed) {
    var quote = quoteOf(state.selected);
    var given = typed.trim() || null;
    return quote && given === machine(quote, field) ? null : given;
  }

  function correctField(field, typed) {
    var fields = {};
    fields[field] = value(field, typed);
    correct(fields, function (quote) {
      return fields[field] === null
        ? field + " is the analysis' again (" + (machine(quote, field) || "none") + ")"
        : field + " corrected to " + fields[field];
    });
  }

  function correctSpan() {
    var quote = quoteOf(state.selected);
    var chosen = selected() || state.pending;
    if (!quote) { say("Select a quote first (j).", "error"); return; }
    if (!chosen) { say("Select the quote's words in the text first, then press w.", "error"); return; }
    var same = chosen.start === quote.start && chosen.end === quote.end;
    correct(same ? {start: null, end: null} : {start: chosen.start, end: chosen.end}, function (changed) {
      state.pending = null;
      addPreview.textContent = ADD_HINT;
      spanPreview.textContent = SPAN_HINT;
      return (same ? "words are the analysis' again: " : "words set to ") + showSpan(changed);
    });
  }

  // The words selected in the article, as offsets into its text, kept until the next
  // selection there (clicking into the speaker field must not lose them).
  function selected() {
    var selection = window.getSelection();
    if (!selection || !selection.rangeCount || selection.isCollapsed) { return null; }
    var range = selection.getRangeAt(0);
    if (!textBox.contains(range.commonAncestorContainer)) { return null; }
    var start = offsetOf(range.startContainer, range.startOffset);
    var end = offsetOf(range.endContainer, range.endOffset);
    var text = state.text;
    if (state.domText !== text) {
      // The page's text differs from the stored one (a browser that normalised line
      // breaks): find the words in the stored text, nearest where they were selected.
      var words = state.domText.slice(start, end);
      var found = text.indexOf(words, Math.max(0, start - 200));
      if (found < 0) { found = text.indexOf(words); }
      if (found < 0) { return null; }
      start = found;
      end = found + words.length;
    }
    while (start < end && /\s/.test(text.charAt(start))) { start += 1; }
    while (end > start && /\s/.test(text.charAt(end - 1))) { end -= 1; }
    return start < end ? {start: start, end: end} : null;
  }

  var ADD_HINT = addPreview.textContent;
  document.addEventListener("selectionchange", function () {
    var chosen = selected();
    if (!chosen) { return; }
    state.pending = chosen;
    addPreview.textContent = "Selected: \u201c" + state.text.slice(chosen.start, chosen.end) + "\u201d (" +
      chosen.start + "\u2013" + chosen.end + ")";
    spanPreview.textContent = "Selected: " + quoted(chosen.start, chosen.end);
  });

  function addQuote() {
    var words = selected() || state.pending;
    if (!words) { say("Select the words the analysis missed in the article first.", "error"); return; }
    var body = {start: words.start, end: words.end};
    if (addSpeaker.value.trim()) { body.speaker = addSpeaker.value.trim(); }
    api("POST", "/api/articles/" + articleId + "/quotes", body).then(function (reply) {
      if (reply.status !== 201) { say(reply.data.error || "The quote was not added.", "error"); return; }
      try { sessionStorage.setItem(FLASH, "Added quote r" + reply.data.quote + "."); } catch (error) { /* private mode */ }
      location.reload();
    });
  }

  panel.addEventListener("click", function (event) {
    var button = event.target.closest("button.verdict");
    if (button) { giveVerdict(button.getAttribute("data-verdict")); }
  });
  document.getElementById("speaker-form").addEventListener("submit", function (event) {
    event.preventDefault();
    correctField("speaker", speaker.value);
  });
  document.getElementById("role-form").addEventListener("submit", function (event) {
    event.preventDefault();
    correctField("role", role.value);
  });
  document.getElementById("act-form").addEventListener("submit", function (event) {
    event.preventDefault();
    correctField("act", act.value);
  });
  // Enter in the act's list saves it, as in the other fields (a list does not submit its form).
  act.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      correctField("act", act.value);
    }
  });
  document.getElementById("span-button").addEventListener("click", correctSpan);
  document.getElementById("add-form").addEventListener("submit", function (event) {
    event.preventDefault();
    addQuote();
  });
  textBox.addEventListener("focusin", function (event) {
    if (state.order.indexOf(event.target) >= 0) { select(event.target, false); }
  });
  textBox.addEventListener("click", function (event) {
    var piece = event.target.closest(".q");
    if (!piece) { return; }
    var id = piece.getAttribute("data-quote");
    var element = state.order.filter(function (candidate) { return candidate.getAttribute("data-quote") === id; })[0];
    if (element && element !== state.selected) { select(element, false); }
  });

  var VERDICT_KEYS = {};
  Array.prototype.forEach.call(panel.querySelectorAll("button.verdict"), function (button) {
    VERDICT_KEYS[button.getAttribute("data-key")] = button.getAttribute("data-verdict");
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var target = event.target;
    if (target.closest && target.closest("input, textarea, select, [contenteditable]")) {
      if (event.key === "Escape") {
        target.blur();
        if (state.selected) { state.selected.focus({preventScroll: true}); }
      }
      return;
    }
    var key = event.key;
    if (key === "j") { move(1); }
    else if (key === "k") { move(-1); }
    else if (Object.prototype.hasOwnProperty.call(VERDICT_KEYS, key)) { giveVerdict(VERDICT_KEYS[key]); }
    else if (key === "y") { giveSuggested(); }
    else if (key === "a") { addQuote(); }
    else if (key === "s") { speaker.focus(); speaker.select(); }
    else if (key === "r") { role.focus(); role.select(); }
    else if (key === "t") { act.focus(); }
    else if (key === "w") { correctSpan(); }
    else if (key === "n") { note.focus(); }
    else { return; }
    event.preventDefault();
  });

  api("GET", "/api/articles/" + articleId).then(function (reply) {
    if (reply.status !== 200) { say(reply.data.error || "The article cannot be loaded.", "error"); return; }
    state.text = reply.data.text;
    state.domText = textNodes().map(function (node) { return node.data; }).join("");
    state.suggestions = reply.data.suggestions || {};
    reply.data.analysis.quotes.forEach(function (quote) {
      if (!quote.review.stale) { state.quotes[quote.id] = quote; }
    });
    state.order = Array.prototype.filter.call(textBox.querySelectorAll(".q[tabindex]"), function (element) {
      return Boolean(quoteOf(element));
    });
    state.order.forEach(paint);
    progress();
    select(unreviewed(1) || state.order[0], false);
    var flash = null;
    try { flash = sessionStorage.getItem(FLASH); sessionStorage.removeItem(FLASH); } catch (error) { /* private mode */ }
    say(flash || "Press j for the next quote to review.", flash ? "ok" : "");
    panel.setAttribute("data-ready", "true");
  });
})();
