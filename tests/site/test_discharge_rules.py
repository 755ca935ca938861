"""The discharge handout's answer rules (docs/assets/javascripts/discharge-fields.js, issue 27): what
the team's form refuses and what the patient's handout drops, with the message each gives. Runs
the script in Chromium on a blank page; needs no built site."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import sitetools

FIELDS = sitetools.ROOT / "docs" / "assets" / "javascripts" / "discharge-fields.js"
WRITTEN = "2026-12-06"   # a Sunday; every date below counts from it


@pytest.fixture(scope="module")
def rules(browser):
    context = browser.new_context()
    page = context.new_page()
    page.set_content("<!doctype html><html lang=en><title>rules</title><body></body></html>")
    page.add_script_tag(path=str(FIELDS))

    class Rules:
        def check(self, raw: dict, written: str = WRITTEN) -> dict:
            return page.evaluate("([raw, w]) => window.medrefDischarge.check(raw, w)", [raw, written])

        def read(self, fragment: str, today: str = WRITTEN) -> dict:
            return page.evaluate("([f, t]) => window.medrefDischarge.fromFragment(f, t)", [fragment, today])

        def call(self, name: str, *args):
            return page.evaluate("([name, args]) => window.medrefDischarge[name](...args)", [name, list(args)])

    yield Rules()
    context.close()


def day(offset: int) -> str:
    return (dt.date.fromisoformat(WRITTEN) + dt.timedelta(days=offset)).isoformat()


def messages(result: dict) -> dict:
    return {e["key"]: e["message"] for e in result["errors"]}


# ------------------------------------------------------------------ levels

@pytest.mark.parametrize("typed, kept", [
    ("T12, L1", "T12,L1"), ("l1 t12", "T12,L1"), ("T12/L1 and T11", "T11,T12,L1"), ("L1, L1", "L1"),
    ("C7;T1", "C7,T1"), ("L5", "L5"),
])
def test_levels_are_tidied_top_of_the_spine_first(rules, typed, kept):
    assert rules.check({"l": typed})["values"] == {"l": kept}


@pytest.mark.parametrize("typed, word", [("T13", "T13"), ("L6", "L6"), ("C8", "C8"), ("T0", "T0"), ("T012", "T012"),
                                         ("S1", "S1"), ("T12-L1", "T12-L1"), ("D12", "D12"), ("<b>T12</b>", "<B>T12<")])
def test_levels_outside_the_spine_are_refused_by_name(rules, typed, word):
    result = rules.check({"l": typed})
    assert result["values"] == {}
    assert messages(result)["l"] == ("Enter each level as C1 to C7, T1 to T12 or L1 to L5, separated by commas "
                                     f"(for example T12, L1); \u201c{word}\u201d is not one of them")


def test_no_more_than_six_levels(rules):
    assert messages(rules.check({"l": "T6 T7 T8 T9 T10 T11 T12"}))["l"] == "Enter no more than 6 levels"


# ------------------------------------------------------------------ phone numbers

@pytest.mark.parametrize("typed, kept, shown", [
    ("0118 496 0000", "01184960000", "0118 496 0000"),
    ("+44 (0)20 7946 0000", "02079460000", "020 7946 0000"),
    ("0044 1632 960000", "01632960000", "01632 960000"),
    ("07700-900000", "07700900000", "07700 900000"),
    ("0121 496 0000", "01214960000", "0121 496 0000"),
    ("0800 123 456", "0800123456", "0800 123 456"),
])
def test_uk_phone_numbers_are_kept_as_digits_and_shown_as_people_write_them(rules, typed, kept, shown):
    assert rules.check({"pd": typed})["values"] == {"pd": kept}
    assert rules.call("showPhone", kept) == shown


@pytest.mark.parametrize("typed", ["999", "111", "112", "12345", "0118 496 00", "+1 202 555 0100", "00118 496 0000",
                                   "0118 496 0000 ext 12", "tel:01184960000", "<a>0118 496 0000</a>"])
def test_emergency_short_and_foreign_numbers_are_refused(rules, typed):
    result = rules.check({"pn": typed})
    assert result["values"] == {}
    assert messages(result)["pn"].startswith("Enter the team's own UK phone number with its area code")
    assert "the handout already lists emergency numbers" in messages(result)["pn"]


def test_who_or_when_needs_its_number(rules):
    result = rules.check({"pdw": "Ward 7"})
    assert result["values"] == {}
    assert messages(result)["pd"] == ("Enter the daytime phone number that goes with \u201cWard 7\u201d, or clear both")


# ------------------------------------------------------------------ dates

@pytest.mark.parametrize("key, offset, ok", [
    ("d", -90, True), ("d", -91, False), ("d", 30, True), ("d", 31, False),
    ("fd", 0, True), ("fd", -1, False), ("fd", 400, True), ("fd", 401, False),
])
def test_dates_must_fall_in_their_range(rules, key, offset, ok):
    result = rules.check({key: day(offset)})
    assert (key in result["values"]) is ok, result
    if not ok:
        assert ("before" if offset < 0 else "after") + " the notes are written" in messages(result)[key]


@pytest.mark.parametrize("typed", ["2026-02-30", "2026-13-01", "yesterday", "6 Dec", "2026-12-6x"])
def test_unreal_dates_are_refused(rules, typed):
    assert messages(rules.check({"d": typed}))["d"] == "Enter the date of the procedure as a real date, for example 05/12/2026"


def test_day_month_year_is_read_as_uk_order(rules):
    assert rules.check({"d": "04/12/2026"})["values"] == {"d": "2026-12-04"}


# ------------------------------------------------------------------ medicines

def test_a_medicine_needs_a_name_and_a_plan(rules):
    result = rules.check({"m1": "Apixaban", "n2": "evening dose"})
    assert result["values"] == {}
    assert messages(result) == {
        "r1": "Choose the plan for Apixaban: restart on a date, take as before, or wait until the team says",
        "m2": "Enter the name of medicine 2, or clear its row",
        "r2": "Choose the plan for medicine 2: restart on a date, take as before, or wait until the team says",
    }


def test_a_restart_date_is_not_before_the_procedure(rules):
    result = rules.check({"d": day(-2), "m1": "Apixaban", "r1": day(-3)})
    assert result["values"] == {"d": day(-2)}
    assert messages(result)["r1"] == "The date to restart Apixaban is before the procedure; check both dates"


def test_a_medicine_can_wait_until_the_team_says(rules):
    """SIR and CIRSE leave a blood thinner's restart to the team's protocol: the team may not know the
    date at discharge (reviews/discharge-27-review.md). The plan travels as "wait" and prints as an
    instruction not to take it, never as "carry on"."""
    result = rules.check({"m1": "Warfarin", "r1": "wait", "n1": "INR check first"})
    assert result["values"] == {"m1": "Warfarin", "r1": "wait", "n1": "INR check first"}
    rows = rules.call("notes", result["values"], WRITTEN)
    said = "".join(p["text"] for p in rows[0]["items"][0])
    assert said == "Warfarin: do not take it until your team tells you when (INR check first)."
    assert rules.read(rules.call("toFragment", result["values"], WRITTEN))["values"] == result["values"]


@pytest.mark.parametrize("plan", ["Wait", "stop", "later", "wait!"])
def test_an_unknown_plan_is_refused(rules, plan):
    result = rules.check({"m1": "Warfarin", "r1": plan})
    assert result["values"] == {} and "r1" in messages(result)


def test_a_whole_medicine_row_goes_when_one_part_is_wrong(rules):
    """Half an instruction is not kept: the name without its plan could read as 'carry on'."""
    result = rules.check({"m1": "Warfarin", "r1": day(200), "n1": "check INR first"})
    assert result["values"] == {}
    assert "r1" in messages(result)


# ------------------------------------------------------------------ free text

@pytest.mark.parametrize("key, limit", [("m1", 25), ("n1", 30), ("pdw", 40), ("f", 100), ("b", 120), ("o", 150)])
def test_free_text_over_its_limit_is_refused_not_shortened(rules, key, limit):
    raw = {"m1": "Apixaban", "r1": "same", "pd": "01184960000", key: "x" * (limit + 1)}
    result = rules.check(raw)
    assert key not in result["values"]
    assert f"must be {limit} characters or fewer (it has {limit + 1})" in messages(result)[key]
    raw[key] = "\U0001f600" * limit   # characters, not UTF-16 units
    assert rules.check(raw)["values"][key] == "\U0001f600" * limit


def test_control_and_direction_characters_become_spaces(rules):
    """A right-to-left override could show a phone number or an instruction backwards."""
    result = rules.check({"o": "Ring \u202e0000 694 8110\u202c now\n\tplease\u200b!"})
    assert result["values"]["o"] == "Ring 0000 694 8110 now please !"


# ------------------------------------------------------------------ reading a link

def link(**values) -> str:
    from urllib.parse import urlencode
    return urlencode({"v": "1", "w": WRITTEN, **values})


def test_a_good_link_is_read_whole(rules):
    result = rules.read(link(p="vp", l="T12", d=day(-1), a="ga", pd="01184960000", o="Rest <b>today</b>"))
    assert result["refused"] is None and result["dropped"] == []
    assert result["values"] == {"p": "vp", "l": "T12", "d": day(-1), "a": "ga", "pd": "01184960000", "o": "Rest <b>today</b>"}


def test_unreadable_values_are_dropped_and_named(rules):
    fragment = link(p="xx", l="T13", d=day(-1), pd="999", o="y" * 151, zz="1") + "&b=one&b=two"
    result = rules.read(fragment)
    assert result["values"] == {"d": day(-1)}
    assert result["dropped"] == ["?", "b", "p", "l", "pd", "o"]


@pytest.mark.parametrize("fragment, reason", [
    ("v=2&w=2026-12-06&p=vp", "version"),
    ("v=1&v=1&w=2026-12-06&p=vp", "version"),
    ("w=2026-12-06&p=vp", "version"),
    ("v=1&p=vp", "date"),
    ("v=1&w=06/12/2026&p=vp", "date"),
    ("v=1&w=2026-12-09&p=vp", "date"),        # written after the reader's today (2 days' grace)
    ("v=1&w=2026-12-06&p=vp&o=" + "x" * 3000, "too-long"),
])
def test_a_link_that_cannot_be_trusted_shows_no_notes(rules, fragment, reason):
    result = rules.read(fragment)
    assert result["refused"] == reason and result["values"] == {}


def test_the_written_date_may_be_two_days_ahead_of_the_readers_clock(rules):
    assert rules.read("v=1&w=2026-12-08&p=vp")["refused"] is None


def test_the_link_round_trips(rules):
    raw = {"p": "kps", "l": "T12, L1", "d": day(-2), "a": "sed", "m1": "Apixaban", "r1": day(1), "n1": "evening & night",
           "m2": "Metformin", "r2": "same", "pd": "0118 496 0000", "pdw": "Ward 7 #2", "fd": day(40),
           "f": "Clinic=yes?", "b": "DEXA + GP", "o": "100% \u00a3 \u201cquoted\u201d"}
    values = rules.check(raw)["values"]
    fragment = rules.call("toFragment", values, WRITTEN)
    assert fragment.startswith("v=1&w=2026-12-06&p=kps&l=T12%2CL1&")
    assert '"' not in fragment and "\\" not in fragment and " " not in fragment   # safe in an id selector
    assert rules.read(fragment) == {"values": values, "dropped": [], "refused": None, "written": WRITTEN}


def test_notes_read_as_the_handout_prints_them(rules):
    values = rules.check({"p": "kp", "l": "T12, L1", "d": day(-2), "a": "sed", "m1": "Apixaban", "r1": day(1),
                          "n1": "evening dose", "m2": "Metformin", "r2": "same", "pd": "01184960000",
                          "pdw": "Ward 7", "fd": "2027-01-20"})["values"]
    rows = rules.call("notes", values, WRITTEN)
    text = {row["row"]: "|".join("".join(p["text"] for p in item) for item in row["items"]) if "items" in row
            else "".join(p["text"] for p in row["parts"]) for row in rows}
    assert text == {
        "what": "Balloon kyphoplasty at T12 and L1 on Friday 4 December, with sedation. (T: upper or middle back; L: lower back)",
        "m": "Apixaban: start it again on Monday 7 December (evening dose).|Metformin: take it as before.",
        "pd": "0118 496 0000 (Ward 7)",
        "f": "Wednesday 20 January 2027.",   # another year: the year is shown
    }
    assert rows[2]["parts"][0]["tel"] == "+441184960000"


# ------------------------------------------------------------------ free text that reads like urgent advice

@pytest.mark.parametrize("key, text, words", [
    ("o", "Any problems, ring the ward", ["Any problems"]),
    ("o", "If unwell call 999 or go to A&E", ["unwell", "999", "A&E"]),
    ("pnw", "Ring if feverish or worried", ["feverish", "worried"]),
    ("pnw", "Ward 7, urgent calls only", ["urgent"]),
    ("f", "Call 111 if you feel worse", ["111", "feel worse"]),
    ("b", "A and E if you fall", ["A and E"]),
    ("n1", "emergency dose only", ["emergency"]),
    # the symptom words of the warning signs (reviews/followups-review.md, open item 3)
    ("o", "Ring the ward if your legs go numb or weak", ["numb", "weak"]),
    ("pnw", "Call us about bleeding or chest pain", ["bleeding", "chest pain"]),
    ("f", "Tell us if breathless, confused or tingling", ["breathless", "confused", "tingling"]),
])
def test_free_text_that_reads_like_urgent_advice_is_named(rules, key, text, words):
    """The form warns (reviews/discharge-27-review.md): the team's own words print above the handout's
    warning-sign list and must not stand in for it."""
    found = rules.call("urgentWords", {key: text})
    assert [hit["key"] for hit in found] == [key]
    assert found[0]["words"] == words


def test_ordinary_notes_raise_no_urgent_warning(rules):
    values = {"o": "Keep the dressing dry for 2 days", "pnw": "Switchboard, ask for radiology",
              "f": "Clinic letter will follow", "b": "Your GP will arrange a DEXA scan", "n1": "evening dose",
              "pd": "01184960999"}   # a phone number is not free text
    assert rules.call("urgentWords", values) == []
