"""District profiles (Sozialraumprofile): what the profile atlas prints,
formatted and ranked, without any QGIS (the layouts are built in
``adapters/layouts/``).

One :class:`UnitProfile` per unit holds every text of its page: the table of
all catalogue indicators grouped by topic (unit value, city-wide value,
difference, flag of the burden rule and, with several years, the change and a
trend arrow), the bars of the deviation chart, the burden class in plain
words, the index classes and the footnotes for every sign on the page.

What may be printed is decided here, once, for every output (PDF, HTML, the
layer of the layout project):

* values are read through ``suppression.published()``: a withheld cell is
  missing even if a later step filled it again;
* when a unit's value is missing, *everything* of that indicator on its page
  shows the value's sign (difference, ratio bar, flag, change): the city-wide
  value plus a difference would give the value back;
* units below the rule's MIN_POPULATION publish no rates (the rule says so in
  the footnote), whatever a later step computed; a burden or index class that
  rests on such a rate is withheld too;
* ranks and the classes of the overview map use published values only; a
  withheld class counts as unknown;
* monitoring (issue 9): beside each row the unit's yearly series and the
  city's r(t) (sparklines, from two years on; r(t) from ``monitoring.gather``),
  a column per comparison level of COMPARE_FIELDS (``<id>_ref_<F>``), the
  early warning on every page and a watch list after the ranked list, only
  when the layer has those fields; the watch flag rests on rates and is
  withheld below MIN_POPULATION;
* numeric sentinels of the source (``-9999``) print as "k.A." with the code in
  the footnote, so that no code can be read as a value.

Numbers are printed the German way ("24,1 %", "+12,9 Pp.", "1.234"), with the
decimals of the catalogue; captions follow the print language (``lang``).

The modules, each importing only those listed before it:

* ``texts``: printed marks, arrows, numbers with units, signs, class labels, keys;
* ``model``: the dataclasses (``ProfileBook``, ``UnitProfile``, ``IndicatorRow``,
  ``MapClass``, ``Line``) and constants;
* ``published``: the fields a profile reads and their published values (and, from
  sozialplanung:monitoring and COMPARE_FIELDS, the yearly series, comparison levels, watch fields);
* ``rows``: the printed row of one indicator for one unit;
* ``page_texts``: burden class in words, index classes, footnotes, captions;
* ``ranking``: rank, page order, page numbers;
* ``cover_map``: the classes of the cover map;
* ``table``, ``svg``, ``html_doc``: the printed table, its SVG graphics, the HTML;
* ``builder``: :func:`build`, the driver over the steps above;
* ``map_fields``: one field of the layer for an overview map (uses ``build``
  for class fields).

Import from the package (``from sozialplanung_plugin.core import profiles as cp``).
"""

from .builder import build
from .cover_map import map_classes
from .html_doc import grouped, html
from .map_fields import CLASS_FIELDS, CLASS_TITLES, MapField, map_field
from .model import (
    ADVERSE,
    BURDEN_ORDER,
    COLUMNS,
    COVER_MAPS,
    FAVOURABLE,
    NEUTRAL,
    ORDERS,
    RATIO_MAX,
    CitySeries,
    IndicatorRow,
    Line,
    MapClass,
    ProfileBook,
    ProfileError,
    UnitProfile,
    Watch,
)
from .page_texts import (
    SUPPLY_COLUMNS,
    action_codes,
    action_key,
    flags_text,
    legend,
    list_notes,
    page_text,
    ranking_note,
    supply_headers,
    unit_class,
)
from .published import (
    SUPPLY_GAP,
    WATCH_FIELDS,
    WATCH_FLAG,
    base_year,
    below_population,
    level_label_map,
    needed_fields,
    supply_columns,
)
from .ranking import list_chunks, name_sort_key, paginate, rank
from .svg import (
    BAR_COLOURS,
    Bar,
    bar_geometry,
    bars,
    bars_svg,
    furniture_svg,
    list_furniture_svg,
    spark_scale,
    spark_x,
    sparks_svg,
)
from .table import cell_text, column_text, label_column, level_column, table_lines, topic_column
from .texts import (
    FALLING,
    FLAGGED,
    NO_INFO,
    NOT_FLAGGED,
    RISING,
    STEADY,
    class_text,
    date_text,
    difference_text,
    display_sign,
    key_text,
    number,
    trend_arrow,
    value_text,
)

__all__ = [
    "ADVERSE",
    "WATCH_FIELDS",
    "WATCH_FLAG",
    "CitySeries",
    "Watch",
    "level_label_map",
    "spark_scale",
    "sparks_svg",
    "cell_text",
    "level_column",
    "spark_x",
    "BAR_COLOURS",
    "BURDEN_ORDER",
    "CLASS_FIELDS",
    "CLASS_TITLES",
    "COLUMNS",
    "COVER_MAPS",
    "FALLING",
    "FAVOURABLE",
    "FLAGGED",
    "NEUTRAL",
    "NO_INFO",
    "NOT_FLAGGED",
    "ORDERS",
    "RATIO_MAX",
    "RISING",
    "STEADY",
    "Bar",
    "IndicatorRow",
    "Line",
    "MapClass",
    "MapField",
    "ProfileBook",
    "ProfileError",
    "UnitProfile",
    "bar_geometry",
    "bars",
    "bars_svg",
    "base_year",
    "below_population",
    "build",
    "class_text",
    "column_text",
    "date_text",
    "difference_text",
    "display_sign",
    "flags_text",
    "furniture_svg",
    "grouped",
    "html",
    "key_text",
    "label_column",
    "legend",
    "list_chunks",
    "list_furniture_svg",
    "list_notes",
    "map_classes",
    "map_field",
    "name_sort_key",
    "needed_fields",
    "number",
    "page_text",
    "paginate",
    "rank",
    "action_codes",
    "SUPPLY_COLUMNS",
    "supply_headers",
    "supply_columns",
    "SUPPLY_GAP",
    "action_key",
    "ranking_note",
    "table_lines",
    "topic_column",
    "trend_arrow",
    "unit_class",
    "value_text",
]
