# fish completion for apikey.
# Generated from apikey's command model by 'apikey completion fish': do not edit.
# Install: copy to ~/.config/fish/completions/apikey.fish, or run
# 'apikey completion fish | source' from ~/.config/fish/config.fish.
#
# Keys and providers complete from names.cache in apikey's config directory, which this script
# reads itself: pressing TAB never starts apikey (or Java).

set -g __apikey_types local github cloudflare gitlab openai datadog sendgrid twilio npm linode anthropic heroku aws

# What each command accepts: subcommands and options with their descriptions, options that
# take a value (with what completes it) and positional parameters by index.
function __apikey_model --argument-names cmdpath
    switch $cmdpath
        case ''
            set -g __apikey_subs \
                'create'\t'Create a key at its provider and keep its secret in the secret store.' \
                'import'\t'Store an existing secret for a key made elsewhere.' \
                'list'\t'List keys with their metadata (never their secrets).' \
                'get'\t'Print a key\'s secret to standard output.' \
                'rotate'\t'Replace keys with new ones.' \
                'revoke'\t'Revoke a key at its provider, then forget it here.' \
                'forget'\t'Remove a key\'s secret and metadata from this machine only.' \
                'request'\t'Send an HTTP request with a key in it, the way its provider expects.' \
                'exec'\t'Run a command with keys in its environment.' \
                'provider'\t'Configure providers: the key-management APIs keys are made with.' \
                'status'\t'Report secret store health, keys expiring or due, pending revocations and recovery files.' \
                'log'\t'Show the local audit log: every create, rotate, revoke, forget and use of a key. Never secrets.' \
                'target'\t'Where a key\'s secret is delivered: CI secrets, CI/CD variables, dotenv files.' \
                'sync'\t'Write each key\'s current secret to all of its targets now (idempotent).' \
                'unlock'\t'Keep the encrypted file store unlocked for this user for a while.' \
                'lock'\t'Lock the encrypted file store now: the agent of \'apikey unlock\' forgets the key and exits.' \
                'completion'\t'Print the shell completion script for bash, zsh, fish or PowerShell.' \
                'shell'\t'Start an interactive shell with apikey\'s commands, completion and history.' \
                'help'\t'When no COMMAND is given, the usage help for the main command is displayed.'
            set -g __apikey_sub_names create import list get rotate revoke forget request exec provider status log target sync unlock lock completion shell help
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '-V'\t'Print version information and exit.' \
                '--version'\t'Print version information and exit.'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos
        case 'create'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '--description'\t'What the key is for.' \
                '--expires'\t'Expiry: 30d, 2w, P90D or 2027-01-31.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--max-age'\t'Rotate this key with \'rotate --due\' once it is this old (else the provider\'s maxAge).' \
                '--no-input'\t'Never prompt; fail instead.' \
                '--param'\t'A provider-specific create field; @FILE reads a JSON value from a file. Repeatable.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '--scope'\t'A scope to grant; repeatable.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir' '--description=none' '--expires=none' '--max-age=none' '--param=none' '--scope=none'
            set -g __apikey_valued_names --backend --config-dir --description --expires --max-age --param --scope
            set -g __apikey_pos '0-0=newref'
        case 'import'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '--description'\t'What the key is for.' \
                '--expires'\t'When the key expires, if it does.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--id'\t'The provider\'s id of the key, so it can be rotated and revoked.' \
                '--json'\t'Print data as JSON.' \
                '--max-age'\t'Rotate this key with \'rotate --due\' once it is this old (else the provider\'s maxAge).' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir' '--description=none' '--expires=none' '--id=none' '--max-age=none'
            set -g __apikey_valued_names --backend --config-dir --description --expires --id --max-age
            set -g __apikey_pos '0-0=newref'
        case 'list'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '--remote'\t'Also ask the provider which keys exist there.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=provider'
        case 'get'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=ref'
        case 'rotate'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '--dry-run'\t'Only list what would rotate.' \
                '--due'\t'Every key past its own or its provider\'s maxAge.' \
                '--finish'\t'Revoke replaced keys whose grace period is over.' \
                '--grace'\t'Keep the old key working this long.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '--older-than'\t'Every key at least this old.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '--resume'\t'Complete or roll back interrupted creates and rotations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir' '--grace=none' '--older-than=none'
            set -g __apikey_valued_names --backend --config-dir --grace --older-than
            set -g __apikey_pos '0-*=ref'
        case 'revoke'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--keep-local'\t'Keep the key\'s record here, marked revoked.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '-y'\t'Do not ask for confirmation (required without a terminal).' \
                '--yes'\t'Do not ask for confirmation (required without a terminal).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=ref'
        case 'forget'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '-y'\t'Do not ask for confirmation (required without a terminal).' \
                '--yes'\t'Do not ask for confirmation (required without a terminal).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=ref'
        case 'request'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--allow-host'\t'For a key bound to no host: where this request may go, read as by \'provider add --allow-host\' (https unless SCHEME:// is given; a loopback host: any port, http too). Repeatable.' \
                '--aws-service'\t'For an aws key: the service to sign for (e.g. s3, execute-api), when the host does not say.' \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-d'\t'The request body: text, a file\'s bytes, or standard input. JSON when it starts with { or [.' \
                '--data'\t'The request body: text, a file\'s bytes, or standard input. JSON when it starts with { or [.' \
                '--fail-with-body'\t'Accepted for curl users; it is always so: a status of 400 or more prints the body and exits 1.' \
                '-F'\t'A typed field: true, false, null and integers as JSON, @FILE a file\'s text, @- stdin. Repeatable.' \
                '--field'\t'A typed field: true, false, null and integers as JSON, @FILE a file\'s text, @- stdin. Repeatable.' \
                '-H'\t'Add a header. One named like the key\'s header replaces the key; an empty value sends none. Repeatable.' \
                '--header'\t'Add a header. One named like the key\'s header replaces the key; an empty value sends none. Repeatable.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '-i'\t'Print the status line and response headers before the body.' \
                '--include'\t'Print the status line and response headers before the body.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-f'\t'A string field of a JSON body (query parameter for GET). Repeatable.' \
                '--raw-field'\t'A string field of a JSON body (query parameter for GET). Repeatable.' \
                '-X'\t'The HTTP method: GET, or POST when there is -d or a field.' \
                '--method'\t'The HTTP method: GET, or POST when there is -d or a field.' \
                '--request'\t'The HTTP method: GET, or POST when there is -d or a field.' \
                '--silent'\t'Do not print the response body.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--allow-host=none' '--aws-service=none' '--backend=w:keychain,file,env' '--config-dir=dir' '-d=file' '--data=file' '-F=none' '--field=none' '-H=none' '--header=none' '-f=none' '--raw-field=none' '-X=none' '--method=none' '--request=none'
            set -g __apikey_valued_names --allow-host --aws-service --backend --config-dir -d --data -F --field -H --header -f --raw-field -X --method --request
            set -g __apikey_pos '0-0=ref' '1-1=none'
        case 'exec'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '--env'\t'Put this key in this variable instead. Repeatable.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir' '--env=none'
            set -g __apikey_valued_names --backend --config-dir --env
            set -g __apikey_pos '0-*=none'
        case 'provider'
            set -g __apikey_subs \
                'add'\t'Configure a provider.' \
                'login'\t'Store a provider\'s management credential in the secret store.' \
                'list'\t'List providers: those you added, and local.' \
                'show'\t'Show a provider\'s settings.' \
                'logout'\t'Delete a provider\'s stored management credential.' \
                'remove'\t'Remove a provider you added (it must have no keys left).'
            set -g __apikey_sub_names add login list show logout remove
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos
        case 'provider add'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--allow-host'\t'Another origin its keys may be sent to: HOST[:PORT] (https), SCHEME://HOST[:PORT], or a loopback HOST (any port, http too). Repeatable.' \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--base-url'\t'Its base URL (https; http only to loopback).' \
                '--config-dir'\t'Config directory.' \
                '--env-var'\t'The variable \'apikey exec\' sets.' \
                '--file'\t'With --type http: the provider\'s definition (see docs/providers.md).' \
                '--header'\t'The header keys are sent in.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '--param'\t'A type-specific setting. Repeatable.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '--scheme'\t'The header value, e.g. \'Bearer {secret}\'.' \
                '--type'\t'The API it speaks: local, http, cloudflare, gitlab, github, openai, datadog, sendgrid, twilio, npm.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--allow-host=none' '--backend=w:keychain,file,env' '--base-url=none' '--config-dir=dir' '--env-var=none' '--file=file' '--header=none' '--param=none' '--scheme=none' '--type=w:local,http,github,cloudflare,gitlab,openai,datadog,sendgrid,twilio,npm,linode,anthropic,heroku,aws'
            set -g __apikey_valued_names --allow-host --backend --base-url --config-dir --env-var --file --header --param --scheme --type
            set -g __apikey_pos '0-0=none'
        case 'provider login'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=provider'
        case 'provider list'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos
        case 'provider show'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=provider'
        case 'provider logout'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=provider'
        case 'provider remove'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '-y'\t'Do not ask for confirmation (required without a terminal).' \
                '--yes'\t'Do not ask for confirmation (required without a terminal).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=provider'
        case 'status'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--check'\t'Exit 8 when anything needs action.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--warn'\t'Report keys expiring within this time (default: 14d).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir' '--warn=none'
            set -g __apikey_valued_names --backend --config-dir --warn
            set -g __apikey_pos
        case 'log'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=ref'
        case 'target'
            set -g __apikey_subs \
                'add'\t'Deliver a key\'s secret to a destination.' \
                'list'\t'List targets with their last write.' \
                'remove'\t'Stop delivering a key\'s secret to a destination.'
            set -g __apikey_sub_names add list remove
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos
        case 'target add'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--name'\t'The secret\'s or variable\'s name there (default: the key\'s exec variable).' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir' '--name=none'
            set -g __apikey_valued_names --backend --config-dir --name
            set -g __apikey_pos '0-0=ref' '1-1=none'
        case 'target list'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=ref'
        case 'target remove'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=ref' '1-1=none'
        case 'sync'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '--dry-run'\t'Show what would be written; write nothing.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-*=ref'
        case 'unlock'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '--for'\t'How long to stay unlocked, at most 24h (default: 15m).' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir' '--for=none'
            set -g __apikey_valued_names --backend --config-dir --for
            set -g __apikey_pos
        case 'lock'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos
        case 'completion'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=w:bash,zsh,fish,powershell'
        case 'shell'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show this help message and exit.' \
                '--help'\t'Show this help message and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos
        case 'help'
            set -g __apikey_subs
            set -g __apikey_sub_names 
            set -g __apikey_options \
                '--backend'\t'Secret store for new secrets: keychain, file or env.' \
                '--config-dir'\t'Config directory.' \
                '-h'\t'Show usage help for the help command and exit.' \
                '--help'\t'Show usage help for the help command and exit.' \
                '--json'\t'Print data as JSON.' \
                '--no-input'\t'Never prompt; fail instead.' \
                '-q'\t'Print no progress or confirmations.' \
                '--quiet'\t'Print no progress or confirmations.' \
                '-v'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).' \
                '--verbose'\t'Show details on stderr, such as HTTP exchanges (secrets redacted).'
            set -g __apikey_valued '--backend=w:keychain,file,env' '--config-dir=dir'
            set -g __apikey_valued_names --backend --config-dir
            set -g __apikey_pos '0-0=w:create,import,list,get,rotate,revoke,forget,request,exec,provider,status,log,target,sync,unlock,lock,completion,shell,help'
    end
