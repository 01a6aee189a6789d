"""The whole profile atlas: designs, layers, styles and both layouts in a project."""

from __future__ import annotations

from dataclasses import dataclass

from qgis.core import QgsCoordinateReferenceSystem, QgsPrintLayout, QgsProject

from sozialplanung_plugin.adapters.layouts.export import ProfileIterator, atlas_features
from sozialplanung_plugin.adapters.layouts.frame import Page
from sozialplanung_plugin.adapters.layouts.layers import (
    ProfileLayers,
    build_layers,
    geometry_extent,
    render_locator,
    style_layers,
)
from sozialplanung_plugin.adapters.layouts.overview import OverviewDesign, overview_layout
from sozialplanung_plugin.adapters.layouts.unit_page import UnitDesign, unit_layout
from sozialplanung_plugin.core import profiles as cp


@dataclass
class AtlasDocument:
    """Everything of one profile atlas: the book, its designs, layers, project and layouts."""

    book: cp.ProfileBook
    design: UnitDesign
    overview_design: OverviewDesign
    layers: ProfileLayers
    project: object
    overview: QgsPrintLayout
    atlas: QgsPrintLayout

    def iterator(self) -> ProfileIterator:
        return ProfileIterator([self.overview], self.atlas, atlas_features(self.layers), self.design)


def make_document(
    book: cp.ProfileBook,
    page: Page,
    geometries: dict,
    crs: QgsCoordinateReferenceSystem,
    wkb_type,
    gpkg_path: str | None = None,
    logo=None,
    detail_tolerance: float | None = None,
    facilities: list | None = None,
) -> AtlasDocument:
    """Designs, page numbers, the layer behind the layouts, styles, the
    locator's picture and both layouts in a project of their own.
    ``facilities``: (point geometry in ``crs``, category) pairs drawn on the unit map."""
    design = UnitDesign(page, book, extent=geometry_extent(geometries))
    overview_design = OverviewDesign(page, book)
    cp.paginate(book, overview_design.rows_per_page, len(overview_design.watch_chunks))
    layers = build_layers(
        book, design, geometries, crs, wkb_type, gpkg_path, detail_tolerance=detail_tolerance, facilities=facilities
    )
    style_layers(layers, book, design)
    layers.locator_png = render_locator(layers, design)
    project = QgsProject()
    project.setCrs(crs)
    for layer in (layers.units, layers.classes, layers.city, layers.facilities):
        if layer is not None:
            project.addMapLayer(layer)
    overview = overview_layout(project, book, overview_design, layers, logo)
    atlas = unit_layout(project, book, design, layers, logo)
    project.layoutManager().addLayout(overview)
    project.layoutManager().addLayout(atlas)
    return AtlasDocument(book, design, overview_design, layers, project, overview, atlas)
