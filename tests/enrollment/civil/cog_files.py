"""INSEE-format COG files for the tests, written back from the list the station ships: the same columns
and the same sizes as insee.fr's, so the importer meets what a technician brings."""

from __future__ import annotations

import csv
from pathlib import Path

from enrollment.civil.reference import Reference

COMMUNE_HEADER = ["TYPECOM", "COM", "REG", "DEP", "CTCD", "ARR", "TNCC", "NCC", "NCCENR", "LIBELLE", "CAN",
                  "COMPARENT"]
CHANGE_HEADER = ["MOD", "DATE_EFF", "TYPECOM_AV", "COM_AV", "TNCC_AV", "NCC_AV", "NCCENR_AV", "LIBELLE_AV",
                 "TYPECOM_AP", "COM_AP", "TNCC_AP", "NCC_AP", "NCCENR_AP", "LIBELLE_AP"]


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, header, restval="")
        w.writeheader()
        w.writerows(rows)


def write_cog(folder: Path, reference: Reference, year: int, extra_current: dict[str, str] | None = None) -> Path:
    """The four INSEE files of `reference` (plus `extra_current` communes, code: name) in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    current = {c.insee: c.name for c in reference.communes if c.current}
    current.update(extra_current or {})
    _write(folder / f"v_commune_{year}.csv", COMMUNE_HEADER, [
        {"TYPECOM": "ARM" if code.startswith(("751", "6938", "132")) and code not in ("75056",) else "COM",
         "COM": code, "LIBELLE": name, "DEP": code[:2]} for code, name in current.items()])
    names = {c.insee: c.name for c in reference.communes}
    changes = []
    for c in reference.communes:
        if c.end is not None:
            changes.append({"MOD": c.change, "DATE_EFF": c.end.isoformat(), "TYPECOM_AV": "COM", "COM_AV": c.insee,
                            "LIBELLE_AV": c.name, "TYPECOM_AP": "COM", "COM_AP": c.successor,
                            "LIBELLE_AP": names.get(c.successor, "")})
    _write(folder / f"v_mvt_commune_{year}.csv", CHANGE_HEADER, changes)
    _write(folder / f"v_departement_{year}.csv", ["DEP", "REG", "LIBELLE"],
           [{"DEP": k, "LIBELLE": v} for k, v in reference.departments.items()])
    _write(folder / f"v_pays_territoire_{year}.csv", ["COG", "ACTUAL", "LIBCOG", "CODEISO3"],
           [{"COG": c.code, "ACTUAL": "1", "LIBCOG": c.name, "CODEISO3": c.iso3} for c in reference.countries])
    return folder
