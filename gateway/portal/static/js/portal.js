/* Progressive enhancement only: every page works without this script.
   - adds the visitor's own time beside each instant shown in Geneva time, where it differs;
   - counts the words of each long answer as it is typed (the server counts after each POST);
   - shows the explanation box of an SDG only while the SDG is ticked;
   - marks the voter's own choice on a category page, which is the same for every voter (it
     comes from the edge's cache): from the wsis_choices display cookie (domain/display.py). */
(function () {
  "use strict";

  // The word rule of wsis_common/words.py, character for character (tests/common/test_words.py
  // runs this function under node over the counting corpus): white space, em and en dashes
  // separate words; each CJK character is a word; a piece with no letter or digit is none.
  var SEPARATORS = "\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u2013\u2014";
  var ASIAN = "\u1100-\u11ff\u2e80-\u2fdf\u3001-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u4dbf" +
    "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef" +
    "\u{20000}-\u{3134f}";
  var PIECE = new RegExp("[" + ASIAN + "]|[^" + ASIAN + SEPARATORS + "]+", "gu");
  var LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

  function countWords(text) {
    var pieces = (text || "").match(PIECE) || [];
    return pieces.filter(function (piece) { return LETTER_OR_DIGIT.test(piece); }).length;
  }

  // The visitor's own time beside an instant shown in Geneva time, only when the browser's
  // zone gives another wall time (a visitor in Geneva, or Paris, sees nothing more).
  function localTimes() {
    var lang = document.documentElement.lang || "en";
    var wall, geneva, format;
    try {
      var parts = { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit",
                    minute: "2-digit", hourCycle: "h23" };
      wall = new Intl.DateTimeFormat("en-GB", parts);
      geneva = new Intl.DateTimeFormat("en-GB", Object.assign({ timeZone: "Europe/Zurich" }, parts));
      format = new Intl.DateTimeFormat(lang, { dateStyle: "long", timeStyle: "short" });
    } catch (e) {
      return;
    }
    document.querySelectorAll("time[data-local-time]").forEach(function (time) {
      var holder = time.parentNode.querySelector(".when-local");
      var instant = new Date(time.getAttribute("datetime"));
      if (!holder || isNaN(instant.getTime())) return;
      if (wall.format(instant) === geneva.format(instant)) return;
      holder.textContent = holder.getAttribute("data-template").replace("{time}", format.format(instant));
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

  // wsis_choices = "year~category.nominee~...": this voter's choices in one edition.
  function choicesOf(cookie, year) {
    var match = ("; " + cookie).match(/; wsis_choices=([^;]*)/);
    var parts = match ? decodeURIComponent(match[1]).split("~") : [];
    var chosen = {};
    if (parts[0] !== String(year)) return chosen;
    parts.slice(1).forEach(function (pair) {
      var dot = pair.indexOf(".");
      if (dot > 0) chosen[pair.slice(0, dot)] = pair.slice(dot + 1);
    });
    return chosen;
  }

  // In a category already voted in: the mark beside the choice, and no Vote button left (the
  // confirmation page and the vote check the session whatever this shows).
  function markChoice() {
    var list = document.querySelector("[data-choices]");
    if (!list) return;
    var mine = choicesOf(document.cookie, list.getAttribute("data-choices"))[list.getAttribute("data-category")];
    if (!mine) return;
    list.querySelectorAll(".vote-action").forEach(function (action) { action.remove(); });
    var notice = document.querySelector("[data-voted-notice]");
    if (notice) notice.hidden = false;
    var chosen = list.querySelector('[data-nominee="' + CSS.escape(mine) + '"]');
    var mark = document.querySelector("[data-your-choice]");
    if (!chosen || !mark || chosen.classList.contains("nominee-chosen")) return;
    chosen.classList.add("nominee-chosen");
    var copy = mark.cloneNode(true);
    copy.hidden = false;
    copy.removeAttribute("data-your-choice");
    chosen.querySelector("article").appendChild(copy);
  }

  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (summary) summary.focus();
  }

  // Under node (the tests), only the counter is used.
  if (typeof module !== "undefined" && module.exports) {
    module.exports = { countWords: countWords };
    return;
  }
  document.addEventListener("DOMContentLoaded", function () {
    localTimes();
    wordCounters();
    sdgBoxes();
    markChoice();
    focusErrors();
  });
})();
