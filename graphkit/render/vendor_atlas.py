"""Vendor the world atlas drawn under the geographic map (run at build time).

The basemap of ``--layout geo`` is Natural Earth's 1:50m Admin 0 countries
(public domain), as the TopoJSON that the npm package ``world-atlas``
(ISC licence, © Michael Bostock) redistributes. This script fetches the
package with the ordinary npm client and copies ``countries-50m.json`` next
to it, unchanged; the map page embeds that file, so nothing is fetched when a
map is viewed. See ``ATLAS-LICENSE.txt``.

    python -m graphkit.render.vendor_atlas
"""
from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
FILE = "countries-50m.json"
HERE = Path(__file__).resolve().parent


def main() -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp,
                       check=True, capture_output=True)
        tgz = next(Path(tmp).glob("world-atlas-*.tgz"))
        with tarfile.open(tgz) as tar:
            data = tar.extractfile(f"package/{FILE}").read()
    json.loads(data)  # a whole TopoJSON file, or nothing is replaced
    out = HERE / FILE
    tmp_out = out.with_suffix(".tmp")
    tmp_out.write_bytes(data)
    shutil.move(tmp_out, out)
    return out


if __name__ == "__main__":
    print(main())
