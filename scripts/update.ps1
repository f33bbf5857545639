<#
.SYNOPSIS
    Updates SGP from a release manifest (JSON with version, url, sha256; the package is a ZIP or an MSI).
.DESCRIPTION
    Thin wrapper over `python -m scripts.release update`: download, sha256 check, install under
    releases\vX.Y.Z, migrate, switch the service, /health check, rollback when it fails.
.EXAMPLE
    powershell -ExecutionPolicy Bypass -File scripts\update.ps1 -ManifestUrl https://example/latest.json -MsiArgs "/qn"
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$ManifestUrl,
    [string]$MsiArgs = "/qn",
    [string]$ApiRoot = $(if ($env:API_ROOT) { $env:API_ROOT } else { "C:\SGP\api-sgp" }),
    [string]$ServiceName = "SGP-API",
    [switch]$Force
)

$ErrorActionPreference = "Stop"

. (Join-Path $PSScriptRoot "release_common.ps1")
$Python = Find-Python

$releaseArgs = @("--root", $ApiRoot, "update", "--manifest-url", $ManifestUrl, "--msi-args=$MsiArgs", "--service", $ServiceName)
if ($Force) { $releaseArgs += "--force" }

Invoke-Release -In (Split-Path -Parent $PSScriptRoot) -Arguments $releaseArgs
