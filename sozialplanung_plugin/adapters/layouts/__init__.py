"""Print layouts of the profile atlas and the overview maps (QGIS layout engine).

What the core (``core/profiles.py``) decided to print becomes a GeoPackage or
memory layer (one feature per unit, every text in a ``pa_*`` field, see
``core/fields.py``) and two print layouts on it:

* *overview* (``overview.py``): the cover (overview map with classes, legend,
  scale bar, north arrow, source, date, data-protection note) and the ranked list;
* *profiles* (``unit_page.py``): one page per unit, a QGIS atlas on the layer
  (labels with ``[% "pa_..." %]`` expressions, a picture with the chart bars as
  SVG from a field, an atlas-driven map and a locator map).

``frame.py`` holds what every page shares (page frame, fonts, text measure,
labels, header, footer), ``map_items.py`` the maps' furniture, ``layers.py``
the layers behind the layouts and their styles, ``map_pages.py`` the pages of
sozialplanung:overviewmaps, ``export.py`` the PDF export and the project,
``document.py`` puts the atlas together.

Both layouts go into a project (OUTPUT_PROJECT) that a user opens and
re-exports in the layout designer. The PDF is written by :func:`export_pdf`
with one iterator over both layouts, so cover, list and profiles are one file.

Pages look the same on QGIS 3.22 to 3.44: every label's lines are the design's
line pitch apart (``frame.line_pitch``; compat.set_label_font gives newer QGIS
that pitch as an absolute line height), so rows, stripes and chart bars stay
aligned; map labels keep clear of scale bar, north arrow, legends and the
locator inset and are never cut at a map's frame.

Speed and size (measured in ``bench/bench_atlas.py``; each lever was measured
alone): text is exported as text (``AlwaysText``: selectable, and many times
smaller and faster than glyph outlines); the locator's background (every unit
and the city's outline) is one PNG rendered once and embedded once in the PDF,
the map on top of it draws a single highlighted feature; the table is a few
multi-line labels (one per column) instead of a table item; the chart is an SVG
of bars only (Qt draws SVG text as outlines) aligned to the table's lines;
geometries are simplified once in advance; the export iterator changes only
what changes from page to page (QGIS's own atlas refreshes every item of the
layout for every page); and during the export the unit layout and its maps
build their expression context once per page (QGIS builds it for every item
drawn, reading the settings file each time and, on 3.22, creating a PROJ
object for each map's context).

Layouts are not thread-safe: everything here runs in the main thread.
"""

from sozialplanung_plugin.adapters.layouts.document import AtlasDocument, make_document
from sozialplanung_plugin.adapters.layouts.export import (
    ProfileIterator,
    atlas_features,
    export_pdf,
    pdf_settings,
    plain_atlas,
    save_project,
)
from sozialplanung_plugin.adapters.layouts.frame import (
    ORIENTATIONS,
    PAGE_SIZES,
    LayoutError,
    Page,
    font,
    image_source,
    line_pitch,
    text_format,
)
from sozialplanung_plugin.adapters.layouts.layers import ProfileLayers, build_layers
from sozialplanung_plugin.adapters.layouts.map_pages import MapDesign, map_layer, map_page_layout, map_renderer
from sozialplanung_plugin.adapters.layouts.overview import OverviewDesign
from sozialplanung_plugin.adapters.layouts.unit_page import UnitDesign

__all__ = [
    "ORIENTATIONS",
    "PAGE_SIZES",
    "AtlasDocument",
    "LayoutError",
    "MapDesign",
    "OverviewDesign",
    "Page",
    "ProfileIterator",
    "ProfileLayers",
    "UnitDesign",
    "atlas_features",
    "build_layers",
    "export_pdf",
    "font",
    "image_source",
    "line_pitch",
    "make_document",
    "map_layer",
    "map_page_layout",
    "map_renderer",
    "pdf_settings",
    "plain_atlas",
    "save_project",
    "text_format",
]
