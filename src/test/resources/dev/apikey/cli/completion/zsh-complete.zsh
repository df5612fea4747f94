# Prints what zsh's completion system offers for a command line, one candidate per line.
# Usage: zsh -f zsh-complete.zsh COMPLETION_SCRIPT 'apikey get lo'
# A real interactive zsh runs in a pseudo-terminal (zpty); TAB there runs the completion, and a
# wrapper around compadd prints each match it adds between markers that are read back here.
zmodload zsh/zpty || exit 3
script=$1 line=$2

# The zsh to drive is named by ZSH_BIN: tests run with a PATH that holds no shell.
zpty -b complete ${ZSH_BIN:-zsh} -f -i
zpty -w complete 'PS1= PS2= RPS1=; setopt no_beep'
zpty -w complete 'autoload -Uz compinit && compinit -u -D'
zpty -w complete "source ${(q)script}"
zpty -w complete 'compadd() {
  if [[ ${${@[1,(i)--]}[(I)-[OAD]*]} -ne 0 ]]; then builtin compadd "$@"; return; fi
  local -a __seen; builtin compadd -O __seen "$@"
  local s; for s in $__seen; do print -r -- "<<match>>$s"; done
  builtin compadd "$@"
}'
zpty -w complete 'zstyle ":completion:*" list-prompt ""; zstyle ":completion:*" menu no; LISTMAX=100000'
# The markers are typed split in two, so that only their output matches, not their echo.
zpty -w complete 'print -r -- "<<rea""dy>>"'
zpty -r complete out '*<<ready>>*' || exit 4
zpty -n -w complete "$line"$'\t'
zpty -w complete $'\C-u print -r -- "<<do""ne>>"'
zpty -r complete out '*<<done>>*' || exit 5
zpty -d complete
for l in ${(f)out}; do
  l=${l//$'\r'/}
  [[ $l == *'<<match>>'* ]] && print -r -- ${l##*<<match>>}
done
exit 0
