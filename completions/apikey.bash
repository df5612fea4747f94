# bash completion for apikey                                  -*- shell-script -*-
#
# Generated from apikey's command model by 'apikey completion bash': do not edit.
# Install: copy to ~/.local/share/bash-completion/completions/apikey (bash-completion loads it
# on first use), or add 'source <(apikey completion bash)' to ~/.bashrc.
#
# Keys and providers complete from names.cache in apikey's config directory, which this script
# reads itself: pressing TAB never starts apikey (or Java). Works in bash 3.2 and later.

__apikey_types='local github cloudflare gitlab openai datadog sendgrid twilio npm linode anthropic heroku aws'

# What each command accepts: subcommands, options, options that take a value (with what
# completes it) and positional parameters by index.
__apikey_model() {
    case $1 in
    '')
        __apikey_subs='create import list get rotate revoke forget request exec provider status log target sync unlock lock completion shell help'
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose -V --version'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos=''
        ;;
    'create')
        __apikey_subs=''
        __apikey_options='--backend --config-dir --description --expires -h --help --json --max-age --no-input --param -q --quiet --scope -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir --description=none --expires=none --max-age=none --param=none --scope=none '
        __apikey_pos='0-0=newref'
        ;;
    'import')
        __apikey_subs=''
        __apikey_options='--backend --config-dir --description --expires -h --help --id --json --max-age --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir --description=none --expires=none --id=none --max-age=none '
        __apikey_pos='0-0=newref'
        ;;
    'list')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet --remote -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=provider'
        ;;
    'get')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=ref'
        ;;
    'rotate')
        __apikey_subs=''
        __apikey_options='--backend --config-dir --dry-run --due --finish --grace -h --help --json --no-input --older-than -q --quiet --resume -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir --grace=none --older-than=none '
        __apikey_pos='0-*=ref'
        ;;
    'revoke')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --keep-local --no-input -q --quiet -v --verbose -y --yes'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=ref'
        ;;
    'forget')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose -y --yes'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=ref'
        ;;
    'request')
        __apikey_subs=''
        __apikey_options='--allow-host --aws-service --backend --config-dir -d --data --fail-with-body -F --field -H --header -h --help -i --include --json --no-input -q --quiet -f --raw-field -X --method --request --silent -v --verbose'
        __apikey_valued=' --allow-host=none --aws-service=none --backend=w:keychain,file,env --config-dir=dir -d=file --data=file -F=none --field=none -H=none --header=none -f=none --raw-field=none -X=none --method=none --request=none '
        __apikey_pos='0-0=ref 1-1=none'
        ;;
    'exec')
        __apikey_subs=''
        __apikey_options='--backend --config-dir --env -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir --env=none '
        __apikey_pos='0-*=none'
        ;;
    'provider')
        __apikey_subs='add login list show logout remove'
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos=''
        ;;
    'provider add')
        __apikey_subs=''
        __apikey_options='--allow-host --backend --base-url --config-dir --env-var --file --header -h --help --json --no-input --param -q --quiet --scheme --type -v --verbose'
        __apikey_valued=' --allow-host=none --backend=w:keychain,file,env --base-url=none --config-dir=dir --env-var=none --file=file --header=none --param=none --scheme=none --type=w:local,http,github,cloudflare,gitlab,openai,datadog,sendgrid,twilio,npm,linode,anthropic,heroku,aws '
        __apikey_pos='0-0=none'
        ;;
    'provider login')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=provider'
        ;;
    'provider list')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos=''
        ;;
    'provider show')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=provider'
        ;;
    'provider logout')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=provider'
        ;;
    'provider remove')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose -y --yes'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=provider'
        ;;
    'status')
        __apikey_subs=''
        __apikey_options='--backend --check --config-dir -h --help --json --no-input -q --quiet -v --verbose --warn'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir --warn=none '
        __apikey_pos=''
        ;;
    'log')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=ref'
        ;;
    'target')
        __apikey_subs='add list remove'
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos=''
        ;;
    'target add')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --name --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir --name=none '
        __apikey_pos='0-0=ref 1-1=none'
        ;;
    'target list')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=ref'
        ;;
    'target remove')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=ref 1-1=none'
        ;;
    'sync')
        __apikey_subs=''
        __apikey_options='--backend --config-dir --dry-run -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-*=ref'
        ;;
    'unlock')
        __apikey_subs=''
        __apikey_options='--backend --config-dir --for -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir --for=none '
        __apikey_pos=''
        ;;
    'lock')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos=''
        ;;
    'completion')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=w:bash,zsh,fish,powershell'
        ;;
    'shell')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos=''
        ;;
    'help')
        __apikey_subs=''
        __apikey_options='--backend --config-dir -h --help --json --no-input -q --quiet -v --verbose'
        __apikey_valued=' --backend=w:keychain,file,env --config-dir=dir '
        __apikey_pos='0-0=w:create,import,list,get,rotate,revoke,forget,request,exec,provider,status,log,target,sync,unlock,lock,completion,shell,help'
        ;;
    esac
}

