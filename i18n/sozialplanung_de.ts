<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en_US">
<context>
    <name>@default</name>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="41"/>
        <source>1. Join the indicator table</source>
        <translation>1. Indikatortabelle verknüpfen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="42"/>
        <source>Choose the layer of spatial units above, then the table the departments delivered (CSV, XLSX or ODS) and its key column. The report lists what did not match.</source>
        <translation>Wählen Sie oben den Layer der Raumeinheiten, dann die von den Fachämtern gelieferte Tabelle (CSV, XLSX oder ODS) und deren Schlüsselspalte. Der Bericht listet auf, was nicht zugeordnet werden konnte.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="49"/>
        <source>2. Compare with the city-wide value</source>
        <translation>2. Mit dem gesamtstädtischen Wert vergleichen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="50"/>
        <source>Rates from counts, the city-wide value (sum of numerators / sum of denominators), difference, ratio, z-score and percentile for every indicator of the catalogue.</source>
        <translation>Quoten aus Fallzahlen, der gesamtstädtische Wert (Summe der Zähler / Summe der Nenner), Differenz, Verhältnis, z-Wert und Perzentil für jeden Indikator des Katalogs.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="57"/>
        <source>3. Select burdened units</source>
        <translation>3. Belastete Raumeinheiten bestimmen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="58"/>
        <source>A unit is &apos;besonders belastet&apos; when enough core indicators deviate from the city-wide value by the agreed threshold. Every flag is explained in burden_reason.</source>
        <translation>Eine Raumeinheit gilt als „besonders belastet“, wenn genügend Kernindikatoren mindestens um den vereinbarten Schwellenwert vom gesamtstädtischen Wert abweichen. Jede Markierung wird in burden_reason begründet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="65"/>
        <source>4. Build the status and dynamics index</source>
        <translation>4. Status- und Dynamikindex bilden</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="66"/>
        <source>Collapse the indicators into an index with classes (Berlin&apos;s social monitoring method by default).</source>
        <translation>Die Indikatoren zu einem Index mit Klassen zusammenfassen (standardmäßig nach dem Verfahren des Berliner Monitorings Soziale Stadtentwicklung).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="72"/>
        <source>5. Protect small numbers</source>
        <translation>5. Kleine Fallzahlen schützen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="73"/>
        <source>Suppress small counts and everything computed from them before anything is published.</source>
        <translation>Kleine Fallzahlen und alles daraus Berechnete geheim halten, bevor etwas veröffentlicht wird.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="77"/>
        <source>6. Print the district profiles</source>
        <translation>6. Sozialraumprofile drucken</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="78"/>
        <source>One page per unit with maps, indicator table, chart and the burden rule, plus a cover with the overview map.</source>
        <translation>Eine Seite je Raumeinheit mit Karten, Indikatortabelle, Diagramm und Belastungsregel, dazu ein Deckblatt mit der Übersichtskarte.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="85"/>
        <source>7. Print overview maps</source>
        <translation>7. Übersichtskarten drucken</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="86"/>
        <source>One map page per indicator or index for the whole municipality.</source>
        <translation>Eine Kartenseite je Indikator oder Index für die gesamte Kommune.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="93"/>
        <source>Sozialplanung</source>
        <translation>Sozialplanung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="101"/>
        <source>Work through the steps from top to bottom. Each step opens the Processing dialog with the layer and catalogue chosen here; its result becomes the layer of the next step.</source>
        <translation>Arbeiten Sie die Schritte von oben nach unten ab. Jeder Schritt öffnet das Verarbeitungswerkzeug mit dem hier gewählten Layer und Katalog; sein Ergebnis wird zum Layer des nächsten Schritts.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="114"/>
        <source>Layer</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="116"/>
        <source>Indicator catalogue (*.csv *.xlsx *.ods)</source>
        <translation>Indikatorenkatalog (*.csv *.xlsx *.ods)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="120"/>
        <source>Catalogue</source>
        <translation>Katalog</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="133"/>
        <source>Open…</source>
        <translation>Öffnen…</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="181"/>
        <source>done: {0}</source>
        <translation>erledigt: {0}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/gui/panel.py" line="183"/>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
</context>
<context>
    <name>AggregateUnits</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="218"/>
        <source>Aggregate units (fine to coarse)</source>
        <translation>Raumeinheiten aggregieren (fein zu grob)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="221"/>
        <source>Sums the counts of fine units (blocks, statistical districts) into the coarse units they lie in (districts, school districts) and writes the coarse units with the sums.

Assignment: by key (INPUT_KEY holds the key of the coarse unit, TARGET_KEY is that key in TARGET) or, without INPUT_KEY, by containment of each fine unit's point on surface.
Counts: value(T) = Σ value(f) over the fine units f assigned to T. Rates are rebuilt from the summed numerators and denominators (rate = Σ numerator / Σ denominator × multiplier), never averaged. A sum that includes a missing or suppressed cell is missing (NULL) and carries the cell's sign in &lt;field&gt;_sign; the sign '-' (nothing, exactly zero) counts as 0.

The report lists fine units in no target unit and fine units that straddle (more than 1 % of their area outside the target they are assigned to), with the totals before and after.</source>
        <translation>Summiert die Fallzahlen feiner Einheiten (Blöcke, statistische Bezirke) in die groben Einheiten, in denen sie liegen (Bezirke, Schulbezirke), und schreibt die groben Einheiten mit den Summen.

Zuordnung: über einen Schlüssel (INPUT_KEY enthält den Schlüssel der groben Einheit, TARGET_KEY ist dieser Schlüssel in TARGET) oder, ohne INPUT_KEY, nach der Lage des inneren Punkts (point on surface) jeder feinen Einheit.
Fallzahlen: Wert(T) = Σ Wert(f) über die T zugeordneten feinen Einheiten f. Quoten werden aus den summierten Zählern und Nennern neu berechnet (Quote = Σ Zähler / Σ Nenner × Faktor), nie gemittelt. Eine Summe, die eine fehlende oder geheim gehaltene Zelle enthält, fehlt (NULL) und trägt das Zeichen der Zelle in &lt;field&gt;_sign; das Zeichen '-' (nichts vorhanden, genau null) zählt als 0.

Der Bericht listet feine Einheiten, die in keiner Zieleinheit liegen, und feine Einheiten über Zielgrenzen hinweg (mehr als 1 % ihrer Fläche außerhalb der zugeordneten Zieleinheit), mit den Summen vorher und nachher.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="235"/>
        <source>Fine units with counts</source>
        <translation>Feine Einheiten mit Fallzahlen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="235"/>
        <source>Polygons of the fine units with their count fields (e.g. joined with joinindicators).</source>
        <translation>Polygone der feinen Einheiten mit ihren Fallzahlfeldern (z. B. mit joinindicators verknüpft).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="241"/>
        <source>Field of the fine units holding the target key</source>
        <translation>Feld der feinen Einheiten mit dem Zielschlüssel</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="241"/>
        <source>Field of INPUT naming the coarse unit each fine unit belongs to (e.g. BEZ). Empty: each fine unit goes to the target unit containing its point on surface.</source>
        <translation>Feld von INPUT, das die grobe Einheit jeder feinen Einheit nennt (z. B. BEZ). Leer: Jede feine Einheit kommt zu der Zieleinheit, die ihren inneren Punkt enthält.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="253"/>
        <source>Key of the fine units</source>
        <translation>Schlüssel der feinen Einheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="253"/>
        <source>Names a fine unit in the report (e.g. PLR_ID); empty: the first text field.</source>
        <translation>Benennt eine feine Einheit im Bericht (z. B. PLR_ID); leer: das erste Textfeld.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="260"/>
        <source>Key field of the target units: matched with INPUT_KEY, and names the units in the report; empty: the first text field.</source>
        <translation>Schlüsselfeld der Zieleinheiten: wird mit INPUT_KEY abgeglichen und benennt die Einheiten im Bericht; leer: das erste Textfeld.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="276"/>
        <source>INPUT_KEY {0!r} is given, but not TARGET_KEY: name the key field of the target units.</source>
        <translation>INPUT_KEY {0!r} ist angegeben, TARGET_KEY aber nicht: Nennen Sie das Schlüsselfeld der Zieleinheiten.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="330"/>
        <source>{0} fine unit(s) lie in no target unit and are not counted: {1}</source>
        <translation>{0} feine Einheit(en) liegen in keiner Zieleinheit und werden nicht gezählt: {1}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="336"/>
        <source>{0} fine unit(s) straddle target units (more than 1 % of their area outside their target): {1}</source>
        <translation>{0} feine Einheit(en) liegen über Zielgrenzen hinweg (mehr als 1 % ihrer Fläche außerhalb ihrer Zieleinheit): {1}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="349"/>
        <source>{0}: sum of the fine units {1:g}, of the target units {2:g}</source>
        <translation>{0}: Summe der feinen Einheiten {1:g}, der Zieleinheiten {2:g}</translation>
    </message>
</context>
<context>
    <name>Archive</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="47"/>
        <source>Archive the year&apos;s results (history table)</source>
        <translation>Ergebnisse des Jahres archivieren (Verlaufstabelle)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="50"/>
        <source>Appends the year&apos;s computed indicators, classes and rules to a long history table in a GeoPackage or a PostgreSQL/PostGIS database, so that later monitoring reads exactly the numbers that were published.

History table (TABLE), one row per unit, year and indicator: unit_key, year, indicator, value (&lt;id&gt;_val), sign (&lt;id&gt;_val_sign), ref (&lt;id&gt;_ref), class (&lt;id&gt;_flag: 1 flagged, 0 not), run_id, run_at (UTC); and per unit burden_class (value burden_code, class the label), status_index and dynamics_index (value the index, class the class and its label). The table TABLE_runs holds per run the rules: the catalogue, the thresholds, the burden rule, the suppression rule, the plugin and QGIS version.

A year is archived once: MODE refuse stops when the year is already there, MODE replace replaces that year&apos;s rows. The check and the writing happen in one transaction under a lock, so two planners archiving at the same time leave a consistent history (one run per year, never duplicated rows).

DATABASE: a GeoPackage file (created when missing), a PostgreSQL connection (service=name, as in pg_service.conf, or dbname=... host=... port=...) or the name of a PostgreSQL connection saved in QGIS. Do not write a password here: use a service file, a .pgpass file or QGIS&apos;s authentication.</source>
        <translation>Hängt die berechneten Indikatoren, Klassen und Regeln des Jahres an eine lange Verlaufstabelle in einem GeoPackage oder einer PostgreSQL/PostGIS-Datenbank an, damit ein späteres Monitoring genau die veröffentlichten Zahlen liest.

Verlaufstabelle (TABLE), eine Zeile je Raumeinheit, Jahr und Indikator: unit_key, year, indicator, value (&lt;id&gt;_val), sign (&lt;id&gt;_val_sign), ref (&lt;id&gt;_ref), class (&lt;id&gt;_flag: 1 markiert, 0 nicht), run_id, run_at (UTC); dazu je Raumeinheit burden_class (value burden_code, class die Bezeichnung), status_index und dynamics_index (value der Index, class die Klasse und ihre Bezeichnung). Die Tabelle TABLE_runs enthält je Lauf die Regeln: den Katalog, die Schwellen, die Belastungsregel, die Geheimhaltungsregel, die Plugin- und QGIS-Version.

Ein Jahr wird einmal archiviert: MODE refuse bricht ab, wenn das Jahr schon vorhanden ist, MODE replace ersetzt die Zeilen dieses Jahres. Prüfen und Schreiben geschehen in einer Transaktion unter einer Sperre, sodass zwei Planerinnen oder Planer, die gleichzeitig archivieren, einen stimmigen Verlauf hinterlassen (ein Lauf je Jahr, nie doppelte Zeilen).

DATABASE: eine GeoPackage-Datei (wird angelegt, wenn sie fehlt), eine PostgreSQL-Verbindung (service=name wie in pg_service.conf, oder dbname=... host=... port=...) oder der Name einer in QGIS gespeicherten PostgreSQL-Verbindung. Schreiben Sie hier kein Passwort: nutzen Sie eine Service-Datei, eine .pgpass-Datei oder die QGIS-Authentifizierung.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="67"/>
        <source>Computed units</source>
        <translation>Berechnete Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="67"/>
        <source>The output of computeindicators, classifyburden or compositeindex for the year.</source>
        <translation>Die Ausgabe von computeindicators, classifyburden oder compositeindex für das Jahr.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="72"/>
        <source>Key field of the units</source>
        <translation>Schlüsselfeld der Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="72"/>
        <source>Field that identifies each unit in the history (e.g. PLR_ID); empty: the first text field.</source>
        <translation>Feld, das jede Raumeinheit im Verlauf bezeichnet (z. B. PLR_ID); leer: das erste Textfeld.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="78"/>
        <source>Year</source>
        <translation>Jahr</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="78"/>
        <source>The year the results stand for (the reporting year).</source>
        <translation>Das Jahr, für das die Ergebnisse stehen (Berichtsjahr).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="84"/>
        <source>Database (GeoPackage file or PostgreSQL connection)</source>
        <translation>Datenbank (GeoPackage-Datei oder PostgreSQL-Verbindung)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="84"/>
        <source>A GeoPackage file (.gpkg), a PostgreSQL connection (service=name or dbname=... host=... port=...) or the name of a PostgreSQL connection saved in QGIS.</source>
        <translation>Eine GeoPackage-Datei (.gpkg), eine PostgreSQL-Verbindung (service=name oder dbname=... host=... port=...) oder der Name einer in QGIS gespeicherten PostgreSQL-Verbindung.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="91"/>
        <source>History table</source>
        <translation>Verlaufstabelle</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="91"/>
        <source>Name of the history table (PostgreSQL: schema.table possible); TABLE_runs holds the rules.</source>
        <translation>Name der Verlaufstabelle (PostgreSQL: auch schema.tabelle); TABLE_runs enthält die Regeln.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="95"/>
        <source>When the year is already archived</source>
        <translation>Wenn das Jahr bereits archiviert ist</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="95"/>
        <source>refuse: stop with a message, nothing is changed; replace: replace that year&apos;s rows.</source>
        <translation>refuse: mit einer Meldung abbrechen, nichts wird geändert; replace: die Zeilen dieses Jahres ersetzen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="102"/>
        <source>Rows archived</source>
        <translation>Archivierte Zeilen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="103"/>
        <source>Run id</source>
        <translation>Lauf-Kennung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="104"/>
        <source>History table (data source)</source>
        <translation>Verlaufstabelle (Datenquelle)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="128"/>
        <source>DATABASE: name a GeoPackage file or a PostgreSQL connection</source>
        <translation>DATABASE: Geben Sie eine GeoPackage-Datei oder eine PostgreSQL-Verbindung an</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/archive.py" line="154"/>
        <source>{0} rows of {1} units archived for {2} (run {3}).</source>
        <translation>{0} Zeilen von {1} Raumeinheiten für {2} archiviert (Lauf {3}).</translation>
    </message>
</context>
<context>
    <name>ArealAlgorithm</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="46"/>
        <source>Target units</source>
        <translation>Zieleinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="46"/>
        <source>Polygons of the unit system the counts are moved to. The output is these units with their own fields and the moved ones.</source>
        <translation>Polygone des Raumbezugssystems, auf das die Fallzahlen übertragen werden. Die Ausgabe sind diese Einheiten mit ihren eigenen Feldern und den übertragenen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="53"/>
        <source>Key of the target units</source>
        <translation>Schlüssel der Zieleinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="59"/>
        <source>Count fields to move</source>
        <translation>Zu übertragende Fallzahlfelder</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="59"/>
        <source>Counts (Fallzahlen: numerators, populations) to move; the output fields have the same names. Empty: every count field of the CATALOGUE (numerators, denominators, weight columns, every year). A rate field of the catalogue (&lt;id&gt;_val, or a rate column with a weight column) is rebuilt from the moved counts, never averaged.</source>
        <translation>Zu übertragende Fallzahlen (Zähler, Bevölkerungszahlen); die Ausgabefelder heißen gleich. Leer: jedes Fallzahlfeld des Katalogs (CATALOGUE: Zähler, Nenner, Gewichtungsspalten, jedes Jahr). Ein Quotenfeld des Katalogs (&lt;id&gt;_val oder eine Quotenspalte mit Gewichtungsspalte) wird aus den übertragenen Fallzahlen neu berechnet, nie gemittelt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="75"/>
        <source>Indicator catalogue</source>
        <translation>Indikatorenkatalog</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="75"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="75"/>
        <source>Optional: the indicator catalogue. It tells counts from rates: numerators and denominators are summed, rates are rebuilt from them; a rate without counts is refused (see RATES_AS_MEANS).</source>
        <translation>Optional: der Indikatorenkatalog. Er unterscheidet Fallzahlen von Quoten: Zähler und Nenner werden summiert, Quoten daraus neu berechnet; eine Quote ohne Fallzahlen wird abgelehnt (siehe RATES_AS_MEANS).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="87"/>
        <source>Rates without counts as area-weighted means</source>
        <translation>Quoten ohne Fallzahlen als flächengewichtete Mittelwerte</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="87"/>
        <source>Off (default): a rate without counts (catalogue column rate without weight column) is refused, because a rate cannot be split or summed. On: such rates become area-weighted means of the source rates, flagged in &lt;field&gt;_note as estimates.</source>
        <translation>Aus (Standard): Eine Quote ohne Fallzahlen (Katalogspalte Quote ohne Gewichtungsspalte) wird abgelehnt, weil eine Quote weder aufgeteilt noch summiert werden kann. An: Solche Quoten werden flächengewichtete Mittelwerte der Quellquoten, in &lt;field&gt;_note als Schätzung gekennzeichnet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="98"/>
        <source>Target units with moved counts</source>
        <translation>Zieleinheiten mit übertragenen Fallzahlen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="98"/>
        <source>The target units with the moved fields (same names as in the source), &lt;field&gt;_sign where a value is missing for a reason (the sign of the source cell).</source>
        <translation>Die Zieleinheiten mit den übertragenen Feldern (gleiche Namen wie in der Quelle), &lt;field&gt;_sign, wo ein Wert aus einem Grund fehlt (das Zeichen der Quellzelle).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="105"/>
        <source>Report (HTML)</source>
        <translation>Bericht (HTML)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="105"/>
        <source>Totals before and after, coverage per target unit, units not covered; a JSON twin beside it.</source>
        <translation>Summen vorher und nachher, Abdeckung je Zieleinheit, nicht abgedeckte Einheiten; daneben eine JSON-Fassung.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="164"/>
        <source>The layer {0} has a geographic CRS ({1}): areas are computed in degrees², which distorts the shares; reproject the layers to a projected CRS (e.g. UTM) first.</source>
        <translation>Der Layer {0} hat ein geografisches Koordinatensystem ({1}): Flächen werden in Grad² berechnet, was die Anteile verzerrt; projizieren Sie die Layer zuerst in ein projiziertes Koordinatensystem (z. B. UTM).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="177"/>
        <source>Fields of the target units replaced by the moved ones: {0}</source>
        <translation>Felder der Zieleinheiten durch die übertragenen ersetzt: {0}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="194"/>
        <source>{0}: {1} invalid geometry(ies) repaired before intersecting: {2}</source>
        <translation>{0}: {1} ungültige Geometrie(n) vor dem Verschneiden repariert: {2}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/aggregate_units.py" line="201"/>
        <source>{0}: {1} feature(s) without geometry (no area): {2}</source>
        <translation>{0}: {1} Objekt(e) ohne Geometrie (keine Fläche): {2}</translation>
    </message>
</context>
<context>
    <name>ClassifyBurden</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="34"/>
        <source>Classify burdened units (burden rule)</source>
        <translation>Belastete Raumeinheiten bestimmen (Belastungsregel)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="65"/>
        <source>Units with indicators</source>
        <translation>Raumeinheiten mit Indikatoren</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="65"/>
        <source>Output of computeindicators (or a layer with the joined indicator columns). It is read, never changed.</source>
        <translation>Ausgabe von computeindicators (oder ein Layer mit den verknüpften Indikatorspalten). Er wird nur gelesen, nie verändert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="72"/>
        <source>Measure of the deviation</source>
        <translation>Abweichungsmaß</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="72"/>
        <source>difference: val - ref; ratio: 100 x val / ref; zscore: z-score over the units (the default, with threshold 1 it runs without further settings); percentile: percentile rank 0..100.</source>
        <translation>difference: val - ref; ratio: 100 x val / ref; zscore: z-Wert über die Raumeinheiten (Voreinstellung; mit Schwellenwert 1 ohne weitere Einstellungen nutzbar); percentile: Perzentilrang 0..100.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="83"/>
        <source>Threshold</source>
        <translation>Schwellenwert</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="83"/>
        <source>How far a core indicator must deviate in the adverse direction, in the unit of the measure (percentage points, index points, standard deviations or percentile rank). The catalogue&apos;s column threshold overrides it per indicator. Empty: ratio 20, zscore 1, percentile 90.</source>
        <translation>Wie weit ein Kernindikator in ungünstiger Richtung abweichen muss, in der Einheit des Abweichungsmaßes (Prozentpunkte, Indexpunkte, Standardabweichungen oder Perzentilrang). Die Katalogspalte threshold hat je Indikator Vorrang. Leer: ratio 20, zscore 1, percentile 90.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="92"/>
        <source>Minimum number of flagged core indicators</source>
        <translation>Mindestzahl markierter Kernindikatoren</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="92"/>
        <source>A unit is &apos;besonders belastet&apos; when at least this many core indicators are flagged.</source>
        <translation>Eine Raumeinheit ist „besonders belastet“, wenn mindestens so viele Kernindikatoren markiert sind.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="102"/>
        <source>Optional: the field of the reference areas used in computeindicators (e.g. the municipality); it names the reference in burden_reason instead of &apos;Stadt&apos;.</source>
        <translation>Optional: das in computeindicators verwendete Feld der Vergleichsgebiete (z. B. die Gemeinde); es benennt den Vergleichswert in burden_reason anstelle von „Stadt“.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="111"/>
        <source>Burden classes</source>
        <translation>Belastungsklassen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="171"/>
        <source>The input has no indicator fields for {0}: computing them first (as computeindicators).</source>
        <translation>Die Eingabe enthält keine Indikatorfelder für {0}; sie werden zuerst berechnet (wie in computeindicators).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="118"/>
        <source>Units &apos;besonders belastet&apos;</source>
        <translation>Raumeinheiten „besonders belastet“</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="118"/>
        <source>Units &apos;belastet&apos;</source>
        <translation>Raumeinheiten „belastet“</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="118"/>
        <source>Units 'unauffällig'</source>
        <translation>Raumeinheiten „unauffällig“</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="118"/>
        <source>Units &apos;nicht bewertbar&apos;</source>
        <translation>Raumeinheiten „nicht bewertbar“</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="37"/>
        <source>Selects the 'besonders belastet' (particularly burdened) units by a rule anyone can trace.

