"""Build the bundled example GeoPackage from the shared real data (run once;
the result is committed under resources/example/berlin/).

    /usr/bin/python3 scripts/make_example_data.py /path/to/shared/data/real
"""

import os
import shutil
import sys

from qgis.core import (
    QgsApplication,
    QgsCoordinateTransformContext,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "example", "berlin")


def main(real: str) -> None:
    app = QgsApplication([], False)
    app.initQgis()
    src = os.path.join(real, "berlin_lor2021_mss2021")
    layer = QgsVectorLayer(os.path.join(src, "geometry", "lor_planungsraeume_2021.shp"), "plr", "ogr")
    assert layer.isValid() and layer.featureCount() == 542
    opts = QgsVectorFileWriter.SaveVectorOptions()
    opts.driverName = "GPKG"
    opts.layerName = "planungsraeume_2021"
    opts.fileEncoding = "UTF-8"
    keep = ["PLR_ID", "PLR_NAME", "BEZ", "GROESSE_M2"]
    opts.attributes = [layer.fields().lookupField(n) for n in keep]
    target = os.path.join(OUT, "planungsraeume_2021.gpkg")
    if os.path.exists(target):
        os.remove(target)
    err = QgsVectorFileWriter.writeAsVectorFormatV3(layer, target, QgsCoordinateTransformContext(), opts)
    assert err[0] == QgsVectorFileWriter.NoError, err
    for name in sorted(os.listdir(os.path.join(src, "tables"))):
        shutil.copy(os.path.join(src, "tables", name), os.path.join(OUT, name))
    app.exitQgis()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/real")
