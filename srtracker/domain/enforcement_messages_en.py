"""English for the Dutch msgids of enforcement.py."""

MESSAGES = {
    "waarschuwing": "warning",
    "ingebrekestelling": "formal notice",
    "hersteld": "remedied",
    "bedrag voorgesteld": "amount proposed",
    "vrijgesteld": "exempted",
    "opgelegd": "imposed",
    "resultaatsverplichting": "obligation of result",
    "inspanningsverplichting": "obligation of effort",
    "{code}: {missing} van {target} plaatsingen niet gerealiseerd": (
        "{code}: {missing} of {target} placements not realised"
    ),
    "{code}: {missing} van {target} uren niet gerealiseerd": (
        "{code}: {missing} of {target} hours not realised"
    ),
    "{code}: € {missing} van € {target} niet gerealiseerd": (
        "{code}: € {missing} of € {target} not realised"
    ),
    "waarde € {unrealised}; {percent}%: € {amount}": "value € {unrealised}; {percent}%: € {amount}",
    "{units} × € {per_unit}: € {amount}": "{units} × € {per_unit}: € {amount}",
    "{units} × € {per_unit} per 100 uur: € {amount}": (
        "{units} × € {per_unit} per 100 hours: € {amount}"
    ),
    "niet gerealiseerde waarde: € {amount}": "unrealised value: € {amount}",
    "na het plafond van € {cap} voor het contract: € {amount}": (
        "after the contract's cap of € {cap}: € {amount}"
    ),
    "kan alleen bij een open melding 'achter' of 'niet gehaald' van deze verplichting": (
        "only possible with an open 'behind' or 'failed' flag of this clause"
    ),
    "de zaak is al verder dan een waarschuwing (nu: {step})": (
        "the case is past a warning already (now: {step})"
    ),
    "een ingebrekestelling kan tot het einde van het contract ({end})": (
        "a formal notice is possible until the end of the contract ({end})"
    ),
    "het einde van de herstelperiode moet na {day} liggen": (
        "the end of the remedial period must lie after {day}"
    ),
    "deze verplichting heeft geen open zaak": "this clause has no open case",
    "geef een reden voor de vrijstelling": "give a reason for the exemption",
    "het contract heeft geen handhavingsregeling ([contract.enforcement])": (
        "the contract has no enforcement terms ([contract.enforcement])"
    ),
    "opleggen kan alleen als er een bedrag is voorgesteld": (
        "an amount can only be imposed once one has been proposed"
    ),
    "het bedrag moet 0 of meer zijn, in euro met hoogstens twee decimalen": (
        "the amount must be 0 or more, in euros with at most two decimals"
    ),
    "het bedrag mag niet hoger zijn dan het voorgestelde bedrag (€ {proposed})": (
        "the amount may not exceed the proposed amount (€ {proposed})"
    ),
    "geef een reden voor een lager bedrag dan voorgesteld": (
        "give a reason for an amount lower than proposed"
    ),
    "bij een inspanningsverplichting is een reden nodig: hoe zijn de inspanningen van de "
    "opdrachtnemer gewogen?": (
        "an obligation of effort needs a reason: how were the supplier's efforts weighed?"
    ),
    # the interface (forms, pages, commands)
    "Waarde van de verplichting in euro": "Value of the clause in euros",
    "Soort verplichting": "Kind of obligation",
    "Bedrag bij tekortkoming": "Amount on a shortfall",
    "Deel van de niet-gerealiseerde waarde": "Share of the unrealised value",
    "Bedrag per eenheid in euro": "Amount per unit in euros",
    "Herstelperiode (dagen)": "Remedial period (days)",
    "Plafond voor het contract in euro": "Cap for the contract in euros",
    "geen (er wordt nooit een bedrag voorgesteld)": "none (no amount is ever proposed)",
    "deel van de niet-gerealiseerde waarde": "share of the unrealised value",
    "vast bedrag per ontbrekende persoon of per 100 uur": "fixed amount per missing person or per 100 hours",
    "Bij een inspanningsverplichting weegt het bureau de inspanningen van de opdrachtnemer voordat een bedrag wordt opgelegd.": "With an obligation of effort the bureau weighs the supplier's efforts before an amount is imposed.",
    "Bij een deel van de waarde: meer dan 0 en hoogstens 1; 0,5 is 50%.": "With a share of the value: more than 0 and at most 1; 0.5 is 50%.",
    "Bij een vast bedrag: per ontbrekende persoon of per 100 ontbrekende uren.": "With a fixed amount: per missing person or per 100 missing hours.",
    "1 tot 365 dagen; leeg: 60.": "1 to 365 days; empty: 60.",
    "Optioneel: hoogstens zoveel in totaal voor het contract.": "Optional: at most this much in total for the contract.",
    "Optioneel, bij personen en uren: wat het halen van deze verplichting waard is. Leeg: een gelijk deel van het standaardpercentage van de contractwaarde.": "Optional, for persons and hours: what meeting this clause is worth. Empty: an equal share of the default percentage of the contract value.",
    "schrijf de handhaving als tabel [contract.enforcement]": "write the enforcement terms as a table [contract.enforcement]",
    "ontbreekt; verplicht bij basis = {basis}": "missing; required with basis = {basis}",
    "hoort niet bij basis = {basis}": "not allowed with basis = {basis}",
    "moet een geheel aantal dagen zijn, 1 tot 365": "must be a whole number of days, 1 to 365",
    "moet groter dan 0 en hoogstens 1 zijn (0.5 is 50%)": "must be more than 0 and at most 1 (0.5 is 50%)",
    "gebruik hoogstens vier decimalen": "use at most four decimals",
    'alleen bij measure = "persons" of "hours"; een verplichting in euro is haar doel waard': 'only with measure = "persons" or "hours"; a clause in euros is worth its target',
    "Handhaving": "Enforcement",
    "Wat er gebeurt als een verplichting na waarschuwing, ingebrekestelling en herstelperiode niet is gehaald.": "What happens when a clause is not met after a warning, a formal notice and a remedial period.",
    "onbekende stap {step}": "unknown step {step}",
    "het contract is gearchiveerd": "the contract is archived",
    "onbekende verplichting {code}": "unknown clause {code}",
    "Verplichting %(code)s (%(clause)s): doel %(target)s, gerealiseerd %(realised)s, verwacht %(expected)s volgens de rapportage tot en met %(date)s; stand: %(status)s.": "Clause %(code)s (%(clause)s): target %(target)s, realised %(realised)s, expected %(expected)s according to the report up to %(date)s; status: %(status)s.",
    "De waarde van wat niet is gerealiseerd is € %(value)s.": "The value of what has not been realised is € %(value)s.",
    "Ingebrekestelling social return %(reference)s %(code)s": "Formal notice social return %(reference)s %(code)s",
    "Voor contract %(reference)s (%(title)s) blijft de social return achter. Hierbij stellen wij u in gebreke. U kunt de achterstand herstellen tot en met %(until)s (de herstelperiode). Is de verplichting daarna niet op schema, dan kan een bedrag in rekening worden gebracht volgens het contract.": "For contract %(reference)s (%(title)s) social return is falling short. We hereby give you formal notice. You can make up the shortfall until %(until)s inclusive (the remedial period). If the clause is not on track after that, an amount may be charged under the contract.",
    "Waarschuwing social return %(reference)s %(code)s": "Warning social return %(reference)s %(code)s",
    "Voor contract %(reference)s (%(title)s) blijft de social return achter. Wij vragen u de achterstand zo snel mogelijk in te halen en dat in uw volgende rapportage te laten zien.": "For contract %(reference)s (%(title)s) social return is falling short. Please make up the shortfall as soon as possible and show it in your next report.",
    "%(buyer)s %(year)s: gerealiseerd tegen verplicht per kwartaal (euro, cumulatief)": "%(buyer)s %(year)s: realised against committed per quarter (euros, cumulative)",
    "%(quarter)s: verplicht %(committed)s, gerealiseerd %(realised)s.": "%(quarter)s: committed %(committed)s, realised %(realised)s.",
    "verplicht": "committed",
    "Deze stap bestaat niet voor dit signaal.": "This step does not exist for this flag.",
    "Vul een datum in als dd-mm-jjjj en een bedrag als 12500 of 12.500,00.": "Enter a date as dd-mm-yyyy and an amount as 12500 or 12,500.00.",
    "Niet gedaan: %(reason)s": "Not done: %(reason)s",
    "Stap vastgelegd: %(step)s per %(day)s.": "Step recorded: %(step)s as of %(day)s.",
    "Jaarrapportage": "Annual report",
    "Waarschuwing, ingebrekestelling met herstelperiode, en daarna een voorgesteld bedrag dat het bureau oplegt of vrijstelt. Elke stap geldt per de datum van de laatste controle.": "Warning, formal notice with a remedial period, then a proposed amount that the bureau imposes or exempts. Each step takes effect on the date of the latest check.",
    "Niet-gerealiseerde waarde": "Unrealised value",
    "Stap": "Step",
    "sinds": "since",
    "Zaak geopend": "Case opened",
    "Opgelegd bedrag": "Amount imposed",
    "Voorgesteld bedrag": "Amount proposed",
    "Berekening": "Calculation",
    "nog geen zaak": "no case yet",
    "Een bericht aan de opdrachtnemer met de cijfers.": "A message to the supplier with the figures.",
    "Waarschuwen": "Warn",
    "Optioneel (dd-mm-jjjj); leeg: de herstelperiode van het contract. Bij een lopende ingebrekestelling: een verlenging.": "Optional (dd-mm-yyyy); empty: the contract's remedial period. With a notice running: an extension.",
    "In gebreke stellen": "Give formal notice",
    "Reden van vrijstelling": "Reason for the exemption",
    "Verplicht: bijvoorbeeld de aangetoonde inspanningen of overmacht.": "Required: for example the efforts shown, or force majeure.",
    "Vrijstellen": "Exempt",
    "Bedrag in euro": "Amount in euros",
    "Leeg: het voorgestelde bedrag. Een lager bedrag vraagt een reden.": "Empty: the proposed amount. A lower amount needs a reason.",
    "Verplicht bij een lager bedrag en bij een inspanningsverplichting.": "Required with a lower amount and with an obligation of effort.",
    "Opleggen": "Impose",
    "Waarschuwingen, ingebrekestellingen en bedragen per verplichting.": "Warnings, formal notices and amounts per clause.",
    "Stappen van %(code)s": "Steps of %(code)s",
    "Datum": "Date",
    "Bedrag": "Amount",
    "Jaarrapportage %(year)s": "Annual report %(year)s",
    "Tonen": "Show",
    "Stand op %(day)s: verplicht en gerealiseerd in euro naar het deel van elke verplichting dat in het jaar valt; zaken naar de datum van hun stap.": "As of %(day)s: committed and realised in euros by the part of each clause that falls in the year; cases by the date of their step.",
    "Download als Excel": "Download as Excel",
    "Overzicht per opdrachtgever": "Overview per buyer",
    "Verplicht (€)": "Committed (€)",
    "Gerealiseerd (€)": "Realised (€)",
    "Deelnemers": "Participants",
    "Zaken geopend": "Cases opened",
    "Hersteld": "Remedied",
    "Vrijgesteld": "Exempted",
    "Opgelegd": "Imposed",
    "Opgelegd (€)": "Imposed (€)",
    "Geen contracten die in dit jaar lopen.": "No contracts running in this year.",
    "Per kwartaal, cumulatief": "Per quarter, cumulative",
    "Kwartaal": "Quarter",
    "Handhavingsstappen in %(year)s": "Enforcement steps in %(year)s",
    "Einde van de herstelperiode bij ingebrekestelling": "End of the remedial period with the formal notice",
}