end

# The name cache in the config directory, found the way apikey finds it: --config-dir on the
# command line, else APIKEY_CONFIG_DIR, else $XDG_CONFIG_HOME/apikey, else the platform's default.
function __apikey_cache_file --argument-names dir
    if test -n "$dir"
        string replace -r '^~(?=/|$)' -- $HOME $dir
    else if set -q APIKEY_CONFIG_DIR[1]; and test -n "$APIKEY_CONFIG_DIR"
        echo $APIKEY_CONFIG_DIR
    else if set -q XDG_CONFIG_HOME[1]; and test -n "$XDG_CONFIG_HOME"
        echo $XDG_CONFIG_HOME/apikey
    else
        if not set -q __apikey_os
            set -g __apikey_os (uname -s)
        end
        switch $__apikey_os
            case Darwin
                echo "$HOME/Library/Application Support/apikey"
            case 'MINGW*' 'MSYS*' 'CYGWIN*'
                if set -q APPDATA
                    echo $APPDATA/apikey
                else
                    echo $HOME/AppData/Roaming/apikey
                end
            case '*'
                echo $HOME/.config/apikey
        end
    end | string replace -r '$' /names.cache
end

# Provider names: those in the cache, those of its keys, and the built-in types.
function __apikey_providers --argument-names cache
    if test -r $cache -a ! -L $cache
        string replace -rf '^provider (.+)$' '$1' <$cache
        string replace -rf '^key ([^/]+)/.*$' '$1' <$cache
    end
    printf '%s\n' $__apikey_types
