#compdef apikey
#
# zsh completion for apikey.
# Generated from apikey's command model by 'apikey completion zsh': do not edit.
# Install: copy to a directory in $fpath as _apikey (e.g. ~/.zfunc/_apikey with
# 'fpath=(~/.zfunc $fpath)' before 'compinit' in ~/.zshrc), or add
# 'source <(apikey completion zsh)' to ~/.zshrc after 'compinit'.
#
# Keys and providers complete from names.cache in apikey's config directory, which this script
# reads itself: pressing TAB never starts apikey (or Java).

@MODEL@
# The name cache in the config directory, found the way apikey finds it: --config-dir on the
# command line, else APIKEY_CONFIG_DIR, else $XDG_CONFIG_HOME/apikey, else the platform's default.
__apikey_cache_file() {
    local dir=$1
    if [[ -n $dir ]]; then
        [[ $dir == '~' || $dir == '~/'* ]] && dir=$HOME${dir#\~}
    elif [[ -n ${APIKEY_CONFIG_DIR-} ]]; then
        dir=$APIKEY_CONFIG_DIR
    elif [[ -n ${XDG_CONFIG_HOME-} ]]; then
        dir=$XDG_CONFIG_HOME/apikey
    else
        case $OSTYPE in
        darwin*) dir="$HOME/Library/Application Support/apikey" ;;
        msys* | cygwin* | win*) dir=${APPDATA:-$HOME/AppData/Roaming}/apikey ;;
        *) dir=$HOME/.config/apikey ;;
        esac
    fi
    REPLY=$dir/names.cache
}

# The lines of the name cache: 'key PROVIDER/NAME' or 'provider NAME'.
__apikey_cache_lines() {
    reply=()
    [[ -r $__apikey_cache && ! -L $__apikey_cache ]] && reply=("${(@f)$(<$__apikey_cache)}")
}

# Provider names: those in the cache, those of its keys, and the built-in types.
__apikey_providers() {
    __apikey_cache_lines
    local -a names
    names=(${${(M)reply:#provider *}#provider } ${${${(M)reply:#key */*}#key }%%/*} $__apikey_types)
    reply=(${(u)names})
}

# Completes a value of this kind: ref, newref, provider, file, dir, w:ONE,TWO or none.
__apikey_value() {
    local kind=$1
    case $kind in
    ref)
        __apikey_cache_lines
        local -a refs
        refs=(${${(M)reply:#key *}#key })
        _wanted keys expl 'key' compadd -a refs
        ;;
    provider)
        __apikey_providers
        _wanted providers expl 'provider' compadd -a reply
        ;;
    newref)
        # A new key: only its provider can be completed; the name is the user's to choose.
        [[ $PREFIX == */* ]] && return 1
        __apikey_providers
        _wanted providers expl 'provider' compadd -S / -a reply
        ;;
    file) _files ;;
    dir) _files -/ ;;
    w:*)
        local -a words
        words=(${(s:,:)kind#w:})
        _wanted values expl 'value' compadd -a words
        ;;
    *) return 1 ;;
    esac
}

_apikey() {
    local -a args
    args=("${(@)words[2,CURRENT-1]}")
    local cur=${words[CURRENT]} cmdpath= word config_dir= pending= kind
    local -i npos=0 i dashdash=0 dashdash_at=0
    local -a __apikey_subs __apikey_options
    local __apikey_valued __apikey_pos __apikey_cache
    __apikey_model ''
    for ((i = 1; i <= $#args; i++)); do
        word=${args[i]}
        if [[ -n $pending ]]; then
            [[ $pending == --config-dir ]] && config_dir=$word
            pending=
        elif ((dashdash)); then
            ((npos++))
        else
            case $word in
            --) dashdash=1 dashdash_at=$i ;;
            --config-dir=*) config_dir=${word#*=} ;;
            -*=*) ;;
            -*) [[ $__apikey_valued == *" $word="* ]] && pending=$word ;;
            *)
                if ((npos == 0)) && ((${__apikey_subs[(I)${(b)word}:*]})); then
                    cmdpath=${cmdpath:+$cmdpath }$word
                    __apikey_model "$cmdpath"
                else
                    ((npos++))
                fi
                ;;
            esac
        fi
    done
    __apikey_cache_file $config_dir
    __apikey_cache=$REPLY

    if [[ -n $pending ]]; then
        kind=${__apikey_valued#* $pending=}
        __apikey_value ${kind%% *}
    elif ((!dashdash)) && [[ $cur == -*=* ]]; then
        local option=${cur%%=*}
        [[ $__apikey_valued == *" $option="* ]] || return 1
        kind=${__apikey_valued#* $option=}
        compset -P '*='
        __apikey_value ${kind%% *}
    elif ((!dashdash)) && [[ $cur == -* ]]; then
        _describe -t options 'option' __apikey_options
    elif ((dashdash)) && [[ $__apikey_pos == *=cmd* ]]; then
        # A command line to run: complete it as its own.
        shift $((dashdash_at + 1)) words
        ((CURRENT -= dashdash_at + 1))
        _normal
    else
        local ret=1 entry from to
        ((npos == 0 && $#__apikey_subs)) && _describe -t commands 'command' __apikey_subs && ret=0
        for entry in ${=__apikey_pos}; do
            from=${entry%%-*} to=${${entry#*-}%%=*}
            [[ $to == '*' ]] && to=$npos
            if ((npos >= from && npos <= to)); then
                __apikey_value ${entry#*=} && ret=0
                break
            fi
        done
        return ret
    fi
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _apikey "$@"
else
    compdef _apikey apikey
fi