A unit is flagged on a core indicator (catalogue column core = ja) when its deviation in the adverse direction reaches the threshold. With polarity p = +1 (higher is worse) or -1 (higher is better):
difference: p x (val - ref) &gt;= threshold, in the indicator's unit (percentage points for %);
ratio: p x (ratio - 100) &gt;= threshold, in index points (20: at least 120, or at most 80 when higher is better);
zscore: p x z &gt;= threshold, in standard deviations;
percentile: pct &gt;= threshold (p = +1) or 100 - pct &gt;= threshold (p = -1), percentile rank 0..100.
The catalogue's threshold of an indicator wins over THRESHOLD. Defaults when neither is given: ratio 20, zscore 1, percentile 90 (difference has none).

burden_class: 'besonders belastet' (burden_code 3) with at least MIN_FLAGS flagged core indicators; 'belastet' (2) with at least one flag but fewer than MIN_FLAGS; 'unauffällig' (1) with no flag; 'nicht bewertbar' (no code) when a core indicator is missing and could still change the class (2 flags of 2 needed are 'besonders belastet' whatever is missing).

Output fields: &lt;id&gt;_flag (1/0, empty when missing) per core indicator, burden_flags, burden_code, burden_class, burden_reason (every flagged indicator in words, e.g. 'SGB II 24,1 % vs. Stadt 11,2 % (+12,9 Pp.)', and the missing ones), burden_rule (the rule as text), action_fields (the fields of action: the catalogue's topics in which the unit has a flagged core indicator, in the catalogue's order, separated by '; ') and action_fields_n (their number).

The input is normally the output of computeindicators. If it lacks the fields &lt;id&gt;_val, &lt;id&gt;_ref and the measure, they are computed first (with REFERENCE_FIELD, latest year) and written too. The output is styled on burden_class.</source>
        <translation>Bestimmt die „besonders belasteten“ Raumeinheiten nach einer Regel, die jede und jeder nachvollziehen kann.

Eine Raumeinheit wird bei einem Kernindikator (Katalogspalte core = ja) markiert, wenn ihre Abweichung in ungünstiger Richtung den Schwellenwert erreicht. Mit der Polarität p = +1 (höher ist schlechter) oder -1 (höher ist besser):
difference: p x (val - ref) &gt;= Schwellenwert, in der Einheit des Indikators (Prozentpunkte bei %);
ratio: p x (ratio - 100) &gt;= Schwellenwert, in Indexpunkten (20: mindestens 120 bzw. höchstens 80, wenn höher besser ist);
zscore: p x z &gt;= Schwellenwert, in Standardabweichungen;
percentile: pct &gt;= Schwellenwert (p = +1) oder 100 - pct &gt;= Schwellenwert (p = -1), Perzentilrang 0..100.
Der Schwellenwert eines Indikators im Katalog hat Vorrang vor THRESHOLD. Ist keiner angegeben, gilt: ratio 20, zscore 1, percentile 90 (difference hat keine Voreinstellung).

burden_class: „besonders belastet“ (burden_code 3) mit mindestens MIN_FLAGS markierten Kernindikatoren; „belastet“ (2) mit mindestens einer Markierung, aber weniger als MIN_FLAGS; „unauffällig“ (1) ohne Markierung; „nicht bewertbar“ (kein Code), wenn ein Kernindikator fehlt und die Klasse noch ändern könnte (mit 2 von 2 nötigen Markierungen ist eine Raumeinheit „besonders belastet“, gleich was fehlt).

Ausgabefelder: &lt;id&gt;_flag (1/0, leer bei fehlendem Wert) je Kernindikator, burden_flags, burden_code, burden_class, burden_reason (jeder markierte Indikator in Worten, z. B. 'SGB II 24,1 % vs. Stadt 11,2 % (+12,9 Pp.)', sowie die fehlenden), burden_rule (die Regel als Text), action_fields (die Handlungsfelder: die Themen des Katalogs, in denen die Raumeinheit einen markierten Kernindikator hat, in der Reihenfolge des Katalogs, getrennt durch '; ') und action_fields_n (ihre Anzahl).

Die Eingabe ist normalerweise die Ausgabe von computeindicators. Fehlen ihr die Felder &lt;id&gt;_val, &lt;id&gt;_ref und das Abweichungsmaß, werden sie zuerst berechnet (mit REFERENCE_FIELD, neuestes Jahr) und ebenfalls geschrieben. Die Ausgabe wird nach burden_class dargestellt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/classify_burden.py" line="111"/>
        <source>Every unit with &lt;id&gt;_flag, burden_flags, burden_code, burden_class, burden_reason, burden_rule, action_fields and action_fields_n, styled on burden_class.</source>
        <translation>Jede Raumeinheit mit &lt;id&gt;_flag, burden_flags, burden_code, burden_class, burden_reason, burden_rule, action_fields und action_fields_n, dargestellt nach burden_class.</translation>
    </message>
</context>
<context>
    <name>CompositeIndex</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="75"/>
        <source>Composite index (status and dynamics)</source>
        <translation>Gesamtindex (Status und Dynamik)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="78"/>
        <source>Collapses the indicators with index = status in the catalogue into a status index with classes and, with change indicators (index = dynamics, or the changes &lt;id&gt;_chg of several years), a dynamics index. Values are the &lt;id&gt;_val fields of computeindicators, or computed from the catalogue's columns. Higher index and higher class = more burdened, for every method.

Valid units: every index indicator present and, with POPULATION_FIELD, at least MIN_POPULATION inhabitants (the MSS uses 300). The others get no index, the label 'nicht klassifiziert' and the reason in status_note / dynamics_note. N = number of valid units.

zscore_sum (Berlin, Monitoring Soziale Stadtentwicklung): z = (x - mean) / sd over the valid units (sample sd, n - 1); status_index = Σ polarity x weight x z. Classes by the index's mean m and sd s: &lt;= m - s 1 'hoch'; &gt;= m + 1.5 s 4 'sehr niedrig'; &gt;= m + s 3 'niedrig'; else 2 'mittel'. Dynamics index the same on the change indicators: &lt;= m - s 1 'positiv', &gt;= m + s 5 'negativ', else 3 'stabil'; sdi_class combines both ('1+', '2+/-', '3-').

percentile_flags (CDC Social Vulnerability Index): per indicator the percentile rank (r - 1) / (N - 1) in the adverse direction (r = rank from the lowest, ties the lowest rank): &lt;id&gt;_prank; &lt;id&gt;_pflag = 1 where it is &gt;= 0.90. Per topic n (in catalogue order) theme&lt;n&gt;_sum = Σ weight x rank, ranked again the same way: theme&lt;n&gt;_rank; theme&lt;n&gt;_flags. status_index = the same rank of Σ topic_weight x theme sum (0..1); status_flags = all flags. Classes: quartiles (&lt;= 0.25: 1, &lt;= 0.50: 2, &lt;= 0.75: 3, else 4).

exponential_rank (English Index of Multiple Deprivation): per topic the score Σ polarity x weight x z (theme&lt;n&gt;_score), its rank scaled R = r / N (1 = most deprived, theme&lt;n&gt;_rank), exponentially transformed X = -23 ln(1 - R (1 - e^(-100/23))) (theme&lt;n&gt;_exp, 0..100); status_index = Σ topic_weight x X; classes: deciles floor(10 (r - 1) / N) + 1, the most deprived decile = 10.

CLASSES: method = the method's own classes (above); quantiles = CLASS_COUNT classes floor(k (r - 1) / N) + 1 by the rank r of the index; breaks = fixed BREAKS b1 &lt; b2 &lt; ... (class = 1 + number of breaks &lt;= index), so classes stay comparable across years. The dynamics index always uses mean ± 1 sd.

Output fields: status_index, status_class, status_label, status_note, &lt;x&gt;_zidx (z-scores that entered the index), method fields (above) and, with change indicators, dynamics_index, dynamics_class, dynamics_label, dynamics_note, sdi_class. Styled on status_class; a GeoPackage output also gets a style 'dynamics' on dynamics_class.</source>
        <translation>Fasst die Indikatoren mit index = status im Katalog zu einem Statusindex mit Klassen zusammen und, bei Veränderungsindikatoren (index = dynamics oder die Veränderungen &lt;id&gt;_chg mehrerer Jahre), zu einem Dynamikindex. Werte sind die Felder &lt;id&gt;_val aus computeindicators oder werden aus den Spalten des Katalogs berechnet. Bei jeder Methode gilt: höherer Index und höhere Klasse = stärker belastet.

Gültige Raumeinheiten: alle Indexindikatoren sind vorhanden und, mit POPULATION_FIELD, mindestens MIN_POPULATION Einwohnerinnen und Einwohner (das MSS verwendet 300). Die übrigen erhalten keinen Index, die Bezeichnung „nicht klassifiziert“ und den Grund in status_note / dynamics_note. N = Anzahl der gültigen Raumeinheiten.

zscore_sum (Berlin, Monitoring Soziale Stadtentwicklung): z = (x - Mittelwert) / sd über die gültigen Raumeinheiten (Stichproben-sd, n - 1); status_index = Σ Polarität x Gewicht x z. Klassen nach Mittelwert m und Standardabweichung s des Index: &lt;= m - s 1 'hoch'; &gt;= m + 1,5 s 4 'sehr niedrig'; &gt;= m + s 3 'niedrig'; sonst 2 'mittel'. Dynamikindex ebenso aus den Veränderungsindikatoren: &lt;= m - s 1 'positiv', &gt;= m + s 5 'negativ', sonst 3 'stabil'; sdi_class verbindet beide ('1+', '2+/-', '3-').

percentile_flags (CDC Social Vulnerability Index): je Indikator der Perzentilrang (r - 1) / (N - 1) in ungünstiger Richtung (r = Rang vom niedrigsten Wert an, bei Gleichstand der niedrigste Rang): &lt;id&gt;_prank; &lt;id&gt;_pflag = 1, wo er &gt;= 0,90 ist. Je Thema n (in der Reihenfolge des Katalogs) theme&lt;n&gt;_sum = Σ Gewicht x Rang, erneut ebenso in Ränge umgerechnet: theme&lt;n&gt;_rank; theme&lt;n&gt;_flags. status_index = derselbe Rang von Σ topic_weight x Themensumme (0..1); status_flags = alle Markierungen. Klassen: Quartile (&lt;= 0,25: 1, &lt;= 0,50: 2, &lt;= 0,75: 3, sonst 4).

exponential_rank (English Index of Multiple Deprivation): je Thema der Wert Σ Polarität x Gewicht x z (theme&lt;n&gt;_score), dessen Rang skaliert R = r / N (1 = am stärksten benachteiligt, theme&lt;n&gt;_rank), exponentiell transformiert X = -23 ln(1 - R (1 - e^(-100/23))) (theme&lt;n&gt;_exp, 0..100); status_index = Σ topic_weight x X; Klassen: Dezile floor(10 (r - 1) / N) + 1, das am stärksten benachteiligte Dezil = 10.

CLASSES: method = die eigenen Klassen der Methode (siehe oben); quantiles = CLASS_COUNT Klassen floor(k (r - 1) / N) + 1 nach dem Rang r des Index; breaks = feste Klassengrenzen BREAKS b1 &lt; b2 &lt; ... (Klasse = 1 + Anzahl der Grenzen &lt;= Index), sodass die Klassen über die Jahre vergleichbar bleiben. Der Dynamikindex verwendet immer Mittelwert ± 1 sd.

Ausgabefelder: status_index, status_class, status_label, status_note, &lt;x&gt;_zidx (die in den Index eingegangenen z-Werte), die Felder der Methode (siehe oben) und, bei Veränderungsindikatoren, dynamics_index, dynamics_class, dynamics_label, dynamics_note, sdi_class. Dargestellt nach status_class; eine GeoPackage-Ausgabe erhält zusätzlich einen Stil 'dynamics' nach dynamics_class.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="137"/>
        <source>Units with indicators</source>
        <translation>Raumeinheiten mit Indikatoren</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="137"/>
        <source>Output of computeindicators, or a layer with the joined indicator columns. It is read, never changed.</source>
        <translation>Ausgabe von computeindicators oder ein Layer mit den verknüpften Indikatorspalten. Er wird nur gelesen, nie verändert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="144"/>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="144"/>
        <source>zscore_sum: Berlin MSS status/dynamics index; percentile_flags: CDC Social Vulnerability Index; exponential_rank: English Index of Multiple Deprivation.</source>
        <translation>zscore_sum: Status-/Dynamikindex des Berliner MSS; percentile_flags: CDC Social Vulnerability Index; exponential_rank: English Index of Multiple Deprivation.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="154"/>
        <source>Classes</source>
        <translation>Klassen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="154"/>
        <source>method: the method&apos;s own classes; quantiles: CLASS_COUNT classes of equal size; breaks: fixed class breaks given in BREAKS.</source>
        <translation>method: die eigenen Klassen der Methode; quantiles: CLASS_COUNT gleich große Klassen; breaks: feste Klassengrenzen aus BREAKS.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="164"/>
        <source>Number of quantile classes</source>
        <translation>Anzahl der Quantilklassen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="164"/>
        <source>Number of classes for CLASSES=quantiles.</source>
        <translation>Anzahl der Klassen bei CLASSES=quantiles.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="175"/>
        <source>Class breaks</source>
        <translation>Klassengrenzen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="175"/>
        <source>For CLASSES=breaks: increasing breaks of the status index separated by &apos;;&apos;, e.g. &apos;-2;0;2;4&apos; (decimal comma or point). Class 1 lies below the first break.</source>
        <translation>Bei CLASSES=breaks: aufsteigende Grenzen des Statusindex, getrennt durch ';', z. B. '-2;0;2;4' (Dezimalkomma oder -punkt). Klasse 1 liegt unter der ersten Grenze.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="182"/>
        <source>Population field</source>
        <translation>Einwohnerfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="182"/>
        <source>Inhabitants per unit (e.g. EW). Units below MIN_POPULATION, or without a value, are not classified.</source>
        <translation>Einwohnerzahl je Raumeinheit (z. B. EW). Raumeinheiten unter MIN_POPULATION oder ohne Wert werden nicht klassifiziert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="190"/>
        <source>Minimum population</source>
        <translation>Mindesteinwohnerzahl</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="190"/>
        <source>Units with fewer inhabitants are left out of the standardisation (the MSS uses 300). Only used with POPULATION_FIELD.</source>
        <translation>Raumeinheiten mit weniger Einwohnerinnen und Einwohnern bleiben bei der Standardisierung unberücksichtigt (das MSS verwendet 300). Wird nur mit POPULATION_FIELD verwendet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="203"/>
        <source>Reporting year</source>
        <translation>Berichtsjahr</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="203"/>
        <source>Only when the values are computed here from several years: the year of the status index. Empty: the latest.</source>
        <translation>Nur wenn die Werte hier aus mehreren Jahren berechnet werden: das Jahr des Statusindex. Leer: das neueste.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="276"/>
        <source>Composite index</source>
        <translation>Gesamtindex</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="276"/>
        <source>Every unit with status_index, status_class, status_label, status_note and, with change indicators, the dynamics fields, styled on status_class.</source>
        <translation>Alle Raumeinheiten mit status_index, status_class, status_label, status_note und, bei Veränderungsindikatoren, den Dynamikfeldern, dargestellt nach status_class.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="294"/>
        <source>Units classified</source>
        <translation>Klassifizierte Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="295"/>
        <source>Units not classified</source>
        <translation>Nicht klassifizierte Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="350"/>
        <source>CLASSES=breaks needs BREAKS, e.g. &apos;-2;0;2;4&apos;.</source>
        <translation>CLASSES=breaks erfordert BREAKS, z. B. '-2;0;2;4'.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="373"/>
        <source>Topics: {0}</source>
        <translation>Themen: {0}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="78"/>
        <source>SERIES (class movements): with SERIES checked, or YEARS given, the index of every year Y of a series (catalogue columns per year, &lt;column&gt;_&lt;Y&gt;, e.g. from joinindicators with FIELD_SUFFIX; YEARS empty: every year with all status indicators), method zscore_sum: status_index_&lt;Y&gt;, status_class_&lt;Y&gt; and, where there is a dynamics index, dynamics_index_&lt;Y&gt;, dynamics_class_&lt;Y&gt;; the unsuffixed fields (status_index, status_class, status_label, status_note, dynamics_*, sdi_class) hold the latest year.
CLASS_BASIS each_year: z = (x(Y) - mean(Y)) / sd(Y) over the valid units of Y, index(Y) = Σ polarity x weight x z, classes by the mean m(Y) and sd s(Y) of index(Y), as the MSS does every edition (a class says where a unit stands among the units of that year). base_year: z = (x(Y) - mean(B)) / sd(B) with the means and sds of the base year B = BASE_YEAR (empty: the first year) and classes by m(B) and s(B) of the base year's index, so that a move between classes is a real change of the values; year B itself gets the same index and classes in both.
Dynamics: from the catalogue's change indicators (index = dynamics) of each year or, when there are none and PERIOD = P is given, from the series itself: d(Y) = x(Y) - x(Y - P) of every status indicator, standardised and summed the same way (classes &lt;= m - s 1 'positiv', &gt;= m + s 5 'negativ', else 3 'stabil'), for the years Y whose year Y - P is in the layer.
POPULATION_FIELD: &lt;field&gt;_&lt;Y&gt; per year where the layer has them (give the field of any year or its stem), else the one field for every year. REPORT: the classes per year, the transition tables (units from class i in one year to class j in the next, and from the first to the last year) and every unit that changed class. A series uses METHOD zscore_sum and CLASSES method.</source>
        <translation>SERIES (Klassenwechsel): mit SERIES oder angegebenen YEARS der Index jedes Jahres Y einer Zeitreihe (Katalogspalten je Jahr, &lt;column&gt;_&lt;Y&gt;, z. B. aus joinindicators mit FIELD_SUFFIX; YEARS leer: alle Jahre mit allen Statusindikatoren), Methode zscore_sum: status_index_&lt;Y&gt;, status_class_&lt;Y&gt; und, wo es einen Dynamikindex gibt, dynamics_index_&lt;Y&gt;, dynamics_class_&lt;Y&gt;; die Felder ohne Jahr (status_index, status_class, status_label, status_note, dynamics_*, sdi_class) enthalten das letzte Jahr.
