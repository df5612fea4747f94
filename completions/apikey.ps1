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

    # What each command accepts: subcommands and options with their descriptions, options that
    # take a value (with what completes it) and positional parameters by index.
    $ApikeyProviderTypes = @('local', 'github', 'cloudflare', 'gitlab', 'openai', 'datadog', 'sendgrid', 'twilio', 'npm', 'linode', 'anthropic', 'heroku', 'aws')
    $ApikeyCommands = @{
        '' = @{
            Subs = [ordered]@{
                'create' = 'Create a key at its provider and keep its secret in the secret store.'
                'import' = 'Store an existing secret for a key made elsewhere.'
                'list' = 'List keys with their metadata (never their secrets).'
                'get' = 'Print a key''s secret to standard output.'
                'rotate' = 'Replace keys with new ones.'
                'revoke' = 'Revoke a key at its provider, then forget it here.'
                'forget' = 'Remove a key''s secret and metadata from this machine only.'
                'request' = 'Send an HTTP request with a key in it, the way its provider expects.'
                'exec' = 'Run a command with keys in its environment.'
                'provider' = 'Configure providers: the key-management APIs keys are made with.'
                'status' = 'Report secret store health, keys expiring or due, pending revocations and recovery files.'
                'log' = 'Show the local audit log: every create, rotate, revoke, forget and use of a key. Never secrets.'
                'target' = 'Where a key''s secret is delivered: CI secrets, CI/CD variables, dotenv files.'
                'sync' = 'Write each key''s current secret to all of its targets now (idempotent).'
                'unlock' = 'Keep the encrypted file store unlocked for this user for a while.'
                'lock' = 'Lock the encrypted file store now: the agent of ''apikey unlock'' forgets the key and exits.'
                'completion' = 'Print the shell completion script for bash, zsh, fish or PowerShell.'
                'shell' = 'Start an interactive shell with apikey''s commands, completion and history.'
                'help' = 'When no COMMAND is given, the usage help for the main command is displayed.'
            }
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '-V' = 'Print version information and exit.'
                '--version' = 'Print version information and exit.'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @()
            RunsCommand = $false
        }
        'create' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '--description' = 'What the key is for.'
                '--expires' = 'Expiry: 30d, 2w, P90D or 2027-01-31.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--max-age' = 'Rotate this key with ''rotate --due'' once it is this old (else the provider''s maxAge).'
                '--no-input' = 'Never prompt; fail instead.'
                '--param' = 'A provider-specific create field; @FILE reads a JSON value from a file. Repeatable.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '--scope' = 'A scope to grant; repeatable.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'; '--description' = 'none'; '--expires' = 'none'; '--max-age' = 'none'; '--param' = 'none'; '--scope' = 'none'}
            Positionals = @(, @(0, 0, 'newref'))
            RunsCommand = $false
        }
        'import' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '--description' = 'What the key is for.'
                '--expires' = 'When the key expires, if it does.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--id' = 'The provider''s id of the key, so it can be rotated and revoked.'
                '--json' = 'Print data as JSON.'
                '--max-age' = 'Rotate this key with ''rotate --due'' once it is this old (else the provider''s maxAge).'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'; '--description' = 'none'; '--expires' = 'none'; '--id' = 'none'; '--max-age' = 'none'}
            Positionals = @(, @(0, 0, 'newref'))
            RunsCommand = $false
        }
        'list' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '--remote' = 'Also ask the provider which keys exist there.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'provider'))
            RunsCommand = $false
        }
        'get' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'ref'))
            RunsCommand = $false
        }
        'rotate' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '--dry-run' = 'Only list what would rotate.'
                '--due' = 'Every key past its own or its provider''s maxAge.'
                '--finish' = 'Revoke replaced keys whose grace period is over.'
                '--grace' = 'Keep the old key working this long.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '--older-than' = 'Every key at least this old.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '--resume' = 'Complete or roll back interrupted creates and rotations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'; '--grace' = 'none'; '--older-than' = 'none'}
            Positionals = @(, @(0, [int]::MaxValue, 'ref'))
            RunsCommand = $false
        }
        'revoke' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--keep-local' = 'Keep the key''s record here, marked revoked.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '-y' = 'Do not ask for confirmation (required without a terminal).'
                '--yes' = 'Do not ask for confirmation (required without a terminal).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'ref'))
            RunsCommand = $false
        }
        'forget' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '-y' = 'Do not ask for confirmation (required without a terminal).'
                '--yes' = 'Do not ask for confirmation (required without a terminal).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'ref'))
            RunsCommand = $false
        }
        'request' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--allow-host' = 'For a key bound to no host: where this request may go, read as by ''provider add --allow-host'' (https unless SCHEME:// is given; a loopback host: any port, http too). Repeatable.'
                '--aws-service' = 'For an aws key: the service to sign for (e.g. s3, execute-api), when the host does not say.'
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-d' = 'The request body: text, a file''s bytes, or standard input. JSON when it starts with { or [.'
                '--data' = 'The request body: text, a file''s bytes, or standard input. JSON when it starts with { or [.'
                '--fail-with-body' = 'Accepted for curl users; it is always so: a status of 400 or more prints the body and exits 1.'
                '-F' = 'A typed field: true, false, null and integers as JSON, @FILE a file''s text, @- stdin. Repeatable.'
                '--field' = 'A typed field: true, false, null and integers as JSON, @FILE a file''s text, @- stdin. Repeatable.'
                '-H' = 'Add a header. One named like the key''s header replaces the key; an empty value sends none. Repeatable.'
                '--header' = 'Add a header. One named like the key''s header replaces the key; an empty value sends none. Repeatable.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '-i' = 'Print the status line and response headers before the body.'
                '--include' = 'Print the status line and response headers before the body.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-f' = 'A string field of a JSON body (query parameter for GET). Repeatable.'
                '--raw-field' = 'A string field of a JSON body (query parameter for GET). Repeatable.'
                '-X' = 'The HTTP method: GET, or POST when there is -d or a field.'
                '--method' = 'The HTTP method: GET, or POST when there is -d or a field.'
                '--request' = 'The HTTP method: GET, or POST when there is -d or a field.'
                '--silent' = 'Do not print the response body.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--allow-host' = 'none'; '--aws-service' = 'none'; '--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'; '-d' = 'file'; '--data' = 'file'; '-F' = 'none'; '--field' = 'none'; '-H' = 'none'; '--header' = 'none'; '-f' = 'none'; '--raw-field' = 'none'; '-X' = 'none'; '--method' = 'none'; '--request' = 'none'}
            Positionals = @(@(0, 0, 'ref'), @(1, 1, 'none'))
            RunsCommand = $false
        }
        'exec' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '--env' = 'Put this key in this variable instead. Repeatable.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'; '--env' = 'none'}
            Positionals = @(, @(0, [int]::MaxValue, 'none'))
            RunsCommand = $false
        }
        'provider' = @{
            Subs = [ordered]@{
                'add' = 'Configure a provider.'
                'login' = 'Store a provider''s management credential in the secret store.'
                'list' = 'List providers: those you added, and local.'
                'show' = 'Show a provider''s settings.'
                'logout' = 'Delete a provider''s stored management credential.'
                'remove' = 'Remove a provider you added (it must have no keys left).'
            }
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @()
            RunsCommand = $false
        }
        'provider add' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--allow-host' = 'Another origin its keys may be sent to: HOST[:PORT] (https), SCHEME://HOST[:PORT], or a loopback HOST (any port, http too). Repeatable.'
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--base-url' = 'Its base URL (https; http only to loopback).'
                '--config-dir' = 'Config directory.'
                '--env-var' = 'The variable ''apikey exec'' sets.'
                '--file' = 'With --type http: the provider''s definition (see docs/providers.md).'
                '--header' = 'The header keys are sent in.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '--param' = 'A type-specific setting. Repeatable.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '--scheme' = 'The header value, e.g. ''Bearer {secret}''.'
                '--type' = 'The API it speaks: local, http, cloudflare, gitlab, github, openai, datadog, sendgrid, twilio, npm.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--allow-host' = 'none'; '--backend' = 'w:keychain,file,env'; '--base-url' = 'none'; '--config-dir' = 'dir'; '--env-var' = 'none'; '--file' = 'file'; '--header' = 'none'; '--param' = 'none'; '--scheme' = 'none'; '--type' = 'w:local,http,github,cloudflare,gitlab,openai,datadog,sendgrid,twilio,npm,linode,anthropic,heroku,aws'}
            Positionals = @(, @(0, 0, 'none'))
            RunsCommand = $false
        }
        'provider login' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'provider'))
            RunsCommand = $false
        }
        'provider list' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @()
            RunsCommand = $false
        }
        'provider show' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'provider'))
            RunsCommand = $false
        }
        'provider logout' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'provider'))
            RunsCommand = $false
        }
        'provider remove' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '-y' = 'Do not ask for confirmation (required without a terminal).'
                '--yes' = 'Do not ask for confirmation (required without a terminal).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'provider'))
            RunsCommand = $false
        }
        'status' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--check' = 'Exit 8 when anything needs action.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--warn' = 'Report keys expiring within this time (default: 14d).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'; '--warn' = 'none'}
            Positionals = @()
            RunsCommand = $false
        }
        'log' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'ref'))
            RunsCommand = $false
        }
        'target' = @{
            Subs = [ordered]@{
                'add' = 'Deliver a key''s secret to a destination.'
                'list' = 'List targets with their last write.'
                'remove' = 'Stop delivering a key''s secret to a destination.'
            }
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @()
            RunsCommand = $false
        }
        'target add' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--name' = 'The secret''s or variable''s name there (default: the key''s exec variable).'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'; '--name' = 'none'}
            Positionals = @(@(0, 0, 'ref'), @(1, 1, 'none'))
            RunsCommand = $false
        }
        'target list' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'ref'))
            RunsCommand = $false
        }
        'target remove' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(@(0, 0, 'ref'), @(1, 1, 'none'))
            RunsCommand = $false
        }
        'sync' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '--dry-run' = 'Show what would be written; write nothing.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, [int]::MaxValue, 'ref'))
            RunsCommand = $false
        }
        'unlock' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '--for' = 'How long to stay unlocked, at most 24h (default: 15m).'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'; '--for' = 'none'}
            Positionals = @()
            RunsCommand = $false
        }
        'lock' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @()
            RunsCommand = $false
        }
        'completion' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'w:bash,zsh,fish,powershell'))
            RunsCommand = $false
        }
        'shell' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show this help message and exit.'
                '--help' = 'Show this help message and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @()
            RunsCommand = $false
        }
        'help' = @{
            Subs = [ordered]@{}
            Options = [ordered]@{
                '--backend' = 'Secret store for new secrets: keychain, file or env.'
                '--config-dir' = 'Config directory.'
                '-h' = 'Show usage help for the help command and exit.'
                '--help' = 'Show usage help for the help command and exit.'
                '--json' = 'Print data as JSON.'
                '--no-input' = 'Never prompt; fail instead.'
                '-q' = 'Print no progress or confirmations.'
                '--quiet' = 'Print no progress or confirmations.'
                '-v' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
                '--verbose' = 'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            }
            Valued = @{'--backend' = 'w:keychain,file,env'; '--config-dir' = 'dir'}
            Positionals = @(, @(0, 0, 'w:create,import,list,get,rotate,revoke,forget,request,exec,provider,status,log,target,sync,unlock,lock,completion,shell,help'))
            RunsCommand = $false
        }
    }


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
