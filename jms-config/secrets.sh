# Sourced by pg.sh, artemis.sh and configure-wildfly.sh: the one way the lab's scripts make and
# take passwords. Never a default; never on a command line.

# Prints a random 24-character password (letters and digits).
random_secret() {
    head -c 24 /dev/urandom | base64 | tr -d '/+=' | cut -c1-24
}

# Prints the password in environment variable $2, or else a generated one that it first writes to
# file $3 (mode 600), saying so on standard error as $1 (the calling script's name).
password_of() {
    local script=$1 variable=$2 file=$3 given generated
    given=${!variable:-}
    if [ -n "$given" ]; then
        printf '%s' "$given"
        return
    fi
    generated=$(random_secret)
    (umask 077 && printf '%s\n' "$generated" > "$file")
    echo "$script: generated a password, in $file (\$$variable was not set)" >&2
    printf '%s' "$generated"
}
