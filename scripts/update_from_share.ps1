<#
.SYNOPSIS
    Updates SGP from the newest ZIP (api-sgp-X.Y.Z.zip) found in a network share.
.DESCRIPTION
    Thin wrapper over `python -m scripts.release update-from-share`: it picks the highest version,
    installs it under releases\vX.Y.Z beside shared\, migrates, switches the NSSM service, checks
    /health and rolls back when it fails. Without -Force an older or equal version is skipped.
.EXAMPLE
    powershell -ExecutionPolicy Bypass -File .\scripts\update_from_share.ps1 -WatchPath "\\SERVIDOR\share\api" -ApiRoot "C:\api" -ServiceName "SGP-API" -Force
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)][string]$WatchPath,
    [string]$ApiRoot = "C:\SGP\api-sgp",
    [string]$ServiceName = "SGP-API",
    [switch]$Force
)

$ErrorActionPreference = "Stop"

. (Join-Path $PSScriptRoot "release_common.ps1")
$Python = Find-Python
if (-not (Test-Path $WatchPath)) {
    Write-Error "Pasta de atualizacao inacessivel: $WatchPath"
    exit 1
}

$releaseArgs = @("--root", $ApiRoot, "update-from-share", "--watch-path", $WatchPath, "--service", $ServiceName)
if ($Force) { $releaseArgs += "--force" }

Invoke-Release -In (Split-Path -Parent $PSScriptRoot) -Arguments $releaseArgs
