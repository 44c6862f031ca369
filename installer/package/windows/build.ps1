# Builds the Recueil station's one-folder package on Windows (docs/packaging.md, "Windows"). Not run in CI.
#
#   powershell -ExecutionPolicy Bypass -File installer\package\windows\build.ps1 [-SkipSelfTest]
#
# Output: dist\station\station.exe (the folder) and dist\recueil-station-<version>-windows-<arch>.zip.
# Needs: Python (the version of .python-version) and uv on PATH; OpenSC for Windows (opensc-pkcs11.dll);
# libusb-1.0.dll (pyusb's backend, copied into the folder); Tesseract for Windows.
param([switch]$SkipSelfTest)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest

$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..\..")
Set-Location $Root

foreach ($tool in @("uv")) {
    if (-not (Get-Command $tool -ErrorAction SilentlyContinue)) { throw "$tool is not on PATH" }
}
$Version = (Select-String -Path pyproject.toml -Pattern '^version = "(.+)"').Matches[0].Groups[1].Value
$Arch = if ([Environment]::Is64BitOperatingSystem) { "x86_64" } else { "x86" }

# The locked environment. Packages without a Windows wheel (python-sane, pycups, tpm2-pytss: see
# docs/packaging.md) make this step fail until the Windows drivers replace them and the dependencies carry
# platform markers.
uv sync --frozen
if ($LASTEXITCODE -ne 0) { throw "uv sync failed" }

# libusb-1.0.dll for pyusb over WinUSB: taken from LIBUSB_DLL, bundled beside the executable.
$Binaries = @()
if ($env:LIBUSB_DLL) { $Binaries += $env:LIBUSB_DLL } else { Write-Warning "LIBUSB_DLL not set: USB devices will not work" }

$env:RECUEIL_PACKAGE_VARIANT = "production"
$env:RECUEIL_EXTRA_BINARIES = ($Binaries -join ";")
uv run --frozen python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build\production `
    installer\package\station.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

$Exe = Join-Path $Root "dist\station\station.exe"
if (-not $SkipSelfTest) {
    & $Exe self-test
    if ($LASTEXITCODE -ne 0) { throw "station self-test failed" }
}

$Zip = Join-Path $Root "dist\recueil-station-$Version-windows-$Arch.zip"
if (Test-Path $Zip) { Remove-Item $Zip }
Compress-Archive -Path (Join-Path $Root "dist\station") -DestinationPath $Zip
Write-Output "built $Exe and $Zip"

# Installing (by hand or from the future installer), the same layout as on Linux:
#   <root>\versions\<version>\          the folder
#   <root>\current  -> versions\<version>  (New-Item -ItemType Junction; switched by renaming a new junction)
#   <root>\bin\station.cmd              @"%~dp0..\current\station.exe" %*
# and the outbox as a scheduled task at logon: <root>\bin\station.cmd outbox run
