"""Making a supplier's package one that openpyxl can edit, without changing its content.

Only for the feedback workbook, on a package that passed the package checks.
Two things real writers produce that openpyxl cannot load, though Excel and
the upload's reader read them:

- Strict OOXML (Excel's "Strict Open XML Spreadsheet"): the same parts under
  other namespace names. openpyxl finds no sheet in it; renaming the
  namespaces to their transitional names gives the same workbook.
- Styles with empty attributes or empty fills (Mac Excel and some exporters
  write `numFmtId=""` or `<fill/>`): openpyxl refuses the whole stylesheet.
  Dropping the empty attributes (their default applies) and making an empty
  fill "none" keeps every other style.
"""

import re
import zipfile
from io import BytesIO

STRICT = b"http://purl.oclc.org/ooxml/"
# Strict names whose transitional name is not the same words under .../2006/.
_RENAMED = {
    b"officeDocument/extendedProperties": b"officeDocument/2006/extended-properties",
    b"officeDocument/customProperties": b"officeDocument/2006/custom-properties",
    b"officeDocument/relationships/extendedProperties": (
        b"officeDocument/2006/relationships/extended-properties"
    ),
    b"officeDocument/relationships/customProperties": (
        b"officeDocument/2006/relationships/custom-properties"
    ),
}
_STRICT_NAME = re.compile(rb"http://purl\.oclc\.org/ooxml/(\w+)/([\w/]+)")
_CONFORMANCE = re.compile(rb'\sconformance="strict"')
_EMPTY_ATTRIBUTE = re.compile(rb'\s(?!formatCode=|name=)[\w:]+=""')
_EMPTY_FILL = re.compile(rb"<fill\s*/>|<fill>\s*</fill>")
_XML_PART = (".xml", ".rels", ".vml")


def _transitional_name(match: re.Match) -> bytes:
    area, rest = match[1], match[2]
    renamed = _RENAMED.get(area + b"/" + rest)
    if renamed is not None:
        return b"http://schemas.openxmlformats.org/" + renamed
    return b"http://schemas.openxmlformats.org/" + area + b"/2006/" + rest


def _rewrite(data: bytes, change) -> bytes:
    """`data` with `change(name, body)` applied to each part; None when nothing changed."""
    out = BytesIO()
    changed = False
    with zipfile.ZipFile(BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            body = source.read(item.filename)
            new = change(item.filename, body)
            changed = changed or new != body
            target.writestr(item, new, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue() if changed else None


def transitional(data: bytes) -> bytes | None:
    """A Strict package with transitional namespace names; None when it is not Strict."""

    def change(name: str, body: bytes) -> bytes:
        if not name.endswith(_XML_PART) or STRICT not in body:
            return body
        return _CONFORMANCE.sub(b"", _STRICT_NAME.sub(_transitional_name, body))

    return _rewrite(data, change)


def tolerant_styles(data: bytes) -> bytes | None:
    """The package with its stylesheet's empty attributes and fills made plain; None if none."""

    def change(name: str, body: bytes) -> bytes:
        if name != "xl/styles.xml":
            return body
        return _EMPTY_FILL.sub(
            b'<fill><patternFill patternType="none"/></fill>', _EMPTY_ATTRIBUTE.sub(b"", body)
        )

    return _rewrite(data, change)
