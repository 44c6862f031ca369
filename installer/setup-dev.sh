#!/usr/bin/env bash
# Prepares a fresh Debian machine for `make demo` / `make test`: the system packages the station needs
# (PC/SC stack and the vsmartcard virtual reader, the build tools pyscard needs, the libraries Qt loads
# offscreen, the TPM 2.0 stack: tpm2-pytss is built from its sdist against libtss2-dev with gcc and the
# Python headers, found through pkg-config; swtpm is the software TPM the tests start privately; Tesseract and
# its English model read a title's MRZ from a scan, and the OCR-B font prints the simulated titles' MRZ; SANE
# scans documents: libsane with its escl backend reaches hw-mocks' network scanner in the demo and the tests,
# python-sane is built from its sdist against libsane-dev, sane-utils gives the technician scanimage; CUPS prints
# the receipts: the tests and the demo start a private cupsd, pycups is built against libcups2-dev, poppler's
# pdftoppm lets the tests read a printed page as a reader sees it; OpenSC's PKCS#11 module reads the agent
# card's PIV card edge, opensc's pkcs15-tool and pkcs11-tool let the technician look at a card), then uv,
# then the project's locked environment. Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(pcscd libpcsclite-dev swig vsmartcard-vpcd pcsc-tools
          libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
          libtss2-dev pkg-config gcc python3-dev swtpm swtpm-tools
          tesseract-ocr tesseract-ocr-eng fonts-ocr-b
          libsane1 libsane-dev sane-utils
          cups cups-client libcups2-dev poppler-utils
          opensc opensc-pkcs11)
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing system packages: ${missing[*]}"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
else
  echo "setup: not a Debian system; install by hand: ${PACKAGES[*]}" >&2
fi

if ! command -v uv >/dev/null 2>&1 && [ ! -x "$HOME/.local/bin/uv" ]; then
  echo "setup: installing uv"
  if ! python3 -m pip --version >/dev/null 2>&1; then
    $SUDO apt-get install -y -qq python3-pip >/dev/null
  fi
  # Debian's own Python refuses user installs (PEP 668) unless told; uv is a self-contained binary.
  python3 -m pip install --quiet --user uv 2>/dev/null \
    || python3 -m pip install --quiet --user --break-system-packages uv
fi
export PATH="$HOME/.local/bin:$PATH"
# .python-version pins the interpreter. uv cannot download one here (only PyPI and Debian are reachable), so
# it must already be on the machine (the machine image's pyenv); say so plainly rather than let uv try.
PINNED="$(cat .python-version)"
if ! UV_PYTHON_DOWNLOADS=never uv python find "$PINNED" >/dev/null 2>&1; then
  echo "setup: Python $PINNED (.python-version) is not on this machine; install it (e.g. pyenv install $PINNED)" >&2
  exit 1
fi
uv sync --frozen --quiet
