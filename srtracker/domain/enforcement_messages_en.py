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
}
