# bash completion for premarket.  Installed by `make install` into
# $(PREFIX)/share/bash-completion/completions/premarket.
#
# The commands and each command's options are read from premarket's own
# --help output when completing, so this file never goes stale: a command or
# option added to the program completes without a change here.  Words that
# are not options complete as files (models are YAML or XML), and the
# argument of -o/--output and --templates/--rules as directories.

_premarket_commands()
{
	"$1" --help 2>/dev/null | sed -n '/^Commands:/,/^$/s/^  \([a-z][a-z-]*\) .*/\1/p'
}

_premarket_options()
{
	"$1" "$2" --help 2>/dev/null | grep -o -- '--[a-z][a-z0-9-]*=\{0,1\}' | sort -u
}

_premarket()
{
	local cur prev prog cmd i
	COMPREPLY=()
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD - 1]}
	prog=${COMP_WORDS[0]}
	cmd=
	for ((i = 1; i < COMP_CWORD; i++)); do
		case ${COMP_WORDS[i]} in
		-*) ;;
		*)
			cmd=${COMP_WORDS[i]}
			break
			;;
		esac
	done
	if [ -z "$cmd" ]; then
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W '--help --version' -- "$cur"))
		else
			COMPREPLY=($(compgen -W "$(_premarket_commands "$prog")" -- "$cur"))
		fi
		return 0
	fi
	case $prev in
	-o | --output | -t | --templates | --rules)
		COMPREPLY=($(compgen -d -- "$cur"))
		return 0
		;;
	esac
	if [[ $cur == -* ]]; then
		local opts
		opts=$(_premarket_options "$prog" "$cmd")
		COMPREPLY=($(compgen -W "$opts" -- "$cur"))
		# an option that takes a value (--format=) gets no space after it
		[[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
		return 0
	fi
	COMPREPLY=($(compgen -f -- "$cur"))
	compopt -o filenames 2>/dev/null
	return 0
}
complete -F _premarket premarket
