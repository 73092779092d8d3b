/* Progressive enhancement only: every page works without this script.
   - adds the visitor's own time beside each instant shown in Geneva time and UTC;
   - counts the words of each long answer as it is typed (the server counts after each POST);
   - shows the explanation box of an SDG only while the SDG is ticked. */
(function () {
  "use strict";

  // The submission service's word rule: "e-health", "ICT4D", "don't", "1,500" are one word each.
  var WORD = /[\p{L}\p{N}]+(?:[-'\u2019.,][\p{L}\p{N}]+)*/gu;

  function countWords(text) {
    var found = (text || "").match(WORD);
    return found ? found.length : 0;
  }

  function localTimes() {
    var lang = document.documentElement.lang || "en";
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    var format = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
    document.querySelectorAll("time[data-local-time]").forEach(function (time) {
      var holder = time.parentNode.querySelector(".when-local");
      var instant = new Date(time.getAttribute("datetime"));
      if (!holder || isNaN(instant.getTime())) return;
      holder.textContent = holder.getAttribute("data-template")
        .replace("{zone}", zone || "")
        .replace("{time}", format.format(instant));
      holder.hidden = false;
    });
  }

  function wordCounters() {
    document.querySelectorAll("[data-counter-for]").forEach(function (counter) {
      var box = document.getElementById(counter.getAttribute("data-counter-for"));
      if (!box) return;
      var min = parseInt(counter.getAttribute("data-min"), 10);
      var max = parseInt(counter.getAttribute("data-max"), 10);
      var number = counter.querySelector("[data-count]");
      var state = counter.querySelector("[data-state]");
      // An SDG's box is needed only while its SDG is ticked.
      var tick = document.getElementById(counter.getAttribute("data-needed-if") || "");
      function update() {
        var n = countWords(box.value);
        var key = (tick && !tick.checked && n === 0) ? "none"
          : (!isNaN(min) && n < min) ? "few" : (!isNaN(max) && n > max) ? "many" : "ok";
        number.textContent = String(n);
        state.textContent = key === "none" ? "" : " \u2013 " + counter.getAttribute("data-" + key);
        counter.classList.remove("word-count-none", "word-count-few", "word-count-many", "word-count-ok");
        counter.classList.add("word-count-" + key);
      }
      box.addEventListener("input", update);
      if (tick) tick.addEventListener("change", update);
      update();
    });
  }

  function sdgBoxes() {
    document.querySelectorAll("[data-sdg-toggle]").forEach(function (tick) {
      var box = document.getElementById(tick.getAttribute("data-sdg-toggle"));
      if (!box) return;
      var text = box.querySelector("textarea");
      function update() {
        // A box with text stays visible, so that nothing typed is hidden away.
        box.hidden = !tick.checked && !(text && text.value.trim());
      }
      tick.addEventListener("change", update);
      update();
    });
  }

  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  }

  document.addEventListener("DOMContentLoaded", function () {
    localTimes();
    wordCounters();
    sdgBoxes();
    focusErrors();
  });
})();