CLASS_BASIS each_year: z = (x(Y) - Mittelwert(Y)) / sd(Y) über die gültigen Raumeinheiten von Y, index(Y) = Σ Polarität x Gewicht x z, Klassen nach Mittelwert m(Y) und sd s(Y) von index(Y), wie das MSS in jeder Ausgabe (eine Klasse sagt, wo eine Raumeinheit unter den Raumeinheiten dieses Jahres steht). base_year: z = (x(Y) - Mittelwert(B)) / sd(B) mit den Mittelwerten und sds des Basisjahres B = BASE_YEAR (leer: das erste Jahr) und Klassen nach m(B) und s(B) des Index des Basisjahres, sodass ein Klassenwechsel eine tatsächliche Veränderung der Werte ist; das Jahr B selbst erhält in beiden denselben Index und dieselben Klassen.
Dynamik: aus den Veränderungsindikatoren des Katalogs (Index = dynamics) jedes Jahres oder, wenn es keine gibt und PERIOD = P angegeben ist, aus der Zeitreihe selbst: d(Y) = x(Y) - x(Y - P) jedes Statusindikators, ebenso standardisiert und summiert (Klassen &lt;= m - s 1 'positiv', &gt;= m + s 5 'negativ', sonst 3 'stabil'), für die Jahre Y, deren Jahr Y - P im Layer ist.
POPULATION_FIELD: &lt;field&gt;_&lt;Y&gt; je Jahr, wo der Layer sie hat (das Feld eines beliebigen Jahres oder seinen Stamm angeben), sonst das eine Feld für jedes Jahr. REPORT: die Klassen je Jahr, die Übergangstabellen (Raumeinheiten von Klasse i in einem Jahr zu Klasse j im nächsten und vom ersten zum letzten Jahr) und jede Raumeinheit, die die Klasse gewechselt hat. Eine Zeitreihe verwendet METHOD zscore_sum und CLASSES method.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="218"/>
        <source>Index for every year (series)</source>
        <translation>Index für jedes Jahr (Zeitreihe)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="218"/>
        <source>Computes the status and dynamics index for every year of the layer (status_index_&lt;year&gt;, status_class_&lt;year&gt;, ...) and the class movements between the years. Also on when YEARS is given.</source>
        <translation>Berechnet den Status- und Dynamikindex für jedes Jahr des Layers (status_index_&lt;year&gt;, status_class_&lt;year&gt;, ...) und die Klassenwechsel zwischen den Jahren. Auch eingeschaltet, wenn YEARS angegeben ist.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="225"/>
        <source>Years of the series</source>
        <translation>Jahre der Zeitreihe</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="225"/>
        <source>The years of the series, separated by &apos;;&apos; (e.g. 2013;2015;2017;2019); empty: every year with all status indicators. Giving years computes the series.</source>
        <translation>Die Jahre der Zeitreihe, getrennt durch ';' (z. B. 2013;2015;2017;2019); leer: alle Jahre mit allen Statusindikatoren. Mit angegebenen Jahren wird die Zeitreihe berechnet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="232"/>
        <source>Class basis of the series</source>
        <translation>Klassenbasis der Zeitreihe</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="232"/>
        <source>each_year: every year standardised and classed on its own units (as the MSS does); base_year: every year on the means, standard deviations and class breaks of BASE_YEAR, so that a move between classes is a real change.</source>
        <translation>each_year: jedes Jahr für sich standardisiert und klassiert (wie im MSS); base_year: jedes Jahr mit den Mittelwerten, Standardabweichungen und Klassengrenzen von BASE_YEAR, sodass ein Klassenwechsel eine tatsächliche Veränderung ist.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="243"/>
        <source>Base year</source>
        <translation>Basisjahr</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="243"/>
        <source>For CLASS_BASIS=base_year: the year whose scale every year uses. Empty: the first year.</source>
        <translation>Für CLASS_BASIS=base_year: das Jahr, dessen Maßstab alle Jahre verwenden. Leer: das erste Jahr.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="254"/>
        <source>Period of the dynamics (years)</source>
        <translation>Zeitraum der Dynamik (Jahre)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="254"/>
        <source>For a series whose catalogue has no change indicators (index = dynamics): the dynamics index of year Y from the change of the status indicators since Y - PERIOD.</source>
        <translation>Für eine Zeitreihe, deren Katalog keine Veränderungsindikatoren hat (Index = dynamics): der Dynamikindex des Jahres Y aus der Veränderung der Statusindikatoren seit Y - PERIOD.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="268"/>
        <source>Name field</source>
        <translation>Namensfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="268"/>
        <source>Field with the units&apos; names for the report (e.g. PLR_NAME).</source>
        <translation>Feld mit den Namen der Raumeinheiten für den Bericht (z. B. PLR_NAME).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="283"/>
        <source>Report of the class movements (HTML)</source>
        <translation>Bericht zu den Klassenwechseln (HTML)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="287"/>
        <source>Only for a series: the classes per year, the transition tables and every unit that changed class (and a JSON file beside it).</source>
        <translation>Nur für eine Zeitreihe: die Klassen je Jahr, die Übergangstabellen und jede Raumeinheit, die die Klasse gewechselt hat (dazu eine JSON-Datei daneben).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="328"/>
        <source>{0} applies to a series of years: check SERIES or give YEARS.</source>
        <translation>{0} gilt für eine Zeitreihe: SERIES einschalten oder YEARS angeben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="340"/>
        <source>No report written: the report shows class movements of a series (SERIES or YEARS).</source>
        <translation>Kein Bericht geschrieben: der Bericht zeigt Klassenwechsel einer Zeitreihe (SERIES oder YEARS).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="395"/>
        <source>METHOD={0}: a series is computed with zscore_sum (the MSS index).</source>
        <translation>METHOD={0}: eine Zeitreihe wird mit zscore_sum (dem MSS-Index) berechnet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="398"/>
        <source>CLASSES={0}: a series uses the classes of zscore_sum (CLASSES=method); to hold the classes fixed across years use CLASS_BASIS=base_year.</source>
        <translation>CLASSES={0}: eine Zeitreihe verwendet die Klassen von zscore_sum (CLASSES=method); um die Klassen über die Jahre festzuhalten, CLASS_BASIS=base_year verwenden.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="405"/>
        <source>YEAR is for a single year; give the years of a series in YEARS.</source>
        <translation>YEAR gilt für ein einzelnes Jahr; die Jahre einer Zeitreihe in YEARS angeben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="410"/>
        <source>BASE_YEAR is only used with CLASS_BASIS=base_year.</source>
        <translation>BASE_YEAR wird nur mit CLASS_BASIS=base_year verwendet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="442"/>
        <source>Status index</source>
        <translation>Statusindex</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="442"/>
        <source>Dynamics index</source>
        <translation>Dynamikindex</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/composite_index.py" line="446"/>
        <source>{0} {1} → {2}: {3} of {4} units changed class ({5} more burdened, {6} less).</source>
        <translation>{0} {1} → {2}: {3} von {4} Raumeinheiten haben die Klasse gewechselt ({5} stärker belastet, {6} weniger).</translation>
    </message>
</context>
<context>
    <name>ComputeIndicators</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="46"/>
        <source>Compute indicators and compare with the city</source>
        <translation>Indikatoren berechnen und mit der Gesamtstadt vergleichen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="49"/>
        <source>Computes every indicator of the catalogue for every unit and compares it with the reference area (the whole layer, or the units with the same REFERENCE_FIELD value, e.g. the municipalities of a county).

Value &lt;id&gt;_val: numerator / denominator x multiplier for counts, or the given rate (the multiplier does not apply to a ready rate).
Reference &lt;id&gt;_ref (gesamtstädtischer Wert): counts: Σ numerator / Σ denominator x multiplier over the units of the area that have both (never the mean of the unit rates); ready rates: the catalogue's published reference, else the value in the total row of the TOTALS table, else the weighted mean Σ(rate x weight) / Σ weight with the catalogue's weight_column, else the unweighted mean of the rates (with a warning). With REFERENCE_FIELD the reference is computed per group.
&lt;id&gt;_diff = val - ref (percentage points for rates in %).
&lt;id&gt;_ratio = 100 x val / ref (reference = 100; empty when ref = 0).
&lt;id&gt;_z = (val - mean) / sd over the units of the reference area that have a value; mean and sample standard deviation (n - 1) of the unit values (empty when n &lt; 2 or sd = 0).
&lt;id&gt;_pct = 100 x (rank - 1) / (n - 1): percentile rank 0..100 among the n units of the area with a value, rank 1 = lowest value, tied values share the lowest rank (empty when n &lt; 2).

Missing values stay missing and are never counted as 0: &lt;id&gt;_val_sign holds the reason (the special sign of the numerator, denominator or rate, e.g. '.', '-', '-9999'; 'x' for 0/0), and all measures of a missing value are empty. A negative denominator, or a zero denominator with a non-zero numerator, stops the algorithm with the unit's key.

Several years (fields sgb2_2019, sgb2_2020, ...): the measures are for the reporting year (YEAR, default the latest); &lt;id&gt;_val_&lt;year&gt; holds every year's value, &lt;id&gt;_chg the change from the base year (BASE_YEAR, default the previous available year) to the reporting year (percentage points for rates) and &lt;id&gt;_ref_chg the change of the reference value.

The output is every unit with these fields added, styled on the first core indicator's value (quantiles, darker = more burdened).</source>
        <translation>Berechnet jeden Indikator des Katalogs für jede Raumeinheit und vergleicht ihn mit dem Vergleichsgebiet (dem ganzen Layer oder den Raumeinheiten mit demselben Wert in REFERENCE_FIELD, z. B. den Gemeinden eines Kreises).

Wert &lt;id&gt;_val: Zähler / Nenner x Faktor bei Fallzahlen oder die gelieferte Quote (der Faktor gilt nicht für eine fertige Quote).
Vergleichswert &lt;id&gt;_ref (gesamtstädtischer Wert): bei Fallzahlen Σ Zähler / Σ Nenner x Faktor über die Raumeinheiten des Gebiets, die beides haben (nie der Mittelwert der Quoten der Raumeinheiten); bei fertigen Quoten der im Katalog veröffentlichte Vergleichswert, sonst der Wert in der Summenzeile der Tabelle TOTALS, sonst der gewichtete Mittelwert Σ(Quote x Gewicht) / Σ Gewicht mit der weight_column des Katalogs, sonst der ungewichtete Mittelwert der Quoten (mit Warnung). Mit REFERENCE_FIELD wird der Vergleichswert je Gruppe berechnet.
&lt;id&gt;_diff = val - ref (Prozentpunkte bei Quoten in %).
&lt;id&gt;_ratio = 100 x val / ref (Vergleichswert = 100; leer bei ref = 0).
&lt;id&gt;_z = (val - Mittelwert) / sd über die Raumeinheiten des Vergleichsgebiets mit Wert; Mittelwert und Stichproben-Standardabweichung (n - 1) der Werte der Raumeinheiten (leer bei n &lt; 2 oder sd = 0).
&lt;id&gt;_pct = 100 x (Rang - 1) / (n - 1): Perzentilrang 0..100 unter den n Raumeinheiten des Gebiets mit Wert, Rang 1 = niedrigster Wert, gleiche Werte erhalten den niedrigsten Rang (leer bei n &lt; 2).

Fehlende Werte bleiben fehlend und werden nie als 0 gezählt: &lt;id&gt;_val_sign enthält den Grund (das Sonderzeichen von Zähler, Nenner oder Quote, z. B. '.', '-', '-9999'; 'x' bei 0/0), und alle Maße eines fehlenden Werts bleiben leer. Ein negativer Nenner oder ein Nenner 0 bei einem Zähler ungleich 0 bricht den Algorithmus mit dem Schlüssel der Raumeinheit ab.

Mehrere Jahre (Felder sgb2_2019, sgb2_2020, ...): Die Maße gelten für das Berichtsjahr (YEAR, Voreinstellung: das neueste); &lt;id&gt;_val_&lt;year&gt; enthält den Wert jedes Jahres, &lt;id&gt;_chg die Veränderung vom Basisjahr (BASE_YEAR, Voreinstellung: das vorherige verfügbare Jahr) zum Berichtsjahr (Prozentpunkte bei Quoten) und &lt;id&gt;_ref_chg die Veränderung des Vergleichswerts.

Ausgegeben werden alle Raumeinheiten mit diesen zusätzlichen Feldern, dargestellt nach dem Wert des ersten Kernindikators (Quantile, dunkler = stärker belastet).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="79"/>
        <source>Units with indicator data</source>
        <translation>Raumeinheiten mit Indikatordaten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="79"/>
        <source>Layer of spatial units with the joined indicator columns (the output of joinindicators). It is read, never changed.</source>
        <translation>Layer der Raumeinheiten mit den verknüpften Indikatorspalten (die Ausgabe von joinindicators). Er wird nur gelesen, nie verändert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="87"/>
        <source>Optional: compare each unit within its group (e.g. the municipality of a county) instead of with the whole layer. References, z-scores and percentiles are then computed per group.</source>
        <translation>Optional: jede Raumeinheit innerhalb ihrer Gruppe (z. B. ihrer Gemeinde in einem Kreis) statt mit dem ganzen Layer vergleichen. Vergleichswerte, z-Werte und Perzentile werden dann je Gruppe berechnet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="94"/>
        <source>Reporting year</source>
        <translation>Berichtsjahr</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="94"/>
        <source>For data with several years (fields with a _&lt;year&gt; suffix): the year the measures refer to. Empty: the latest year of each indicator.</source>
        <translation>Bei Daten mehrerer Jahre (Felder mit der Endung _&lt;year&gt;): das Jahr, auf das sich die Maße beziehen. Leer: das neueste Jahr jedes Indikators.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="108"/>
        <source>Base year of the change</source>
        <translation>Basisjahr der Veränderung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="108"/>
        <source>Year the change &lt;id&gt;_chg is measured from. Empty: the previous available year.</source>
        <translation>Jahr, ab dem die Veränderung &lt;id&gt;_chg gemessen wird. Leer: das vorherige verfügbare Jahr.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="119"/>
        <source>Table with the published total row</source>
        <translation>Tabelle mit der veröffentlichten Summenzeile</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="119"/>
        <source>Optional: the indicator table as delivered, with its total row (Stadt insgesamt, Gesamt, ...). For a ready rate without published reference in the catalogue, the total row&apos;s value of the rate column is the reference value.</source>
        <translation>Optional: die Indikatortabelle wie geliefert, mit ihrer Summenzeile (Stadt insgesamt, Gesamt, ...). Für eine fertige Quote ohne veröffentlichten Vergleichswert im Katalog ist der Wert der Quotenspalte in der Summenzeile der Vergleichswert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="133"/>
        <source>Indicators to compute</source>
        <translation>Zu berechnende Indikatoren</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="133"/>
        <source>Ids of the catalogue&apos;s indicators to compute, separated by &apos;;&apos; or &apos;,&apos;; empty: all.</source>
        <translation>Kürzel (id) der zu berechnenden Indikatoren des Katalogs, getrennt durch ';' oder ','; leer: alle.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="156"/>
        <source>Indicators</source>
        <translation>Indikatoren</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="156"/>
        <source>Every unit with &lt;id&gt;_val, &lt;id&gt;_val_sign, &lt;id&gt;_ref, &lt;id&gt;_diff, &lt;id&gt;_ratio, &lt;id&gt;_z, &lt;id&gt;_pct per indicator (and &lt;id&gt;_val_&lt;year&gt;, &lt;id&gt;_chg, &lt;id&gt;_ref_chg for several years).</source>
        <translation>Alle Raumeinheiten mit &lt;id&gt;_val, &lt;id&gt;_val_sign, &lt;id&gt;_ref, &lt;id&gt;_diff, &lt;id&gt;_ratio, &lt;id&gt;_z, &lt;id&gt;_pct je Indikator (und &lt;id&gt;_val_&lt;year&gt;, &lt;id&gt;_chg, &lt;id&gt;_ref_chg bei mehreren Jahren).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="176"/>
        <source>{0}: no total row found (a row labelled &apos;insgesamt&apos;, &apos;Gesamt&apos;, &apos;Summe&apos;, ...)</source>
        <translation>{0}: keine Summenzeile gefunden (eine Zeile mit der Bezeichnung 'insgesamt', 'Gesamt', 'Summe', ...)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="221"/>
        <source>{0}: reference{1} ({2}{3})</source>
        <translation>{0}: Vergleichswert{1} ({2}{3})</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="227"/>
        <source>{0} indicator(s) computed for {1} units.</source>
        <translation>{0} Indikator(en) für {1} Raumeinheiten berechnet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="119"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="196"/>
        <source>Data protection: no rates for units with fewer than {0} inhabitants ({1}).</source>
        <translation>Datenschutz: keine Quoten für Raumeinheiten mit weniger als {0} Einwohnern ({1}).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="138"/>
        <source>Compare also within the groups of</source>
        <translation>Zusätzlich vergleichen innerhalb der Gruppen von</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/compute_indicators.py" line="138"/>
        <source>Two-level comparison (e.g. a county): for each field F given here (e.g. the municipality) every unit is also compared with the units of its group: &lt;id&gt;_ref_F (Σ numerators / Σ denominators of the group), &lt;id&gt;_diff_F, &lt;id&gt;_ratio_F, &lt;id&gt;_z_F, &lt;id&gt;_pct_F and &lt;id&gt;_rank_F (1 = most adverse by polarity in the group; ties share the lowest rank), beside the unsuffixed fields of the whole layer, and &lt;id&gt;_rank over the whole layer.</source>
        <translation>Vergleich auf zwei Ebenen (z. B. im Kreis): für jedes hier genannte Feld F (z. B. die Gemeinde) wird jede Raumeinheit zusätzlich mit den Raumeinheiten ihrer Gruppe verglichen: &lt;id&gt;_ref_F (Σ Zähler / Σ Nenner der Gruppe), &lt;id&gt;_diff_F, &lt;id&gt;_ratio_F, &lt;id&gt;_z_F, &lt;id&gt;_pct_F und &lt;id&gt;_rank_F (1 = ungünstigster Wert nach Polarität in der Gruppe; gleiche Werte teilen den niedrigsten Rang), neben den Feldern ohne Zusatz für den ganzen Layer, und &lt;id&gt;_rank über den ganzen Layer.</translation>
    </message>
