# SPDX-License-Identifier: MIT
# bash completion for mkbuildfile: commands, options, and recipe names
# from `mkbuildfile list` (with the -I folders already on the line).

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

_mkbuildfile() {
  local cur prev cmd= i
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD - 1]}
  local commands="render check explain show diff graph lint import list schema help"
  local options="-I --set -o -MD -MF --ninja --sysroot --all --json --luals --markdown --Werror --diagnostics= --help --version"

  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      -I | -o | -MF | --ninja | --sysroot | --set) ((i++)) ;;
      -*) ;;
      *) cmd=${COMP_WORDS[i]}; break ;;
    esac
  done

  case $prev in
    -I | --ninja | --sysroot) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    -o | -MF) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    --set) return ;;
  esac
  case $cur in
    --diagnostics=*) COMPREPLY=($(compgen -W "text json sarif" -- "${cur#--diagnostics=}")); return ;;
    -*)
      if [ "$cmd" = help ]; then COMPREPLY=($(compgen -W "--man" -- "$cur")); return; fi
      COMPREPLY=($(compgen -W "$options" -- "$cur"))
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
    lint | import) COMPREPLY=($(compgen -f -X '!*.@(build|qvmconf|partial)' -- "$cur") $(compgen -d -- "$cur")) ;;
    help) COMPREPLY=($(compgen -W "$commands --man" -- "$cur")) ;;
  esac
}

complete -F _mkbuildfile mkbuildfile
