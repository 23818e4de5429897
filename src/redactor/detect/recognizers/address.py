"""Full US street addresses: number, street, suffix, unit, city, state, ZIP.

Presidio has no recognizer for these. A match needs a house number and a street suffix; the
unit, city, state and ZIP are taken when they follow (also across one line break, as in forms).
Block locations ("the 1400 block of Elm St") and intersections are not addresses.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from redactor.detect.recognizers.base import SpanRecognizer

SUFFIX = (
    r"(?:St(?:reet)?|Ave(?:nue)?|Av|Blvd|Boulevard|R(?:oa)?d|Dr(?:ive)?|L(?:a)?ne?|Ln|C(?:our)?t|Way"
    r"|Pl(?:ace)?|Ter(?:race)?|Terr|Cir(?:cle)?|Hwy|Highway|Pkwy|Parkway|Trl|Trail|Sq(?:uare)?"
    r"|Loop|Pike|Row|Run|Crossing|Xing|Cove|Cv|Path|Walk|Plaza|Plz|Alley|Aly|Bend|Crescent|Cres"
    r"|Expy|Expressway|Fwy|Freeway|Point|Pt|Ridge|Rdg|Ct|Court|Circle|Commons|Grove|Heights|Hts"
    r"|Landing|Manor|Mews|Park|Pass|Tpke|Turnpike|Vw|View|Villas?|Estates?|Fork|Branch|Hollow|Holw|Spur)"
)
DIRECTION = r"(?:[NSEW]\.?|N\.?[EW]\.?|S\.?[EW]\.?|North|South|East|West|Northeast|Northwest|Southeast|Southwest)"
WORD = r"(?:[A-Z][\p{L}'.-]*|\d{1,3}(?:st|nd|rd|th|ST|ND|RD|TH))"
STATE_NAMES = tuple(
    name.replace("_", " ")
    for name in """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia
    Hawaii Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan
    Minnesota Mississippi Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York
    North_Carolina North_Dakota Ohio Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina
    South_Dakota Tennessee Texas Utah Vermont Virginia Washington West_Virginia Wisconsin Wyoming""".split()
)
STATE = (
    r"(?-i:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]"
    r"|T[NX]|UT|V[TA]|W[AVIY]|PR|GU|VI|" + "|".join(n.replace(" ", r"\s+") for n in STATE_NAMES) + ")"
)
SEP = r"(?:,[ \t]*\n?[ \t]*|[ \t]*\n[ \t]*|,?[ \t]+)"  # comma/space, or one line break
UNIT = (
    r"(?:(?:Apt|Apartment|Unit|Ste|Suite|Rm|Room|Lot|Bldg|Building|Fl|Floor|Space|Spc|Trlr|#)\.?[ \t]*#?[ \t]*[A-Z0-9][A-Z0-9-]{0,5}"
    r"|\d{1,2}(?:st|nd|rd|th)[ \t]+(?:Floor|Fl)\.?)"  # "2nd Floor"
)
CITY = r"(?-i:[A-Z][A-Za-z.'-]+(?:(?:[ \t]|[ \t]*\n[ \t]*)[A-Z][A-Za-z.'-]+){0,2})"  # "New\nCarthage, IN"
CITY_TITLE = r"(?-i:[A-Z][a-z][A-Za-z.'-]*(?:[ \t][A-Z][a-z][A-Za-z.'-]*){0,2})"  # not "RED HOODIE" in a CAD log

# Street types written before the name: "Calle Ventura", "Paseo Del Sol", "Route 59".
PREFIX_TYPE = r"(?:Calle|Camino|Paseo|Avenida|Via|Vía|Rue|Callejon|Circulo)"
NUMBERED_ROUTE = (
    r"(?:(?:State|County|Co\.|US|U\.S\.|Farm to Market)[ \t]+)?(?:Route|Rte|Rt|Highway|Hwy|Road|Rd|FM|CR|SR)\.?"
    r"[ \t]+(?:\d{1,4}[A-Z]?|[A-Z]{1,2}\b)"
)
# Utah-style grid addresses: "3390 W 4700 S"
GRID = r"(?P<name>[NSEW][ \t]+\d{1,5}[ \t]+[NSEW])\b"
BREAK = r"(?:[ \t]+|[ \t]*\n[ \t]*)"  # a space, or a line break where a sentence wraps ("at 622\nPawnee Ct")
STREET = (
    rf"(?P<number>[NSEW]?\d{{1,6}}[A-Z]?(?:-\d{{1,4}})?|\d{{1,6}}[ \t]1/2){BREAK}"
    rf"(?:{DIRECTION}{BREAK})?"
    rf"(?:(?P<name>{NUMBERED_ROUTE})(?![ \t]+{SUFFIX}\b)"
    rf"|{PREFIX_TYPE}[ \t]+(?P<name>(?:(?:de|del|la|las|los|el)[ \t]+)?{WORD}(?:[ \t]{WORD})?)"
    rf"|{GRID}"
    rf"|(?P<name>{WORD}(?:[ \t]{WORD}){{0,3}}){BREAK}{SUFFIX}\.?)"
    r"(?:(?<=(?i:hwy|highway))[ \t]+\d{1,4}[A-Z]?(?![\w:]))?"  # "780 Old Hwy 51 N"
    rf"(?:[ \t]+{DIRECTION}(?![A-Za-z]))?"
)
ADDRESS = regex.compile(
    rf"(?<![\w#$.,-])(?<![\d ]/){STREET}"
    rf"(?:{SEP}(?P<unit>{UNIT}))?"
    rf"(?:{SEP}(?P<city>{CITY}),?(?:[ \t]+|[ \t]*\n[ \t]*)(?P<state>{STATE})\.?(?:[ \t]+(?P<zip>\d{{5}}(?:-\d{{4}})?))?"
    rf"|,[ \t]*(?P<city>{CITY_TITLE})(?=[ \t]*$|[ \t]{{2,}}|[ \t]*[;()]|[ \t]+/))?"  # a city alone ends its line, cell or brackets
    r"(?![\w])",
    regex.IGNORECASE | regex.MULTILINE,
)
PO_BOX = regex.compile(
    rf"(?:\bP\.?\s?O\.?\s+Box|\b(?:RR|R\.R\.|Rt\.?|Rte\.?|Route|Rural Route|HC|Star Route)[ \t]*\d{{1,3}}[ \t,]+Box)[ \t]*\d{{1,6}}(?:-?[A-Z])?(?:{SEP}{CITY},?[ \t]+{STATE}\.?(?:[ \t]+\d{{5}}(?:-\d{{4}})?)?)?",
    regex.IGNORECASE,
)
NOT_STREET_WORDS = {"block", "blk", "of", "hours", "hrs", "and", "the", "at", "on", "in", "near"}
# "behind 1211 HOLLISTER", "two doors down at 322 Linden": a house number and a street name with
# no suffix, only after a word that introduces a place; not a time before a title ("At 2040 Ptl. Sousa").
TITLES = r"(?i:ptl|ptlm|sgt|det|ofc|off|cpl|lt|capt|dep|tpr|inv|officer|deputy|detective|sergeant|trooper|hrs|hours)"
SHORT = regex.compile(
    rf"(?<=\b(?i:at|behind|near|to|from|address|addr|resides at|lives at|residence)[ \t:]+)"
    rf"[1-9]\d{{0,4}}[ \t]+(?:{DIRECTION}[ \t]+)?(?!{TITLES}\b)(?:\p{{Lu}}[\p{{L}}'-]+|\d{{1,3}}(?:st|nd|rd|th|ST|ND|RD|TH))"
    rf"(?![ \t]*(?:\p{{Lu}}|\d))(?=[ \t]*(?:[,.;:)]|$|[ \t]+\p{{Ll}}|[ \t]+-))",
    regex.MULTILINE,
)
MEASURES = {
    "hours",
    "hrs",
    "minutes",
    "mins",
    "seconds",
    "block",
    "blocks",
    "feet",
    "ft",
    "yards",
    "miles",
    "degrees",
    "pounds",
    "lbs",
    "rounds",
    "dollars",
    "grams",
    "ounces",
    "percent",
    "days",
    "weeks",
    "months",
    "years",
    "people",
    "persons",
    "officers",
    "units",
    "times",
    "pm",
    "am",
    "cst",
    "cdt",
    "est",
    "edt",
    "mst",
    "mdt",
    "pst",
    "pdt",
    "utc",
    "gmt",
}


# A house number that ends its line needs a word before it that introduces a place ("at 622\nPawnee Ct"),
# not "Total pages 12\nPark Avenue is closed".
PLACE_BEFORE = regex.compile(r"(?i:\b(?:at|to|from|near|behind|outside|of|on|in|address|addr|resides|lives)|,)[ \t]*$")


def plausible(match: regex.Match[str]) -> bool:
    street = match.group()
    if match.string.startswith(":", match.end()):
        return False  # a form label: "2 YRS PROB\n   COURT: CIRCUIT CT"
    if "\n" in match.string[match.end("number") : match.start("name")]:
        line = match.string[match.string.rfind("\n", 0, match.start()) + 1 : match.start()]
        if not PLACE_BEFORE.search(line):
            return False
    suffix_start = match.end("name")
    # The suffix is capitalised ("Elm St", "ELM ST"), not a common noun ("1 USB drive").
    tail = street[suffix_start - match.start() :].lstrip(" \t")
    if tail and tail[0].islower():
        return False
    words = [w for w in match["name"].split() if w.lower() not in {"de", "del", "la", "las", "los", "el"}]
    if regex.fullmatch(GRID, match["name"]):
        return True
    if any(w.lower().strip(".") in NOT_STREET_WORDS for w in words):
        return False
    # The name words must be capitalized (or the whole address upper-case): "12 dogs ran" is not.
    return all(w[0].isupper() or w[0].isdigit() for w in words)


class AddressRecognizer(SpanRecognizer):
    ENTITY = "STREET_ADDRESS"
    NAME = "redactor.address"

    def spans(self, text: str) -> Iterator[tuple[int, int, float]]:
        for m in ADDRESS.finditer(text):
            if plausible(m):
                yield m.start(), m.end(), 0.9 if m["city"] or m["unit"] else 0.75
        for m in PO_BOX.finditer(text):
            yield m.start(), m.end(), 0.8
        for m in SHORT.finditer(text):
            last = m.group().split()[-1].lower()
            if last not in MEASURES and last not in NOT_STREET_WORDS:
                yield m.start(), m.end(), 0.6
