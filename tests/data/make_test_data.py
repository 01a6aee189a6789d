"""Build the small hand-made test files of a fictional town, "Musterstadt".

They carry every convention of German statistics tables: semicolons,
decimal commas, thousands dots, Windows-1252 and UTF-8 with BOM, keys with
leading zeros, special signs, a total row, a title line, a note row, a
header spread over two lines, long format, XLSX and ODS.

Run with Debian's Python (needs qgis for the GeoPackage, openpyxl and odfpy
from the test venv for the spreadsheets):

    .venv/bin/python tests/data/make_test_data.py
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

# key, name, residents, SGB II recipients, unemployed, single parents,
# households with children, children under 15, children under 15 in SGB II
UNITS = [
    ("0101", "Altstadt & Hafen", 4812, 612, 301, 88, 410, 530, 141),
    ("0102", "Süd <Ost>", 7230, 1402, 655, 190, 880, 1010, 402),
    ("0103", '"Grüne" Mitte', 3105, 120, 77, 21, 300, 390, 18),
    ("0104", "Öhringer Straße", 2540, 98, 55, 12, 250, 330, 9),
    ("0105", "Am Bahnhof", 1210, 310, 140, 44, 140, 190, 92),
    ("0106", "Weißenhof", 5670, 205, 130, 35, 600, 780, 40),
    ("0107", "Lindenhöhe", 890, 2, 1, ".", 80, 110, "-"),
    ("0108", "Industriegebiet Nord", 45, ".", ".", ".", 4, 6, "."),
    ("0109", "Neubaugebiet Ost", 6020, 780, 390, 150, 900, 1300, 310),
    ("0110", "Kirchberg", 3880, 150, 95, 30, 420, 520, 25),
    ("0111", "Flussaue", 2215, 260, 120, 41, 230, 300, 70),
    ("0112", "Zur Mühle", 1500, 90, 60, 18, 160, 210, 22),
]
IN_TABLE = [u for u in UNITS if u[0] != "0112"]
EXTRA = ("0199", "ohne Zuordnung", 12, "x", "x", "x", "x", "x", "x")


def de_int(v):
    if isinstance(v, str):
        return v
    return f"{v:,}".replace(",", ".")


def de_rate(num, den):
    if isinstance(num, str) or isinstance(den, str):
        return num if isinstance(num, str) else "x"
    return f"{100 * num / den:.1f}".replace(".", ",")


def totals():
    out = []
    for j in range(2, 9):
        out.append(sum(u[j] for u in IN_TABLE + [EXTRA] if not isinstance(u[j], str)))
    return out


HEADER = [
    "Schlüssel",
    "Sozialraum",
    "Einwohner",
    "SGB II Empfänger",
    "SGB II Quote",
    "Arbeitslose",
    "Alleinerziehende",
    "Haushalte mit Kindern",
    "Kinder u15",
    "Kinder u15 SGB II",
]


def wide_rows():
    rows = []
    for u in IN_TABLE + [EXTRA]:
        key = "111" if u[0] == "0111" else u[0]  # a key that lost its leading zero
        rows.append(
            [
                key,
                u[1],
                de_int(u[2]),
                de_int(u[3]),
                de_rate(u[3], u[2]),
                de_int(u[4]),
                de_int(u[5]),
                de_int(u[6]),
                de_int(u[7]),
                de_int(u[8]),
            ]
        )
    t = totals()
    rows.append(
        [
            "",
            "Stadt insgesamt",
            de_int(t[0]),
            de_int(t[1]),
            de_rate(t[1], t[0]),
            de_int(t[2]),
            de_int(t[3]),
            de_int(t[4]),
            de_int(t[5]),
            de_int(t[6]),
        ]
    )
    return rows


def csv_cell(text):
    return '"' + text.replace('"', '""') + '"' if ('"' in text or ";" in text) else text


def write_csv_cp1252():
    lines = ["Sozialmonitoring Musterstadt 2023;;;;;;;;;", ";".join(HEADER)]
    for r in wide_rows():
        lines.append(";".join(csv_cell(c) for c in r))
    lines.append("Quelle: Stadt Musterstadt, Statistikstelle; Stand 31.12.2023;;;;;;;;")
    with open(os.path.join(HERE, "musterstadt_2023.csv"), "wb") as fh:
        fh.write(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def write_two_line_header():
    """UTF-8 with BOM, tab separated, header over two lines, space thousands."""
    top = ["Schlüssel", "Name", "Einwohner", "", "SGB II Empfänger", ""]
    sub = ["", "", "2022", "2023", "2022", "2023"]
    lines = ["\t".join(top), "\t".join(sub)]
    for u in IN_TABLE:
        ew22 = u[2] - 37
        sg22 = u[3] if isinstance(u[3], str) else u[3] + 11
        lines.append(
            "\t".join(
                [
                    u[0],
                    csv_cell(u[1]),
                    f"{ew22:,}".replace(",", " "),
                    f"{u[2]:,}".replace(",", " "),
                    str(sg22),
                    str(u[3]),
                ]
            )
        )
    with open(os.path.join(HERE, "musterstadt_zweizeilig.csv"), "wb") as fh:
        fh.write(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode("utf-8"))


def write_long():
    lines = ["Schluessel,Jahr,Indikator,Wert"]
    for u in IN_TABLE:
        for year, shift in ((2022, -37), (2023, 0)):
            lines.append(f"{u[0]},{year},einwohner,{u[2] + shift}")
            lines.append(f"{u[0]},{year},sgb2,{u[3]}")
    lines.append("Gesamt,2023,einwohner," + str(totals()[0]))
    with open(os.path.join(HERE, "musterstadt_long.csv"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")


def write_bad_files():
    rows = wide_rows()
    dup = [HEADER] + rows[:3] + [rows[1]] + rows[3:]
    with open(os.path.join(HERE, "musterstadt_doppelt.csv"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(";".join(csv_cell(c) for c in r) for r in dup) + "\n")
    bad = [HEADER] + [list(r) for r in rows]
    bad[4][5] = "12a"
    with open(os.path.join(HERE, "musterstadt_fehler.csv"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(";".join(csv_cell(c) for c in r) for r in bad) + "\n")


def sheet_rows():
    """Rows as a spreadsheet holds them: numbers as numbers, one key as a number."""
    rows = [["Sozialmonitoring Musterstadt 2023"], [], HEADER]
    for u in IN_TABLE:
        key = 105 if u[0] == "0105" else u[0]
        rate = None if isinstance(u[3], str) else round(100 * u[3] / u[2], 1)
        rows.append([key, u[1], *[v for v in u[2:4]], rate if rate is not None else u[3], *u[4:9]])
    t = totals()
    rows.append([None, "Stadt insgesamt", t[0], t[1], round(100 * t[1] / t[0], 1), *t[2:]])
    return rows


def write_xlsx():
    import openpyxl

    wb = openpyxl.Workbook()
    info = wb.active
    info.title = "Info"
    info.append(["Musterstadt, Sozialmonitoring 2023; Daten im Blatt 'Daten'"])
    ws = wb.create_sheet("Daten")
    for r in sheet_rows():
        ws.append(r)
    wb.save(os.path.join(HERE, "musterstadt.xlsx"))


def write_ods():
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for name, rows in (("Info", [["Musterstadt, Sozialmonitoring 2023"]]), ("Daten", sheet_rows())):
        t = Table(name=name)
        for r in rows:
            tr = TableRow()
            for v in r:
                if v is None:
                    tr.addElement(TableCell())
                elif isinstance(v, (int, float)):
                    c = TableCell(valuetype="float", value=v)
                    c.addElement(P(text=str(v)))
                    tr.addElement(c)
                else:
                    c = TableCell(valuetype="string")
                    c.addElement(P(text=v))
                    tr.addElement(c)
            t.addElement(tr)
        doc.spreadsheet.addElement(t)
    doc.save(os.path.join(HERE, "musterstadt.ods"))


def write_gpkg():
    from qgis.core import (
        QgsApplication,
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsFeature,
        QgsField,
        QgsFields,
        QgsGeometry,
        QgsVectorFileWriter,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QVariant

    app = QgsApplication([], False)
    app.initQgis()
    fields = QgsFields()
    fields.append(QgsField("sr_id", QVariant.String))
    fields.append(QgsField("sr_name", QVariant.String))
    fields.append(QgsField("gemeinde", QVariant.String))
    path = os.path.join(HERE, "musterstadt.gpkg")
    if os.path.exists(path):
        os.remove(path)
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = "sozialraeume"
    w = QgsVectorFileWriter.create(
        path,
        fields,
        QgsWkbTypes.Polygon,
        QgsCoordinateReferenceSystem("EPSG:25832"),
        QgsCoordinateTransformContext(),
        opts,
    )
    for i, u in enumerate(UNITS):
        x0, y0 = 500000 + (i % 4) * 1000, 5700000 + (i // 4) * 1000
        f = QgsFeature(fields)
        f.setGeometry(
            QgsGeometry.fromWkt(
                f"POLYGON(({x0} {y0},{x0 + 1000} {y0},{x0 + 1000} {y0 + 1000},{x0} {y0 + 1000},{x0} {y0}))"
            )
        )
        f.setAttributes([u[0], u[1], "Nord" if i < 6 else "Süd"])
        w.addFeature(f)
    del w
    app.exitQgis()


if __name__ == "__main__":
    write_csv_cp1252()
    write_two_line_header()
    write_long()
    write_bad_files()
    write_xlsx()
    write_ods()
    write_gpkg()
