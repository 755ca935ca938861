/* The discharge handout's answers: what each one may hold, and how they travel in a link.
   Shared by the team's form (discharge-form.js) and the patient handout (discharge-handout.js), so
   both apply the same rules: the form refuses what the handout would drop.

   The answers travel in the link's fragment (after "#") as URL-encoded pairs, "v=1&w=2026-12-05&p=vp...":
   browsers never send the fragment to a server. Anyone can make such a link, so the handout checks
   every value again, shows values as text only, and drops (never shortens or guesses) anything
   unreadable or out of range: a cut-off instruction could change its meaning.

   window.medrefDischarge.check(raw, written) -> {values, errors: [{key, message, label}]}
   window.medrefDischarge.toFragment(values, written) -> "v=1&w=..."
   window.medrefDischarge.notes(values, written) -> the handout's rows; printedLines(rows) -> their length on paper
   window.medrefDischarge.fromFragment(fragment, today) -> {values, written, dropped: [keys], refused: reason|null}
   window.medrefDischarge.urgentWords(values) -> [{key, label, words}]: free text that reads like warning-sign advice */
(function () {
  "use strict";

  var FORMAT = "1";
  var MAX_FRAGMENT = 3000;     // characters; the longest valid set of answers is about 1,500
  var MEDICINE_ROWS = 4;
  var MAX_LEVELS = 6;
  // Most characters for each free-text answer. Together the answers must also fit the printed sheet
  // (printedLines below), so a long "anything else" leaves less room for the rest.
  var LIMITS = { medicine: 25, note: 30, who: 40, followUp: 100, bone: 120, other: 150 };

  var PROCEDURES = {
    vp: "Vertebroplasty",
    kp: "Balloon kyphoplasty",
    kps: "Kyphoplasty with a stent or implant"
  };
  var ANAESTHETICS = {
    la: "Local anaesthetic only",
    sed: "Sedation",
    ga: "General anaesthetic"
  };
  // A medicine's plan besides a restart date. "wait": SIR (2019) and CIRSE (2021) leave the restart
  // of a blood thinner to the team's own protocol, so the team may not know the date at discharge.
  var PLANS = { same: "take it as before", wait: "do not take it until your team tells you when" };
  var REGIONS = { C: 7, T: 12, L: 5 };     // vertebrae in each part of the spine
  var REGION_ORDER = "CTL";

  // Labels for messages (the form) and for the note of what was left out (the handout).
  var LABELS = {
    v: "the link's format", w: "the date the notes were written", p: "Procedure", l: "Levels treated",
    d: "Date of the procedure", a: "Anaesthetic", pd: "Daytime phone number", pdw: "Daytime: who or when",
    pn: "Out-of-hours phone number", pnw: "Out of hours: who or when", fd: "Follow-up date",
    f: "Follow-up", b: "Bone health plan", o: "Anything else"
  };
  for (var row = 1; row <= MEDICINE_ROWS; row++) {
    LABELS["m" + row] = "Medicine " + row;
    LABELS["r" + row] = "Medicine " + row + ": plan";
    LABELS["n" + row] = "Medicine " + row + ": note";
  }
  var KEYS = Object.keys(LABELS);

  // ---- Dates: ISO strings in and out, whole days, no time zones ------------------------------------
  var DAY = 86400000;
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December"];
  var WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

  function isoToDay(text) {            // "2026-12-05" -> days since 1970, or null
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
    if (!m) { return null; }
    var y = +m[1], mo = +m[2], d = +m[3];
    var t = Date.UTC(y, mo - 1, d);
    var back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) { return null; }
    return t / DAY;
  }

  function dayToIso(day) {
    return new Date(day * DAY).toISOString().slice(0, 10);
  }

  function todayIso(now) {              // the reader's own calendar date
    now = now || new Date();
    return dayToIso(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY);
  }

  function longDate(iso) {              // "Saturday 5 December 2026"
    var d = new Date(isoToDay(iso) * DAY);
    return WEEKDAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  // A date as typed: ISO (what a date box gives) or day/month/year (a browser without a date box).
  function readDate(text) {
    text = text.trim();
    var m = /^(\d{1,2})[\/.\- ](\d{1,2})[\/.\- ](\d{4})$/.exec(text);
    if (m) { text = m[3] + "-" + ("0" + m[2]).slice(-2) + "-" + ("0" + m[1]).slice(-2); }
    return isoToDay(text) === null ? null : text;
  }

  // ---- Text: one line, no control or direction-changing characters, counted in characters ---------
  // Bidirectional controls could make a link show text in another order than it holds (a phone
  // number read backwards); zero-width characters could hide words. Both become spaces.
  var UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

  function cleanText(text) {
    return String(text).replace(UNSAFE_CHARS, " ").replace(/\s+/g, " ").trim();
  }

  function length(text) {
    return Array.from(text).length;
  }

  // ---- Levels: "T12, L1" -> "T12,L1" (top of the spine first) ------------------------------------
  function readLevels(text) {
    var parts = text.toUpperCase().split(/[\s,;\/&+]+|\bAND\b/).filter(Boolean);
    var seen = {}, levels = [];
    for (var i = 0; i < parts.length; i++) {
      var m = /^([CTL])(\d{1,2})$/.exec(parts[i]);
      if (!m || +m[2] < 1 || +m[2] > REGIONS[m[1]] || m[2].charAt(0) === "0") {
        return { error: "Enter each level as C1 to C7, T1 to T12 or L1 to L5, separated by commas " +
                        "(for example T12, L1); \u201c" + parts[i] + "\u201d is not one of them" };
      }
      if (!seen[parts[i]]) { seen[parts[i]] = true; levels.push(m); }
    }
    if (levels.length > MAX_LEVELS) { return { error: "Enter no more than " + MAX_LEVELS + " levels" }; }
    levels.sort(function (a, b) {
      return REGION_ORDER.indexOf(a[1]) - REGION_ORDER.indexOf(b[1]) || a[2] - b[2];
    });
    return { value: levels.map(function (m) { return m[1] + m[2]; }).join(",") };
  }

  function listWords(items) {           // ["T11", "T12", "L1"] -> "T11, T12 and L1"
    return items.length < 2 ? items.join("") : items.slice(0, -1).join(", ") + " and " + items[items.length - 1];
  }

  // ---- UK phone numbers: "0118 496 0000" or "+44 118 496 0000" -> "01184960000" -------------------
  function readPhone(text) {
    var digits = text.replace(/\(0\)/g, "").replace(/[\s().\-]/g, "");
    if (/^\+44/.test(digits)) { digits = "0" + digits.slice(3); } else if (/^0044/.test(digits)) { digits = "0" + digits.slice(4); }
    if (!/^0[1-9]\d{8,9}$/.test(digits)) {
      return { error: "Enter the team's own UK phone number with its area code, such as 0118 496 0000 " +
                      "or +44 118 496 0000 (10 or 11 digits); the handout already lists emergency numbers" };
    }
    return { value: digits };
  }

  // How people write UK numbers: 020 7946 0000, 0118 496 0000, 01632 960000, 07700 900000.
  function showPhone(digits) {
    var groups = /^02/.test(digits) ? [3, 4] : /^01\d1|^011|^0[389]/.test(digits) ? [4, 3] : [5];
    var out = [], at = 0;
    groups.forEach(function (n) { out.push(digits.slice(at, at + n)); at += n; });
    out.push(digits.slice(at));
    return out.join(" ");
  }

  // ---- Checking a set of answers ------------------------------------------------------------------
  /* raw: {key: string} as typed in the form or read from a link. written: ISO date the notes are
     dated (the date ranges below count from it). Returns the values to keep, and one error per
     answer that cannot be kept, in the order of KEYS. Empty answers are simply absent. */
  function check(raw, written) {
    var values = {}, errors = [];
    var base = isoToDay(written);
    function get(key) { return raw[key] === undefined || raw[key] === null ? "" : cleanText(raw[key]); }
    function fail(key, message) { errors.push({ key: key, message: message, label: LABELS[key] }); }

    function text(key, limit) {
      var value = get(key);
      if (!value) { return; }
      var n = length(value);
      if (n > limit) { return fail(key, LABELS[key] + " must be " + limit + " characters or fewer (it has " + n + ")"); }
      values[key] = value;
    }

    function choice(key, options, message) {
      var value = get(key);
      if (!value) { return; }
      if (!Object.prototype.hasOwnProperty.call(options, value)) { return fail(key, message); }
      values[key] = value;
    }

    // A date within [from, to] days of the written date; messages say which way it is out.
    function date(key, from, to, name) {
      var value = get(key);
      if (!value) { return null; }
      var iso = readDate(value);
      if (!iso) { return fail(key, "Enter " + name + " as a real date, for example 05/12/2026"); }
      var offset = isoToDay(iso) - base;
      if (offset < from) { return fail(key, cap(name) + " must not be more than " + -from + " days before the notes are written"); }
      if (offset > to) { return fail(key, cap(name) + " must not be more than " + to + " days after the notes are written"); }
      values[key] = iso;
      return offset;
    }

    choice("p", PROCEDURES, "Choose the procedure");
    var levels = get("l");
    if (levels) {
      var read = readLevels(levels);
      if (read.error) { fail("l", read.error); } else { values.l = read.value; }
    }
    var done = date("d", -90, 30, "the date of the procedure");
    choice("a", ANAESTHETICS, "Choose the anaesthetic");

    for (var i = 1; i <= MEDICINE_ROWS; i++) {
      var name = "m" + i, plan = "r" + i, note = "n" + i;
      if (!get(name) && !get(plan) && !get(note)) { continue; }
      text(name, LIMITS.medicine);
      text(note, LIMITS.note);
      var called = values[name] || "medicine " + i;
      if (!get(name)) { fail(name, "Enter the name of medicine " + i + ", or clear its row"); }
      var planned = get(plan);
      if (!planned) {
        fail(plan, "Choose the plan for " + called + ": restart on a date, take as before, or wait until the team says");
      } else if (Object.prototype.hasOwnProperty.call(PLANS, planned)) {
        values[plan] = planned;
      } else {
        var offset = date(plan, -14, 90, "the date to restart " + called);
        if (typeof offset === "number" && typeof done === "number" && offset < done) {
          delete values[plan];
          fail(plan, "The date to restart " + called + " is before the procedure; check both dates");
        }
      }
      if (!values[name] || !values[plan]) {   // half a plan is not a plan: keep neither part
        delete values[name]; delete values[plan]; delete values[note];
      }
    }

    ["pd", "pn"].forEach(function (key) {
      var phone = get(key);
      if (phone) {
        var read = readPhone(phone);
        if (read.error) { fail(key, read.error); } else { values[key] = read.value; }
      }
      text(key + "w", LIMITS.who);
      if (values[key + "w"] && !phone) {   // "who or when" with no number to ring is no help
        delete values[key + "w"];
        fail(key, "Enter the " + (key === "pd" ? "daytime" : "out-of-hours") + " phone number that goes with “" +
             get(key + "w") + "”, or clear both");
      }
    });
    date("fd", 0, 400, "the follow-up date");
    text("f", LIMITS.followUp);
    text("b", LIMITS.bone);
    text("o", LIMITS.other);
    return { values: values, errors: errors };
  }

  function cap(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // ---- The link's fragment ------------------------------------------------------------------------
  function toFragment(values, written) {
    var params = new URLSearchParams();
    params.append("v", FORMAT);
    params.append("w", written);
    KEYS.forEach(function (key) {
      if (key !== "v" && key !== "w" && values[key]) { params.append(key, values[key]); }
    });
    return params.toString();
  }

  function looksLikeAnswers(fragment) {
    return /^v=/.test(fragment);
  }

  /* Read a fragment (without "#"). refused: why nothing can be shown (the notes cannot be dated, or
     the link is from another version of the form); dropped: keys of answers left out. */
  function fromFragment(fragment, today) {
    var none = { values: {}, dropped: [], refused: null, written: null };
    if (fragment.length > MAX_FRAGMENT) { none.refused = "too-long"; return none; }
    var params = new URLSearchParams(fragment);
    if (params.getAll("v").length !== 1 || params.get("v") !== FORMAT) { none.refused = "version"; return none; }
    var written = params.getAll("w").length === 1 ? readDate(params.get("w")) : null;
    // Dated after the reader's today (two days allowed for clocks and time zones): not trustworthy.
    if (!written || !/^\d{4}-\d{2}-\d{2}$/.test(params.get("w")) || isoToDay(written) > isoToDay(today) + 2) {
      none.refused = "date"; return none;
    }
    var raw = {}, dropped = [];
    params.forEach(function (value, key) {
      if (KEYS.indexOf(key) === -1) { dropped.push("?"); return; }
      if (key === "v" || key === "w") { return; }
      if (params.getAll(key).length > 1) { dropped.push(key); return; }   // two values for one answer: show neither
      raw[key] = value;
    });
    var result = check(raw, written);
    result.errors.forEach(function (e) { dropped.push(e.key); });
    // Keys of answers left out ("?" for a part of the link this page does not know), once each.
    dropped = dropped.filter(function (key, i) { return dropped.indexOf(key) === i; });
    return { values: result.values, dropped: dropped, refused: null, written: written };
  }

  // ---- What the handout's notes say: one row per label, in the handout's order -------------------
  /* The words live here, not in the handout's script, so the form can measure them (printedLines)
     before the team gives the link out. Each row: {row, parts} or {row, items: [parts]}; a part is
     {text}, {text, strong: true} or {text, tel: "+44..."}. Rows' labels are the handout's <dt>s
     (tests/site/test_discharge_handout.py checks they match ROW_LABELS). */
  var ROW_LABELS = {
    what: "What you had", m: "Your medicines", pd: "Phone in the day", pn: "Phone at night, weekends and bank holidays",
    f: "Next check-up", b: "Bone health plan", o: "Also"
  };
  var WITH = { la: "with local anaesthetic only", sed: "with sedation", ga: "with a general anaesthetic" };
  var REGION_WORDS = { C: "C: neck", T: "T: upper or middle back", L: "L: lower back" };

  // "Wednesday 9 December"; the year too when it is not the year the notes were written.
  function dayDate(iso, written) {
    var text = longDate(iso);
    return iso.slice(0, 4) === written.slice(0, 4) ? text.replace(/ \d{4}$/, "") : text;
  }

  function notes(values, written) {
    var rows = [];
    if (values.p || values.l || values.d || values.a) {
      var words = values.p ? PROCEDURES[values.p] : "Your procedure";
      if (values.l) { words += " at " + listWords(values.l.split(",")); }
      if (values.d) { words += " on " + dayDate(values.d, written); }
      if (values.a) { words += ", " + WITH[values.a]; }
      words += ".";
      if (values.l) {
        var letters = [];
        values.l.split(",").forEach(function (level) {
          if (letters.indexOf(level.charAt(0)) === -1) { letters.push(level.charAt(0)); }
        });
        words += " (" + letters.map(function (letter) { return REGION_WORDS[letter]; }).join("; ") + ")";
      }
      rows.push({ row: "what", parts: [{ text: words }] });
    }
    var items = [];
    for (var n = 1; n <= MEDICINE_ROWS; n++) {
      if (!values["m" + n]) { continue; }
      var plan = PLANS[values["r" + n]] || "start it again on " + dayDate(values["r" + n], written);
      items.push([{ text: values["m" + n], strong: true },
                  { text: ": " + plan + (values["n" + n] ? " (" + values["n" + n] + ")." : ".") }]);
    }
    if (items.length) { rows.push({ row: "m", items: items }); }
    ["pd", "pn"].forEach(function (key) {
      if (!values[key]) { return; }
      var parts = [{ text: showPhone(values[key]), tel: "+44" + values[key].slice(1) }];
      if (values[key + "w"]) { parts.push({ text: " (" + values[key + "w"] + ")" }); }
      rows.push({ row: key, parts: parts });
    });
    if (values.fd || values.f) {
      var when = [values.fd ? dayDate(values.fd, written) + "." : "", values.f || ""].join(" ").trim();
      rows.push({ row: "f", parts: [{ text: when }] });
    }
    if (values.b) { rows.push({ row: "b", parts: [{ text: values.b }] }); }
    if (values.o) { rows.push({ row: "o", parts: [{ text: values.o }] }); }
    return rows;
  }

  /* Lines the notes take on paper, counted in half-width lines (they print in two columns), and the
     most that still leaves the standard advice on the same A4 side at 12pt. The count is cautious:
     CHARS_PER_LINE is what fits in the widest common system font (DejaVu Sans, on Linux); most
     computers' fonts fit more. tests/site/test_discharge_handout.py prints answers at the limit in
     several shapes and checks they stay on one side. */
  var CHARS_PER_LINE = 33;
  var PRINT_LINES = 20;

  function printedLines(rows) {
    function lines(text, width) { return Math.max(1, Math.ceil(Array.from(text).length / width)); }
    function join(parts) { return parts.map(function (part) { return part.text; }).join(""); }
    return rows.reduce(function (total, row) {
      var label = ROW_LABELS[row.row] + ": ";
      if (row.items) {   // the label on its own line, then one bullet per medicine (indented)
        return total + 1 + row.items.reduce(function (sum, item) { return sum + lines(join(item), CHARS_PER_LINE - 2); }, 0);
      }
      return total + lines(label + join(row.parts), CHARS_PER_LINE);
    }, 0);
  }

  /* Free text that reads like advice on what to do in an emergency ("ring the ward if unwell",
     "999", "A&E", "if feverish"). The notes print above the handout's warning-sign list, so a team's
     own words could seem to replace it: a patient with a 999 sign might ring a ward phone instead.
     The form warns (it does not refuse: "no fever since" is harmless) and names the box. */
  // Routes and the symptom words of the 999 and same-day signs (review of the follow-ups, open item 3):
  // "ring the ward if your legs go numb" is warning-sign advice in the team's own words.
  var URGENT_WORDS = /\b999\b|\b111\b|\bA\s*(?:&|and)\s*E\b|\bemergenc\w*|\burgent\w*|\bambulance|\bunwell\b|\bfeel(?:ing)? (?:ill|worse|poorly)\b|\bfever\w*|\btemperature\b|\bsepsis\b|\bany (?:problems?|concerns?|worries)\b|\bworried\b|\bif (?:you are |you're )?concerned\b|\bnumb\w*|\bweak\w*|\btingl\w*|\bpins and needles\b|\bbleed\w*|\bbreathless\w*|\bshort of breath\b|\bchest pain\b|\bconfus\w*|\bcollaps\w*/gi;
  var FREE_TEXT = ["n1", "n2", "n3", "n4", "pdw", "pnw", "f", "b", "o"];

  function urgentWords(values) {
    var found = [];
    FREE_TEXT.forEach(function (key) {
      var words = (values[key] || "").match(URGENT_WORDS);
      if (words) {
        found.push({ key: key, label: LABELS[key], words: words.filter(function (w, i) { return words.indexOf(w) === i; }) });
      }
    });
    return found;
  }

  window.medrefDischarge = {
    urgentWords: urgentWords,
    PLANS: PLANS,
    ROW_LABELS: ROW_LABELS,
    PRINT_LINES: PRINT_LINES,
    notes: notes,
    printedLines: printedLines,
    FORMAT: FORMAT,
    LIMITS: LIMITS,
    MEDICINE_ROWS: MEDICINE_ROWS,
    PROCEDURES: PROCEDURES,
    ANAESTHETICS: ANAESTHETICS,
    LABELS: LABELS,
    check: check,
    toFragment: toFragment,
    fromFragment: fromFragment,
    looksLikeAnswers: looksLikeAnswers,
    todayIso: todayIso,
    longDate: longDate,
    showPhone: showPhone,
    listWords: listWords
  };
})();
