"""Read the cells of one sheet of an XLSX or ODS file with the standard library.

Only what indicator tables need: cell values as text or numbers, no formats,
no formulas (the cached result is read). Keeping this free of third-party
packages means the plugin runs in any QGIS Python.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile

from .errors import UserError

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_NS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_NS_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_NS_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"

Cell = "str | float | None"


class SheetError(UserError):
    pass


def _col_index(ref: str) -> int:
    letters = re.match(r"[A-Z]+", ref).group(0)
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n - 1


def sheet_names(path: str) -> list[str]:
    if path.lower().endswith(".ods"):
        root = _ods_content(path)
        return [t.get(_NS_TABLE + "name") for t in root.iter(_NS_TABLE + "table")]
    with zipfile.ZipFile(path) as z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        return [s.get("name") for s in wb.iter(_NS_MAIN + "sheet")]


def read_xlsx(path: str, sheet: str | None = None) -> list[list]:
    """Rows of cells of the first (or the named) sheet."""
    try:
        z = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        raise SheetError(f"{path}: not a valid XLSX file ({e})") from e
    with z:
        wb = ET.fromstring(z.read("xl/workbook.xml"))
        sheets = [(s.get("name"), s.get(_NS_REL + "id")) for s in wb.iter(_NS_MAIN + "sheet")]
        if not sheets:
            raise SheetError(f"{path}: the workbook has no sheets")
        if sheet:
            match = [s for s in sheets if s[0] == sheet]
            if not match:
                names = ", ".join(repr(s[0]) for s in sheets)
                raise SheetError(f"{path}: no sheet named {sheet!r} (sheets: {names})")
            rid = match[0][1]
        else:
            rid = sheets[0][1]
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels.iter(_NS_PKG_REL + "Relationship") if r.get("Id") == rid)
        target = target.lstrip("/")
        if not target.startswith("xl/"):
            target = "xl/" + target
        shared: list[str] = []
        if "xl/sharedStrings.xml" in z.namelist():
            ss = ET.fromstring(z.read("xl/sharedStrings.xml"))
            for si in ss.iter(_NS_MAIN + "si"):
                shared.append("".join(t.text or "" for t in si.iter(_NS_MAIN + "t")))
        root = ET.fromstring(z.read(target))
    rows: list[list] = []
    for row in root.iter(_NS_MAIN + "row"):
        r = int(row.get("r", len(rows) + 1)) - 1
        while len(rows) < r:
            rows.append([])
        cells: list = []
        for c in row.iter(_NS_MAIN + "c"):
            ref = c.get("r")
            j = _col_index(ref) if ref else len(cells)
            while len(cells) < j:
                cells.append(None)
            t = c.get("t")
            v = c.find(_NS_MAIN + "v")
            if t == "s" and v is not None:
                val = shared[int(v.text)]
            elif t == "inlineStr":
                val = "".join(x.text or "" for x in c.iter(_NS_MAIN + "t"))
            elif t in ("str", "e") and v is not None:
                val = v.text or ""
            elif t == "b" and v is not None:
                val = v.text
            elif v is not None and v.text is not None:
                val = float(v.text)
            else:
                val = None
            cells.append(val)
        rows.append(cells)
    return rows


def _ods_content(path: str):
    try:
        with zipfile.ZipFile(path) as z:
            return ET.fromstring(z.read("content.xml"))
    except (zipfile.BadZipFile, KeyError) as e:
        raise SheetError(f"{path}: not a valid ODS file ({e})") from e


def _ods_text(cell) -> str:
    parts = []
    for p in cell.iter(_NS_TEXT + "p"):
        parts.append("".join(p.itertext()))
    return "\n".join(parts)


def read_ods(path: str, sheet: str | None = None) -> list[list]:
    root = _ods_content(path)
    tables = list(root.iter(_NS_TABLE + "table"))
    if not tables:
        raise SheetError(f"{path}: the document has no sheets")
    if sheet:
        match = [t for t in tables if t.get(_NS_TABLE + "name") == sheet]
        if not match:
            names = ", ".join(repr(t.get(_NS_TABLE + "name")) for t in tables)
            raise SheetError(f"{path}: no sheet named {sheet!r} (sheets: {names})")
        table = match[0]
    else:
        table = tables[0]
    rows: list[list] = []
    for row in table.iter(_NS_TABLE + "table-row"):
        rrep = int(row.get(_NS_TABLE + "number-rows-repeated", "1"))
        cells: list = []
        for cell in row:
            if cell.tag not in (_NS_TABLE + "table-cell", _NS_TABLE + "covered-table-cell"):
                continue
            crep = int(cell.get(_NS_TABLE + "number-columns-repeated", "1"))
            vtype = cell.get(_NS_OFFICE + "value-type")
            if vtype in ("float", "percentage", "currency"):
                val = float(cell.get(_NS_OFFICE + "value"))
            elif vtype is None:
                val = None
            else:
                val = _ods_text(cell)
            # Empty cells repeated to the sheet's full width: cap, the tail is dropped below.
            cells.extend([val] * (min(crep, 1024) if val is None else crep))
        while cells and cells[-1] is None:
            cells.pop()
        if not cells and rrep > 1:
            rows.append([])  # a block of empty rows at the end: keep one
            continue
        rows.extend([list(cells) for _ in range(rrep)])
    while rows and not rows[-1]:
        rows.pop()
    return rows