</context>
<context>
    <name>FacilitySupply</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="65"/>
        <source>Facility supply per unit and target group</source>
        <translation>Angebotsversorgung je Raumeinheit und Zielgruppe</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="96"/>
        <source>Spatial units</source>
        <translation>Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="96"/>
        <source>Polygon layer of the units with the target population fields (projected CRS, metres).</source>
        <translation>Flächenlayer der Raumeinheiten mit den Feldern der Zielbevölkerung (projiziertes KBS, Meter).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="100"/>
        <source>Key field of the units</source>
        <translation>Schlüsselfeld der Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="100"/>
        <source>Field that names a unit in the report and joins BURDEN (e.g. PLR_ID).</source>
        <translation>Feld, das eine Raumeinheit im Bericht benennt und BURDEN verknüpft (z. B. PLR_ID).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="106"/>
        <source>Name field of the units</source>
        <translation>Namensfeld der Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="106"/>
        <source>Field with the units&apos; names for the report.</source>
        <translation>Feld mit den Namen der Raumeinheiten für den Bericht.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="113"/>
        <source>Facilities (point layer)</source>
        <translation>Einrichtungen (Punktlayer)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="113"/>
        <source>Point layer of the facilities; or give FACILITIES_TABLE instead.</source>
        <translation>Punktlayer der Einrichtungen; oder stattdessen FACILITIES_TABLE angeben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="119"/>
        <source>Facilities (table with coordinates)</source>
        <translation>Einrichtungen (Tabelle mit Koordinaten)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="119"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="119"/>
        <source>CSV, XLSX or ODS list of facilities with coordinate columns X_FIELD and Y_FIELD in CRS (read like joinindicators&apos; tables: decimal comma, thousands dot, special signs).</source>
        <translation>CSV-, XLSX- oder ODS-Liste der Einrichtungen mit den Koordinatenspalten X_FIELD und Y_FIELD im KBS CRS (gelesen wie die Tabellen von joinindicators: Dezimalkomma, Tausenderpunkt, Sonderzeichen).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="131"/>
        <source>Sheet (XLSX/ODS)</source>
        <translation>Tabellenblatt (XLSX/ODS)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="131"/>
        <source>Sheet of a spreadsheet facility list; empty: the first sheet.</source>
        <translation>Tabellenblatt einer Einrichtungsliste als Tabellenkalkulation; leer: das erste Blatt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="136"/>
        <source>X / easting column (table)</source>
        <translation>Spalte X / Rechtswert (Tabelle)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="136"/>
        <source>Column of the x coordinate (easting).</source>
        <translation>Spalte der x-Koordinate (Rechtswert).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="136"/>
        <source>Y / northing column (table)</source>
        <translation>Spalte Y / Hochwert (Tabelle)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="136"/>
        <source>Column of the y coordinate (northing).</source>
        <translation>Spalte der y-Koordinate (Hochwert).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="141"/>
        <source>CRS of the table&apos;s coordinates</source>
        <translation>KBS der Koordinaten der Tabelle</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="141"/>
        <source>Coordinate reference system of X_FIELD/Y_FIELD (e.g. EPSG:25833 or EPSG:4326); empty: the units&apos; CRS.</source>
        <translation>Koordinatenbezugssystem von X_FIELD/Y_FIELD (z. B. EPSG:25833 oder EPSG:4326); leer: das KBS der Raumeinheiten.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="147"/>
        <source>Id field of the facilities</source>
        <translation>ID-Feld der Einrichtungen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="147"/>
        <source>Field or column with the facility id for the report; empty: the feature id or row.</source>
        <translation>Feld oder Spalte mit der ID der Einrichtung für den Bericht; leer: die Objekt-ID bzw. Zeile.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="151"/>
        <source>Category field</source>
        <translation>Kategoriefeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="151"/>
        <source>Field or column with the category (kita, schule, ...), written as in DEMAND (case is ignored); empty: every facility belongs to the one category of DEMAND.</source>
        <translation>Feld oder Spalte mit der Kategorie (kita, schule, ...), geschrieben wie in DEMAND (Groß-/Kleinschreibung egal); leer: jede Einrichtung gehört zur einzigen Kategorie in DEMAND.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="158"/>
        <source>Capacity field</source>
        <translation>Kapazitätsfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="158"/>
        <source>Field or column with the capacity (places, staff hours); empty: every facility counts 1.</source>
        <translation>Feld oder Spalte mit der Kapazität (Plätze, Personalstunden); leer: jede Einrichtung zählt 1.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="162"/>
        <source>Opening year field</source>
        <translation>Feld des Eröffnungsjahrs</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="162"/>
        <source>Field or column with the opening year; with AS_OF, facilities opened later are left out and listed.</source>
        <translation>Feld oder Spalte mit dem Eröffnungsjahr; mit AS_OF werden später eröffnete Einrichtungen nicht gezählt und aufgelistet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="169"/>
        <source>As of year</source>
        <translation>Stichjahr</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="169"/>
        <source>Year of the population: facilities opened after it are not counted (needs YEAR_FIELD).</source>
        <translation>Jahr der Bevölkerungsdaten: danach eröffnete Einrichtungen werden nicht gezählt (benötigt YEAR_FIELD).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="176"/>
        <source>Target population per category</source>
        <translation>Zielbevölkerung je Kategorie</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="176"/>
        <source>category=field of the units with the target population, separated by &apos;;&apos;, e.g. kita=EW_unter6;schule=EW_6_15.</source>
        <translation>Kategorie=Feld der Raumeinheiten mit der Zielbevölkerung, getrennt durch ';', z. B. kita=EW_unter6;schule=EW_6_15.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="183"/>
        <source>Measure labels for the reasons</source>
        <translation>Bezeichnungen der Maßzahlen für die Begründungen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="183"/>
        <source>category=words of the measure for supply_gap_reason, separated by ';', e.g. kita=Kita-Plätze je 1.000 Kinder unter 6.</source>
        <translation>Kategorie=Bezeichnung der Maßzahl für supply_gap_reason, getrennt durch ';', z. B. kita=Kita-Plätze je 1.000 Kinder unter 6.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="201"/>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="201"/>
        <source>count: facilities and capacity inside each unit; catchment: in addition the two-step floating catchment area within DISTANCE, so that a unit next to a well-supplied neighbour is not counted as unsupplied.</source>
        <translation>count: Einrichtungen und Kapazität innerhalb jeder Raumeinheit; catchment: zusätzlich die Two-Step Floating Catchment Area im Umkreis DISTANCE, damit eine Raumeinheit neben einer gut versorgten Nachbarin nicht als unversorgt gilt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="212"/>
        <source>Distance (metres)</source>
        <translation>Entfernung (Meter)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="212"/>
        <source>Catchment radius and the reach of &lt;c&gt;_reach_pct, in metres of the units&apos; CRS.</source>
        <translation>Radius des Einzugsbereichs und der Erreichbarkeit in &lt;c&gt;_reach_pct, in Metern des KBS der Raumeinheiten.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="218"/>
        <source>Population points or polygons</source>
        <translation>Bevölkerungspunkte oder -flächen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="218"/>
        <source>Finer layer (blocks, grid cells, addresses) over which each unit&apos;s target population is spread.</source>
        <translation>Feinerer Layer (Blöcke, Rasterzellen, Adressen), auf den die Zielbevölkerung jeder Raumeinheit verteilt wird.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="227"/>
        <source>Population field</source>
        <translation>Bevölkerungsfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="227"/>
        <source>Field of POPULATION with the population that spreads the target population.</source>
        <translation>Feld von POPULATION mit der Bevölkerung, nach der die Zielbevölkerung verteilt wird.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="237"/>
        <source>Road network (lines)</source>
        <translation>Wegenetz (Linien)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="247"/>
        <source>Burden layer</source>
        <translation>Belastungslayer</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="247"/>
        <source>Layer from classifyburden (burden_code, burden_class) or compositeindex (status_class, status_label) with the same key field; empty: these fields on the units, if any.</source>
        <translation>Layer aus classifyburden (burden_code, burden_class) oder compositeindex (status_class, status_label) mit demselben Schlüsselfeld; leer: diese Felder an den Raumeinheiten, falls vorhanden.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="256"/>
        <source>Key field of the burden layer</source>
        <translation>Schlüsselfeld des Belastungslayers</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="256"/>
        <source>Field of BURDEN with the unit key; empty: KEY_FIELD.</source>
        <translation>Feld von BURDEN mit dem Schlüssel der Raumeinheit; leer: KEY_FIELD.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="261"/>
        <source>Supply</source>
        <translation>Versorgung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="261"/>
        <source>Every unit with the supply fields per category, supply_gap and supply_gap_reason.</source>
        <translation>Jede Raumeinheit mit den Versorgungsfeldern je Kategorie, supply_gap und supply_gap_reason.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="265"/>
        <source>Facility points</source>
        <translation>Einrichtungspunkte</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="265"/>
        <source>The facilities used, as points in the units&apos; CRS, for maps and print: fac_id, category, capacity, unit_key (empty outside every unit) and fac_note (outside, possible duplicate, no capacity).</source>
        <translation>Die verwendeten Einrichtungen als Punkte im KBS der Raumeinheiten, für Karten und Druck: fac_id, category, capacity, unit_key (leer außerhalb aller Raumeinheiten) und fac_note (außerhalb, mögliche Dublette, ohne Kapazitätsangabe).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="278"/>
        <source>Report (HTML)</source>
        <translation>Bericht (HTML)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="278"/>
        <source>Categories, the ranked supply gaps and the lists of facility rows (with a JSON file beside it).</source>
        <translation>Kategorien, die geordneten Versorgungslücken und die Listen der Einrichtungszeilen (mit einer JSON-Datei daneben).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="284"/>
        <source>Facilities used</source>
        <translation>Verwendete Einrichtungen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="285"/>
        <source>Facility rows not used</source>
        <translation>Nicht verwendete Einrichtungszeilen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="286"/>
        <source>Units with a supply gap</source>
        <translation>Raumeinheiten mit Versorgungslücke</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="295"/>
        <source>The spatial units layer could not be read.</source>
        <translation>Der Layer der Raumeinheiten konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="298"/>
        <source>The units layer is in a geographic CRS ({0}); distances need metres. Reproject the units to a projected CRS (e.g. ETRS89 / UTM) first.</source>
        <translation>Der Layer der Raumeinheiten ist in einem geographischen KBS ({0}); Entfernungen brauchen Meter. Die Raumeinheiten zuerst in ein projiziertes KBS (z. B. ETRS89 / UTM) umprojizieren.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="311"/>
        <source>CATEGORY_FIELD is needed when DEMAND names more than one category.</source>
        <translation>CATEGORY_FIELD wird benötigt, wenn DEMAND mehr als eine Kategorie nennt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="322"/>
        <source>DEMAND: field {0!r} of category {1!r} is not in the units layer.</source>
        <translation>DEMAND: Feld {0!r} der Kategorie {1!r} fehlt im Layer der Raumeinheiten.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="341"/>
        <source>Give the facilities either as a point layer (FACILITIES) or as a table (FACILITIES_TABLE).</source>
        <translation>Die Einrichtungen entweder als Punktlayer (FACILITIES) oder als Tabelle (FACILITIES_TABLE) angeben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="373"/>
        <source>POPULATION needs POPULATION_FIELD.</source>
        <translation>POPULATION benötigt POPULATION_FIELD.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="398"/>
        <source>No burden fields on the units and no BURDEN layer: supply_gap is not computed.</source>
        <translation>Keine Belastungsfelder an den Raumeinheiten und kein BURDEN-Layer: supply_gap wird nicht berechnet.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="423"/>
        <source>{0} facilities used, {1} rows not used; {2} units with a supply gap.</source>
        <translation>{0} Einrichtungen verwendet, {1} Zeilen nicht verwendet; {2} Raumeinheiten mit Versorgungslücke.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="464"/>
        <source>BURDEN: key field {0!r} is not in the burden layer (set BURDEN_KEY or KEY_FIELD).</source>
        <translation>BURDEN: Schlüsselfeld {0!r} fehlt im Belastungslayer (BURDEN_KEY oder KEY_FIELD setzen).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="471"/>
        <source>BURDEN has none of the fields burden_code, burden_class, status_class: give the output of classifyburden or compositeindex.</source>
        <translation>BURDEN hat keines der Felder burden_code, burden_class, status_class: das Ergebnis von classifyburden oder compositeindex angeben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="68"/>
        <source>Supply of social infrastructure (Kitas, schools, youth centres, counselling, doctors) per unit and category c, measured against the target population of DEMAND (e.g. kita=EW_unter6;schule=EW_6_15).

&lt;c&gt;_n: facilities in the unit; &lt;c&gt;_cap: Σ capacity (missing when a facility of the unit has none, &lt;c&gt;_cap_sign '.'); &lt;c&gt;_per1000 = cap (or n without CAPACITY_FIELD) / target population × 1,000; &lt;c&gt;_ref: the same for the whole layer (Σ cap / Σ target population × 1,000 over the units where both are known); &lt;c&gt;_ratio = 100 × per1000 / ref.
Demand points: each unit's target population at its centroid (point on surface where the centroid lies outside), or with POPULATION spread over the population points or polygons inside the unit in proportion to POPULATION_FIELD.
METHOD catchment (two-step floating catchment area): R_j = capacity_j / Σ target population within DISTANCE of facility j; &lt;c&gt;_access = 1,000 × Σ R_j over the facilities within DISTANCE of the unit's demand points (population-weighted mean over them); &lt;c&gt;_access_ratio = 100 × access / ref.
&lt;c&gt;_dist_m: distance to the nearest facility (population-weighted mean over the demand points); &lt;c&gt;_reach_pct: share of the target population within DISTANCE of a facility. Straight-line distances; along the lines of NETWORK when given, for the catchments, &lt;c&gt;_dist_m and &lt;c&gt;_reach_pct alike (each point tied to the nearest point of the network, plus the straight distance to it).
A unit without target population (missing or 0) gets no per1000, ratio, access or reach (empty, never infinite); the reason is in &lt;c&gt;_per1000_sign and &lt;c&gt;_note.

supply_gap (with burden fields from classifyburden or compositeindex, on the units or in BURDEN): 1 for a unit that is 'besonders belastet' (or in the two least favourable status classes) and below the city's supply in a category (per1000 &lt; ref, catchment: access &lt; ref); supply_gap_reason says it in words. The report ranks these units and lists every facility row not used (no category, no usable coordinates), possible duplicates (same category within 5 m, all counted), points outside every unit and facilities without capacity.</source>
        <translation>Versorgung mit sozialer Infrastruktur (Kitas, Schulen, Jugendfreizeiteinrichtungen, Beratung, Ärzte) je Raumeinheit und Kategorie c, gemessen an der Zielbevölkerung aus DEMAND (z. B. kita=EW_unter6;schule=EW_6_15).

&lt;c&gt;_n: Einrichtungen in der Raumeinheit; &lt;c&gt;_cap: Σ Kapazität (fehlt, wenn eine Einrichtung der Raumeinheit keine Angabe hat, &lt;c&gt;_cap_sign '.'); &lt;c&gt;_per1000 = Kapazität (ohne CAPACITY_FIELD: Anzahl) / Zielbevölkerung × 1.000; &lt;c&gt;_ref: derselbe Wert für den ganzen Layer (Σ Kapazität / Σ Zielbevölkerung × 1.000 über die Raumeinheiten, in denen beide bekannt sind); &lt;c&gt;_ratio = 100 × per1000 / ref.
Nachfragepunkte: die Zielbevölkerung jeder Raumeinheit in ihrem Schwerpunkt (im inneren Punkt, wenn der Schwerpunkt außerhalb liegt) oder, mit POPULATION, verteilt auf die Bevölkerungspunkte oder -flächen in der Raumeinheit im Verhältnis zu POPULATION_FIELD.
METHOD catchment (Two-Step Floating Catchment Area, 2SFCA): R_j = Kapazität_j / Σ Zielbevölkerung im Umkreis DISTANCE um Einrichtung j; &lt;c&gt;_access = 1.000 × Σ R_j über die Einrichtungen im Umkreis DISTANCE der Nachfragepunkte der Raumeinheit (bevölkerungsgewichtetes Mittel über diese); &lt;c&gt;_access_ratio = 100 × access / ref.
&lt;c&gt;_dist_m: Entfernung zur nächsten Einrichtung (bevölkerungsgewichtetes Mittel über die Nachfragepunkte); &lt;c&gt;_reach_pct: Anteil der Zielbevölkerung mit einer Einrichtung im Umkreis DISTANCE. Luftlinie; mit NETWORK entlang der Linien des Wegenetzes, für die Einzugsbereiche, &lt;c&gt;_dist_m und &lt;c&gt;_reach_pct gleichermaßen (jeder Punkt an den nächsten Punkt des Netzes angebunden, zuzüglich der Luftlinie dorthin).
Eine Raumeinheit ohne Zielbevölkerung (fehlend oder 0) erhält kein per1000, ratio, access und reach (leer, nie unendlich); der Grund steht in &lt;c&gt;_per1000_sign und &lt;c&gt;_note.

supply_gap (mit Belastungsfeldern aus classifyburden oder compositeindex, an den Raumeinheiten oder in BURDEN): 1 für eine Raumeinheit, die 'besonders belastet' ist (oder in den zwei ungünstigsten Statusklassen liegt) und in einer Kategorie unter der Versorgung der Stadt (per1000 &lt; ref, bei catchment: access &lt; ref); supply_gap_reason nennt es in Worten. Der Bericht ordnet diese Raumeinheiten und listet jede nicht verwendete Einrichtungszeile (keine Kategorie, keine verwendbaren Koordinaten), mögliche Dubletten (gleiche Kategorie im Abstand bis 5 m, alle gezählt), Punkte außerhalb aller Raumeinheiten und Einrichtungen ohne Kapazitätsangabe.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="191"/>
        <source>Printed names of the categories</source>
        <translation>Gedruckte Namen der Kategorien</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="191"/>
        <source>category=name as printed in the profile atlas and the overview maps, separated by &apos;;&apos;, e.g. kita=Kitas;schule=Grundschulen. Written to &lt;c&gt;_label; without a name the category id is printed.</source>
        <translation>Kategorie=Name, wie er im Profilatlas und in den Übersichtskarten gedruckt wird, getrennt durch ';', z. B. kita=Kitas;schule=Grundschulen. Wird in &lt;c&gt;_label geschrieben; ohne Namen wird die Kennung der Kategorie gedruckt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/facility_supply.py" line="237"/>
        <source>Line layer of paths and roads: distances along it (QGIS network analysis) instead of straight lines, for the catchments of the 2SFCA, the nearest distance and the reach.</source>
        <translation>Linienlayer der Wege und Straßen: Entfernungen entlang des Netzes (QGIS-Netzwerkanalyse) statt Luftlinie, für die Einzugsbereiche der 2SFCA, die Entfernung zur nächsten Einrichtung und die Erreichbarkeit.</translation>
    </message>
</context>
<context>
    <name>IndicatorAlgorithm</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="275"/>
        <source>Indicator catalogue</source>
        <translation>Indikatorenkatalog</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="275"/>
        <source>Indikatorenkatalog: CSV, XLSX or ODS, one row per indicator. Columns (German names in brackets): id [Kürzel], label [Bezeichnung], topic [Thema], numerator [Zähler], denominator [Nenner], rate [Quote], weight_column [Gewichtung], multiplier [Faktor: 100, 1000, 100000], polarity [Polarität: + higher is worse, - higher is better, 0 neutral], core [Kern: ja/nein, 1/0, x/empty], weight [Gewicht, default 1], threshold [Schwelle], unit [Einheit], source [Quelle], index [Index: status, dynamics or none], reference [Referenzwert: published city-wide value], topic_weight [Themengewicht], decimals [Nachkommastellen]. Column names in the numerator, denominator, rate and weight_column cells are layer fields; 'sgb2' also finds 'sgb2_2019', 'sgb2_2020' ... for several years.</source>
        <translation>Indikatorenkatalog: CSV, XLSX oder ODS, eine Zeile je Indikator. Spalten (deutsche Namen in eckigen Klammern): id [Kürzel], label [Bezeichnung], topic [Thema], numerator [Zähler], denominator [Nenner], rate [Quote], weight_column [Gewichtung], multiplier [Faktor: 100, 1000, 100000], polarity [Polarität: + höher ist schlechter, - höher ist besser, 0 neutral], core [Kern: ja/nein, 1/0, x/leer], weight [Gewicht, Voreinstellung 1], threshold [Schwelle], unit [Einheit], source [Quelle], index [Index: status, dynamics oder none], reference [Referenzwert: veröffentlichter gesamtstädtischer Wert], topic_weight [Themengewicht], decimals [Nachkommastellen]. Spaltennamen in den Zellen numerator, denominator, rate und weight_column sind Felder des Layers; 'sgb2' findet bei mehreren Jahren auch 'sgb2_2019', 'sgb2_2020' ...</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="292"/>
        <source>Catalogue sheet (XLSX/ODS)</source>
        <translation>Tabellenblatt des Katalogs (XLSX/ODS)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="292"/>
        <source>Sheet of a spreadsheet catalogue; empty: the first sheet.</source>
        <translation>Tabellenblatt eines Katalogs im Format XLSX/ODS; leer: das erste Blatt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="299"/>
        <source>Key field of the units</source>
        <translation>Schlüsselfeld der Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="299"/>
        <source>Field that names a unit in messages (e.g. PLR_ID); empty: the first text field.</source>
        <translation>Feld, mit dem eine Raumeinheit in Meldungen benannt wird (z. B. PLR_ID); leer: das erste Textfeld.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="308"/>
        <source>Reference area field</source>
        <translation>Feld des Vergleichsgebiets</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="399"/>
        <source>Style stored in the GeoPackage as its default style.</source>
        <translation>Stil als Standardstil im GeoPackage gespeichert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="401"/>
        <source>The style could not be stored: {0}</source>
        <translation>Der Stil konnte nicht gespeichert werden: {0}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="275"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
</context>
<context>
    <name>InterpolateUnits</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="30"/>
        <source>Interpolate units (systems that do not nest)</source>
        <translation>Raumeinheiten interpolieren (nicht verschachtelte Systeme)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="33"/>
        <source>Moves counts from one unit system onto another whose borders cut through it (e.g. the Planungsräume before a boundary reform onto the new ones, census tracts onto school districts).

METHOD area: each count is split over the intersections in proportion to area and summed per target unit: value(T) = Σ_S value(S) × area(S∩T) / area(S).
METHOD population (dasymetric): the same with the weight of a finer layer (WEIGHTS, e.g. blocks, buildings or grid cells with population in WEIGHT_FIELD) inside each intersection instead of area: value(T) = Σ_S value(S) × weight(S∩T) / weight(S). Polygons of the weight layer count in proportion to their area inside, points fully where they lie. A source unit without weight is split by area (listed in the report).

Totals are preserved: the sum over the targets equals the sum over the sources for the part covered by targets. Rates are rebuilt from the moved numerators and denominators, never interpolated; rates without counts are refused unless RATES_AS_MEANS is set.
&lt;field&gt;_est is the share of each value that came from split source units (0 = exact, 1 = entirely an estimate; a source unit with at least 99 % of its area or weight in one target unit counts as lying in it, so that digitising slivers do not make values estimates). A missing or suppressed source cell is never split: every target unit that receives a part of it is missing (NULL) with the cell's sign in &lt;field&gt;_sign; the sign '-' (exactly zero) counts as 0.

The report gives the totals before and after, the coverage of each target unit (share of its area, and of its weight, covered by source units) and the source units not covered.</source>
        <translation>Überträgt Fallzahlen von einem Raumbezugssystem auf ein anderes, dessen Grenzen es durchschneiden (z. B. die Planungsräume vor einer Gebietsreform auf die neuen, Zensusgebiete auf Schulbezirke).

METHOD area: Jede Fallzahl wird im Verhältnis der Flächen auf die Schnittflächen aufgeteilt und je Zieleinheit summiert: Wert(T) = Σ_S Wert(S) × Fläche(S∩T) / Fläche(S).
METHOD population (dasymetrisch): ebenso, aber mit dem Gewicht eines feineren Layers (WEIGHTS, z. B. Blöcke, Gebäude oder Rasterzellen mit Einwohnern in WEIGHT_FIELD) in jeder Schnittfläche statt der Fläche: Wert(T) = Σ_S Wert(S) × Gewicht(S∩T) / Gewicht(S). Polygone des Gewichtungslayers zählen im Verhältnis ihrer Fläche innerhalb, Punkte ganz dort, wo sie liegen. Eine Quelleinheit ohne Gewicht wird nach Fläche aufgeteilt (im Bericht aufgeführt).

Summen bleiben erhalten: Die Summe über die Ziele ist gleich der Summe über die Quellen für den von Zielen abgedeckten Teil. Quoten werden aus den übertragenen Zählern und Nennern neu berechnet, nie interpoliert; Quoten ohne Fallzahlen werden abgelehnt, außer RATES_AS_MEANS ist gesetzt.
&lt;field&gt;_est ist der Anteil jedes Werts, der aus aufgeteilten Quelleinheiten stammt (0 = exakt, 1 = ganz geschätzt; eine Quelleinheit mit mindestens 99 % ihrer Fläche oder ihres Gewichts in einer Zieleinheit gilt als darin liegend, damit Digitalisierungssplitter Werte nicht zu Schätzungen machen). Eine fehlende oder geheim gehaltene Quellzelle wird nie aufgeteilt: Jede Zieleinheit, die einen Teil davon erhielte, fehlt (NULL) und trägt das Zeichen der Zelle in &lt;field&gt;_sign; das Zeichen '-' (genau null) zählt als 0.