# The config directory, found the way apikey finds it: --config-dir on the command line, else
# APIKEY_CONFIG_DIR, else $XDG_CONFIG_HOME/apikey, else the platform's default.
__apikey_config_dir() {
    local dir=$1
    if [[ -n $dir ]]; then
        [[ $dir == '~' || $dir == '~/'* ]] && dir=$HOME${dir#'~'}
    elif [[ -n ${APIKEY_CONFIG_DIR-} ]]; then
        dir=$APIKEY_CONFIG_DIR
    elif [[ -n ${XDG_CONFIG_HOME-} ]]; then
        dir=$XDG_CONFIG_HOME/apikey
    else
        case ${OSTYPE-} in
        darwin*) dir="$HOME/Library/Application Support/apikey" ;;
        msys* | cygwin* | win*) dir=${APPDATA:-$HOME/AppData/Roaming}/apikey ;;
        *) dir=$HOME/.config/apikey ;;
        esac
    fi
    __apikey_cache=$dir/names.cache
}

# Reads the name cache into __apikey_lines, one 'key PROVIDER/NAME' or 'provider NAME' each; never
# through a symbolic link, as apikey reads no file of its config directory through one.
__apikey_read_cache() {
    __apikey_lines=()
    [[ -r $__apikey_cache && ! -L $__apikey_cache ]] || return 0
    if ((BASH_VERSINFO[0] >= 4)); then
        mapfile -t __apikey_lines <"$__apikey_cache"
    else
        local line
        while IFS= read -r line || [[ -n $line ]]; do
            __apikey_lines[${#__apikey_lines[@]}]=$line
        done <"$__apikey_cache"
    fi
}

# Adds the words of $1 (space-separated) that start with $2.
__apikey_add_words() {
    local word
    for word in $1; do
        [[ $word == "$2"* ]] && COMPREPLY[${#COMPREPLY[@]}]=$word
    done
}

# Adds provider names that start with $1, each followed by $2: those in the cache, those of its
# keys, and the built-in types (which work without 'provider add').
__apikey_add_providers() {
    local line name seen=' '
    __apikey_read_cache
    for line in "${__apikey_lines[@]}" $__apikey_types; do
        case $line in
        'provider '*) name=${line#provider } ;;
        'key '*/*) name=${line#key }; name=${name%%/*} ;;
        *' '*) continue ;;
        *) name=$line ;;
        esac
        [[ $seen == *" $name "* ]] && continue
        seen="$seen$name "
        [[ $name == "$1"* ]] && COMPREPLY[${#COMPREPLY[@]}]=$name$2
    done
}

# Adds what completes a value of this kind: ref, newref, provider, file, dir, w:ONE,TWO or none.
__apikey_add_value() {
    local kind=$1 cur=$2 line IFS=$' \t\n'
    case $kind in
    ref)
        __apikey_read_cache
        for line in "${__apikey_lines[@]}"; do
            [[ $line == "key $cur"* ]] && COMPREPLY[${#COMPREPLY[@]}]=${line#key }
        done
        ;;
    provider) __apikey_add_providers "$cur" '' ;;
    newref)
        # A new key: only its provider can be completed; the name is the user's to choose.
        if [[ $cur != */* ]]; then
            __apikey_add_providers "$cur" /
            compopt -o nospace 2>/dev/null
        fi
        ;;
    file | dir)
        local IFS=$'\n' opt=-f
        [[ $kind == dir ]] && opt=-d
        compopt -o filenames 2>/dev/null
        COMPREPLY+=($(compgen $opt -- "$cur"))
        ;;
    w:*)
        local list=${kind#w:}
        __apikey_add_words "${list//,/ }" "$cur"
        ;;
    esac
}

_apikey() {
    COMPREPLY=()
    local cur=${COMP_WORDS[COMP_CWORD]} args=() i word n
    # bash splits '--opt=value' at '=': join the pieces again.
    local eq_option=
    for ((i = 1; i < COMP_CWORD; i++)); do
        word=${COMP_WORDS[i]}
        n=${#args[@]}
        if [[ $word == = ]] && ((n > 0)) && [[ ${args[n - 1]} == -* && ${args[n - 1]} != *=* ]]; then
            if ((i + 1 == COMP_CWORD)); then
                eq_option=${args[n - 1]}
                unset "args[n - 1]"
            else
                ((i++))
                args[n - 1]="${args[n - 1]}=${COMP_WORDS[i]}"
            fi
            continue
        fi
        args[n]=$word
    done

    local cmdpath= npos=0 dashdash= config_dir= pending=
    __apikey_model ''
    for ((i = 0; i < ${#args[@]}; i++)); do
        word=${args[i]}
        if [[ -n $pending ]]; then
            [[ $pending == --config-dir ]] && config_dir=$word
            pending=
        elif [[ -n $dashdash ]]; then
            ((npos++))
        else
            case $word in
            --) dashdash=1 ;;
            --config-dir=*) config_dir=${word#*=} ;;
            -*=*) ;;
            -*) [[ $__apikey_valued == *" $word="* ]] && pending=$word ;;
            *)
                if ((npos == 0)) && [[ " $__apikey_subs " == *" $word "* ]]; then
                    cmdpath=${cmdpath:+$cmdpath }$word
                    __apikey_model "$cmdpath"
                else
                    ((npos++))
                fi
                ;;
            esac
        fi
    done
    [[ -n $eq_option ]] && pending=$eq_option
    __apikey_config_dir "$config_dir"

    local kind
    if [[ -n $pending ]]; then
        kind=${__apikey_valued#* $pending=}
        __apikey_add_value "${kind%% *}" "$cur"
    elif [[ -z $dashdash && $cur == -*=* ]]; then
        # '--opt=value' when '=' is not a word break: complete the value, keep the prefix.
        local option=${cur%%=*}
        [[ $__apikey_valued == *" $option="* ]] || return 0
        kind=${__apikey_valued#* $option=}
        __apikey_add_value "${kind%% *}" "${cur#*=}"
        for ((i = 0; i < ${#COMPREPLY[@]}; i++)); do
            COMPREPLY[i]=$option=${COMPREPLY[i]}
        done
    elif [[ -z $dashdash && $cur == -* ]]; then
        __apikey_add_words "$__apikey_options" "$cur"
    elif [[ -n $dashdash && $__apikey_pos == *=cmd* ]]; then
        # A command line to run: complete it as its own (bash-completion's helper, where loaded).
        local offset
        for ((offset = 1; offset < COMP_CWORD; offset++)); do
            [[ ${COMP_WORDS[offset]} == -- ]] && break
        done
        ((offset++))
        if declare -F _command_offset >/dev/null; then
            _command_offset "$offset"
        elif ((COMP_CWORD == offset)); then
            local IFS=$'\n'
            COMPREPLY=($(compgen -c -- "$cur"))
        else
            local IFS=$'\n'
            compopt -o filenames 2>/dev/null
            COMPREPLY=($(compgen -f -- "$cur"))
        fi
    else
        ((npos == 0)) && __apikey_add_words "$__apikey_subs" "$cur"
        local entry from to
        for entry in $__apikey_pos; do
            from=${entry%%-*} to=${entry#*-} to=${to%%=*}
            [[ $to == '*' ]] && to=$npos
            if ((npos >= from && npos <= to)); then
                __apikey_add_value "${entry#*=}" "$cur"
                break
            fi
        done
    fi
    return 0
}

complete -F _apikey apikey
