# PowerShell completion for apikey.
# Generated from apikey's command model by 'apikey completion powershell': do not edit.
# Install: add this line to your profile ($PROFILE):
#     apikey completion powershell | Out-String | Invoke-Expression
# or save this file and dot-source it from the profile.
#
# Keys and providers complete from names.cache in apikey's config directory, which this script
# reads itself: pressing TAB never starts apikey (or Java).

Register-ArgumentCompleter -Native -CommandName 'apikey', 'apikey.exe', 'apikey.cmd' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

@MODEL@

    # The config directory, found the way apikey finds it: --config-dir on the command line, else
    # APIKEY_CONFIG_DIR, else $XDG_CONFIG_HOME/apikey, else the platform's default.
    function Get-ApikeyCacheFile([string] $dir) {
        if ($dir) {
            if ($dir -eq '~' -or $dir.StartsWith('~/') -or $dir.StartsWith('~\')) { $dir = $HOME + $dir.Substring(1) }
        } elseif ($env:APIKEY_CONFIG_DIR) {
            $dir = $env:APIKEY_CONFIG_DIR
        } elseif ($env:XDG_CONFIG_HOME) {
            $dir = Join-Path $env:XDG_CONFIG_HOME 'apikey'
        } elseif ((Test-Path variable:IsMacOS) -and $IsMacOS) {
            $dir = Join-Path $HOME 'Library/Application Support/apikey'
        } elseif ((Test-Path variable:IsLinux) -and $IsLinux) {
            $dir = Join-Path $HOME '.config/apikey'
        } elseif ($env:APPDATA) {
            $dir = Join-Path $env:APPDATA 'apikey'
        } else {
            $dir = Join-Path $HOME 'AppData/Roaming/apikey'
        }
        return Join-Path $dir 'names.cache'
    }

    function Get-ApikeyCacheLines([string] $file) {
        # Never through a symbolic link, as apikey reads no file of its config directory through one.
        if ((Test-Path -LiteralPath $file -PathType Leaf) -and -not (Get-Item -LiteralPath $file -Force).LinkType) {
            return [System.IO.File]::ReadAllLines($file)
        }
        return @()
    }

    # Provider names: those in the cache, those of its keys, and the built-in types.
    function Get-ApikeyProviders([string] $file) {
        $names = [System.Collections.Generic.List[string]]::new()
        foreach ($line in (Get-ApikeyCacheLines $file)) {
            if ($line.StartsWith('provider ')) { $names.Add($line.Substring(9)) }
            elseif ($line.StartsWith('key ') -and $line.Contains('/')) { $names.Add($line.Substring(4).Split('/')[0]) }
        }
        foreach ($type in $ApikeyProviderTypes) { $names.Add($type) }
        return $names | Select-Object -Unique
    }

    # What completes a value of this kind: ref, newref, provider, file, dir, w:ONE,TWO or none.
    # Files and directories are left to PowerShell's own path completion.
    function Get-ApikeyValues([string] $kind, [string] $file) {
        switch -Wildcard ($kind) {
            'ref' {
                foreach ($line in (Get-ApikeyCacheLines $file)) {
                    if ($line.StartsWith('key ')) { , @($line.Substring(4), 'key') }
                }
            }
            'provider' { foreach ($p in (Get-ApikeyProviders $file)) { , @($p, 'provider') } }
            'newref' {
                # A new key: only its provider can be completed; the name is the user's to choose.
                if (-not $wordToComplete.Contains('/')) {
                    foreach ($p in (Get-ApikeyProviders $file)) { , @($p + '/', 'provider') }
                }
            }
            'w:*' { foreach ($w in $kind.Substring(2).Split(',')) { , @($w, $w) } }
        }
    }

    # The words before the one being completed.
    $words = @()
    foreach ($element in $commandAst.CommandElements | Select-Object -Skip 1) {
        if ($element.Extent.EndOffset -lt $cursorPosition -or
            ($element.Extent.EndOffset -eq $cursorPosition -and $wordToComplete -eq '')) {
            $words += $element.Extent.Text
        }
    }

    $command = $ApikeyCommands['']
    $commandPath = ''
    $npos = 0
    $dashdash = $false
    $configDir = ''
    $pending = $null
    foreach ($word in $words) {
        if ($pending) {
            if ($pending -eq '--config-dir') { $configDir = $word }
            $pending = $null
        } elseif ($dashdash) {
            $npos++
        } elseif ($word -eq '--') {
            $dashdash = $true
        } elseif ($word.StartsWith('--config-dir=')) {
            $configDir = $word.Substring(13)
        } elseif ($word.StartsWith('-') -and $word.Contains('=')) {
        } elseif ($word.StartsWith('-')) {
            if ($command.Valued.Contains($word)) { $pending = $word }
        } elseif ($npos -eq 0 -and $command.Subs.Contains($word)) {
            $commandPath = ($commandPath + ' ' + $word).Trim()
            $command = $ApikeyCommands[$commandPath]
        } else {
            $npos++
        }
    }
    $cache = Get-ApikeyCacheFile $configDir

    $candidates = @()
    $prefix = ''
    $current = $wordToComplete
    if ($pending) {
        $candidates = @(Get-ApikeyValues $command.Valued[$pending] $cache)
    } elseif (-not $dashdash -and $wordToComplete -match '^(-[^=]+)=(.*)$') {
        if (-not $command.Valued.Contains($Matches[1])) { return }
        $prefix = $Matches[1] + '='
        $current = $Matches[2]
        $candidates = @(Get-ApikeyValues $command.Valued[$Matches[1]] $cache)
    } elseif (-not $dashdash -and $wordToComplete.StartsWith('-')) {
        $candidates = @($command.Options.GetEnumerator() | ForEach-Object { , @($_.Key, $_.Value) })
    } elseif ($dashdash -and $command.RunsCommand) {
        return  # a command line to run: PowerShell's own completion applies
    } else {
        if ($npos -eq 0) { $candidates += @($command.Subs.GetEnumerator() | ForEach-Object { , @($_.Key, $_.Value) }) }
        foreach ($entry in $command.Positionals) {
            if ($npos -ge $entry[0] -and $npos -le $entry[1]) {
                $candidates += @(Get-ApikeyValues $entry[2] $cache)
                break
            }
        }
    }
    foreach ($candidate in $candidates) {
        if ($candidate[0].StartsWith($current, [System.StringComparison]::OrdinalIgnoreCase)) {
            $text = $prefix + $candidate[0]
            [System.Management.Automation.CompletionResult]::new($text, $text, 'ParameterValue', $candidate[1])
        }
    }
}