Der Bericht nennt die Summen vorher und nachher, die Abdeckung jeder Zieleinheit (Anteil ihrer Fläche und ihres Gewichts, der von Quelleinheiten abgedeckt ist) und die nicht abgedeckten Quelleinheiten.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="57"/>
        <source>Source units with counts</source>
        <translation>Quelleinheiten mit Fallzahlen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="57"/>
        <source>Polygons of the unit system the counts are given on, with their count fields.</source>
        <translation>Polygone des Raumbezugssystems, auf dem die Fallzahlen vorliegen, mit ihren Fallzahlfeldern.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="63"/>
        <source>Key of the source units</source>
        <translation>Schlüssel der Quelleinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="63"/>
        <source>Names a source unit in the report (e.g. PLR_ID); empty: the first text field.</source>
        <translation>Benennt eine Quelleinheit im Bericht (z. B. PLR_ID); leer: das erste Textfeld.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="70"/>
        <source>Names a target unit in the report (e.g. PLR_ID); empty: the first text field.</source>
        <translation>Benennt eine Zieleinheit im Bericht (z. B. PLR_ID); leer: das erste Textfeld.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="71"/>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="71"/>
        <source>area: split in proportion to area. population: split in proportion to the weights of a finer layer (WEIGHTS, WEIGHT_FIELD), which follows where people live.</source>
        <translation>area: Aufteilung im Verhältnis der Flächen. population: Aufteilung im Verhältnis der Gewichte eines feineren Layers (WEIGHTS, WEIGHT_FIELD), die zeigen, wo Menschen wohnen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="81"/>
        <source>Weight layer (population method)</source>
        <translation>Gewichtungslayer (Verfahren population)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="81"/>
        <source>Blocks, buildings or grid cells (polygons or points) with a population or other weight.</source>
        <translation>Blöcke, Gebäude oder Rasterzellen (Polygone oder Punkte) mit Einwohnern oder einem anderen Gewicht.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="90"/>
        <source>Weight field</source>
        <translation>Gewichtungsfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="90"/>
        <source>Field of WEIGHTS holding the weight (e.g. inhabitants); values &gt;= 0.</source>
        <translation>Feld von WEIGHTS mit dem Gewicht (z. B. Einwohner); Werte &gt;= 0.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="113"/>
        <source>METHOD population needs a weight layer (WEIGHTS) and its weight field (WEIGHT_FIELD); without them use METHOD area.</source>
        <translation>METHOD population braucht einen Gewichtungslayer (WEIGHTS) und sein Gewichtungsfeld (WEIGHT_FIELD); ohne sie verwenden Sie METHOD area.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="145"/>
        <source>{0} source unit(s) hold no weight and are split by area: {1}</source>
        <translation>{0} Quelleinheit(en) ohne Gewicht werden nach Fläche aufgeteilt: {1}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="154"/>
        <source>{0} source unit(s) are not or only partly (less than 99 %) covered by target units; their counts outside the targets are not moved (see the report).</source>
        <translation>{0} Quelleinheit(en) sind nicht oder nur teilweise (zu weniger als 99 %) von Zieleinheiten abgedeckt; ihre Fallzahlen außerhalb der Ziele werden nicht übertragen (siehe Bericht).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="162"/>
        <source>Rates without counts interpolated as area-weighted means (estimates, flagged in &lt;field&gt;_note): {0}</source>
        <translation>Quoten ohne Fallzahlen als flächengewichtete Mittelwerte interpoliert (Schätzungen, in &lt;field&gt;_note gekennzeichnet): {0}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/interpolate_units.py" line="173"/>
        <source>{0}: sum of the sources {1:g} (covered part {2:g}), of the targets {3:g}</source>
        <translation>{0}: Summe der Quellen {1:g} (abgedeckter Teil {2:g}), der Ziele {3:g}</translation>
    </message>
</context>
<context>
    <name>JoinIndicators</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="65"/>
        <source>Join indicator table to units</source>
        <translation>Indikatortabelle mit Raumeinheiten verknüpfen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="68"/>
        <source>Joins an indicator table (CSV, XLSX or ODS, as statistics offices deliver them) to a layer of spatial units by key and writes every unit with the table's columns added.

Reading: separator ; , or tab; decimal comma or point; thousands separators (1.234,5 and 1 234); UTF-8 with or without BOM, or Windows-1252. Keys are always text, leading zeros are kept. Special signs (-, ., x, /, …, *, values in parentheses) and sentinels such as -9999 become missing values; the sign is kept in a text field &lt;column&gt;_sign beside the column. A total row (insgesamt, Gesamt, Summe, or TOTAL_KEY) is kept apart and reported, never joined. Long tables (unit, year, indicator, value) become columns &lt;indicator&gt;_&lt;year&gt;.

Checks: duplicate keys in the table stop the algorithm and are listed; keys that differ only by leading zeros, whitespace, case or number-versus-text are reported as near matches and joined when NORMALIZE_KEYS is set. The input layer is never modified.

The report (HTML with a JSON twin) lists matched units, units without data, rows without unit, near matches, the total row, the columns read with their types and every cell with a special sign.</source>
        <translation>Verknüpft eine Indikatortabelle (CSV, XLSX oder ODS, wie Statistikstellen sie liefern) über einen Schlüssel mit einem Layer der Raumeinheiten und schreibt jede Raumeinheit mit den zusätzlichen Spalten der Tabelle.

Einlesen: Trennzeichen ; , oder Tabulator; Dezimalkomma oder -punkt; Tausendertrennzeichen (1.234,5 und 1 234); UTF-8 mit oder ohne BOM oder Windows-1252. Schlüssel werden immer als Text gelesen, führende Nullen bleiben erhalten. Sonderzeichen (-, ., x, /, …, *, Werte in Klammern) und Platzhalterwerte wie -9999 werden zu fehlenden Werten; das Zeichen bleibt im Textfeld &lt;column&gt;_sign neben der Spalte erhalten. Eine Summenzeile (insgesamt, Gesamt, Summe oder TOTAL_KEY) wird getrennt gehalten und im Bericht ausgewiesen, nie verknüpft. Lange Tabellen (Raumeinheit, Jahr, Indikator, Wert) werden zu Spalten &lt;indicator&gt;_&lt;year&gt;.

Prüfungen: Doppelte Schlüssel in der Tabelle brechen den Algorithmus ab und werden aufgelistet; Schlüssel, die sich nur durch führende Nullen, Leerzeichen, Groß-/Kleinschreibung oder Zahl statt Text unterscheiden, werden als Beinahe-Treffer gemeldet und mit NORMALIZE_KEYS verknüpft. Der Eingabelayer wird nie verändert.

Der Bericht (HTML, dazu eine JSON-Datei mit demselben Inhalt) listet verknüpfte Raumeinheiten, Raumeinheiten ohne Daten, Tabellenzeilen ohne Raumeinheit, Beinahe-Treffer, die Summenzeile, die gelesenen Spalten mit ihren Typen und jede Zelle mit Sonderzeichen auf.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="86"/>
        <source>Spatial units</source>
        <translation>Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="86"/>
        <source>Polygon layer of the spatial units (Sozialräume, statistical districts). It is read, never changed.</source>
        <translation>Polygonlayer der Raumeinheiten (Sozialräume, statistische Bezirke). Er wird nur gelesen, nie verändert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="92"/>
        <source>Key field of the units</source>
        <translation>Schlüsselfeld der Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="92"/>
        <source>Field of the layer that holds the unit key, e.g. PLR_ID.</source>
        <translation>Feld des Layers mit dem Schlüssel der Raumeinheit, z. B. PLR_ID.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="98"/>
        <source>Indicator table</source>
        <translation>Indikatortabelle</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="98"/>
        <source>CSV, XLSX or ODS file with one row per unit (wide) or one row per unit, year and indicator (long).</source>
        <translation>CSV-, XLSX- oder ODS-Datei mit einer Zeile je Raumeinheit (breit) oder einer Zeile je Raumeinheit, Jahr und Indikator (lang).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="108"/>
        <source>Key column of the table</source>
        <translation>Schlüsselspalte der Tabelle</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="108"/>
        <source>Name of the table column that holds the unit key, exactly as in the header.</source>
        <translation>Name der Tabellenspalte mit dem Schlüssel der Raumeinheit, genau wie in der Kopfzeile.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="112"/>
        <source>Sheet (XLSX/ODS)</source>
        <translation>Tabellenblatt (XLSX/ODS)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="112"/>
        <source>Name of the sheet to read; empty: the first sheet.</source>
        <translation>Name des zu lesenden Tabellenblatts; leer: das erste Blatt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="116"/>
        <source>Join near matches</source>
        <translation>Beinahe-Treffer verknüpfen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="116"/>
        <source>Also join keys that differ only by leading zeros, whitespace, case or number-versus-text. Each such pairing is listed in the report.</source>
        <translation>Auch Schlüssel verknüpfen, die sich nur durch führende Nullen, Leerzeichen, Groß-/Kleinschreibung oder Zahl statt Text unterscheiden. Jede solche Zuordnung wird im Bericht aufgeführt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="123"/>
        <source>Key or name of the total row</source>
        <translation>Schlüssel oder Bezeichnung der Summenzeile</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="123"/>
        <source>Key or label of the row that holds the total of the whole area, if it is not labelled insgesamt/Gesamt/Summe (e.g. the municipality&apos;s name or key &apos;000&apos;).</source>
        <translation>Schlüssel oder Bezeichnung der Zeile mit der Summe des gesamten Gebiets, falls sie nicht mit insgesamt/Gesamt/Summe bezeichnet ist (z. B. der Name der Kommune oder der Schlüssel '000').</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="131"/>
        <source>Columns to add</source>
        <translation>Zu übernehmende Spalten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="131"/>
        <source>Table columns to add, separated by &apos;;&apos; or &apos;,&apos;; empty: all columns.</source>
        <translation>Zu übernehmende Tabellenspalten, getrennt durch ';' oder ','; leer: alle Spalten.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="136"/>
        <source>Suffix for the added fields</source>
        <translation>Endung für die übernommenen Felder</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="136"/>
        <source>Appended to every added field name, e.g. _2023 to join one year&apos;s table of a series.</source>
        <translation>Wird an jeden übernommenen Feldnamen angehängt, z. B. _2023, um die Tabelle eines Jahrgangs aus einer Zeitreihe zu verknüpfen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="141"/>
        <source>Joined units</source>
        <translation>Raumeinheiten mit Indikatordaten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="141"/>
        <source>Every unit of the input with the table&apos;s columns added. Any format QGIS writes; GeoPackage by default.</source>
        <translation>Alle Raumeinheiten der Eingabe mit den zusätzlichen Spalten der Tabelle. Jedes Format, das QGIS schreiben kann; Voreinstellung: GeoPackage.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="147"/>
        <source>Join report</source>
        <translation>Bericht zur Verknüpfung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="147"/>
        <source>HTML report for planners; a JSON file with the same content is written beside it.</source>
        <translation>HTML-Bericht für die Planung; daneben wird eine JSON-Datei mit demselben Inhalt geschrieben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="153"/>
        <source>Matched units</source>
        <translation>Verknüpfte Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="154"/>
        <source>Units without data</source>
        <translation>Raumeinheiten ohne Daten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="155"/>
        <source>Table rows without unit</source>
        <translation>Tabellenzeilen ohne Raumeinheit</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="156"/>
        <source>Near matches</source>
        <translation>Beinahe-Treffer</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="243"/>
        <source>The spatial units layer could not be read.</source>
        <translation>Der Layer der Raumeinheiten konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="250"/>
        <source>Field {0!r} not found in the units layer.</source>
        <translation>Feld {0!r} im Layer der Raumeinheiten nicht gefunden.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="253"/>
        <source>Reading {0}</source>
        <translation>{0} wird gelesen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="189"/>
        <source>The units layer has no coordinate reference system; the output has none either. Set the layer&apos;s CRS before making maps.</source>
        <translation>Der Layer der Raumeinheiten hat kein Koordinatenbezugssystem, daher hat auch die Ausgabe keines. Legen Sie das KBS des Layers fest, bevor Sie Karten erstellen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="198"/>
        <source>{0} unit(s) have invalid geometries (keys {1}{2}); they are written unchanged. Repair them (Fix geometries) before area or overlay computations.</source>
        <translation>{0} Raumeinheit(en) mit ungültiger Geometrie (Schlüssel {1}{2}); sie werden unverändert geschrieben. Reparieren Sie sie (Geometrien reparieren) vor Flächen- oder Verschneidungsberechnungen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="205"/>
        <source>{0} unit(s) have no geometry.</source>
        <translation>{0} Raumeinheit(en) ohne Geometrie.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="211"/>
        <source>{0} unit(s) have an empty key and get no data.</source>
        <translation>{0} Raumeinheit(en) mit leerem Schlüssel erhalten keine Daten.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="214"/>
        <source>Keys occurring more than once in the units layer: {0}; each of these units gets the same table row.</source>
        <translation>Mehrfach vorkommende Schlüssel im Layer der Raumeinheiten: {0}; jede dieser Raumeinheiten erhält dieselbe Tabellenzeile.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="223"/>
        <source>{0} near match(es) not joined, e.g. unit {1!r} vs. table {2!r} ({3}). Set NORMALIZE_KEYS to join them.</source>
        <translation>{0} Beinahe-Treffer nicht verknüpft, z. B. Raumeinheit {1!r} und Tabelle {2!r} ({3}). Setzen Sie NORMALIZE_KEYS, um sie zu verknüpfen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="283"/>
        <source>{0} of {1} units matched; {2} units without data; {3} table rows without unit.</source>
        <translation>{0} von {1} Raumeinheiten verknüpft; {2} Raumeinheiten ohne Daten; {3} Tabellenzeilen ohne Raumeinheit.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="309"/>
        <source>Report written to {0}</source>
        <translation>Bericht geschrieben: {0}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/join_indicators.py" line="98"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
</context>
<context>
    <name>MeasureEffects</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_effects.py" line="20"/>
        <source>Measures: comparison with similar areas</source>
        <translation>Maßnahmen: Vergleich mit ähnlichen Gebieten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_effects.py" line="23"/>
        <source>Per measure of the register and indicator with a yearly series, a difference-in-differences: did = (a(L) - a(B)) - (k(L) - k(B)), a = the indicator rebuilt over the measure's units (Σ numerators / Σ denominators; ready rates weighted), k = the same over the comparison units, B = the base year (as in measuregoals), L = the latest year with a value. Only units with a value in both years count.

Comparison units: units in no measure of the register that were in the same class in B as one of the measure's units: the field status_class_&lt;B&gt; (compositeindex with SERIES) or COMPARISON_FIELD (&lt;field&gt;_&lt;B&gt; when it exists, else &lt;field&gt;); without a class field every unit without a measure.

Chance interval: DRAWS times (at least 999, random generator numpy RandomState(SEED), the same on every computer) as many units as the measure has are drawn from the comparison units and their difference to the comparison group computed the same way; interval_low and interval_high are the 2.5 % and 97.5 % quantiles, share_as_favourable the share of draws at least as favourable as the measure's area. assessment says it in words, e.g. 'Entwicklung im Maßnahmengebiet günstiger als in vergleichbaren Gebieten; das belegt keine Wirkung der Maßnahme': the comparison shows how the area moved beside similar areas, not why.

</source>
        <translation>Je Maßnahme des Registers und Indikator mit jährlicher Reihe eine Differenz der Differenzen: did = (a(L) - a(B)) - (k(L) - k(B)), a = der Indikator über die Raumeinheiten der Maßnahme neu gebildet (Σ Zähler / Σ Nenner; fertige Quoten gewichtet), k = dasselbe über die Vergleichsgebiete, B = das Ausgangsjahr (wie in measuregoals), L = das letzte Jahr mit Wert. Es zählen nur Raumeinheiten mit Wert in beiden Jahren.

Vergleichsgebiete: Raumeinheiten ohne Maßnahme im Register, die in B in derselben Klasse waren wie eine der Raumeinheiten der Maßnahme: das Feld status_class_&lt;B&gt; (compositeindex mit SERIES) oder COMPARISON_FIELD (&lt;field&gt;_&lt;B&gt;, wenn vorhanden, sonst &lt;field&gt;); ohne Klassenfeld alle Raumeinheiten ohne Maßnahme.

Zufallsbereich: DRAWS-mal (mindestens 999, Zufallsgenerator numpy RandomState(SEED), auf jedem Rechner gleich) werden ebenso viele Raumeinheiten aus den Vergleichsgebieten gezogen, wie die Maßnahme hat, und ihre Differenz zur Vergleichsgruppe ebenso berechnet; interval_low und interval_high sind das 2,5-%- und das 97,5-%-Quantil, share_as_favourable der Anteil der Ziehungen, die mindestens so günstig sind wie das Maßnahmengebiet. assessment sagt es in Worten, z. B. 'Entwicklung im Maßnahmengebiet günstiger als in vergleichbaren Gebieten; das belegt keine Wirkung der Maßnahme': der Vergleich zeigt, wie sich das Gebiet neben ähnlichen Gebieten entwickelt hat, nicht warum.

</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_effects.py" line="45"/>
        <source>Class field for the comparison</source>
        <translation>Klassenfeld für den Vergleich</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_effects.py" line="45"/>
        <source>Units count as comparable when they had the same value of this field in the base year (&lt;field&gt;_&lt;year&gt; when the layer has it, else the field itself). Empty: status_class_&lt;year&gt; from compositeindex with SERIES, if present.</source>
        <translation>Raumeinheiten gelten als vergleichbar, wenn sie im Ausgangsjahr denselben Wert dieses Feldes hatten (&lt;field&gt;_&lt;year&gt;, wenn der Layer es hat, sonst das Feld selbst). Leer: status_class_&lt;year&gt; aus compositeindex mit SERIES, falls vorhanden.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_effects.py" line="59"/>
        <source>Comparison</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_effects.py" line="59"/>
        <source>A table without geometry, one row per measure and indicator: base_year, latest_year, units_used, comparison_n, comparison_basis, area_base, area_latest, area_change, comparison_base, comparison_latest, comparison_change, city_change, did, draws, seed, interval_low, interval_high, share_as_favourable, assessment, note.</source>
        <translation>Eine Tabelle ohne Geometrie, eine Zeile je Maßnahme und Indikator: base_year, latest_year, units_used, comparison_n, comparison_basis, area_base, area_latest, area_change, comparison_base, comparison_latest, comparison_change, city_change, did, draws, seed, interval_low, interval_high, share_as_favourable, assessment, note.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_effects.py" line="68"/>
        <source>The comparison in a table with the method and what it does not show (and a JSON file beside it).</source>
        <translation>Der Vergleich in einer Tabelle mit der Methode und dem, was er nicht zeigt (dazu eine JSON-Datei daneben).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_effects.py" line="96"/>
        <source>{0} measures compared on {1} indicators ({2} draws, seed {3}).</source>
        <translation>{0} Maßnahmen auf {1} Indikatoren verglichen ({2} Ziehungen, Startwert {3}).</translation>
    </message>
</context>
<context>
    <name>MeasureGoals</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="227"/>
        <source>Measures: goal status</source>
        <translation>Maßnahmen: Zielerreichung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="230"/>
        <source>Per measure of the register, goal and year of the series: the indicator in the measure's area, rebuilt from the units' sums (a(t) = Σ numerators / Σ denominators x multiplier over the measure's units with a value; ready rates Σ rate x weight / Σ weight with the catalogue's weight column; never a mean of rates), the city's value, the goal and its status.

Base year B: the latest year up to start_year with a value for the area; a measure that started before the first year of data takes the first year with data (the note says so). Path: P(t) = a(B) + (G - a(B)) x (t - B) / (Y - B) towards the goal G in the goal year Y (G from Y on). With d = the polarity (+ higher is worse: +1; - higher is better: -1; neutral: +1 when G is below a(B)): 'erreicht' when d x (a - G) &lt;= 0, 'auf Kurs' when d x (a - P) &lt;= 0, else 'nicht auf Kurs'; 'keine Daten' without a value. Units without a value in a year are left out of that year and named (units_missing with their sign).

</source>
        <translation>Je Maßnahme des Registers, Ziel und Jahr der Reihe: der Indikator im Maßnahmengebiet, aus den Summen der Raumeinheiten neu gebildet (a(t) = Σ Zähler / Σ Nenner x Faktor über die Raumeinheiten der Maßnahme mit Wert; fertige Quoten Σ Quote x Gewicht / Σ Gewicht mit der Gewichtungsspalte des Katalogs; nie ein Mittel von Quoten), der gesamtstädtische Wert, das Ziel und sein Status.

Ausgangsjahr B: das letzte Jahr bis zum Beginn mit einem Wert für das Gebiet; eine Maßnahme, die vor dem ersten Datenjahr begann, nimmt das erste Jahr mit Daten (der Hinweis sagt es). Pfad: P(t) = a(B) + (G - a(B)) x (t - B) / (Y - B) zum Ziel G im Zieljahr Y (ab Y gleich G). Mit d = Polarität (+ hoch ist schlecht: +1; - hoch ist gut: -1; neutral: +1, wenn G unter a(B) liegt): 'erreicht', wenn d x (a - G) &lt;= 0, 'auf Kurs', wenn d x (a - P) &lt;= 0, sonst 'nicht auf Kurs'; 'keine Daten' ohne Wert. Raumeinheiten ohne Wert in einem Jahr bleiben in diesem Jahr außen vor und werden genannt (units_missing mit ihrem Zeichen).

