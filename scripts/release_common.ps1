<#
.SYNOPSIS
    Dot-sourced by deploy.ps1, update.ps1 and update_from_share.ps1: how they find Python and hand
    their work to `python -m scripts.release`, so the three stay thin in the same way.
#>

function Find-Python {
    foreach ($name in @("python", "py")) {
        $command = Get-Command $name -ErrorAction SilentlyContinue
        if ($command) { return $command.Source }
    }
    Write-Error "Python 3.11+ nao encontrado no PATH. Instale-o (python.org) e rode de novo."
    exit 1
}

function Invoke-Release([string]$In, [string[]]$Arguments) {
    # Every step of the real work is done by the Python module, run from the release folder `In`;
    # stop at its first failure. One array of plain strings: splatted to a native command,
    # "--root" stays "--root".
    Push-Location $In
    try {
        & $Python -m scripts.release @Arguments
        if ($LASTEXITCODE -ne 0) {
            Write-Error "scripts.release $($Arguments -join ' ') falhou (codigo $LASTEXITCODE). Veja as mensagens acima."
            exit $LASTEXITCODE
        }
    }
    finally {
        Pop-Location
    }
}
