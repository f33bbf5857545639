<#
.SYNOPSIS
    Installs SGP on Windows as an NSSM service running the server (python -m serve) with N workers.
.DESCRIPTION
    Thin wrapper: checks the prerequisites (Python 3.11+, NSSM), then hands all the work to
    `python -m scripts.release` (shared folders, .env with a generated SECRET_KEY, release under
    releases\vX.Y.Z with its venv and dependencies, migrations, NSSM service with logs in
    shared\logs, start, /health check, rollback when it fails).
.PARAMETER Port
    Port the API listens on (default 8000).
.PARAMETER Workers
    Server worker processes (default 4; 2-3 on 2-4 cores).
.PARAMETER ProjectPath
    Installation folder (API_ROOT): shared\, releases\ and .env live there.
.PARAMETER CreateEnvFile
    Create ProjectPath\.env with a generated SECRET_KEY (an existing .env is kept).
.PARAMETER Source
    Release to install: a folder or a .zip (default: the folder this script came with).
.EXAMPLE
    powershell -ExecutionPolicy Bypass -File .\scripts\deploy.ps1 -Port 8080 -Workers 2 -ProjectPath "C:\SGP\api-sgp" -CreateEnvFile
#>
[CmdletBinding()]
param(
    [int]$Port = 8000,
    [int]$Workers = 4,
    [string]$ProjectPath = "C:\SGP\api-sgp",
    [switch]$CreateEnvFile,
    [string]$ServiceName = "SGP-API",
    [string]$Source = (Split-Path -Parent $PSScriptRoot)
)

$ErrorActionPreference = "Stop"

. (Join-Path $PSScriptRoot "release_common.ps1")

$Python = Find-Python
if (-not (Get-Command nssm -ErrorAction SilentlyContinue)) {
    Write-Error "NSSM nao encontrado no PATH. Baixe-o e coloque nssm.exe no PATH."
    exit 1
}

$initArgs = @("--root", $ProjectPath, "init", "--port", $Port, "--workers", $Workers)
if ($CreateEnvFile) { $initArgs += "--create-env" }
Invoke-Release -In $Source -Arguments $initArgs
Invoke-Release -In $Source -Arguments @("--root", $ProjectPath, "deploy", "--source", $Source, "--service", $ServiceName, "--port", $Port, "--workers", $Workers, "--register-service", "nssm")
Write-Host "SGP instalado: servico $ServiceName em http://localhost:$Port (logs em $ProjectPath\shared\logs)"