</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="248"/>
        <source>Goal status</source>
        <translation>Zielerreichung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="248"/>
        <source>A table without geometry, one row per measure, goal and year from the base year on: measure_id, title, topic, goal_no, indicator, year, base_year, base_value, area_value, city_value, area_city_diff, goal_value, goal_year, path_value, status, latest (1 = the latest year), units_n, units_used, units_missing, note.</source>
        <translation>Eine Tabelle ohne Geometrie, eine Zeile je Maßnahme, Ziel und Jahr ab dem Ausgangsjahr: measure_id, title, topic, goal_no, indicator, year, base_year, base_value, area_value, city_value, area_city_diff, goal_value, goal_year, path_value, status, latest (1 = das letzte Jahr), units_n, units_used, units_missing, note.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="257"/>
        <source>Per measure its goals, the series of the area, the city and the path (and a JSON file beside it).</source>
        <translation>Je Maßnahme ihre Ziele, die Reihen des Gebiets, der Stadt und des Pfads (dazu eine JSON-Datei daneben).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="279"/>
        <source>{0} measures, {1} goals: {2}</source>
        <translation>{0} Maßnahmen, {1} Ziele: {2}</translation>
    </message>
</context>
<context>
    <name>MeasuresAlgorithm</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="63"/>
        <source>Measures register (Maßnahmenregister): a CSV, XLSX or ODS table (German numbers and signs as in the indicator tables) or a layer, one row per measure. Columns (German names in brackets): id [Kennung], title [Titel], topic [Handlungsfeld], units [Raumeinheiten: the unit keys separated by ';'], start_year [Beginn], end_year [Ende, optional], budget [Budget, optional], responsible [Verantwortlich, optional], and the goals in numbered columns goal1_indicator, goal1_value, goal1_year, goal2_indicator ... [ziel1_indikator, ziel1_wert, ziel1_jahr]: the catalogue id of the indicator, the value to reach in its unit (8,5 for 8.5 %) and the year. A polygon layer without a units column: the units whose inner point lies in the measure's polygon. Every error names the file, row, column and key.</source>
        <translation>Maßnahmenregister: eine CSV-, XLSX- oder ODS-Tabelle (deutsche Zahlen und Zeichen wie in den Indikatorentabellen) oder ein Layer, eine Zeile je Maßnahme. Spalten (englische Namen in Klammern): Kennung [id], Titel [title], Handlungsfeld [topic], Raumeinheiten [units: die Schlüssel der Raumeinheiten, getrennt durch ';'], Beginn [start_year], Ende [end_year, optional], Budget [budget, optional], Verantwortlich [responsible, optional] und die Ziele in nummerierten Spalten ziel1_indikator, ziel1_wert, ziel1_jahr, ziel2_indikator ... [goal1_indicator, goal1_value, goal1_year]: die Kennung des Indikators im Katalog, der zu erreichende Wert in seiner Einheit (8,5 für 8,5 %) und das Jahr. Ein Polygonlayer ohne Spalte Raumeinheiten: die Raumeinheiten, deren innerer Punkt im Polygon der Maßnahme liegt. Jeder Fehler nennt Datei, Zeile, Spalte und Schlüssel.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="75"/>
        <source>Units with yearly indicator fields</source>
        <translation>Raumeinheiten mit jährlichen Indikatorfeldern</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="75"/>
        <source>Units with the fields of several years (&lt;column&gt;_&lt;year&gt;), e.g. from joinindicators with FIELD_SUFFIX=_2019.</source>
        <translation>Raumeinheiten mit den Feldern mehrerer Jahre (&lt;column&gt;_&lt;year&gt;), z. B. aus joinindicators mit FIELD_SUFFIX=_2019.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="85"/>
        <source>Measures register</source>
        <translation>Maßnahmenregister</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="85"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="85"/>
        <source>Layers</source>
        <translation>Layer</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="98"/>
        <source>Key field of the units</source>
        <translation>Schlüsselfeld der Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="98"/>
        <source>The field with the keys the register&apos;s units column names (e.g. PLR_ID); empty: the first text field.</source>
        <translation>Das Feld mit den Schlüsseln, die die Spalte Raumeinheiten des Registers nennt (z. B. PLR_ID); leer: das erste Textfeld.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="130"/>
        <source>Report (HTML)</source>
        <translation>Bericht (HTML)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="136"/>
        <source>Measures</source>
        <translation>Maßnahmen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="109"/>
        <source>Random draws</source>
        <translation>Zufallsziehungen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="109"/>
        <source>How many comparison sets are drawn for the chance interval (at least 999).</source>
        <translation>Wie viele Vergleichsmengen für den Zufallsbereich gezogen werden (mindestens 999).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="119"/>
        <source>Seed</source>
        <translation>Startwert</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measure_goals.py" line="119"/>
        <source>Start value of the random generator: the same seed gives the same interval (reported).</source>
        <translation>Startwert des Zufallsgenerators: derselbe Startwert gibt denselben Zufallsbereich (wird berichtet).</translation>
    </message>
</context>
<context>
    <name>MeasuresReport</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="36"/>
        <source>Measures: printed report (PDF)</source>
        <translation>Maßnahmen: gedruckter Bericht (PDF)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="39"/>
        <source>The measures register as a printed report: a cover with every measure and the status of its goals in the latest year; one page per measure with its units on a map (highlighted on the city), one small chart per goal indicator (the series of the measure&apos;s area, the city and the comparable areas, the path to the goal and the goal as a diamond), the goal status and the comparison with similar areas in words; a page with the method. The numbers are those of measuregoals and measureeffects (computed here the same way from the same inputs: the same DRAWS and SEED give the same interval).

</source>
        <translation>Das Maßnahmenregister als gedruckter Bericht: ein Deckblatt mit jeder Maßnahme und dem Stand ihrer Ziele im letzten Jahr; je Maßnahme eine Seite mit ihren Raumeinheiten auf einer Karte (hervorgehoben in der Stadt), je Zielindikator ein kleines Diagramm (die Reihen des Maßnahmengebiets, der Stadt und der vergleichbaren Gebiete, der Pfad zum Ziel und das Ziel als Raute), der Stand des Ziels und der Vergleich mit ähnlichen Gebieten in Worten; eine Seite zur Methode. Die Zahlen sind die von measuregoals und measureeffects (hier ebenso aus denselben Eingaben berechnet: dieselben DRAWS und SEED geben denselben Zufallsbereich).

</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="54"/>
        <source>Name field of the units</source>
        <translation>Namensfeld der Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="54"/>
        <source>The units&apos; names printed beside their keys; empty: a field PLR_NAME, NAME or BEZEICHNUNG.</source>
        <translation>Die Namen der Raumeinheiten, gedruckt neben ihren Schlüsseln; leer: ein Feld PLR_NAME, NAME oder BEZEICHNUNG.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="60"/>
        <source>Class field for the comparison</source>
        <translation>Klassenfeld für den Vergleich</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="60"/>
        <source>As in measureeffects: empty = status_class_&lt;year&gt; from compositeindex with SERIES, if present.</source>
        <translation>Wie in measureeffects: leer = status_class_&lt;year&gt; aus compositeindex mit SERIES, falls vorhanden.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="70"/>
        <source>Title of the report (default: &apos;Measures and goals&apos;).</source>
        <translation>Titel des Berichts (Vorgabe: 'Maßnahmen und Ziele').</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="72"/>
        <source>Measures report (PDF)</source>
        <translation>Maßnahmenbericht (PDF)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="72"/>
        <source>The PDF, written completely or not at all.</source>
        <translation>Die PDF-Datei; sie wird vollständig oder gar nicht geschrieben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="76"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/measures_report.py" line="136"/>
        <source>{0} page(s) written: {1}</source>
        <translation>{0} Seite(n) geschrieben: {1}</translation>
    </message>
</context>
<context>
    <name>Monitoring</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="39"/>
        <source>Monitoring: trends and early warning</source>
        <translation>Sozialmonitoring: Trends und Frühwarnung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="42"/>
        <source>Sozialmonitoring over the years of the layer (fields &lt;column&gt;_&lt;year&gt; as joinindicators writes them with FIELD_SUFFIX). Per indicator and year t after the first (t_prev: the previous year present):
&lt;id&gt;_chg_&lt;t&gt; = v(t) - v(t_prev), the unit's change; &lt;id&gt;_ref_chg_&lt;t&gt; = r(t) - r(t_prev), the city's (r = Σ numerators / Σ denominators, as computeindicators);
&lt;id&gt;_excess_&lt;t&gt; = p x (chg - ref_chg), p = +1 for polarity +, -1 for -: positive when the unit moved in the adverse direction faster than the city;
&lt;id&gt;_slope, &lt;id&gt;_ref_slope: least-squares slope per year of the unit's and the city's values;
&lt;id&gt;_adverse_run: consecutive periods up to the latest with excess &gt; 0.

