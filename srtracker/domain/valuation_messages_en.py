"""English for the Dutch msgids of valuation.py (tools/translations.py fills the catalogue)."""

MESSAGES = {
    "bouwblok-taal: nl": "bouwblok-taal: en",
    "{block} (€ {rate} per jaar)": "{block} (€ {rate} a year)",
    "{block} + {bonuses} (€ {rate} + € {bonus_rate} per jaar)": "{block} + {bonuses} (€ {rate} + € {bonus_rate} a year)",
    "{block} (€ {rate} per maand)": "{block} (€ {rate} a month)",
    "{hours} van {fulltime} uur per week": "{hours} of {fulltime} hours a week",
    "{hours} uur per week, telt als {fulltime} van {fulltime}": "{hours} hours a week, counted as {fulltime} of {fulltime}",
    "1 maand": "1 month",
    "{months} maanden": "{months} months",
    "1 maand en {days} dagen": "1 month and {days} days",
    "{months} maanden en {days} dagen": "{months} months and {days} days",
    "{days} dagen": "{days} days",
    "geteld tot en met {cap_end}: hoogstens {cap} maanden vanaf de eerste dag ({first})": "counted up to and including {cap_end}: at most {cap} months from the first day ({first})",
    "{block}: {percent}% van € {amount}": "{block}: {percent}% of € {amount}",
    "{block}: geen bedrag ingevuld": "{block}: no amount given",
    "{hours} uur per week is minder dan de {min_hours} uur per week die de waarderingstabel "
    "vraagt": "{hours} hours a week is less than the {min_hours} hours a week the valuation "
    "table asks",
    "de waarderingstabel heeft geen bouwblok voor deze soort en doelgroep": "the valuation table has no building block for this type and target group",
    "{block}: niet gewaardeerd: {reason}": "{block}: not valued: {reason}",
    "{block}: {quantity} uur × € {rate}": "{block}: {quantity} hours × € {rate}",
    "{block}: {quantity} dagen × € {rate}": "{block}: {quantity} days × € {rate}",
    "{block}: {quantity} × € {rate} per activiteit": "{block}: {quantity} × € {rate} an activity",
    "{block}: € {amount}, hoogstens € {rate} per dag × {quantity} dagen = € {limit}": "{block}: € {amount}, at most € {rate} a day × {quantity} days = € {limit}",
    "{block}: geen aantal ingevuld": "{block}: no quantity given",
    "telt {counted} van {worked} voltijdmaanden: hoogstens {cap} gewerkte voltijdmaanden "
    "per kandidaat, {used} al gebruikt": "counts {counted} of {worked} full-time months: at "
    "most {cap} full-time months worked per candidate, {used} used already",
    "{explanation}: € {value}": "{explanation}: € {value}",
    "waarderingstabel: {name}, versie {version}": "valuation table: {name}, version {version}",
}


def translate(msgid: str) -> str:
    return MESSAGES.get(msgid, msgid)
