# SPDX-License-Identifier: MIT
# bash completion for mkbuildfile: commands, each command's options (from
# its --help, which lists exactly what it takes), the values of
# --diagnostics= and --color=, folders and files, and recipe names from
# `mkbuildfile list` (with the -I folders already on the line). Plain bash:
# neither the bash-completion package nor extglob is needed.

_mkbuildfile_recipes() {
  # $1: board, guest, fragment or "" for any kind
  local words=() i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -I) words+=(-I "${COMP_WORDS[i + 1]}") ;;
      -I*) words+=("${COMP_WORDS[i]}") ;;
    esac
  done
  mkbuildfile list "${words[@]}" 2>/dev/null |
    awk -v kind="$1" 'kind == "" || $2 == kind { print $1 }'
}

# The options of command $1 (all of them without one), as its help lists
# them: "--diagnostics=FORMAT" becomes "--diagnostics=".
_mkbuildfile_options() {
  mkbuildfile ${1:+"$1"} --help 2>/dev/null |
    awk '/^Options:/ { o = 1; next }
         o && /^  -/ { w = $1; sub(/,$/, "", w); sub(/=.*/, "=", w); print w
                       if ($2 ~ /^--/) print $2 }'
}

# Folders, each completed with its '/' and no space after it.
_mkbuildfile_dirs() {
  compopt -o filenames 2>/dev/null
  COMPREPLY=($(compgen -d -- "$1"))
}

# Files named *.build, *.qvmconf or *.partial (and, with $2, *.m4: board
# definitions), and folders to look into.
_mkbuildfile_existing() {
  local f
  compopt -o filenames 2>/dev/null
  COMPREPLY=()
  while IFS= read -r f; do
    if [ -d "$f" ]; then COMPREPLY+=("$f"); continue; fi
    case $f in *.build | *.qvmconf | *.partial) COMPREPLY+=("$f") ;; *.m4) [ -n "${2:-}" ] && COMPREPLY+=("$f") ;; esac
  done < <(compgen -f -- "$1")
}

_mkbuildfile() {
  local cur prev cmd= i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  local commands="render check explain show diff graph lint import list schema help"

  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -I | -o | -MF | --ninja | --mkifs | --sysroot | --set | --sarif-root) ((i++)) ;;
      -* | =) ;;
      *) [ "${COMP_WORDS[i - 1]}" = = ] || { cmd=${COMP_WORDS[i]}; break; } ;;
    esac
  done

  # --diagnostics=VALUE and --color=VALUE: readline splits the line at '='
  # (COMP_WORDBREAKS), so '=' is a word of its own; without that split the
  # option and its value are one word.
  local opt= val=
  if [ "$cur" = = ]; then
    opt=$prev
  elif [ "$prev" = = ] && [ "$COMP_CWORD" -ge 2 ]; then
    opt=${COMP_WORDS[COMP_CWORD - 2]} val=$cur
  else
    case $cur in --diagnostics=* | --color=*) opt=${cur%%=*} val=${cur#*=} ;; esac
  fi
  case $opt in
    --diagnostics) COMPREPLY=($(compgen -W "text json sarif" -- "$val")); return ;;
    --color) COMPREPLY=($(compgen -W "auto always never" -- "$val")); return ;;
  esac

  case $prev in
    -I | --ninja | --sysroot | --sarif-root) _mkbuildfile_dirs "$cur"; return ;;
    -o | -MF | --mkifs) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --set) return ;;
  esac
  case $cur in
    -*)
      COMPREPLY=($(compgen -W "$(_mkbuildfile_options "$cmd")" -- "$cur"))
      # an option ending in '=' takes its value in the same word
      [[ ${COMPREPLY[0]-} == *= ]] && compopt -o nospace 2>/dev/null
      return ;;
  esac

  case $cmd in
    "") COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
    render | check | show | diff | graph) COMPREPLY=($(compgen -W "$(_mkbuildfile_recipes board)" -- "$cur")) ;;
    explain)
      # the board first, then the path: no completion for paths
      local n=0
      for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in -I | -o | --set | --sysroot) ((i++)) ;; -*) ;; *) ((n++)) ;; esac
      done
      [ $n -eq 1 ] && COMPREPLY=($(compgen -W "$(_mkbuildfile_recipes board)" -- "$cur")) ;;
    lint) _mkbuildfile_existing "$cur" ;;
    import) _mkbuildfile_existing "$cur" m4 ;;
    help) COMPREPLY=($(compgen -W "$commands" -- "$cur")) ;;
  esac
}

complete -F _mkbuildfile mkbuildfile