Early warning: a core indicator is flagged (&lt;id&gt;_watch) when its latest excess exceeds THRESHOLD (MEASURE difference: in the indicator's unit, percentage points for rates; zscore: in sample standard deviations of the latest excess over the units with a value) or its adverse run is at least CONSECUTIVE periods. watch_flags counts the flagged core indicators, watch_flag = 1 from MIN_FLAGS on, watch_since is the first year of the current run, watch_reason says it in words. Missing and withheld values stay missing and are named, never counted as 0.</source>
        <translation>Sozialmonitoring über die Jahre des Layers (Felder &lt;column&gt;_&lt;year&gt;, wie joinindicators sie mit FIELD_SUFFIX schreibt). Je Indikator und Jahr t nach dem ersten (t_prev: das vorige vorhandene Jahr):
&lt;id&gt;_chg_&lt;t&gt; = v(t) - v(t_prev), die Veränderung der Raumeinheit; &lt;id&gt;_ref_chg_&lt;t&gt; = r(t) - r(t_prev), die der Stadt (r = Σ Zähler / Σ Nenner, wie computeindicators);
&lt;id&gt;_excess_&lt;t&gt; = p x (chg - ref_chg), p = +1 bei Polarität +, -1 bei -: positiv, wenn sich die Raumeinheit schneller als die Stadt in die ungünstige Richtung bewegt hat;
&lt;id&gt;_slope, &lt;id&gt;_ref_slope: Steigung der Ausgleichsgeraden je Jahr für die Werte der Raumeinheit und der Stadt;
&lt;id&gt;_adverse_run: Anzahl der Perioden in Folge bis zur letzten mit excess &gt; 0.

Frühwarnung: ein Kernindikator gilt als auffällig (&lt;id&gt;_watch), wenn sein letzter excess THRESHOLD übersteigt (MEASURE difference: in der Einheit des Indikators, Prozentpunkte bei Quoten; zscore: in Standardabweichungen des letzten excess über die Raumeinheiten mit Wert) oder er mindestens CONSECUTIVE Perioden in Folge ungünstig war. watch_flags zählt die auffälligen Kernindikatoren, watch_flag = 1 ab MIN_FLAGS, watch_since ist das erste Jahr der laufenden Folge, watch_reason sagt es in Worten. Fehlende und zurückgehaltene Werte bleiben fehlend und werden genannt, nie als 0 gezählt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="60"/>
        <source>Units with yearly indicator fields</source>
        <translation>Raumeinheiten mit jährlichen Indikatorfeldern</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="60"/>
        <source>Units with the fields of several years, e.g. from joinindicators with FIELD_SUFFIX=_2023.</source>
        <translation>Raumeinheiten mit den Feldern mehrerer Jahre, z. B. aus joinindicators mit FIELD_SUFFIX=_2023.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="65"/>
        <source>Years</source>
        <translation>Jahre</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="65"/>
        <source>The years to compare, separated by &apos;;&apos; (e.g. 2013;2015;2017;2019); empty: every year found.</source>
        <translation>Die zu vergleichenden Jahre, getrennt durch ';' (z. B. 2013;2015;2017;2019); leer: alle gefundenen Jahre.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="69"/>
        <source>Measure of the excess</source>
        <translation>Maß der ungünstigeren Entwicklung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="69"/>
        <source>difference: the excess in the indicator&apos;s own unit (percentage points for rates); zscore: in standard deviations of the latest period&apos;s excess over all units.</source>
        <translation>difference: in der Einheit des Indikators (Prozentpunkte bei Quoten); zscore: in Standardabweichungen der letzten Periode über alle Raumeinheiten.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="79"/>
        <source>Threshold</source>
        <translation>Schwelle</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="79"/>
        <source>A core indicator is flagged when its latest excess is larger than this.</source>
        <translation>Ein Kernindikator gilt als auffällig, wenn er sich in der letzten Periode um mehr als diesen Wert ungünstiger entwickelt hat als die Stadt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="85"/>
        <source>Flagged core indicators for the watch list</source>
        <translation>Auffällige Kernindikatoren für die Beobachtungsliste</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="85"/>
        <source>A unit is on the watch list (watch_flag = 1) from this many flagged core indicators on.</source>
        <translation>Eine Raumeinheit kommt ab so vielen auffälligen Kernindikatoren auf die Beobachtungsliste (watch_flag = 1).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="96"/>
        <source>Adverse periods in a row</source>
        <translation>Ungünstige Perioden in Folge</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="96"/>
        <source>A core indicator is also flagged when it moved adversely in this many periods in a row.</source>
        <translation>Ein Kernindikator gilt auch als auffällig, wenn er sich so viele Perioden in Folge ungünstiger entwickelt hat als die Stadt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="106"/>
        <source>Name field</source>
        <translation>Namensfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="106"/>
        <source>Field with the units&apos; names for the report (e.g. PLR_NAME).</source>
        <translation>Feld mit den Namen der Raumeinheiten für den Bericht (z. B. PLR_NAME).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="132"/>
        <source>Monitoring</source>
        <translation>Sozialmonitoring</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="132"/>
        <source>Every unit with the fields above and the watch list fields watch_flags, watch_flag, watch_since, watch_reason.</source>
        <translation>Alle Raumeinheiten mit den oben genannten Feldern und den Feldern der Beobachtungsliste watch_flags, watch_flag, watch_since, watch_reason.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="139"/>
        <source>Report (HTML)</source>
        <translation>Bericht (HTML)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="139"/>
        <source>The rule, the city&apos;s values per year and the watch list (and a JSON file beside it).</source>
        <translation>Die Regel, die gesamtstädtischen Werte je Jahr und die Beobachtungsliste (dazu eine JSON-Datei daneben).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="145"/>
        <source>Units on the watch list</source>
        <translation>Raumeinheiten unter Beobachtung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="216"/>
        <source>{0} of {1} units on the watch list ({2}).</source>
        <translation>{0} von {1} Raumeinheiten unter Beobachtung ({2}).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="114"/>
        <source>Series from the history (GeoPackage or PostgreSQL)</source>
        <translation>Reihen aus dem Verlauf (GeoPackage oder PostgreSQL)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="114"/>
        <source>Read the series from the history table that sozialplanung:archive wrote (a .gpkg file, service=name, dbname=... host=..., or a saved QGIS connection) instead of the layer&apos;s yearly fields: the values and city-wide references as they were published, matched by KEY_FIELD.</source>
        <translation>Die Reihen aus der Verlaufstabelle lesen, die sozialplanung:archive geschrieben hat (eine .gpkg-Datei, service=name, dbname=... host=... oder eine gespeicherte QGIS-Verbindung), statt aus den Jahresfeldern des Layers: die Werte und gesamtstädtischen Referenzwerte, wie sie veröffentlicht wurden, zugeordnet über KEY_FIELD.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="125"/>
        <source>History table</source>
        <translation>Verlaufstabelle</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="125"/>
        <source>Name of the history table (PostgreSQL: schema.table possible).</source>
        <translation>Name der Verlaufstabelle (PostgreSQL: auch schema.tabelle).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/monitoring.py" line="181"/>
        <source>Data protection: no rates for units with fewer than {0} inhabitants ({1}).</source>
        <translation>Datenschutz: keine Quoten für Raumeinheiten mit weniger als {0} Einwohnern ({1}).</translation>
    </message>
</context>
<context>
    <name>OverviewMaps</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="31"/>
        <source>Overview maps of indicators and indices</source>
        <translation>Übersichtskarten der Indikatoren und Indizes</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="60"/>
        <source>Polygon layer of the units with the fields of computeindicators (and, if run, classifyburden, compositeindex and suppress). It is read, never changed.</source>
        <translation>Polygonlayer der Raumeinheiten mit den Feldern von computeindicators (und, falls ausgeführt, classifyburden, compositeindex und suppress). Er wird nur gelesen, nie verändert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="67"/>
        <source>Fields to map</source>
        <translation>Darzustellende Felder</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="67"/>
        <source>One page per field, in this order (e.g. burden_class;status_class;sgb2_val). Empty: the burden, status and dynamics classes and the value of every core indicator.</source>
        <translation>Eine Seite je Feld, in dieser Reihenfolge (z. B. burden_class;status_class;sgb2_val). Leer: die Belastungs-, Status- und Dynamikklassen und der Wert jedes Kernindikators.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="80"/>
        <source>Title printed above every map (e.g. &apos;Berlin, Monitoring Soziale Stadtentwicklung 2021&apos;).</source>
        <translation>Titel über jeder Karte (z. B. 'Berlin, Monitoring Soziale Stadtentwicklung 2021').</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="84"/>
        <source>Overview maps (PDF)</source>
        <translation>Übersichtskarten (PDF)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="84"/>
        <source>The PDF, written completely or not at all.</source>
        <translation>Die PDF-Datei; sie wird vollständig oder gar nicht geschrieben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="88"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="102"/>
        <source>FIELDS: name the fields to map; the layer has no burden, index or core indicator fields.</source>
        <translation>FIELDS: Geben Sie die darzustellenden Felder an; der Layer hat keine Belastungs-, Index- oder Kernindikatorfelder.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="127"/>
        <source>The layer carries no suppression rule (suppression_rule): run sozialplanung:suppress before publishing maps, or make sure the data may be published as it is.</source>
        <translation>Der Layer enthält keine Geheimhaltungsregel (suppression_rule): Führen Sie sozialplanung:suppress aus, bevor Sie Karten veröffentlichen, oder stellen Sie sicher, dass die Daten so veröffentlicht werden dürfen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="164"/>
        <source>Page {0}: {1}</source>
        <translation>Seite {0}: {1}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="170"/>
        <source>{0} map page(s) written: {1}</source>
        <translation>{0} Kartenseite(n) geschrieben: {1}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="34"/>
        <source>Prints one map page per chosen field into one PDF: the whole municipality with the field&apos;s classes, a legend with the number of units per class, scale bar, north arrow, the source, the date and the data-protection note.

Indicator fields of computeindicators (&lt;id&gt;_val, &lt;id&gt;_diff, &lt;id&gt;_ratio, &lt;id&gt;_z, &lt;id&gt;_pct, &lt;id&gt;_chg, &lt;id&gt;_val_&lt;year&gt;) are shown in five quantile classes (about the same number of units per class) with the catalogue&apos;s label, unit and decimals; darker always means more burdened (reversed for indicators where higher is better). burden_class, status_class/status_label and dynamics_class/dynamics_label show their classes; other number fields are graduated, text fields shown as categories.

Changes of sozialplanung:monitoring (&lt;id&gt;_chg_&lt;year&gt;, &lt;id&gt;_excess_&lt;year&gt;, &lt;id&gt;_slope) are shown in classes around 0 with the same bounds for rises and falls (thirds of the absolute values) and a class &apos;unchanged&apos;; red = adverse direction, blue = favourable (ColorBrewer RdBu; orange/purple, PuOr, for indicators without a direction). watch_flag shows the watch list; it rests on rates, so units below MIN_POPULATION are withheld.

Only published values are mapped: withheld values (suppress) are cross-hatched grey with their sign, units below the rule&apos;s MIN_POPULATION show no rates, missing values are hatched grey (&apos;no value&apos;).

FIELDS empty: burden_class, status_class and dynamics_class when present, then the value of every core indicator.</source>
        <translation>Druckt je gewähltem Feld eine Kartenseite in eine gemeinsame PDF-Datei: die gesamte Kommune mit den Klassen des Felds, eine Legende mit der Anzahl der Raumeinheiten je Klasse, Maßstabsleiste, Nordpfeil, Quelle, Datum und den Hinweis zur Geheimhaltung.

Indikatorfelder von computeindicators (&lt;id&gt;_val, &lt;id&gt;_diff, &lt;id&gt;_ratio, &lt;id&gt;_z, &lt;id&gt;_pct, &lt;id&gt;_chg, &lt;id&gt;_val_&lt;year&gt;) werden in fünf Quantilklassen (etwa gleich viele Raumeinheiten je Klasse) mit Bezeichnung, Einheit und Nachkommastellen aus dem Katalog dargestellt; dunkler bedeutet immer stärker belastet (umgekehrt bei Indikatoren, bei denen höher besser ist). burden_class, status_class/status_label und dynamics_class/dynamics_label zeigen ihre Klassen; andere Zahlenfelder werden abgestuft, Textfelder als Kategorien dargestellt.

Veränderungen aus sozialplanung:monitoring (&lt;id&gt;_chg_&lt;year&gt;, &lt;id&gt;_excess_&lt;year&gt;, &lt;id&gt;_slope) werden in Klassen um 0 gezeigt, mit denselben Grenzen für Anstieg und Rückgang (Drittel der Beträge) und einer Klasse 'unverändert'; rot = ungünstige Richtung, blau = günstige (ColorBrewer RdBu; orange/lila, PuOr, für Indikatoren ohne Richtung). watch_flag zeigt die Beobachtungsliste; sie beruht auf Quoten, daher sind Einheiten unter MIN_POPULATION geheim gehalten.

Kartiert werden nur veröffentlichte Werte: Geheim gehaltene Werte (suppress) erscheinen grau kreuzschraffiert mit ihrem Zeichen, Raumeinheiten unter MIN_POPULATION der Regel zeigen keine Quoten, fehlende Werte sind grau schraffiert („kein Wert“).

FIELDS leer: burden_class, status_class und dynamics_class, soweit vorhanden, danach der Wert jedes Kernindikators.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/overview_maps.py" line="52"/>
        <source>

Supply of sozialplanung:facilitysupply: &lt;c&gt;_ratio and &lt;c&gt;_access_ratio (city = 100, lower = worse) are shown in classes around 100 with the same bounds above and below; red = less supply than the city, blue = more. supply_gap shows the burdened units below the city. Both rest on the target population: units below MIN_POPULATION are withheld.</source>
        <translation>

Versorgung aus sozialplanung:facilitysupply: &lt;c&gt;_ratio und &lt;c&gt;_access_ratio (Stadt = 100, niedriger = schlechter) werden in Klassen um 100 mit denselben Grenzen darüber und darunter gezeigt; rot = schlechter versorgt als die Stadt, blau = besser. supply_gap zeigt die belasteten Einheiten unter dem Stadtwert. Beide beruhen auf der Zielbevölkerung: Einheiten unter MIN_POPULATION werden nicht veröffentlicht.</translation>
    </message>
</context>
<context>
    <name>PrintAlgorithm</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/print_base.py" line="38"/>
        <source>Units with indicators</source>
        <translation>Raumeinheiten mit Indikatoren</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/print_base.py" line="46"/>
        <source>Page size</source>
        <translation>Seitenformat</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/print_base.py" line="46"/>
        <source>A4 or A3; on A3 type and furniture are set 1.25 times larger.</source>
        <translation>A4 oder A3; bei A3 werden Schrift und Kartenelemente 1,25-mal größer gesetzt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/print_base.py" line="53"/>
        <source>Orientation</source>
        <translation>Ausrichtung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/print_base.py" line="53"/>
        <source>portrait or landscape.</source>
        <translation>portrait (Hochformat) oder landscape (Querformat).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/print_base.py" line="62"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/print_base.py" line="66"/>
        <source>Source note</source>
        <translation>Quellenangabe</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/print_base.py" line="66"/>
        <source>Printed in the footer of every page, e.g. 'Amt für Statistik Berlin-Brandenburg; Monitoring Soziale Stadtentwicklung 2021'.</source>
        <translation>Wird in der Fußzeile jeder Seite gedruckt, z. B. 'Amt für Statistik Berlin-Brandenburg; Monitoring Soziale Stadtentwicklung 2021'.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/print_base.py" line="86"/>
        <source>OUTPUT_PDF: give the path of the PDF to write.</source>
        <translation>OUTPUT_PDF: Geben Sie den Pfad der zu schreibenden PDF-Datei an.</translation>
    </message>
</context>
<context>
    <name>ProfileAtlas</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="54"/>
        <source>District profile atlas (Sozialraumprofile)</source>
        <translation>Atlas der Sozialraumprofile</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="102"/>
        <source>Polygon layer of the units with the fields of computeindicators (and, if run, classifyburden, compositeindex and suppress). It is read, never changed.</source>
        <translation>Polygonlayer der Raumeinheiten mit den Feldern von computeindicators (und, falls ausgeführt, classifyburden, compositeindex und suppress). Er wird nur gelesen, nie verändert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="109"/>
        <source>Name field</source>
        <translation>Namensfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="109"/>
        <source>Field with the unit&apos;s name, the title of its page (e.g. PLR_NAME). Empty: the key.</source>
        <translation>Feld mit dem Namen der Raumeinheit, dem Titel ihrer Seite (z. B. PLR_NAME). Leer: der Schlüssel.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="115"/>
        <source>Key field</source>
        <translation>Schlüsselfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="115"/>
        <source>Field with the unit&apos;s key, printed beside the name (e.g. PLR_ID). Empty: the first text field.</source>
        <translation>Feld mit dem Schlüssel der Raumeinheit, neben dem Namen gedruckt (z. B. PLR_ID). Leer: das erste Textfeld.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="121"/>
        <source>Title of the atlas, on the cover and every page (e.g. &apos;Sozialraumprofile Berlin 2021&apos;).</source>
        <translation>Titel des Atlas, auf dem Deckblatt und jeder Seite (z. B. 'Sozialraumprofile Berlin 2021').</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="124"/>
        <source>Subtitle</source>
        <translation>Untertitel</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="124"/>
        <source>Printed under the title on the cover and beside the key on every page.</source>
        <translation>Wird auf dem Deckblatt unter dem Titel und auf jeder Seite neben dem Schlüssel gedruckt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="128"/>
        <source>Logo</source>
        <translation>Logo</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="128"/>
        <source>Optional image (PNG, JPG or SVG) printed at the top right of every page.</source>
        <translation>Optionales Bild (PNG, JPG oder SVG), oben rechts auf jeder Seite gedruckt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="138"/>
        <source>Units with a profile (filter)</source>
        <translation>Raumeinheiten mit Profil (Filter)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="138"/>
        <source>Optional expression: only units for which it is true get a page and a line in the list, e.g. &quot;burden_class&quot; = &apos;besonders belastet&apos;. The maps always show every unit. Withheld values are NULL for the filter.</source>
        <translation>Optionaler Ausdruck: Nur Raumeinheiten, für die er wahr ist, erhalten eine Seite und eine Zeile in der Liste, z. B. &quot;burden_class&quot; = 'besonders belastet'. Die Karten zeigen immer alle Raumeinheiten. Geheim gehaltene Werte sind für den Filter NULL.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="151"/>
        <source>Order of the profiles</source>
        <translation>Reihenfolge der Profile</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="151"/>
        <source>key: by key (units of a district together); name: alphabetical; rank: as the ranked list.</source>
        <translation>key: nach Schlüssel (Raumeinheiten eines Bezirks zusammen); name: alphabetisch; rank: wie in der Rangliste.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="159"/>
        <source>Cover map</source>
        <translation>Karte auf dem Deckblatt</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="159"/>
        <source>burden: the classes of the burden rule (burden_class); status: the status index class; dynamics: the dynamics index class. Falls back to what the layer has.</source>
        <translation>burden: die Klassen der Belastungsregel (burden_class); status: die Klasse des Statusindex; dynamics: die Klasse des Dynamikindex. Fehlt das Gewählte, wird genommen, was der Layer enthält.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="203"/>
        <source>Profile atlas (PDF)</source>
        <translation>Profilatlas (PDF)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="203"/>
        <source>The PDF, written completely or not at all.</source>
        <translation>Die PDF-Datei; sie wird vollständig oder gar nicht geschrieben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="207"/>
        <source>Profiles as HTML</source>
        <translation>Profile als HTML</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="207"/>
        <source>Optional: the same profiles (list, tables, bars, footnotes) as one HTML file.</source>
        <translation>Optional: dieselben Profile (Liste, Tabellen, Balken, Fußnoten) als eine HTML-Datei.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="213"/>
        <source>Layout project</source>
        <translation>Layoutprojekt</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="213"/>
        <source>Optional: a .qgz with the two print layouts on a GeoPackage written beside it (&lt;name&gt;_profiles.gpkg), to change them in the layout designer and export again.</source>
        <translation>Optional: eine .qgz-Datei mit den beiden Drucklayouts auf einem daneben geschriebenen GeoPackage (&lt;name&gt;_profiles.gpkg), um sie im Layoutdesigner zu ändern und erneut zu exportieren.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="226"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="227"/>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="236"/>
        <source>KEY_FIELD: the layer has no text field; name the key field.</source>
        <translation>KEY_FIELD: Der Layer hat kein Textfeld; geben Sie das Schlüsselfeld an.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="244"/>
        <source>LOGO: {0} is not a file.</source>
        <translation>LOGO: {0} ist keine Datei.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="269"/>
        <source>FILTER selects no unit: the atlas would have no profile.</source>
        <translation>FILTER wählt keine Raumeinheit aus: Der Atlas hätte kein Profil.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="271"/>
        <source>The layer carries no suppression rule (suppression_rule): run sozialplanung:suppress before publishing profiles, or make sure the data may be published as it is.</source>
        <translation>Der Layer enthält keine Geheimhaltungsregel (suppression_rule): Führen Sie sozialplanung:suppress aus, bevor Sie Profile veröffentlichen, oder stellen Sie sicher, dass die Daten so veröffentlicht werden dürfen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="288"/>
        <source>OUTPUT_PROJECT: {0} is the input; choose another project name.</source>
        <translation>OUTPUT_PROJECT: {0} ist die Eingabe; wählen Sie einen anderen Projektnamen.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="293"/>
        <source>{0} pages: cover, {1} list page(s), {2} profiles (prepared in {3:.1f} s)</source>
        <translation>{0} Seiten: Deckblatt, {1} Listenseite(n), {2} Profile (vorbereitet in {3:.1f} s)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="302"/>
        <source>PDF written in {0:.1f} s ({1:.1f} pages per second, {2:.0f} KB per page): {3}</source>
        <translation>PDF in {0:.1f} s geschrieben ({1:.1f} Seiten pro Sekunde, {2:.0f} KB pro Seite): {3}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="410"/>
        <source>FILTER: {0}</source>
        <translation>FILTER: {0}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="57"/>
        <source>Prints a district profile (Sozialraumprofil) for every unit into one PDF, for ward meetings and council committees, from a layer of the earlier algorithms (computeindicators, classifyburden, compositeindex, suppress).

Page 1, cover: the overview map of the municipality with the burden classes (or the status or dynamics index, COVER_MAP), legend with the number of units per class, scale bar, north arrow, the burden rule, the data-protection note, source and date.
Pages 2 ff., ranked list: every unit with a profile, sorted by burden class, number of flagged core indicators and status index (most burdened first), with its class, status and dynamics class and the page of its profile. Units whose class is withheld or unknown get no rank.
Then one page per unit (FILTER selects them, ORDER sorts them): name and key; a map of the unit with its surroundings and a locator map of the municipality; the burden class with its reason in plain words and the index classes; a table of all catalogue indicators grouped by topic with the unit's value, the city-wide value, the difference, the flag of the burden rule (● flagged, ○ not flagged) and, when the data has several years, the change and a trend arrow; beside each row a bar of the value's ratio to the city-wide value (city = 100; solid dark in the adverse direction, outlined in the favourable one); footnotes explaining every sign on the page, the suppression rule when values are withheld; page numbers.

Monitoring: when the layer has two or more years (&lt;id&gt;_val_&lt;year&gt;), each row shows the unit's values over the years as a small line beside the city's (grey; Σ numerators / Σ denominators per year, as sozialplanung:monitoring), one scale per row, the years on one scale for all rows. With the fields of sozialplanung:monitoring (watch_flag, watch_since, watch_reason) every page shows the early warning and a watch list follows the ranked list. With computeindicators' COMPARE_FIELDS the table has a column per comparison field (COMPARE_LABELS names them).

Data protection: only published values are printed. A withheld value shows its sign, and so does everything derived from it on the page (difference, bar, flag, change); units below the rule's MIN_POPULATION show no rates; ranks and maps treat withheld classes as unknown; FILTER sees only published values.

Numbers are German (24,1 %, +12,9 Pp.), decimals from the catalogue; captions are German when QGIS runs in German, English otherwise. Text stays text in the PDF (searchable, selectable).

OUTPUT_HTML: the same profiles as one HTML file. OUTPUT_PROJECT: a QGIS project (.qgz) holding the two print layouts (overview and the profile atlas) on a GeoPackage written beside it (&lt;name&gt;_profiles.gpkg, only the printed texts), to adjust in the layout designer and export again.</source>
        <translation>Druckt für jede Raumeinheit ein Sozialraumprofil in eine gemeinsame PDF-Datei, für Stadtteilgremien und Ratsausschüsse, aus einem Layer der vorangehenden Algorithmen (computeindicators, classifyburden, compositeindex, suppress).

Seite 1, Deckblatt: die Übersichtskarte der Kommune mit den Belastungsklassen (oder den Klassen des Status- oder Dynamikindex, COVER_MAP), Legende mit der Anzahl der Raumeinheiten je Klasse, Maßstabsleiste, Nordpfeil, die Belastungsregel, der Hinweis zur Geheimhaltung, Quelle und Datum.
Ab Seite 2, Rangliste: jede Raumeinheit mit Profil, sortiert nach Belastungsklasse, Anzahl markierter Kernindikatoren und Statusindex (am stärksten belastete zuerst), mit ihrer Klasse, Status- und Dynamikklasse und der Seite ihres Profils. Raumeinheiten, deren Klasse geheim gehalten oder unbekannt ist, erhalten keinen Rang.
Danach eine Seite je Raumeinheit (FILTER wählt sie aus, ORDER sortiert sie): Name und Schlüssel; eine Karte der Raumeinheit mit ihrer Umgebung und eine Lagekarte der Kommune; die Belastungsklasse mit ihrer Begründung in Worten und die Indexklassen; eine Tabelle aller Indikatoren des Katalogs, nach Themen gruppiert, mit dem Wert der Raumeinheit, dem gesamtstädtischen Wert, der Differenz, der Markierung der Belastungsregel (● markiert, ○ nicht markiert) und, bei Daten mehrerer Jahre, der Veränderung und einem Trendpfeil; neben jeder Zeile ein Balken für das Verhältnis des Werts zum gesamtstädtischen Wert (Stadt = 100; dunkel gefüllt in ungünstiger Richtung, nur umrandet in günstiger); Fußnoten, die jedes Zeichen auf der Seite erklären, und die Geheimhaltungsregel, wenn Werte geheim gehalten sind; Seitenzahlen.

Monitoring: Hat der Layer zwei oder mehr Jahre (&lt;id&gt;_val_&lt;year&gt;), zeigt jede Zeile die Werte der Einheit über die Jahre als kleine Linie neben der der Stadt (grau; Σ Zähler / Σ Nenner je Jahr, wie sozialplanung:monitoring), je Zeile eine Skala, die Jahre für alle Zeilen auf einer Skala. Mit den Feldern von sozialplanung:monitoring (watch_flag, watch_since, watch_reason) zeigt jede Seite die Frühwarnung, und nach der Rangliste folgt die Beobachtungsliste. Mit COMPARE_FIELDS von computeindicators hat die Tabelle je Vergleichsfeld eine Spalte (COMPARE_LABELS benennt sie).

Datenschutz: Gedruckt werden nur veröffentlichte Werte. Ein geheim gehaltener Wert zeigt sein Zeichen, ebenso alles, was auf der Seite daraus abgeleitet ist (Differenz, Balken, Markierung, Veränderung); Raumeinheiten unter MIN_POPULATION der Regel zeigen keine Quoten; Ränge und Karten behandeln geheim gehaltene Klassen als unbekannt; FILTER sieht nur veröffentlichte Werte.

Zahlen sind deutsch formatiert (24,1 %, +12,9 Pp.), Nachkommastellen laut Katalog; Beschriftungen sind deutsch, wenn QGIS auf Deutsch läuft, sonst englisch. Text bleibt in der PDF-Datei Text (durchsuchbar, markierbar).

OUTPUT_HTML: dieselben Profile als eine HTML-Datei. OUTPUT_PROJECT: ein QGIS-Projekt (.qgz) mit den beiden Drucklayouts (Übersicht und Profilatlas) auf einem daneben geschriebenen GeoPackage (&lt;name&gt;_profiles.gpkg, nur die gedruckten Texte), zum Anpassen im Layoutdesigner und erneuten Exportieren.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="170"/>
        <source>Headings of the comparison columns</source>
        <translation>Überschriften der Vergleichsspalten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="170"/>
        <source>When computeindicators ran with COMPARE_FIELDS, the table has a column per comparison field F with the value of the unit&apos;s group (&lt;id&gt;_ref_F), headed by the field&apos;s name. Give other headings as FIELD=Heading separated by &apos;;&apos;, e.g. GEM=Gemeinde; *=Kreis renames the column of the whole layer (default: City).</source>
        <translation>Wenn computeindicators mit COMPARE_FIELDS lief, hat die Tabelle je Vergleichsfeld F eine Spalte mit dem Wert der Gruppe der Einheit (&lt;id&gt;_ref_F), überschrieben mit dem Feldnamen. Andere Überschriften als FELD=Überschrift, getrennt durch ';', z. B. GEM=Gemeinde; *=Kreis benennt die Spalte des ganzen Layers um (Vorgabe: Stadt).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="90"/>
        <source>

Further results, printed when the layer has their fields: classifyburden&apos;s action_fields as a column &apos;Fields of action&apos; of the ranked list (numbers with their key under the list when the topics do not fit); values that rest on a count estimated by sozialplanung:interpolateunits (&lt;field&gt;_est above 1 %) marked with a superscript e, their years as hollow points of the line, explained in the page&apos;s legend; the fields of sozialplanung:facilitysupply as a supply table on every page (per category: facilities, capacity, per 1,000, city, distance, access ratio) with the supply gap and its reason. FACILITIES (a point layer, e.g. facilitysupply&apos;s FACILITIES_OUTPUT) draws the facilities on the unit map, a colour and a shape per category (FACILITY_CATEGORY_FIELD), with a legend.</source>
        <translation>

Weitere Ergebnisse, gedruckt, wenn der Layer ihre Felder hat: action_fields von classifyburden als Spalte „Handlungsfelder“ der Rangliste (als Nummern mit Schlüssel unter der Liste, wenn die Themen nicht passen); Werte, die auf einer von sozialplanung:interpolateunits geschätzten Zahl beruhen (&lt;field&gt;_est über 1 %), mit hochgestelltem e markiert, ihre Jahre als hohle Punkte der Linie, in der Legende der Seite erklärt; die Felder von sozialplanung:facilitysupply als Versorgungstabelle auf jeder Seite (je Kategorie: Einrichtungen, Kapazität, je 1.000, Stadt, Entfernung, Erreichbarkeit) mit der Versorgungslücke und ihrem Grund. FACILITIES (ein Punktlayer, z. B. FACILITIES_OUTPUT von facilitysupply) zeichnet die Einrichtungen auf die Karte der Einheit, eine Farbe und eine Form je Kategorie (FACILITY_CATEGORY_FIELD), mit Legende.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="182"/>
        <source>Facilities</source>
        <translation>Einrichtungen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="182"/>
        <source>Optional point layer of facilities (e.g. FACILITIES_OUTPUT of sozialplanung:facilitysupply): drawn on the unit map of every page, a colour and a shape per category, with a legend.</source>
        <translation>Optionaler Punktlayer mit Einrichtungen (z. B. FACILITIES_OUTPUT von sozialplanung:facilitysupply): auf der Karte der Einheit jeder Seite gezeichnet, eine Farbe und eine Form je Kategorie, mit Legende.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="192"/>
        <source>Category field of the facilities</source>
        <translation>Kategoriefeld der Einrichtungen</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="192"/>
        <source>Field of FACILITIES with the category of each facility (default: category).</source>
        <translation>Feld von FACILITIES mit der Kategorie jeder Einrichtung (Vorgabe: category).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="329"/>
        <source>FACILITY_CATEGORY_FIELD: the facilities have no field {0}; name their category field.</source>
        <translation>FACILITY_CATEGORY_FIELD: die Einrichtungen haben kein Feld {0}; geben Sie ihr Kategoriefeld an.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/profile_atlas.py" line="350"/>
        <source>FACILITIES: {0} facilities without a point or a category are not drawn.</source>
        <translation>FACILITIES: {0} Einrichtungen ohne Punkt oder Kategorie werden nicht gezeichnet.</translation>
    </message>
</context>
<context>
    <name>SozialplanungAlgorithm</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="71"/>
        <source>1 Data</source>
        <translation>1 Daten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="72"/>
        <source>2 Analysis</source>
        <translation>2 Analyse</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="73"/>
        <source>3 Data protection</source>
        <translation>3 Datenschutz</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="74"/>
        <source>4 Maps and profiles</source>
        <translation>4 Karten und Profile</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="159"/>
        <source>Canceled; no output was written.</source>
        <translation>Abgebrochen; es wurde keine Ausgabe geschrieben.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/base.py" line="179"/>
        <source>The output would have {0} fields, but a GeoPackage table holds at most {1} columns (SQLite). Compute fewer indicators (INDICATORS), start from a layer with fewer fields, or write to another format (e.g. FlatGeobuf .fgb or a temporary layer).</source>
        <translation>Die Ausgabe hätte {0} Felder, eine GeoPackage-Tabelle fasst aber höchstens {1} Spalten (SQLite). Berechnen Sie weniger Indikatoren (INDICATORS), gehen Sie von einem Layer mit weniger Feldern aus oder schreiben Sie in ein anderes Format (z. B. FlatGeobuf .fgb oder einen temporären Layer).</translation>
    </message>
</context>
<context>
    <name>SozialplanungLayouts</name>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="213"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="212"/>
        <source>City</source>
        <translation>Stadt</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="216"/>
        <source>Diff.</source>
        <translation>Differenz</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="217"/>
        <source>Core</source>
        <translation>Kern</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="218"/>
        <source>Change</source>
        <translation>Veränderung</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="299"/>
        <source>Indicator</source>
        <translation>Indikator</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="308"/>
        <source>city = 100</source>
        <translation>Stadt = 100</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/layers.py" line="283"/>
        <source>the unit</source>
        <translation>die Raumeinheit</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/layers.py" line="285"/>
        <source>neighbouring units</source>
        <translation>benachbarte Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="416"/>
        <source>District profiles</source>
        <translation>Sozialraumprofile</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="453"/>
        <source>District profile</source>
        <translation>Sozialraumprofil</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="209"/>
        <source>As of {date}</source>
        <translation>Stand: {date}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="118"/>
        <source>Rank</source>
        <translation>Rang</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="119"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="120"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="241"/>
        <source>Burden class</source>
        <translation>Belastungsklasse</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="124"/>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="129"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="131"/>
        <source>Dynamics</source>
        <translation>Dynamik</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="132"/>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="184"/>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="209"/>
        <source>{n} units</source>
        <translation>{n} Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="209"/>
        <source>{n} profiles</source>
        <translation>{n} Profile</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="242"/>
        <source>Status index</source>
        <translation>Statusindex</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="243"/>
        <source>Dynamics index</source>
        <translation>Dynamikindex</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="274"/>
        <source>Ranked list of units</source>
        <translation>Rangfolge der Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/map_pages.py" line="112"/>
        <source>withheld ({sign})</source>
        <translation>geheim gehalten ({sign})</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/map_pages.py" line="128"/>
        <source>{a} to {b}</source>
        <translation>{a} bis {b}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/map_pages.py" line="204"/>
        <source>Overview map</source>
        <translation>Übersichtskarte</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="455"/>
        <source>Page {n} of {total}</source>
        <translation>Seite {n} von {total}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/map_pages.py" line="142"/>
        <source>unchanged ({zero})</source>
        <translation>unverändert ({zero})</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="88"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="89"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="460"/>
        <source>MEASURES REPORT</source>
        <translation>MASSNAHMENBERICHT</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="203"/>
        <source>{n} measures, data {years}</source>
        <translation>{n} Maßnahmen, Daten {years}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="206"/>
        <source>Goals in the latest year</source>
        <translation>Ziele im letzten Jahr</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="208"/>
        <source>Measure</source>
        <translation>Maßnahme</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="209"/>
        <source>Goal indicator</source>
        <translation>Zielindikator</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="210"/>
        <source>Goal</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="347"/>
        <source>Budget {amount}</source>
        <translation>Budget {amount}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="377"/>
        <source>Units ({n})</source>
        <translation>Raumeinheiten ({n})</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="416"/>
        <source>This measure has no goal.</source>
        <translation>Diese Maßnahme hat kein Ziel.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/measures.py" line="433"/>
        <source>Method</source>
        <translation>Verfahren</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/overview.py" line="139"/>
        <source>Fields of action</source>
        <translation>Handlungsfelder</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/layouts/unit_page.py" line="475"/>
        <source>Facilities</source>
        <translation>Einrichtungen</translation>
    </message>
</context>
<context>
    <name>SozialplanungPlugin</name>
    <message>
        <location filename="../sozialplanung_plugin/plugin.py" line="37"/>
        <source>Sozialplanung panel</source>
        <translation>Bedienfeld Sozialplanung</translation>
    </message>
</context>
<context>
    <name>SozialplanungProvider</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/provider.py" line="50"/>
        <source>Sozialplanung: integrated social planning</source>
        <translation>Sozialplanung: integrierte Sozialplanung</translation>
    </message>
</context>
<context>
    <name>SozialplanungStyles</name>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="183"/>
        <source>unremarkable</source>
        <translation>unauffällig</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="184"/>
        <source>burdened</source>
        <translation>belastet</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="185"/>
        <source>particularly burdened</source>
        <translation>besonders belastet</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="186"/>
        <source>not assessable</source>
        <translation>nicht bewertbar</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="189"/>
        <source>1 high status</source>
        <translation>1 hoch</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="190"/>
        <source>2 medium status</source>
        <translation>2 mittel</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="191"/>
        <source>3 low status</source>
        <translation>3 niedrig</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="192"/>
        <source>4 very low status</source>
        <translation>4 sehr niedrig</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="195"/>
        <source>positive</source>
        <translation>positiv</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="196"/>
        <source>stable</source>
        <translation>stabil</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="197"/>
        <source>negative</source>
        <translation>negativ</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="200"/>
        <source>1st quartile (0 to 0.25)</source>
        <translation>1. Quartil (0 bis 0,25)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="201"/>
        <source>2nd quartile (over 0.25 to 0.50)</source>
        <translation>2. Quartil (über 0,25 bis 0,50)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="202"/>
        <source>3rd quartile (over 0.50 to 0.75)</source>
        <translation>3. Quartil (über 0,50 bis 0,75)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="203"/>
        <source>4th quartile (over 0.75, most burdened)</source>
        <translation>4. Quartil (über 0,75; höchste Belastung)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="205"/>
        <source>not classified</source>
        <translation>nicht klassifiziert</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="211"/>
        <source>Class {c} of {k}</source>
        <translation>Klasse {c} von {k}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="213"/>
        <source>(lowest burden)</source>
        <translation>(geringste Belastung)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="214"/>
        <source>(highest burden)</source>
        <translation>(höchste Belastung)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="221"/>
        <source>{a} to under {b}</source>
        <translation>{a} bis unter {b}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="222"/>
        <source>below {a}</source>
        <translation>unter {a}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="225"/>
        <source>from {a}</source>
        <translation>ab {a}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="230"/>
        <source>Decile {c}</source>
        <translation>{c}. Dezil</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="231"/>
        <source>(least deprived)</source>
        <translation>(geringste Benachteiligung)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="232"/>
        <source>(most deprived)</source>
        <translation>(höchste Benachteiligung)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="272"/>
        <source>{a} to {b}</source>
        <translation>{a} bis {b}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/adapters/styles.py" line="280"/>
        <source>no value</source>
        <translation>kein Wert</translation>
    </message>
</context>
<context>
    <name>Suppress</name>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="43"/>
        <source>Suppress small numbers (data protection)</source>
        <translation>Kleine Fallzahlen geheim halten (Datenschutz)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="46"/>
        <source>Withholds small counts and everything that would reveal them, so that the layer can be published (maps, labels, profiles, exports). The input is never changed.

Cells: the count fields named in FIELDS and/or the numerator and denominator columns of the CATALOGUE&apos;s indicators (every year).
Primary suppression: a count x with 0 &lt; x &lt; MIN_COUNT is withheld (with SUPPRESS_ZEROS also x = 0).
Secondary suppression (against differencing): per count field and group (GROUP_FIELD, default all units) the cells add up to a published total; per unit the categories of a catalogue breakdown (column breakdown/Aufgliederung, e.g. age groups) add up to their denominator, and so do count fields found to add up to another count field in every unit. Where a total would give a withheld cell away (total minus the published cells), the smallest further cell with a value &gt; 0 is withheld, repeated until nothing changes. A reader who knows the marks (primary: below MIN_COUNT; secondary: at least MIN_COUNT) and combines all totals still finds at least two possible values for every withheld cell; cells for which no further cell can ensure that (e.g. a group of one unit) are listed as warnings.
Derived values: every value computed from a withheld count of the unit is withheld too: &lt;id&gt;_val, _diff, _ratio, _z, _pct, _flag, _val_&lt;year&gt;, _chg (when its year or base year is withheld), the composite index fields of that indicator, the burden fields when a core indicator is withheld and the status/dynamics fields when an indicator of that index is withheld. The reference &lt;id&gt;_ref (the published city-wide value) stays. Units below MIN_POPULATION (or without population) publish no rates and nothing derived from rates; their counts are still subject to MIN_COUNT.

Output: withheld values become NULL; &lt;field&gt;_sign holds SIGN and &lt;field&gt;_supp &apos;primary&apos; or &apos;secondary&apos; (a derived value takes the stronger mark of its sources; MIN_POPULATION marks &apos;primary&apos;). These fields are added only for fields with withheld cells. Every unit gets suppression_note (the rule in German words, for footnotes) and suppression_rule (the rule as JSON). Fields that look derived from the protected counts but are not known to the rule (e.g. percentages delivered with a table) are listed as a warning: remove them before publishing.

Run it as the last step before maps and profiles. z-scores, percentiles and index values of the other units were computed with the withheld values included; when those are published, run suppress on the joined layer first and computeindicators on its output.</source>
        <translation>Hält kleine Fallzahlen und alles, was sie verraten würde, geheim, damit der Layer veröffentlicht werden kann (Karten, Beschriftungen, Profile, Exporte). Die Eingabe wird nie verändert.

Zellen: die in FIELDS genannten Fallzahlfelder und/oder die Zähler- und Nennerspalten der Indikatoren aus CATALOGUE (alle Jahre).
Primäre Geheimhaltung: Eine Fallzahl x mit 0 &lt; x &lt; MIN_COUNT wird geheim gehalten (mit SUPPRESS_ZEROS auch x = 0).
Sekundäre Geheimhaltung (gegen Differenzbildung): Je Fallzahlfeld und Gruppe (GROUP_FIELD, Voreinstellung: alle Raumeinheiten) ergeben die Zellen eine veröffentlichte Summe; je Raumeinheit ergeben die Kategorien einer Aufgliederung im Katalog (Spalte breakdown/Aufgliederung, z. B. Altersgruppen) ihren Nenner, ebenso Fallzahlfelder, die sich in jeder Raumeinheit zu einem anderen Fallzahlfeld summieren. Wo eine Summe eine geheime Zelle verraten würde (Summe minus veröffentlichte Zellen), wird die kleinste weitere Zelle mit einem Wert &gt; 0 geheim gehalten, so lange, bis sich nichts mehr ändert. Wer die Kennzeichnungen kennt (primär: unter MIN_COUNT; sekundär: mindestens MIN_COUNT) und alle Summen kombiniert, findet für jede geheime Zelle dennoch mindestens zwei mögliche Werte; Zellen, bei denen keine weitere Zelle das sicherstellen kann (z. B. in einer Gruppe aus nur einer Raumeinheit), werden als Warnung aufgeführt.
Abgeleitete Werte: Jeder aus einer geheimen Fallzahl der Raumeinheit berechnete Wert wird ebenfalls geheim gehalten: &lt;id&gt;_val, _diff, _ratio, _z, _pct, _flag, _val_&lt;year&gt;, _chg (wenn sein Jahr oder Basisjahr geheim ist), die Gesamtindexfelder dieses Indikators, die Belastungsfelder, wenn ein Kernindikator geheim ist, und die Status-/Dynamikfelder, wenn ein Indikator dieses Index geheim ist. Der Vergleichswert &lt;id&gt;_ref (der veröffentlichte gesamtstädtische Wert) bleibt erhalten. Raumeinheiten unter MIN_POPULATION (oder ohne Einwohnerzahl) veröffentlichen keine Quoten und nichts aus Quoten Abgeleitetes; ihre Fallzahlen unterliegen weiterhin MIN_COUNT.

Ausgabe: Geheime Werte werden NULL; &lt;field&gt;_sign enthält SIGN und &lt;field&gt;_supp 'primary' oder 'secondary' (ein abgeleiteter Wert übernimmt die stärkere Kennzeichnung seiner Quellen; MIN_POPULATION kennzeichnet mit 'primary'). Diese Felder kommen nur für Felder mit geheimen Zellen hinzu. Jede Raumeinheit erhält suppression_note (die Regel in deutscher Sprache, für Fußnoten) und suppression_rule (die Regel als JSON). Felder, die aus den geschützten Fallzahlen abgeleitet scheinen, der Regel aber nicht bekannt sind (z. B. mit einer Tabelle gelieferte Prozentwerte), werden als Warnung aufgeführt: Entfernen Sie sie vor der Veröffentlichung.

Führen Sie den Algorithmus als letzten Schritt vor Karten und Profilen aus. z-Werte, Perzentile und Indexwerte der übrigen Raumeinheiten wurden unter Einschluss der geheimen Werte berechnet; sollen diese veröffentlicht werden, führen Sie zuerst suppress auf dem verknüpften Layer und dann computeindicators auf dessen Ausgabe aus.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="79"/>
        <source>Units</source>
        <translation>Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="79"/>
        <source>Layer of spatial units with count fields (joined) and possibly the fields of computeindicators, classifyburden and compositeindex. It is read, never changed.</source>
        <translation>Layer der Raumeinheiten mit (verknüpften) Fallzahlfeldern und gegebenenfalls den Feldern von computeindicators, classifyburden und compositeindex. Er wird nur gelesen, nie verändert.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="86"/>
        <source>Count fields</source>
        <translation>Fallzahlfelder</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="86"/>
        <source>Fields holding counts (Fallzahlen: numerators, populations) to protect, in addition to the catalogue&apos;s numerator and denominator columns. Whole numbers &gt;= 0 (text fields holding German numbers such as 1.234 are read too); rates and percentages are not counts. Fields that add up to another count field in every unit (e.g. age groups and the population) are found and protected like a catalogue breakdown.</source>
        <translation>Zu schützende Felder mit Fallzahlen (Zähler, Bevölkerungszahlen), zusätzlich zu den Zähler- und Nennerspalten des Katalogs. Ganze Zahlen &gt;= 0 (Textfelder mit deutsch geschriebenen Zahlen wie 1.234 werden ebenfalls gelesen); Quoten und Prozentwerte sind keine Fallzahlen. Felder, die sich in jeder Raumeinheit zu einem anderen Fallzahlfeld summieren (z. B. Altersgruppen und die Bevölkerung), werden erkannt und wie eine Aufgliederung im Katalog geschützt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="103"/>
        <source>Indicator catalogue</source>
        <translation>Indikatorenkatalog</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="103"/>
        <source>Optional: the indicator catalogue. Its numerator and denominator columns (every year) are protected, its breakdowns (column breakdown/Aufgliederung) add the categories&apos; totals, and every field computed from an indicator (values, deviations, flags, burden and index fields) is withheld with its counts. Give FIELDS, a catalogue or both.</source>
        <translation>Optional: der Indikatorenkatalog. Seine Zähler- und Nennerspalten (alle Jahre) werden geschützt, seine Aufgliederungen (Spalte breakdown/Aufgliederung) ergänzen die Summen der Kategorien, und jedes aus einem Indikator berechnete Feld (Werte, Abweichungen, Markierungen, Belastungs- und Indexfelder) wird zusammen mit seinen Fallzahlen geheim gehalten. Geben Sie FIELDS, einen Katalog oder beides an.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="117"/>
        <source>Catalogue sheet (XLSX/ODS)</source>
        <translation>Tabellenblatt des Katalogs (XLSX/ODS)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="117"/>
        <source>Sheet of a spreadsheet catalogue; empty: the first sheet.</source>
        <translation>Tabellenblatt eines Katalogs im Format XLSX/ODS; leer: das erste Blatt.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="122"/>
        <source>Minimum count</source>
        <translation>Mindestfallzahl</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="122"/>
        <source>Counts from 1 up to MIN_COUNT - 1 are withheld (primary suppression). Common values: 3 (default), 5 or 10, as your statistics office&apos;s rules say.</source>
        <translation>Fallzahlen von 1 bis MIN_COUNT - 1 werden geheim gehalten (primäre Geheimhaltung). Übliche Werte: 3 (Voreinstellung), 5 oder 10, je nach den Regeln Ihrer Statistikstelle.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="135"/>
        <source>Withhold zeros too</source>
        <translation>Auch Nullen geheim halten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="135"/>
        <source>Off (default): 0 is published (nobody can be identified by an empty cell); complementary cells are then always &gt; 0, since withholding a 0 protects nothing. On: 0 is withheld like the other small counts (stricter; some offices require it, and it helps where tiny units would otherwise stay identifiable).</source>
        <translation>Aus (Voreinstellung): 0 wird veröffentlicht (durch eine leere Zelle ist niemand identifizierbar); die Zellen der sekundären Geheimhaltung sind dann immer &gt; 0, da das Geheimhalten einer 0 nichts schützt. An: 0 wird wie die anderen kleinen Fallzahlen geheim gehalten (strenger; manche Statistikstellen verlangen es, und es hilft dort, wo sehr kleine Raumeinheiten sonst erkennbar blieben).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="144"/>
        <source>Minimum population for rates</source>
        <translation>Mindesteinwohnerzahl für Quoten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="144"/>
        <source>Units with fewer inhabitants (POPULATION_FIELD), or without a value there, publish no rates and nothing computed from rates (deviations, flags, classes, indices). 0: no such rule. The Berlin Monitoring Soziale Stadtentwicklung uses 300.</source>
        <translation>Raumeinheiten mit weniger Einwohnerinnen und Einwohnern (POPULATION_FIELD) oder ohne Wert dort veröffentlichen keine Quoten und nichts aus Quoten Berechnetes (Abweichungen, Markierungen, Klassen, Indizes). 0: keine solche Regel. Das Berliner Monitoring Soziale Stadtentwicklung verwendet 300.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="158"/>
        <source>Population field</source>
        <translation>Einwohnerfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="158"/>
        <source>Inhabitants per unit, for MIN_POPULATION. A field with a year suffix (e.g. inhabitants_2024) serves its year; its siblings (inhabitants_2021, ...) serve theirs.</source>
        <translation>Einwohnerzahl je Raumeinheit, für MIN_POPULATION. Ein Feld mit Jahresendung (z. B. inhabitants_2024) gilt für sein Jahr; die entsprechenden Felder anderer Jahre (inhabitants_2021, ...) gelten für ihres.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="171"/>
        <source>Group field</source>
        <translation>Gruppenfeld</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="171"/>
        <source>Units whose sum is published as a total, e.g. the municipality of each unit in a county. Secondary suppression protects each group&apos;s total per count field. Empty: all units form one group (the city total).</source>
        <translation>Fasst die Raumeinheiten zu Gruppen zusammen, deren Summe veröffentlicht wird, z. B. die Gemeinde jeder Raumeinheit in einem Kreis. Die sekundäre Geheimhaltung schützt die Summe jeder Gruppe je Fallzahlfeld. Leer: Alle Raumeinheiten bilden eine Gruppe (die Gesamtstadt).</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="181"/>
        <source>Sign for withheld values</source>
        <translation>Zeichen für geheim gehaltene Werte</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="181"/>
        <source>Written to &lt;field&gt;_sign of every withheld value: &apos;.&apos; (default: &apos;Zahlenwert unbekannt oder geheim zu halten&apos;) or &apos;*&apos; as your office&apos;s tables use.</source>
        <translation>Wird für jeden geheim gehaltenen Wert in &lt;field&gt;_sign geschrieben: '.' (Voreinstellung: „Zahlenwert unbekannt oder geheim zu halten“) oder '*', je nachdem, was die Tabellen Ihrer Statistikstelle verwenden.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="189"/>
        <source>Protected units</source>
        <translation>Geschützte Raumeinheiten</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="189"/>
        <source>Every unit, withheld values NULL with &lt;field&gt;_sign and &lt;field&gt;_supp, and suppression_note / suppression_rule. Publish this layer, not its input.</source>
        <translation>Alle Raumeinheiten, geheim gehaltene Werte als NULL mit &lt;field&gt;_sign und &lt;field&gt;_supp, dazu suppression_note / suppression_rule. Veröffentlichen Sie diesen Layer, nicht seine Eingabe.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="196"/>
        <source>Counts withheld (primary)</source>
        <translation>Geheim gehaltene Fallzahlen (primär)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="197"/>
        <source>Counts withheld (secondary)</source>
        <translation>Geheim gehaltene Fallzahlen (sekundär)</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="198"/>
        <source>Derived values withheld</source>
        <translation>Geheim gehaltene abgeleitete Werte</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="199"/>
        <source>Withheld cells that could not be fully protected</source>
        <translation>Geheime Zellen ohne vollständigen Schutz</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="224"/>
        <source>Fields not covered by the rule that look like counts or values derived from the protected counts; they can reveal withheld values, remove them (or name them in FIELDS) before publishing: {0}</source>
        <translation>Felder, die nicht unter die Regel fallen, aber wie Fallzahlen oder aus den geschützten Fallzahlen abgeleitete Werte aussehen; sie können geheim gehaltene Werte verraten. Entfernen Sie sie vor der Veröffentlichung (oder nennen Sie sie in FIELDS): {0}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="232"/>
        <source>The layer holds z-scores, percentiles or index values of every unit, computed with the now withheld values included. For publication run suppress on the joined layer and computeindicators (classifyburden, compositeindex) on its output.</source>
        <translation>Der Layer enthält z-Werte, Perzentile oder Indexwerte aller Raumeinheiten, die unter Einschluss der jetzt geheim gehaltenen Werte berechnet wurden. Führen Sie für die Veröffentlichung suppress auf dem verknüpften Layer und computeindicators (classifyburden, compositeindex) auf dessen Ausgabe aus.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="244"/>
        <source>Fields computed from indicators ({0}) cannot be traced to their counts without the catalogue and are NOT protected: give CATALOGUE.</source>
        <translation>Aus Indikatoren berechnete Felder ({0}) lassen sich ohne den Katalog nicht auf ihre Fallzahlen zurückführen und sind NICHT geschützt: Geben Sie CATALOGUE an.</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="291"/>
        <source>{0} count cell(s) withheld (primary), {1} secondary, {2} derived value(s); rule: {3}</source>
        <translation>{0} Fallzahl(en) geheim gehalten (primär), {1} sekundär, {2} abgeleitete(r) Wert(e); Regel: {3}</translation>
    </message>
    <message>
        <location filename="../sozialplanung_plugin/processing/suppress.py" line="103"/>
        <source>Tables</source>
        <translation>Tabellen</translation>
    </message>
</context>
</TS>
