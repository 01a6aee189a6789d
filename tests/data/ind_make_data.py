"""Build the hand-made test files of the indicator tests (names ind_*).

A three-year series for the twelve units of "Musterstadt" (same units and
2023 counts as musterstadt_2023.csv) in the form statistics offices deliver:
Windows-1252, semicolons, decimal comma, thousands dots, a title line, special
signs, a total row and a note row; and catalogues with German column names.

    /usr/bin/python3 tests/data/ind_make_data.py
"""

import os

HERE = os.path.dirname(os.path.abspath(__file__))

# key: (residents, SGB II recipients, unemployed) for 2021, 2022, 2023
SERIES = {
    "0101": [(4701, 655, 330), (4775, 630, 312), (4812, 612, 301)],
    "0102": [(7011, 1288, 601), (7120, 1350, 640), (7230, 1402, 655)],
    "0103": [(3050, 131, 80), (3080, 126, 79), (3105, 120, 77)],
    "0104": [(2490, 90, 50), (2511, 95, 52), (2540, 98, 55)],
    "0105": [(1180, 280, 150), (1195, 301, 144), (1210, 310, 140)],
    "0106": [(5500, 230, 140), (5601, 215, 133), (5670, 205, 130)],
    "0107": [(850, 3, 1), (870, 2, "/"), (890, 2, 1)],
    "0108": [(40, ".", "."), (44, ".", "."), (45, ".", ".")],
    "0109": [(5200, 610, 300), (5650, 720, 350), (6020, 780, 390)],
    "0110": [(3810, 160, 101), (3850, 155, 99), (3880, 150, 95)],
    "0111": [(2180, 250, 118), (2200, 255, 119), (2215, 260, 120)],
    "0112": [(0, 0, "-"), (1210, 70, 45), (1500, 90, 60)],
}
YEARS = (2021, 2022, 2023)


def de_int(v):
    return v if isinstance(v, str) else f"{v:,}".replace(",", ".")


def de_rate(num, den):
    if isinstance(num, str) or isinstance(den, str) or den == 0:
        return num if isinstance(num, str) else "x"
    return f"{100 * num / den:.1f}".replace(".", ",")


def write_series():
    header = ["Schlüssel"]
    for what in ("Einwohner", "SGB II Empfänger", "SGB II Quote", "Arbeitslose"):
        header += [f"{what}_{y}" for y in YEARS]
    lines = ["Sozialmonitoring Musterstadt 2021 bis 2023" + ";" * (len(header) - 1), ";".join(header)]
    tot = [[0, 0, 0] for _ in YEARS]
    for key, years in SERIES.items():
        ew = [de_int(y[0]) for y in years]
        sg = [de_int(y[1]) for y in years]
        q = [de_rate(y[1], y[0]) for y in years]
        al = [de_int(y[2]) for y in years]
        lines.append(";".join([key] + ew + sg + q + al))
        for j, y in enumerate(years):
            for i in range(3):
                if not isinstance(y[i], str):
                    tot[j][i] += y[i]
    # the published city-wide rate rounds differently from the units' sums on purpose: 10,4 not 10,5
    pub = ["10,9", "10,7", "10,4"]
    lines.append(
        ";".join(
            ["Stadt insgesamt"]
            + [de_int(t[0]) for t in tot]
            + [de_int(t[1]) for t in tot]
            + pub
            + [de_int(t[2]) for t in tot]
        )
    )
    lines.append("Quelle: Stadt Musterstadt, Statistikstelle" + ";" * (len(header) - 1))
    with open(os.path.join(HERE, "ind_musterstadt_zeitreihe.csv"), "wb") as fh:
        fh.write(("\r\n".join(lines) + "\r\n").encode("cp1252"))


HEADER = (
    "Kürzel;Bezeichnung;Thema;Zähler;Nenner;Quote;Gewichtung;Faktor;Polarität;Kern;Gewicht;Schwelle;"
    "Einheit;Nachkommastellen;Index;Quelle"
)
CATALOGUE = (
    "\n".join(
        [
            HEADER,
            "sgb2;SGB II;Arbeit und Transferbezug;SGB II Empfänger;Einwohner;;;100;+;ja;1;;%;1;status;Jobcenter",
            "alo;Arbeitslose je 1.000 Einwohner;Arbeit und Transferbezug;Arbeitslose;Einwohner;;;1.000;+;x;1;;‰;1;status;"
            "Bundesagentur für Arbeit",
            "alleinerz;Alleinerziehende;Familie;Alleinerziehende;Haushalte mit Kindern;;;100;+;1;1;8;%;1;status;Meldeamt",
            "kinderarmut;Kinderarmut;Familie;Kinder u15 SGB II;Kinder u15;;;100;+;ja;2;;%;1;status;Jobcenter",
            "sgb2q;SGB II-Quote (veröffentlicht);Arbeit und Transferbezug;;;SGB II Quote;Einwohner;;+;nein;1;;%;1;none;"
            "Jobcenter",
            "kinder;Anteil Kinder unter 15;Bevölkerung;Kinder u15;Einwohner;;;100;0;nein;1;;%;1;none;Meldeamt",
        ]
    )
    + "\n"
)

CATALOGUE_SERIES = (
    "\n".join(
        [
            "Kürzel;Bezeichnung;Thema;Zähler;Nenner;Quote;Gewichtung;Faktor;Polarität;Kern;Schwelle;Einheit;"
            "Nachkommastellen;Index",
            "sgb2;SGB II;Arbeit;SGB II Empfänger;Einwohner;;;100;+;ja;;%;1;status",
            "alo;Arbeitslose je 1.000 Einwohner;Arbeit;Arbeitslose;Einwohner;;;1000;+;ja;;‰;1;status",
            "sgb2q;SGB II-Quote (veröffentlicht);Arbeit;;;SGB II Quote;Einwohner;;+;nein;;%;1;none",
            "sgb2u;SGB II-Quote ungewichtet;Arbeit;;;SGB II Quote;;;+;nein;;%;1;none",
        ]
    )
    + "\n"
)


def write_catalogues():
    with open(os.path.join(HERE, "ind_katalog_musterstadt.csv"), "wb") as fh:
        fh.write(b"\xef\xbb\xbf" + CATALOGUE.replace("\n", "\r\n").encode("utf-8"))
    with open(os.path.join(HERE, "ind_katalog_zeitreihe.csv"), "wb") as fh:
        fh.write(CATALOGUE_SERIES.encode("cp1252"))


if __name__ == "__main__":
    write_series()
    write_catalogues()
