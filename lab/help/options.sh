# Sourced by lab/compare.sh and lab/bench.sh: answers --help and refuses an unknown option name from
# the command's help text (lab/help/NAME.txt, the picocli usage the command prints itself, kept equal
# to it by UsageTextTest), before anything is built. Option values are checked by the command.
# usage: check_options NAME "$@"
check_options() {
    local name=$1 help arg option
    shift
    help="$(dirname "${BASH_SOURCE[0]}")/$name.txt"
    for arg in "$@"; do
        if [[ "$arg" == "-h" || "$arg" == "--help" ]]; then
            cat "$help"
            exit 0
        fi
    done
    for arg in "$@"; do
        [[ "$arg" == --* ]] || continue
        option=${arg%%=*}
        if ! grep -qE -- "(^|[ ,\[])${option}([=, ]|\]|$)" "$help"; then
            echo "$name: unknown option $option (lab/$name.sh --help lists them)" >&2
            exit 2
        fi
    done
}
