"""The supplier-facing texts of progress-report validation (progress-report.md).

Dutch msgids marked with N_ for Babel, filled with named parameters that never
hold a cell value (a cell may hold personal data): only cell references, row
numbers, column names, clause codes, dates and limits.

Keys are a code, or ``code.variant`` where one code needs several texts.
"""

from srtracker.domain.text import N_

MESSAGES = {
    # the file itself
    "too_large.upload": N_(
        "Het bestand is groter dan {limit_mb} MB. Verwijder overbodige tabbladen, plaatjes of "
        "opmaak en upload het opnieuw."
    ),
    "too_large.unpacked": N_(
        "Het bestand is uitgepakt te groot (meer dan {limit_mb} MB of te veel onderdelen). Zet "
        "alleen de voortgangsgegevens in een nieuwe Excel-werkmap (.xlsx), bijvoorbeeld het "
        "sjabloon, en upload die."
    ),
    "not_xlsx.xls": N_(
        "Dit is een oud Excel-bestand (.xls). Open het in Excel, kies Opslaan als > "
        "Excel-werkmap (.xlsx) en upload dat bestand."
    ),
    "not_xlsx.encrypted": N_(
        "Het bestand is met een wachtwoord beveiligd (versleuteld), zodat wij het niet kunnen "
        "lezen. Haal in Excel het wachtwoord weg (Bestand > Info > Werkmap beveiligen), sla op "
        "als Excel-werkmap (.xlsx) en upload het opnieuw."
    ),
    "not_xlsx.text": N_(
        "Dit is een tekstbestand (bijvoorbeeld .csv), geen Excel-werkmap. Open het in Excel, "
        "kies Opslaan als > Excel-werkmap (.xlsx), of vul het sjabloon in."
    ),
    "not_xlsx.zip": N_(
        "Dit bestand is geen Excel-werkmap (.xlsx). Sla het op als Excel-werkmap (.xlsx), of "
        "vul het sjabloon in."
    ),
    "not_xlsx.corrupt": N_(
        "Het bestand is geen leesbare Excel-werkmap (.xlsx); het is misschien beschadigd. Open "
        "het in Excel, sla het op als Excel-werkmap (.xlsx) en upload het opnieuw."
    ),
    "macro_file": N_(
        "Het bestand bevat macro's (of is een werkmap met macro's, .xlsm). Kies in Excel Opslaan "
        "als > Excel-werkmap (.xlsx), zonder macro's, en upload dat bestand."
    ),
    "too_many_rows.rows": N_(
        "Dit tabblad heeft meer dan {max_rows} regels; zoveel lezen wij niet in één rapport. "
        "Verwijder overbodige regels, ook een losse waarde ver onder de gegevens, en upload "
        "het opnieuw."
    ),
    "too_many_rows.columns": N_(
        "Dit tabblad heeft een cel voorbij kolom {last_column} (meer dan {max_columns} "
        "kolommen). Verwijder wat rechts van de gegevens staat en upload het opnieuw."
    ),
    "missing_sheet": N_(
        "Het tabblad met de gegevens is niet gevonden. Noem dat tabblad 'Voortgang', of vul het "
        "sjabloon in."
    ),
    "missing_column": N_(
        "De kolom '{header_nl}' ontbreekt. Voeg in rij {row} een kolom toe met de kop "
        "'{header_nl}'."
    ),
    "missing_column.no_header": N_(
        "Er is geen rij met kolomkoppen gevonden, dus ook de kolom '{header_nl}' niet. Zet de "
        "kolomkoppen van het sjabloon in één rij boven de gegevens."
    ),
    "duplicate_column": N_(
        "Er zijn twee kolommen voor '{header_nl}' ({first_cell} en {cell}). Verwijder een van "
        "beide."
    ),
    "contract_mismatch.contract": N_(
        "Het tabblad Info noemt een ander contract dan {contract}. Upload dit bestand bij het "
        "juiste contract, of gebruik het sjabloon van contract {contract}."
    ),
    "contract_mismatch.period": N_(
        "Het tabblad Info noemt een andere periode dan {period}. Upload dit bestand bij de "
        "juiste periode, of zet {period} bij 'period' op het tabblad Info."
    ),
    "empty_report.error": N_(
        "Het rapport bevat geen regels, terwijl een eerder rapport van dit contract die wel had. "
        "Het rapport telt op: neem alle bijdragen sinds de start op, ook die zijn afgelopen."
    ),
    # one cell
    "formula_without_value": N_(
        "Deze cel bevat een formule zonder berekende waarde. Open het bestand in Excel en sla "
        "het opnieuw op, of typ de waarde zelf in."
    ),
    "error_value": N_(
        "Deze cel toont de foutwaarde {shown}. Verbeter de formule of typ de waarde zelf in."
    ),
    "missing_value.candidate_ref": N_(
        "Vul een kandidaatcode in: uw eigen code voor deze persoon, bijvoorbeeld K-0012. "
        "Geen naam en geen BSN."
    ),
    "missing_value.clause": N_("Vul de verplichting in, bijvoorbeeld {example}."),
    "missing_value.type": N_("Vul de soort bijdrage in; kies er een uit de lijst in het sjabloon."),
    "missing_value.target_group": N_(
        "Vul de doelgroep in; die is nodig bij deze soort bijdrage. Kies er een uit de lijst in "
        "het sjabloon."
    ),
    "missing_value.start_date": N_("Vul een startdatum in, bijvoorbeeld 1-3-2026."),
    "missing_value.hours_per_week": N_("Vul het aantal uren per week in, bijvoorbeeld 32."),
    "missing_value.amount_eur": N_("Vul het bedrag in euro's in, bijvoorbeeld 1250,00."),
    "bad_date": N_(
        "Dit is geen datum. Schrijf de datum als dag-maand-jaar, bijvoorbeeld 1-3-2026."
    ),
    "bad_number": N_("Dit is geen getal. Vul alleen een getal in, bijvoorbeeld 32 of 12,5."),
    "text_too_long.candidate_ref": N_("De kandidaatcode is te lang. Gebruik hoogstens 40 tekens."),
    "text_too_long.bureau_ref": N_("Het kandidaatnummer is te lang. Gebruik hoogstens 40 tekens."),
    "possible_bsn.bureau_ref": N_(
        "Dit kandidaatnummer bestaat uit 8 of 9 cijfers en kan dus een BSN zijn. Gebruik het "
        "nummer dat het bureau de persoon gaf, nooit een BSN."
    ),
    "possible_name.bureau_ref": N_(
        "Dit kandidaatnummer lijkt op een naam. Gebruik het nummer dat het bureau de persoon "
        "gaf, nooit een naam. Het bestand is niet bewaard."
    ),
    "counted_elsewhere": N_(
        "Deze persoon telt voor dezelfde dagen ook al mee in een ander contract. Het bureau "
        "beoordeelt welk contract deze dagen houdt."
    ),
    "text_too_long.note": N_("De opmerking is te lang. Gebruik hoogstens 500 tekens."),
    "possible_bsn": N_(
        "Deze kandidaatcode bestaat uit 8 of 9 cijfers en kan dus een BSN zijn. Gebruik nooit "
        "een BSN, maar een eigen code, bijvoorbeeld K-0012."
    ),
    "possible_bsn.cell": N_(
        "Deze cel bevat 9 cijfers die een BSN kunnen zijn. Zet nooit een BSN in het rapport: "
        "haal het weg, ook op andere tabbladen. Het bestand is niet bewaard."
    ),
    "possible_name": N_(
        "Dit lijkt op een naam. Gebruik nooit een naam, maar een eigen code voor de persoon, "
        "bijvoorbeeld K-0012. Het bestand is niet bewaard."
    ),
    "out_of_range.hours_per_week": N_(
        "Het aantal uren per week moet meer dan 0 en hoogstens 60 zijn."
    ),
    "out_of_range.amount_eur": N_("Het bedrag mag niet negatief zijn. Vul 0 of meer in."),
    "unknown_clause": N_("Deze verplichting staat niet in het contract. Kies uit: {clauses}."),
    "unknown_type": N_(
        "Deze soort bijdrage kennen wij niet. Kies er een uit de lijst in het sjabloon."
    ),
    "unknown_group": N_(
        "Deze doelgroep kennen wij niet. Kies er een uit de lijst in het sjabloon."
    ),
    # the optional valuation columns (docs/valuation.md)
    "out_of_range.benefit_months": N_(
        "Vul het aantal hele maanden in de uitkering in: een geheel getal van 0 tot en met 600."
    ),
    "bad_choice.age_bracket": N_(
        "Deze leeftijdsgroep kennen wij niet. Kies uit de lijst in het sjabloon: jonger dan 50, "
        "50 tot en met 54, of 55 of ouder."
    ),
    "bad_choice.permanent_contract": N_("Vul ja of nee in."),
    "bad_choice.purchased_from": N_(
        "Deze soort sociale onderneming kennen wij niet. Kies er een uit de lijst in het sjabloon."
    ),
    "bad_choice.statushouder": N_("Vul ja of nee in."),
    "bad_choice.level": N_(
        "Dit niveau kennen wij niet. Kies uit de lijst in het sjabloon: mbo niveau 1 tot en met 4, "
        "of hbo."
    ),
    "out_of_range.quantity": N_(
        "Vul het aantal uren, dagen of activiteiten in: een getal groter dan 0 en hoogstens "
        "100.000, met hoogstens twee decimalen."
    ),
    "type_not_accepted": N_(
        "Verplichting {clause} telt deze soort bijdrage niet mee. Kies een andere verplichting "
        "of een andere soort."
    ),
    # one row, or rows together
    "end_before_start": N_("De einddatum ligt vóór de startdatum. Controleer beide datums."),
    "date_after_period": N_(
        "De startdatum ligt na het einde van deze periode ({period_end}). Meld deze bijdrage in "
        "een volgend rapport."
    ),
    "overlap": N_(
        "Deze regel overlapt in tijd met rij {other_row}: dezelfde kandidaat bij dezelfde "
        "verplichting. Pas de datums aan (de einddatum telt mee) of voeg de regels samen."
    ),
    # warnings
    "unknown_column": N_("Deze kolom hoort niet bij het formaat en wordt overgeslagen."),
    "ineligible_group": N_(
        "Deze doelgroep telt niet mee voor verplichting {clause}. De regel wordt bewaard, maar "
        "telt niet mee."
    ),
    "below_min_hours": N_(
        "Minder dan {min_hours} uur per week: deze regel telt niet mee voor verplichting {clause}."
    ),
    "before_clause_start": N_(
        "De startdatum ligt vóór de start van verplichting {clause} ({clause_start}). Deze "
        "bijdrage telt niet mee."
    ),
    "ambiguous_number": N_(
        "Dit bedrag is gelezen als {read_as} euro. Bedoelde u duizenden? Schrijf het bedrag dan "
        "zonder punt, of met een komma voor de centen, bijvoorbeeld 1250 of 1.250,00."
    ),
    "empty_report.warning": N_(
        "Het rapport bevat nog geen regels. Het is ontvangen als melding dat er nog niets te "
        "melden is."
    ),
    "missing_candidate": N_(
        "De kandidaat van rij {previous_row} in het vorige rapport ontbreekt nu bij verplichting "
        "{clause}, terwijl die daar geen einddatum had. Neem de regel weer op, met een "
        "einddatum als de bijdrage is gestopt."
    ),
}

