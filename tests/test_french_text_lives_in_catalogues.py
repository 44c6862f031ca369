"""French text for agents and technicians lives in the catalogues of the station's layers and nowhere else,
so that a reviewer reads every message in those files: station/strings/, sync/strings/,
enrollment/strings.py, devices/strings/.

The detector reads the string constants of the code (f-strings whole, with their gaps) and calls French a
text with an accented letter, « guillemets » or €, an elided article or pronoun (l', d', n', qu'…), a space
before a colon or semicolon as French typography wants, a verb in -ez (patientez), or a French word English
never uses (le, des, pas, votre…). A lone word without any of these ("brouillon") passes unseen. Docstrings
are English and skipped; comments never reach the syntax tree.

The reference CERT (cert/) and the simulators (hw_mocks/) stand outside the station and are not read: their
few French texts are sample records (names, addresses) and what the simulated CERT writes to the applicant,
data of a published format rather than wording the station shows. Tests and benchmarks hold sample data too.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCANNED = ("station", "sync", "enrollment", "devices", "installer", "devstation")
CATALOGUES = ("station/strings/", "sync/strings/", "enrollment/strings.py", "devices/strings/")
# Sample data, not wording: the demo station's mairie, the demo applicant's street, the test PKI's mairie,
# the test applicant's names and address, the counter scenarios' address and old title's authority.
DATA = {
    ("devstation/factories.py", "Philomène"),
    ("devstation/factories.py", "Besançon"),
    ("devstation/factories.py", "7 impasse des Quenouilles"),
    ("devstation/factories.py", "BESANÇON"),
    ("devstation/demo.py", "Mairie de Dijon"),
    ("devstation/scenario.py", "12 rue des Tanneurs"),
    ("devstation/counter_effort.py", "12 rue des Tanneurs"),
    ("devstation/counter_effort.py", "Préfecture de la Côte-d'Or"),
    ("installer/pki.py", "Mairie de test"),
}

FRENCH_MARKS = re.compile(r"[àâçéèêëîïôûùüÿœæÀÂÇÉÈÊËÎÏÔÛÙÜŸŒÆ«»€]")
ELISION = re.compile(r"(?<![\w'])(?:[cdjlmnst]|qu)'[a-zà-ÿ]", re.IGNORECASE)
# "Vérifiez", "Patientez", "Veuillez": agents are spoken to in the imperative, and English has few -ez words.
IMPERATIVE = re.compile(r"\b[a-zà-ÿ]{3,}ez\b", re.IGNORECASE)
SPACE_BEFORE_COLON = re.compile(r"[a-zà-ÿ)] [:;](?:\s|$)| [:;] [a-zà-ÿ]", re.IGNORECASE)
FRENCH_WORDS = frozenset({
    "le", "la", "les", "des", "du", "une", "est", "sont", "pas", "aucun", "aucune", "votre", "vous", "dans",
    "avec", "pour", "puis", "ou", "et", "aux", "cette", "qui", "que", "oui", "non", "sans", "sur",
})
# Alone, most of those words could be anything ("le" a code, "la" a note); these cannot.
FRENCH_ALONE = frozenset({"oui", "non", "aucun", "aucune"})
# Hyphens and underscores stay inside a word: "non-empty" is English, "pansement_ou_blessure" a code.
WORD = re.compile(r"[\w'-]+")


def looks_french(text: str) -> bool:
    if any(p.search(text) for p in (FRENCH_MARKS, ELISION, SPACE_BEFORE_COLON, IMPERATIVE)):
        return True
    words = [w.lower() for w in WORD.findall(text.replace("{}", " gap "))]
    if len(words) == 1:
        return words[0] in FRENCH_ALONE
    return any(w in FRENCH_WORDS for w in words)


def _texts(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string the code may show: constants, and f-strings whole with {} for their
    gaps; documentation strings (a string standing alone as a statement) are left out."""
    skip: set[int] = set()
    texts: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skip.add(id(node.value))
        elif isinstance(node, ast.JoinedStr):
            skip.update(id(v) for v in node.values)
            text = "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
            texts.append((node.lineno, text))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            texts.append((node.lineno, node.value))
    return texts


def french_strays(root: Path, packages: tuple[str, ...]) -> list[str]:
    found = []
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            relative = path.relative_to(root).as_posix()
            if any(relative == c or relative.startswith(c) for c in CATALOGUES):
                continue
            for line, text in _texts(ast.parse(path.read_text(encoding="utf-8"))):
                if looks_french(text) and (relative, text) not in DATA:
                    found.append(f"{relative}:{line}: {text!r}")
    return sorted(set(found))


def test_no_french_text_outside_the_catalogues() -> None:
    strays = french_strays(REPO, SCANNED)
    assert not strays, "French text outside the catalogues (move it there, use its key):\n" + "\n".join(strays)


def test_a_stray_french_message_is_found_and_named_by_file_and_line(tmp_path: Path) -> None:
    module = tmp_path / "station" / "ui" / "page.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        '"""The page\'s docstring is English; a comment may quote « brouillon »."""\n'
        "# Le commentaire n'est pas lu.\n"
        "import logging\n"
        "\n"
        "def show(label, n: int) -> str:\n"
        '    """What the agent reads."""\n'
        '    logging.getLogger(__name__).info("draft saved for the agent")\n'
        '    label.setText(f"{n} dossier(s) en attente d\'envoi")\n'
        '    return "Aucun timbre dû"\n',
        encoding="utf-8",
    )
    assert french_strays(tmp_path, ("station",)) == [
        "station/ui/page.py:8: \"{} dossier(s) en attente d'envoi\"",
        "station/ui/page.py:9: 'Aucun timbre dû'",
    ]


def test_the_detector_tells_french_from_the_codes_english() -> None:
    french = ["Vérifiez la saisie.", "Veuillez patienter", "absente ou invalide", "pas de portable", "oui",
              "Score : {}", "{} : illisible", "Comparaison impossible : {}{}", "le {}"]
    english = ["draft saved", "SELECT state FROM dossiers WHERE id = ?", "device and op must be strings",
               "pansement_ou_blessure", "non-empty list", "fingerprint.finger.", "font-size: 14px;", "OU",
               "{} : {}", "the list is not signed by the agent CA", "le",
               "size {}x{} exceeds the limit"]
    assert [t for t in french if not looks_french(t)] == []
    assert [t for t in english if looks_french(t)] == []
