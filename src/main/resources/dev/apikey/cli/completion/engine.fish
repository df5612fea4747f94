# fish completion for apikey.
# Generated from apikey's command model by 'apikey completion fish': do not edit.
# Install: copy to ~/.config/fish/completions/apikey.fish, or run
# 'apikey completion fish | source' from ~/.config/fish/config.fish.
#
# Keys and providers complete from names.cache in apikey's config directory, which this script
# reads itself: pressing TAB never starts apikey (or Java).

@MODEL@
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
