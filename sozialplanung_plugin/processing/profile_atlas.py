"""sozialplanung:profileatlas: the district profile atlas (Sozialraumprofile) as PDF."""

from __future__ import annotations

import os
import time

from qgis.core import (
    NULL,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingMultiStepFeedback,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import layouts as ly
from sozialplanung_plugin.adapters.layers import iterate, remove_with_sidecars, source_frame
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import profiles as cp
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.errors import CanceledError, UserError
from sozialplanung_plugin.core.report import write_atomic
from sozialplanung_plugin.processing.print_base import PrintAlgorithm


class ProfileAtlas(PrintAlgorithm):
    NAME = "profileatlas"

    NAME_FIELD = "NAME_FIELD"
    SUBTITLE = "SUBTITLE"
    LOGO = "LOGO"
    FILTER = "FILTER"
    ORDER = "ORDER"
    COVER_MAP = "COVER_MAP"
    OUTPUT_HTML = "OUTPUT_HTML"
    OUTPUT_PROJECT = "OUTPUT_PROJECT"
    PROFILES = "PROFILES"
    COMPARE_LABELS = "COMPARE_LABELS"
    FACILITIES = "FACILITIES"
    FACILITY_CATEGORY_FIELD = "FACILITY_CATEGORY_FIELD"

    def displayName(self):  # noqa: N802
        return self.tr("District profile atlas (Sozialraumprofile)")

    def help_text(self):
        return self.tr(
            "Prints a district profile (Sozialraumprofil) for every unit into one PDF, for ward meetings and "
            "council committees, from a layer of the earlier algorithms (computeindicators, classifyburden, "
            "compositeindex, suppress).\n\n"
            "Page 1, cover: the overview map of the municipality with the burden classes (or the status or "
            "dynamics index, COVER_MAP), legend with the number of units per class, scale bar, north arrow, the "
            "burden rule, the data-protection note, source and date.\n"
            "Pages 2 ff., ranked list: every unit with a profile, sorted by burden class, number of flagged core "
            "indicators and status index (most burdened first), with its class, status and dynamics class and "
            "the page of its profile. Units whose class is withheld or unknown get no rank.\n"
            "Then one page per unit (FILTER selects them, ORDER sorts them): name and key; a map of the unit "
            "with its surroundings and a locator map of the municipality; the burden class with its reason in "
            "plain words and the index classes; a table of all catalogue indicators grouped by topic with the "
            "unit's value, the city-wide value, the difference, the flag of the burden rule (● flagged, ○ not "
            "flagged) and, when the data has several years, the change and a trend arrow; beside each row a bar "
            "of the value's ratio to the city-wide value (city = 100; solid dark in the adverse direction, "
            "outlined in the favourable one); footnotes explaining every sign on the page, the suppression rule "
            "when values are withheld; page numbers.\n\n"
            "Monitoring: when the layer has two or more years (<id>_val_<year>), each row shows the unit's "
            "values over the years as a small line beside the city's (grey; Σ numerators / Σ denominators per "
            "year, as sozialplanung:monitoring), one scale per row, the years on one scale for all rows. With the "
            "fields of sozialplanung:monitoring (watch_flag, watch_since, watch_reason) every page shows the early "
            "warning and a watch list follows the ranked list. With computeindicators' COMPARE_FIELDS the table "
            "has a column per comparison field (COMPARE_LABELS names them).\n\n"
            "Data protection: only published values are printed. A withheld value shows its sign, and so does "
            "everything derived from it on the page (difference, bar, flag, change); units below the rule's "
            "MIN_POPULATION show no rates; ranks and maps treat withheld classes as unknown; FILTER sees only "
            "published values.\n\n"
            "Numbers are German (24,1 %, +12,9 Pp.), decimals from the catalogue; captions are German when QGIS "
            "runs in German, English otherwise. Text stays text in the PDF (searchable, selectable).\n\n"
            "OUTPUT_HTML: the same profiles as one HTML file. OUTPUT_PROJECT: a QGIS project (.qgz) holding the "
            "two print layouts (overview and the profile atlas) on a GeoPackage written beside it "
            "(<name>_profiles.gpkg, only the printed texts), to adjust in the layout designer and export again."
        ) + self.tr(
            "\n\nFurther results, printed when the layer has their fields: classifyburden's action_fields as a "
            "column 'Fields of action' of the ranked list (numbers with their key under the list when the topics "
            "do not fit); values that rest on a count estimated by sozialplanung:interpolateunits (<field>_est "
            "above 1 %) marked with a superscript e, their years as hollow points of the line, explained in the "
            "page's legend; the fields of sozialplanung:facilitysupply as a supply table on every page (per "
            "category: facilities, capacity, per 1,000, city, distance, access ratio) with the supply gap and its "
            "reason. FACILITIES (a point layer, e.g. facilitysupply's FACILITIES_OUTPUT) draws the facilities on "
            "the unit map, a colour and a shape per category (FACILITY_CATEGORY_FIELD), with a legend."
        )

    def initAlgorithm(self, config=None):  # noqa: N802
        self.add_units(
            self.tr(
                "Polygon layer of the units with the fields of computeindicators (and, if run, classifyburden, "
                "compositeindex and suppress). It is read, never changed."
            )
        )
        self.add_catalogue()
        self.add(
            QgsProcessingParameterField(
                self.NAME_FIELD, self.tr("Name field"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr("Field with the unit's name, the title of its page (e.g. PLR_NAME). Empty: the key."),
        )
        self.add(
            QgsProcessingParameterField(
                self.KEY_FIELD, self.tr("Key field"), parentLayerParameterName=self.INPUT, optional=True
            ),
            self.tr("Field with the unit's key, printed beside the name (e.g. PLR_ID). Empty: the first text field."),
        )
        self.add_texts(
            self.tr("Title of the atlas, on the cover and every page (e.g. 'Sozialraumprofile Berlin 2021').")
        )
        self.add(
            QgsProcessingParameterString(self.SUBTITLE, self.tr("Subtitle"), optional=True),
            self.tr("Printed under the title on the cover and beside the key on every page."),
        )
        self.add(
            QgsProcessingParameterFile(
                self.LOGO,
                self.tr("Logo"),
                optional=True,
                fileFilter="Images (*.png *.jpg *.jpeg *.svg)",
            ),
            self.tr("Optional image (PNG, JPG or SVG) printed at the top right of every page."),
        )
        self.add_page("portrait")
        self.add(
            QgsProcessingParameterExpression(
                self.FILTER,
                self.tr("Units with a profile (filter)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            ),
            self.tr(
                "Optional expression: only units for which it is true get a page and a line in the list, e.g. "
                "\"burden_class\" = 'besonders belastet'. The maps always show every unit. Withheld values are "
                "NULL for the filter."
            ),
        )
        self.add_enum(
            self.ORDER,
            self.tr("Order of the profiles"),
            list(cp.ORDERS),
            "key",
            self.tr("key: by key (units of a district together); name: alphabetical; rank: as the ranked list."),
            advanced=True,
        )
        self.add_enum(
            self.COVER_MAP,
            self.tr("Cover map"),
            list(cp.COVER_MAPS),
            "burden",
            self.tr(
                "burden: the classes of the burden rule (burden_class); status: the status index class; dynamics: "
                "the dynamics index class. Falls back to what the layer has."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterString(
                self.COMPARE_LABELS, self.tr("Headings of the comparison columns"), optional=True
            ),
            self.tr(
                "When computeindicators ran with COMPARE_FIELDS, the table has a column per comparison field F with "
                "the value of the unit's group (<id>_ref_F), headed by the field's name. Give other headings as "
                "FIELD=Heading separated by ';', e.g. GEM=Gemeinde; *=Kreis renames the column of the whole "
                "layer (default: City)."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFeatureSource(
                self.FACILITIES, self.tr("Facilities"), [compat.SOURCE_VECTOR_POINT], optional=True
            ),
            self.tr(
                "Optional point layer of facilities (e.g. FACILITIES_OUTPUT of sozialplanung:facilitysupply): drawn "
                "on the unit map of every page, a colour and a shape per category, with a legend."
            ),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterField(
                self.FACILITY_CATEGORY_FIELD,
                self.tr("Category field of the facilities"),
                defaultValue="category",
                parentLayerParameterName=self.FACILITIES,
                optional=True,
            ),
            self.tr("Field of FACILITIES with the category of each facility (default: category)."),
            advanced=True,
        )
        self.add(
            QgsProcessingParameterFileDestination(self.OUTPUT_PDF, self.tr("Profile atlas (PDF)"), "PDF (*.pdf)"),
            self.tr("The PDF, written completely or not at all."),
        )
        self.add(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML, self.tr("Profiles as HTML"), "HTML (*.html)", optional=True, createByDefault=False
            ),
            self.tr("Optional: the same profiles (list, tables, bars, footnotes) as one HTML file."),
        )
        self.add(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_PROJECT,
                self.tr("Layout project"),
                "QGIS project (*.qgz)",
                optional=True,
                createByDefault=False,
            ),
            self.tr(
                "Optional: a .qgz with the two print layouts on a GeoPackage written beside it "
                "(<name>_profiles.gpkg), to change them in the layout designer and export again."
            ),
        )
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("Pages")))
        self.addOutput(QgsProcessingOutputNumber(self.PROFILES, self.tr("Profiles")))

    def run_algorithm(self, parameters, context, feedback):
        t0 = time.perf_counter()
        steps = QgsProcessingMultiStepFeedback(5, feedback)
        source = self.read_source(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        key = self.key_field(parameters, context, source)
        if key is None:
            raise UserError(self.tr("KEY_FIELD: the layer has no text field; name the key field."))
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context).strip() or None
        page = self.page(parameters, context)
        pdf = self.pdf_path(parameters, context)
        html_path = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context) or None
        project_path = self.parameterAsFileOutput(parameters, self.OUTPUT_PROJECT, context) or None
        logo_path = self.parameterAsFile(parameters, self.LOGO, context) or None
        if logo_path and not os.path.isfile(logo_path):
            raise UserError(self.tr("LOGO: {0} is not a file.").format(logo_path))
        lang = self.lang()
        steps.setCurrentStep(0)
        names = source.fields().names()
        population = self.rule_population_field(source)
        frame = source_frame(source, cp.needed_fields(names, catalogue, key, name_field, population), steps)
        geometries, wkb = self.geometries(source, feedback)
        include = self.selection(parameters, context, source, frame, catalogue, feedback)
        steps.setCurrentStep(1)
        book = cp.build(
            frame,
            catalogue,
            key_field=key,
            name_field=name_field,
            include=include,
            order=self.enum_value(parameters, self.ORDER, context),
            lang=lang,
            title=self.text(parameters, self.TITLE, context),
            subtitle=self.text(parameters, self.SUBTITLE, context),
            source_note=self.text(parameters, self.SOURCE_NOTE, context),
            cover_map=self.enum_value(parameters, self.COVER_MAP, context),
            level_labels=cp.level_label_map(self.text(parameters, self.COMPARE_LABELS, context)),
        )
        self.report(feedback, book.warnings)
        if not book.pages:
            raise UserError(self.tr("FILTER selects no unit: the atlas would have no profile."))
        if book.rule is None:
            self.warn(
                feedback,
                self.tr(
                    "The layer carries no suppression rule (suppression_rule): run sozialplanung:suppress before "
                    "publishing profiles, or make sure the data may be published as it is."
                ),
            )
        logo = ly.image_source(logo_path) if logo_path else None
        facilities = self.facilities(parameters, context, source.sourceCrs(), feedback)
        gpkg = None
        gpkg_existed = False
        try:
            steps.setCurrentStep(2)
            if project_path:
                gpkg = os.path.splitext(project_path)[0] + "_profiles.gpkg"
                src = (self.parameterAsString(parameters, self.INPUT, context) or "").split("|")[0]
                if src and os.path.abspath(src) == os.path.abspath(gpkg):
                    raise UserError(
                        self.tr("OUTPUT_PROJECT: {0} is the input; choose another project name.").format(gpkg)
                    )
                gpkg_existed = os.path.exists(gpkg)
            doc = ly.make_document(book, page, geometries, source.sourceCrs(), wkb, gpkg, logo, facilities=facilities)
            feedback.pushInfo(
                self.tr("{0} pages: cover, {1} list page(s), {2} profiles (prepared in {3:.1f} s)").format(
                    book.total_pages, book.list_pages, len(book.pages), time.perf_counter() - t0
                )
            )
            steps.setCurrentStep(3)
            t1 = time.perf_counter()
            ly.export_pdf(doc.iterator(), pdf, steps)
            dt = time.perf_counter() - t1
            feedback.pushInfo(
                self.tr("PDF written in {0:.1f} s ({1:.1f} pages per second, {2:.0f} KB per page): {3}").format(
                    dt, book.total_pages / max(dt, 1e-9), os.path.getsize(pdf) / 1024 / book.total_pages, pdf
                )
            )
            steps.setCurrentStep(4)
            results = {self.OUTPUT_PDF: pdf, self.PAGES: book.total_pages, self.PROFILES: len(book.pages)}
            if html_path:
                write_atomic(html_path, cp.html(book))
                results[self.OUTPUT_HTML] = html_path
            if project_path:
                ly.save_project(doc.project, project_path)
                results[self.OUTPUT_PROJECT] = project_path
        except BaseException:
            self.discard(gpkg, gpkg_existed)  # outputs are complete or not there
            if feedback.isCanceled():
                raise CanceledError() from None
            raise
        return results

    def facilities(self, parameters, context, crs, feedback) -> list | None:
        """The FACILITIES as (point in the units' CRS, category) pairs, None without the parameter."""
        src = self.parameterAsSource(parameters, self.FACILITIES, context)
        if src is None:
            return None
        field = self.parameterAsString(parameters, self.FACILITY_CATEGORY_FIELD, context) or "category"
        if src.fields().indexOf(field) < 0:
            raise UserError(
                self.tr("FACILITY_CATEGORY_FIELD: the facilities have no field {0}; name their category field.").format(
                    field
                )
            )
        transform = QgsCoordinateTransform(src.sourceCrs(), crs, context.transformContext())
        out, skipped = [], 0
        for f in iterate(src, QgsFeatureRequest().setSubsetOfAttributes([field], src.fields())):
            if feedback.isCanceled():
                raise CanceledError()
            g = f.geometry()
            v = f[field]
            if g is None or g.isNull() or v is None or v == NULL or not str(v).strip():
                skipped += 1
                continue
            g = QgsGeometry(g)
            if src.sourceCrs().isValid() and crs.isValid():
                g.transform(transform)
            for part in g.asGeometryCollection() if g.isMultipart() else [g]:
                out.append((part, str(v).strip()))
        if skipped:
            self.warn(
                feedback,
                self.tr("FACILITIES: {0} facilities without a point or a category are not drawn.").format(skipped),
            )
        return out

    @staticmethod
    def discard(gpkg: str | None, existed: bool) -> None:
        """The project's GeoPackage of a run that wrote no project: removed
        (outputs are complete or not there)."""
        if gpkg and not existed:
            remove_with_sidecars(gpkg)

    def selection(self, parameters, context, source, frame, catalogue, feedback):
        """FILTER evaluated on published values only: a withheld cell (mark set,
        or a rate of a unit below the rule's MIN_POPULATION) is NULL for it."""
        text = self.parameterAsExpression(parameters, self.FILTER, context)
        if not text or not text.strip():
            return None
        expr = QgsExpression(text)
        if expr.hasParserError():
            raise UserError(self.tr("FILTER: {0}").format(expr.parserErrorString()))
        ctx = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(None))
        ctx.appendScope(source.createExpressionContextScope())
        expr.prepare(ctx)
        names = source.fields().names()
        refs = [c for c in expr.referencedColumns() if c in names]
        if QgsFeatureRequest.ALL_ATTRIBUTES in expr.referencedColumns():
            refs = list(names)
        marks = {c: fn.supp_of(c) for c in refs if fn.supp_of(c) in names}
        small_fields = set()
        rule = cs.rule_from_frame(frame)
        small = cp.below_population(frame, rule)
        if small.any():
            for ind in catalogue:
                small_fields |= set(cs.derived_field_names(ind.id, names))
            small_fields |= {c for c in names if c.startswith(("burden_", "status_", "dynamics_", "sdi_"))}
        req = QgsFeatureRequest()
        if not expr.needsGeometry():
            req.setFlags(compat.REQUEST_NO_GEOMETRY)
        req.setSubsetOfAttributes(list(dict.fromkeys(refs + list(marks.values()))), source.fields())
        position = {fid: i for i, fid in enumerate(frame.index)}
        mask = [False] * len(frame)
        for f in iterate(source, req):
            if feedback.isCanceled():
                raise CanceledError()
            i = position.get(f.id())
            if i is None:
                continue
            for c, m in marks.items():
                v = f[m]
                if v is not None and v != NULL and str(v).strip():
                    f[c] = NULL
            if small[i]:
                for c in refs:
                    if c in small_fields:
                        f[c] = NULL
            ctx.setFeature(f)
            v = expr.evaluate(ctx)
            if expr.hasEvalError():
                raise UserError(self.tr("FILTER: {0}").format(expr.evalErrorString()))
            mask[i] = bool(v) and v != NULL
        return mask
