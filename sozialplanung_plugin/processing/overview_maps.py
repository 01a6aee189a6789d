"""sozialplanung:overviewmaps: one print-ready map page per indicator or index."""

from __future__ import annotations

import datetime

from qgis.core import (
    QgsProcessingOutputNumber,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProject,
)

from sozialplanung_plugin import compat
from sozialplanung_plugin.adapters import layouts as ly
from sozialplanung_plugin.adapters.layers import source_frame
from sozialplanung_plugin.core import fields as fn
from sozialplanung_plugin.core import profiles as cp
from sozialplanung_plugin.core import suppression as cs
from sozialplanung_plugin.core.errors import CanceledError, UserError
from sozialplanung_plugin.core.i18n import tr as core_tr
from sozialplanung_plugin.processing.print_base import PrintAlgorithm


class OverviewMaps(PrintAlgorithm):
    NAME = "overviewmaps"

    FIELDS = "FIELDS"

    def displayName(self):  # noqa: N802
        return self.tr("Overview maps of indicators and indices")

    def help_text(self):
        return self.tr(
            "Prints one map page per chosen field into one PDF: the whole municipality with the field's classes, "
            "a legend with the number of units per class, scale bar, north arrow, the source, the date and the "
            "data-protection note.\n\n"
            "Indicator fields of computeindicators (<id>_val, <id>_diff, <id>_ratio, <id>_z, <id>_pct, <id>_chg, "
            "<id>_val_<year>) are shown in five quantile classes (about the same number of units per class) with "
            "the catalogue's label, unit and decimals; darker always means more burdened (reversed for indicators "
            "where higher is better). burden_class, status_class/status_label and dynamics_class/dynamics_label "
            "show their classes; other number fields are graduated, text fields shown as categories.\n\n"
            "Changes of sozialplanung:monitoring (<id>_chg_<year>, <id>_excess_<year>, <id>_slope) are shown in "
            "classes around 0 with the same bounds for rises and falls (thirds of the absolute values) and a class "
            "'unchanged'; red = adverse direction, blue = favourable (ColorBrewer RdBu; orange/purple, PuOr, for "
            "indicators without a direction). watch_flag shows the watch list; it rests on rates, so units below "
            "MIN_POPULATION are withheld.\n\n"
            "Only published values are mapped: withheld values (suppress) are cross-hatched grey with their sign, "
            "units below the rule's MIN_POPULATION show no rates, missing values are hatched grey ('no value').\n\n"
            "FIELDS empty: burden_class, status_class and dynamics_class when present, then the value of every "
            "core indicator."
        ) + self.tr(
            "\n\nSupply of sozialplanung:facilitysupply: <c>_ratio and <c>_access_ratio (city = 100, lower = "
            "worse) are shown in classes around 100 with the same bounds above and below; red = less supply than "
            "the city, blue = more. supply_gap shows the burdened units below the city. Both rest on the target "
            "population: units below MIN_POPULATION are withheld."
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
                self.FIELDS,
                self.tr("Fields to map"),
                parentLayerParameterName=self.INPUT,
                allowMultiple=True,
                optional=True,
            ),
            self.tr(
                "One page per field, in this order (e.g. burden_class;status_class;sgb2_val). Empty: the burden, "
                "status and dynamics classes and the value of every core indicator."
            ),
        )
        self.add_texts(
            self.tr("Title printed above every map (e.g. 'Berlin, Monitoring Soziale Stadtentwicklung 2021').")
        )
        self.add_page("landscape")
        self.add(
            QgsProcessingParameterFileDestination(self.OUTPUT_PDF, self.tr("Overview maps (PDF)"), "PDF (*.pdf)"),
            self.tr("The PDF, written completely or not at all."),
        )
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("Pages")))

    def default_fields(self, names, catalogue) -> list[str]:
        out = [f for f in (fn.BURDEN_CLASS, fn.STATUS_CLASS, fn.DYNAMICS_CLASS) if f in names]
        out += [fn.measure(i.id, "val") for i in catalogue.core_indicators() if fn.measure(i.id, "val") in names]
        return out

    def run_algorithm(self, parameters, context, feedback):
        source = self.read_source(parameters, context)
        catalogue = self.read_catalogue(parameters, context)
        names = source.fields().names()
        chosen = compat.parameter_as_fields(self, parameters, self.FIELDS, context)
        chosen = chosen or self.default_fields(names, catalogue)
        if not chosen:
            raise UserError(
                self.tr("FIELDS: name the fields to map; the layer has no burden, index or core indicator fields.")
            )
        pdf = self.pdf_path(parameters, context)
        page = self.page(parameters, context)
        lang = self.lang()
        key = self.key_field(parameters, context, source)
        population = self.rule_population_field(source)
        wanted = set(chosen) | {key, population, fn.SUPPRESSION_RULE}
        for c in chosen:
            if c in cp.CLASS_FIELDS:
                wanted |= set(cp.needed_fields(names, catalogue, key, None, population))
        supply = cp.supply_columns(names)
        if any(c in supply for c in chosen):  # a supply map knows its category by the category's fields
            wanted |= set(supply)
        cols = [c for c in names if c in wanted or (c[: -len(fn.SIGN)] in wanted and c.endswith(fn.SIGN))]
        cols += [c for c in names if c.endswith(fn.SUPP) and c[: -len(fn.SUPP)] in wanted and c not in cols]
        frame = source_frame(source, list(dict.fromkeys(cols)), feedback)
        geometries, wkb = self.geometries(source, feedback)
        maps = [cp.map_field(frame, catalogue, name, lang, key_field=key) for name in chosen]
        rule = cs.rule_from_frame(frame)
        if rule is None:
            protection = core_tr(
                "Data protection: no suppression rule is recorded in the layer (sozialplanung:suppress).", lang
            )
            self.warn(
                feedback,
                self.tr(
                    "The layer carries no suppression rule (suppression_rule): run sozialplanung:suppress before "
                    "publishing maps, or make sure the data may be published as it is."
                ),
            )
        else:
            protection = f"{core_tr('Data protection', lang)}: {cs.note(rule, lang)}"
        day = cp.date_text(datetime.date.today(), lang)
        project = QgsProject()
        project.setCrs(source.sourceCrs())
        design = ly.MapDesign(page)
        fids = list(frame.index)
        layouts = []
        try:
            for k, mf in enumerate(maps, start=1):
                if feedback.isCanceled():
                    raise CanceledError()
                layer = ly.map_layer(mf, geometries, fids, source.sourceCrs(), wkb)
                layer.setRenderer(ly.map_renderer(layer, mf, lang))
                project.addMapLayer(layer)
                layouts.append(
                    ly.map_page_layout(
                        project,
                        design,
                        layer,
                        mf,
                        lang=lang,
                        title=self.text(parameters, self.TITLE, context),
                        source_note=self.text(parameters, self.SOURCE_NOTE, context),
                        protection_note=protection,
                        page_no=k,
                        total=len(maps),
                        day=day,
                    )
                )
                feedback.pushInfo(self.tr("Page {0}: {1}").format(k, mf.title))
            ly.export_pdf(ly.ProfileIterator(layouts, None, []), pdf, feedback)
        except ly.LayoutError:
            if feedback.isCanceled():
                raise CanceledError() from None
            raise
        feedback.pushInfo(self.tr("{0} map page(s) written: {1}").format(len(layouts), pdf))
        return {self.OUTPUT_PDF: pdf, self.PAGES: len(layouts)}
