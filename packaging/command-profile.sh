# Sourced by both launchers (lib/command-profile.sh in each distribution): which start-up archive a command line
# starts from. The JVM loads every class an AOT cache holds before apikey starts, and maps the whole of a CDS
# archive, needed or not: the commands that must start fastest have one trained on them alone, named after the
# command (`--version` alone: version), and every other command shares the one trained on all of them (full).
# The command is the first word that is no option (nor the value of --backend or --config-dir). A wrong pick
# costs time, never a result.
# pick_profile ARG...  sets $profile.
pick_profile() {
  profile=full
  if [ $# = 1 ] && { [ "$1" = --version ] || [ "$1" = -V ]; }; then
    profile=version
    return
  fi
  value=""
  for arg do
    if [ -n "$value" ]; then value=""; continue; fi
    case $arg in
      --backend|--config-dir) value=1 ;;
      -*) ;;
      *[!a-z]*) return ;;
      *) profile=$arg; return ;;
    esac
  done
}
