"""Regenerate tests/corpus/: progress reports as other writers write them.

    .venv/bin/pip install -e '.[corpus]'     # xlsxwriter, pandas, msoffcrypto-tool
    .venv/bin/python tools/make_corpus.py    # needs LibreOffice (soffice) on PATH

Each file is a report for contract 2026-HH-014 (sample_contracts), period
2026-Q1, a few KB, written by a real writer: LibreOffice Calc (headless, from a
CSV typed in the Dutch or the English locale), xlsxwriter, openpyxl (normal
and write-only), pandas, msoffcrypto-tool (encryption); or a package edited
by hand where no writer makes the case (Strict namespaces, inline strings,
shared formulas, error values, a far-away cell). What the spec says each one
gives is in manifest.json, which tests/corpus/test_corpus.py asserts through
the real import path. A file is only rewritten when its writer is installed.
"""

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "corpus"
sys.path.insert(0, str(ROOT / "tests"))

from report_books import HEADER, header_cells, raw_package, sheet_rows_xml  # noqa: E402

# LibreOffice's CSV filter: separator ;, quote ", UTF-8, from line 1, column formats, locale.
NL, EN = "1043", "1033"
TEXT_COLUMNS = "/".join(f"{n}/2" for n in range(1, 10))
STRICT = {
    b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": (
        b"http://purl.oclc.org/ooxml/spreadsheetml/main"
    ),
    b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": (
        b"http://purl.oclc.org/ooxml/officeDocument/relationships"
    ),
    b"http://schemas.openxmlformats.org/drawingml/2006/main": (
        b"http://purl.oclc.org/ooxml/drawingml/main"
    ),
}

PERSON = ["K-001", "SR1", "placement", "wajong", date(2026, 1, 5), None, 32, None, None]
TRAINING = ["K-002", "SR2", "training", "ww", date(2026, 2, 2), date(2026, 3, 27), 20, None, None]
PURCHASE = ["INK-1", "SR3", "social_purchase", None, date(2026, 2, 1), None, None, 1250.5, None]


def soffice(csv_text: str, name: str, locale: str, formats: str = "") -> bytes | None:
    """A CSV typed into Calc in `locale`, saved as xlsx by LibreOffice itself."""
    if shutil.which("soffice") is None:
        return None
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"{name}.csv"
        source.write_text(csv_text, encoding="utf-8")
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{folder}/profile",
                "--headless",
                f"--infilter=CSV:59,34,76,1,{formats},{locale}",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                folder,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (Path(folder) / f"{name}.xlsx").read_bytes()


def csv_of(rows) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=";", lineterminator="\n").writerows(rows)
    return out.getvalue()