# The template's instructions sheet: these lines, then one line per column of the
# template ("header: help", with the header in the template's language), then the end.
INSTRUCTIONS = (
    N_("Zo vult u dit rapport in"),
    N_(
        "Zet elke bijdrage op een eigen regel van het tabblad {sheet}. Het rapport telt op: "
        "neem alle bijdragen sinds de start van het contract op, ook die zijn afgelopen."
    ),
)
INSTRUCTIONS_END = (
    N_(
        "Laat het tabblad Info staan: daarmee controleren wij dat het rapport bij het juiste "
        "contract en de juiste periode hoort."
    ),
)
# Before the valuation columns, in the template of a contract with a euros clause.
VALUATION_INSTRUCTIONS = (
    N_("Kolommen voor de waardering in euro (bouwblokken); laat leeg wat niet van toepassing is:"),
)

# What each column holds: a line of the instructions sheet, and the input message the
# cell shows when it is selected (Excel and LibreOffice: at most 255 characters).
COLUMN_HELP = {
    "candidate_ref": N_(
        "Uw eigen code voor de persoon, hoogstens 40 tekens, bijvoorbeeld K-0012. Nooit een "
        "naam en nooit een BSN."
    ),
    "clause": N_("De code van de verplichting uit het contract; kies uit de lijst."),
    "type": N_("De soort bijdrage; kies uit de lijst."),
    "target_group": N_(
        "De doelgroep van de kandidaat; kies uit de lijst. Verplicht bij alle soorten behalve "
        "inkoop bij een sociale onderneming."
    ),
    "start_date": N_("De eerste dag van de bijdrage, als dag-maand-jaar, bijvoorbeeld 1-3-2026."),
    "end_date": N_(
        "De laatste dag van de bijdrage, als dag-maand-jaar, bijvoorbeeld 31-12-2026. Laat leeg "
        "zolang de bijdrage loopt."
    ),
    "hours_per_week": N_(
        "Uren per week: meer dan 0 en hoogstens 60. Verplicht bij alle soorten behalve inkoop "
        "bij een sociale onderneming."
    ),
    "amount_eur": N_("Alleen bij inkoop bij een sociale onderneming: het bedrag in euro's."),
    "note": N_("Vrije tekst, hoogstens 500 tekens. Zet hier nooit persoonsgegevens in."),
    "bureau_ref": N_(
        "Het nummer dat het social return bureau de persoon gaf, als het bureau dat vraagt; "
        "hoogstens 40 tekens. Nooit een naam en nooit een BSN."
    ),
    "benefit_months": N_(
        "Hele maanden dat de kandidaat een uitkering had toen de bijdrage begon; leeg telt als "
        "0 (de lagere waarde)."
    ),
    "age_bracket": N_("Jonger dan 50, 50 tot en met 54, of 55 of ouder; kies uit de lijst."),
    "permanent_contract": N_("Ja als de kandidaat een vast contract heeft, anders nee."),
    "purchased_from": N_(
        "Bij inkoop: bij wat voor sociale onderneming; kies uit de lijst. Leeg telt zoals de "
        "waarderingstabel een inkoop zonder register telt."
    ),
    # issue 18
    "statushouder": N_("Ja voor een statushouder; de doelgroep blijft die van de uitkering."),
    "level": N_("Bij een BBL-, BOL- of hbo-plek: het opleidingsniveau; kies uit de lijst."),
    "quantity": N_(
        "Bij een bijdrage die per uur, per dag of per activiteit telt: het aantal uren, dagen of "
        "activiteiten, meer dan 0."
    ),
}

# The feedback workbook when the supplier's own file cannot be rewritten with its marks.
FEEDBACK = {
    "note": N_("Let op"),
    "copy": N_(
        "Uw eigen bestand kon niet met de markeringen worden opgeslagen (bijvoorbeeld door "
        "draaitabellen of opmaak die wij niet kunnen herschrijven). Dit is daarom een kopie van "
        "de gegevens, met dezelfde markeringen en opmerkingen op tabblad {sheet}. Verbeter de "
        "fouten in uw eigen bestand of in deze kopie, en upload het opnieuw."
    ),
    "issues_sheet": N_("Fouten"),
    "unreadable": N_(
        "Uw bestand kon niet worden geopend om de fouten erin te markeren. Hieronder staan de "
        "fouten met hun cel; verbeter ze in uw eigen bestand en upload het opnieuw."
    ),
    "sheet": N_("Tabblad"),
    "cell": N_("Cel"),
    "column": N_("Kolom"),
    "message": N_("Wat te doen"),
}
