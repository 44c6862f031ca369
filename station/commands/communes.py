"""`station communes`: the list of communes and countries of birth (INSEE's COG), for technicians.

  station communes search TEXT [--on DATE] [--countries] [--json]
      what the agent's field finds for TEXT (a commune, or with --countries a country), the commune's
      code of the day DATE first; the list in use is named on the first line
  station communes refresh PATH...
      installs a newer COG from INSEE's CSV files (folders or files, as downloaded from insee.fr:
      v_commune_YYYY, v_mvt_commune_YYYY, v_departement_YYYY, v_pays_territoire_YYYY) into the station's
      data directory, where the station prefers it to the list it ships; anything wrong refuses the whole
      set, in French, and the list in use stays. A running station reads it at its next start.

Exit code: 0 done, 1 nothing found, 2 refused."""

from __future__ import annotations

import argparse
import json
from datetime import date, datetime
from pathlib import Path

from ..strings import message

EXIT_NOTHING, EXIT_REFUSED = 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser("communes", help="search or refresh the list of communes and countries (COG)")
    sub = p.add_subparsers(dest="communes_action", required=True)
    s = sub.add_parser("search", help="search a commune (or a country) of birth")
    s.add_argument("text", nargs="+")
    s.add_argument("--on", help="date of birth (DD/MM/YYYY or YYYY-MM-DD): the commune's code of that day")
    s.add_argument("--countries", action="store_true", help="search the countries instead")
    s.add_argument("--json", action="store_true")
    s.set_defaults(func=run_search)
    r = sub.add_parser("refresh", help="install newer COG files from insee.fr")
    r.add_argument("paths", nargs="+", metavar="DIR_OR_FILE")
    r.set_defaults(func=run_refresh)
    for q in (s, r):  # also accepted after the sub-command; SUPPRESS keeps `station --config X communes` working
        q.add_argument("--config", default=argparse.SUPPRESS, help="configuration file")


def _installed(args: argparse.Namespace) -> Path:
    from .. import config as config_mod

    return config_mod.load(config_mod.resolve_path(args.config)).communes_path


def _day(text: str) -> date | None:
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            pass
    return None


def run_search(args: argparse.Namespace) -> int:
    from enrollment.civil import reference as ref_mod
    from enrollment.civil.communes import CommuneIndex
    from enrollment.civil.countries import CountryIndex

    installed = _installed(args)
    day = _day(args.on) if args.on else None
    if args.on and day is None:
        print(message("communes.bad_date", text=args.on))
        return EXIT_REFUSED
    text = " ".join(args.text)
    used = ref_mod.choose(installed)
    reference = ref_mod.load(installed)
    where = message("communes.installed_here" if used == installed else "communes.shipped")
    if args.countries:
        found = [{"code": c.code, "name": c.name, "iso3": c.iso3} for c in CountryIndex(reference).search(text)]
        lines = [message("communes.country_line", **c) for c in found]
    else:
        matches = CommuneIndex(reference).search(text, on=day)
        found = [{"insee": m.commune.insee, "name": m.commune.name, "department": m.commune.department,
                  "department_name": m.department_name, "current": m.commune.current, "status": m.status,
                  "start": m.commune.start and m.commune.start.isoformat(),
                  "end": m.commune.end and m.commune.end.isoformat(), "rank": m.rank} for m in matches]
        lines = [f"{m.commune.insee}  {m.label}" for m in matches]
    if args.json:
        print(json.dumps({"cog_year": reference.year, "source": reference.source, "file": str(used),
                          "results": found}, ensure_ascii=False, indent=2))
    else:
        print(message("communes.in_use", year=reference.year, where=where))
        print("\n".join(lines) if lines else message("communes.none", text=text))
    return 0 if found else EXIT_NOTHING


def run_refresh(args: argparse.Namespace) -> int:
    from enrollment.civil import reference as ref_mod
    from enrollment.civil.cog_import import install

    target = _installed(args)
    try:
        new = install([Path(p) for p in args.paths], target, "INSEE COG files installed by a technician")
    except ref_mod.CogError as exc:
        print(exc.message)
        print(message("communes.kept", year=ref_mod.year_of(ref_mod.choose(target))))
        return EXIT_REFUSED
    print(message("communes.installed", year=new.year, communes=sum(c.current for c in new.communes),
                countries=len(new.countries)))
    return 0