def openpyxl_book(rows, setup=None, sheet="Voortgang", epoch=None) -> bytes:
    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    data = book.active
    data.title = sheet
    for row in rows:
        data.append(row)
    for cell in ("E", "F"):
        for item in data[cell][1:]:
            item.number_format = "d-m-yyyy"
    if setup:
        setup(book, data)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def openpyxl_write_only(rows) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    data = book.create_sheet("Voortgang")
    for row in rows:
        data.append(row)
    info = book.create_sheet("Info")
    info.append(["contract", "2026-HH-014"])
    info.append(["period", "2026-Q1"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsxwriter_book(rows, formulas=()) -> bytes | None:
    try:
        import xlsxwriter
    except ImportError:
        return None
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    data = book.add_worksheet("Voortgang")
    dates = book.add_format({"num_format": "dd-mm-yyyy"})
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, date):
                data.write_datetime(r, c, datetime.combine(value, datetime.min.time()), dates)
            elif value is not None:
                data.write(r, c, value)
    for cell, formula, cached in formulas:
        data.write_formula(cell, formula, None, cached)
    book.close()
    return out.getvalue()


def pandas_book(rows) -> bytes | None:
    try:
        import pandas
    except ImportError:
        return None
    frame = pandas.DataFrame(rows[1:], columns=rows[0])
    for column in ("startdatum", "einddatum"):
        frame[column] = pandas.to_datetime(frame[column])
    out = io.BytesIO()
    frame.to_excel(out, sheet_name="Voortgang", index=False, engine="openpyxl")
    return out.getvalue()


def encrypted(data: bytes) -> bytes | None:
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        return None
    out = io.BytesIO()
    OOXMLFile(io.BytesIO(data)).encrypt("geheim", out)
    return out.getvalue()


def rewritten(data: bytes, change) -> bytes:
    """The package with each XML part passed through change(name, bytes), the rest as it was."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            body = source.read(info)
            if info.filename.endswith((".xml", ".rels")):
                body = change(info.filename, body)
            target.writestr(info, body)
    return out.getvalue()


def to_strict(data: bytes) -> bytes:
    """Strict Open XML, as Excel's "Strict Open XML Spreadsheet" writes the namespaces."""

    def change(name, body):
        for old, new in STRICT.items():
            body = body.replace(old, new)
        if name == "xl/workbook.xml":
            body = re.sub(rb"<workbook\b", b'<workbook conformance="strict"', body, count=1)
        return body

    return rewritten(data, change)


def shared_formulas() -> bytes:
    """Hours as one shared formula over G2:G4, the last one never calculated."""
    ref = {"A": "K-00{n}", "B": "SR1", "C": "placement", "D": "wajong", "E": 46027}
    rows = {1: header_cells()}
    for n in (2, 3, 4):
        rows[n] = {k: v.format(n=n) if isinstance(v, str) else v for k, v in ref.items()}
    xml = sheet_rows_xml(rows)
    hours = {
        2: '<c r="G2"><f t="shared" ref="G2:G4" si="0">8*4</f><v>32</v></c>',
        3: '<c r="G3"><f t="shared" si="0"/><v>32</v></c>',
        4: '<c r="G4"><f t="shared" si="0"/></c>',
    }
    for n, cell in hours.items():
        xml = xml.replace(f'<c r="E{n}"><v>46027</v></c>', f'<c r="E{n}"><v>46027</v></c>{cell}')
    return raw_package(xml)


def inline_strings() -> bytes:
    rows = {
        1: header_cells(),
        2: dict(zip("ABCDEG", ["K-001", "SR1", "placement", "wajong", 46027, 32], strict=True)),
    }
    return raw_package(sheet_rows_xml(rows))


def error_values() -> bytes:
    """Error values written by hand as Excel writes them: typed, and as a formula's result."""
    rows = {
        1: header_cells(),
        2: {
            "A": "K-001",
            "B": "SR1",
            "C": "placement",
            "D": "wajong",
            "E": 46027,
            "G": 32,
            "F": ("e", "#N/A", 'VLOOKUP("K-001",Blad2!A:B,2,FALSE)'),
        },
        3: {
            "A": "K-002",
            "B": "SR1",
            "C": "placement",
            "D": "wajong",
            "E": 46027,
            "G": ("e", "#DIV/0!"),
        },
    }
    return raw_package(sheet_rows_xml(rows))


def merged_and_hidden(book, data):
    data.insert_rows(1)
    data["A1"] = "Voortgang sociaal rendement 2026-Q1"
    data.merge_cells("A1:I1")
    data.merge_cells("I3:I4")
    data["I3"] = "gedeelde opmerking"
    data.row_dimensions[4].hidden = True


def sorted_rows():
    people = [
        [f"K-{n:03d}", "SR1", "placement", "wajong", date(2026, 1, n), None, 24 + n, None, None]
        for n in range(1, 6)
    ]
    return [HEADER, *sorted(people, key=lambda row: row[4], reverse=True)]


def column_inserted():
    header = [*HEADER[:3], "afdeling", *HEADER[3:]]
    return [header, [*PERSON[:3], "Noord", *PERSON[3:]]]


def typed(locale: str):
    if locale == NL:
        return [
            HEADER,
            ["K-001", "SR1", "placement", "wajong", "5-1-2026", "", "24,5", "", ""],
            ["INK-1", "SR3", "social_purchase", "", "1-2-2026", "", "", "1.250,50", ""],
        ]
    return [
        HEADER,
        ["K-001", "SR1", "placement", "wajong", "1/5/2026", "", "24.5", "", ""],
        ["INK-1", "SR3", "social_purchase", "", "2/1/2026", "", "", "1,250.50", ""],
    ]


TEXT_TYPED = [
    HEADER,
    ["K-001", "SR1", "placement", "wajong", "5-1-2026", "", "24,5", "", ""],
    ["K-002", "SR2", "training", "ww", "2026-02-02", "27/03/2026", "20", "", ""],
    ["INK-1", "SR3", "social_purchase", "", "01-02-2026", "", "", "€ 1.250", ""],
]


def build() -> dict:
    """File name -> bytes, for every writer installed here."""
    title = [["Rapportage sociaal rendement"], [], HEADER, PERSON, TRAINING]
    files = {
        "libreoffice_nl.xlsx": soffice(csv_of(typed(NL)), "nl", NL),
        "libreoffice_en.xlsx": soffice(csv_of(typed(EN)), "en", EN),
        "libreoffice_text_columns.xlsx": soffice(csv_of(TEXT_TYPED), "text", NL, TEXT_COLUMNS),
        "xlsxwriter.xlsx": xlsxwriter_book(
            [HEADER, PERSON, PURCHASE], formulas=[("G2", "=8*4", 32)]
        ),
        "openpyxl_write_only.xlsx": openpyxl_write_only([HEADER, PERSON, TRAINING, PURCHASE]),
        "pandas.xlsx": pandas_book([HEADER, PERSON, TRAINING]),
        "strict.xlsx": to_strict(openpyxl_book([HEADER, PERSON, TRAINING])),
        "strict_1904.xlsx": to_strict(
            openpyxl_book(
                [HEADER, PERSON, [*TRAINING[:4], 44583, *TRAINING[5:]]], epoch=CALENDAR_MAC_1904
            )
        ),
        "date1904.xlsx": openpyxl_book([HEADER, PERSON], epoch=CALENDAR_MAC_1904),
        "inline_strings.xlsx": inline_strings(),
        "shared_formulas.xlsx": shared_formulas(),
        "merged_and_hidden.xlsx": openpyxl_book(
            [HEADER, PERSON, TRAINING, [*TRAINING[:1], *PERSON[1:]]], merged_and_hidden
        ),
        "error_values.xlsx": error_values(),
        "sorted_rows.xlsx": openpyxl_book(sorted_rows()),
        "title_rows.xlsx": openpyxl_book(title),
        "column_inserted.xlsx": openpyxl_book(column_inserted()),
        "encrypted.xlsx": encrypted(openpyxl_book([HEADER, PERSON])),
        "far_away_cell.xlsx": raw_package(
            sheet_rows_xml(
                {
                    1: header_cells(),
                    2: dict(zip("ABCDEG", PERSON[:4] + [46027, 32], strict=True)),
                    1048576: {"XFD": 1},
                }
            )
        ),
    }
    return {name: data for name, data in files.items() if data is not None}


def main():
    OUT.mkdir(exist_ok=True)
    manifest = {entry["file"] for entry in json.loads((OUT / "manifest.json").read_text())}
    for name, data in build().items():
        if name not in manifest:
            print(f"  {name}: not in manifest.json; add its expected result", file=sys.stderr)
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