end

# Prints what completes a value of this kind: ref, newref, provider, file, dir, w:ONE,TWO or none.
function __apikey_value --argument-names kind cur cache
    switch $kind
        case ref
            test -r $cache -a ! -L $cache; and string replace -rf '^key (.+)$' '$1' <$cache
        case provider
            __apikey_providers $cache
        case newref
            # A new key: only its provider can be completed; the name is the user's to choose.
            string match -q -- '*/*' $cur; or __apikey_providers $cache | string replace -r '$' /
        case file
            __fish_complete_path $cur
        case dir
            __fish_complete_directories $cur ''
        case 'w:*'
            string split , -- (string replace -r '^w:' '' -- $kind)
    end
end

function __apikey_complete
    set -l args (commandline -opc)
    set -e args[1]
    set -l cur (commandline -ct)
    set -l cmdpath
    set -l npos 0
    set -l dashdash 0
    set -l rest
    set -l config_dir
    set -l pending
    __apikey_model ''
    for word in $args
        if test -n "$pending"
            test "$pending" = --config-dir; and set config_dir $word
            set pending
        else if test $dashdash = 1
            set npos (math $npos + 1)
            set -a rest $word
        else
            switch $word
                case --
                    set dashdash 1
                case '--config-dir=*'
                    set config_dir (string replace -r '^[^=]*=' '' -- $word)
                case '-*=*'
                case '-*'
                    contains -- $word $__apikey_valued_names; and set pending $word
                case '*'
                    if test $npos = 0; and contains -- $word $__apikey_sub_names
                        set -a cmdpath $word
                        __apikey_model "$cmdpath"
                    else
                        set npos (math $npos + 1)
                    end
            end
        end
    end
    set -l cache (__apikey_cache_file "$config_dir")

    if test -n "$pending"
        __apikey_value (__apikey_kind $pending) $cur $cache
    else if test $dashdash = 0; and string match -q -- '-*=*' $cur
        set -l option (string replace -r '=.*' '' -- $cur)
        contains -- $option $__apikey_valued_names; or return
        set -l value (string replace -r '^[^=]*=' '' -- $cur)
        __apikey_value (__apikey_kind $option) $value $cache | string replace -r '^' -- "$option="
    else if test $dashdash = 0; and string match -q -- '-*' $cur
        printf '%s\n' $__apikey_options
    else if test $dashdash = 1; and string match -q -- '*=cmd' $__apikey_pos
        # A command line to run: complete it as its own.
        complete -C (string join ' ' -- (string escape -- $rest) $cur)
    else
        test $npos = 0; and printf '%s\n' $__apikey_subs
        for entry in $__apikey_pos
            set -l range (string split -m1 = -- $entry)
            set -l bounds (string split - -- $range[1])
            test $bounds[2] = '*'; and set bounds[2] $npos
            if test $npos -ge $bounds[1] -a $npos -le $bounds[2]
                __apikey_value $range[2] $cur $cache
                break
            end
        end
    end
end

# The kind of value an option of the current command takes.
function __apikey_kind --argument-names option
    for entry in $__apikey_valued
        set -l pair (string split -m1 = -- $entry)
        if test "$pair[1]" = "$option"
            echo $pair[2]
            return
        end
    end
    echo none
end

complete -c apikey -e
complete -c apikey -f -a '(__apikey_complete)'
